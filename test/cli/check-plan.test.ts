import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CheckFlags, type CheckInputs, planCheck } from "../../src/cli/check-plan.js";
import type { LoadedConfig } from "../../src/config/load.js";
import { GmauditError } from "../../src/errors.js";

// planCheck reads no file and no clock: these inputs are all it sees (built-in profiles only, which
// are not files), so each case is a few lines of data.
const CWD = path.resolve("/office/audit");
const CONFIG_FILE = path.join(CWD, "gmaudit.config.json");

function inputs(flags: Partial<CheckFlags> = {}, more: Partial<CheckInputs> = {}): CheckInputs {
  return {
    accounts: "accounts.csv",
    flags: { maxErrors: "50", color: true, ...flags },
    config: undefined,
    cwd: CWD,
    processCwd: CWD,
    now: 1_000,
    version: "9.9.9",
    env: {},
    stdout: {},
    stderr: {},
    ...more,
  };
}

function config(values: Partial<LoadedConfig> = {}): LoadedConfig {
  return { file: CONFIG_FILE, where: "gmaudit.config.json", rules: {}, ...values };
}

const filingWorkdays = (plan: ReturnType<typeof planCheck>) =>
  plan.profile.rules.find((r) => r.rule.id === "filing-deadline")!.params.workdays;

/** The id of the error planCheck throws for these inputs. */
function errorId(given: CheckInputs): string {
  try {
    planCheck(given);
  } catch (err) {
    expect(err).toBeInstanceOf(GmauditError);
    return (err as GmauditError).id;
  }
  throw new Error("planCheck did not throw");
}

describe("planCheck: each setting from the highest layer that has it", () => {
  it("the built-in defaults when nothing is given", () => {
    const plan = planCheck(inputs());
    expect(plan).toMatchObject({ lang: "zh", failOn: "fail", format: "csv", quiet: false, units: false });
    expect(plan.audit).toMatchObject({ tz: "Asia/Shanghai", strictCalendar: false, maxErrors: 50 });
    expect(plan.audit.warnWithin).toBeUndefined();
    expect(plan.profile.id).toBe("jiangsu");
    expect(filingWorkdays(plan)).toBe(3);
  });

  it("the config beats the defaults", () => {
    const plan = planCheck(
      inputs(
        {},
        {
          config: config({
            profile: "kunshan",
            timezone: "Asia/Urumqi",
            lang: "en",
            failOn: "veto",
            warnWithin: 2,
            strictCalendar: true,
          }),
        },
      ),
    );
    expect(plan).toMatchObject({ lang: "en", failOn: "veto", configWhere: "gmaudit.config.json" });
    expect(plan.audit).toMatchObject({
      tz: "Asia/Urumqi",
      warnWithin: 2,
      strictCalendar: true,
      profile: "kunshan",
    });
    expect(plan.profile.id).toBe("kunshan");
  });

  it("a flag beats the config", () => {
    const plan = planCheck(
      inputs(
        { profile: "jiangsu", tz: "Asia/Tokyo", lang: "zh", failOn: "never", warnWithin: "5" },
        {
          config: config({
            profile: "kunshan",
            timezone: "Asia/Urumqi",
            lang: "en",
            failOn: "veto",
            warnWithin: 2,
          }),
        },
      ),
    );
    expect(plan).toMatchObject({ lang: "zh", failOn: "never" });
    expect(plan.audit).toMatchObject({ tz: "Asia/Tokyo", warnWithin: 5, profile: "jiangsu" });
    expect(plan.profile.id).toBe("jiangsu");
  });

  it("a rule's setting: the config beats the profile, which beats the rule's default", () => {
    expect(filingWorkdays(planCheck(inputs({ profile: "kunshan" })))).toBe(2);
    const plan = planCheck(
      inputs({ profile: "kunshan" }, { config: config({ rules: { "filing-deadline": { workdays: 5 } } }) }),
    );
    expect(filingWorkdays(plan)).toBe(5);
    // audit() is handed the same resolved profile the --account card reads: resolved once.
    expect(plan.audit.resolvedProfile).toBe(plan.profile);
    expect(plan.audit.overrides).toEqual([
      { where: "gmaudit.config.json", rules: { "filing-deadline": { workdays: 5 } } },
    ]);
  });

  it("the language: --lang, then GMAUDIT_LANG, then the config's, then zh", () => {
    const lang = (flag: string | undefined, env: string | undefined, fromConfig: "zh" | "en" | undefined) =>
      planCheck(
        inputs(flag === undefined ? {} : { lang: flag }, {
          env: env === undefined ? {} : { GMAUDIT_LANG: env },
          config: config(fromConfig === undefined ? {} : { lang: fromConfig }),
        }),
      ).lang;
    expect(lang("zh", "en", "en")).toBe("zh");
    expect(lang(undefined, "en", "zh")).toBe("en");
    expect(lang(undefined, " EN ", undefined)).toBe("en");
    // A GMAUDIT_LANG that is no language is no setting: the config's applies.
    expect(lang(undefined, "fr", "en")).toBe("en");
    expect(lang(undefined, undefined, "en")).toBe("en");
    expect(lang(undefined, undefined, undefined)).toBe("zh");
  });
});

