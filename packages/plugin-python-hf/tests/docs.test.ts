import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { python } from '@oculum/lang-python';
import { testRuleDocs } from '@oculum/rule-tester';
import plugin, { rules } from '../src/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));

testRuleDocs({ namespace: 'hf', rules, docsDir: `${root}docs/rules`, readme: `${root}README.md`, examples: { python } });

describe('rule files', () => {
  for (const [name, rule] of Object.entries(rules)) {
    describe(name, () => {
      const file = `${root}docs/rules/${name}.md`;
      it('has an annotated fixture and a test', () => {
        expect(existsSync(`${root}tests/fixtures/${name}.py`)).toBe(true);
        expect(existsSync(`${root}tests/rules/${name}.test.ts`)).toBe(true);
      });
      it('is named after its file and has a docs url', () => {
        expect(rule.name).toBe(name);
        expect(rule.meta.docs.url).toContain(`/docs/rules/${name}.md`);
      });
    });
  }
});

describe('plugin', () => {
  it('has namespace hf and generated presets containing every recommended rule', () => {
    expect(plugin.meta.namespace).toBe('hf');
    expect(plugin.meta.name).toBe('@oculum/plugin-python-hf');
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(plugin.meta.version).toBe(pkg.version);
    const recommended = Object.keys(plugin.configs!.recommended.rules ?? {});
    for (const [name, rule] of Object.entries(rules)) {
      if (rule.meta.docs.recommended) expect(recommended).toContain(`hf/${name}`);
      expect(Object.keys(plugin.configs!.all.rules ?? {})).toContain(`hf/${name}`);
    }
    expect(plugin.languages?.python).toBeDefined();
  });
  it('every rule serves python and belongs to one of the two detectors', () => {
    for (const rule of Object.values(rules)) {
      expect(rule.meta.languages).toEqual(['python']);
      expect(['unverified_model_source', 'unsafe_finetuning']).toContain(rule.meta.detector);
    }
  });
});
