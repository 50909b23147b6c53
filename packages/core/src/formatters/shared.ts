import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DETECTORS, SEVERITIES } from '../types.js';
import type { Detector, Diagnostic, FileResult, Finding, FormatterContext, RuleInfo, ScanResult, Severity } from '../types.js';

/** Where users read about Oculum; SARIF `informationUri` and the fallback help link. */
export const OCULUM_HOMEPAGE = 'https://github.com/oculum-dev/oculum';

/**
 * Documentation of a rule: its `docs.url`, else, for a rule of a built-in plugin (`@oculum/…`), its
 * doc in the Oculum repository (`packages/<plugin>/docs/rules/<name>.md`, where every built-in rule
 * has one); undefined for another plugin's rule without one.
 */
export function ruleDocsUrl(rule: RuleInfo): string | undefined {
  if (rule.meta.docs.url) return rule.meta.docs.url;
  if (rule.plugin.startsWith('@oculum/')) {
    return `${OCULUM_HOMEPAGE}/blob/main/packages/${rule.plugin.slice('@oculum/'.length)}/docs/rules/${rule.name}.md`;
  }
  return undefined;
}

/** The help link of a rule (SARIF `helpUri`, markdown): `ruleDocsUrl`, else the Oculum homepage. */
export function helpUri(rule: RuleInfo): string {
  return ruleDocsUrl(rule) ?? OCULUM_HOMEPAGE;
}

/**
 * Languages of binary files (Oculum's model files): a finding on one is about the whole file, which
 * has no lines or columns to show (the engine gives it 1:1, an empty range). SARIF gives it no
 * `region`, GitHub annotations no line, and the markdown table the file alone.
 */
const WHOLE_FILE_LANGUAGES = new Set(['model']);

/** True for a file of a binary language (see `WHOLE_FILE_LANGUAGES`): its findings have no position. */
export function isWholeFileLanguage(language: string | undefined): boolean {
  return language !== undefined && WHOLE_FILE_LANGUAGES.has(language);
}

/** Higher is worse: critical 4 … info 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** Path of `file` relative to `cwd`, with forward slashes (absolute when it lies outside `cwd`). */
export function relativePath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  if (rel === '') return path.basename(file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** True when `file` is inside `cwd` (so it can be expressed relative to `%SRCROOT%`). */
export function isInside(cwd: string, file: string): boolean {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** A relative path as a URI reference: each segment percent-encoded, `/` separators. */
export function relativeUri(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  if (isInside(cwd, file)) {
    const rel = path.relative(cwd, file).split(path.sep);
    return { uri: rel.map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(file).href };
}

/** `file:` URI of a directory, with the trailing slash SARIF requires for base ids. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * A 1-based line or column as the formatters show it: a whole number ≥ 1. The engine passes on what a
 * rule reports, and a custom rule may report `-5`, `0`, `1.5`, `NaN` or `1e300`; a report must still
 * read `1:1` rather than `-5:1000000000…`, and JSON and SARIF must stay valid for their schemas (both
 * say positions are integers ≥ 1). Lines past the end of the file cannot be told here.
 */
export function position(value: number | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 1;
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Math.trunc(value)));
}

/** A finding's range made sane: positions ≥ 1, and an end that does not come before the start. */
export function region(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const startLine = position(f.line);
  const startColumn = position(f.column || 1);
  const endLine = Math.max(startLine, position(f.endLine || startLine));
  let endColumn = position(f.endColumn || startColumn);
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  return { startLine, startColumn, endLine, endColumn };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    position(a.line) - position(b.line) ||
    position(a.column) - position(b.column) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ? position(a.line) : 0) - (b.line ? position(b.line) : 0) ||
    (a.column ? position(a.column) : 0) - (b.column ? position(b.column) : 0) ||
    a.message.localeCompare(b.message)
  );
}

