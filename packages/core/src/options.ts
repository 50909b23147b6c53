import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { loadAjv } from './lazy.js';
import type { Rule } from './types.js';

let ajv: Ajv | undefined;
const validators = new WeakMap<Rule<any, any>, ValidateFunction | null>();

function getAjv(): Ajv {
  if (!ajv) {
    const { Ajv, addFormats } = loadAjv();
    ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
    addFormats(ajv);
  }
  return ajv;
}

function validatorFor(rule: Rule<any, any>): ValidateFunction | null {
  let validate = validators.get(rule);
  if (validate === undefined) {
    const items = rule.meta.schema;
    if (!items || items.length === 0) {
      validate = null;
    } else {
      validate = getAjv().compile({ type: 'array', items, minItems: 0, maxItems: items.length });
    }
    validators.set(rule, validate);
  }
  return validate;
}

function describeError(error: ErrorObject): string {
  // instancePath is like `/0/allowBranches`; render it as `[0].allowBranches`.
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  let detail = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') detail = `unknown property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  if (error.keyword === 'enum') detail = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(' | ')}`;
  if (error.keyword === 'maxItems') detail = `takes at most ${(error.params as { limit: number }).limit} option(s)`;
  return `${path || 'options'} ${detail}`.trim();
}

/**
 * Validates user options of a rule against `meta.schema`. Returns problems as readable strings
 * (`[0].allowBranches must be boolean`); an empty array means valid. A rule without a schema takes no options.
 */
export function validateRuleOptions(rule: Rule<any, any>, options: unknown[]): string[] {
  // No options is always valid (the schema describes optional array items): skip compiling it.
  if (options.length === 0) return [];
  const validate = validatorFor(rule);
  if (!validate) {
    return options.length > 0 ? ['options: the rule takes no options (meta.schema is empty)'] : [];
  }
  if (validate(options)) return [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) seen.add(describeError(error));
  return [...seen];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return structuredCloneSafe(base);
  if (isPlainObject(base) && isPlainObject(override)) {
    const out: Record<string, unknown> = { ...(structuredCloneSafe(base) as Record<string, unknown>) };
    for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
    return out;
  }
  return override;
}

function structuredCloneSafe(value: unknown): unknown {
  if (value === undefined || value === null || typeof value !== 'object') return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** `meta.defaultOptions` deep-merged with the user's options (objects merge by key, other values replace). */
export function mergeRuleOptions(rule: Rule<any, any>, options: unknown[]): unknown[] {
  const defaults = rule.meta.defaultOptions ?? [];
  const length = Math.max(defaults.length, options.length);
  const out: unknown[] = [];
  for (let i = 0; i < length; i++) out.push(deepMerge(defaults[i], options[i]));
  return out;
}
