import path from "node:path";
import type { Command } from "commander";
import { diffResults } from "../follow/diff.js";
import { diffCsvChunks, diffJson, renderDiffTable } from "../follow/render-diff.js";
import { readSavedResult } from "../follow/saved-result.js";
import type { Lang } from "../i18n.js";
import { assertNotAnInput, assertWritableTarget, writeFileAtomic } from "../output/write.js";
import type { CommandContext } from "./io.js";
import {
  argName,
  followFormat,
  localizeHelp,
  OUTPUT_OPTION_HELP,
  oneOfLocalized,
  parseLang,
  withOutputOptions,
} from "./localized.js";

const FAIL_ON = ["outstanding", "never"] as const;

interface DiffFlags {
  format?: string;
  out?: string;
  lang?: string;
  bom?: boolean;
  failOn?: string;
}

const HELP = {
  description: {
    zh: "通报整改复查：比较基线与复查两次 check 的 JSON 结果，逐单位、逐账号列出已整改、未整改、未复查的问题和新增问题；历史问题（迟复、迟报备、过去的未更新周）不计。有未整改问题时退出码为 1。",
    en: "Rectification follow-up: compare a baseline and a re-check (JSON results of gmaudit check) and list, per unit and account, each rectifiable problem as rectified, outstanding or not re-checked, and the new problems apart; past events (late replies and filings, past empty weeks) are not counted. Exit 1 when a problem is outstanding.",
  },
  args: {
    baseline: {
      zh: "基线结果（通报所依据的 check --format json 输出）",
      en: "the baseline result (the check --format json the bulletin was made from)",
    },
    recheck: {
      zh: "复查结果（同一台账、更晚的监测时间点）",
      en: "the re-check result (same registry, later monitoring time)",
    },
  },
  options: {
    ...OUTPUT_OPTION_HELP,
    "--out": {
      zh: "写入文件（格式取扩展名 .csv/.json），终端只显示汇总表",
      en: "write to FILE (format from .csv/.json); the terminal shows the summary table",
    },
    "--fail-on": {
      zh: "何时退出码为 1：outstanding（有未整改问题，默认）|never",
      en: "exit 1 when: outstanding (a problem not rectified, default) | never",
    },
  },
  examples: {
    zh: `示例：
  $ gmaudit check 备案台账.csv --period 2026Q3 --format json > 基线.json
  $ gmaudit check 备案台账.csv --as-of 2026-10-20 --format json > 复查.json
  $ gmaudit diff 基线.json 复查.json                      逐单位显示整改情况
  $ gmaudit diff 基线.json 复查.json --out 整改情况.csv     写给 Excel 的明细（每个问题一行）
  $ gmaudit diff 基线.json 复查.json --format json --fail-on never
`,
    en: `Examples:
  $ gmaudit check accounts.csv --period 2026Q3 --format json > baseline.json
  $ gmaudit check accounts.csv --as-of 2026-10-20 --format json > recheck.json
  $ gmaudit diff baseline.json recheck.json --lang en          per unit: rectified, outstanding, new
  $ gmaudit diff baseline.json recheck.json --out follow-up.csv  one row per problem, for Excel
  $ gmaudit diff baseline.json recheck.json --format json --fail-on never
`,
  },
};

export function registerDiff(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("diff")
    .summary(
      ctx.lang === "zh" ? "通报整改复查：已整改、未整改、新问题" : "rectification follow-up of a bulletin",
    )
    .argument(`<${argName("baseline", ctx.lang)}>`)
    .argument(`<${argName("recheck", ctx.lang)}>`)
    .option("--fail-on <level>");
  withOutputOptions(cmd).action(async (baseline: string, recheck: string, flags: DiffFlags) => {
    ctx.setExitCode(await runDiff(baseline, recheck, flags, ctx));
  });
  localizeHelp(cmd, program, HELP, ctx.lang);
}

async function runDiff(baselineArg: string, recheckArg: string, flags: DiffFlags, ctx: CommandContext) {
  const { io } = ctx;
  const lang: Lang = parseLang(flags.lang ?? ctx.lang);
  const at = (file: string) => (path.isAbsolute(file) ? file : path.resolve(io.cwd, file));
  const failOn = oneOfLocalized(flags.failOn ?? "outstanding", FAIL_ON, "--fail-on", lang);
  const format = followFormat(flags, lang, io.stdout.isTTY === true);
  if (flags.out !== undefined) {
    assertWritableTarget(at(flags.out), flags.out);
    assertNotAnInput(at(flags.out), [at(baselineArg), at(recheckArg)]);
  }

  const baseline = readSavedResult(at(baselineArg), baselineArg);
  const recheck = readSavedResult(at(recheckArg), recheckArg);
  const result = diffResults(baseline, recheck, lang);

  const text =
    format === "json"
      ? diffJson(result, lang)
      : format === "csv"
        ? [...diffCsvChunks(result, lang, flags.bom ?? flags.out !== undefined)].join("")
        : renderDiffTable(result, lang);
  if (flags.out !== undefined) {
    await writeFileAtomic(at(flags.out), text);
    io.stdout.write(renderDiffTable(result, lang, true));
  } else io.stdout.write(text);
  return failOn === "outstanding" && result.summary.outstanding > 0 ? 1 : 0;
}
