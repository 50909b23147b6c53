import type { ConfigData, Rule, RuleLevel } from './types.js';

export type PresetName = 'recommended' | 'strict' | 'all';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict', 'all'];

/** Level a rule gets in generated presets: info/low findings warn, the rest are errors. */
export function presetLevel(rule: Rule<any, any>): Exclude<RuleLevel, 'off'> {
  return rule.meta.severity === 'info' || rule.meta.severity === 'low' ? 'warn' : 'error';
}

/** Whether a rule belongs to a preset (recommended ⊂ strict ⊂ all; deprecated rules are in none). */
export function inPreset(rule: Rule<any, any>, preset: PresetName): boolean {
  if (rule.meta.deprecated) return false;
  const recommended = rule.meta.docs.recommended === true;
  if (preset === 'recommended') return recommended;
  if (preset === 'strict') return recommended || rule.meta.docs.strict === true;
  return true;
}

/**
 * Generates a plugin's `recommended` / `strict` / `all` presets from its rules' `meta.docs`.
 * Plugins call this instead of writing presets by hand: `configs: presetsFor('torch', rules)`.
 */
export function presetsFor(namespace: string, rules: Record<string, Rule<any, any>>): Record<PresetName, ConfigData> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(namespace)) throw new Error(`presetsFor: invalid namespace "${namespace}"`);
  const out = {} as Record<PresetName, ConfigData>;
  for (const preset of PRESET_NAMES) {
    const entries: Record<string, Exclude<RuleLevel, 'off'>> = {};
    for (const key of Object.keys(rules).sort()) {
      const rule = rules[key];
      if (inPreset(rule, preset)) entries[`${namespace}/${key}`] = presetLevel(rule);
    }
    out[preset] = { rules: entries };
  }
  return out;
}
