import { describe, expect, it } from "vitest";
import { BUILTIN_PROFILES } from "../../src/profiles/builtin.js";
import { runInProcess } from "./in-process.js";

async function gmaudit(args: string[]) {
  return runInProcess(args);
}

describe("gmaudit profiles", () => {
  it("--format json: every built-in profile with what it extends and how it scores", async () => {
    const { code, out } = await gmaudit(["profiles", "--format", "json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as {
      id: string;
      default: boolean;
      extends: string | null;
      chain: string[];
      scoring: string;
      passScore: number | null;
      description: string | null;
    }[];
    expect(doc.map((p) => p.id)).toEqual([...BUILTIN_PROFILES.keys()]);
    expect(doc.filter((p) => p.default).map((p) => p.id)).toEqual(["jiangsu"]);
    expect(doc.find((p) => p.id === "national")).toMatchObject({
      extends: null,
      chain: ["national"],
      scoring: "veto-only",
      passScore: null,
    });
    expect(doc.find((p) => p.id === "kunshan")).toMatchObject({
      extends: "jiangsu",
      chain: ["national", "jiangsu", "kunshan"],
      scoring: "deductions",
      passScore: 60,
    });
    for (const p of doc) expect(p.description, p.id).toBeTruthy();
  });

  it("the table: id, name, extends, scoring, description", async () => {
    const { code, out } = await gmaudit(["profiles"]);
    expect(code).toBe(0);
    for (const [id, spec] of BUILTIN_PROFILES) {
      expect(out).toContain(id);
      expect(out).toContain(spec.name.slice(0, 6));
    }
    expect(out).toContain("jiangsu（默认）");
    expect(out).toContain("仅单项否决");
    expect((await gmaudit(["profiles", "--lang", "en"])).out).toContain("jiangsu (default)");
  });

  it("--help shows examples", async () => {
    const { code, out } = await gmaudit(["profiles", "--help"]);
    expect(code).toBe(0);
    expect(out).toContain("示例：");
  });
});
