import { DETECTORS, SEVERITIES } from './types.js';
import type { Rule, RuleContext, RuleListener, RuleMeta, SourceCode, TriggerTest } from './types.js';

export interface CreateRuleInput<Options extends unknown[], SC extends SourceCode> {
  name: string;
  meta: RuleMeta;
  create(context: RuleContext<Options, SC>, options: Options): RuleListener;
}

/**
 * Declares a rule. Validates the static parts of `meta` eagerly so a malformed rule fails when its
 * plugin is loaded, not in the middle of a scan.
 */
export function createRule<Options extends unknown[] = unknown[], SC extends SourceCode = any>(
  input: CreateRuleInput<Options, SC>,
): Rule<Options, SC> {
  const { name, meta } = input;
  if (typeof name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`Rule name "${String(name)}" must be kebab-case`);
  checkRuleShape(name, input);
  return { name, meta, create: input.create };
}

const DEPTH_NAMES = ['quick', 'standard', 'deep'] as const;
const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/**
 * Throws, naming the rule, the key path and what is expected, when `rule` is not a rule: `meta` with
 * every required key and each of a known value (`detector`, `severity`, `languages`, `messages`,
 * `docs`, `fixable`, `hasSuggestions`, `minDepth`, triggers), and a `create` function. `createRule`
 * runs it; so does the plugin loader, for a rule written as a plain object.
 */
export function checkRuleShape(name: string, rule: unknown): void {
  if (!rule || typeof rule !== 'object') throw new Error(`Rule "${name}" must be an object made with createRule({ name, meta, create }), not ${rule === null ? 'null' : typeof rule}`);
  const { meta, create } = rule as { meta?: RuleMeta; create?: unknown };
  if (!meta || typeof meta !== 'object') throw new Error(`Rule "${name}" has no meta`);
  for (const key of ['detector', 'severity', 'languages', 'triggers', 'docs', 'messages', 'remediation'] as const) {
    if (meta[key] === undefined) throw new Error(`Rule "${name}" meta.${key} is required`);
  }
  if (!(DETECTORS as readonly unknown[]).includes(meta.detector)) throw new Error(`Rule "${name}" meta.detector is ${JSON.stringify(meta.detector)}: expected one of ${quoted(DETECTORS)}`);
  if (!(SEVERITIES as readonly unknown[]).includes(meta.severity)) {
    const level = ['error', 'warn', 'warning', 'off'].includes(meta.severity as string) ? ' (a config level, not a severity)' : '';
    throw new Error(`Rule "${name}" meta.severity is ${JSON.stringify(meta.severity)}${level}: expected one of ${quoted(SEVERITIES)}`);
  }
  if (!Array.isArray(meta.languages) || meta.languages.length === 0 || !meta.languages.every((l) => typeof l === 'string' && l.length > 0)) {
    throw new Error(`Rule "${name}" meta.languages must be a non-empty array of language ids ("python", "javascript", "model", or one a plugin adds)`);
  }
  if (!meta.docs || typeof meta.docs !== 'object' || typeof meta.docs.description !== 'string') throw new Error(`Rule "${name}" meta.docs must be an object with a description string`);
  if (!meta.messages || typeof meta.messages !== 'object' || Array.isArray(meta.messages) || Object.keys(meta.messages).length === 0) {
    throw new Error(`Rule "${name}" meta.messages must be an object of message templates by messageId, with at least one`);
  }
  for (const [id, text] of Object.entries(meta.messages)) if (typeof text !== 'string') throw new Error(`Rule "${name}" meta.messages.${id} must be a string`);
  if (typeof meta.remediation !== 'string') throw new Error(`Rule "${name}" meta.remediation must be a string`);
  if (meta.fixable !== undefined && meta.fixable !== 'code') throw new Error(`Rule "${name}" meta.fixable is ${JSON.stringify(meta.fixable)}: expected "code" (or leave it out)`);
  if (meta.hasSuggestions !== undefined && typeof meta.hasSuggestions !== 'boolean') throw new Error(`Rule "${name}" meta.hasSuggestions must be true or false`);
  if (meta.minDepth !== undefined && !(DEPTH_NAMES as readonly unknown[]).includes(meta.minDepth)) throw new Error(`Rule "${name}" meta.minDepth is ${JSON.stringify(meta.minDepth)}: expected one of ${quoted(DEPTH_NAMES)}`);
  if (typeof create !== 'function') throw new Error(`Rule "${name}" needs a create(context) function`);
  const SHAPE = 'non-empty strings, RegExps and trigger tests ({ literals: string[], test(text) })';
  if (!Array.isArray(meta.triggers)) throw new Error(`Rule "${name}" meta.triggers must be an array of ${SHAPE}`);
  meta.triggers.forEach((t, i) => checkTrigger(name, `meta.triggers[${i}]`, t));
  if (meta.triggerGroups !== undefined) {
    if (!Array.isArray(meta.triggerGroups) || !meta.triggerGroups.every(Array.isArray)) {
      throw new Error(`Rule "${name}" meta.triggerGroups must be an array of arrays of ${SHAPE}`);
    }
    meta.triggerGroups.forEach((g, i) => g.forEach((t, j) => checkTrigger(name, `meta.triggerGroups[${i}][${j}]`, t)));
  }
}

/** Throws, naming the rule, the key path and what is wrong, when `t` is not a trigger. */
function checkTrigger(rule: string, at: string, t: unknown): void {
  const fail = (why: string) => {
    throw new Error(`Rule "${rule}" ${at}${why.startsWith('.') ? '' : ' '}${why}`);
  };
  if (typeof t === 'string') {
    if (t.length === 0) fail('is an empty string (it would match every file)');
    return;
  }
  if (t instanceof RegExp) return;
  if (!t || typeof t !== 'object') fail(`must be a non-empty string, a RegExp or a trigger test ({ literals, test }), not ${t === null ? 'null' : typeof t}`);
  const { literals, test } = t as Partial<TriggerTest>;
  if (typeof test !== 'function') fail('is a trigger test without a `test(text)` function');
  if (!Array.isArray(literals)) fail('is a trigger test without `literals` (an array of strings, one of which occurs wherever the test can match; [] to run it on every file)');
  (literals as unknown[]).forEach((w, k) => {
    if (typeof w !== 'string' || w.length === 0) fail(`.literals[${k}] must be a non-empty string`);
  });
}

/** A `TriggerTest`: an object (not a RegExp) with a `test` function and a list of non-empty `literals`. */
export function isTriggerTest(t: unknown): t is TriggerTest {
  if (!t || typeof t !== 'object' || t instanceof RegExp) return false;
  const { literals, test } = t as Partial<TriggerTest>;
  return typeof test === 'function' && Array.isArray(literals) && literals.every((w) => typeof w === 'string' && w.length > 0);
}
