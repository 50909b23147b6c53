import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_LANGUAGE_START_COST, LintPool, pickSlot, taskCost, TASKS_PER_WORKER, WorkerUnavailableError } from '../src/pool.js';

const slot = (name: string, load: number, languages: string[] = []) => ({ name, load, languages: new Set(languages) });

describe('pickSlot', () => {
  it('takes the least busy worker when none has the language yet, or when that one has it', () => {
    expect(pickSlot([slot('a', 3), slot('b', 1)], 'javascript').name).toBe('b');
    expect(pickSlot([slot('a', 3, ['python']), slot('b', 1, ['python'])], 'python').name).toBe('b');
  });

  it('keeps a language on the worker that already initialised it while it is not much busier', () => {
    expect(pickSlot([slot('a', 3, ['javascript']), slot('b', 1)], 'javascript').name).toBe('a');
    expect(pickSlot([slot('a', 1 + DEFAULT_LANGUAGE_START_COST, ['javascript']), slot('b', 1)], 'javascript').name).toBe('a');
  });

  it('spreads the language over another worker once the warm one falls behind', () => {
    expect(pickSlot([slot('a', 2 + DEFAULT_LANGUAGE_START_COST, ['javascript']), slot('b', 1)], 'javascript').name).toBe('b');
  });

  it("counts the language's own start cost when it says one", () => {
    expect(pickSlot([slot('a', 101, ['javascript']), slot('b', 1)], 'javascript', 100).name).toBe('a');
    expect(pickSlot([slot('a', 102, ['javascript']), slot('b', 1)], 'javascript', 100).name).toBe('b');
  });
});

describe('taskCost', () => {
  it('grows with the text, so the least busy worker is the one with the least queued work', () => {
    expect(taskCost({})).toBe(1);
    expect(taskCost({ text: 'x' })).toBe(2);
    expect(taskCost({ text: 'x'.repeat(4096 * 10) })).toBe(11);
    // one big queued file weighs more than three small ones
    const big = taskCost({ text: 'x'.repeat(200_000) });
    const small = 3 * taskCost({ text: 'x'.repeat(2_000) });
    expect(pickSlot([slot('big', big, ['python']), slot('small', small, ['python'])], 'python').name).toBe('small');
  });
});

describe('largestFirst (the order files go to workers)', () => {
  it('puts the biggest files first, keeps ties and unreadable files in their order', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { largestFirst } = await import('../src/scan.js');
    const dir = mkdtempSync(join(tmpdir(), 'oculum-order-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string, size: number) => {
      writeFileSync(join(dir, name), 'x'.repeat(size));
      return join(dir, name);
    };
    const [a, b, c, d] = [file('a.py', 10), file('b.py', 3000), file('c.py', 10), file('d.py', 200)];
    const gone = join(dir, 'gone.py');
    expect(largestFirst([a, gone, b, c, d])).toEqual([b, d, a, c, gone]);
    // The sizes asked for are handed back, so reading the files need not ask again.
    const stats = new Map<string, import('node:fs').Stats>();
    largestFirst([a, gone, b], stats);
    expect([...stats.keys()].sort()).toEqual([a, b].sort());
    expect(stats.get(b)?.size).toBe(3000);
  });
});

