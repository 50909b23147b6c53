import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { UsageError } from './errors.js';
import type { ScanResult } from './types.js';

/**
 * A baseline: the findings a project accepted when it adopted Oculum (as ESLint's
 * `eslint-suppressions.json`, Bandit's and detect-secrets' baselines). `oculum scan --baseline FILE`
 * treats a finding that matches an entry as suppressed (kind `baseline`), so that only new findings
 * fail the run; `--write-baseline` writes one from the findings of a scan.
 *
 * An entry is keyed by the file's path relative to the baseline file's directory (`/` separators, so
 * the same from wherever the scan runs), the rule id and the finding's fingerprint (which survives line
 * shifts and reformatting, and holds no path: see `assignFingerprints`). `count` (absent: 1, at most
 * `MAX_ENTRY_COUNT`): how many findings the entry matches. A scan never writes one above 1 (fingerprints
 * hold the occurrence index, so two findings of a file never share a key); a hand-edited file may. Everything here is linear in the findings and the entries.
 */
export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = '.oculum-baseline.json';
/** The largest `count` an entry may have (a scan never writes one: see `BaselineEntry.count`). */
export const MAX_ENTRY_COUNT = 1_000_000;

export interface BaselineEntry {
  /** Relative to the baseline file's directory, `/` separators. */
  path: string;
  ruleId: string;
  fingerprint: string;
  /** How many findings of this key the entry matches (1 to `MAX_ENTRY_COUNT`); absent for one. A scan writes none. */
  count?: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

/** What applying a baseline did: findings it suppressed, and entries (counted with their `count`) that matched nothing. */
export interface BaselineOutcome {
  matched: number;
  /** Entries of files the scan read and rules it ran that match no finding anymore (or of files that no longer exist). */
  unmatched: number;
}

const KEY_SEPARATOR = '\u0000';
const keyOf = (path: string, ruleId: string, fingerprint: string): string => `${path}${KEY_SEPARATOR}${ruleId}${KEY_SEPARATOR}${fingerprint}`;

/** A path as a baseline keeps it: relative to `baseDir`, `/` separators. */
export function baselinePath(baseDir: string, file: string): string {
  return nodePath.relative(baseDir, nodePath.resolve(baseDir, file)).split(nodePath.sep).join('/');
}

/** Code-unit order (not the locale's): the same file on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint);
}

/**
 * Reads and checks a baseline file. A missing file, text that is not JSON, another `version` or a
 * malformed entry is a `UsageError` naming the file (the CLI: exit 2). Messages never quote the file's
 * text.
 */
export function readBaseline(file: string, label = file): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`baseline file not found: ${label} (write one with --write-baseline ${label})`);
    throw new UsageError(`cannot read the baseline file ${label}: ${code ?? (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UsageError(`the baseline file ${label} is not valid JSON (write it again with --write-baseline ${label})`);
  }
  const bad = (what: string): never => {
    throw new UsageError(`the baseline file ${label} is not an Oculum baseline: ${what} (write it again with --write-baseline ${label})`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return bad('expected an object with "version" and "entries"');
  const { version, entries } = data as { version?: unknown; entries?: unknown };
  if (version !== BASELINE_VERSION) {
    const said = typeof version === 'number' ? `version ${version}` : version === undefined ? 'no "version"' : 'a "version" that is not a number';
    throw new UsageError(`the baseline file ${label} has ${said}; this Oculum reads version ${BASELINE_VERSION} (write it again with --write-baseline ${label})`);
  }
  if (!Array.isArray(entries)) return bad('"entries" is not an array');
  const out: BaselineEntry[] = [];
  entries.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return bad(`entries[${i}] is not an object`);
    const { path, ruleId, fingerprint, count } = entry as Record<string, unknown>;
    for (const [key, value] of [['path', path], ['ruleId', ruleId], ['fingerprint', fingerprint]] as const) {
      if (typeof value !== 'string' || value === '') bad(`entries[${i}].${key} is not a non-empty string`);
    }
    if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_ENTRY_COUNT)) bad(`entries[${i}].count is not a whole number from 1 to ${MAX_ENTRY_COUNT}`);
    out.push({ path: path as string, ruleId: ruleId as string, fingerprint: fingerprint as string, ...(typeof count === 'number' && count > 1 ? { count } : {}) });
  });
  return { version: BASELINE_VERSION, entries: out };
}

/** The entries of a scan's unsuppressed findings, paths relative to `baseDir`, merged by key (with counts) and sorted. */
export function baselineEntries(result: ScanResult, baseDir: string): BaselineEntry[] {
  const counts = new Map<string, BaselineEntry>();
  for (const fr of result.files) {
    const path = baselinePath(baseDir, fr.file);
    for (const f of fr.findings) {
      if (f.suppressed) continue;
      const key = keyOf(path, f.ruleId, f.fingerprint);
      const known = counts.get(key);
      if (known) known.count = (known.count ?? 1) + 1;
      else counts.set(key, { path, ruleId: f.ruleId, fingerprint: f.fingerprint });
    }
  }
  return [...counts.values()].sort(compareEntries);
}

/**
 * The text of a baseline file: pretty JSON (it is committed and reviewed), entries sorted by path, rule
 * and fingerprint, equal keys merged into one entry with their `count`: the same findings always give
 * the same bytes.
 */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const merged = new Map<string, BaselineEntry>();
  for (const e of entries) {
    const key = keyOf(e.path, e.ruleId, e.fingerprint);
    const known = merged.get(key);
    if (known) known.count = (known.count ?? 1) + (e.count ?? 1);
    else merged.set(key, { path: e.path, ruleId: e.ruleId, fingerprint: e.fingerprint, ...(e.count && e.count > 1 ? { count: e.count } : {}) });
  }
  const sorted = [...merged.values()].sort(compareEntries);
  return `${JSON.stringify({ version: BASELINE_VERSION, entries: sorted }, null, 2)}\n`;
}

export interface ApplyBaselineOptions {
  /** The suppression's justification (the CLI: `in the baseline <file>`). */
  justification: string;
  /**
   * Whether the scan could have reported a finding of this rule (it ran: not left out by a rule,
   * detector or depth filter). Entries of rules that did not run are not counted as unmatched.
   * Default: every rule ran.
   */
  ran?: (ruleId: string) => boolean;
}

/**
 * Whether the rules read a file: a file is listed in the results also when it could not be parsed at
 * all (an error-severity `parse-error`, as a notebook with merge-conflict markers gives) or was skipped,
 * and such a file says nothing about its entries (they are neither stale nor pruned).
 */
function wasRead(fr: ScanResult['files'][number]): boolean {
  return !fr.diagnostics.some((d) => d.kind === 'skipped' || (d.kind === 'parse-error' && d.severity === 'error'));
}

/**
 * Whether an entry could have matched a finding of this scan: its file was read and its rule ran
 * (else the scan says nothing about it), or its file no longer exists.
 */
function covered(result: ScanResult, baseDir: string, ran: (ruleId: string) => boolean): (entry: BaselineEntry) => boolean {
  const scanned = new Set(result.files.filter(wasRead).map((fr) => baselinePath(baseDir, fr.file)));
  const exists = new Map<string, boolean>();
  return (entry) => {
    if (scanned.has(entry.path)) return ran(entry.ruleId);
    let there = exists.get(entry.path);
    if (there === undefined) exists.set(entry.path, (there = existsSync(nodePath.resolve(baseDir, entry.path))));
    return !there;
  };
}

/**
 * Marks the unsuppressed findings that match an entry (each entry up to its count) as suppressed, kind
 * `baseline`, in place (new `suppressed` objects; the findings' other fields are left alone). Returns
 * how many were matched, and how many entries the scan could have matched (see `covered`) matched
 * nothing: the ones `--write-baseline` would prune.
 */
export function applyBaseline(result: ScanResult, baseline: Baseline, baseDir: string, options: ApplyBaselineOptions): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) {
    const key = keyOf(e.path, e.ruleId, e.fingerprint);
    remaining.set(key, (remaining.get(key) ?? 0) + (e.count ?? 1));
  }
  let matched = 0;
  for (const fr of result.files) {
    const path = baselinePath(baseDir, fr.file);
    for (const f of fr.findings) {
      if (f.suppressed) continue;
      const key = keyOf(path, f.ruleId, f.fingerprint);
      const left = remaining.get(key);
      if (!left) continue;
      remaining.set(key, left - 1);
      f.suppressed = { kind: 'baseline', justification: options.justification };
      matched++;
    }
  }
  const couldMatch = covered(result, baseDir, options.ran ?? (() => true));
  let unmatched = 0;
  for (const e of baseline.entries) {
    const key = keyOf(e.path, e.ruleId, e.fingerprint);
    const left = remaining.get(key) ?? 0;
    if (left === 0) continue;
    // (an entry listed twice is counted once: its remainder is taken here)
    remaining.set(key, 0);
    if (couldMatch(e)) unmatched += left;
  }
  return { matched, unmatched };
}

/**
 * The entries of an earlier baseline that a scan says nothing about, to keep when writing the new one:
 * those of files it did not read (a scan of `src/` keeps the entries of `tests/`) that still exist, and
 * of rules it did not run. Those it could have matched are left out: they are rewritten from its findings.
 */
export function entriesOutsideScan(result: ScanResult, previous: Baseline, baseDir: string, ran?: (ruleId: string) => boolean): BaselineEntry[] {
  const couldMatch = covered(result, baseDir, ran ?? (() => true));
  return previous.entries.filter((e) => !couldMatch(e));
}
