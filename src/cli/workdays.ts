import path from "node:path";
import { type Command, Option } from "commander";
import { configFor } from "../config/load.js";
import { resolveRunSettings } from "../config/resolve.js";
import { UsageError } from "../errors.js";
import { message } from "../i18n.js";
import { phrases, SETUP_PHRASES } from "../output/labels.js";
import { type DayInfo, loadCalendarFile, WorkCalendar } from "../time/calendar.js";
import { parseCivilDate } from "../time/parse.js";
import { dayNumber, isoWeekday } from "../time/zone.js";
import type { CommandContext } from "./io.js";
import { configOption, noConfigOption } from "./localize.js";

const EXAMPLES_ZH = `
示例：
  $ gmaudit workdays 2026-09-30 3              2026-09-30 之后的第 3 个工作日 → 2026-10-10（调休上班）
  $ gmaudit workdays 2026-10-01                这一天是否工作日？→ 休息日（国庆节）
  $ gmaudit workdays 2026-09-30 3 --json       同上，JSON 格式，供脚本使用
  $ gmaudit workdays 2027-01-04 --calendar 2027节假日.json   内置数据未覆盖的年份

与 gmaudit check 一样读取当前文件夹中的 gmaudit.config.json（或 --config 文件）：其中的 calendar、
strictCalendar 和 lang 在未用选项另行指定时生效，因此这里算出的期限与检查时一致。
`;
const EXAMPLES_EN = `
Examples:
  $ gmaudit workdays 2026-09-30 3              the 3rd working day after 2026-09-30 → 2026-10-10 (a make-up working day)
  $ gmaudit workdays 2026-10-01                is it a working day? → rest day (National Day)
  $ gmaudit workdays 2026-09-30 3 --json       the same as JSON, for scripts
  $ gmaudit workdays 2027-01-04 --calendar holidays-2027.json   a year the built-in data does not cover

As gmaudit check does, it reads gmaudit.config.json in the current directory (or --config FILE): its
calendar, strictCalendar and lang apply unless a flag says otherwise, so a deadline checked here is the
one the audit computes.
`;

const MAX_N = 1000;

type Lang = "zh" | "en";

