import type { Rule as ESLintRule } from 'eslint';
import { closest, createFixer, errorFrame, errorText, ruleTriggersMatch, type Depth, type Fix, type FixFunction, type ReportDescriptor, type Rule, type RuleContext } from '@oculum/core';
import { createJsSourceCode, jsPrefilterText, type JsSourceCode, type TSESTree } from '@oculum/lang-js';

/**
 * One semantic model per file, shared by every Oculum rule ESLint runs on it. Keyed by ESLint's
 * SourceCode object: the model is built over ESLint's own tree (espree or typescript-eslint), so
 * the file is never parsed a second time.
 */
const models = new WeakMap<object, JsSourceCode>();

/** The text the engine's prefilter reads (`jsPrefilterText`: comments out, escapes decoded), for the last file seen. */
let prefiltered: { source: object; text: string } | undefined;

function prefilterTextOf(source: { text: string }): string {
  if (prefiltered?.source !== source) {
    let text: string;
    try {
      text = jsPrefilterText(source.text);
    } catch {
      text = source.text; // costs a rule run, never a finding
    }
    prefiltered = { source, text };
  }
  return prefiltered.text;
}

export function sourceCodeFor(context: ESLintRule.RuleContext, depth?: Depth): JsSourceCode {
  const source = context.sourceCode;
  let model = models.get(source);
  if (!model) {
    model = createJsSourceCode({
      path: context.filename,
      text: source.text,
      ast: source.ast as unknown as TSESTree.Program,
      comments: source.getAllComments() as unknown as ReadonlyArray<{ type: string; value: string; range: [number, number] }>,
      // `settings.oculum.depth: "deep"`: constants imported from the project's relative modules are read
      depth,
    });
    models.set(source, model);
  }
  return model;
}

/**
 * Whether ESLint hands the rule a JavaScript/TypeScript tree. A flat config may also lint JSON,
 * Markdown or CSS through other languages (`@eslint/json`, `@eslint/markdown`, …), and a config
 * object without `files` (like the presets here) applies to those files too: the Oculum rules have
 * nothing to say about them, so they stay silent instead of crashing on a foreign SourceCode.
 */
function isJsSourceCode(source: unknown): boolean {
  const s = source as { ast?: { type?: unknown }; getAllComments?: unknown } | undefined;
  return s?.ast?.type === 'Program' && typeof s.getAllComments === 'function';
}

const DEPTHS = ['quick', 'standard', 'deep'] as const;
const CONFIDENCES = ['low', 'medium', 'high'] as const;
/** The `settings.oculum` keys the adapter itself reads; rules add theirs (`meta.requiresSettings`). */
const ADAPTER_SETTINGS = ['depth', 'minConfidence', 'trustedPublishers'];
/** Oculum settings a user may put at the top of `settings` by mistake (that is where `.oculumrc` has them). */
const MISPLACED_SETTINGS = ['trustedPublishers', 'requireSignatures', 'minConfidence'];

/** Thrown for a `settings.oculum` that would otherwise silently change what is reported. */
export class OculumSettingsError extends Error {
  override name = 'OculumSettingsError';
}

/**
 * Problems with the ESLint `settings` as Oculum reads them, each a sentence naming the key. Like the
 * Oculum CLI's config check: a value of the wrong shape would silently turn a rule off or change what
 * is reported, and a key one letter away from a known one (`trustedPublisher`) is a typo nothing reads.
 */
