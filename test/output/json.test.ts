import { describe, expect, it } from "vitest";
import { render } from "../../src/output/index.js";
import { jsonAccount, jsonAccountIdentity, toJsonDocument } from "../../src/output/json.js";
import { account, county, result, zone } from "./fixtures.js";

const DOCUMENT_KEYS = [
  // PRODUCT §3.4
  "tool",
  "version",
  "profile",
  "timezone",
  "asOf",
  "from",
  "inputs",
  "dataIncomplete",
  "calendar",
  "summary",
  "accounts",
  "units",
  "unregisteredAccounts",
  // additive
  "profileName",
  "scoring",
  "period",
  "missingInputs",
  "warnings",
  "weeks",
];

const ACCOUNT_KEYS = [
  // PRODUCT §3.1 (+ findings of §3.4)
  "accountId",
  "name",
  "platform",
  "hostUnit",
  "unitCategory",
  "status",
  "score",
  "verdict",
  "vetoes",
  "deductions",
  "lastPostAt",
  "daysSinceLastPost",
  "posts",
  "originalPosts",
  "originalRatio",
  "emptyWeeks",
  "longestGapDays",
  "repliesDue",
  "repliesOnTime",
  "repliesLate",
  "repliesOverdue",
  "repliesPending",
  "filingsLate",
  "findings",
  // additive
  "accountType",
  "notEvaluated",
  "weeklyPosts",
];

const FINDING_KEYS = [
  // PRODUCT §3.2
  "accountId",
  "hostUnit",
  "rule",
  "indicator",
  "severity",
  "points",
  "occurredAt",
  "message",
  "evidence",
  "source",
  // additive
  "messageId",
  "count",
  "rectification",
  "key",
];

const UNIT_KEYS = [
  "hostUnit",
  "unitCategory",
  "accounts",
  "scored",
  "vetoed",
  "failed",
  "rawScore",
  "score",
  "passRate",
  "verdict",
  "findings",
  // additive: its accounts' findings, counted apart (PRODUCT §3.3)
  "accountFindings",
];

describe("JSON document", () => {
  const doc = JSON.parse(render(county(), "json"));

  it("has exactly the keys of §3.4 (plus the additive ones)", () => {
    expect(Object.keys(doc).sort()).toEqual([...DOCUMENT_KEYS].sort());
    expect(Object.keys(doc.accounts[1]).sort()).toEqual([...ACCOUNT_KEYS].sort());
    expect(Object.keys(doc.accounts[1].findings[0]).sort()).toEqual([...FINDING_KEYS].sort());
    expect(Object.keys(doc.units[0]).sort()).toEqual([...UNIT_KEYS].sort());
    expect(Object.keys(doc.summary).sort()).toEqual([
      "accounts",
      "fail",
      "findings",
      "notScored",
      "pass",
      "veto",
    ]);
    expect(Object.keys(doc.calendar).sort()).toEqual(["coveredYears", "warnings"]);
  });

  it("puts the §3.4 keys first, in the spec's order", () => {
    const specOrder = ["tool", "version", "profile", "timezone", "asOf", "from", "inputs", "dataIncomplete"];
    const keys = Object.keys(doc);
    expect(specOrder.map((k) => keys.indexOf(k))).toEqual(
      [...specOrder.map((k) => keys.indexOf(k))].sort((a, b) => a - b),
    );
    expect(Object.keys(doc.accounts[0]).slice(0, 24)).toEqual(ACCOUNT_KEYS.slice(0, 24));
  });

  it("writes times as ISO 8601 with the zone's offset", () => {
    expect(doc.asOf).toBe("2026-09-30T23:59:59.999+08:00");
    expect(doc.from).toBe("2026-07-01T00:00:00.000+08:00");
    expect(doc.accounts[0].lastPostAt).toBe("2026-09-30T14:05:00.000+08:00");
    expect(doc.accounts[1].findings[0].occurredAt).toBe("2026-09-07T00:00:00.000+08:00");
    expect(doc.accounts[3].lastPostAt).toBeNull();
  });

  it("keeps numbers as numbers, enums in English, and the input order", () => {
    expect(doc.tool).toBe("gmaudit");
    expect(doc.accounts.map((a: { accountId: string }) => a.accountId)).toEqual([
      "A001",
      "A002",
      "A003",
      "A004",
    ]);
    expect(doc.accounts[0].originalRatio).toBeCloseTo(12 / 28);
    expect(doc.accounts[2].verdict).toBe("veto");
    expect(doc.accounts[2].vetoes).toEqual(["no-update-2w"]);
    expect(doc.accounts[3].verdict).toBe("not_scored");
    expect(doc.accounts[3].score).toBeNull();
    expect(doc.accounts[1].findings[0].severity).toBe("deduct");
    expect(doc.accounts[1].findings[0].evidence).toEqual({ week: "2026-W37", posts: 0 });
    expect(doc.inputs.accounts).toMatchObject({ file: "accounts.csv", rows: 4 });
    expect(doc.summary).toEqual({ accounts: 4, pass: 1, fail: 1, veto: 1, notScored: 1, findings: 3 });
  });

  it("gives the message in --lang, and the indicator as its Chinese name in both (PRODUCT §3.2)", () => {
    expect(doc.accounts[1].findings[0].indicator).toBe("内容更新不及时");
    const en = toJsonDocument(county(), "en");
    expect(en.accounts[1]!.findings[0]!.indicator).toBe("内容更新不及时");
    expect(en.accounts[1]!.findings[0]!.message).toBe("No post in week 37 (7–13 Sep)");
  });

  it("writes null for absent optional values, so every account has the same keys", () => {
    const d = toJsonDocument(
      result({ accounts: [account({ unitCategory: undefined, accountType: undefined })], period: undefined }),
    );
    expect(d.accounts[0]!.unitCategory).toBeNull();
    expect(d.accounts[0]!.accountType).toBeNull();
    expect(d.period).toBeNull();
  });
});

describe("NDJSON", () => {
  it("writes one account object per line, in input order", () => {
    const lines = render(county(), "ndjson").trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    const objects = lines.map((l) => JSON.parse(l));
    expect(objects.map((o) => o.accountId)).toEqual(["A001", "A002", "A003", "A004"]);
    expect(Object.keys(objects[0]).sort()).toEqual([...ACCOUNT_KEYS].sort());
  });
});

describe("an account's identity", () => {
  it("opens every account record as jsonAccountIdentity says (the results write it out for speed)", () => {
    for (const a of [account(), account({ unitCategory: "乡镇", status: "closed" })]) {
      const record = jsonAccount(a, zone, "zh");
      const identity = jsonAccountIdentity(a);
      expect(Object.keys(record).slice(0, Object.keys(identity).length)).toEqual(Object.keys(identity));
      for (const [key, value] of Object.entries(identity))
        expect(record[key as keyof typeof record]).toEqual(value);
    }
  });
});
