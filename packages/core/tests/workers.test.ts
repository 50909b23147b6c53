// Worker threads run the built engine (dist/worker.js), so this test imports the build: run `pnpm build` first.
import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { project, TOY_PLUGIN } from './helpers.js';

const dist = new URL('../dist/index.js', import.meta.url);

describe.skipIf(!existsSync(dist))('worker threads (built engine)', () => {
  it('gives the same results as a single thread', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    const files: Record<string, string> = { '.oculumrc': '{ "extends": "oculum:strict", "overrides": [{ "files": "d1/**", "rules": { "toy/no-names": "off" } }] }' };
    for (let i = 0; i < 150; i++) {
      files[`d${i % 5}/f${i}.toy`] = `${i % 3 === 0 ? 'danger ' : ''}word${i}\n${i % 4 === 0 ? 'evil # oculum-ignore\n' : 'evil\n'}${i % 7 === 0 ? '!!!\n' : ''}`;
    }
    files['model.bin'] = 'TOYBIN BAD';
    const cwd = project(files);
    const single = await scan({ cwd, plugins: [TOY_PLUGIN], workers: 0 });
    const auto = await scan({ cwd, plugins: [TOY_PLUGIN], workers: 'auto' });
    const two = await scan({ cwd, plugins: [TOY_PLUGIN], workers: 2 });
    expect(single.files.length).toBe(151);
    expect(single.files.flatMap((f) => f.findings).length).toBeGreaterThan(150);
    // d1 runs only the triggered rule: its files without the word are prefiltered (in the main thread
    // when there are workers) and never parsed.
    expect(single.stats.prefiltered).toBeGreaterThan(0);
    for (const other of [auto, two]) {
      expect(other.files).toEqual(single.files);
      expect(other.diagnostics).toEqual(single.diagnostics);
      expect({ ...other.stats, durationMs: 0 }).toEqual({ ...single.stats, durationMs: 0 });
    }
  });

  it('judges the directives of a file the prefilter skips in the main thread (a stale oculum-ignore)', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    const files: Record<string, string> = { '.oculumrc': '{ "extends": "oculum:recommended" }' };
    for (let i = 0; i < 80; i++) files[`f${i}.toy`] = i % 2 ? `danger # oculum-ignore\n` : `ok # oculum-ignore[toy/no-danger] -- was danger\n`;
    const cwd = project(files);
    for (const workers of [0, 2] as const) {
      const result = await scan({ cwd, plugins: [TOY_PLUGIN], workers });
      const stale = result.files.filter((f) => f.diagnostics.some((d) => d.kind === 'unused-directive' && d.message === 'Unused directive "oculum-ignore[toy/no-danger] -- was danger": it suppresses no finding'));
      expect(stale.length, `workers: ${workers}`).toBe(40);
    }
  });

  it('applies fixes in workers', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`f${i}.toy`] = 'danger danger\n';
    const cwd = project(files);
    const result = await scan({ cwd, plugins: [TOY_PLUGIN], workers: 2, fix: true });
    expect(result.files.every((f) => f.output === 'safe safe\n' && f.findings.length === 0)).toBe(true);
  });

  it('plugin objects force a single thread (with a note)', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    const plugin = (await import(TOY_PLUGIN)).default;
    const cwd = project({ 'a.toy': 'danger\n' });
    const result = await scan({ cwd, plugins: [plugin], workers: 2 });
    expect(result.files[0].findings.length).toBe(1);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'Worker threads disabled: some plugins were given as objects (pass module specifiers to use workers)',
    ]);
  });
});

