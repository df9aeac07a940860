import { describe, expect, it, vi } from "vitest";
import { exitCodeFor, type FAIL_ON_LEVELS, findingsAtLevel } from "../../src/cli/check.js";
import type { Severity } from "../../src/rules/define.js";
import { account, finding, result } from "../output/fixtures.js";

// exitCodeFor is a pure function of the result: keep the pipeline out of this test.
vi.mock("../../src/pipeline.js", () => ({ audit: vi.fn() }));

const withFinding = (severity: Severity) =>
  result({ accounts: [account({ findings: [finding({ severity, points: 0 })] })] });

describe("exitCodeFor", () => {
  const clean = result();
  const vetoed = result({ accounts: [account(), account({ accountId: "A2", verdict: "veto", score: 0 })] });
  const failed = result({ accounts: [account(), account({ accountId: "A2", verdict: "fail", score: 40 })] });
  const notScored = result({ accounts: [account({ verdict: "not_scored", score: null })] });

  const table: [string, (typeof FAIL_ON_LEVELS)[number], number][] = [
    ["clean", "veto", 0],
    ["clean", "fail", 0],
    ["clean", "violation", 0],
    ["clean", "warning", 0],
    ["clean", "never", 0],
    ["vetoed", "veto", 1],
    ["vetoed", "fail", 1],
    ["vetoed", "violation", 1],
    ["vetoed", "warning", 1],
    ["vetoed", "never", 0],
    ["failed", "veto", 0],
    ["failed", "fail", 1],
    ["failed", "violation", 1],
    ["failed", "warning", 1],
    ["failed", "never", 0],
    ["deduct", "fail", 0],
    ["deduct", "violation", 1],
    ["violation", "fail", 0],
    ["violation", "violation", 1],
    ["warning", "violation", 0],
    ["warning", "warning", 1],
    ["warning", "never", 0],
    ["notScored", "fail", 0],
  ];
  const cases: Record<string, ReturnType<typeof result>> = {
    clean,
    vetoed,
    failed,
    notScored,
    deduct: withFinding("deduct"),
    violation: withFinding("violation"),
    warning: withFinding("warning"),
  };
  it.each(table)("%s with --fail-on %s → %i", (name, level, code) => {
    expect(exitCodeFor(cases[name]!, level)).toBe(code);
  });

  it("counts an imminent veto (--warn-within) as a veto, and no other warning", () => {
    const soon = result({
      accounts: [
        account({
          findings: [
            finding({
              rule: "no-update-2w",
              messageId: "veto-imminent",
              severity: "warning",
              points: 0,
              evidence: { vetoAt: "2026-10-03T10:00:00.001+08:00" },
            }),
          ],
        }),
      ],
    });
    for (const level of ["veto", "fail", "violation", "warning"] as const)
      expect(exitCodeFor(soon, level)).toBe(1);
    expect(exitCodeFor(soon, "never")).toBe(0);
    // Another warning of the same rule (a new account that has not posted) is only a warning.
    const fresh = result({
      accounts: [
        account({
          findings: [
            finding({ rule: "no-update-2w", messageId: "new-account", severity: "warning", points: 0 }),
          ],
        }),
      ],
    });
    expect(exitCodeFor(fresh, "veto")).toBe(0);
    expect(exitCodeFor(fresh, "warning")).toBe(1);
  });

  it("counts the global findings (unregistered accounts) at their level", () => {
    const r = result({
      globalFindings: [
        finding({ rule: "unregistered-account", accountId: "", severity: "warning", points: 0 }),
      ],
    });
    expect(exitCodeFor(r, "violation")).toBe(0);
    expect(exitCodeFor(r, "warning")).toBe(1);
    expect(findingsAtLevel(r, "warning")).toBe(1);
    expect(findingsAtLevel(r, "violation")).toBe(0);
  });

  it("counts unit-level findings at the violation and warning levels", () => {
    const r = result({
      units: [{ ...result().units[0]!, findings: [finding({ severity: "violation", points: 0 })] }],
    });
    expect(exitCodeFor(r, "fail")).toBe(0);
    expect(exitCodeFor(r, "violation")).toBe(1);
    expect(exitCodeFor(r, "warning")).toBe(1);
  });
});
