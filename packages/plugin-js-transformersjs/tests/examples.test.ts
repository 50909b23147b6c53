import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintText, type Finding } from '@oculum/core';
import { JS_EXTENSIONS, javascript } from '@oculum/lang-js';
import { rules } from '../src/index.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : jsFiles(p);
    return JS_EXTENSIONS.some((ext) => name.endsWith(ext)) ? [p] : [];
  });
}

async function scan(dir: string): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  for (const file of jsFiles(join(examples, dir))) {
    const result = await lintText({
      path: file,
      text: readFileSync(file, 'utf8'),
      language: javascript,
      rules: Object.entries(rules).map(([n, rule]) => ({ id: `transformersjs/${n}`, rule, level: 'error' as const, options: [] })),
      settings: {},
      depth: 'deep',
    });
    expect(result.diagnostics.filter((d) => d.kind === 'parse-error' || d.kind === 'internal')).toEqual([]);
    out.set(relative(examples, file), result.findings);
  }
  return out;
}

describe('examples/transformersjs-app', () => {
  it('reports every vulnerable pattern, for all three detectors', async () => {
    const byFile = await scan('transformersjs-app');
    const ids = (file: string) => (byFile.get(file) ?? []).map((f) => `${f.ruleId.split('/')[1]}:${f.line}`);
    expect(ids('transformersjs-app/src/classifier.js')).toEqual([
      'insecure-remote-host:4',
      'insecure-remote-host:5',
      'unpinned-model-revision:9',
      'unpinned-model-revision:13',
    ]);
    // the plain-HTTP MODEL_URL of line 3 is reported once, where InferenceSession.create loads it
    expect(ids('transformersjs-app/src/detector.js')).toEqual(['onnx-model-from-remote-url:7', 'dynamic-code-from-model-data:10']);
    expect(ids('transformersjs-app/server/models.mjs')).toEqual([
      'unverified-model-download:9',
      'hub-download-without-revision:14',
      'tfjs-model-from-remote-url:18',
      'public-model-upload:23',
    ]);
    expect(ids('transformersjs-app/src/main.js')).toEqual([]);
    const detectors = new Set([...byFile.values()].flat().map((f) => f.detector));
    expect([...detectors].sort()).toEqual(['unsafe_finetuning', 'unsafe_model_load', 'unverified_model_source']);
  });

  it('its fixed twin is clean', async () => {
    const byFile = await scan('transformersjs-app-fixed');
    expect(byFile.size).toBeGreaterThanOrEqual(4);
    expect([...byFile.values()].flat().map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
  });
});