export function checkOculumSettings(settings: Record<string, unknown> | undefined, knownKeys: Iterable<string> = []): string[] {
  const problems: string[] = [];
  const oculum = settings?.oculum;
  if (oculum !== undefined && (oculum === null || typeof oculum !== 'object' || Array.isArray(oculum))) {
    return [`settings.oculum must be an object such as { trustedPublishers: ["my-org"] }, got ${JSON.stringify(oculum)}`];
  }
  const values = (oculum ?? {}) as Record<string, unknown>;
  for (const key of MISPLACED_SETTINGS) {
    if (settings && settings[key] !== undefined && values[key] === undefined) {
      problems.push(`settings.${key} is not read by eslint-plugin-oculum: Oculum settings go under settings.oculum (settings: { oculum: { ${key}: … } })`);
    }
  }
  const { depth, minConfidence, trustedPublishers } = values;
  if (depth !== undefined && !DEPTHS.includes(depth as Depth)) {
    problems.push(`settings.oculum.depth must be one of ${DEPTHS.map((d) => `"${d}"`).join(', ')}, got ${JSON.stringify(depth)}`);
  }
  if (minConfidence !== undefined && !CONFIDENCES.includes(minConfidence as (typeof CONFIDENCES)[number])) {
    problems.push(`settings.oculum.minConfidence must be one of ${CONFIDENCES.map((c) => `"${c}"`).join(', ')}, got ${JSON.stringify(minConfidence)}`);
  }
  if (trustedPublishers !== undefined && (!Array.isArray(trustedPublishers) || trustedPublishers.some((x) => typeof x !== 'string'))) {
    problems.push(`settings.oculum.trustedPublishers must be a list of publisher names, e.g. ["meta-llama", "my-org"], got ${JSON.stringify(trustedPublishers)}`);
  }
  const known = new Set([...ADAPTER_SETTINGS, ...knownKeys]);
  for (const key of Object.keys(values)) {
    if (known.has(key)) continue;
    const near = closest(key, known);
    if (near.length > 0) {
      problems.push(`settings.oculum.${key} is not an Oculum setting; did you mean ${near.map((n) => `"${n}"`).join(', ')}?`);
    }
  }
  return problems;
}

/**
 * The warning for `depth: "deep"` under `eslint --cache`, or undefined. ESLint does not tell a rule whether
 * its cache is on; the command line of an `eslint` process does (`--cache`, as lint-staged and most CI
 * setups run it). The cache re-lints a file only when its own content changes, not when a module it
 * imports does, which a finding at deep depends on: a changed constant is then not seen.
 */
export function deepCacheWarning(depth: unknown, argv: readonly string[] = process.argv): string | undefined {
  if (depth !== 'deep' || !argv.includes('--cache')) return undefined;
  const script = argv[1] ?? '';
  if (!/(?:^|[\\/])eslint(?:[\\/]bin[\\/]eslint)?(?:\.[cm]?js)?$/.test(script)) return undefined;
  return 'eslint-plugin-oculum: settings.oculum.depth is "deep" and eslint runs with --cache: ESLint re-lints a file only when its own content changes, so a finding that depends on a module the file imports (a changed constant) is not seen, or stays after it is fixed. Lint without --cache, or run `oculum scan --depth deep` (its --cache tracks the imported modules).';
}

let deepCacheWarned = false;

function warnDeepCacheOnce(depth: unknown): void {
  if (deepCacheWarned) return;
  const warning = deepCacheWarning(depth);
  if (!warning) return;
  deepCacheWarned = true;
  process.emitWarning(warning, { code: 'OCULUM_DEEP_ESLINT_CACHE' });
}

/** The settings objects already checked (ESLint hands every rule of a file the same one). */
const checkedSettings = new WeakMap<object, string[]>();

/** Oculum settings live under `settings.oculum` in the ESLint config (`{ depth, trustedPublishers, … }`). */
function oculumSettings(context: ESLintRule.RuleContext, knownKeys: Iterable<string>): Record<string, unknown> {
  const all = context.settings as Record<string, unknown> | undefined;
  if (all && typeof all === 'object') {
    let problems = checkedSettings.get(all);
    if (!problems) {
      problems = checkOculumSettings(all, knownKeys);
      checkedSettings.set(all, problems);
    }
    if (problems.length > 0) throw new OculumSettingsError(`eslint-plugin-oculum: invalid settings: ${problems.join('; ')}`);
  }
  const settings = all?.oculum;
  return settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
}

function toEslintFix(model: JsSourceCode, fix: FixFunction): ESLintRule.ReportFixer {
  return (fixer) => {
    const produced = fix(createFixer(model));
    if (!produced) return null;
    const list: Fix[] = Array.isArray(produced) ? produced : [produced];
    return list.map((f) => fixer.replaceTextRange(f.range, f.text));
  };
}

/** ESLint columns are 0-based; Oculum's are 1-based. */
function toEslintLoc(loc: NonNullable<ReportDescriptor['loc']>) {
  return {
    start: { line: loc.start.line, column: loc.start.column - 1 },
    end: { line: loc.end.line, column: loc.end.column - 1 },
  };
}

