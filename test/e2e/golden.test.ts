import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Golden end-to-end cases: each folder of fixtures/cases holds input files, `case.json`
 * ({args, exitCode, stderrIncludes?}) and, for JSON output, `expected.json`. A folder may instead hold
 * several runs over the same data (`{"runs": [{"name", "args", "exitCode"}]}`), each with
 * `expected.<name>.json` — e.g. one data set under several profiles. The built CLI runs in
 * the folder under two machine zones; the output must match expected.json and be byte-identical
 * across zones. A case may list `setup` runs (`[{args, exitCode}]`, e.g. two checks writing the results
 * that `gmaudit diff` compares): the folder is then copied to a temporary one, the setup runs there in
 * the same zone, then the case's run. A changed output is a reviewed diff: regenerate with `UPDATE_GOLDEN=1 npm test`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(root, "bin", "gmaudit.js");
const casesDir = path.join(root, "fixtures", "cases");
// Each case runs under these zones and must give the same bytes. The inner loop (`npm test`) runs one
// zone; .ci/run runs the cases again under two (GMAUDIT_GOLDEN_ZONES=UTC,America/New_York).
const ZONES = (process.env.GMAUDIT_GOLDEN_ZONES ?? "America/New_York").split(",");

interface CaseSpec {
  args: string[];
  exitCode: number;
  stderrIncludes?: string[];
}

interface NamedRun extends CaseSpec {
  name: string;
}

type Setup = Pick<CaseSpec, "args" | "exitCode">[];

function checkRun(dir: string, spec: CaseSpec, expectedName: string, setup: Setup = []) {
  const [first, ...others] = ZONES.map((tz) => runWithSetup(dir, spec, tz, setup));
  if (!first) throw new Error("no zone");
  expect(first.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // never a stack trace
  expect({ exitCode: first.status }).toEqual({ exitCode: spec.exitCode });
  for (const needle of spec.stderrIncludes ?? []) expect(first.stderr).toContain(needle);
  for (const other of others) {
    expect(other.status).toBe(first.status);
    expect(other.stdout).toBe(first.stdout);
  }
  if (spec.exitCode === 2) {
    expect(first.stdout).toBe("");
    return;
  }
  const expectedFile = path.join(dir, expectedName);
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(expectedFile, `${JSON.stringify(normalise(first.stdout), null, 2)}\n`);
  }
  expect(existsSync(expectedFile), `${expectedName} is missing in ${dir}`).toBe(true);
  expect(normalise(first.stdout)).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
}

function runWithSetup(dir: string, spec: CaseSpec, tz: string, setup: Setup) {
  if (setup.length === 0) return runCase(dir, spec, tz);
  const work = mkdtempSync(path.join(tmpdir(), "gmaudit-case-"));
  try {
    cpSync(dir, work, { recursive: true });
    for (const step of setup) {
      const done = runCase(work, step, tz);
      expect({ setup: step.args, exitCode: done.status }).toEqual({
        setup: step.args,
        exitCode: step.exitCode,
      });
    }
    return runCase(work, spec, tz);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runCase(dir: string, spec: Pick<CaseSpec, "args">, tz: string) {
  const result = spawnSync(process.execPath, [bin, ...spec.args], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH, TZ: tz, NO_COLOR: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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
});
