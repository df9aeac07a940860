import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";
import { runInProcess } from "../cli/in-process.js";
import { county } from "../output/fixtures.js";

// `audit` returns a hand-built result: these tests pin down what `check` takes from the config.
const audit = vi.hoisted(() => vi.fn());
vi.mock("../../src/pipeline.js", () => ({ audit }));

const NOW = Date.UTC(2026, 9, 1, 2, 0);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-check-config-"));
  writeFileSync(path.join(dir, "accounts.csv"), "账号ID\nA001\n");
  audit.mockReset();
  audit.mockResolvedValue(county());
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function config(content: unknown, name = "gmaudit.config.json"): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const run = async (args: string[]) => {
  const { code, out, err } = await runInProcess(["check", "accounts.csv", ...args], { cwd: dir, now: NOW });
  return { code, out, err, options: audit.mock.calls[0]?.[0] };
};

describe("check reads gmaudit.config.json", () => {
  it("from the current directory, and says so", async () => {
    config({ profile: "kunshan", timezone: "Asia/Urumqi", rules: { "filing-deadline": { workdays: 4 } } });
    const { code, err, options } = await run([]);
    expect(code).toBe(1); // the fixture has a vetoed account
    expect(err).toContain("gmaudit: 使用配置文件：gmaudit.config.json");
    expect(options).toMatchObject({
      profile: "kunshan",
      tz: "Asia/Urumqi",
      overrides: [{ where: "gmaudit.config.json", rules: { "filing-deadline": { workdays: 4 } } }],
    });
  });

  it("--config FILE, with the calendar and profile paths relative to that file", async () => {
    writeFileSync(path.join(dir, "holidays.csv"), "date,type\n");
    config({ id: "mine", name: "mine", extends: "national" }, "team/mine.json");
    config({ profile: "mine.json", calendar: "../holidays.csv" }, "team/audit.json");
    const { code, options } = await run(["--config", "team/audit.json"]);
    expect(code).toBe(1);
    expect(options).toMatchObject({
      profile: path.join(dir, "team/mine.json"),
      calendarFile: path.join(dir, "holidays.csv"),
    });
  });

  it("--no-config ignores the one in the current directory", async () => {
    config({ profile: "kunshan" });
    const { options, err } = await run(["--no-config"]);
    expect(options.profile).toBe("jiangsu");
    expect(options.overrides).toBeUndefined();
    expect(err).not.toContain("配置文件");
  });

  it("flags win over the config", async () => {
    config({ profile: "kunshan", timezone: "Asia/Urumqi", warnWithin: 2, strictCalendar: true });
    const { options } = await run(["--profile", "national", "--tz", "Asia/Hong_Kong", "--warn-within", "5"]);
    expect(options).toMatchObject({
      profile: "national",
      tz: "Asia/Hong_Kong",
      warnWithin: 5,
      strictCalendar: true,
    });
  });

  it("lang and failOn come from the config unless given as flags", async () => {
    config({ lang: "en", failOn: "never" });
    const fromConfig = await run(["--format", "csv"]);
    expect(fromConfig.code).toBe(0);
    expect(fromConfig.out.split("\n")[0]).toMatch(/^accountId,name,/);
    expect(fromConfig.err).toContain("gmaudit: using config gmaudit.config.json");

    audit.mockClear();
    const fromFlags = await run(["--format", "csv", "--lang", "zh", "--fail-on", "fail"]);
    expect(fromFlags.code).toBe(1);
    expect(fromFlags.out.replace(/^\uFEFF/, "").split("\n")[0]).toMatch(/^账号ID,账号名称,/);
  });

  it("an invalid config is exit 2, before anything is read or written", async () => {
    config({ rules: { "filing-deadline": { workdays: "3" } } });
    const { code, err } = await run(["--out", "result.csv"]);
    expect(code).toBe(2);
    expect(err).toContain("gmaudit.config.json: rules.filing-deadline.workdays：应为数字，实际为字符串");
    expect(audit).not.toHaveBeenCalled();
  });

  it("a missing --config file is exit 2", async () => {
    const { code, err } = await run(["--config", "none.json"]);
    expect(code).toBe(2);
    expect(err).toContain("none.json：无法读取配置文件：文件不存在");
  });

  it("--help names --config", async () => {
    let out = "";
    const io: CliIO = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      env: {},
      cwd: dir,
      now: () => NOW,
    };
    expect(await runCli(["check", "--help"], io)).toBe(0);
    expect(out).toContain("--config <文件>");
    expect(out).toContain("--no-config");
  });
});
