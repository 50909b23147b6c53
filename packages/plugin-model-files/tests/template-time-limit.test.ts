/**
 * The scan's time limit covers chat-template analysis: a GGUF template may be 64 MiB of hostile
 * code (seconds of work even in linear time). A template the limit cuts short is a
 * `model/model-scan-limit` finding that says how far the analysis got, never a clean file; what was
 * found before the limit is still reported.
 */
import { lintText, type FileResult } from '@oculum/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { analyzeTemplate } from '../src/formats/template.js';
import { scanModelBytes } from '../src/scanner.js';
import { gguf } from './helpers.js';
import { onFakeClock } from './work-counters.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-template-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));
const found = (r: FileResult) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.severity}`).sort();

const stoppedAt = (message = '') => Number(/at character (\d+)/.exec(message)?.[1]);

/** 30 MB of `'_' ~ '_' ~ …`: a single expression the evaluator reads token by token. */
const CHAIN = `{{ '_'${" ~ '_'".repeat(5_000_000)} }}`;
const SSTI = "{{ ''.__class__.__mro__[1].__subclasses__() }}";
const settings = { model: { limits: { timeMs: 300 } } };

function write(name: string, template: string): string {
  const path = join(dir, name);
  writeFileSync(path, gguf([['general.architecture', 'str', 'llama'], ['tokenizer.chat_template', 'str', template]]));
  return path;
}

describe('chat templates and the time limit', () => {
  it('a template past the limit is reported as not fully analysed (high), with how far it got', async () => {
    // The injection after the chain is not reached within 300 ms: the file must not pass as clean.
    const path = write('chain.gguf', CHAIN + SSTI);
    const { value: r, reads } = await onFakeClock(() => lintText({ path, language: modelLanguage, rules, settings, cwd: dir }));
    expect(found(r)).toContain('model/model-scan-limit high');
    const limit = r.findings.find((f) => f.ruleId === 'model/model-scan-limit');
    const n = (CHAIN + SSTI).length;
    expect(limit?.message).toContain(`chat template \`tokenizer.chat_template\` (${n} characters): the time limit stopped the analysis at character `);
    // 300 ms on the fake clock: some 300 checks of 4096 units of work each, a fraction of the 30 MB.
    expect(reads).toBeLessThanOrEqual(350);
    expect(stoppedAt(limit?.message)).toBeLessThan(n / 4);
    expect(limit).toMatchObject({ confidence: 'medium' });
  }, 60_000);

  it('what was found before the limit is still reported', async () => {
    const path = write('ssti-then-chain.gguf', SSTI + CHAIN);
    const { value: r } = await onFakeClock(() => lintText({ path, language: modelLanguage, rules, settings, cwd: dir }));
    expect(found(r)).toEqual(expect.arrayContaining(['model/gguf-chat-template-injection critical', 'model/model-scan-limit high']));
    expect(r.findings.find((f) => f.ruleId === 'model/model-scan-limit')?.message).toMatch(/found before the limit: .*__class__/);
  }, 60_000);

  it('the scanner passes its deadline: the facts say so', async () => {
    const { value: f } = await onFakeClock(() => scanModelBytes(gguf([['general.architecture', 'str', 'llama'], ['tokenizer.chat_template', 'str', CHAIN]]), 'model.gguf', settings));
    expect(f.templates).toHaveLength(1);
    expect(f.problems).toEqual([expect.objectContaining({ kind: 'limit', template: true, message: expect.stringContaining('reached while analysing chat template') })]);
  }, 60_000);

  it('a template analysed within the limit has no limit problem', async () => {
    const f = await scanModelBytes(gguf([['general.architecture', 'str', 'llama'], ['tokenizer.chat_template', 'str', SSTI]]), 'model.gguf', settings);
    expect(f.problems).toEqual([]);
    expect(f.templates[0].indicators).toContain('__class__');
  });

  it('analyzeTemplate stops at the deadline, and after it at once', async () => {
    // 100 ms on the fake clock: 100 checks of 4096 units of work, inside the one long expression.
    const { value: v, reads } = await onFakeClock(() => analyzeTemplate(CHAIN, { deadline: Date.now() + 100 }));
    expect(v.incomplete).toMatch(new RegExp(`^the time limit stopped the analysis at character \\d+ of ${CHAIN.length}$`));
    expect(reads).toBeLessThanOrEqual(105);
    expect(stoppedAt(v.incomplete)).toBeLessThan(CHAIN.length / 10);
    const at = Number(/at character (\d+)/.exec(analyzeTemplate(CHAIN, { deadline: Date.now() - 1 }).incomplete ?? '')?.[1]);
    expect(at).toBeLessThan(100_000);
    // many small blocks and characters Jinja rejects are timed too
    expect(analyzeTemplate('{{ x }}'.repeat(3_000_000), { deadline: Date.now() - 1 }).incomplete).toBeDefined();
    expect(analyzeTemplate(`{{ ${'$'.repeat(20_000_000)} }}`, { deadline: Date.now() - 1 }).incomplete).toBeDefined();
  }, 60_000);
});
