import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lintText, type Finding } from '@oculum/core';
import { python } from '@oculum/lang-python';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));

async function scanProject(name: string): Promise<Finding[]> {
  const dir = `${examples}${name}/`;
  const settings = JSON.parse(readFileSync(`${dir}.oculumrc.json`, 'utf8')).settings;
  const out: Finding[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py'))) {
    const result = await lintText({
      path: `${dir}${file}`,
      text: readFileSync(`${dir}${file}`, 'utf8'),
      language: python,
      rules: Object.entries(rules).map(([n, rule]) => ({ id: `hf/${n}`, rule, level: 'error' as const })),
      settings,
      depth: 'deep',
      cwd: dir,
    });
    out.push(...result.findings);
  }
  return out;
}

describe('examples/', () => {
  it('the vulnerable fine-tuning project triggers every hf rule', async () => {
    const found = new Set((await scanProject('finetune-vulnerable')).map((f) => f.ruleId));
    expect([...found].sort()).toEqual(Object.keys(rules).map((n) => `hf/${n}`).sort());
  });
  it('its fixed twin is clean', async () => {
    expect((await scanProject('finetune-fixed')).map((f) => `${f.ruleId}:${f.line}: ${f.message}`)).toEqual([]);
  });
});
