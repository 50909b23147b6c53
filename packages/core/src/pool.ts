import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LintTextDetails } from './lint.js';
import type { LintTask, WorkerInit, WorkerReply } from './worker-protocol.js';

/** The worker script next to the built engine (`dist/worker.js`); absent when running from sources. */
export function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** The task could not run in a worker (it failed to start); the caller lints it in the main thread. */
export class WorkerUnavailableError extends Error {
  override name = 'WorkerUnavailableError';
}

interface Slot {
  worker: Worker;
  configs: Set<number>;
  /** Languages this worker has already initialised (a parser's start-up can cost a second of CPU). */
  languages: Set<string>;
  pending: Map<number, { task: LintTask; cost: number; resolve: (d: LintTextDetails) => void; reject: (e: Error) => void }>;
  /** Sum of the pending tasks' `taskCost`. */
  load: number;
  dead: boolean;
}

/**
 * A fixed set of lint workers. Tasks go to the least busy worker; each worker is told a config the
 * first time it needs it. A crashed worker fails its in-flight tasks (the caller turns them into
 * diagnostics) and is not used again.
 */
/**
 * What a task costs a worker, in units of about 4 KiB of text (a file's parse and walk grow with its
 * size), plus one for the round trip: the least busy worker is the one with the least queued work,
 * not the fewest queued files, so a few big files do not pile up behind each other at the end.
 */
export function taskCost(task: Pick<LintTask, 'text'>): number {
  return 1 + Math.ceil((task.text?.length ?? 0) / 4096);
}

/**
 * What starting a language costs a worker when its `Language.startCost` does not say (queued cost
 * units, see `taskCost`).
 */
export const DEFAULT_LANGUAGE_START_COST = 16;

/**
 * The worker that finishes the task first: the least busy one, counting the language's start for a
 * worker that has not started it. A few JS files in a Python tree then all go to the worker that
 * loaded the TypeScript parser, instead of every worker paying for it; a tree with many files of
 * the language still spreads them over every worker.
 */
export function pickSlot<S extends { load: number; languages: Set<string> }>(live: S[], languageId: string, startCost = DEFAULT_LANGUAGE_START_COST): S {
  const leastBusy = (slots: S[]) => slots.reduce((a, b) => (b.load < a.load ? b : a));
  const best = leastBusy(live);
  const warm = live.filter((s) => s.languages.has(languageId));
  if (warm.length === 0 || warm.includes(best)) return best;
  const warmBest = leastBusy(warm);
  return warmBest.load <= best.load + startCost ? warmBest : best;
}

export class LintPool {
  private readonly slots: Slot[] = [];

  /** `startCosts`: `Language.startCost` by language id, where a language says it. */
  constructor(script: URL, size: number, init: WorkerInit, private readonly startCosts: ReadonlyMap<string, number> = new Map()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: init });
      const slot: Slot = { worker, configs: new Set(), languages: new Set(), pending: new Map(), load: 0, dead: false };
      worker.on('message', (reply: WorkerReply) => {
        const waiting = slot.pending.get(reply.id);
        if (!waiting) return;
        slot.pending.delete(reply.id);
        slot.load -= waiting.cost;
        if (reply.ok) waiting.resolve(reply.details);
        else if (reply.init) {
          slot.dead = true;
          waiting.reject(new WorkerUnavailableError(reply.error));
        } else waiting.reject(new Error(reply.error));
      });
      const fail = (error: Error) => {
        slot.dead = true;
        // Not retried elsewhere: the file may be what crashed the worker.
        for (const waiting of slot.pending.values()) waiting.reject(new Error(`lint worker crashed: ${error.message}`));
        slot.pending.clear();
        slot.load = 0;
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (slot.pending.size > 0) fail(new Error(`lint worker exited with code ${code}`));
        slot.dead = true;
      });
      this.slots.push(slot);
    }
  }

  get alive(): boolean {
    return this.slots.some((s) => !s.dead);
  }

  run(task: LintTask, config: NonNullable<LintTask['config']>): Promise<LintTextDetails> {
    const live = this.slots.filter((s) => !s.dead);
    if (live.length === 0) return Promise.reject(new WorkerUnavailableError('no lint worker is alive'));
    const startCost = this.startCosts.get(task.languageId) ?? DEFAULT_LANGUAGE_START_COST;
    const slot = pickSlot(live, task.languageId, startCost);
    // The worker's first file of a language also pays the language's start.
    const starts = !slot.languages.has(task.languageId);
    slot.languages.add(task.languageId);
    const message: LintTask = slot.configs.has(task.configId) ? task : { ...task, config };
    slot.configs.add(task.configId);
    return new Promise((resolve, reject) => {
      const cost = taskCost(task) + (starts ? startCost : 0);
      slot.load += cost;
      slot.pending.set(task.id, { task, cost, resolve, reject });
      slot.worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}
