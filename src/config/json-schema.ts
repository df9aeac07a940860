import { z } from "zod";
import { configSchema } from "./schema.js";

/** The published schema's address inside the package (what `$schema` points editors to). */
export const CONFIG_SCHEMA_FILE = "gmaudit.schema.json";

/**
 * gmaudit.schema.json: the config's zod schema as JSON Schema (draft-07, which every editor reads),
 * in input form: what a user may write, defaults shown as defaults, nothing required.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, {
    target: "draft-7",
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return { ...schema, title: "gmaudit.config.json" };
}

/**
 * JSON as the project's formatter (biome, width 110) writes it, so the generated file passes
 * `npm run lint` unchanged: objects always broken, arrays of scalars on one line when they fit.
 */
export function formatJson(value: unknown, lineWidth = 110): string {
  return `${print(value, 0, 0, 0, lineWidth)}\n`;
}

/** `used`: columns before the value on its line; `tail`: columns after it (a comma). */
function print(value: unknown, indent: number, used: number, tail: number, width: number): string {
  const pad = "  ".repeat(indent + 1);
  const end = "  ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const scalars = value.every((v) => v === null || typeof v !== "object");
    if (scalars) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
      if (used + flat.length + tail <= width) return flat;
    }
    if (value.every((v) => typeof v === "number")) {
      // Numbers fill the lines, as the formatter prints them.
      const lines: string[] = [];
      let line = "";
      for (const [i, v] of value.entries()) {
        const item = `${JSON.stringify(v)}${i < value.length - 1 ? "," : ""}`;
        if (line !== "" && pad.length + line.length + 1 + item.length > width) {
          lines.push(`${pad}${line}`);
          line = item;
        } else line = line === "" ? item : `${line} ${item}`;
      }
      lines.push(`${pad}${line}`);
      return `[\n${lines.join("\n")}\n${end}]`;
    }
    const items = value.map(
      (v, i) => `${pad}${print(v, indent + 1, pad.length, i < value.length - 1 ? 1 : 0, width)}`,
    );
    return `[\n${items.join(",\n")}\n${end}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const lines = entries.map(([key, v], i) => {
      const head = `${pad}${JSON.stringify(key)}: `;
      return `${head}${print(v, indent + 1, head.length, i < entries.length - 1 ? 1 : 0, width)}`;
    });
    return `{\n${lines.join(",\n")}\n${end}}`;
  }
  return JSON.stringify(value);
}
