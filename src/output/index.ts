import path from "node:path";
import type { AuditResult } from "../scoring/result.js";
import { accountsCsvChunks, type CsvOptions, findingsCsvChunks, unitsCsvChunks } from "./csv.js";
import {
  findingsJsonChunks,
  findingsNdjsonChunks,
  jsonChunks,
  ndjsonChunks,
  unitsJsonChunks,
  unitsNdjsonChunks,
} from "./json.js";
import type { Lang } from "./labels.js";
import { renderTable } from "./table.js";

export { escapeFormula, toCsv } from "./csv.js";
export {
  type JsonAccount,
  type JsonDocument,
  type JsonFinding,
  type JsonUnit,
  toJsonDocument,
} from "./json.js";
export { LANGS, type Lang } from "./labels.js";
export { alertLine, renderTable, summaryLine } from "./table.js";
export { compactEvidence, compareWorstFirst, formatPercent, worstFirst } from "./values.js";
export {
  assertNotAnInput,
  assertWritableTarget,
  type TextSink,
  writeChunks,
  writeFileAtomic,
  writeFilesAtomic,
} from "./write.js";

export const OUTPUT_FORMATS = ["table", "csv", "json", "ndjson", "xlsx"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** Formats whose results are one record per account: the unit table does not fit in them. */
export const RECORD_FORMATS: ReadonlySet<OutputFormat> = new Set(["csv", "ndjson"]);

/** Findings files are data: no table. */
export type FindingsFormat = Exclude<OutputFormat, "table">;

export interface RenderOptions {
  lang?: Lang;
  /** Table only: ANSI colours. */
  color?: boolean;
  /** Table only: also the unit table (JSON always has units). */
  units?: boolean;
  /** Table only: the terminal's width (a wider account table leaves out its least important columns). */
  width?: number;
  /** CSV only: UTF-8 byte order mark. */
  bom?: boolean;
}

/** The account results in one of the formats of PRODUCT §2.1. */
export function render(result: AuditResult, format: OutputFormat, options: RenderOptions = {}): string {
  return [...renderChunks(result, format, options)].join("");
}

/**
 * `render` in pieces, each made when it is asked for: a file is written piece by piece
 * (`writeFilesAtomic`), never holding the whole text of a large audit. The table is one piece.
 */
export function renderChunks(
  result: AuditResult,
  format: OutputFormat,
  options: RenderOptions = {},
): Iterable<string> {
  const lang = options.lang ?? "zh";
  switch (format) {
    case "table":
      return [
        renderTable(result, {
          lang,
          color: options.color ?? false,
          units: options.units ?? false,
          ...(options.width === undefined ? {} : { width: options.width }),
        }),
      ];
    case "csv":
      return accountsCsvChunks(result, { lang, bom: options.bom ?? false });
    case "json":
      return jsonChunks(result, lang);
    case "ndjson":
      return ndjsonChunks(result, lang);
    case "xlsx":
      throw new Error("a workbook is not text: write it with resultsWorkbook");
  }
}

/** The findings file of `--findings-out`. */
export function renderFindings(
  result: AuditResult,
  format: FindingsFormat,
  options: RenderOptions = {},
): string {
  return [...renderFindingsChunks(result, format, options)].join("");
}

/** How the records of a data file (findings, units) are written in each format. */
interface DataRenderers {
  csv(result: AuditResult, options: CsvOptions): Iterable<string>;
  json(result: AuditResult, lang: Lang): Iterable<string>;
  ndjson(result: AuditResult, lang: Lang): Iterable<string>;
}

function dataChunks(
  renderers: DataRenderers,
  result: AuditResult,
  format: FindingsFormat,
  options: RenderOptions,
): Iterable<string> {
  const lang = options.lang ?? "zh";
  if (format === "xlsx") throw new Error("a workbook is not text: write it with tableWorkbook");
  return format === "csv"
    ? renderers.csv(result, { lang, bom: options.bom ?? false })
    : renderers[format](result, lang);
}

const FINDINGS: DataRenderers = {
  csv: findingsCsvChunks,
  json: findingsJsonChunks,
  ndjson: findingsNdjsonChunks,
};
const UNITS: DataRenderers = { csv: unitsCsvChunks, json: unitsJsonChunks, ndjson: unitsNdjsonChunks };

/** `renderFindings` in pieces (see `renderChunks`). */
export function renderFindingsChunks(
  result: AuditResult,
  format: FindingsFormat,
  options: RenderOptions = {},
): Iterable<string> {
  return dataChunks(FINDINGS, result, format, options);
}

/** The units file of `--units-out` (PRODUCT §3.3), in pieces. */
export function renderUnitsChunks(
  result: AuditResult,
  format: FindingsFormat,
  options: RenderOptions = {},
): Iterable<string> {
  return dataChunks(UNITS, result, format, options);
}

/** The file extensions of each file format, in the order help and errors list them. */
export const OUTPUT_EXTENSIONS: Readonly<Record<FindingsFormat, readonly string[]>> = {
  csv: [".csv"],
  json: [".json"],
  ndjson: [".ndjson", ".jsonl"],
  xlsx: [".xlsx"],
};

const BY_EXTENSION: ReadonlyMap<string, FindingsFormat> = new Map(
  (Object.entries(OUTPUT_EXTENSIONS) as [FindingsFormat, readonly string[]][]).flatMap(
    ([format, extensions]) => extensions.map((extension) => [extension, format] as const),
  ),
);

/** The extensions for help and errors: `all` (.csv, .json, …), `byFormat` (".ndjson/.jsonl" as one), `first`. */
export function outputExtensionList(style: "all" | "byFormat" | "first"): string[] {
  const groups = Object.values(OUTPUT_EXTENSIONS);
  if (style === "all") return groups.flat();
  if (style === "first") return groups.map((extensions) => extensions[0]!);
  return groups.map((extensions) => extensions.join("/"));
}

/** `results.csv` → csv, `x.json` → json, `x.ndjson`/`x.jsonl` → ndjson, `x.xlsx` → xlsx; else undefined. */
export function formatFromExtension(file: string): FindingsFormat | undefined {
  return BY_EXTENSION.get(path.extname(file).toLowerCase());
}
