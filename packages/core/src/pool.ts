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

/**
 * The stack of a lint worker, in MiB (Node's default is 4): deeply nested code (a minified bundle's
 * call chains) is parsed and walked by recursive code. The main thread's is V8's ~1 MB: files too
 * deep for it are linted again in a worker (see `scan`).
 */
export const WORKER_STACK_MB = 16;

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

/**
 * Tasks a worker holds at once: the one it lints and one waiting behind it, so it never waits for a
 * round trip through the main thread. The rest wait in the pool, costliest first (see `LintPool`).
 */
export const TASKS_PER_WORKER = 2;

/**
 * A max-heap of items by cost; items of equal cost come out in the order they went in. The pool's
 * waiting tasks: whatever order the main thread finds them in, a free worker gets the biggest one
 * found so far.
 */
export class CostQueue<T> {
  private readonly heap: Array<{ item: T; cost: number; seq: number }> = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(item: T, cost: number): void {
    const heap = this.heap;
    heap.push({ item, cost, seq: this.seq++ });
    this.siftUp(heap.length - 1);
  }

  /** Every item with its cost, in no particular order. */
  *entries(): IterableIterator<[T, number]> {
    for (const { item, cost } of this.heap) yield [item, cost];
  }

  peek(): T | undefined {
    return this.heap[0]?.item;
  }

  pop(): T | undefined {
    return this.heap.length === 0 ? undefined : this.removeAt(0);
  }

  /**
   * The cheapest item `accept` takes (of equal costs, the one that came last), removed; undefined
   * when it takes none. Linear: the queue holds at most the files a scan has in flight.
   */
  popCheapest(accept: (item: T) => boolean = () => true): T | undefined {
    let found = -1;
    for (let i = 0; i < this.heap.length; i++) {
      if (accept(this.heap[i].item) && (found < 0 || this.before(this.heap[found], this.heap[i]))) found = i;
    }
    return found < 0 ? undefined : this.removeAt(found);
  }

  private removeAt(index: number): T {
    const heap = this.heap;
    const removed = heap[index];
    const last = heap.pop()!;
    if (index < heap.length) {
      heap[index] = last;
      this.siftDown(this.siftUp(index));
    }
    return removed.item;
  }

  private siftUp(index: number): number {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
    return i;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < heap.length && this.before(heap[left], heap[first])) first = left;
      if (right < heap.length && this.before(heap[right], heap[first])) first = right;
      if (first === i) break;
      [heap[i], heap[first]] = [heap[first], heap[i]];
      i = first;
    }
  }

  private before(a: { cost: number; seq: number }, b: { cost: number; seq: number }): boolean {
    return a.cost > b.cost || (a.cost === b.cost && a.seq < b.seq);
  }
}

interface Waiting {
  task: LintTask;
  config: NonNullable<LintTask['config']>;
  /** Lints the task in the main thread instead (see `LintPool.run`). */
  here?: () => Promise<LintTextDetails>;
  resolve: (d: LintTextDetails) => void;
  reject: (e: Error) => void;
}

/**
 * A fixed set of lint workers. Each task goes to the least busy worker (see `pickSlot`), which holds
 * at most `TASKS_PER_WORKER`; the others wait here and a worker that frees up gets the costliest
 * one. The main thread can so read and prefilter every file at its own pace while the workers still
 * get the big files first, and the small ones last (longest processing time first). Each worker is
 * told a config the first time it needs it. A crashed worker fails its in-flight tasks (the caller
 * turns them into diagnostics) and is not used again; the waiting tasks go to the others. The main
 * thread lints waiting tasks too, the cheapest first, whenever it has nothing else to do: a scan
 * runs one worker fewer than it has cores (see `scheduleHelp`).
 */
export class LintPool {
  private readonly slots: Slot[] = [];
  /** Tasks no worker has yet (each holds at most `TASKS_PER_WORKER`), costliest first. */
  private readonly waiting = new CostQueue<Waiting>();
  /** Languages the main thread has linted a file of (so it has started them). */
  private readonly hereLanguages = new Set<string>();
  private helpScheduled = false;

