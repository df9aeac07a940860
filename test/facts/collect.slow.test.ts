import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module without types
import { generate } from "../../bench/generate.mjs";
// The threaded reader runs dist/facts/read-worker.js: this test uses the built modules (npm test builds).
import { FactsBuilder } from "../../dist/facts/builder.js";
import { type CollectOptions, collectFacts } from "../../dist/facts/collect.js";
import { DEFAULT_REPLY_PARAMS } from "../../dist/facts/replies.js";
import { readPart } from "../../dist/ingest/read-part.js";
import { ThreadSlots } from "../../dist/ingest/threads.js";
import { ErrorLog } from "../../dist/input/errors.js";
import { openTable } from "../../dist/input/read.js";
import { indicatorError } from "../../dist/rules/manual.js";
import { WorkCalendar } from "../../dist/time/calendar.js";
import { resolveWindow } from "../../dist/time/window.js";
import { Zone } from "../../dist/time/zone.js";

/**
 * Posts and messages are judged after their file is read (from a spilled column log, duplicates found
 * over hash partitions), on a thread of their own when large. None of that may change a fact: the
 * same inputs give the same facts, stats and errors read one record at a time, in process, or on threads.
 */

const zone = Zone.of("Asia/Shanghai");
const window = resolveWindow({ zone, now: 0, period: "2026Q2" });
const calendar = WorkCalendar.builtIn();
let dir: string;
let files: CollectOptions["files"];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-collect-"));
  generate({ accounts: 300, posts: 30_000, messages: 8_000, filings: 300, findings: 20, seed: 7 }, dir);
  files = {
    accounts: path.join(dir, "accounts.csv"),
    posts: path.join(dir, "posts.csv"),
    messages: path.join(dir, "messages.csv"),
    filings: path.join(dir, "filings.csv"),
    findings: path.join(dir, "findings.csv"),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const collect = (extra: Partial<CollectOptions> = {}) =>
  collectFacts({
    files,
    window,
    calendar,
    reply: DEFAULT_REPLY_PARAMS,
    indicatorError,
    skipInvalid: true,
    maxErrors: 50,
    ...extra,
  });

describe("collectFacts", () => {
  it("gives the same facts on threads as in process", async () => {
    const inProcess = await collect({ threadMinBytes: Number.POSITIVE_INFINITY });
    const threaded = await collect({ threadMinBytes: 0, maxParts: 1 });
    expect(threaded).toEqual(inProcess);
    // Key order shows in the JSON output.
    expect(JSON.stringify(threaded.inputs)).toBe(JSON.stringify(inProcess.inputs));
    // Each file cut in parts, read on as many threads (duplicates across the parts found too).
    // The first part of the posts is read on the main thread, unless told otherwise.
    for (const maxParts of [2, 3, 5]) {
      for (const readHere of [true, false]) {
        const inParts = await collect({ threadMinBytes: 0, partMinBytes: 1, maxParts, readHere });
        expect(inParts).toEqual(inProcess);
        expect(JSON.stringify(inParts.inputs)).toBe(JSON.stringify(inProcess.inputs));
      }
    }
    // One thread at a time: the parts of both files wait their turn.
    const queued = await collect({ threadMinBytes: 0, partMinBytes: 1, maxParts: 3, maxThreads: 1 });
    expect(queued).toEqual(inProcess);
    expect(inProcess.inputs.posts?.duplicates).toBeGreaterThan(0);
    expect(inProcess.inputs.messages?.duplicates).toBeGreaterThan(0);
  });

  it("gives the same facts as judging each record as it comes", async () => {
    const collected = await collect({ threadMinBytes: Number.POSITIVE_INFINITY });
    const builder = new FactsBuilder(
      window,
      calendar,
      DEFAULT_REPLY_PARAMS,
      new Set(["accounts", "posts", "messages", "filings", "findings"]),
    );
    const records = async (kind: "accounts" | "posts" | "messages") => {
      const reader = await openTable(files[kind]!, kind, { zone }, new ErrorLog());
      const all = [];
      for await (const record of reader.records()) all.push(record);
      return all;
    };
    for (const a of await records("accounts")) builder.addAccount(a as never);
    for (const p of await records("posts")) builder.addPost(p as never);
    for (const m of await records("messages")) builder.addMessage(m as never);
    const byId = new Map(builder.accounts.map((f) => [f.account.accountId, f]));
    for (const facts of collected.accounts) {
      const one = byId.get(facts.account.accountId)!;
      expect(facts.posts).toEqual(one.posts);
      expect(facts.messages).toEqual(one.messages);
    }
    const unregistered = builder.unregisteredAccounts();
    expect(collected.unregistered.map((u) => [u.accountId, u.posts, u.messages])).toEqual(
      unregistered.map((u) => [u.accountId, u.posts, u.messages]),
    );
  });

  it("lists row errors in file order and stops on a malformed file alike, on threads or not", async () => {
    const bad = path.join(dir, "bad-posts.csv");
    const lines = [
      "文章ID,账号ID,发布时间",
      ...Array.from({ length: 60 }, (_, i) => `P${i},X,2026-13-0${i % 9}`),
    ];
    writeFileSync(bad, `${lines.join("\n")}\n`);
    const run = async (threadMinBytes: number, posts: string) => {
      try {
        await collect({ files: { ...files, posts }, threadMinBytes, skipInvalid: false, maxErrors: 5 });
        return "no error";
      } catch (err) {
        return [(err as Error).message, (err as { details?: string[] }).details];
      }
    };
    expect(await run(0, bad)).toEqual(await run(Number.POSITIVE_INFINITY, bad));
    const malformed = path.join(dir, "malformed-posts.csv");
    writeFileSync(malformed, '文章ID,账号ID,发布时间\nP1,X,2026-04-01 09:00:00\nP2,X,"2026-04-01\n');
    const outcome = await run(0, malformed);
    expect(outcome).toEqual(await run(Number.POSITIVE_INFINITY, malformed));
    expect(String(outcome[0])).toContain("malformed-posts.csv:3: unclosed quote");
  });

  it("reads a file in parts as it reads it whole: errors, a cut inside a quoted cell, a malformed part", async () => {
    const run = async (posts: string, parts: boolean, maxThreads = 4, readHere = true) => {
      try {
        const collected = await collect({
          files: { ...files, posts },
          skipInvalid: false,
          maxErrors: 4,
          ...(parts
            ? { threadMinBytes: 0, partMinBytes: 1, maxParts: 4, maxThreads, readHere }
            : { threadMinBytes: Infinity }),
        });
        return collected;
      } catch (err) {
        return [(err as Error).message, (err as { details?: string[] }).details];
      }
    };
    const header = "文章ID,账号ID,发布时间,标题";
    const rows = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `P${from + i},A${i % 3},2026-04-0${1 + (i % 9)} 09:00:00,t`);
    const quoted = `"${Array.from({ length: 400 }, (_, i) => `第${i}行`).join("\n")}"`;
    const cases = {
      // bad dates in every part: the first four in file order, with their lines
      errors: [
        header,
        ...rows(0, 50),
        "P1,A1,2026-13-01",
        ...rows(50, 50),
        "P2,A1,bad",
        ...rows(100, 50),
        "P3,A1,x,y",
      ],
      // one cell spanning the middle of the file: every cut near it falls inside the quotes
      quotedAcrossCuts: [header, ...rows(0, 5), `P9,A1,2026-04-01 09:00:00,${quoted}`, ...rows(5, 5)],
      // an unclosed quote in the third quarter: the error of reading from the start
      malformed: [header, ...rows(0, 120), 'P9,A1,"2026-04-01', ...rows(120, 40)],
    };
    for (const [name, lines] of Object.entries(cases)) {
      const file = path.join(dir, `parts-${name}.csv`);
      writeFileSync(file, `${lines.join("\n")}\n`);
      const whole = await run(file, false);
      expect(await run(file, true)).toEqual(whole);
      expect(await run(file, true, 4, false)).toEqual(whole);
      // One thread at a time: after a failing part, the parts still waiting never start (and the part
      // read on the main thread stops).
      expect(await run(file, true, 1)).toEqual(whole);
      expect(await run(file, true, 1, false)).toEqual(whole);
    }
  });

  it("reads the other files while posts are on their thread, and still fails and lists errors in table order", async () => {
    const badMessages = path.join(dir, "bad-messages.csv");
    writeFileSync(badMessages, '留言ID,账号ID,留言时间\nM1,X,2026-04-01 09:00:00\nM2,X,"oops\n');
    const badFindings = path.join(dir, "bad-findings.csv");
    writeFileSync(badFindings, "账号ID,指标\nX,no-such-indicator\nY,also-not\n");
    const badPosts = path.join(dir, "bad-posts-2.csv");
    writeFileSync(badPosts, "文章ID,账号ID,发布时间\nP1,X,2026-13-01\nP2,X,2026-04-01 09:00:00\n");
    const run = async (threadMinBytes: number, over: Partial<CollectOptions["files"]>, maxErrors = 3) => {
      try {
        await collect({ files: { ...files, ...over }, threadMinBytes, skipInvalid: false, maxErrors });
        return "no error";
      } catch (err) {
        return [(err as Error).message, (err as { details?: string[] }).details];
      }
    };
    for (const over of [
      { messages: badMessages },
      { messages: badMessages, findings: badFindings },
      { posts: badPosts, findings: badFindings },
      { posts: badPosts, findings: badFindings, messages: badMessages },
    ]) {
      for (const maxErrors of [1, 3]) {
        expect(await run(0, over, maxErrors)).toEqual(await run(Number.POSITIVE_INFINITY, over, maxErrors));
      }
    }
  });
});

