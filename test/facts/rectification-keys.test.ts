import { describe, expect, it } from "vitest";
import type { FindingRecord, Located } from "../../src/input/schemas.js";
import { account, filing, message, post, run } from "../rules/harness.js";

/** The keys `gmaudit diff` matches two runs on: stable across runs, distinct between problems. */
describe("rectification keys", () => {
  const accounts = [account({ accountId: "A", openedAt: "2020-01-01" })];

  it("keys an unanswered message by its id and leaves a late reply without a key", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts,
      messages: [
        message("A", "2026-09-21 09:00", undefined, { messageId: "m1" }),
        message("A", "2026-09-22 09:00", undefined, { messageId: "m2" }),
        message("A", "2026-09-21 09:00", "2026-09-25 09:00", { messageId: "m3" }),
      ],
    });
    expect(r.findings("A", "reply-deadline").map((f) => [f.messageId, f.rectification, f.key])).toEqual([
      ["late", "historical", null],
      ["overdue", "rectifiable", "reply-deadline|A|m1"],
      ["overdue", "rectifiable", "reply-deadline|A|m2"],
    ]);
  });

  it("keys a missing filing by its event and date; a late one is historical", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts,
      filings: [
        filing("A", { event: "change", eventDate: "2026-09-01" }),
        filing("A", { event: "change", eventDate: "2026-09-07", filedAt: "2026-09-25" }),
      ],
    });
    expect(r.findings("A", "filing-deadline").map((f) => [f.messageId, f.key])).toEqual([
      ["missing", "filing-deadline|A|change@2026-09-01"],
      ["late", null],
    ]);
  });

  it("keys the veto by the account, and the same problem the same way in a later run", () => {
    const posts = [post("A", "2026-08-01 10:00")];
    const first = run({ asOf: "2026-09-30", accounts, posts });
    const later = run({ asOf: "2026-10-31", accounts, posts });
    const key = (r: typeof first) => r.findings("A", "no-update-2w").map((f) => f.key);
    expect(key(first)).toEqual(["no-update-2w|A|"]);
    expect(key(later)).toEqual(key(first));
    // Its empty weeks are past events: no key.
    expect(
      first.findings("A", "weekly-update").every((f) => f.rectification === "historical" && f.key === null),
    ).toBe(true);
  });

  it("keys a manual finding by its row (indicator, date, note)", () => {
    const row = (note: string): Located<FindingRecord> =>
      ({
        accountId: "A",
        indicator: "improper-content",
        count: 1,
        foundAt: "2026-09-12",
        note,
        file: "f.csv",
        line: 2,
      }) as Located<FindingRecord>;
    const r = run({ asOf: "2026-09-30", accounts, findings: [row("转载娱乐八卦"), row("错别字")] });
    expect(
      r
        .findings("A", "improper-content")
        .map((f) => f.key)
        .sort(),
    ).toEqual(["improper-content|A|2026-09-12|转载娱乐八卦", "improper-content|A|2026-09-12|错别字"]);
  });
});