export interface FileGroup {
  /** Absolute path. */
  file: string;
  /** Relative to cwd, forward slashes. */
  relative: string;
  language?: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/**
 * Files of the result merged by path (a diagnostic of the top-level list that names a file joins that
 * file's group), sorted by relative path; findings and diagnostics sorted by position. Deterministic
 * whatever order the engine produced.
 */
export function groupByFile(result: ScanResult, cwd: string): { files: FileGroup[]; global: Diagnostic[] } {
  const byFile = new Map<string, FileGroup>();
  const group = (file: string, language?: string): FileGroup => {
    let g = byFile.get(file);
    if (!g) {
      g = { file, relative: relativePath(cwd, file), findings: [], diagnostics: [] };
      byFile.set(file, g);
    }
    if (language && !g.language) g.language = language;
    return g;
  };
  for (const fr of result.files as FileResult[]) {
    const g = group(fr.file, fr.language);
    // (a loop, not `push(...xs)`: a file of 200,000 findings overflowed the call stack with the spread)
    for (const f of fr.findings) g.findings.push(f);
    for (const d of fr.diagnostics) g.diagnostics.push(d.file ? d : { ...d, file: fr.file });
  }
  const global: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    if (d.file) group(d.file).diagnostics.push(d);
    else global.push(d);
  }
  const files = [...byFile.values()];
  for (const g of files) {
    g.findings.sort(compareFindings);
    g.diagnostics.sort(compareDiagnostics);
  }
  files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  global.sort(compareDiagnostics);
  return { files, global };
}

export interface Summary {
  /** Files scanned (from stats). */
  files: number;
  /** Files with at least one unsuppressed finding. */
  filesWithFindings: number;
  /** Unsuppressed findings. */
  findings: number;
  /** Unsuppressed findings at level `error`. */
  errors: number;
  /**
   * Unsuppressed findings at level `warn`, info-severity ones aside (what `--max-warnings` counts:
   * the model-format inventory warns about nothing).
   */
  warnings: number;
  /** Unsuppressed info-severity findings at level `warn`. */
  notices: number;
  /** Suppressed findings (by a directive, a config in the tree, or a baseline). */
  suppressed: number;
  /** Of `suppressed`: those a baseline file accepted (`--baseline`). */
  baselined: number;
  /** Unsuppressed findings with an autofix (`--fix`), unless their file's fixes were not applied (`fixesNotApplied`). */
  fixable: number;
  /** Unsuppressed findings with suggestions but no autofix. */
  withSuggestions: number;
  bySeverity: Record<Severity, number>;
  byDetector: Record<Detector, number>;
  diagnostics: { errors: number; warnings: number; notes: number };
}

/**
 * What the engine says when `--fix` leaves a file's fixes out: the file is read in a declared encoding
 * other than UTF-8 (Oculum writes UTF-8 only), the fixes would break its parse, or the write failed.
 */
const FIXES_NOT_APPLIED = /^(?:Fixes not applied|Could not write fixes)\b/;

/**
 * The files whose fixes `--fix` did not apply, by a diagnostic saying so. Their findings keep their
 * `fix` (the edit), but are not fixable with `--fix`: not counted in `fixable`, and shown as "fix not
 * applied" (the diagnostic says why).
 */
export function fixesNotApplied(result: ScanResult): Set<string> {
  const files = new Set<string>();
  for (const fr of result.files) if (fr.diagnostics.some((d) => FIXES_NOT_APPLIED.test(d.message))) files.add(fr.file);
  for (const d of result.diagnostics) if (d.file && FIXES_NOT_APPLIED.test(d.message)) files.add(d.file);
  return files;
}

export function summarize(result: ScanResult): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byDetector = Object.fromEntries(DETECTORS.map((d) => [d, 0])) as Record<Detector, number>;
  const summary: Summary = {
    files: result.stats?.files ?? result.files.length,
    filesWithFindings: 0,
    findings: 0,
    errors: 0,
    warnings: 0,
    notices: 0,
    suppressed: 0,
    baselined: 0,
    fixable: 0,
    withSuggestions: 0,
    bySeverity,
    byDetector,
    diagnostics: { errors: 0, warnings: 0, notes: 0 },
  };
  const notApplied = fixesNotApplied(result);
  for (const fr of result.files) {
    let any = false;
    for (const f of fr.findings) {
      if (f.suppressed) {
        summary.suppressed++;
        if (f.suppressed.kind === 'baseline') summary.baselined++;
        continue;
      }
      any = true;
      summary.findings++;
      if (f.level === 'error') summary.errors++;
      else if (f.severity === 'info') summary.notices++;
      else summary.warnings++;
      if (f.fix) {
        if (!notApplied.has(fr.file)) summary.fixable++;
      } else if (f.suggestions?.length) summary.withSuggestions++;
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
    }
    if (any) summary.filesWithFindings++;
  }
  for (const d of allDiagnostics(result)) {
    if (d.severity === 'error') summary.diagnostics.errors++;
    else if (d.severity === 'warning') summary.diagnostics.warnings++;
    else summary.diagnostics.notes++;
  }
  return summary;
}