describe("readPart", () => {
  it("stops at its next batch when told to (a part on the main thread, another part having failed)", async () => {
    let batches = 0;
    const job = {
      file: files.posts!,
      kind: "posts" as const,
      zone: zone.name,
      maxErrors: 5,
      categories: [],
      scratchDir: dir,
    };
    await expect(
      readPart(job, {
        onProgress: () => undefined,
        stopped: () => ++batches > 2,
      }),
    ).rejects.toThrow(`the reading of ${files.posts} was stopped`);
    expect(batches).toBe(3);
    // Not told to stop, it reads the file.
    const result = await readPart(job, { onProgress: () => undefined });
    expect(result.stats.rows).toBe(30_000);
  });
});

describe("ThreadSlots", () => {
  it("lets at most `count` readers run, the waiting ones in the order they asked", async () => {
    const slots = new ThreadSlots(2);
    const started: string[] = [];
    const start = (name: string) => slots.acquire().then(() => started.push(name));
    const all = Promise.all(["a", "b", "c", "d"].map(start));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a", "b"]);
    slots.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a", "b", "c"]);
    slots.release();
    await all;
    expect(started).toEqual(["a", "b", "c", "d"]);
  });
});

describe("collectFacts on an export that names its accounts (issue 17)", () => {
  it("matches names, reads date-only times and leaves totals and notes rows out alike on threads", async () => {
    const cases = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      "../../fixtures/cases/clerk-export",
    );
    const asOf = resolveWindow({ zone, now: 0, asOf: "2026-10-20 08:00" });
    const run = (extra: Partial<CollectOptions>) =>
      collectFacts({
        files: { accounts: path.join(cases, "备案台账.csv"), posts: path.join(cases, "发布记录-按名称.csv") },
        window: asOf,
        calendar,
        reply: DEFAULT_REPLY_PARAMS,
        indicatorError,
        skipInvalid: false,
        maxErrors: 50,
        ...extra,
      });
    const inProcess = await run({ threadMinBytes: Number.POSITIVE_INFINITY });
    expect(inProcess.unregistered.map((u) => u.accountId)).toEqual(["清河旅游号"]);
    expect(inProcess.inputs.posts).toMatchObject({ used: 157, unregistered: 1, dateOnly: 8 });
    for (const extra of [
      { threadMinBytes: 0, maxParts: 1 },
      { threadMinBytes: 0, partMinBytes: 1, maxParts: 3 },
    ]) {
      expect(await run(extra)).toEqual(inProcess);
    }
  });
});
