import { describe, expect, it } from 'vitest';
import { closest } from '../src/config/resolve.js';
import { formatMessage, interpolate } from '../src/messages.js';
import { mergeRuleOptions, validateRuleOptions } from '../src/options.js';
import { createRule } from '../src/rule.js';
import type { RuleMeta } from '../src/types.js';
import { namesRule } from './fixtures/toy-plugin.mjs';
import * as api from '../src/index.js';

const meta: RuleMeta = {
  detector: 'unsafe_model_load',
  severity: 'high',
  languages: ['python'],
  triggers: ['load'],
  docs: { description: 'd', recommended: true },
  messages: { m: 'x' },
  remediation: 'r',
};

describe('createRule', () => {
  it('accepts a well-formed rule and rejects bad names or missing meta', () => {
    expect(createRule({ name: 'load-without-x', meta, create: () => ({}) }).name).toBe('load-without-x');
    expect(() => createRule({ name: 'Bad_Name', meta, create: () => ({}) })).toThrow(/kebab-case/);
    expect(() => createRule({ name: 'x', meta: { ...meta, remediation: undefined } as never, create: () => ({}) })).toThrow(/meta\.remediation is required/);
  });

  // (review author36 P1-1) values that would make the rule silently wrong fail when it is declared
  it.each([
    [{ detector: 'unsafe_model_loading' }, 'meta.detector is "unsafe_model_loading": expected one of "unsafe_model_load", "unverified_model_source", "unsafe_finetuning"'],
    [{ severity: 'error' }, 'meta.severity is "error" (a config level, not a severity): expected one of "critical", "high", "medium", "low", "info"'],
    [{ languages: [] }, 'meta.languages must be a non-empty array of language ids'],
    [{ languages: 'python' }, 'meta.languages must be a non-empty array of language ids'],
    [{ messages: {} }, 'meta.messages must be an object of message templates by messageId, with at least one'],
    [{ messages: { m: 3 } }, 'meta.messages.m must be a string'],
    [{ fixable: true }, 'meta.fixable is true: expected "code"'],
    [{ hasSuggestions: 'yes' }, 'meta.hasSuggestions must be true or false'],
    [{ minDepth: 'full' }, 'meta.minDepth is "full": expected one of "quick", "standard", "deep"'],
    [{ docs: {} }, 'meta.docs must be an object with a description string'],
  ])('rejects meta %j', (bad, message) => {
    expect(() => createRule({ name: 'x', meta: { ...meta, ...bad } as never, create: () => ({}) })).toThrow(message);
  });

  it('rejects a rule without a create function', () => {
    expect(() => createRule({ name: 'x', meta } as never)).toThrow('Rule "x" needs a create(context) function');
  });
});

describe('messages', () => {
  it('fills placeholders and rejects unfilled ones', () => {
    expect(interpolate('a/b', 'Call {{ callee }} with {{n}}', { callee: 'torch.load', n: 2 })).toBe('Call torch.load with 2');
    expect(() => interpolate('a/b', 'Call {{callee}}', {})).toThrow('Rule "a/b": message placeholder "{{callee}}" has no value in data');
    expect(() => formatMessage('a/b', { m: 'x' }, 'n', undefined)).toThrow('unknown messageId "n" (meta.messages has "m")');
  });
});

describe('rule options', () => {
  it('validates against meta.schema and merges defaults deeply', () => {
    expect(validateRuleOptions(namesRule, [])).toEqual([]);
    expect(validateRuleOptions(namesRule, [{ names: ['a'] }])).toEqual([]);
    expect(validateRuleOptions(namesRule, [{ names: [1] }])).toEqual(['[0].names[0] must be string']);
    expect(validateRuleOptions(namesRule, [{}, {}])).toEqual(['options takes at most 1 option(s)']);
    expect(mergeRuleOptions(namesRule, [{ loud: true }])).toEqual([{ names: ['evil'], loud: true }]);
    // defaults are not shared between calls
    const a = mergeRuleOptions(namesRule, []) as Array<{ names: string[] }>;
    a[0].names.push('changed');
    expect(mergeRuleOptions(namesRule, [])).toEqual([{ names: ['evil'], loud: false }]);
  });
});

describe('closest', () => {
  it('suggests the nearest ids', () => {
    expect(closest('torch/pickle-lod', ['torch/pickle-load', 'torch/joblib-load', 'hf/x'])).toEqual(['torch/pickle-load']);
    expect(closest('zzz/qqq', ['torch/pickle-load'])).toEqual([]);
  });
});

describe('public API', () => {
  it('exports the engine entry points', () => {
    for (const name of ['lintText', 'scan', 'listRules', 'applyFixes', 'presetsFor', 'createRule', 'ConfigError', 'UsageError', 'formatters', 'DETECTORS', 'UNKNOWN']) {
      expect(api, name).toHaveProperty(name);
    }
  });
});