describe('CostQueue (the tasks waiting for a worker)', () => {
  it('gives the costliest first, and equal costs in the order they came', async () => {
    const { CostQueue } = await import('../src/pool.js');
    const q = new CostQueue<string>();
    expect(q.pop()).toBeUndefined();
    for (const [item, cost] of [['a', 2], ['b', 9], ['c', 2], ['d', 5], ['e', 9], ['f', 1], ['g', 2]] as const) q.push(item, cost);
    expect(q.size).toBe(7);
    expect(q.peek()).toBe('b');
    const out: string[] = [];
    for (let item = q.pop(); item !== undefined; item = q.pop()) out.push(item);
    expect(out).toEqual(['b', 'e', 'd', 'a', 'c', 'g', 'f']);
    expect(q.size).toBe(0);
  });

  it('also gives the cheapest item a test accepts, and stays in order after it', async () => {
    const { CostQueue } = await import('../src/pool.js');
    const q = new CostQueue<string>();
    expect(q.popCheapest()).toBeUndefined();
    for (const [item, cost] of [['a', 2], ['b', 9], ['c', 1], ['d', 5], ['e', 1], ['f', 7], ['g', 3]] as const) q.push(item, cost);
    // Of equal costs the one that came last (the costliest-first end takes the first).
    expect(q.popCheapest()).toBe('e');
    expect(q.popCheapest((x) => x !== 'c' && x !== 'a')).toBe('g');
    expect(q.popCheapest((x) => x === 'zzz')).toBeUndefined();
    const out: string[] = [];
    for (let item = q.pop(); item !== undefined; item = q.pop()) out.push(item);
    expect(out).toEqual(['b', 'f', 'd', 'a', 'c']);
  });

  it('keeps a valid heap through any mix of pushes and removals from both ends', async () => {
    const { CostQueue } = await import('../src/pool.js');
    const q = new CostQueue<number>();
    const model: Array<{ id: number; cost: number }> = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let id = 0; id < 2000; id++) {
      const r = random();
      if (r < 0.55 || model.length === 0) {
        const cost = Math.floor(random() * 20);
        q.push(id, cost);
        model.push({ id, cost });
      } else if (r < 0.8) {
        const best = model.reduce((a, b) => (b.cost > a.cost ? b : a));
        expect(q.pop()).toBe(best.id);
        model.splice(model.indexOf(best), 1);
      } else {
        const odd = (x: number) => x % 2 === 1;
        const cands = model.filter((m) => odd(m.id));
        const cheapest = cands.reduce<(typeof cands)[number] | undefined>((a, b) => (a === undefined || b.cost <= a.cost ? b : a), undefined);
        expect(q.popCheapest(odd)).toBe(cheapest?.id);
        if (cheapest) model.splice(model.indexOf(cheapest), 1);
      }
      expect(q.size).toBe(model.length);
    }
  });
});

