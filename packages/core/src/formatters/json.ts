import type { Confidence, Detector, Diagnostic, Finding, FormatterContext, RuleInfo, ScanResult, ScanStats, Severity } from '../types.js';
import { groupByFile, position, region, relativePath, ruleDocsUrl, summarize, type Summary } from './shared.js';

/**
 * Version of the JSON report format (`version` in the output). Bumped on any incompatible change;
 * additive changes (new optional fields) keep it. Schema: `json-schema.json` beside this file;
 * documentation: docs/json-format.md.
 */
export const JSON_FORMAT_VERSION = 1;

export interface JsonDiagnostic {
  /** Relative to `cwd`, forward slashes; absent for diagnostics about the whole scan. */
  file?: string;
  line?: number;
  column?: number;
  kind: Diagnostic['kind'];
  severity: Diagnostic['severity'];
  message: string;
}

export interface JsonFix {
  /** [start, end) offsets in UTF-16 code units into the original file text. */
  range: [number, number];
  text: string;
}

export interface JsonFinding {
  ruleId: string;
  detector: Detector;
  severity: Severity;
  confidence: Confidence;
  level: 'warn' | 'error';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  messageId: string;
  message: string;
  remediation: string;
  fingerprint: string;
  fix: JsonFix | null;
  suggestions: Array<{ messageId: string; desc: string; fix: JsonFix }>;
  suppressed: { kind: 'inSource' | 'external' | 'baseline'; justification: string | null } | null;
}

export interface JsonFile {
  file: string;
  path: string;
  language: string | null;
  findings: JsonFinding[];
  diagnostics: JsonDiagnostic[];
}

export interface JsonRule {
  id: string;
  namespace: string;
  name: string;
  plugin: string;
  detector: Detector;
  severity: Severity;
  description: string;
  url: string | null;
  languages: string[];
  presets: string[];
  fixable: boolean;
  hasSuggestions: boolean;
  deprecated: boolean;
}

export interface JsonReport {
  version: number;
  oculumVersion: string;
  cwd: string;
  summary: Summary;
  stats: ScanStats;
  files: JsonFile[];
  diagnostics: JsonDiagnostic[];
  rules: JsonRule[];
  /** With `--baseline`: the file, the findings it suppressed and its entries that match nothing anymore. */
  baseline?: { file: string; matched: number; unmatched: number };
}

const fixOf = (fix: { range: [number, number]; text: string }): JsonFix => ({ range: [fix.range[0], fix.range[1]], text: fix.text });

function finding(f: Finding): JsonFinding {
  // positions ≥ 1 whatever a custom rule reported (the schema's `position`)
  const { startLine, startColumn, endLine, endColumn } = region(f);
  return {
    ruleId: f.ruleId,
    detector: f.detector,
    severity: f.severity,
    confidence: f.confidence,
    level: f.level,
    line: startLine,
    column: startColumn,
    endLine,
    endColumn,
    messageId: f.messageId,
    message: f.message,
    remediation: f.remediation,
    fingerprint: f.fingerprint,
    fix: f.fix ? fixOf(f.fix) : null,
    suggestions: (f.suggestions ?? []).map((s) => ({ messageId: s.messageId, desc: s.desc, fix: fixOf(s.fix) })),
    suppressed: f.suppressed ? { kind: f.suppressed.kind, justification: f.suppressed.justification ?? null } : null,
  };
}

function diagnostic(cwd: string, d: Diagnostic): JsonDiagnostic {
  const out: JsonDiagnostic = { kind: d.kind, severity: d.severity, message: d.message };
  if (d.file) out.file = relativePath(cwd, d.file);
  if (d.line) out.line = position(d.line);
  if (d.column) out.column = position(d.column);
  return out;
}

/** A rule as the JSON report (and `oculum rules --format json`) describes it. */
export function jsonRule(r: RuleInfo): JsonRule {
  return {
    id: r.id,
    namespace: r.namespace,
    name: r.name,
    plugin: r.plugin,
    detector: r.meta.detector,
    severity: r.meta.severity,
    description: r.meta.docs.description,
    url: ruleDocsUrl(r) ?? null,
    languages: [...r.meta.languages],
    presets: [...r.presets],
    fixable: r.meta.fixable === 'code',
    hasSuggestions: r.meta.hasSuggestions === true,
    deprecated: r.meta.deprecated === true,
  };
}

/** The JSON report as an object (what the `json` formatter serialises). */
export function toJsonReport(result: ScanResult, ctx: FormatterContext): JsonReport {
  const { files, global } = groupByFile(result, ctx.cwd);
  const summary = summarize(result);
  return {
    version: JSON_FORMAT_VERSION,
    oculumVersion: ctx.version || result.version,
    cwd: ctx.cwd,
    summary,
    stats: result.stats ?? { files: result.files.length, parsed: 0, prefiltered: 0, skipped: 0, lines: 0, bytes: 0, durationMs: 0 },
    files: files
      .filter((g) => g.findings.length > 0 || g.diagnostics.length > 0)
      .map((g) => ({
        file: g.relative,
        path: g.file,
        language: g.language ?? null,
        findings: g.findings.map(finding),
        diagnostics: g.diagnostics.map((d) => diagnostic(ctx.cwd, d)),
      })),
    diagnostics: global.map((d) => diagnostic(ctx.cwd, d)),
    rules: [...(result.rules ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(jsonRule),
    ...(ctx.baseline ? { baseline: { file: ctx.baseline.file, matched: ctx.baseline.matched ?? summary.baselined, unmatched: ctx.baseline.unmatched } } : {}),
  };
}

/** Machine-readable report; see docs/json-format.md. Suppressed findings are included and marked. */
export const json = (result: ScanResult, ctx: FormatterContext): string => JSON.stringify(toJsonReport(result, ctx), null, 2) + '\n';
