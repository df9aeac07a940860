import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { GmauditError } from "../errors.js";
import { assessUnits, resolveAssessment } from "../follow/assessment.js";
import {
  type AssessmentReport,
  assessCsvChunks,
  assessJson,
  renderAssessTable,
} from "../follow/render-assess.js";
import { readSavedDiff } from "../follow/saved-result.js";
import { readUnitFacts, type UnitFacts } from "../follow/unit-facts.js";
import type { Lang } from "../i18n.js";
import { message } from "../i18n.js";
import { assertNotAnInput, assertWritableTarget, writeFileAtomic } from "../output/write.js";
import { type AuditOptions, audit } from "../pipeline.js";
import { resolveProfile } from "../profiles/resolve.js";
import { ACCOUNTS_NAMES, type CompanionKind, discoverInputs, findByName } from "./discover.js";
import type { CommandContext } from "./io.js";
import {
  argName,
  followFormat,
  localizeHelp,
  OUTPUT_OPTION_HELP,
  parseLang,
  withOutputOptions,
} from "./localized.js";

/** Names the unit-facts table is found under beside the accounts file. */
export const UNIT_FACTS_NAMES: readonly string[] = ["单位考核", "unit-facts"];

interface AssessFlags {
  year?: string;
  unitFacts?: string;
  rectification?: string[];
  posts?: string;
  messages?: string;
  filings?: string;
  findings?: string;
  profile?: string;
  tz?: string;
  calendar?: string;
  format?: string;
  out?: string;
  lang?: string;
  bom?: boolean;
}

const HELP = {
  description: {
    zh: "单位年度考核：对全年四个季度分别检查，按昆政办发〔2019〕162号 附件3《政务新媒体监管工作年度考核指标》为每个单位评分（单项否决、扣分指标及其上限、低于60分不合格、高于80分进入加分环节），每项给出依据和出处；数据与单位考核表都未提供的项目记为“未评估”，不按满分计。",
    en: "Annual assessment of units: runs the year's four quarterly checks and scores every unit by the Kunshan assessment of units (Annex 3; veto items, deductions within their caps, below 60 fails, above 80 the bonus stage), each item with its evidence and source; an item neither the data nor the unit facts answer is not evaluated, never full marks.",
  },
  args: {
    accounts: {
      zh: "备案台账（CSV/TSV/JSON）；发布、留言、备案、检查记录在同一文件夹时自动使用",
      en: "the account registry; posts, messages, filings and findings beside it are used",
    },
  },
  options: {
    ...OUTPUT_OPTION_HELP,
    "--year": { zh: "考核年度，如 2026（必填）", en: "the year assessed, e.g. 2026 (required)" },
    "--unit-facts": {
      zh: "单位考核表（CSV/JSON，中文表头；模板由 gmaudit init 生成；默认找台账旁的 单位考核.csv）",
      en: "the unit facts (CSV/JSON, Chinese headers; template from gmaudit init; default 单位考核.csv beside the registry)",
    },
    "--rectification": {
      zh: "本年度各次通报的整改复查结果（gmaudit diff --format json），单位考核表未填“通报整改未到位”时据此评分",
      en: "the year's rectification follow-ups (gmaudit diff --format json): they answer the rectification item where the unit facts leave it blank",
    },
    "--posts": { zh: "发布记录", en: "publication log" },
    "--messages": { zh: "留言记录", en: "messages and replies" },
    "--filings": { zh: "备案记录", en: "filing records" },
    "--findings": { zh: "人工检查记录", en: "manual inspection findings" },
    "--profile": {
      zh: "方案（内置名称或 JSON 文件），决定采用哪套考核（默认 kunshan）",
      en: "profile (built-in name or JSON file): it decides the assessment (default kunshan)",
    },
    "--tz": { zh: "时区（默认 Asia/Shanghai）", en: "time zone (default Asia/Shanghai)" },
    "--calendar": { zh: "补充节假日数据", en: "extra holiday data" },
    "--out": { zh: "写入文件（格式取扩展名 .csv/.json）", en: "write to FILE (format from .csv/.json)" },
  },
  examples: {
    zh: `示例：
  $ gmaudit init                                         生成单位考核表模板 单位考核.csv 等
  $ gmaudit assess --year 2026 备案台账.csv               四个季度的检查 + 台账旁的 单位考核.csv
  $ gmaudit assess --year 2026 备案台账.csv --unit-facts 单位考核.csv --out 年度考核.csv
  $ gmaudit assess --year 2026 备案台账.csv --rectification 整改复查-一季度.json 整改复查-三季度.json
  $ gmaudit assess --year 2026 备案台账.csv --profile 我市考核.json --format json
      方案文件 {"extends": "kunshan", "assessment": {"items": {"appraisal": {"enabled": false}}}} 可停用或改价考核项
`,
    en: `Examples:
  $ gmaudit init                                         writes the unit-facts template 单位考核.csv among others
  $ gmaudit assess --year 2026 accounts.csv --lang en     the four quarterly checks + 单位考核.csv beside it
  $ gmaudit assess --year 2026 accounts.csv --unit-facts facts.csv --out assessment.csv
  $ gmaudit assess --year 2026 accounts.csv --rectification follow-up-q1.json follow-up-q3.json
  $ gmaudit assess --year 2026 accounts.csv --profile ours.json --format json
      a profile {"extends": "kunshan", "assessment": {"items": {"appraisal": {"enabled": false}}}} switches items off or reprices them
`,
  },
};

