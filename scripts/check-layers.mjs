#!/usr/bin/env node
// npm run lint runs this: the import graph of src/ must have no cycle (type-only imports included)
// and no arrow against the flow of the pipeline. Each file belongs to a layer (its folder under src/,
// or its own name for a file at the root); a file may import its own layer and the layers before it.
//
// Also: the packages that take long to load (echarts ~0.45 s, exceljs ~0.2 s, docx) are reached from
// the entry points only through a dynamic import(), so that a start that does not draw a chart or write
// a workbook or Word file does not pay for them (docs/performance.md "Start-up").
//
//   node scripts/check-layers.mjs [--graph]     --graph prints every arrow between layers
//
// The flow (README "Design"): leaves → time → input → ingest → facts → rules → profiles → scoring →
// output → report → config → pipeline (judge.ts beside it) → cli → the package entry point.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "src");

/** Earlier layers first. A file may import only from its own layer and earlier ones. */
export const LAYERS = [
  ["errors", "i18n", "issues"],
  ["time"],
  ["input"],
  ["ingest"],
  ["facts"],
  ["rules"],
  ["profiles"],
  ["scoring"],
  ["output"],
  ["report"],
  ["config"],
  ["follow"],
  ["judge", "pipeline"],
  ["cli"],
  ["index"],
];

const rankOf = new Map(LAYERS.flatMap((names, rank) => names.map((name) => [name, rank])));

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [file] : [];
  });
}

function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  return rel.length === 1 ? rel[0].replace(/\.ts$/, "") : rel[0];
}

const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;

/** The files of src/ that `file` imports (relative specifiers only; `.js` names the `.ts` source). */
function importsOf(file) {
  const text = readFileSync(file, "utf8");
  const targets = new Set();
  for (const match of text.matchAll(IMPORT_RE)) {
    const target = path.resolve(path.dirname(file), match[1]).replace(/\.js$/, ".ts");
    targets.add(target);
  }
  return [...targets];
}

const HEAVY_PACKAGES = ["echarts", "exceljs", "docx"];
const ENTRY_POINTS = ["cli/main.ts", "index.ts"];

/** What `file` imports at load time: value imports and re-exports (not `import type`, not `import()`). */
const STATIC_IMPORT_RE =
  /^\s*(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;

function staticImportsOf(file) {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(STATIC_IMPORT_RE)].map((m) => {
    const spec = m[1] ?? m[2];
    if (spec.startsWith(".")) return path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts");
    // "echarts/core" is echarts.
    return spec
      .split("/")
      .slice(0, spec.startsWith("@") ? 2 : 1)
      .join("/");
  });
}

/** A chain of static imports from an entry point to a heavy package, one per package reached. */
function heavyChains(files) {
  const graph = new Map(files.map((f) => [f, staticImportsOf(f)]));
  const chains = [];
  const reached = new Set();
  for (const entry of ENTRY_POINTS.map((e) => path.join(root, e))) {
    const parent = new Map([[entry, null]]);
    const queue = [entry];
    while (queue.length > 0) {
      const v = queue.shift();
      for (const w of graph.get(v) ?? []) {
        if (parent.has(w)) continue;
        parent.set(w, v);
        if (graph.has(w)) queue.push(w);
      }
    }
    for (const pkg of HEAVY_PACKAGES) {
      if (!parent.has(pkg) || reached.has(pkg)) continue;
      reached.add(pkg);
      const chain = [];
      for (let v = pkg; v !== null; v = parent.get(v)) chain.unshift(v);
      chains.push(chain);
    }
  }
  return chains;
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  function visit(v) {
    info.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!info.has(w)) {
        visit(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).onStack) {
        info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
      }
    }
    if (info.get(v).low === info.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  }
  for (const v of graph.keys()) if (!info.has(v)) visit(v);
  return found;
}

function main() {
  const files = sourceFiles(root);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const rel = (f) => path.relative(path.dirname(root), f);
  const problems = [];
  const arrows = new Map();
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    if (!rankOf.has(from)) problems.push(`${rel(file)}: layer "${from}" is not in scripts/check-layers.mjs`);
    for (const target of targets) {
      const to = layerOf(target);
      if (from !== to) arrows.set(`${from} -> ${to}`, (arrows.get(`${from} -> ${to}`) ?? 0) + 1);
      if (rankOf.has(from) && rankOf.has(to) && rankOf.get(to) > rankOf.get(from)) {
        problems.push(`${rel(file)} imports ${rel(target)}: ${from}/ must not import ${to}/ (a later stage)`);
      }
    }
  }
  for (const component of cycles(graph)) problems.push(`import cycle: ${component.map(rel).join(", ")}`);
  for (const chain of heavyChains(files)) {
    const [pkg] = chain.slice(-1);
    const shown = chain.map((f) => (f === pkg ? f : rel(f))).join(" -> ");
    problems.push(`${shown}: load ${pkg} with a dynamic import() where it is used`);
  }
  if (process.argv.includes("--graph")) {
    for (const [arrow, count] of [...arrows].sort()) console.log(`${arrow} (${count})`);
  }
  if (problems.length > 0) {
    console.error(`check-layers: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log(
      `check-layers: ${files.length} files, no cycle, no import against the flow, no heavy package at start-up`,
    );
  }
}

main();
