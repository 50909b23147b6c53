import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_BASELINE_FILE, DETECTORS, SEVERITIES, applyBaseline, baselineEntries, closest, ensureDirectory, entriesOutsideScan, errnoText, formatBaseline, formatters, maxWorkers, readBaseline, ruleFilteredOut, runOutcome, unmatchedPattern } from '@oculum/core';
import type { Baseline, Depth, Detector, RuleFilters, Finding, FormatterContext, ScanOptions, ScanResult, Severity } from '@oculum/core';
import { engine } from '../engine.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadBuiltinPlugins } from '../plugins.js';
import { ProgressBar } from '../progress.js';
import { VERSION } from '../version.js';

export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const DEFAULT_FAIL_ON: FailOn = 'high';

export interface ScanCommandOptions {
  depth: Depth;
  format: string;
  output?: string;
  failOn: FailOn;
  maxWarnings?: number;
  /** Drop findings less certain than this (`settings.minConfidence`, for the whole scan). */
  minConfidence?: 'low' | 'medium' | 'high';
  /** `--report-unused-directives` (`settings.reportUnusedDirectives` for the whole scan; wins over the configs). */
  reportUnusedDirectives?: 'off' | 'warn' | 'error';
  /** `--require-suppression-reason` (`settings.requireSuppressionReason: true` for the whole scan). */
  requireSuppressionReason?: boolean;
  /** A path, or `false` for `--no-config`. */
  config?: string | false;
  rule?: string[];
  detector?: string[];
  fix?: boolean;
  /** `--exit-non-zero-on-fix` (as Ruff's): exit 1 when `--fix` changed a file, even if nothing remains. */
  exitNonZeroOnFix?: boolean;
  /** `--error-on-skipped`: files and directories that could not be scanned are errors (exit 2), not warnings. */
  errorOnSkipped?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  forceExclude?: boolean;
  quiet?: boolean;
  /** `true` for `--color`, `false` for `--no-color`, undefined to decide from the terminal. */
  color?: boolean;
  progress?: boolean;
  workers?: number | 'auto';
  /** `--max-file-size`: bytes (`Infinity`: no limit). */
  maxFileSize?: number;
  debug?: boolean;
  /** `false` for `--no-error-on-unmatched-pattern`: a glob that matches no file is a warning, not an error. */
  errorOnUnmatchedPattern?: boolean;
  /** `--print-config FILE`: print the file's config, scan nothing. */
  printConfig?: string;
  /** `--baseline FILE`: findings that match its entries are suppressed (kind `baseline`). */
  baseline?: string;
  /** `--write-baseline [FILE]`: write the findings as a baseline (`true`: the `--baseline` file, else `.oculum-baseline.json`). */
  writeBaseline?: string | true;
  /** `--stdin`: scan standard input as the file `stdinFilename`. */
  stdin?: boolean;
  stdinFilename?: string;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Rank of a severity, higher is worse (critical 4 … info 0). */
export function rank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** Decides whether output gets ANSI colour: flag, then NO_COLOR / FORCE_COLOR, then whether it goes to a terminal. */
export function useColor(flag: boolean | undefined, env: CliIo['env'], isTTY: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY === true;
}

export function splitList(values: string[] | undefined, flag = 'the option'): string[] {
  const out = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  // `--rule ""` (an unset variable in a script) must not quietly mean "every rule"
  if (values && values.length > 0 && out.length === 0) throw new CliError(`${flag} needs a value: got "${values.join(',')}"`);
  return out;
}

function checkPaths(paths: string[], cwd: string): void {
  for (const p of paths) {
    // `oculum scan "$CHANGED_FILES"` with the variable empty must not become a scan of the whole tree
    if (p.trim() === '') throw new CliError('an empty path was given (an unset variable?): name files or directories to scan, or none to scan the current directory');
    if (p === '-' && !fs.existsSync(path.resolve(cwd, p))) throw new CliError('no such file or directory: - (to scan text from standard input, use --stdin --stdin-filename <path>)');
    if (GLOB_CHARS.test(p)) continue;
    // lstat: a link that leads nowhere (dangling, a loop) exists; the scan says what it is
    try {
      fs.lstatSync(path.resolve(cwd, p));
    } catch {
      throw new CliError(`no such file or directory: ${p}`);
    }
  }
}

/**
 * The globs of `paths` that matched no file to scan (none, or only ignored ones). The engine does not
 * fail on them: its discovery reports each one as a scan-wide `skipped` diagnostic, `No files match
 * the pattern "<glob>"`, which is what this reads. A literal path that does not exist never gets
 * here (`checkPaths` stops it first).
 */
export function unmatchedPatterns(paths: string[], result: ScanResult, cwd: string): string[] {
  const said = result.diagnostics.map(unmatchedPattern).filter((u) => u !== undefined);
  if (said.length === 0) return [];
  return paths.filter((p) => GLOB_CHARS.test(p) && !fs.existsSync(path.resolve(cwd, p)) && said.some((u) => u.pattern === p));
}

/** For a pattern whose matches discovery found all ignored: how many (`3 files`). */
function ignoredMatches(pattern: string, result: ScanResult): string | undefined {
  const n = result.diagnostics.map(unmatchedPattern).find((u) => u?.pattern === pattern)?.ignored ?? 0;
  return n > 0 ? `${n} file${n === 1 ? '' : 's'}` : undefined;
}

export function checkDetectors(names: string[]): Detector[] {
  for (const name of names) {
    if (!(DETECTORS as readonly string[]).includes(name)) {
      const near = closest(name, DETECTORS);
      const hint = near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : '';
      throw new CliError(`unknown detector "${name}" (expected one of: ${DETECTORS.join(', ')})${hint}`);
    }
  }
  return names as Detector[];
}

/** The result without warn-level findings and without warning or note diagnostics (`--quiet`, as ESLint's). */
function onlyErrors(result: ScanResult): ScanResult {
  return {
    ...result,
    files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.level === 'error'), diagnostics: f.diagnostics.filter((d) => d.severity === 'error') })),
    diagnostics: result.diagnostics.filter((d) => d.severity === 'error'),
  };
}

