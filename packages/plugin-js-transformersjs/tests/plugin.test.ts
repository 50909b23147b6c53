import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DETECTORS, lintText, presetsFor } from '@oculum/core';
import { javascript } from '@oculum/lang-js';
import { testRuleDocs } from '@oculum/rule-tester';
import plugin, { namespace, rules } from '../src/index.js';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

testRuleDocs({ namespace: 'transformersjs', rules, docsDir: root('docs/rules'), readme: root('README.md'), examples: { js: javascript, ts: javascript, tsx: javascript, jsx: javascript } });

describe('plugin', () => {
  it('exports meta, rules, languages and generated configs', () => {
    const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8'));
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'transformersjs' });
    expect(namespace).toBe('transformersjs');
    expect(plugin.languages?.javascript).toBe(javascript);
    expect(plugin.configs).toEqual(presetsFor('transformersjs', rules));
    expect(Object.keys(plugin.configs!.recommended.rules!).sort()).toEqual(Object.keys(rules).map((n) => `transformersjs/${n}`).sort());
  });

  it.each(Object.entries(rules))('%s is well formed', (name, rule) => {
    expect(rule.name).toBe(name);
    expect(DETECTORS).toContain(rule.meta.detector);
    expect(rule.meta.severity).toBe(rule.meta.detector === 'unsafe_model_load' ? 'critical' : 'high');
    expect(rule.meta.languages).toEqual(['javascript']);
    expect(rule.meta.triggers.length).toBeGreaterThan(0);
    expect(existsSync(root(`src/rules/${name}.ts`))).toBe(true);
    expect(existsSync(root(`tests/fixtures/${name}.ts`))).toBe(true);
    expect(existsSync(root(`tests/rules/${name}.test.ts`))).toBe(true);
    if (rule.meta.hasSuggestions) expect(Object.keys(rule.meta.messages)).toContain('useHttps');
    expect(rule.meta.docs.url).toBe(`https://github.com/oculum-dev/oculum/blob/main/packages/plugin-js-transformersjs/docs/rules/${name}.md`);
  });

  it('passes the JS conformance cases', async () => {
    // The shared conformance cases live beside the repository (../shared).
    const path = fileURLToPath(new URL('../../../../shared/conformance/cases/js/model_sources.mjs', import.meta.url));
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const text = readFileSync(path, 'utf8');
    const result = await lintText({
      path,
      text,
      language: javascript,
      rules: Object.entries(rules).map(([n, rule]) => ({ id: `transformersjs/${n}`, rule, level: 'error' as const, options: [] })),
      settings: {},
      depth: 'deep',
    });
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^\s*\/\/\s*expect:\s*(\w+)\s*$/.exec(lines[i]);
      if (!m) continue;
      let j = i + 1;
      while (!lines[j].trim() || /^\s*\/\//.test(lines[j])) j++;
      const line = j + 1;
      const detectors = result.findings.filter((f) => f.line <= line && f.endLine >= line).map((f) => f.detector);
      if (m[1] === 'none') expect(detectors, `line ${line}`).toEqual([]);
      else expect(detectors, `line ${line}`).toContain(m[1]);
    }
  });
});