describe('LintPool (with a stand-in worker script)', () => {
  const workerDirs: string[] = [];
  afterAll(() => {
    for (const dir of workerDirs) rmSync(dir, { recursive: true, force: true });
  });
  const workerFile = async (body: string): Promise<URL> => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'oculum-pool-'));
    workerDirs.push(dir);
    const file = join(dir, 'worker.mjs');
    writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
    return pathToFileURL(file);
  };
  const init = { pluginUrls: [], languagePlugins: {}, eagerLanguages: [], cwd: '/', depth: 'standard' as const, fix: false };
  const config = { rules: [], dormant: [], settings: {} };
  const task = (id: number, size: number, path = `f${id}`) => ({ id, path, languageId: 'python', text: 'x'.repeat(size), configId: 0 });

  it(`holds ${TASKS_PER_WORKER} tasks per worker and hands out the waiting ones costliest first`, async () => {
    // Lints one task at a time, in the order it receives them, and says which it was.
    const script = await workerFile(`parentPort.on('message', (t) => {
  const end = Date.now() + 5; while (Date.now() < end);
  parentPort.postMessage({ id: t.id, ok: true, details: { result: { file: t.path, findings: [], diagnostics: [] }, parsed: true, fixPasses: 0 } });
});`);
    const pool = new LintPool(script, 1, init);
    try {
      const order: string[] = [];
      const sizes = [10, 50_000, 20_000, 90_000, 1, 20_000];
      await Promise.all(sizes.map((size, i) => pool.run(task(i, size), config).then((d) => order.push(d.result.file))));
      // f0 and f1 went straight to the worker; then the biggest waiting first, ties in arrival order.
      expect(order).toEqual(['f0', 'f1', 'f3', 'f2', 'f5', 'f4']);
    } finally {
      await pool.close();
    }
  });

  /** A worker that takes 40 ms a task and says it linted it. */
  const slowWorker = () =>
    workerFile(`parentPort.on('message', (t) => {
  const end = Date.now() + 40; while (Date.now() < end);
  parentPort.postMessage({ id: t.id, ok: true, details: { result: { file: t.path, findings: [], diagnostics: [{ message: 'worker' }] }, parsed: true, fixPasses: 0 } });
});`);
  /** The main thread's lint of a task: says so, and notes the order (`here` for `LintPool.run`). */
  const linted =
    (language: string, order: string[] = []) =>
    (path: string) =>
    async () => (order.push(path), { result: { file: path, language, findings: [], diagnostics: [{ kind: 'internal' as const, severity: 'note' as const, message: 'main' }] }, parsed: true, fixPasses: 0 });

  it('lints waiting tasks in the main thread while it would wait, the cheapest first, not those of a costly language', async () => {
    const pool = new LintPool(await slowWorker(), 1, init, new Map([['typescript', 1000]]));
    try {
      const order: string[] = [];
      const here = linted('python', order);
      const sizes = [90_000, 80_000, 70_000, 60_000, 500, 400, 300, 200];
      const runs = sizes.map((size, i) => pool.run(task(i, size), config, here(`f${i}`)));
      // A TypeScript file waits for the worker (its start costs the main thread more than it saves).
      runs.push(pool.run({ ...task(8, 100), languageId: 'typescript' }, config, here('f8')));
      const where = (await Promise.all(runs)).map((d) => `${d.result.file}:${d.result.diagnostics[0].message}`);
      // The two the worker holds go to it; the main thread, which would otherwise wait, takes the
      // others, the smallest first, but the TypeScript file.
      expect(where).toEqual(['f0:worker', 'f1:worker', 'f2:main', 'f3:main', 'f4:main', 'f5:main', 'f6:main', 'f7:main', 'f8:worker']);
      expect(order).toEqual(['f7', 'f6', 'f5', 'f4', 'f3', 'f2']);
    } finally {
      await pool.close();
    }
  });

  it('starts a costly language in the main thread once the work waiting in it is worth the start', async () => {
    // Starting TypeScript costs 30 units: two small files waiting (2 units each) are not worth it,
    // three of 50,000 characters (14 each) are.
    const pool = new LintPool(await slowWorker(), 1, init, new Map([['typescript', 30]]));
    try {
      const here = linted('typescript');
      const ts = (id: number, size: number) => ({ ...task(id, size), languageId: 'typescript' });
      const few = await Promise.all([0, 1, 2, 3].map((i) => pool.run(ts(i, 100), config, here(`a${i}`))));
      expect(few.map((d) => d.result.diagnostics[0].message)).toEqual(['worker', 'worker', 'worker', 'worker']);
      const many = await Promise.all([0, 1, 2, 3, 4].map((i) => pool.run(ts(i + 10, 50_000), config, here(`b${i}`))));
      expect(many.map((d) => d.result.diagnostics[0].message)).toEqual(['worker', 'worker', 'main', 'main', 'main']);
    } finally {
      await pool.close();
    }
  });

  it('fails the tasks a crashed worker held, and those still waiting as unavailable (linted in the main thread)', async () => {
    const script = await workerFile(`parentPort.on('message', () => process.exit(3));`);
    const pool = new LintPool(script, 1, init);
    try {
      const outcomes = await Promise.allSettled([0, 1, 2, 3].map((i) => pool.run(task(i, 100), config)));
      const errors = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error) : undefined));
      expect(errors.slice(0, 2).map((e) => e?.message)).toEqual([expect.stringMatching(/lint worker (crashed|exited)/), expect.stringMatching(/lint worker (crashed|exited)/)]);
      expect(errors.slice(2).every((e) => e instanceof WorkerUnavailableError)).toBe(true);
      expect(pool.alive).toBe(false);
    } finally {
      await pool.close();
    }
  });
});
