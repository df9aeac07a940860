import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runInFolder } from "../cli/in-process.js";

/**
 * Golden end-to-end cases: each folder of fixtures/cases holds input files, `case.json`
 * ({args, exitCode, stderrIncludes?}) and, for JSON output, `expected.json`. A folder may instead hold
 * several runs over the same data (`{"runs": [{"name", "args", "exitCode"}]}`), each with
 * `expected.<name>.json` — e.g. one data set under several profiles. The CLI runs in the folder, in
 * this process (the test's machine zone); the output must match expected.json. With
 * GMAUDIT_GOLDEN_ZONES, the built CLI is also spawned under each zone listed and must give the same
 * bytes. A case may list `setup` runs (`[{args, exitCode}]`, e.g. two checks writing the results
 * that `gmaudit diff` compares): the folder is then copied to a temporary one, the setup runs there in
 * the same zone, then the case's run. A run that writes files instead of printing its result (`gmaudit
 * report`) lists them, `"files": {"通报.md": "expected.通报.md"}`: each file it wrote is compared, as
 * text, with the expected one of the folder. A changed output is a reviewed diff: regenerate with
 * `UPDATE_GOLDEN=1 npm test`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(root, "bin", "gmaudit.js");
const casesDir = path.join(root, "fixtures", "cases");
// The inner loop (`npm test`) runs each case in this process only: spawning the built CLI once per run
// was most of the suite's time. A process cannot change its own machine zone reliably, so .ci/run
// names other zones (GMAUDIT_GOLDEN_ZONES=UTC,America/New_York), each case is spawned under each of
// them too, and every run must give the same bytes as the in-process one.
const ownZone = process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
const OTHER_ZONES = (process.env.GMAUDIT_GOLDEN_ZONES ?? "")
  .split(",")
  .filter((zone) => zone !== "" && zone !== ownZone);
/** How a run is made: in this process, or the built CLI spawned under a machine zone. */
type Runner = "in-process" | { spawnTz: string };

interface CaseSpec {
  args: string[];
  exitCode: number;
  stderrIncludes?: string[];
  /** Files the run writes (in its folder) → the expected file of the case's folder. */
  files?: Record<string, string>;
}

interface NamedRun extends CaseSpec {
  name: string;
}

type Setup = Pick<CaseSpec, "args" | "exitCode">[];

async function checkRun(dir: string, spec: CaseSpec, expectedName: string, setup: Setup = []) {
  const first = await runWithSetup(dir, spec, "in-process", setup);
  const others: Run[] = [];
  for (const tz of OTHER_ZONES) others.push(await runWithSetup(dir, spec, { spawnTz: tz }, setup));
  expect(first.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // never a stack trace
  expect({ exitCode: first.status }).toEqual({ exitCode: spec.exitCode });
  for (const needle of spec.stderrIncludes ?? []) expect(first.stderr).toContain(needle);
  for (const other of others) {
    expect(other.status).toBe(first.status);
    expect(other.stdout).toBe(first.stdout);
    expect(other.files).toEqual(first.files);
  }
  if (spec.exitCode === 2) {
    expect(first.stdout).toBe("");
    return;
  }
  if (spec.files !== undefined) {
    for (const [written, expectedName] of Object.entries(spec.files)) {
      const expectedFile = path.join(dir, expectedName);
      const text = first.files[written];
      expect(text, `${written} was not written`).toBeDefined();
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(expectedFile, text ?? "");
      expect(existsSync(expectedFile), `${expectedName} is missing in ${dir}`).toBe(true);
      expect(text).toBe(readFileSync(expectedFile, "utf8"));
    }
    if (first.stdout === "") return;
  }
  const expectedFile = path.join(dir, expectedName);
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(expectedFile, `${JSON.stringify(normalise(first.stdout), null, 2)}\n`);
  }
  expect(existsSync(expectedFile), `${expectedName} is missing in ${dir}`).toBe(true);
  expect(normalise(first.stdout)).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
}

async function runWithSetup(dir: string, spec: CaseSpec, runner: Runner, setup: Setup): Promise<Run> {
  if (setup.length === 0 && spec.files === undefined) return runCase(dir, spec, runner);
  // In a copy of the folder: the setup's results and the files a run writes stay out of the fixtures.
  const work = mkdtempSync(path.join(tmpdir(), "gmaudit-case-"));
  try {
    cpSync(dir, work, { recursive: true });
    for (const step of setup) {
      const done = await runCase(work, step, runner);
      expect({ setup: step.args, exitCode: done.status }).toEqual({
        setup: step.args,
        exitCode: step.exitCode,
      });
    }
    const run = await runCase(work, spec, runner);
    for (const written of Object.keys(spec.files ?? {})) {
      const file = path.join(work, written);
      if (existsSync(file)) run.files[written] = readFileSync(file, "utf8");
    }
    return run;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The listed files the run wrote, by name. */
  files: Record<string, string>;
}

/** The environment a case runs in, as a user's shell would give it: no GMAUDIT_* or LANG settings. */
const caseEnv = (tz: string) => ({ PATH: process.env.PATH ?? "", TZ: tz, NO_COLOR: "1" });

async function runCase(dir: string, spec: Pick<CaseSpec, "args">, runner: Runner): Promise<Run> {
  if (runner === "in-process") {
    // In the folder, with the real clock, as a spawned run: a case's stderr may say its as-of is ahead.
    const run = await runInFolder(spec.args, dir, caseEnv(ownZone));
    return { status: run.code, stdout: run.out, stderr: run.err, files: {} };
  }
  return spawnCase(dir, spec, runner.spawnTz);
}

function spawnCase(dir: string, spec: Pick<CaseSpec, "args">, tz: string): Run {
  const result = spawnSync(process.execPath, [bin, ...spec.args], {
    cwd: dir,
    encoding: "utf8",
    env: caseEnv(tz),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, files: {} };
}

/** The version changes with every release; everything else is compared as written. */
function normalise(stdout: string): unknown {
  const doc = JSON.parse(stdout) as { version?: string };
  if (doc.version !== undefined) doc.version = "<version>";
  return doc;
}

const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("golden cases", () => {
  it("has at least six cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of cases) {
    const dir = path.join(casesDir, name);
    const spec = JSON.parse(readFileSync(path.join(dir, "case.json"), "utf8")) as (
      | CaseSpec
      | { runs: NamedRun[] }
    ) & { setup?: Setup };
    const runs: NamedRun[] = "runs" in spec ? spec.runs : [{ ...spec, name: "" }];
    const setup = spec.setup ?? [];
    for (const run of runs) {
      const expectedName = run.name === "" ? "expected.json" : `expected.${run.name}.json`;
      it(run.name === "" ? name : `${name} (${run.name})`, () => checkRun(dir, run, expectedName, setup));
    }
  }

  // The bin shim (exit code, streams) is tested on one case spawned as a user runs it, under another
  // machine zone than this process's: the same status and bytes as in this process.
  it("messy-export through bin/gmaudit.js under another machine zone", async () => {
    const dir = path.join(casesDir, "messy-export");
    const spec = JSON.parse(readFileSync(path.join(dir, "case.json"), "utf8")) as CaseSpec;
    const otherZone = ownZone === "Asia/Tokyo" ? "Europe/Berlin" : "Asia/Tokyo";
    const spawned = spawnCase(dir, spec, otherZone);
    const inProcess = await runCase(dir, spec, "in-process");
    expect(spawned.status).toBe(spec.exitCode);
    expect(spawned).toEqual(inProcess);
  });
});
