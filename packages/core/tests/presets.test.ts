import { describe, expect, it } from 'vitest';
import { presetsFor } from '../src/presets.js';
import { deepRule, dangerRule, namesRule } from './fixtures/toy-plugin.mjs';

describe('presetsFor', () => {
  it('generates recommended ⊂ strict ⊂ all from meta.docs', () => {
    const deprecated = { ...deepRule, meta: { ...deepRule.meta, deprecated: true } };
    expect(presetsFor('toy', { 'no-danger': dangerRule, 'no-names': namesRule, 'deep-only': deepRule, old: deprecated })).toEqual({
      recommended: { rules: { 'toy/no-danger': 'error' } },
      strict: { rules: { 'toy/no-danger': 'error', 'toy/no-names': 'error' } },
      all: { rules: { 'toy/deep-only': 'warn', 'toy/no-danger': 'error', 'toy/no-names': 'error' } },
    });
  });
  it('rejects a bad namespace', () => {
    expect(() => presetsFor('Bad/ns', {})).toThrow(/invalid namespace/);
  });
});