describe("planCheck: outputs", () => {
  it("stdout: a table on a terminal, else CSV; --format wins", () => {
    expect(planCheck(inputs({}, { stdout: { isTTY: true } })).format).toBe("table");
    expect(planCheck(inputs()).format).toBe("csv");
    expect(planCheck(inputs({ format: "json" }, { stdout: { isTTY: true } })).format).toBe("json");
  });

  it("--out: the extension's format unless --format says otherwise; the files as typed", () => {
    const plan = planCheck(inputs({ out: "r.xlsx", findingsOut: "f.json", unitsOut: "u.ndjson" }));
    expect(plan.out).toEqual({ flag: "--out", given: "r.xlsx", file: "r.xlsx", format: "xlsx" });
    expect(plan.findingsOut).toMatchObject({ given: "f.json", format: "json" });
    expect(plan.unitsOut).toMatchObject({ given: "u.ndjson", format: "ndjson" });
    expect(planCheck(inputs({ out: "r.txt", format: "csv" })).out?.format).toBe("csv");
  });

  it("paths are resolved against the command's folder only when that is not the process's", () => {
    const elsewhere = planCheck(
      inputs({ out: "r.csv", posts: "p.csv", calendar: "cal.json" }, { processCwd: path.resolve("/tmp") }),
    );
    expect(elsewhere.out?.file).toBe(path.join(CWD, "r.csv"));
    expect(elsewhere.out?.given).toBe("r.csv");
    expect(elsewhere.accounts).toEqual({ given: "accounts.csv", file: path.join(CWD, "accounts.csv") });
    expect(elsewhere.companions).toEqual({ posts: path.join(CWD, "p.csv") });
    expect(elsewhere.folder).toBe(CWD);
    expect(elsewhere.audit.calendarFile).toBe(path.join(CWD, "cal.json"));
    const here = planCheck(inputs({ posts: "p.csv" }));
    expect(here.companions).toEqual({ posts: "p.csv" });
    expect(here.folder).toBe(".");
  });

  it("no result may go over the calendar, a profile file or the config", () => {
    const plan = planCheck(inputs({ calendar: "cal.json" }, { config: config() }));
    expect(plan.settingFiles).toEqual([path.join(CWD, "cal.json"), CONFIG_FILE]);
    expect(planCheck(inputs()).settingFiles).toEqual([]);
  });

  it("the BOM: --bom/--no-bom win; else on for --out and for stdout sent to a file", () => {
    expect(planCheck(inputs()).bom).toBe(false);
    expect(planCheck(inputs({}, { stdout: { isFile: true } })).bom).toBe(true);
    expect(planCheck(inputs({ out: "r.csv" })).bom).toBe(true);
    expect(planCheck(inputs({ out: "r.csv", bom: false })).bom).toBe(false);
    expect(planCheck(inputs({ bom: true })).bom).toBe(true);
    // The findings and unit files are always files: a BOM unless --no-bom.
    expect(planCheck(inputs()).tableBom).toBe(true);
    expect(planCheck(inputs({ bom: false })).tableBom).toBe(false);
  });

  it("colour and width only on a terminal, never with NO_COLOR or --no-color or into --out", () => {
    const tty = { stdout: { isTTY: true, columns: 100 } };
    expect(planCheck(inputs({}, tty))).toMatchObject({ color: true, width: 100 });
    expect(planCheck(inputs({}, { ...tty, env: { NO_COLOR: "1" } })).color).toBe(false);
    // An empty NO_COLOR is no request (no-color.org).
    expect(planCheck(inputs({}, { ...tty, env: { NO_COLOR: "" } })).color).toBe(true);
    expect(planCheck(inputs({ color: false }, tty)).color).toBe(false);
    const toFile = planCheck(inputs({ out: "r.csv" }, tty));
    expect(toFile.color).toBe(false);
    expect(toFile.width).toBeUndefined();
    expect(planCheck(inputs()).color).toBe(false);
  });

  it("the progress bar only on a terminal's stderr, and not with --quiet", () => {
    expect(planCheck(inputs({}, { stderr: { isTTY: true } })).progress).toBe(true);
    expect(planCheck(inputs({ quiet: true }, { stderr: { isTTY: true } })).progress).toBe(false);
    expect(planCheck(inputs()).progress).toBe(false);
  });
});

