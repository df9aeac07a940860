/**
 * gmaudit as a library: everything the CLI does is callable here, without spawning a process.
 *
 *   import { audit, toJsonDocument } from "gmaudit";
 *   const result = await audit({ files: { accounts: "accounts.csv", posts: "posts.csv" }, now: Date.now(), period: "2026Q3" });
 */

export { runCli } from "./cli/main.js";
export { GmauditError, UsageError } from "./errors.js";
export type { InputFiles, InputStats } from "./ingest/inputs.js";
export { detectKind, openTable } from "./input/read.js";
export { render, renderFindings, toJsonDocument } from "./output/index.js";
export { type AuditOptions, audit } from "./pipeline.js";
export { BUILTIN_PROFILES } from "./profiles/builtin.js";
export { resolveProfile } from "./profiles/resolve.js";
export { RULES } from "./rules/index.js";
export type { AccountResult, AuditResult, FindingResult, UnitResult, Verdict } from "./scoring/result.js";
export { WorkCalendar } from "./time/calendar.js";
export { resolveWindow } from "./time/window.js";
export { Zone } from "./time/zone.js";
