import * as nodePath from 'node:path';
import { applyDirectives, collectDirectives, directiveDiagnostic, directivePolicy, mayHoldDirectives, missingReasons, type DirectivePolicy } from './directives.js';
import { RuleError } from './errors.js';
import { assignFingerprints } from './fingerprint.js';
import { applyFixes, createFixer, mergeFixes } from './fixes.js';
import { requiredLiteralSets } from './literals.js';
import { wordFinder, type WordFinder } from './words.js';
import { formatMessage } from './messages.js';
import { mergeRuleOptions, validateRuleOptions } from './options.js';
import {
  CONFIDENCES,
  type Confidence,
  SEVERITIES,
  type Depth,
  type Diagnostic,
  type FileResult,
  type Finding,
  type FindingSuggestion,
  type Fix,
  type Language,
  type Position,
  type Range,
  type ReportDescriptor,
  type Rule,
  type RuleContext,
  type RuleLevel,
  type RuleMeta,
  type Settings,
  type SourceCode,
  type SourceLocation,
  type Trigger,
  type TriggerTest,
} from './types.js';

/** One enabled rule for `lintText`. */
export interface LintRule {
  /** Full id, `<namespace>/<rule-name>`. */
  id: string;
  rule: Rule<any, any>;
  /** `off` (or 0) rules are ignored. */
  level: RuleLevel | 0 | 1 | 2;
  /** User options (validated against `meta.schema`, then merged with `meta.defaultOptions`). */
  options?: unknown[];
  /**
   * Set when a config inside the scanned tree turned this rule off: the rule still runs and its
   * findings are kept with `suppressed: { kind: 'external', justification }`.
   */
  externalSuppression?: string;
}

export interface LintTextOptions {
  /** The file path (resolved against `cwd` when relative). */
  path: string;
  /** The text; omitted for languages with `readsFile: true` (they read `path` themselves). */
  text?: string;
  language: Language<any>;
  rules: LintRule[];
  settings?: Settings;
  /** Default 'standard'. */
  depth?: Depth;
  /** Scan root: rules see it as `context.cwd`. Default process.cwd(). */
  cwd?: string;
  /** Apply fixes in passes (at most 10) and return the fixed text as `output`. Nothing is written. */
  fix?: boolean;
  /** Options were already validated (by the config loader). */
  skipOptionValidation?: boolean;
  /**
   * `false`: no trigger prefilter, every enabled rule runs on the file. For checking that a rule's
   * triggers lose nothing (the findings must be the same either way); slower, never needed to scan.
   */
  prefilter?: boolean;
  /**
   * Rules the config enables for this file that do not run in this scan (below `minDepth`, outside
   * a rule/detector filter), by id → detector. Directives that might target them are not reported
   * as unused.
   */
  dormantRules?: ReadonlyMap<string, string>;
  /**
   * Ids of the rules already known to pass the trigger prefilter on this `text` (a scan's main thread
   * ran it before handing the file to a worker, see `triggeredRuleIds`): it is not run again. Fix
   * passes, on a changed text, run it again.
   */
  triggered?: readonly string[];
  /**
   * Called when a rule's trigger test (`TriggerTest`) throws on this text, with the ids of the rules
   * that have that test: the file is linted with them anyway. Without it the file's result gets a
   * warning (a scan gathers them into one diagnostic per test instead).
   */
  onTriggerError?: (ruleIds: string[], error: unknown) => void;
}

/** A trigger test that threw: the rules that have it, and what it threw. */
interface TriggerError {
  ruleIds: string[];
  error: unknown;
}

/** What `lintText` did, beyond the result (used for scan statistics). */
export interface LintTextDetails {
  result: FileResult;
  /** False when the prefilter skipped the parse (no trigger word) or no rule applied. */
  parsed: boolean;
  /** Fix passes applied. */
  fixPasses: number;
  /**
   * The rule ids, detectors and namespaces the file's directives name (`oculum-ignore[x]`), for the
   * caller to check against every loaded rule (a scan reports the unknown ones).
   */
  directiveTargets?: DirectiveTarget[];
}

/** A name in an `oculum-ignore[...]` list, where it is written. */
export interface DirectiveTarget {
  target: string;
  line: number;
  column: number;
  /** The directive as written, for messages. */
  text: string;
}

export const MAX_FIX_PASSES = 10;

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

const initialized = new WeakMap<Language<any>, Promise<void>>();

/** Runs `language.init()` once per language object (per thread). */
export function initLanguage(language: Language<any>): Promise<void> {
  let done = initialized.get(language);
  if (!done) {
    done = Promise.resolve(language.init?.());
    initialized.set(language, done);
    done.catch(() => initialized.delete(language));
  }
  return done;
}

export function normalizeLevel(level: RuleLevel | 0 | 1 | 2): RuleLevel {
  if (level === 0) return 'off';
  if (level === 1) return 'warn';
  if (level === 2) return 'error';
  return level;
}

