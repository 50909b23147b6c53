/**
 * Counters of the work an analysis does, for tests that bound work instead of timing it.
 */
import type * as fs from 'node:fs';
import { vi } from 'vitest';

// The file system work of a question: calls of `node:fs` (reads, stats, real paths) and the characters read, counted
// while `ioBy` runs.
const io = { counting: false, calls: 0, chars: 0 };

/**
 * `node:fs` with its reads, stats and real paths counted while `ioBy` runs. A test file that uses `ioBy` mocks
 * `node:fs` with it, before its imports (a `vi.mock` factory may not use an imported name, hence the `import()`):
 *
 *     vi.mock('node:fs', async (importOriginal) => (await import('./work-counters.js')).countingFs(await importOriginal()));
 */
export function countingFs(real: typeof fs): Record<string, unknown> {
  const counted =
    <F extends (...a: never[]) => unknown>(f: F) =>
    (...a: Parameters<F>): ReturnType<F> => {
      const out = f(...a) as ReturnType<F>;
      if (io.counting) {
        io.calls++;
        if (typeof out === 'string') io.chars += out.length;
      }
      return out;
    };
  const wrapped = { ...real, readFileSync: counted(real.readFileSync), statSync: counted(real.statSync), lstatSync: counted(real.lstatSync), realpathSync: Object.assign(counted(real.realpathSync), { native: counted(real.realpathSync.native) }) };
  return { ...wrapped, default: wrapped };
}

/** The `node:fs` calls and the characters read (and given to `JSON.parse`) while `run` runs. */
export function ioBy(run: () => void): { calls: number; chars: number; parsed: number } {
  let parsed = 0;
  const parse = JSON.parse;
  const spy = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    parsed += String(text).length;
    return parse(text, reviver);
  });
  Object.assign(io, { counting: true, calls: 0, chars: 0 });
  try {
    run();
  } finally {
    io.counting = false;
    spy.mockRestore();
  }
  return { calls: io.calls, chars: io.chars, parsed };
}

/**
 * The characters the string scans read while `run` runs: every pattern run (`RegExp.prototype.exec`, which `test`,
 * `replace`, `match` and `split` go through) from where it starts to where it matched or to the end (a sticky one that
 * fails: one), every `indexOf` the same way, and one per `charCodeAt`. A deterministic count of the scanning work.
 */
export function charactersScannedBy(run: () => void): number {
  const { exec } = RegExp.prototype;
  const { indexOf, charCodeAt } = String.prototype;
  let scanned = 0;
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = exec.call(this, s);
    scanned += m ? m.index + m[0].length - from : this.sticky ? 1 : String(s).length - from;
    return m;
  };
  String.prototype.indexOf = function (this: string, search: string, position?: number) {
    const from = Math.max(0, Math.trunc(position ?? 0));
    const at = indexOf.call(this, search, position);
    scanned += (at === -1 ? this.length : at + String(search).length) - Math.min(from, this.length);
    return at;
  };
  String.prototype.charCodeAt = function (this: string, i: number) {
    scanned++;
    return charCodeAt.call(this, i);
  };
  try {
    run();
  } finally {
    RegExp.prototype.exec = exec;
    String.prototype.indexOf = indexOf;
    String.prototype.charCodeAt = charCodeAt;
  }
  return scanned;
}

/**
 * The method calls `sc` makes while `run` runs, its own and those it makes of itself (each method of its class
 * wrapped on the instance with a counter, removed after): a deterministic count of the analysis' steps. Past
 * `limit` calls (if given) it throws, so that a walk that doubles at each level fails at once instead of running
 * for hours.
 */
export function methodCallsBy(sc: object, run: () => void, limit = Infinity): number {
  let calls = 0;
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(sc); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name)!;
      if (name !== 'constructor' && typeof d.value === 'function' && !Object.hasOwn(sc, name)) names.add(name);
    }
  }
  const own = sc as Record<string, unknown>;
  for (const name of names) {
    const method = own[name] as (...a: unknown[]) => unknown;
    own[name] = function (this: unknown, ...a: unknown[]) {
      if (++calls > limit) throw new Error(`more than ${limit} method calls`);
      return method.apply(this, a);
    };
  }
  try {
    run();
  } finally {
    for (const name of names) delete own[name];
  }
  return calls;
}
