import { FAIL_ON_LEVELS } from "../config/schema.js";
import type { Lang } from "../i18n.js";
import { OUTPUT_FORMATS, outputExtensionList } from "../output/index.js";

/** The help of `check`, one language at a time. */
export const CHECK_HELP = {
  zh: {
    summary: "检查并评分账号（主要功能）",
    description: "按评分方案的规则检查备案台账中的每个账号，评分，并输出或写入结果。",
    accounts: "账号台账（备案台账）：CSV、TSV、JSON、NDJSON 或 .xlsx 工作簿",
    file: "<文件>",
    posts: "发布记录",
    messages: "留言记录（公众留言及答复）",
    filings: "备案记录",
    findings: "人工检查记录",
    asOf: "监测时间点；只写日期表示当天结束时（默认：现在）",
    period: "检查期间：2026Q3、2026-09、2026 或 2026W38（同时确定起止时间）",
    from: "监测起始日（当天 0 点；默认：监测时间点前 27 天）",
    profile: "内置评分方案名或评分方案 JSON 文件（默认：配置文件中的，否则 jiangsu）",
    calendar: "补充节假日/调休数据（holiday-cn JSON 或 date,type 两列的 CSV）",
    strictCalendar: "日历未覆盖监测期所在年份时报错",
    tz: "时区（IANA 名称；默认：配置文件中的，否则 Asia/Shanghai）",
    format: `输出格式：${OUTPUT_FORMATS.join("|")}（默认：终端上为 table，否则 csv；xlsx 须配合 --out）`,
    out: `把账号结果写入文件（格式由扩展名 ${outputExtensionList("all").join("/")} 决定）`,
    findingsOut: `把问题明细（每个问题一行）写入文件（${outputExtensionList("byFormat").join("、")}）`,
    unitsOut: `把主办单位得分（每个单位一行）写入文件（${outputExtensionList("byFormat").join("、")}）`,
    units: "同时显示主办单位表（表格输出；JSON 总是包含单位）",
    lang: "输出语言：zh|en（默认：环境变量 GMAUDIT_LANG 或配置文件中的，否则 zh）",
    bom: "CSV 带 UTF-8 BOM（默认：写入 .csv 文件或用 > 重定向到文件时带，管道和终端不带）",
    noBom: "CSV 一律不带 UTF-8 BOM",
    failOn: `账号达到该级别时退出码为 1：${FAIL_ON_LEVELS.join("|")}（默认：配置文件中的，否则 fail）`,
    warnWithin: "预警：再过几天不更新即触发“2周无更新”单项否决的账号",
    skipInvalid: "跳过无效的输入行继续检查（结果标注“数据不完整”）",
    encoding: "输入文件编码（默认自动识别：UTF-8、带 BOM 的 UTF-16、GB18030）",
    maxErrors: "最多列出几处输入错误",
    account: "只输出一个账号的评分卡（每条规则、扣分封顶计算、结论），代替结果",
    quiet: "标准错误上只输出错误和退出码为 1 时的提示",
    noColor: "不使用颜色（也遵循环境变量 NO_COLOR）",
    examples: `
同一文件夹中的配套文件：未用选项指定时，在账号台账旁查找 发布记录.* posts.*、留言记录.* messages.*、
备案记录.* filings.*、检查记录.* findings.*（.csv .tsv .txt .json .ndjson .jsonl .xlsx）。作为账号台账给出的工作簿可把各表
放在各工作表中（备案台账、发布记录、留言记录、备案记录、检查记录，或按表头识别）；台账.xlsx#发布记录 指定一个工作表。
缺少输入的检查记为“未评估”，不视为合格。

退出码：0 没有账号达到 --fail-on 级别；1 有账号达到；2 用法或输入错误（不写任何结果）。
使用 --warn-within 时，即将被单项否决的账号在退出码上按已否决计（得分不变），并在标准错误上列出。

示例：
  $ gmaudit check 备案台账.csv --period 2026Q3
      检查第三季度；同一文件夹中的 发布记录.csv、留言记录.csv 等自动使用
  $ gmaudit check 备案台账.csv --as-of 2026-09-30 --out 结果.csv --findings-out 问题.csv --units-out 单位.csv
      写出账号结果、问题明细和单位得分，供 Excel/WPS 打开（UTF-8 带 BOM）
  $ gmaudit check 备案台账.csv --period 2026Q3 > 结果.csv
      重定向到文件同样带 BOM
  $ gmaudit check 台账.xlsx --period 2026Q3 --out 结果.xlsx
      从一个工作簿的各工作表读取所有表，写出结果工作簿（4 个工作表）
  $ gmaudit check 备案台账.csv --period 2026Q3 --account 清河卫健
      一个账号为什么被扣分：每条规则、证据和扣分封顶计算
  $ gmaudit check 备案台账.csv --fail-on veto --warn-within 3 --quiet --out /var/gmaudit/today.csv
      供定时任务使用：有账号被单项否决或 3 天内将被否决时退出码为 1，并在标准错误上输出一行
`,
  },
  en: {
    summary: "audit and score the accounts (the main job)",
    description:
      "Audit every registered account against the profile's rules, score it, and print or write the results.",
    accounts: "the account registry: CSV, TSV, JSON, NDJSON or an .xlsx workbook",
    file: "<file>",
    posts: "publication log",
    messages: "public messages and replies",
    filings: "filing records",
    findings: "manual inspection findings",
    asOf: "monitoring time point; a bare date means the end of that day (default: now)",
    period: "audit period: 2026Q3, 2026-09, 2026 or 2026W38 (sets from and as-of)",
    from: "window start (00:00 of that day; default: 27 days before as-of's day)",
    profile: "built-in profile name or profile JSON file (default: the config's, else jiangsu)",
    calendar: "extra holiday / working-day data (holiday-cn JSON or CSV date,type)",
    strictCalendar: "treat a window outside the calendar's covered years as an error",
    tz: "IANA time zone of the audit (default: the config's, else Asia/Shanghai)",
    format: `output format: ${OUTPUT_FORMATS.join("|")} (default: table on a terminal, else csv; xlsx needs --out)`,
    out: `write the account results to FILE (format from ${outputExtensionList("all").join("/")})`,
    findingsOut: `write one row per finding to FILE (${outputExtensionList("byFormat").join(", ")})`,
    unitsOut: `write one row per host unit to FILE (${outputExtensionList("byFormat").join(", ")})`,
    units: "also print the host unit table (table output; JSON always has units)",
    lang: "language of everything a person reads: zh|en (default: GMAUDIT_LANG or the config's, else zh)",
    bom: "write a UTF-8 BOM in CSV (default: on for .csv files and > file, off on a pipe or terminal)",
    noBom: "never write a UTF-8 BOM",
    failOn: `exit 1 when an account reaches: ${FAIL_ON_LEVELS.join("|")} (default: the config's, else fail)`,
    warnWithin: "warn about active accounts that hit the 2-week veto within DAYS days",
    skipInvalid: "go on without invalid input rows (the run is marked data incomplete)",
    encoding: "input encoding (default: detected: UTF-8, UTF-16 with BOM, GB18030)",
    maxErrors: "list at most N input errors",
    account:
      "print one account's score card instead of the results (every rule, the cap arithmetic, the verdict)",
    quiet: "print nothing on stderr but errors and the exit-1 alert",
    noColor: "no colours (NO_COLOR is honoured too)",
    examples: `
Companion files: unless given by a flag, posts/messages/filings/findings are looked for beside the
accounts file as posts.* 发布记录.*, messages.* 留言记录.*, filings.* 备案记录.*, findings.* 检查记录.*
(.csv .tsv .txt .json .ndjson .jsonl .xlsx). A workbook given as the accounts file may hold all the
tables as sheets (named by their Chinese or English table names, or found by their headers); name one
sheet as registry.xlsx#posts. A check whose input is absent is "not evaluated", never passed.

Exit codes: 0 nothing reached --fail-on; 1 some account did; 2 usage or input error (nothing written).
With --warn-within, an account about to be vetoed counts as vetoed for the exit code (its score does not
change), and the line on stderr names it.

Examples:
  $ gmaudit check accounts.csv --period 2026Q3
      audit the third quarter; posts.csv, messages.csv … beside accounts.csv are used
  $ gmaudit check accounts.csv --as-of 2026-09-30 --out result.csv --findings-out findings.csv --units-out units.csv
      write the results, every finding and the unit scores for Excel (UTF-8 with BOM)
  $ gmaudit check registry.xlsx --period 2026Q3 --out results.xlsx
      read every table from the sheets of one workbook; write a results workbook (4 sheets)
  $ gmaudit check accounts.csv --format json --lang en > result.json
  $ gmaudit check accounts.csv --period 2026Q3 --account QH-007
      why an account lost its points: every rule, its evidence and the cap arithmetic
  $ gmaudit check accounts.csv --fail-on veto --warn-within 3 --quiet --out /var/gmaudit/today.csv
      for cron: exit 1 (and one line on stderr) when an account is vetoed or will be within 3 days
`,
  },
} as const satisfies Record<Lang, Record<string, string>>;