/** How a message shows an error: `RangeError: too deep`, a plain `Error`'s message alone, a `RuleError`'s detail. */
export function errorText(error: unknown): string {
  if (error instanceof RuleError) return error.detail;
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

/** The directory of the engine's own built files: their frames are not where a rule failed. */
const ENGINE_DIR = (() => {
  try {
    return nodePath.dirname(new URL(import.meta.url).pathname);
  } catch {
    return undefined;
  }
})();

/**
 * Where in the rule's code an error was thrown: the first frame of its stack outside the engine and
 * Node's internals (`/path/oculum-plugin-acme.mjs:20:78`), for a rule author reading the diagnostic.
 */
export function errorFrame(error: unknown): string | undefined {
  if (!(error instanceof Error) || error instanceof RuleError || typeof error.stack !== 'string') return undefined;
  for (const line of error.stack.split('\n').slice(1, 40)) {
    const m = /^\s*at (?:.*? \()?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!m) continue;
    const path = m[1].startsWith('file://') ? decodeURIComponent(m[1].slice('file://'.length)) : m[1];
    if (ENGINE_DIR && path.startsWith(ENGINE_DIR + '/')) continue;
    return `${path}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

/**
 * The rules whose triggers occur in the text (or that have none). Binary languages have no text:
 * every rule runs.
 *
 * Every string trigger is found in ONE pass over the text (`wordFinder`: an Aho–Corasick automaton
 * when the words are ASCII), with the literals of the rules' RegExp triggers. A RegExp trigger is
 * tested once per file, only when a rule still needs it.
 * The text is the language's `prefilterText` when it has one: triggers that occur only in comments
 * or docstrings do not count.
 */
function prefilter<T extends { id: string; rule: Rule<any, any> }>(
  entries: T[],
  fileText: string | undefined,
  readsFile: boolean,
  language: Language<any>,
  plan: PrefilterPlan,
  errors?: TriggerError[],
  path?: string,
): T[] {
  if (readsFile || fileText === undefined || !plan.anyTriggers) return entries;
  // Only the code counts (a language may leave out comments and docstrings). A language that fails
  // there costs the file a parse, never a finding: the whole text is used.
  let text = fileText;
  try {
    if (language.prefilterText) text = language.prefilterText(fileText, path);
  } catch {
    text = fileText;
  }
  const present = plan.words.find(text);
  const tested = new Map<RegExp | TriggerTest, boolean>();
  const occurs = (trigger: Trigger) => {
    if (typeof trigger === 'string') return present.has(trigger);
    const key = trigger instanceof RegExp ? canonicalPattern(trigger) : trigger;
    let hit = tested.get(key);
    if (hit === undefined) {
      // A RegExp or test none of whose literals occurs cannot match: it is not run. A RegExp may need
      // several literal sets at once (`from`, `torch`, `import`): each must have a word there.
      const lacks =
        key instanceof RegExp
          ? (literalsOf(key) ?? []).some((set) => !set.some((word) => present.has(word)))
          : key.literals.length > 0 && !key.literals.some((word) => present.has(word));
      hit = lacks ? false : key instanceof RegExp ? patternOccurs(key, text) : testOccurs(key, text, (error) => (failed ??= []).push([key, error]));
      tested.set(key, hit);
    }
    return hit;
  };
  let failed: Array<[TriggerTest, unknown]> | undefined;
  const kept = entries.filter(({ rule }) => triggersMatch(rule.meta, occurs));
  for (const [test, error] of failed ?? []) {
    const ruleIds = entries.filter(({ rule }) => [...rule.meta.triggers, ...(rule.meta.triggerGroups ?? []).flat()].includes(test)).map((e) => e.id);
    errors?.push({ ruleIds, error });
  }
  // a file the language must parse to say what is wrong with it (see `Language.mustParse`)
  if (kept.length === 0 && entries.length > 0 && language.mustParse) {
    try {
      if (language.mustParse(fileText, path)) return entries;
    } catch {
      /* a language that fails there costs nothing: the file stays left out */
    }
  }
  return kept;
}

/** The warning for a trigger test that threw. */
export function triggerErrorMessage(ruleIds: readonly string[], error: unknown, files?: { count: number; first: string }): string {
  const rules = ruleIds.map((id) => `"${id}"`).join(', ');
  const where = files ? ` on ${files.count} file${files.count === 1 ? '' : 's'} (first ${files.first})` : '';
  return `The trigger test of ${ruleIds.length === 1 ? 'rule' : 'rules'} ${rules} threw${where}: ${errorText(error)}. The ${ruleIds.length === 1 ? 'rule ran' : 'rules ran'} on ${files ? 'those files' : 'the file'} anyway; its triggers need fixing.`;
}

/** What the prefilter of one set of rules needs, built once (a scan has one per config and language). */
interface PrefilterPlan {
  anyTriggers: boolean;
  /** Finds the string triggers and the literals of the RegExp triggers, in one pass. */
  words: WordFinder;
}

const plans = new WeakMap<readonly object[], Map<string, PrefilterPlan>>();

/** The plan of `entries`, a subset of `all` (`key` names which one), memoized per `all`. */
function prefilterPlan(all: readonly object[], key: string, entries: ReadonlyArray<{ rule: Rule<any, any> }>): PrefilterPlan {
  let byKey = plans.get(all);
  if (!byKey) plans.set(all, (byKey = new Map()));
  let plan = byKey.get(key);
  if (plan) return plan;
  const words = new Set<string>();
  let anyTriggers = false;
  for (const { rule } of entries) {
    for (const trigger of [...rule.meta.triggers, ...(rule.meta.triggerGroups ?? []).flat()]) {
      anyTriggers = true;
      if (typeof trigger === 'string') {
        if (trigger) words.add(trigger);
      } else if (trigger instanceof RegExp) {
        for (const set of literalsOf(canonicalPattern(trigger)) ?? []) for (const word of set) words.add(word);
      } else for (const word of trigger.literals) words.add(word);
    }
  }
  const sorted = [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // Callers that pass a new rule list for each file (the API) still share the plan of the same words.
  const wordsKey = `${anyTriggers}\u0001${sorted.join('\u0000')}`;
  plan = plansByWords.get(wordsKey);
  if (!plan) {
    plan = { anyTriggers, words: wordFinder(sorted) };
    plansByWords.set(wordsKey, plan);
  }
  byKey.set(key, plan);
  return plan;
}

const plansByWords = new Map<string, PrefilterPlan>();

const literalCache = new WeakMap<RegExp, string[][] | null>();

/** `requiredLiteralSets` of a (canonical) RegExp trigger, memoized. */
function literalsOf(pattern: RegExp): string[][] | undefined {
  let literals = literalCache.get(pattern);
  if (literals === undefined) literalCache.set(pattern, (literals = requiredLiteralSets(pattern) ?? null));
  return literals ?? undefined;
}

/** `triggers` (one of them, or none declared) and every non-empty trigger group, given `occurs`. */
function triggersMatch(meta: Pick<RuleMeta, 'triggers' | 'triggerGroups'>, occurs: (trigger: Trigger) => boolean): boolean {
  return (meta.triggers.length === 0 || meta.triggers.some(occurs)) && (meta.triggerGroups ?? []).every((group) => group.length === 0 || group.some(occurs));
}

const patternsBySource = new Map<string, RegExp>();
const canonicalPatterns = new WeakMap<RegExp, RegExp>();

/**
 * One RegExp object per pattern (source and flags): rules that spell the same trigger (`/\bload\b/`
 * in several rules) have it tested once per file.
 */
function canonicalPattern(pattern: RegExp): RegExp {
  let canonical = canonicalPatterns.get(pattern);
  if (!canonical) {
    // Without `g` and `y`: no state between files, and a sticky pattern would only match at offset 0.
    const flags = pattern.flags.replace(/[gy]/g, '');
    const key = `${flags}/${pattern.source}`;
    canonical = patternsBySource.get(key);
    if (!canonical) patternsBySource.set(key, (canonical = flags === pattern.flags ? pattern : new RegExp(pattern.source, flags)));
    canonicalPatterns.set(pattern, canonical);
  }
  return canonical;
}

function patternOccurs(pattern: RegExp, text: string): boolean {
  return canonicalPattern(pattern).test(text);
}

/**
 * A trigger test's answer. Only `false` leaves the file out: a test that throws, or answers anything
 * but a boolean (a forgotten `return`), lets it through (the prefilter only saves work).
 */
function testOccurs(trigger: TriggerTest, text: string, onError?: (error: unknown) => void): boolean {
  try {
    return trigger.test(text) !== false;
  } catch (error) {
    onError?.(error);
    return true;
  }
}

/**
 * Whether a rule's prefilter lets a text through: the engine's answer for one rule, for adapters that
 * run rules one at a time (the ESLint plugin).
 */
export function ruleTriggersMatch(meta: Pick<RuleMeta, 'triggers' | 'triggerGroups'>, text: string): boolean {
  return triggersMatch(meta, (trigger) =>
    typeof trigger === 'string' ? text.includes(trigger) : trigger instanceof RegExp ? patternOccurs(trigger, text) : testOccurs(trigger, text),
  );
}

/** A policy rule whose settings are not configured does nothing: leave it out before the parse. */
function configured(rule: Rule<any, any>, settings: Settings): boolean {
  const keys = rule.meta.requiresSettings;
  if (!keys || keys.length === 0) return true;
  return keys.some((key) => settings[key] !== undefined && settings[key] !== null && settings[key] !== false);
}

/**
 * Lints one file: prefilter, one parse, one traversal dispatching the merged handlers of every rule,
 * directives, fingerprints, and optionally fixes.
 */
export async function lintText(options: LintTextOptions): Promise<FileResult> {
  return (await lintTextWithDetails(options)).result;
}

export async function lintTextWithDetails(options: LintTextOptions): Promise<LintTextDetails> {
  const first = await lintOnce(options);
  if (!options.fix || options.language.readsFile || options.text === undefined) {
    return { result: first.result, parsed: first.parsed, fixPasses: 0, ...targetsOf(first) };
  }
  let current = first;
  let text = options.text;
  let passes = 0;
  // A fix must never break the file: a pass whose output parses worse than its input is undone.
  const baseline = first.result.diagnostics.filter((d) => d.kind === 'parse-error').length;
  const reverted: Diagnostic[] = [];
  const fixed: NonNullable<FileResult['fixed']> = [];
  while (passes < MAX_FIX_PASSES) {
    const fixes = current.result.findings.filter((f) => f.fix && !f.suppressed).map((f) => f.fix as Fix);
    if (fixes.length === 0) break;
    const { output, applied } = applyFixes(text, fixes);
    if (applied.length === 0 || output === text) break;
    const made = new Set<Fix>(applied); // (a set: a file with 95,000 fixes must not take findings x fixes)
    if ((await countParseErrors(options, output)) > baseline) {
      const rules = [...new Set(current.result.findings.filter((f) => f.fix && made.has(f.fix)).map((f) => f.ruleId))].sort();
      reverted.push({
        file: current.result.file,
        kind: 'internal',
        severity: 'warning',
        message: `Fixes not applied: they would introduce a parse error (rules: ${rules.join(', ')})`,
      });
      break;
    }
    for (const f of current.result.findings) {
      if (f.fix && !f.suppressed && made.has(f.fix)) fixed.push({ ruleId: f.ruleId, line: f.line, column: f.column });
    }
    text = output;
    passes++;
    // A trigger test that throws on the fixed text was reported on the first pass already.
    current = await lintOnce({ ...options, text, triggered: undefined, onTriggerError: ignoreTriggerError });
  }
  const result = current.result;
  if (reverted.length > 0) {
    for (const d of reverted) result.diagnostics.push(d);
    result.diagnostics.sort(compareDiagnostics);
  }
  if (text !== options.text) {
    result.output = text;
    result.fixed = fixed;
  }
  return { result, parsed: first.parsed || current.parsed, fixPasses: passes, ...targetsOf(current) };
}

function targetsOf(pass: { directiveTargets?: DirectiveTarget[] }): Pick<LintTextDetails, 'directiveTargets'> {
  return pass.directiveTargets && pass.directiveTargets.length > 0 ? { directiveTargets: pass.directiveTargets } : {};
}

async function countParseErrors(options: LintTextOptions, text: string): Promise<number> {
  try {
    const sourceCode = await options.language.parse({
      path: nodePath.resolve(options.cwd ?? process.cwd(), options.path),
      text,
      settings: options.settings ?? {},
      depth: options.depth ?? 'standard',
    });
    const count = sourceCode.parseErrors.length;
    sourceCode.dispose?.();
    return count;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const ignoreTriggerError = (): void => undefined;

/**
 * The enabled rules for the file's language that are configured and pass the trigger prefilter.
 * Trigger tests that threw are added to `errors`.
 */
function rulesToRun(options: LintTextOptions, text: string | undefined, errors?: TriggerError[]): LintRule[] {
  return ruleSelection(options, text, errors).toRun;
}

/**
 * The enabled, configured rules for the file's language (`candidates`) and those of them that pass the
 * trigger prefilter (`toRun`). A candidate the prefilter leaves out cannot report anything in this
 * text: for the directives it counts as having run (an `oculum-ignore` naming it suppresses nothing).
 */
function ruleSelection(options: LintTextOptions, text: string | undefined, errors?: TriggerError[]): { candidates: LintRule[]; toRun: LintRule[] } {
  const candidates = enabledCandidates(options);
  return { candidates, toRun: triggeredOf(candidates, options, text, errors) };
}

function enabledCandidates(options: LintTextOptions): LintRule[] {
  const { language } = options;
  const settings = options.settings ?? {};
  const enabled = options.rules.filter((entry) => normalizeLevel(entry.level) !== 'off' && entry.rule.meta.languages.includes(language.id));
  // Options first: a bad option is the caller's error, not the file's, whatever the file holds.
  if (!options.skipOptionValidation) {
    for (const entry of enabled) {
      const problems = validateRuleOptions(entry.rule, entry.options ?? []);
      if (problems.length > 0) throw new TypeError(`Invalid options for rule "${entry.id}": ${problems.join('; ')}`);
    }
  }
  return enabled.filter((entry) => configured(entry.rule, settings));
}

function triggeredOf(candidates: LintRule[], options: LintTextOptions, text: string | undefined, errors?: TriggerError[]): LintRule[] {
  const { language } = options;
  const readsFile = language.readsFile === true || options.prefilter === false;
  if (readsFile || text === undefined) return candidates;
  if (options.triggered) {
    const triggered = new Set(options.triggered);
    return candidates.filter((entry) => triggered.has(entry.id));
  }
  // Which of the rules are candidates names the plan: the same for every file of a config.
  const key = `${language.id}\u0000${candidates.map((entry) => options.rules.indexOf(entry)).join(',')}`;
  const path = nodePath.resolve(options.cwd ?? process.cwd(), options.path);
  return prefilter(candidates, text, readsFile, language, prefilterPlan(options.rules, key, candidates), errors, path);
}

/**
 * The ids of the rules that run on a text file: enabled, configured and passing the trigger prefilter
 * (an empty list: the file is not parsed at all); `undefined` for a language that reads files itself
 * (no prefilter). A scan asks this in the main thread: only files some rule runs on cost a round trip
 * to a worker, which is then told the answer (`triggered`) instead of running the prefilter again.
 */
export function triggeredRuleIds(options: LintTextOptions): string[] | undefined {
  if (options.language.readsFile === true || options.text === undefined) return undefined;
  const errors: TriggerError[] = [];
  const ids = rulesToRun(options, options.text, errors).map((entry) => entry.id);
  for (const { ruleIds, error } of errors) options.onTriggerError?.(ruleIds, error);
  return ids;
}

/**
 * What `lintTextWithDetails` would return for a file no rule runs on, without parsing it; `undefined`
 * when some rule runs (or the language reads files itself). `triggeredRuleIds` also says which.
 */
export function prefilterSkips(options: LintTextOptions): LintTextDetails | undefined {
  const triggered = triggeredRuleIds(options);
  return triggered && triggered.length === 0 && !needsDirectiveCheck(options.text) ? notParsed(options) : undefined;
}

/**
 * A text that spells `oculum-ignore` is parsed even when no rule passes the prefilter: its directives
 * are judged (one naming an enabled rule whose trigger words are gone is stale, reported as unused).
 * A caller that skips files no rule runs on (`triggeredRuleIds` empty) must still lint these.
 */
export function needsDirectiveCheck(text: string | undefined): boolean {
  return text !== undefined && mayHoldDirectives(text);
}

/** What `lintTextWithDetails` returns for a file no rule runs on (nothing parsed). */
export function notParsed(options: LintTextOptions): LintTextDetails {
  const file = nodePath.resolve(options.cwd ?? process.cwd(), options.path);
  return { result: { file, language: options.language.id, findings: [], diagnostics: [] }, parsed: false, fixPasses: 0 };
}

async function lintOnce(options: LintTextOptions): Promise<{ result: FileResult; parsed: boolean; directiveTargets?: DirectiveTarget[] }> {
  const { language } = options;
  const cwd = options.cwd ?? process.cwd();
  const file = nodePath.resolve(cwd, options.path);
  const depth = options.depth ?? 'standard';
  const settings = options.settings ?? {};
  const readsFile = language.readsFile === true;
  const text = readsFile ? undefined : options.text;
  if (!readsFile && text === undefined) {
    throw new TypeError(`lintText: "text" is required for language "${language.id}" (${file})`);
  }
  const result: FileResult = { file, language: language.id, findings: [], diagnostics: [] };
  let directiveTargets: DirectiveTarget[] | undefined;

  const triggerErrors: TriggerError[] = [];
  const { candidates, toRun } = ruleSelection(options, text, triggerErrors);
  for (const { ruleIds, error } of triggerErrors) {
    if (options.onTriggerError) options.onTriggerError(ruleIds, error);
    else result.diagnostics.push({ file, kind: 'internal', severity: 'warning', message: triggerErrorMessage(ruleIds, error) });
  }
  // Rules the prefilter left out could report nothing here: a directive naming one is unused.
  const enabledIds = new Map(candidates.map((entry) => [entry.id, entry.rule.meta.detector as string]));
  if (toRun.length === 0) {
    if (candidates.length === 0 || !needsDirectiveCheck(text)) return { result, parsed: false };
    return directivesOnly(options, file, text!, enabledIds, result);
  }
  const ruleOptions = toRun.map((entry) => mergeRuleOptions(entry.rule, entry.options ?? []));

  await initLanguage(language);
  let sourceCode: SourceCode;
  try {
    sourceCode = await language.parse({ path: file, text, settings, depth });
  } catch (error) {
    result.diagnostics.push({
      file,
      kind: 'parse-error',
      severity: 'error',
      message: `Could not parse ${language.id} file: ${errorText(error)}`,
    });
    return { result, parsed: true };
  }
  const findings: Finding[] = [];
  /** With a rendered text: the range in it of each finding reported at a node. */
  let renderedRanges: Map<Finding, Range> | undefined;
  /** With a rendered text: the rendering's reported lines of each such finding (its fingerprint's text). */
  let renderedSnippets: Map<Finding, string> | undefined;
  try {
    for (const problem of sourceCode.parseErrors) {
      result.diagnostics.push({
        file,
        line: problem.loc.start.line,
        column: problem.loc.start.column,
        kind: 'parse-error',
        severity: 'warning',
        message: problem.message,
      });
    }

    const failed = new Set<number>();
    const fail = (index: number, error: unknown, where?: string) => {
      if (failed.has(index)) return;
      failed.add(index);
      // (a rule that failed no longer runs here: another rule reports what it left to it, as under ESLint)
      (enabledRules as Set<string> | undefined)?.delete(toRun[index].id);
      const rel = nodePath.relative(cwd, file) || file;
      const frame = errorFrame(error);
      result.diagnostics.push({
        file,
        kind: 'internal',
        severity: 'error',
        message: `Rule "${toRun[index].id}" failed on ${rel}${where ? ` ${where}` : ''}: ${errorText(error)}${frame ? ` (thrown at ${frame})` : ''}; no further findings of this rule in this file`,
      });
    };
    /** A message placeholder a rule left without data: said once per rule and file; the finding is kept. */
    const unfilled = new Set<string>();
    const missingData = (index: number) => (key: string) => {
      const said = `${index}\u0000${key}`;
      if (unfilled.has(said)) return;
      unfilled.add(said);
      result.diagnostics.push({
        file,
        kind: 'internal',
        severity: 'error',
        message: `Rule "${toRun[index].id}": message placeholder "{{${key}}}" has no value in data (the finding is kept, with the placeholder as written)`,
      });
    };
    const fixer = createFixer(sourceCode);

    // node type → [rule index, handler] in rule order, for enter and for exit (`type:exit` keys)
    const enterHandlers = new Map<string, Array<[number, (node: any) => void]>>();
    const exitHandlers = new Map<string, Array<[number, (node: any) => void]>>();
    // The rules that run on this file (`RuleContext.enabledRules`), one set shared by their contexts.
    // Not said under `settings.minConfidence`: a rule that leaves a problem to another's finding would
    // lose it when that finding is below the floor and dropped (then both report: a duplicate, not a loss).
    const enabledRules: ReadonlySet<string> | undefined = (CONFIDENCE_RANK[settings.minConfidence as Confidence] ?? 0) > 0 ? undefined : new Set(toRun.map((entry) => entry.id));
    toRun.forEach((entry, index) => {
      const { rule, id } = entry;
      const level = normalizeLevel(entry.level) as 'warn' | 'error';
      const context: RuleContext<any, any> = {
        id,
        options: ruleOptions[index],
        settings,
        depth,
        filename: file,
        cwd,
        sourceCode,
        enabledRules,
        report: (descriptor: ReportDescriptor) => {
          const finding = buildFinding(id, rule, level, file, sourceCode, fixer, descriptor, entry.externalSuppression, text, missingData(index));
          // a rendering's lines of the reported node (for directives and fingerprints, see `textPositionAt`)
          if (sourceCode.rendered && descriptor.node) (renderedRanges ??= new Map()).set(finding, sourceCode.getRange(descriptor.node));
          findings.push(finding);
        },
      };
      let listener;
      try {
        listener = rule.create(context, ruleOptions[index]);
      } catch (error) {
        fail(index, error, '(in create)');
        return;
      }
      for (const [key, handler] of Object.entries(listener ?? {})) {
        if (typeof handler !== 'function') continue;
        const exit = key.endsWith(':exit');
        const map = exit ? exitHandlers : enterHandlers;
        const type = exit ? key.slice(0, -':exit'.length) : key;
        let list = map.get(type);
        if (!list) map.set(type, (list = []));
        list.push([index, handler]);
      }
    });

    if (enterHandlers.size > 0 || exitHandlers.size > 0) {
      const hasExit = exitHandlers.size > 0;
      // The listened types let a language skip materialising every other node (a big win across wasm).
      const listened = new Set<string>([...enterHandlers.keys(), ...exitHandlers.keys()]);
      sourceCode.traverse((node, phase) => {
        if (phase === 'exit' && !hasExit) return;
        const list = (phase === 'enter' ? enterHandlers : exitHandlers).get(node.type);
        if (!list) return;
        for (const [index, handler] of list) {
          if (failed.has(index)) continue;
          try {
            handler(node);
          } catch (error) {
            let where = '';
            try {
              const loc = sourceCode.getLoc(node);
              where = `at line ${loc.start.line}`;
            } catch {
              /* location unavailable */
            }
            fail(index, error, where);
          }
        }
      }, listened);
    }

    findings.sort(compareFindings);
    // Directives live in comments; a file that never spells the word has none (and skips getComments()).
    if (needsDirectiveCheck(text)) directiveTargets = judgeDirectives(sourceCode, text!, file, findings, enabledIds, options.dormantRules, result, directivePolicy(settings), renderedRanges);
    if (renderedRanges) {
      renderedSnippets = new Map();
      for (const [finding, range] of renderedRanges) renderedSnippets.set(finding, linesAround(sourceCode.text, range));
    }
  } finally {
    // Trees of wasm-backed parsers live outside the JS heap: free them now, not at some later GC.
    // Findings hold plain locations and fixes computed at report time, never nodes.
    sourceCode.dispose?.();
  }
  // `settings.minConfidence`: less certain findings are dropped (after the directives, so an
  // `oculum-ignore` for one of them is not reported as unused), and their fixes with them.
  const floor = CONFIDENCE_RANK[settings.minConfidence as Confidence] ?? 0;
  const kept = floor > 0 ? findings.filter((f) => CONFIDENCE_RANK[f.confidence] >= floor) : findings;
  if (kept.length > 0) {
    // a rendering (a notebook's code): the rendering's lines, or the message for a finding without a node
    const snippetOf = renderedSnippets ? (f: Finding) => renderedSnippets!.get(f) ?? `${f.messageId}\n${f.message}` : undefined;
    assignFingerprints(kept, text ?? '', snippetOf);
  }
  result.findings = kept;
  result.diagnostics.sort(compareDiagnostics);
  return { result, parsed: true, ...(directiveTargets ? { directiveTargets } : {}) };
}

/** The whole lines of `text` that hold `range` (its last character's line, for an end at a line start). */
function linesAround(text: string, [start, end]: Range): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const last = Math.max(start, end - 1);
  const to = text.indexOf('\n', last);
  return text.slice(from, to === -1 ? text.length : to);
}

/** A diagnostic the directive policy kept (see `directiveDiagnostic`). */
function pushJudged(result: FileResult, d: Diagnostic | undefined): void {
  if (d) result.diagnostics.push(d);
}

/** Reads the directives of a parsed file, suppresses the findings they cover and reports the unused ones. */
function judgeDirectives(
  sourceCode: SourceCode,
  text: string,
  file: string,
  findings: Finding[],
  enabledIds: ReadonlyMap<string, string>,
  dormantRules: LintTextOptions['dormantRules'],
  result: FileResult,
  policy: DirectivePolicy,
  renderedRanges?: ReadonlyMap<Finding, Range>,
): DirectiveTarget[] | undefined {
  if (sourceCode.rendered && sourceCode.textPositionAt) {
    const at = sourceCode.textPositionAt.bind(sourceCode);
    return judgeRenderedDirectives(sourceCode, at, file, findings, enabledIds, dormantRules, result, policy, renderedRanges);
  }
  let directiveTargets: DirectiveTarget[] | undefined;
  // The language's view of the text (`sourceCode.text`: same offsets, its own line ends as LF — a
  // lone CR in Python and JS, U+2028 in JS): an unclosed block runs to the last line it sees.
  // A rendered text (a notebook's code cells) holds the comments' ranges; its lines are the file's.
  const rendered = sourceCode.rendered === true;
  const lines = rendered || sourceCode.text.length === text.length ? sourceCode.text : text;
  const { directives, diagnostics: directiveDiagnostics } = collectDirectives(sourceCode.getComments(), file, countLines(rendered ? text : lines), lines);
  // (loops, not `push(...xs)`: 130,000 unused directives in one file overflowed the call stack)
  for (const d of directiveDiagnostics) pushJudged(result, directiveDiagnostic(d, policy, false));
  for (const d of directives) for (const target of d.targets) (directiveTargets ??= []).push({ target, line: d.line, column: d.column, text: d.text });
  for (const d of applyDirectives(findings, directives, file, enabledIds, dormantRules)) pushJudged(result, directiveDiagnostic(d, policy, true));
  if (policy.requireReason) for (const d of missingReasons(directives, file)) result.diagnostics.push(d);
  return directiveTargets;
}

/**
 * `judgeDirectives` for a rendered text (a notebook's code cells): directives cover lines of the
 * rendering, where the code's lines are (a cell stored as one string puts many on one line of the
 * file), and what is reported of them (unused, unmatched) is placed at the comment in the file.
 */
function judgeRenderedDirectives(
  sourceCode: SourceCode,
  textPositionAt: (offset: number) => Position,
  file: string,
  findings: Finding[],
  enabledIds: ReadonlyMap<string, string>,
  dormantRules: LintTextOptions['dormantRules'],
  result: FileResult,
  policy: DirectivePolicy,
  renderedRanges: ReadonlyMap<Finding, Range> | undefined,
): DirectiveTarget[] | undefined {
  const inFile = new Map<string, Position>();
  const comments = sourceCode.getComments().map((c) => {
    const start = textPositionAt(c.range[0]);
    inFile.set(`${start.line}:${start.column}`, c.loc.start);
    return { ...c, loc: { start, end: textPositionAt(c.range[1]) } };
  });
  const toFile = <T extends { line?: number; column?: number }>(x: T): T => {
    const at = inFile.get(`${x.line}:${x.column}`);
    return at ? { ...x, line: at.line, column: at.column } : x;
  };
  const { directives, diagnostics } = collectDirectives(comments, file, countLines(sourceCode.text), sourceCode.text);
  for (const d of diagnostics) pushJudged(result, directiveDiagnostic(toFile(d), policy, false));
  let directiveTargets: DirectiveTarget[] | undefined;
  for (const d of directives) {
    const at = toFile({ line: d.line, column: d.column });
    for (const target of d.targets) (directiveTargets ??= []).push({ target, line: at.line, column: at.column, text: d.text });
  }
  // each finding at its rendering's lines (a finding reported without a node keeps the file's)
  const inRendering = findings.map((f) => {
    const range = renderedRanges?.get(f);
    if (!range) return { ...f };
    const start = textPositionAt(range[0]);
    const end = textPositionAt(range[1]);
    return { ...f, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  });
  const unused = applyDirectives(inRendering, directives, file, enabledIds, dormantRules);
  inRendering.forEach((f, i) => {
    if (f.suppressed) findings[i].suppressed = f.suppressed;
  });
  for (const d of unused) pushJudged(result, directiveDiagnostic(toFile(d), policy, true));
  if (policy.requireReason) for (const d of missingReasons(directives, file)) result.diagnostics.push(toFile(d));
  return directiveTargets;
}

/**
 * A file no rule runs on (the prefilter found none of their words) that has `oculum-ignore` comments:
 * parsed for its comments only, so a stale directive (the code it silenced was removed, and with it
 * the words) is reported as unused. Parse problems are not reported: the file is not analysed.
 */
async function directivesOnly(
  options: LintTextOptions,
  file: string,
  text: string,
  enabledIds: ReadonlyMap<string, string>,
  result: FileResult,
): Promise<{ result: FileResult; parsed: boolean; directiveTargets?: DirectiveTarget[] }> {
  const { language } = options;
  await initLanguage(language);
  let sourceCode: SourceCode;
  try {
    sourceCode = await language.parse({ path: file, text, settings: options.settings ?? {}, depth: options.depth ?? 'standard' });
  } catch {
    return { result, parsed: false };
  }
  let directiveTargets: DirectiveTarget[] | undefined;
  try {
    directiveTargets = judgeDirectives(sourceCode, text, file, [], enabledIds, options.dormantRules, result, directivePolicy(options.settings));
  } finally {
    sourceCode.dispose?.();
  }
  result.diagnostics.sort(compareDiagnostics);
  return { result, parsed: true, ...(directiveTargets ? { directiveTargets } : {}) };
}

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function buildFinding(
  ruleId: string,
  rule: Rule<any, any>,
  level: 'warn' | 'error',
  file: string,
  sourceCode: SourceCode,
  fixer: ReturnType<typeof createFixer>,
  descriptor: ReportDescriptor,
  externalSuppression: string | undefined,
  fileText: string | undefined,
  onMissingData?: (key: string) => void,
): Finding {
  const { meta } = rule;
  if (!descriptor || typeof descriptor !== 'object') throw new RuleError(ruleId, 'context.report() needs a descriptor object');
  if (descriptor.messageId === undefined && 'message' in descriptor) {
    throw new RuleError(ruleId, 'context.report() needs a messageId (a key of meta.messages); a literal `message`, as ESLint allows, is not supported');
  }
  const message = formatMessage(ruleId, meta.messages, descriptor.messageId, descriptor.data, onMissingData);
  const reported = descriptor.loc ?? (descriptor.node ? sourceCode.getLoc(descriptor.node) : undefined);
  if (!reported) throw new RuleError(ruleId, 'context.report() needs a node or a loc');
  // A rendered text (a notebook's code) has positions in the file: lines are the file's.
  const rendered = sourceCode.rendered === true;
  const loc = checkedLoc(ruleId, reported, rendered ? fileText : sourceCode.text);
  const confidence = descriptor.confidence ?? 'high';
  if (!CONFIDENCES.includes(confidence)) throw new RuleError(ruleId, `invalid confidence "${String(confidence)}" (high | medium | low)`);
  const severity = descriptor.severity ?? meta.severity;
  if (!SEVERITIES.includes(severity)) throw new RuleError(ruleId, `invalid severity "${String(severity)}"`);

  const finding: Finding = {
    ruleId,
    detector: meta.detector,
    severity,
    confidence,
    level,
    file,
    line: loc.start.line,
    column: loc.start.column,
    endLine: loc.end.line,
    endColumn: loc.end.column,
    messageId: descriptor.messageId,
    message,
    remediation: descriptor.remediation ?? meta.remediation,
    fingerprint: '',
  };

  if (descriptor.fix) {
    if (!meta.fixable) throw new RuleError(ruleId, 'reported a fix but meta.fixable is not set (set meta.fixable: "code")');
    const fix = normalizeFix(descriptor.fix(fixer), sourceCode.text, ruleId);
    // Offsets of a rendering, not of the file: a fix there could only corrupt the file.
    if (fix && !rendered) finding.fix = fix;
  }
  if (descriptor.suggest && descriptor.suggest.length > 0) {
    if (!meta.hasSuggestions) throw new RuleError(ruleId, 'reported suggestions but meta.hasSuggestions is not true');
    const suggestions: FindingSuggestion[] = [];
    for (const suggestion of descriptor.suggest) {
      const desc = formatMessage(ruleId, meta.messages, suggestion.messageId, suggestion.data, onMissingData);
      const fix = normalizeFix(suggestion.fix(fixer), sourceCode.text, ruleId);
      if (fix) suggestions.push({ messageId: suggestion.messageId, desc, fix });
    }
    if (suggestions.length > 0 && !rendered) finding.suggestions = suggestions;
  }
  if (externalSuppression !== undefined) finding.suppressed = { kind: 'external', justification: externalSuppression };
  return finding;
}

/**
 * A reported location as findings carry it: whole numbers (anything else is the rule's error), lines
 * within the file (1 … its line count) and columns from 1, the end not before the start. A custom
 * rule's `loc: { start: { line: -5, column: 1e9 } }` would otherwise reach every report (and break
 * the JSON schema and SARIF uploads).
 */
function checkedLoc(ruleId: string, loc: SourceLocation, text: string | undefined): SourceLocation {
  const numbers = [loc?.start?.line, loc?.start?.column, loc?.end?.line, loc?.end?.column];
  if (!numbers.every((n) => Number.isSafeInteger(n))) throw new RuleError(ruleId, `reported an invalid loc ${JSON.stringify(loc)?.slice(0, 120)} (whole numbers: { start: { line, column }, end: { line, column } })`);
  const lines = text === undefined ? Number.MAX_SAFE_INTEGER : linesOf(text);
  const line = (n: number) => Math.min(Math.max(n, 1), Math.max(lines, 1));
  const start = { line: line(loc.start.line), column: Math.max(loc.start.column, 1) };
  let end = { line: line(loc.end.line), column: Math.max(loc.end.column, 1) };
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) end = { ...start };
  return { start, end };
}

/** `countLines` of the last text asked (a file's findings all ask for the same one). */
let counted: { text: string; lines: number } | undefined;
function linesOf(text: string): number {
  if (counted?.text !== text) counted = { text, lines: countLines(text) };
  return counted.lines;
}

/** A fix's ranges must be whole offsets within the text, start before end (else the rule's error). */
function normalizeFix(value: Fix | Fix[] | null | undefined, text: string, ruleId?: string): Fix | undefined {
  if (value === null || value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return undefined;
  for (const fix of list) {
    const [start, end] = fix?.range ?? [];
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > text.length || typeof fix.text !== 'string') {
      throw new RuleError(ruleId ?? 'rule', `reported a fix with an invalid range ${JSON.stringify(fix?.range)?.slice(0, 60)} (offsets 0 … ${text.length}, start ≤ end)`);
    }
  }
  return mergeFixes(list, text);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    compareStrings(a.message, b.message)
  );
}

/** Plain code-unit order: locale-independent, so output is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.message, b.message)
  );
}