/**
 * The placeholder `adaptRule` ends a message with when the message says what is wrong but not what to do:
 * `toEslintReport` fills it with the finding's remediation (the text the CLI's JSON, SARIF and Markdown
 * reports carry as `remediation`), so ESLint, which shows nothing but the message, says it too.
 */
export const REMEDIATION_PLACEHOLDER = 'oculumRemediation';

/** A clause of a message that tells the reader what to do (`…; pin a full commit hash.`, `Use https://`). */
const SAYS_WHAT_TO_DO = /(?:^|[.;!?]\s+|\s[—–-]\s+)(?:pin|load|make sure|name|put|use|pass|verify|serve|ship|add|set|remove|create|compare|mirror|leave|keep|treat|download|fetch|check)\b/i;

/** Does the message template already say what to do? (else `adaptRule` appends the remediation) */
export function saysWhatToDo(template: string): boolean {
  return SAYS_WHAT_TO_DO.test(template.replace(/\{\{[^{}]*\}\}/g, 'x'));
}

/** The rule's messages as ESLint shows them: one that does not say what to do ends with the remediation. */
function messagesWithRemediation(messages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([id, text]) => [id, saysWhatToDo(text) ? text : `${text}{{ ${REMEDIATION_PLACEHOLDER} }}`]));
}

export function toEslintReport(model: JsSourceCode, descriptor: ReportDescriptor, remediation?: string): ESLintRule.ReportDescriptor {
  const fill = (data: Record<string, unknown> | undefined, text: string | undefined) => ({ ...(data as Record<string, string> | undefined), [REMEDIATION_PLACEHOLDER]: text ? ` Fix: ${text}` : '' });
  const base = {
    messageId: descriptor.messageId,
    data: fill(descriptor.data, descriptor.remediation ?? remediation),
    fix: descriptor.fix ? toEslintFix(model, descriptor.fix) : undefined,
    suggest: descriptor.suggest?.map((s) => ({
      messageId: s.messageId,
      data: fill(s.data, undefined),
      fix: toEslintFix(model, s.fix),
    })),
  };
  if (descriptor.loc) return { ...base, loc: toEslintLoc(descriptor.loc) };
  if (!descriptor.node) throw new Error(`Oculum rule report without node or loc (${descriptor.messageId})`);
  return { ...base, node: descriptor.node as unknown as ESLintRule.Node };
}

/**
 * Wraps an Oculum JS/TS rule as an ESLint rule. The rule object is the same one the Oculum engine
 * runs: its listener keys are ESTree node types (and `:exit`), which ESLint understands as they are.
 * Confidence and per-finding severity have no ESLint equivalent and are dropped; the message stays,
 * followed by the remediation when it does not say what to do (`messagesWithRemediation`).
 */
