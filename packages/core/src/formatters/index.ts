import type { Formatter } from '../types.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

/** Built-in formatters by name: `stylish` (default), `json`, `sarif`, `markdown`. */
export const formatters: Record<string, Formatter> = { stylish, json, sarif, markdown };

export { toJsonReport, jsonRule, JSON_FORMAT_VERSION } from './json.js';
export type { JsonReport, JsonFile, JsonFinding, JsonDiagnostic, JsonRule, JsonFix } from './json.js';
export { toSarif, SECURITY_SEVERITY, SARIF_SCHEMA_URI } from './sarif.js';
export { summarize as summarizeResult } from './shared.js';
export type { Summary as ResultSummary } from './shared.js';
