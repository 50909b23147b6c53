import type { Formatter, FormatterContext, ScanResult } from '../types.js';
import { github } from './github.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

/** A formatter that fills in the context it is not given (see `Formatter`). */
function withDefaults(format: (result: ScanResult, context: FormatterContext) => string): Formatter {
  return (result, context = {}) =>
    format(result, {
      cwd: context.cwd ?? result.cwd,
      color: context.color ?? false,
      version: context.version ?? result.version,
      ...(context.sourceRoot !== undefined ? { sourceRoot: context.sourceRoot } : {}),
      ...(context.failOn !== undefined ? { failOn: context.failOn } : {}),
      ...(context.maxWarnings !== undefined ? { maxWarnings: context.maxWarnings } : {}),
      ...(context.hiddenWarnings ? { hiddenWarnings: context.hiddenWarnings } : {}),
      ...(context.baseline ? { baseline: context.baseline } : {}),
      ...(context.width !== undefined && Number.isFinite(context.width) && context.width > 0 ? { width: Math.floor(context.width) } : {}),
    });
}

/** Built-in formatters by name: `stylish` (default), `json`, `sarif`, `markdown`, `github` (Actions annotations). */
export const formatters: Record<string, Formatter> = {
  stylish: withDefaults(stylish),
  json: withDefaults(json),
  sarif: withDefaults(sarif),
  markdown: withDefaults(markdown),
  github: withDefaults(github),
};

export { toJsonReport, jsonRule, JSON_FORMAT_VERSION } from './json.js';
export type { JsonReport, JsonFile, JsonFinding, JsonDiagnostic, JsonRule, JsonFix } from './json.js';
export { toSarif, SECURITY_SEVERITY, SARIF_SCHEMA_URI, SARIF_MAX_RESULTS } from './sarif.js';
export { MARKDOWN_MAX_CHARS, MARKDOWN_MAX_ROWS } from './markdown.js';
export { summarize as summarizeResult, runOutcome, type RunOutcome } from './shared.js';
/** Shows the control and bidi characters of untrusted text escaped (what stylish and markdown print). */
export { printable } from './shared.js';
export type { Summary as ResultSummary } from './shared.js';