/** Diagnostics `--quiet` leaves out (warnings and notes). */
function quietDiagnostics(result: ScanResult): number {
  return [...result.diagnostics, ...result.files.flatMap((f) => f.diagnostics)].filter((d) => d.severity !== 'error').length;
}

function unsuppressed(result: ScanResult): Finding[] {
  return result.files.flatMap((f) => f.findings.filter((x) => !x.suppressed));
}

export interface ExitDecision {
  code: 0 | 1 | 2;
  /** Findings that fail the run (`--fail-on`). */
  failing: number;
  warnings: number;
  tooManyWarnings: boolean;
  /** The scan reported a configuration or internal error diagnostic. */
  errored: boolean;
}

/**
 * 2 when the scan reported a config/internal error; 1 when an unsuppressed error-level finding is at
 * or above `--fail-on`, or warn-level findings (info severity aside) exceed `--max-warnings`; 0 otherwise.
 */
export function exitCodeFor(result: ScanResult, failOn: FailOn, maxWarnings?: number): ExitDecision {
  // One decision for the exit code and the summaries (core's `runOutcome`): info findings (the
  // model-format inventory) warn about nothing, and `--max-warnings -1` is no limit, as in ESLint.
  const { code, failing, warnings, tooManyWarnings, errored } = runOutcome(result, { failOn, ...(maxWarnings !== undefined ? { maxWarnings } : {}) });
  return { code, failing, warnings, tooManyWarnings, errored };
}

