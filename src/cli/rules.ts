import { type Command, Option } from "commander";
import { valueText } from "../config/docs.js";
import { configFor } from "../config/load.js";
import { type RunSettings, resolveRunSettings } from "../config/resolve.js";
import {
  CATALOGUE_COLUMNS,
  enumLabel,
  LANGS,
  type Lang,
  phrases,
  RULE_KIND_LABELS,
  SCORING_LABELS,
  SETUP_PHRASES,
  SEVERITY_LABELS,
} from "../output/labels.js";
import { charWidth, displayWidth } from "../output/width.js";
import { type CatalogueEntry, catalogue } from "../profiles/catalogue.js";
import { paramShape } from "../profiles/schema.js";
import type { CommandContext } from "./io.js";
import { configOption, noConfigOption } from "./localize.js";

const EXAMPLES_ZH = `
示例：
  $ gmaudit rules                               默认评分方案（jiangsu）的全部规则及取值
  $ gmaudit rules --profile kunshan             昆山方案下的取值（如 2 个工作日内备案 …）
  $ gmaudit rules --profile ./湖北.json         自己的评分方案文件（可用 "extends" 继承内置方案）
  $ gmaudit rules --config gmaudit.config.json  加上配置文件中的设置（默认读取当前文件夹的 gmaudit.config.json）
  $ gmaudit rules --format json                 JSON 格式，供脚本使用

优先级：命令行选项 > gmaudit.config.json > 评分方案 > 规则默认值（与 gmaudit check 相同）。
`;
const EXAMPLES_EN = `
Examples:
  $ gmaudit rules                               every rule of the default profile (jiangsu) and its settings
  $ gmaudit rules --profile kunshan             as resolved for Kunshan (filing within 2 working days …)
  $ gmaudit rules --profile ./hubei.json        a profile file of your own (it may "extends" a built-in one)
  $ gmaudit rules --config gmaudit.config.json  with a config's overrides (gmaudit.config.json here is read by default)
  $ gmaudit rules --format json --lang en       for scripts

Precedence: flags > gmaudit.config.json > profile > rule defaults (the same as gmaudit check).
`;

export const LISTING_FORMATS = ["table", "json"] as const;

/**
 * Wraps a cell to `width` terminal columns, at a space when there is one in the second half of the
 * line, else between any two characters (Chinese has no spaces). Nothing is cut off.
 */
export function wrapCell(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line: string[] = [];
    let used = 0;
    let wrapped = false;
    for (const char of paragraph) {
      const w = charWidth(char);
      if (used + w > width && line.length > 0) {
        const space = line.lastIndexOf(" ");
        const carry = space >= line.length / 2 ? line.splice(space) : [];
        out.push(line.join("").trimEnd());
        line = carry.join("").trimStart() === "" ? [] : [...carry.join("").trimStart()];
        used = line.reduce((n, c) => n + charWidth(c), 0);
        wrapped = true;
      }
      // A line that starts at a break does not start with the space that was there.
      if (wrapped && line.length === 0 && char === " ") continue;
      line.push(char);
      used += w;
    }
    out.push(line.join("").trimEnd());
  }
  return out.join("\n");
}

export interface GridCell {
  content: string | number;
  align?: "left" | "right";
}

/**
 * A boxed table like the audit report's, for cells already wrapped with `wrapCell` (cli-table3 takes
 * about a second on a few dozen multi-line cells; these listings are plain text).
 */
export function renderGrid(head: string[], rows: (string | number | GridCell)[][]): string {
  const cells = [head, ...rows].map((row) =>
    row.map((cell) => {
      const c: GridCell = typeof cell === "object" ? cell : { content: cell };
      return { lines: String(c.content).split("\n"), align: c.align ?? "left" };
    }),
  );
  const widths = head.map((_, i) =>
    Math.max(...cells.map((row) => Math.max(...(row[i]?.lines ?? [""]).map(displayWidth)))),
  );
  const rule = (left: string, mid: string, right: string) =>
    `${left}${widths.map((w) => "─".repeat(w + 2)).join(mid)}${right}`;
  const out = [rule("┌", "┬", "┐")];
  cells.forEach((row, r) => {
    const height = Math.max(...row.map((c) => c.lines.length));
    for (let l = 0; l < height; l++) {
      const parts = widths.map((w, i) => {
        const cell = row[i];
        const text = cell?.lines[l] ?? "";
        const space = " ".repeat(w - displayWidth(text));
        return ` ${cell?.align === "right" ? space + text : text + space} `;
      });
      out.push(`│${parts.join("│")}│`);
    }
    if (r === 0) out.push(rule("├", "┼", "┤"));
  });
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}

interface RulesFlags {
  profile?: string;
  config?: string | boolean;
  format: (typeof LISTING_FORMATS)[number];
  lang?: Lang;
}