export function allDiagnostics(result: ScanResult): Diagnostic[] {
  return [...result.files.flatMap((f) => f.diagnostics), ...result.diagnostics];
}

/**
 * Unsuppressed error-level findings whose severity is below `failOn`: they do not fail the run
 * (`--fail-on high` and a `low` finding of an error-level rule). 0 without `failOn`.
 */
export function errorsBelowFailOn(result: ScanResult, failOn: Severity | 'none' | undefined): number {
  return runOutcome(result, { failOn }).below;
}

/** What decides a run: see `runOutcome`. */
export interface RunOutcome {
  /** 2: a config or internal error; 1: a failing finding or too many warnings; 0 otherwise. */
  code: 0 | 1 | 2;
  /** Unsuppressed error-level findings at or above `failOn` (every one when it is not given). */
  failing: number;
  /** Unsuppressed error-level findings below `failOn`: they do not fail the run. */
  below: number;
  /**
   * Unsuppressed warn-level findings, info severity aside (the model-file inventory warns about
   * nothing), those the result leaves out (`hiddenWarnings`) included.
   */
  warnings: number;
  /** More warnings than `maxWarnings` (a negative limit is none, as in ESLint). */
  tooManyWarnings: boolean;
  /** A config or internal error diagnostic. */
  errored: boolean;
  /**
   * Error diagnostics about directives (`reportUnusedDirectives: "error"`, `requireSuppressionReason`):
   * they fail the run (exit 1) unless `failOn` is `none`.
   */
  directiveErrors: number;
}

/** Whether a diagnostic is about an `oculum-ignore` directive (unused, unreadable, without a reason). */
export function isDirectiveDiagnostic(d: Diagnostic): boolean {
  return d.kind === 'unused-directive' || d.kind === 'missing-reason';
}

/**
 * Whether a scan result fails a run, and why: the one place the CLI's exit code and the summaries of
 * stylish and markdown take it from (`--fail-on`, `--max-warnings`, config and internal errors).
 */
export function runOutcome(result: ScanResult, options: { failOn?: Severity | 'none'; maxWarnings?: number; hiddenWarnings?: number } = {}): RunOutcome {
  const threshold = options.failOn === undefined ? 0 : options.failOn === 'none' ? Infinity : severityRank(options.failOn);
  let failing = 0;
  let below = 0;
  let warnings = options.hiddenWarnings ?? 0;
  for (const fr of result.files) {
    for (const f of fr.findings) {
      if (f.suppressed) continue;
      if (f.level === 'error') {
        if (severityRank(f.severity) >= threshold) failing++;
        else below++;
      } else if (f.level === 'warn' && f.severity !== 'info') warnings++;
    }
  }
  const max = options.maxWarnings;
  const tooManyWarnings = max !== undefined && max >= 0 && warnings > max;
  let errored = false;
  let directiveErrors = 0;
  const judge = (d: Diagnostic): void => {
    if (d.severity !== 'error') return;
    if (d.kind === 'config' || d.kind === 'internal') errored = true;
    else if (isDirectiveDiagnostic(d)) directiveErrors++;
  };
  for (const d of result.diagnostics) judge(d);
  for (const fr of result.files) for (const d of fr.diagnostics) judge(d);
  // (`--fail-on none` never fails the run on what the scan found: directive errors neither)
  const directivesFail = directiveErrors > 0 && options.failOn !== 'none';
  return { code: errored ? 2 : failing > 0 || tooManyWarnings || directivesFail ? 1 : 0, failing, below, warnings, tooManyWarnings, errored, directiveErrors };
}