describe("planCheck: usage errors, as the run ends with them", () => {
  it.each([
    [{ lang: "fr" }, "usage.one-of"],
    [{ failOn: "sometimes" }, "usage.one-of"],
    [{ format: "xml" }, "usage.one-of"],
    [{ format: "xlsx" }, "usage.xlsx-needs-out"],
    [{ out: "r.xls" }, "usage.out-format"],
    [{ findingsOut: "f.txt" }, "usage.data-format"],
    [{ unitsOut: "u" }, "usage.data-format"],
    [{ maxErrors: "0" }, "usage.whole-number"],
    [{ warnWithin: "2.5" }, "usage.whole-number"],
    [{ warnWithin: "-1" }, "usage.whole-number"],
    [{ profile: "jiangsuu" }, "profile.unknown"],
  ] as [Partial<CheckFlags>, string][])("%j → %s", (flags, id) => {
    expect(errorId(inputs(flags))).toBe(id);
  });

  it("the edges that are no error: --warn-within 0, --max-errors 1, --format xlsx with --out", () => {
    expect(planCheck(inputs({ warnWithin: "0" })).audit.warnWithin).toBe(0);
    expect(planCheck(inputs({ maxErrors: "1" })).audit.maxErrors).toBe(1);
    expect(planCheck(inputs({ format: "xlsx", out: "r.data" })).out?.format).toBe("xlsx");
  });

  it("a bad rule setting in the config fails the plan, before any input is read", () => {
    const bad = config({ rules: { "filing-deadline": { workdays: "three" as unknown as number } } });
    expect(errorId(inputs({}, { config: bad }))).toBe("profile.rule-params");
  });

  it("the same texts as before: the flag, the allowed values and what was given", () => {
    try {
      planCheck(inputs({ format: "xml" }));
      expect.unreachable();
    } catch (err) {
      expect((err as GmauditError).text).toMatchObject({
        zh: "--format 的取值只能是 table、csv、json、ndjson、xlsx（收到“xml”）",
        en: '--format must be one of table, csv, json, ndjson, xlsx (got "xml")',
      });
    }
  });
});
