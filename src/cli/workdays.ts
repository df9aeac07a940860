import path from "node:path";
import { type Command, Option } from "commander";
import { configFor } from "../config/load.js";
import { resolveRunSettings } from "../config/resolve.js";
import { UsageError } from "../errors.js";
import { phrases, SETUP_PHRASES } from "../output/labels.js";
import { type DayInfo, loadCalendarFile, WorkCalendar } from "../time/calendar.js";
import { parseCivilDate } from "../time/parse.js";
import { dayNumber, isoWeekday } from "../time/zone.js";
import type { CommandContext } from "./io.js";

const EXAMPLES = `
Examples:
  $ gmaudit workdays 2026-09-30 3              the 3rd working day after 2026-09-30 → 2026-10-10 (调休上班)
  $ gmaudit workdays 2026-10-01                is it a working day? → 休息日 (国庆节)
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
  program
    .command("workdays")
    .description("calendar helper: is <date> a working day (and why); with N, the N-th working day after it")
    .argument("<date>", "a date: 2026-09-30, 2026/9/30, 2026年9月30日, 20260930")
    .argument("[n]", `count N working days after the date (1–${MAX_N}); the date itself is not counted`)
    .option(
      "--calendar <file>",
      "extra holiday data: holiday-cn JSON or CSV date,type (merged over the built-in)",
    )
    .option(
      "--strict-calendar",
      "fail (exit 2) instead of using plain weekends for a year without holiday data",
    )
    .option("--json", "print JSON")
    .option("--config <file>", "a gmaudit.config.json (default: the one in the current directory, if any)")
    .option("--no-config", "ignore gmaudit.config.json in the current directory")
    .addOption(
      new Option("--lang <lang>", "language of the text output (default: the config's, else zh)").choices([
        "zh",
        "en",
      ]),
    )
    .addHelpText("after", EXAMPLES)
    .action(async (dateText: string, nText: string | undefined, options: WorkdaysOptions) => {
      const date = parseCivilDate(dateText);
      if (date === undefined) throw new UsageError(`"${dateText}" is not a date (e.g. 2026-09-30)`);
      let n: number | undefined;
      if (nText !== undefined) {
        n = /^\d+$/.test(nText.trim()) ? Number(nText.trim()) : Number.NaN;
        if (!(n >= 1 && n <= MAX_N)) {
          throw new UsageError(
            `N must be a whole number of working days from 1 to ${MAX_N} (got "${nText}")`,
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
