/** The configuration layer as a library: load a gmaudit.config.json and resolve a run's settings. */

export { formatIssues, nearest } from "../issues.js";
export { generatedDocs, renderRuleDoc, renderRulesIndex } from "./docs.js";
export { CONFIG_SCHEMA_FILE, configJsonSchema } from "./json-schema.js";
export { configFor, findConfig, type LoadedConfig, loadConfig, parseConfig } from "./load.js";
export { type RunSettings, resolveRunSettings, type SettingFlags } from "./resolve.js";
export {
  CONFIG_FILE_NAME,
  CONFIG_SHORTHANDS,
  type ConfigInput,
  configSchema,
  FAIL_ON_LEVELS,
  type FailOn,
} from "./schema.js";