const WEEKDAYS: Record<Lang, readonly string[]> = {
  zh: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

const LABELS = {
  zh: { working: "工作日", rest: "休息日", weekend: "周末", makeup: "调休上班" },
  en: { working: "working day", rest: "rest day", weekend: "weekend", makeup: "make-up working day" },
} as const;

interface WorkdaysOptions {
  calendar?: string;
  strictCalendar?: boolean;
  json?: boolean;
  lang?: Lang;
  /** `--config FILE`, or false for `--no-config`. */
  config?: string | boolean;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** `2026-10-01 星期四 休息日 (国庆节)` */
function describeDay(info: DayInfo, lang: Lang): string {
  const l = LABELS[lang];
  const weekday = WEEKDAYS[lang][isoWeekday(dayNumber(info.date)) - 1];
  const name = info.holiday?.[lang];
  const notes: string[] = [];
  if (info.reason === "weekend") notes.push(l.weekend);
  if (info.reason === "holiday") notes.push(name ?? l.rest);
  if (info.reason === "makeup-workday") notes.push(l.makeup, ...(name ? [name] : []));
  const note = notes.length ? ` (${notes.join(", ")})` : "";
  return `${info.date} ${weekday} ${info.workingDay ? l.working : l.rest}${note}`;
}

/** `第3个工作日: 2026-10-10 (星期六, 调休上班)` */
function describeAfter(n: number, from: string, info: DayInfo, lang: Lang): string {
  const weekday = WEEKDAYS[lang][isoWeekday(dayNumber(info.date)) - 1];
  const detail = info.reason === "makeup-workday" ? `${weekday}, ${LABELS[lang].makeup}` : weekday;
  const head = lang === "zh" ? `第${n}个工作日` : `${ordinal(n)} working day after ${from}`;
  return `${head}: ${info.date} (${detail})`;
}

/** `gmaudit workdays <date> [n]` (PRODUCT §2): is the date a working day, and its n-th working day after. */
export function registerWorkdays(program: Command, ctx: CommandContext): void {
  const zh = ctx.lang === "zh";
  const L = (zhText: string, enText: string) => (zh ? zhText : enText);
  program
    .command("workdays")
    .description(
      L(
        "日历工具：某天是否工作日（及原因）；给出 N 时，算出其后的第 N 个工作日",
        "calendar helper: is <date> a working day (and why); with N, the N-th working day after it",
      ),
    )
    .argument(
      L("<日期>", "<date>"),
      L(
        "日期：2026-09-30、2026/9/30、2026年9月30日、20260930",
        "a date: 2026-09-30, 2026/9/30, 2026年9月30日, 20260930",
      ),
    )
    .argument(
      "[N]",
      L(
        `往后数 N 个工作日（1–${MAX_N}）；当天不计入`,
        `count N working days after the date (1–${MAX_N}); the date itself is not counted`,
      ),
    )
    .option(
      L("--calendar <文件>", "--calendar <file>"),
      L(
        "补充节假日数据：holiday-cn JSON 或 date,type 两列的 CSV（覆盖内置数据）",
        "extra holiday data: holiday-cn JSON or CSV date,type (merged over the built-in)",
      ),
    )
    .option(
      "--strict-calendar",
      L(
        "年份无节假日数据时报错（退出码 2），而不是只按周末计算",
        "fail (exit 2) instead of using plain weekends for a year without holiday data",
      ),
    )
    .option("--json", L("输出 JSON", "print JSON"))
    .addOption(configOption(ctx.lang))
    .addOption(noConfigOption(ctx.lang))
    .addOption(
      new Option(
        L("--lang <语言>", "--lang <lang>"),
        L(
          "文字输出的语言（默认：配置文件中的，否则 zh）",
          "language of the text output (default: the config's, else zh)",
        ),
      ).choices(["zh", "en"]),
    )
    .addHelpText("after", L(EXAMPLES_ZH, EXAMPLES_EN))
    .action(async (dateText: string, nText: string | undefined, options: WorkdaysOptions) => {
      const date = parseCivilDate(dateText);
      if (date === undefined)
        throw new UsageError(
          message(
            "workdays.not-a-date",
            `“${dateText}”不是日期（例如 2026-09-30）`,
            `"${dateText}" is not a date (e.g. 2026-09-30)`,
          ),
        );
      let n: number | undefined;
      if (nText !== undefined) {
        n = /^\d+$/.test(nText.trim()) ? Number(nText.trim()) : Number.NaN;
        if (!(n >= 1 && n <= MAX_N)) {
          throw new UsageError(
            message(
              "workdays.bad-n",
              `工作日数须为 1 至 ${MAX_N} 的整数（收到“${nText}”）`,
              `N must be a whole number of working days from 1 to ${MAX_N} (got "${nText}")`,
            ),
          );
        }
      }

      // The same calendar settings as `check`: flags > gmaudit.config.json.
      const config = configFor(options.config, ctx.io.cwd);
      const settings = resolveRunSettings(
        {
          ...(options.calendar === undefined ? {} : { calendar: options.calendar }),
          ...(options.strictCalendar === undefined ? {} : { strictCalendar: options.strictCalendar }),
          ...(options.lang === undefined ? {} : { lang: options.lang }),
        },
        config,
        ctx.io.cwd,
      );
      const lang = settings.lang;
      if (config !== undefined)
        ctx.io.stderr.write(`gmaudit: ${SETUP_PHRASES[lang].configUsed(config.where)}\n`);
      let calendar = WorkCalendar.builtIn({ strict: settings.strictCalendar });
      if (settings.calendarFile !== undefined) {
        calendar = calendar.withOverrides(
          await loadCalendarFile(path.resolve(ctx.io.cwd, settings.calendarFile)),
        );
      }

      const day = dayNumber(date);
      const info = calendar.dayInfo(day);
      const after = n === undefined ? undefined : calendar.dayInfo(calendar.addWorkingDays(day, n));
      const warnings = calendar.warnings.map((w) => w[lang]);

      if (options.json) {
        const out = {
          date: info.date,
          workingDay: info.workingDay,
          reason: info.reason,
          ...(info.holiday ? { holiday: info.holiday } : {}),
          ...(after && n !== undefined ? { after: { n, date: after.date } } : {}),
          ...(warnings.length ? { warnings } : {}),
        };
        ctx.io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const w of warnings) ctx.io.stderr.write(`gmaudit: ${phrases(lang).warning}: ${w}\n`);
        ctx.io.stdout.write(`${describeDay(info, lang)}\n`);
        if (after && n !== undefined) ctx.io.stdout.write(`${describeAfter(n, date, after, lang)}\n`);
      }
      ctx.setExitCode(0);
    });
}