/** One entry as `gmaudit rules --format json` prints it: every parameter present (null when unset). */
export function catalogueJson(entry: CatalogueEntry, settings: RunSettings) {
  const paramNames = entry.rule ? Object.keys(paramShape(entry.rule)) : [];
  return {
    id: entry.id,
    indicator: entry.indicator,
    kind: entry.kind,
    scope: entry.scope,
    enabled: entry.enabled,
    severity: entry.severity,
    // A veto-only profile prices nothing, whatever the rule says.
    pointsEach: settings.profile.scoring === "veto-only" ? 0 : entry.pointsEach,
    cap: entry.cap,
    params: Object.fromEntries(paramNames.map((name) => [name, entry.params[name] ?? null])),
    source: entry.source,
    ...(entry.manualSource !== undefined && entry.manualSource !== entry.source
      ? { manualSource: entry.manualSource }
      : {}),
    ...(entry.names.length > 0 ? { findingNames: entry.names } : {}),
  };
}

/** The `gmaudit rules` document: the resolved profile and every catalogue entry. */
export function rulesDocument(settings: RunSettings) {
  const { profile } = settings;
  return {
    profile: {
      id: profile.id,
      name: profile.name,
      chain: profile.chain,
      scoring: profile.scoring,
      passScore: profile.scoring === "veto-only" ? null : profile.passScore,
      ...(profile.source === undefined ? {} : { source: profile.source }),
    },
    config: settings.configFile ?? null,
    rules: catalogue(profile).map((entry) => catalogueJson(entry, settings)),
  };
}

/** The human listing: one row per rule, wrapped to a terminal-friendly width. */
export function renderRulesTable(settings: RunSettings, lang: Lang): string {
  const text = SETUP_PHRASES[lang];
  const { profile } = settings;
  const doc = rulesDocument(settings);
  const c = CATALOGUE_COLUMNS;
  const head = [c.id, c.indicator, c.kind, c.enabled, c.severity, c.pointsEach, c.cap, c.params, c.source];
  const rows: (string | GridCell)[][] = [];
  for (const rule of doc.rules) {
    const params = Object.entries(rule.params)
      .map(([name, value]) => `${name}=${value === null ? text.unset : valueText(value)}`)
      .join("\n");
    rows.push([
      rule.id,
      wrapCell(rule.indicator[lang], 24),
      enumLabel(RULE_KIND_LABELS, rule.kind, lang),
      rule.enabled ? text.yes : text.no,
      enumLabel(SEVERITY_LABELS, rule.severity, lang),
      { align: "right", content: rule.pointsEach },
      { align: "right", content: rule.cap === null ? text.noCap : rule.cap },
      wrapCell(params, 36),
      wrapCell(rule.source, 40),
    ]);
  }
  const automatic = doc.rules.filter((r) => r.kind !== "manual").length;
  const lines = [
    phrases(lang).profile(profile.id, profile.name),
    text.profileLine(
      profile.chain,
      SCORING_LABELS[profile.scoring][lang],
      profile.scoring === "veto-only" ? undefined : profile.passScore,
    ),
    ...(settings.configFile ? [text.configUsed(settings.configFile)] : []),
    "",
    renderGrid(
      head.map((label) => label[lang]),
      rows,
    ),
    "",
    text.ruleCount(automatic, doc.rules.length - automatic, doc.rules.filter((r) => r.enabled).length),
    text.docsHint,
  ];
  return `${lines.join("\n")}\n`;
}

/** `gmaudit rules` (PRODUCT §2): the catalogue as resolved for a profile and config. */
export function registerRules(program: Command, ctx: CommandContext): void {
  const zh = ctx.lang === "zh";
  const L = (zhText: string, enText: string) => (zh ? zhText : enText);
  program
    .command("rules")
    .summary(
      L(
        "列出规则：指标、性质、扣分/上限、参数、依据条款",
        "list the rules: id, indicator, severity, points/cap, parameters, source clause",
      ),
    )
    .description(
      L(
        "按评分方案和配置列出每条自动规则和人工检查指标：是否启用、性质、扣分和上限、参数取值及所依据的条款。",
        "List every rule and manual indicator as resolved for a profile and config: whether it is on, its severity, points and cap, its parameters' values and the clause it comes from.",
      ),
    )
    .option(
      L("--profile <方案名|文件>", "--profile <name|file>"),
      L(
        "内置评分方案名或评分方案 JSON 文件（默认：配置文件中的，否则 jiangsu）",
        "built-in profile name or profile JSON file (default: the config's, else jiangsu)",
      ),
    )
    .addOption(configOption(ctx.lang))
    .addOption(noConfigOption(ctx.lang))
    .addOption(
      new Option(L("--format <格式>", "--format <format>"), L("输出格式", "output format"))
        .choices(LISTING_FORMATS)
        .default("table"),
    )
    .addOption(
      new Option(
        L("--lang <语言>", "--lang <lang>"),
        L(
          "表格的语言（默认：配置文件中的，否则 zh）",
          "language of the table (default: the config's, else zh)",
        ),
      ).choices(LANGS),
    )
    .addHelpText("after", L(EXAMPLES_ZH, EXAMPLES_EN))
    .action((flags: RulesFlags) => {
      const config = configFor(flags.config, ctx.io.cwd);
      const settings = resolveRunSettings(
        {
          ...(flags.profile === undefined ? {} : { profile: flags.profile }),
          ...(flags.lang === undefined ? {} : { lang: flags.lang }),
        },
        config,
        ctx.io.cwd,
      );
      ctx.io.stdout.write(
        flags.format === "json"
          ? `${JSON.stringify(rulesDocument(settings), null, 2)}\n`
          : renderRulesTable(settings, settings.lang),
      );
      ctx.setExitCode(0);
    });
}