describe.skipIf(!existsSync(dist))('plugins in workers', () => {
  // A second plugin with its own language; in a worker thread it leaves a marker file when loaded.
  const other = (marker: string) => `import { isMainThread } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { toyLanguage } from ${JSON.stringify(TOY_PLUGIN)};
if (!isMainThread) writeFileSync(${JSON.stringify(marker)}, 'loaded');
const language = { ...toyLanguage, id: 'other', extensions: ['.oth'] };
const rule = {
  meta: { detector: 'unsafe_model_load', severity: 'high', languages: ['other'], triggers: ['zzz'], docs: { description: 'zzz', recommended: true }, messages: { found: 'zzz' }, remediation: 'none' },
  create: (context) => ({ Word(node) { if (node.name === 'zzz') context.report({ node, messageId: 'found' }); } }),
};
export default { meta: { name: 'other', version: '1.0.0', namespace: 'other' }, rules: { zzz: rule }, languages: { other: language } };
`;

  it('are loaded by a worker only when a file of their language reaches it', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    for (const reached of [false, true]) {
      const files: Record<string, string> = { 'a.oth': reached ? 'zzz\n' : 'nothing here\n' };
      for (let i = 0; i < 100; i++) files[`f${i}.toy`] = 'danger\n';
      const cwd = project(files);
      const marker = `${cwd}/loaded-in-worker`;
      writeFileSync(`${cwd}/other.mjs`, other(marker));
      const plugins = [TOY_PLUGIN, `${cwd}/other.mjs`];
      const config = { rules: { 'toy/no-danger': 'error', 'other/zzz': 'error' } } as const;
      const two = await scan({ cwd, plugins, overrideConfig: config, noConfig: true, workers: 2, paths: ['.'] });
      const single = await scan({ cwd, plugins, overrideConfig: config, noConfig: true, workers: 0, paths: ['.'] });
      expect(two.files).toEqual(single.files);
      expect(two.files.find((f) => f.file.endsWith('a.oth'))?.findings.length).toBe(reached ? 1 : 0);
      expect(two.files.flatMap((f) => f.findings).length).toBe(reached ? 101 : 100);
      // The .oth file without the trigger is prefiltered in the main thread: no worker loads "other".
      // With the trigger it is linted by a worker or by the main thread (which lints when it waits).
      if (!reached) expect(existsSync(marker)).toBe(false);
    }
  });
});

describe.skipIf(!existsSync(dist))('a trigger test that throws', () => {
  it('gives one warning per test for the whole scan, in one thread or with workers, and the files are linted', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) files[`f${i}.toy`] = i % 2 === 0 ? 'danger boom\n' : 'danger\n';
    files['broken.mjs'] = `import toy from ${JSON.stringify(TOY_PLUGIN)};
const rule = toy.rules['no-danger'];
export default { ...toy, meta: { ...toy.meta, name: 'broken', namespace: 'broken' }, rules: { 'no-danger': { ...rule, meta: { ...rule.meta, triggers: [{ literals: ['boom'], test: () => { throw new RangeError('too deep'); } }] } } } };
`;
    const cwd = project(files);
    const config = { rules: { 'broken/no-danger': 'error' } } as const;
    for (const workers of [0, 2] as const) {
      const result = await scan({ cwd, plugins: [`${cwd}/broken.mjs`], overrideConfig: config, noConfig: true, workers, paths: ['.'] });
      // Only the files with the test's literal ask it; they are linted anyway (the others are not).
      expect(result.files.flatMap((f) => f.findings).length, `workers: ${workers}`).toBe(50);
      expect(result.diagnostics.filter((d) => d.kind === 'internal'), `workers: ${workers}`).toEqual([
        {
          kind: 'internal',
          severity: 'warning',
          message: 'The trigger test of rule "broken/no-danger" threw on 50 files (first f0.toy): RangeError: too deep. The rule ran on those files anyway; its triggers need fixing.',
        },
      ]);
      expect(result.files.every((f) => f.diagnostics.length === 0)).toBe(true);
    }
  });
});