/** `--stdin`: a file name to read the text as, and nothing that would read or write files. */
function checkStdin(rawPaths: string[], opts: ScanCommandOptions): void {
  if (!opts.stdinFilename) throw new CliError('--stdin needs --stdin-filename: the path the text would have (its extension picks the language, its directory the configs)');
  if (rawPaths.length > 0) throw new CliError(`--stdin scans standard input only: leave out the paths (${rawPaths.join(' ')})`);
  if (opts.fix) throw new CliError('--fix writes files: it cannot be used with --stdin');
  if (opts.cache || opts.cacheLocation) throw new CliError('--cache keeps results of files: it cannot be used with --stdin');
}

/**
 * The options that decide a file's config, checked, with the built-in plugins loaded: the same for a
 * scan and for `--print-config`.
 */
async function configOptions(opts: ScanCommandOptions, io: CliIo): Promise<ScanOptions> {
  const cwd = io.cwd;
  const detectors = checkDetectors(splitList(opts.detector, '--detector'));
  const rules = splitList(opts.rule, '--rule');
  if (typeof opts.config === 'string' && !fs.existsSync(path.resolve(cwd, opts.config))) {
    throw new CliError(`config file not found: ${opts.config}`);
  }
  const builtin = await loadBuiltinPlugins();
  for (const warning of builtin.warnings) io.stderr.write(`oculum: warning: ${warning}\n`);
  const options: ScanOptions = { cwd, depth: opts.depth, plugins: builtin.urls };
  if (typeof opts.config === 'string') options.configFile = path.resolve(cwd, opts.config);
  if (opts.config === false) options.noConfig = true;
  if (rules.length > 0) options.onlyRules = rules;
  if (detectors.length > 0) options.onlyDetectors = detectors;
  // Flags that are settings: applied after every config, so they win over them (as ESLint's CLI options do).
  const settings: Record<string, unknown> = {};
  if (opts.minConfidence) settings.minConfidence = opts.minConfidence;
  if (opts.reportUnusedDirectives) settings.reportUnusedDirectives = opts.reportUnusedDirectives;
  if (opts.requireSuppressionReason) settings.requireSuppressionReason = true;
  if (Object.keys(settings).length > 0) options.overrideConfig = { settings };
  return options;
}

/**
 * `--print-config FILE`, as ESLint's: the config the file would be scanned with, as JSON (to stdout
 * or `--output`), and no scan. Exit 2 when a config met on the way is broken, as a scan would.
 */
async function printConfig(rawPaths: string[], opts: ScanCommandOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd;
  const file = opts.printConfig!;
  if (rawPaths.length > 0) throw new CliError(`--print-config takes one file and scans nothing: leave out the paths (${rawPaths.join(' ')})`);
  if (!file) throw new CliError('--print-config needs a file');
  if (!fs.existsSync(path.resolve(cwd, file))) throw new CliError(`no such file: ${file}`);
  const report = await engine().configForFile(file, await configOptions(opts, io));
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (opts.output !== undefined) writeOutput(opts.output, text, cwd);
  else io.stdout.write(text);
  return report.diagnostics.some((d) => d.severity === 'error' && d.kind === 'config') ? 2 : 0;
}