  /** `startCosts`: `Language.startCost` by language id, where a language says it. */
  constructor(script: URL, size: number, init: WorkerInit, private readonly startCosts: ReadonlyMap<string, number> = new Map()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: init, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
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
        this.dispatch();
      });
      const fail = (error: Error) => {
        slot.dead = true;
        // Not retried elsewhere: the file may be what crashed the worker.
        for (const waiting of slot.pending.values()) waiting.reject(new Error(`lint worker crashed: ${error.message}`));
        slot.pending.clear();
        slot.load = 0;
        // The tasks still waiting were not the cause: they go to the other workers.
        this.dispatch();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (slot.pending.size > 0) fail(new Error(`lint worker exited with code ${code}`));
        slot.dead = true;
        this.dispatch();
      });
      this.slots.push(slot);
    }
  }

  get alive(): boolean {
    return this.slots.some((s) => !s.dead);
  }

  /**
   * Lints a task in a worker. A task waits in the pool while every worker holds
   * `TASKS_PER_WORKER`; a worker that frees up gets the costliest waiting one. Rejects with
   * `WorkerUnavailableError` when no worker is alive to take it (the caller lints it itself).
   * `here` lints the task in the main thread: given, the main thread may take the task while it
   * waits (see `scheduleHelp`).
   */
  run(task: LintTask, config: NonNullable<LintTask['config']>, here?: () => Promise<LintTextDetails>): Promise<LintTextDetails> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, config, here, resolve, reject }, taskCost(task));
      this.dispatch();
      if (here) this.scheduleHelp();
    });
  }

  /**
   * The main thread lints too, whenever it would otherwise wait: a callback queued with
   * `setImmediate` runs only once every promise the main thread could go on with is settled (while it
   * reads and prefilters files, those continue through microtasks and the loop does not turn). It then
   * takes the cheapest waiting task (the workers take the costliest), of a language it has started or
   * one whose waiting work is at least what starting it costs (`startCost`): a few TypeScript files
   * stay with the worker that loaded the compiler. One task per turn of the loop, so the replies of
   * the workers, and the files they let the main thread read on, come first.
   */
  private scheduleHelp(): void {
    if (this.helpScheduled || this.waiting.size === 0) return;
    this.helpScheduled = true;
    setImmediate(() => void this.help());
  }

  private async help(): Promise<void> {
    this.helpScheduled = false;
    // A language not started here is worth starting when the work waiting in it is at least what the
    // start costs.
    const waitingWork = new Map<string, number>();
    for (const [w, cost] of this.waiting.entries()) if (w.here) waitingWork.set(w.task.languageId, (waitingWork.get(w.task.languageId) ?? 0) + cost);
    const worthIt = (languageId: string) =>
      this.hereLanguages.has(languageId) || (waitingWork.get(languageId) ?? 0) >= (this.startCosts.get(languageId) ?? DEFAULT_LANGUAGE_START_COST);
    const next = this.waiting.popCheapest((w) => w.here !== undefined && worthIt(w.task.languageId));
    if (!next) return;
    this.hereLanguages.add(next.task.languageId);
    try {
      next.resolve(await next.here!());
    } catch (error) {
      next.reject(error as Error);
    }
    this.scheduleHelp();
  }

  /**
   * Hands the costliest waiting task to the worker `pickSlot` chooses for it, while that worker has
   * room (when it has none, the task waits for it rather than start its language on another worker).
   */
  private dispatch(): void {
    for (let next = this.waiting.peek(); next; next = this.waiting.peek()) {
      const live = this.slots.filter((s) => !s.dead);
      if (live.length === 0) {
        for (let w = this.waiting.pop(); w; w = this.waiting.pop()) w.reject(new WorkerUnavailableError('no lint worker is alive'));
        return;
      }
      const startCost = this.startCosts.get(next.task.languageId) ?? DEFAULT_LANGUAGE_START_COST;
      const slot = pickSlot(live, next.task.languageId, startCost);
      if (slot.pending.size >= TASKS_PER_WORKER) return;
      this.waiting.pop();
      this.send(slot, startCost, next);
    }
  }

  private send(slot: Slot, startCost: number, { task, config, resolve, reject }: Waiting): void {
    // The worker's first file of a language also pays the language's start.
    const starts = !slot.languages.has(task.languageId);
    slot.languages.add(task.languageId);
    const message: LintTask = slot.configs.has(task.configId) ? task : { ...task, config };
    slot.configs.add(task.configId);
    const cost = taskCost(task) + (starts ? startCost : 0);
    slot.load += cost;
    slot.pending.set(task.id, { task, cost, resolve, reject });
    slot.worker.postMessage(message);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}
