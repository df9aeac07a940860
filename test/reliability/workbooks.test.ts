import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { strToU8, Zip, ZipDeflate, zipSync } from "fflate";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { WORKBOOK_LIMITS } from "../../src/input/workbook.js";
import { makeXlsx, sheetXml } from "../input/xlsx-maker.js";
import { assertWellBehaved, run, runs, tempDir, timeLimit, writeRegistry } from "./helpers.js";

/**
 * Hostile workbooks (PRODUCT §1.9, issue #20): a workbook is a zip of XML from outside the office. Each
 * ends with exit 2 and a clear error in Chinese (English with --lang en), within memory and time, and
 * random damage to a real LibreOffice workbook never crashes the run.
 */

const { dir: root, cleanup } = tempDir("xlsx-hostile");
afterAll(cleanup);
const registry = writeRegistry(root);
const defaults = { ...WORKBOOK_LIMITS };
afterEach(() => Object.assign(WORKBOOK_LIMITS, defaults));

let counter = 0;
function write(name: string, bytes: Buffer | Uint8Array): string {
  const file = path.join(root, `${++counter}-${name}`);
  writeFileSync(file, bytes);
  return file;
}

const check = (file: string, extra: string[] = []) =>
  run(
    [
      "check",
      "--no-config",
      "--as-of",
      "2026-09-30",
      "--format",
      "json",
      registry,
      "--posts",
      file,
      ...extra,
    ],
    root,
    // The Chinese wording by default, as a clerk reads it; `--lang en` in `extra` wins.
    "zh",
  );

async function refused(file: string, zh: string, en: string) {
  const result = await check(file);
  assertWellBehaved(result);
  expect(result.code, result.err).toBe(2);
  expect(result.out).toBe("");
  expect(result.err).toContain(zh);
  const english = await check(file, ["--lang", "en"]);
  expect(english.err).toContain(en);
}

const POSTS_HEADER = ["账号ID", "发布时间"];

/** A zip whose sheet unpacks from a few hundred KB to `megabytes` of zeros (made in pieces). */
function zipBomb(megabytes: number): Buffer {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, text] of Object.entries({
    "xl/workbook.xml":
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><sheets><sheet name="发布记录" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
  })) {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(strToU8(text), true);
  }
  const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 9 });
  zip.add(sheet);
  const block = new Uint8Array(1024 * 1024).fill(0x20);
  for (let i = 0; i < megabytes; i++) sheet.push(block, i === megabytes - 1);
  zip.end();
  return Buffer.concat(chunks);
}

describe("hostile workbooks end with exit 2 and a clear error", () => {
  it("a zip bomb (a sheet unpacking to hundreds of times its size)", async () => {
    await refused(write("bomb.xlsx", zipBomb(80)), "疑似“压缩炸弹”", "a zip bomb");
  });

  it("XML entities (a billion laughs) are never expanded", async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`;
    await refused(write("laughs.xlsx", makeXlsx([{ name: "发布记录", xml: laughs }])), "DOCTYPE", "DOCTYPE");
  });

  it("a sheet claiming millions of empty rows is read without keeping them", async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 1}"/>`).join("");
    const xml = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>${rows}<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`;
    const result = await check(write("empty-rows.xlsx", makeXlsx([{ name: "发布记录", xml }])));
    assertWellBehaved(result);
    expect(result.code).toBe(2);
    // A row past Excel's last one is refused as well.
    const beyond = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>账号ID</t></is></c></row><row r="99999999"/></sheetData></worksheet>`;
    await refused(
      write("beyond.xlsx", makeXlsx([{ name: "发布记录", xml: beyond }])),
      "超出 1048576 行",
      "bad row number",
    );
  });

  it("a shared-string table larger than the limit", async () => {
    WORKBOOK_LIMITS.sharedStringBytes = 1024 * 1024;
    const big = Array.from({ length: 40_000 }, (_, i) => ({ shared: `字符串${i}`.padEnd(12, "长") }));
    const file = write(
      "strings.xlsx",
      makeXlsx([{ name: "发布记录", rows: [POSTS_HEADER, ...big.map((s) => [s])] }]),
    );
    await refused(file, "共享字符串表超过", "shared-string table exceeds");
  });

  it("a password-protected workbook (an encrypted OLE2 file under .xlsx)", async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(4096, 7),
    ]);
    await refused(write("secret.xlsx", ole), "设置了打开密码", "password-protected");
  });

  it("a zip that is no workbook", async () => {
    await refused(
      write("other.xlsx", zipSync({ "hello.txt": strToU8("hi") })),
      "缺少 xl/workbook.xml",
      "no xl/workbook.xml",
    );
  });

  it("a cell pointing to a shared string that does not exist", async () => {
    const xml = sheetXml([POSTS_HEADER, [{ raw: '<c r="{ref}" t="s"><v>999</v></c>' }, "2026-09-28"]], []);
    await refused(
      write("dangling.xlsx", makeXlsx([{ name: "发布记录", xml }])),
      "共享字符串编号 999 不存在",
      "shared string 999",
    );
  });
});

const loWorkbook = readFileSync(
  path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    "..",
    "..",
    "fixtures",
    "cases",
    "demo-workbook",
    "台账.xlsx",
  ),
);

describe("damaged workbooks never crash", () => {
  it(
    "random bytes changed, cut or inserted in a LibreOffice workbook",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc
              .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))
              .map(([at, junk]) => (b: Buffer) => {
                const i = at % b.length;
                const copy = Buffer.from(b);
                copy.set(junk.subarray(0, copy.length - i), i);
                return copy;
              }),
            fc.nat().map((at) => (b: Buffer) => b.subarray(0, at % b.length)),
          ),
          async (damage) => {
            const file = write("damaged.xlsx", damage(loWorkbook));
            const result = await run(
              ["check", "--no-config", "--as-of", "2026-09-30", "--format", "json", file],
              root,
            );
            assertWellBehaved(result);
          },
        ),
        { numRuns: runs(25) },
      );
    },
    timeLimit(120_000),
  );
});
