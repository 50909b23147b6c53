import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { python } from '@oculum/lang-python';
import { runFixture, testRuleDocs } from '@oculum/rule-tester';
import plugin, { rules } from '../src/index.js';
import { fixturesDir } from './helpers.js';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));

describe('plugin', () => {
  it('has the namespace, name and version of the package', () => {
    const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, 'utf8'));
    expect(plugin.meta).toEqual({ name: '@oculum/plugin-python-torch', version: pkg.version, namespace: 'torch' });
    expect(plugin.languages?.python?.id).toBe('python');
  });

  it('exports one rule per file in src/rules, keyed by its name', () => {
    const files = readdirSync(`${pkgDir}src/rules`).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));
    expect(Object.keys(rules).sort()).toEqual(files.sort());
    for (const [key, rule] of Object.entries(rules)) expect(rule.name).toBe(key);
  });

  it('puts every rule in torch/recommended (generated presets)', () => {
    const recommended = plugin.configs?.recommended?.rules ?? {};
    for (const name of Object.keys(rules)) expect(recommended[`torch/${name}`]).toBe('error');
    expect(Object.keys(plugin.configs?.all?.rules ?? {}).sort()).toEqual(Object.keys(rules).map((n) => `torch/${n}`).sort());
  });

  it('every rule belongs to unsafe_model_load, is critical and serves Python', () => {
    for (const rule of Object.values(rules)) {
      expect(rule.meta.detector).toBe('unsafe_model_load');
      expect(rule.meta.severity).toBe('critical');
      expect(rule.meta.languages).toEqual(['python']);
      expect(rule.meta.triggers.length).toBeGreaterThan(0);
    }
  });

  it('every message names a safe alternative', () => {
    const alternatives = /weights_only=True|safetensors|skops|safe_load|safe_mode=True|SafeLoader|literal_eval|allow_pickle=False|add_safe_globals|JSON|punkt_tab/;
    for (const rule of Object.values(rules)) {
      for (const [id, text] of Object.entries(rule.meta.messages)) {
        if (rule.meta.hasSuggestions && /^(add|remove)/.test(id)) continue; // suggestion descriptions
        expect(text, `${rule.name}.${id}`).toMatch(alternatives);
      }
      expect(rule.meta.remediation).toMatch(alternatives);
    }
  });
});

testRuleDocs({ namespace: 'torch', rules, docsDir: `${pkgDir}docs/rules`, readme: `${pkgDir}README.md`, examples: { python } });

describe('type stubs', () => {
  runFixture({
    file: `${fixturesDir}stub.pyi`,
    language: python,
    rules: Object.fromEntries(Object.entries(rules).map(([name, rule]) => [`torch/${name}`, rule])),
  });
});