export function adaptRule(ruleId: string, rule: Rule<any, any>, knownSettings: Iterable<string> = rule.meta.requiresSettings ?? []): ESLintRule.RuleModule {
  const { meta } = rule;
  return {
    meta: {
      type: 'problem',
      docs: { description: meta.docs.description, recommended: meta.docs.recommended, url: meta.docs.url },
      // (a message that does not say what to do ends with the remediation, filled in by `toEslintReport`)
      messages: messagesWithRemediation(meta.messages),
      schema: (meta.schema ?? []) as ESLintRule.RuleMetaData['schema'],
      defaultOptions: meta.defaultOptions,
      fixable: meta.fixable,
      hasSuggestions: meta.hasSuggestions,
      deprecated: meta.deprecated,
    },
    create(context) {
      // JSON, Markdown, CSS… linted through another ESLint language: nothing for a JS/TS rule.
      if (!isJsSourceCode(context.sourceCode)) return {};
      const settings = oculumSettings(context, knownSettings);
      const depth = DEPTHS.includes(settings.depth as Depth) ? (settings.depth as Depth) : 'standard';
      // (before the prefilter: a run that re-lints only files without triggers, `c.js` changed so that it
      // no longer names a model, still keeps stale results of the files that import it)
      warnDeepCacheOnce(depth);
      // The same prefilter as the engine, on the same text: skip the file when the rule's triggers do
      // not occur in its code (an escaped `'@huggingface/transform\u0065rs'` counts, a comment does not).
      if (!ruleTriggersMatch(meta, prefilterTextOf(context.sourceCode))) return {};
      const model = sourceCodeFor(context, depth);
      const oculumContext: { -readonly [K in keyof RuleContext<unknown[], JsSourceCode>]: RuleContext<unknown[], JsSourceCode>[K] } = {
        id: ruleId,
        options: context.options,
        settings,
        depth,
        filename: context.filename,
        cwd: context.cwd,
        sourceCode: model,
        report(descriptor) {
          context.report(toEslintReport(model, descriptor, meta.remediation));
        },
      };
      // ESLint has no confidence column: `settings.oculum.minConfidence` drops less certain findings.
      const rank = { low: 0, medium: 1, high: 2 } as const;
      const floor = rank[settings.minConfidence as keyof typeof rank] ?? 0;
      if (floor > 0) {
        const report = oculumContext.report;
        oculumContext.report = (descriptor) => {
          if (rank[descriptor.confidence ?? 'high'] >= floor) report(descriptor);
        };
      }
      const minDepth = meta.minDepth ?? 'quick';
      const order = { quick: 0, standard: 1, deep: 2 };
      if (order[minDepth] > order[depth]) return {};
      // (not under `minConfidence`: a finding another rule leaves to one that is then dropped would be lost)
      if (floor === 0) oculumContext.enabledRules = runningOn(context.sourceCode, ruleId);
      // (a rule that fails on the file no longer counts as running there: another rule reports what it left to it)
      return guarded(ruleId, context, () => rule.create(oculumContext, context.options) as ESLintRule.RuleListener, () => rulesRunning.get(context.sourceCode)?.delete(ruleId));
    },
  };
}

/** The Oculum rules that run on each file (by its ESLint `SourceCode`), as each one's `create` says it runs. */
const rulesRunning = new WeakMap<object, Set<string>>();

/**
 * The set of Oculum rules running on this file, with `ruleId` added: ESLint calls every enabled rule's
 * `create` before it walks the file, so when handlers run the set is whole, and a rule reads it as it
 * reads `enabledRules` in a scan (`http-model-url` leaves a URL a loader rule reports at its load).
 */
function runningOn(sourceCode: object, ruleId: string): ReadonlySet<string> {
  let running = rulesRunning.get(sourceCode);
  if (!running) rulesRunning.set(sourceCode, (running = new Set()));
  running.add(ruleId);
  return running;
}

/**
 * The rule's listener, each handler guarded: a rule that throws on a file reports one problem there,
 * at line 1 (what was thrown, and where in the rule), and stops for that file, as in an Oculum scan;
 * ESLint's own way, an exception that ends the whole `eslint` run with every other file's results,
 * is kept for `OCULUM_DEBUG=1`.
 */
function guarded(ruleId: string, context: ESLintRule.RuleContext, create: () => ESLintRule.RuleListener, onFail: () => void): ESLintRule.RuleListener {
  let failed = false;
  const fail = (error: unknown, where: string) => {
    if (process.env.OCULUM_DEBUG) throw error;
    if (failed) return;
    failed = true;
    onFail();
    const frame = errorFrame(error);
    context.report({
      loc: { line: 1, column: 0 },
      message: `Oculum rule "${ruleId}" failed on this file${where}: ${errorText(error)}${frame ? ` (thrown at ${frame})` : ''}; no further findings of this rule in this file (OCULUM_DEBUG=1 rethrows it)`,
    });
  };
  let listener: ESLintRule.RuleListener;
  try {
    listener = create() ?? {};
  } catch (error) {
    fail(error, ' (in create)');
    return {};
  }
  const out: Record<string, (...args: unknown[]) => void> = {};
  for (const [key, handler] of Object.entries(listener)) {
    if (typeof handler !== 'function') continue;
    out[key] = (...args: unknown[]) => {
      if (failed) return;
      try {
        (handler as (...a: unknown[]) => void)(...args);
      } catch (error) {
        const node = args[0] as { loc?: { start?: { line?: number } } } | undefined;
        fail(error, node?.loc?.start?.line ? ` at line ${node.loc.start.line}` : '');
      }
    };
  }
  return out as ESLintRule.RuleListener;
}