/**
 * "2 errors (1 below --fail-on high), 1 warning, 3 info in 2 files": the counts line of the stylish and
 * markdown summaries. Errors that do not fail the run are said so, so that "1 error" does not read
 * as a failing run when the exit code is 0; info-severity findings (the model-file inventory) are
 * neither errors nor warnings when their rule is at `warn`.
 */
export function countsLine(summary: Summary, result: ScanResult, failOn: Severity | 'none' | undefined, hiddenWarnings = 0): string {
  const below = errorsBelowFailOn(result, failOn);
  let errors = plural(summary.errors, 'error');
  if (below > 0) {
    const why = failOn === 'none' ? '--fail-on none' : `below --fail-on ${failOn}`;
    errors += below === summary.errors ? ` (${below === 1 ? 'does' : 'do'} not fail the run: ${why})` : ` (${below} not failing the run: ${why})`;
  }
  const notices = summary.notices > 0 ? `, ${summary.notices} info` : '';
  const warnings = hiddenWarnings > 0 ? `${plural(summary.warnings + hiddenWarnings, 'warning')} (${hiddenWarnings} not shown: --quiet)` : plural(summary.warnings, 'warning');
  return `${errors}, ${warnings}${notices} in ${plural(summary.filesWithFindings, 'file')}`;
}

/**
 * What the summaries say about a baseline (`--baseline`): how many findings it left out, and how many
 * of its entries no longer match (once, with how to prune them). Empty without one.
 */
export function baselineNotes(summary: Summary, baseline: FormatterContext['baseline']): { hidden?: string; stale?: string } {
  const out: { hidden?: string; stale?: string } = {};
  const matched = baseline?.matched ?? summary.baselined;
  if (matched > 0) out.hidden = `${plural(matched, 'finding')} in the baseline not shown`;
  const n = baseline?.unmatched ?? 0;
  if (n > 0) out.stale = `${plural(n, 'baseline entry', 'baseline entries')} no longer ${n === 1 ? 'matches' : 'match'}; run --write-baseline to prune ${n === 1 ? 'it' : 'them'}`;
  return out;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** "2 critical, 3 high" — only the non-zero severities, worst first. */
export function severityBreakdown(bySeverity: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => bySeverity[s] > 0)
    .map((s) => `${bySeverity[s]} ${s}`)
    .join(', ');
}

/** "unsafe_model_load: 2, unverified_model_source: 3" — only the non-zero detectors, in order. */
export function detectorBreakdown(byDetector: Record<string, number>): string {
  return Object.entries(byDetector)
    .filter(([, n]) => n > 0)
    .map(([d, n]) => `${d}: ${n}`)
    .join(', ');
}

/** Index rules by id; findings whose rule is not in `result.rules` get a minimal entry. */
export function ruleIndex(result: ScanResult): Map<string, RuleInfo | undefined> {
  const map = new Map<string, RuleInfo | undefined>();
  for (const r of result.rules ?? []) map.set(r.id, r);
  return map;
}

/** One-line version of a message (stylish and markdown tables cannot hold newlines). */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/**
 * Characters a terminal or a text viewer acts on instead of showing: C0 controls (tab and newline
 * included), DEL, C1 controls (U+009B is a CSI on some terminals), the line and paragraph separators,
 * and the bidirectional embeddings, overrides, isolates and marks ("Trojan Source" reordering).
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const NAMED_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Text from the scanned input (file and archive member names, pickle globals, parser snippets, rule
 * messages that quote them) made safe to print for a terminal or a plain-text reader: every
 * character of `UNPRINTABLE` is shown as an escape (`\x1b`, `\n`, `\u202e`), so an escape sequence
 * in a file name cannot move the cursor, erase lines or recolour the report, and a newline cannot
 * fake a row. Every formatter for people (stylish, markdown) passes input-derived text through here;
 * JSON and SARIF escape it as JSON strings instead.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const named = NAMED_ESCAPES[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A message on one line, safe to print: `oneLine`, then `printable`. */
export function printableLine(text: string): string {
  return printable(oneLine(text));
}