/** A path as the user would type it from `base`: relative, with `/`, unless it lies outside. */
function displayPath(file: string, base: string): string {
  const rel = path.relative(base, file);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

/**
 * `oculum scan empty/`: a directory named on the command line in which nothing was scanned, skipped
 * or ignored is most likely a mistyped CI path (as Ruff's "No Python files found"). A warning on
 * stderr: the run's exit code does not change.
 */
/**
 * The directories of `dirs` (absolute) that hold none of `files` (absolute), and the work it took:
 * a set of every file and its ancestor directories is built once (each directory entered once, so
 * linear in the files and their distinct directories), then each named directory is looked up.
 */
export function directoriesWithoutFiles(dirs: string[], files: string[]): { empty: string[]; steps: number } {
  const covered = new Set<string>();
  let steps = 0;
  for (const file of files) {
    let at = path.resolve(file);
    steps++;
    if (covered.has(at)) continue;
    covered.add(at);
    for (;;) {
      const up = path.dirname(at);
      steps++;
      if (up === at || covered.has(up)) break;
      covered.add(up);
      at = up;
    }
  }
  const empty: string[] = [];
  for (const dir of dirs) {
    steps++;
    if (!covered.has(path.resolve(dir))) empty.push(dir);
  }
  return { empty, steps };
}

function warnEmptyDirectories(paths: string[], result: ScanResult, cwd: string, io: CliIo, depth: Depth): void {
  const base = result.cwd || cwd;
  const seen = [...result.files.map((f) => f.file), ...result.diagnostics.map((d) => d.file), ...result.files.flatMap((f) => f.diagnostics.map((d) => d.file))]
    .filter((f): f is string => f !== undefined)
    .map((f) => path.resolve(base, f));
  const named = new Map<string, string>();
  for (const p of paths) {
    if (GLOB_CHARS.test(p)) continue;
    const abs = path.resolve(cwd, p);
    let dir = false;
    try {
      dir = fs.statSync(abs).isDirectory();
    } catch {
      continue;
    }
    if (dir && !named.has(abs)) named.set(abs, p);
  }
  if (named.size === 0) return;
  for (const abs of directoriesWithoutFiles([...named.keys()], seen).empty) {
    // (--depth quick reads no model file: a folder of them is not "without a model file")
    const why = depth === 'quick' ? 'no source file Oculum reads; model files are not read at --depth quick' : 'no source or model file Oculum reads';
    io.stderr.write(`oculum: warning: no files to scan under ${named.get(abs)} (${why})\n`);
  }
}

function writeOutput(file: string, text: string, cwd: string): void {
  const target = path.resolve(cwd, file);
  try {
    ensureDirectory(path.dirname(target)); // not mkdirSync({ recursive }): it spins under /proc
    fs.writeFileSync(target, text);
  } catch (err) {
    throw new CliError(`cannot write output file ${file}: ${errnoText(err)}`);
  }
}

/** The baseline a run reads (`--baseline`) and the one it writes (`--write-baseline`), checked before the scan. */
interface BaselinePlan {
  /** `--baseline`: the file, as shown, and its entries (none when it is also the file written and does not exist yet). */
  read?: { abs: string; label: string; data?: Baseline };
  /** `--write-baseline`: where, and the entries it held before (to keep those of files and rules this scan does not cover). */
  write?: { abs: string; label: string; previous?: Baseline };
}

/**
 * Reads `--baseline` before the scan (a missing, corrupt or other-version file is a usage error naming
 * it, exit 2, before any time is spent) and works out where `--write-baseline` writes.
 */
function planBaseline(opts: ScanCommandOptions, io: CliIo): BaselinePlan {
  const cwd = io.cwd;
  const plan: BaselinePlan = {};
  if (opts.baseline !== undefined) {
    if (opts.baseline.trim() === '') throw new CliError('--baseline needs a file (an unset variable?)');
    const abs = physicalPath(path.resolve(cwd, opts.baseline));
    plan.read = { abs, label: baselineLabel(abs, cwd, opts.baseline) };
  }
  if (opts.writeBaseline !== undefined) {
    if (opts.stdin) throw new CliError('--write-baseline writes the findings of files: it cannot be used with --stdin');
    const named = typeof opts.writeBaseline === 'string' ? opts.writeBaseline : undefined;
    // `oculum scan --write-baseline src` would otherwise overwrite src: the option's value is optional
    if (named !== undefined && !/\.json$/i.test(named)) {
      throw new CliError(`--write-baseline takes the baseline file to write, and "${named}" does not end in .json: to scan ${named}, name it before the option (oculum scan ${named} --write-baseline)`);
    }
    const abs = named !== undefined ? physicalPath(path.resolve(cwd, named)) : (plan.read?.abs ?? physicalPath(path.resolve(cwd, DEFAULT_BASELINE_FILE)));
    plan.write = { abs, label: named !== undefined ? baselineLabel(abs, cwd, named) : (plan.read?.label ?? baselineLabel(abs, cwd, DEFAULT_BASELINE_FILE)) };
  }
  if (plan.read && !(plan.write?.abs === plan.read.abs && !fs.existsSync(plan.read.abs))) plan.read.data = readBaseline(plan.read.abs, plan.read.label);
  if (plan.write) {
    if (plan.write.abs === plan.read?.abs) plan.write.previous = plan.read.data;
    else if (fs.existsSync(plan.write.abs)) {
      refuseToOverwrite(plan.write.abs, plan.write.label);
      try {
        plan.write.previous = readBaseline(plan.write.abs, plan.write.label);
      } catch (err) {
        io.stderr.write(`oculum: warning: ${(err as Error).message.replace(/ \(write it again with --write-baseline [^)]*\)$/, '')}: it is replaced as a whole\n`);
      }
    }
  }
  return plan;
}

/**
 * A baseline file as the user would name it from `cwd` (`../.oculum-baseline.json` too), `/`
 * separators: from its physical path when that is inside `cwd`, else as the user spelled it.
 */
function baselineLabel(abs: string, cwd: string, given: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return abs;
  if (!path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`)) return rel.split(path.sep).join('/');
  return given.split(path.sep).join('/');
}

/**
 * The physical path of a baseline file (its directory's symbolic links resolved; the file may not
 * exist yet, nor its directory): the scanned files' paths are physical (the process's working
 * directory is), and an entry's key is its file's path relative to the baseline's directory, so a
 * baseline named through a link (`$PWD` under a linked home, macOS `/tmp`) must be too.
 */
function physicalPath(abs: string): string {
  const rest: string[] = [];
  let dir = path.dirname(abs);
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(dir), ...rest, path.basename(abs));
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return abs;
      rest.unshift(path.basename(dir));
      dir = parent;
    }
  }
}

/**
 * `--write-baseline FILE` onto an existing file that is not an Oculum baseline (`package.json`, a
 * config): refused (exit 2), the file left alone. A baseline of another version, or one that is
 * malformed or not even JSON anymore (a merge conflict) but still has its numeric `"version"` and its
 * `"entries"`, is replaced
 * (with a warning); so is an empty file.
 */
function refuseToOverwrite(abs: string, label: string): void {
  let text: string;
  try {
    if (!fs.statSync(abs).isFile()) throw new CliError(`--write-baseline: ${label} is not a file: name the baseline file to write (a .json file)`);
    text = fs.readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    return; // (unreadable: the write reports it)
  }
  if (text.trim() === '') return;
  let data: unknown;
  let isJson = true;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    isJson = false;
  }
  // (package.json has a "version" too, a string: a baseline's is a number, next to its "entries")
  const looksLikeBaseline = isJson
    ? typeof data === 'object' && data !== null && !Array.isArray(data) && typeof (data as { version?: unknown }).version === 'number' && 'entries' in data
    : /"version"\s*:\s*\d/.test(text) && /"entries"\s*:/.test(text);
  if (looksLikeBaseline) return;
  throw new CliError(
    `--write-baseline would overwrite ${label}, which is not an Oculum baseline (${isJson ? 'it has no numeric "version" with its "entries"' : 'it is not JSON'}): it was left alone. Name another file (oculum scan --write-baseline ${DEFAULT_BASELINE_FILE}), or remove ${label} first to write a baseline there`,
  );
}

/**
 * Whether this run could have reported findings of a rule: loaded, and not left out by `--rule`,
 * `--detector` or the depth (core's `ruleFilteredOut`, the decision that makes a rule dormant). A rule
 * no plugin has anymore counts as run: its entries match nothing.
 */
function ruleRan(result: ScanResult, filters: RuleFilters): (ruleId: string) => boolean {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  return (id) => {
    const rule = rules.get(id);
    return !rule || !ruleFilteredOut(id, rule.meta, filters);
  };
}

/**
 * `--write-baseline`: the file from this scan's unsuppressed findings (and the earlier entries of
 * files and rules it does not cover), then applied, so that the report shows what it accepted.
 * `--baseline` alone: its entries applied. What the formatters say about it, or undefined.
 */
function useBaseline(plan: BaselinePlan, result: ScanResult, filters: RuleFilters, io: CliIo, errored: boolean): FormatterContext['baseline'] {
  const ran = ruleRan(result, filters);
  if (plan.write && !errored) {
    const { abs, label, previous } = plan.write;
    const dir = path.dirname(abs);
    const fresh = baselineEntries(result, dir);
    const kept = previous ? entriesOutsideScan(result, previous, dir, ran) : [];
    const text = formatBaseline([...fresh, ...kept]);
    try {
      ensureDirectory(dir);
      fs.writeFileSync(abs, text);
    } catch (err) {
      throw new CliError(`cannot write the baseline file ${label}: ${errnoText(err)}`);
    }
    const findings = fresh.reduce((n, e) => n + (e.count ?? 1), 0);
    const entries = fresh.length + kept.length;
    const counts = findings === fresh.length ? '' : ` (${findings} findings)`;
    const keptNote = kept.length > 0 ? `, ${kept.length} of them kept from before for files or rules this scan did not cover` : '';
    io.stderr.write(`oculum: wrote ${entries} baseline ${entries === 1 ? 'entry' : 'entries'}${counts} to ${label}${keptNote}\n`);
    const written = applyBaseline(result, { version: 1, entries: fresh }, dir, { justification: `in the baseline ${label}`, ran });
    return { file: label, unmatched: 0, matched: written.matched };
  }
  if (plan.write && errored) io.stderr.write(`oculum: the baseline ${plan.write.label} was not written: the scan reported a configuration or internal error (see the report)\n`);
  if (!plan.read?.data) return undefined;
  const { abs, label, data } = plan.read;
  const outcome = applyBaseline(result, data, path.dirname(abs), { justification: `in the baseline ${label}`, ran });
  return { file: label, unmatched: outcome.unmatched, matched: outcome.matched };
}

export async function runScan(rawPaths: string[], opts: ScanCommandOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd;
  if (opts.printConfig !== undefined) return printConfig(rawPaths, opts, io);
  const paths = rawPaths.length > 0 ? rawPaths : ['.'];
  const formatter = formatters[opts.format];
  if (!formatter) throw new CliError(`unknown format "${opts.format}" (expected one of: ${Object.keys(formatters).join(', ')})`);
  if (opts.stdin) checkStdin(rawPaths, opts);
  else if (opts.stdinFilename !== undefined) throw new CliError('--stdin-filename names the text read with --stdin: add --stdin');
  else checkPaths(paths, cwd);
  const baselinePlan = planBaseline(opts, io);
  const options: ScanOptions = { ...(await configOptions(opts, io)), paths };
  if (opts.stdin) options.stdin = { text: await io.readStdin(), path: opts.stdinFilename! };

  const progressEnabled = opts.progress !== false && io.stderr.isTTY === true && !io.env.CI;
  const progress = new ProgressBar(io.stderr, progressEnabled);
  options.onProgress = (done, total) => progress.update(done, total);
  if (opts.fix) options.fix = true;
  // A warning, not a usage error: Ruff accepts the flag without --fix (its `fix = true` may come from
  // a config), so a Ruff-style command line must not start failing with exit 2; but here only --fix
  // fixes, so a CI line that lost its --fix would pass silently: said, exit code unchanged.
  else if (opts.exitNonZeroOnFix) io.stderr.write('oculum: warning: --exit-non-zero-on-fix does nothing without --fix (nothing is fixed)\n');
  if (opts.cache || opts.cacheLocation) {
    // `--cache-location .cache/oculum/`: a directory, made if need be (as ESLint reads a trailing slash)
    const dir = opts.cacheLocation !== undefined && /[\\/]$/.test(opts.cacheLocation);
    options.cache = opts.cacheLocation ? path.resolve(cwd, opts.cacheLocation, dir ? '.oculumcache' : '') : true;
  }
  if (opts.forceExclude) options.forceExclude = true;
  if (opts.errorOnSkipped) options.errorOnSkipped = true;
  if (opts.workers !== undefined) {
    options.workers = opts.workers;
    // More threads than cores only take turns on them (slower, and more memory): the engine starts at
    // most `maxWorkers()`. Said, so that the number asked for is not silently another.
    const most = maxWorkers();
    if (typeof opts.workers === 'number' && opts.workers > most) {
      io.stderr.write(`oculum: --workers ${opts.workers}: using ${most} worker thread${most === 1 ? '' : 's'} (at most one per core, and 8)\n`);
    }
  }
  if (opts.maxFileSize !== undefined) options.maxFileSize = opts.maxFileSize;

  let result: ScanResult;
  try {
    result = await engine().scan(options);
  } finally {
    progress.done();
  }

  // `--fix` rewrote these files: say which findings it fixed (they are no longer in the report), one
  // line each, as `file:line:column  rule`.
  const fixedFiles = opts.fix ? result.files.filter((f) => f.output !== undefined) : [];
  const reportFixes = () => {
    if (fixedFiles.length === 0) return;
    const base = result.cwd || cwd;
    const lines = fixedFiles.flatMap((f) => {
      const rel = displayPath(f.file, base);
      return (f.fixed ?? []).map((x) => `  ${rel}:${x.line}:${x.column}  ${x.ruleId}\n`);
    });
    const n = lines.length;
    const what = n > 0 ? `fixed ${n} finding${n === 1 ? '' : 's'} in` : 'applied fixes to';
    io.stderr.write(`oculum: ${what} ${fixedFiles.length} file${fixedFiles.length === 1 ? '' : 's'} (the files were rewritten)${n > 0 ? ':' : ''}\n${lines.join('')}`);
  };

  // As ESLint: a pattern that matches nothing is most likely a typing mistake, and a CI job that
  // scans nothing must not pass. No report: what was asked for was not scanned.
  const unmatched = opts.errorOnUnmatchedPattern === false ? [] : unmatchedPatterns(paths, result, cwd);
  if (unmatched.length > 0) {
    reportFixes();
    // A pattern whose files are all ignored (a gitignored `models/`) is no typing mistake: say why.
    const ignored = unmatched.filter((p) => ignoredMatches(p, result) !== undefined);
    if (ignored.length === unmatched.length) {
      const which = ignored.map((p) => `"${p}" (${ignoredMatches(p, result)})`).join(', ');
      throw new CliError(
        `every file the pattern${ignored.length === 1 ? '' : 's'} ${which} match${ignored.length === 1 ? 'es' : ''} is ignored by .gitignore or ignorePatterns (name a file to scan it anyway; --no-error-on-unmatched-pattern scans without ${ignored.length === 1 ? 'it' : 'them'})`,
      );
    }
    const which = unmatched.map((p) => `"${p}"`).join(', ');
    throw new CliError(
      `no files match the pattern${unmatched.length === 1 ? '' : 's'} ${which} (check for typing mistakes; --no-error-on-unmatched-pattern scans without ${unmatched.length === 1 ? 'it' : 'them'})`,
    );
  }

  // A baseline's findings are suppressed before anything counts them (exit code, summaries, --quiet).
  const baseline = baselinePlan.read || baselinePlan.write ? useBaseline(baselinePlan, result, { ...(options.onlyRules ? { onlyRules: options.onlyRules } : {}), ...(options.onlyDetectors ? { onlyDetectors: options.onlyDetectors } : {}), depth: opts.depth }, io, exitCodeFor(result, opts.failOn).errored) : undefined;
  const decision = exitCodeFor(result, opts.failOn, opts.maxWarnings);
  const shown = opts.quiet ? onlyErrors(result) : result;
  const toFile = opts.output !== undefined;
  const color = opts.format === 'stylish' && useColor(opts.color, io.env, toFile ? false : io.stdout.isTTY) && (!toFile || opts.color === true);
  // Paths in the result are relative to the engine's resolved working directory.
  // `failOn`: the summaries of stylish and markdown say which errors do not fail this run.
  // On a terminal, stylish wraps long messages to its width.
  const width = !toFile && io.stdout.isTTY === true && typeof io.stdout.columns === 'number' ? io.stdout.columns : undefined;
  // `--quiet`: the summaries still count the warnings left out (they can fail the run by --max-warnings).
  const hiddenWarnings = opts.quiet ? unsuppressed(result).filter((f) => f.level === 'warn' && f.severity !== 'info').length : 0;
  const text = formatter(shown, { cwd: result.cwd || cwd, color, version: VERSION, failOn: opts.failOn, ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}), ...(hiddenWarnings > 0 ? { hiddenWarnings } : {}), ...(width ? { width } : {}), ...(baseline ? { baseline } : {}) });

  if (toFile) writeOutput(opts.output!, text, cwd);
  else io.stdout.write(text);

  reportFixes();
  if (opts.quiet && opts.format === 'stylish') {
    const warnLevel = unsuppressed(result).filter((f) => f.level === 'warn');
    // (the model inventory is info, not a warning: counted apart, as the summary does)
    const hidden = warnLevel.filter((f) => f.severity !== 'info').length;
    const info = warnLevel.length - hidden;
    const notes = quietDiagnostics(result);
    const parts = [
      ...(hidden > 0 ? [`${hidden} warn-level finding${hidden === 1 ? '' : 's'}`] : []),
      ...(info > 0 ? [`${info} info finding${info === 1 ? '' : 's'}`] : []),
      ...(notes > 0 ? [`${notes} warning or note diagnostic${notes === 1 ? '' : 's'}`] : []),
    ];
    if (parts.length > 0) io.stderr.write(`oculum: ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]} not shown (--quiet)\n`);
  }
  if (decision.tooManyWarnings) {
    io.stderr.write(`oculum: too many warnings (${decision.warnings}); --max-warnings allows ${opts.maxWarnings}\n`);
  }
  if (!opts.stdin) warnEmptyDirectories(paths, result, cwd, io, opts.depth);
  // A `--cache` that was not used (another signer, another version, …) is in the report; a CI job
  // writing SARIF or JSON to a file would not see it, and would only find its scans slow: said here too.
  if (options.cache && (toFile || opts.format !== 'stylish')) {
    for (const d of result.files.flatMap((f) => f.diagnostics).concat(result.diagnostics)) {
      if (d.severity !== 'error' && /^(The cache .* was not used: |Could not write the cache )/.test(d.message)) io.stderr.write(`oculum: ${d.severity}: ${d.message}\n`);
    }
  }
  let code: number = decision.code;
  if (opts.errorOnSkipped) {
    const skipped = [...result.diagnostics, ...result.files.flatMap((f) => f.diagnostics)].filter((d) => d.kind === 'skipped' && d.severity === 'error' && d.file !== undefined);
    if (skipped.length > 0) {
      const base = result.cwd || cwd;
      const names = skipped.map((d) => `  ${displayPath(d.file!, base)}: ${d.message.replace(/^Skipped: /, '')}\n`).join('');
      // (by the diagnostic's flag, not its wording: a directory whose name is not valid UTF-8 is one too;
      // "files", not "source files": a file named on the command line or read by its bytes may be neither)
      const dirs = skipped.filter((d) => d.directory === true).length;
      const files = skipped.length - dirs;
      const what = [...(files > 0 ? [`${files} file${files === 1 ? '' : 's'}`] : []), ...(dirs > 0 ? [`${dirs} director${dirs === 1 ? 'y' : 'ies'}`] : [])].join(' and ');
      io.stderr.write(`oculum: ${what} could not be scanned (--error-on-skipped):\n${names}`);
      code = 2;
    }
  }
  if (opts.exitNonZeroOnFix && fixedFiles.length > 0 && code === 0) code = 1;
  return code;
}