describe.skipIf(!existsSync(dist))('worker failures', () => {
  it('falls back to the main thread when workers cannot load a plugin', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    // A plugin that loads in the main thread but throws in worker threads.
    const files: Record<string, string> = {
      'flaky.mjs': `import { isMainThread } from 'node:worker_threads';\nif (!isMainThread) throw new Error('no workers here');\nexport { default } from ${JSON.stringify(TOY_PLUGIN)};\n`,
    };
    for (let i = 0; i < 8; i++) files[`f${i}.toy`] = 'danger\n';
    const cwd = project(files);
    const result = await scan({ cwd, plugins: [`${cwd}/flaky.mjs`], workers: 2, paths: ['.'] });
    expect(result.files.map((f) => f.findings.length)).toEqual(new Array(8).fill(1));
    expect(result.files.flatMap((f) => f.diagnostics)).toEqual([]);
  });
});

// The main thread has V8's ~1 MB of stack, a worker WORKER_STACK_MB: a file whose parse recurses deeper
// than the main thread allows (a long JS call chain) is linted again in a worker, one made for it when
// the scan has none.
describe.skipIf(!existsSync(dist))('files too deep for the main thread', () => {
  it('are linted again in a worker, with or without a pool', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    const cwd = project({ 'deep.toy': 'deep 60000\ndanger\n', 'ok.toy': 'danger\n' });
    for (const workers of [0, 1] as const) {
      const result = await scan({ cwd, plugins: [TOY_PLUGIN], workers });
      expect(result.files.flatMap((f) => f.findings.map((x) => `${f.file.slice(cwd.length + 1)}:${x.line} ${x.ruleId}`))).toEqual(['deep.toy:2 toy/no-danger', 'ok.toy:1 toy/no-danger']);
      expect(result.files.flatMap((f) => f.diagnostics)).toEqual([]);
    }
  });

  it('are linted again in a worker when the main thread took them while helping the pool', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    const files: Record<string, string> = {};
    // enough waiting work that the main thread starts the language and helps (see `LintPool.help`)
    for (let i = 0; i < 24; i++) files[`deep${String(i).padStart(2, '0')}.toy`] = `deep ${60000 + i * 1000}\ndanger\n`;
    const cwd = project(files);
    const result = await scan({ cwd, plugins: [TOY_PLUGIN], workers: 1 });
    expect(result.files.flatMap((f) => f.findings.map((x) => `${f.file.slice(cwd.length + 1)}:${x.line}`))).toEqual(Array.from({ length: 24 }, (_, i) => `deep${String(i).padStart(2, '0')}.toy:2`));
    expect(result.files.flatMap((f) => f.diagnostics)).toEqual([]);
  });

  it('keep their error when a worker cannot lint them either', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    const cwd = project({ 'deeper.toy': 'deep 100000000\ndanger\n' });
    const result = await scan({ cwd, plugins: [TOY_PLUGIN], workers: 0 });
    expect(result.files[0].diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/Maximum call stack size exceeded/)]);
  });

  it('lints files a language reads past the size limit (notebooks), a bounded number of bytes of them at once', async () => {
    const { scan } = (await import(dist.href)) as typeof import('../src/index.js');
    // limit 1 KiB: files over 8 KiB are big, at most 128 KiB of them in flight (here two of 50 KiB)
    const big = `danger\n${'# an output\n'.repeat(4_300)}`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) files[`nb${String(i).padStart(2, '0')}.toy`] = big;
    for (let i = 0; i < 70; i++) files[`small${String(i).padStart(2, '0')}.toy`] = 'danger\n';
    const cwd = project(files);
    const plugin = new URL('./fixtures/toy-big-plugin.mjs', import.meta.url).href;
    for (const workers of [0, 2]) {
      const result = await scan({ cwd, plugins: [plugin], workers, maxFileSize: 1024 });
      expect(result.diagnostics).toEqual([]);
      expect(result.files.flatMap((f) => f.findings)).toHaveLength(94);
      expect(result.stats).toMatchObject({ files: 94, skipped: 0 });
    }
  });
});
