import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./in-process.js";

const demo = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/demo");
const run = (format: string, ...more: string[]) =>
  runInProcess(["check", "accounts.csv", "--as-of", "2026-09-30", "--units", "--format", format, ...more], {
    cwd: demo,
    now: Date.parse("2026-10-01T00:00:00Z"),
  });

describe("check --units with a record format", () => {
  it("says where the unit scores go, naming the format", async () => {
    const csv = await run("csv");
    expect(csv.err).toContain(
      "--units 只用于表格输出（JSON 始终包含主办单位）；CSV 的主办单位得分请用 --units-out 文件",
    );
    const ndjson = await run("ndjson", "--lang", "en");
    expect(ndjson.err).toContain("for the unit scores as NDJSON use --units-out FILE");
  });

  it("says nothing where the units fit: JSON holds them", async () => {
    const json = await run("json");
    expect(json.err).not.toContain("--units-out");
  });
});