export function registerAssess(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("assess")
    .summary(ctx.lang === "zh" ? "单位年度考核" : "annual assessment of units")
    .argument(`[${argName("accounts", ctx.lang)}]`)
    .option("--year <year>")
    .option("--unit-facts <file>")
    .option("--rectification <files...>")
    .option("--posts <file>")
    .option("--messages <file>")
    .option("--filings <file>")
    .option("--findings <file>")
    .option("--profile <name|file>")
    .option("--tz <zone>")
    .option("--calendar <file>");
  withOutputOptions(cmd).action(async (accounts: string | undefined, flags: AssessFlags) => {
    ctx.setExitCode(await runAssess(accounts, flags, ctx));
  });
  localizeHelp(cmd, program, HELP, ctx.lang);
}

async function runAssess(
  accountsArg: string | undefined,
  flags: AssessFlags,
  ctx: CommandContext,
): Promise<0> {
  const { io } = ctx;
  const lang: Lang = parseLang(flags.lang ?? ctx.lang);
  const say = (zh: string, en: string) => (lang === "zh" ? zh : en);
  const at = (file: string) => (path.isAbsolute(file) ? file : path.resolve(io.cwd, file));

  if (flags.year === undefined || !/^\d{4}$/.test(flags.year.trim())) {
    throw new GmauditError(
      message(
        "assess.year",
        `请用 --year 给出考核年度（四位数字，如 --year 2026）${flags.year === undefined ? "" : `，收到“${flags.year}”`}`,
        `give the year assessed with --year (four digits, e.g. --year 2026)${flags.year === undefined ? "" : `; got "${flags.year}"`}`,
      ),
    );
  }
  const year = Number(flags.year.trim());
  const format = followFormat(flags, lang, io.stdout.isTTY === true);
  const profile = resolveProfile(flags.profile ?? "kunshan", [], io.cwd);
  const items = resolveAssessment(profile, lang);

  const accounts = accountsArg ?? findByName(at("."), ACCOUNTS_NAMES);
  if (accounts === undefined || !existsSync(at(accounts))) {
    throw new GmauditError(
      message(
        "assess.no-accounts",
        accounts === undefined
          ? "未给出备案台账，当前文件夹中也未找到（accounts.csv、备案台账.csv）"
          : `${accounts}：文件不存在`,
        accounts === undefined
          ? "no accounts file given, and none found here (accounts.csv, 备案台账.csv)"
          : `${accounts}: no such file`,
      ),
    );
  }
  const accountsFile = at(accounts);
  const explicit: Partial<Record<CompanionKind, string>> = {};
  for (const kind of ["posts", "messages", "filings", "findings"] as const) {
    const given = flags[kind];
    if (given !== undefined) explicit[kind] = at(given);
  }
  const discovery = discoverInputs(accountsFile, explicit);
  const factsFile =
    flags.unitFacts === undefined
      ? findByName(path.dirname(accountsFile), UNIT_FACTS_NAMES, [accountsFile])
      : at(flags.unitFacts);
  if (factsFile !== undefined && !existsSync(factsFile)) {
    throw new GmauditError(
      message("assess.no-facts", `${flags.unitFacts}：文件不存在`, `${flags.unitFacts}: no such file`),
    );
  }
  if (flags.out !== undefined) {
    const inputs = [
      ...Object.values(discovery.files).filter((f): f is string => f !== undefined),
      ...(factsFile ? [factsFile] : []),
      ...(flags.rectification ?? []).map(at),
    ];
    assertWritableTarget(at(flags.out), flags.out);
    assertNotAnInput(at(flags.out), inputs);
  }

  const facts: UnitFacts[] =
    factsFile === undefined
      ? []
      : await readUnitFacts(factsFile, path.relative(io.cwd, factsFile) || factsFile, lang);
  if (factsFile === undefined) {
    io.stderr.write(
      `gmaudit: ${say("未找到单位考核表（单位考核.csv）：只由单位提供的项目记为“未评估”", "no unit facts (单位考核.csv): the items only the office knows are not evaluated")}\n`,
    );
  }

  const rectification = (flags.rectification ?? []).map((f) => readSavedDiff(at(f), f));
  const quarters = [];
  for (const q of [1, 2, 3, 4]) {
    const options: AuditOptions = {
      files: discovery.files,
      now: io.now(),
      cwd: io.cwd,
      version: ctx.version,
      period: `${year}Q${q}`,
      profile: flags.profile ?? "kunshan",
      ...(flags.tz === undefined ? {} : { tz: flags.tz }),
      ...(flags.calendar === undefined ? {} : { calendarFile: at(flags.calendar) }),
    };
    quarters.push(await audit(options));
  }
  // The checks' own warnings (stale exports, a monitoring time after today, calendar gaps), each once.
  const said = new Set<string>();
  for (const q of quarters) {
    for (const w of [...q.calendar.warnings, ...q.warnings]) {
      const line = `${q.period}: ${w[lang]}`;
      if (said.has(w[lang])) continue;
      said.add(w[lang]);
      io.stderr.write(`gmaudit: ${line}\n`);
    }
  }
  const report: AssessmentReport = {
    year,
    profile: profile.id,
    quarters,
    units: assessUnits({ year, quarters, facts, items, rectification }),
  };
  const text =
    format === "json"
      ? assessJson(report, lang)
      : format === "csv"
        ? [...assessCsvChunks(report, lang, flags.bom ?? flags.out !== undefined)].join("")
        : renderAssessTable(report, lang);
  if (flags.out !== undefined) await writeFileAtomic(at(flags.out), text);
  else io.stdout.write(text);
  return 0;
}
