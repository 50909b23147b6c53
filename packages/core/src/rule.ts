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
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`Rule name "${name}" must be kebab-case`);
  if (!meta || typeof meta !== 'object') throw new Error(`Rule "${name}" has no meta`);
  for (const key of ['detector', 'severity', 'languages', 'triggers', 'docs', 'messages', 'remediation'] as const) {
    if (meta[key] === undefined) throw new Error(`Rule "${name}" meta.${key} is required`);
  }
  const SHAPE = 'non-empty strings, RegExps and trigger tests ({ literals: string[], test(text) })';
  if (!Array.isArray(meta.triggers)) throw new Error(`Rule "${name}" meta.triggers must be an array of ${SHAPE}`);
  meta.triggers.forEach((t, i) => checkTrigger(name, `meta.triggers[${i}]`, t));
  if (meta.triggerGroups !== undefined) {
    if (!Array.isArray(meta.triggerGroups) || !meta.triggerGroups.every(Array.isArray)) {
      throw new Error(`Rule "${name}" meta.triggerGroups must be an array of arrays of ${SHAPE}`);
    }
    meta.triggerGroups.forEach((g, i) => g.forEach((t, j) => checkTrigger(name, `meta.triggerGroups[${i}][${j}]`, t)));
  }
  return { name, meta, create: input.create };
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
