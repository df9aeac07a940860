import path from "node:path";
import type { Command } from "commander";
import { GmauditError } from "../errors.js";
import { diffResults } from "../follow/diff.js";
import { diffCsvChunks, diffJson, renderDiffTable } from "../follow/render-diff.js";
import { readSavedResult } from "../follow/saved-result.js";
import { assertNotAnInput, assertWritableTarget, writeFileAtomic } from "../output/write.js";
import type { CommandContext } from "./io.js";
import { type Lang, localizeHelp, oneOfLocalized, parseLang } from "./localized.js";

const FORMATS = ["table", "csv", "json"] as const;
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
    "--format": {
      zh: "输出格式：table|csv|json（默认：终端为 table，否则 csv）",
      en: "output format: table|csv|json (default: table on a terminal, else csv)",
    },
    "--out": {
      zh: "写入文件（格式取扩展名 .csv/.json），终端只显示汇总表",
      en: "write to FILE (format from .csv/.json); the terminal shows the summary table",
    },
    "--lang": { zh: "输出语言：zh|en（默认 zh）", en: "language: zh|en (default zh)" },
    "--bom": {
      zh: "CSV 写入 UTF-8 BOM（写 .csv 文件时默认开启）",
      en: "write a UTF-8 BOM in CSV (default on for .csv files)",
    },
    "--no-bom": { zh: "不写 BOM", en: "never write a BOM" },
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
    .summary("rectification follow-up of a bulletin (整改复查)")
    .argument("<baseline>")
    .argument("<recheck>")
    .option("--format <format>")
    .option("--out <file>")
    .option("--lang <lang>")
    .option("--bom")
    .option("--no-bom")
    .option("--fail-on <level>")
    .action(async (baseline: string, recheck: string, flags: DiffFlags) => {
      ctx.setExitCode(await runDiff(baseline, recheck, flags, ctx));
    });
  localizeHelp(cmd, program, HELP);
}

async function runDiff(baselineArg: string, recheckArg: string, flags: DiffFlags, ctx: CommandContext) {
  const { io } = ctx;
  const lang: Lang = parseLang(flags.lang);
  const at = (file: string) => (path.isAbsolute(file) ? file : path.resolve(io.cwd, file));
  const failOn = oneOfLocalized(flags.failOn ?? "outstanding", FAIL_ON, "--fail-on", lang);
  let format =
    flags.format === undefined ? undefined : oneOfLocalized(flags.format, FORMATS, "--format", lang);
  if (flags.out !== undefined) {
    const ext = path.extname(flags.out).toLowerCase();
    const byExt = ext === ".csv" ? "csv" : ext === ".json" ? "json" : undefined;
    format ??= byExt;
    if (format === undefined || format === "table") {
      throw new GmauditError(
        lang === "zh"
          ? `--out ${flags.out}：无法从扩展名判断格式（请用 .csv 或 .json，或给出 --format）`
          : `--out ${flags.out}: cannot tell the format from the extension (use .csv or .json, or --format)`,
      );
    }
    assertWritableTarget(at(flags.out), flags.out);
    assertNotAnInput(at(flags.out), [at(baselineArg), at(recheckArg)]);
  }
  format ??= io.stdout.isTTY === true ? "table" : "csv";

  const baseline = readSavedResult(at(baselineArg), baselineArg, lang);
  const recheck = readSavedResult(at(recheckArg), recheckArg, lang);
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
