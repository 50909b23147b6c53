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
  const isTrigger = (t: unknown) => (typeof t === 'string' && t.length > 0) || t instanceof RegExp || isTriggerTest(t);
  if (!Array.isArray(meta.triggers) || !meta.triggers.every(isTrigger)) {
    throw new Error(`Rule "${name}" meta.triggers must be an array of non-empty strings, RegExps and trigger tests ({ literals, test })`);
  }
  if (meta.triggerGroups !== undefined && !(Array.isArray(meta.triggerGroups) && meta.triggerGroups.every((g) => Array.isArray(g) && g.every(isTrigger)))) {
    throw new Error(`Rule "${name}" meta.triggerGroups must be an array of arrays of non-empty strings, RegExps and trigger tests ({ literals, test })`);
  }
  return { name, meta, create: input.create };
}

/** A `TriggerTest`: an object (not a RegExp) with a `test` function and a list of non-empty `literals`. */
export function isTriggerTest(t: unknown): t is TriggerTest {
  if (!t || typeof t !== 'object' || t instanceof RegExp) return false;
  const { literals, test } = t as Partial<TriggerTest>;
  return typeof test === 'function' && Array.isArray(literals) && literals.every((w) => typeof w === 'string' && w.length > 0);
}
