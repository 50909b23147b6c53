import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language as TsLanguage, Parser, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let initPromise: Promise<void> | undefined;
let parser: Parser | undefined;
let language: TsLanguage | undefined;

/**
 * Absolute path of the Python grammar: the copy of `tree-sitter-python`'s `.wasm` built into this
 * package's `dist` (what an installed package has), or the devDependency's own (tests run from source).
 */
export function grammarWasmPath(): string {
  const bundled = fileURLToPath(new URL('./tree-sitter-python.wasm', import.meta.url));
  return existsSync(bundled) ? bundled : require.resolve('tree-sitter-python/tree-sitter-python.wasm');
}

/** Absolute path of web-tree-sitter's own runtime `.wasm`. */
function runtimeWasmPath(): string {
  return require.resolve('web-tree-sitter/web-tree-sitter.wasm');
}

/**
 * Loads the web-tree-sitter runtime and the Python grammar, once per thread (module instance).
 * Safe to call many times and concurrently.
 */
export function initParser(): Promise<void> {
  if (!initPromise) {
    initPromise = (async () => {
      const runtime = runtimeWasmPath();
      const module: Record<string, unknown> = { locateFile: () => runtime };
      await Parser.init(module);
      fastMemoryAccess(module);
      language = await TsLanguage.load(grammarWasmPath());
      parser = new Parser();
      parser.setLanguage(language);
    })();
    initPromise.catch(() => {
      initPromise = undefined;
    });
  }
  return initPromise;
}

let memoryAccess: 'direct' | 'generic' = 'generic';

/** How node data crosses into Wasm: `direct` once `initParser` has put the fast accessors in place. */
export function parserMemoryAccess(): 'direct' | 'generic' {
  return memoryAccess;
}

/**
 * web-tree-sitter passes every node to and from Wasm through `setValue`/`getValue` of its Emscripten
 * module (the options object given to `Parser.init` becomes that module): generic helpers that
 * look at a type string and go through a DataView. For the `i32` values nodes are made of, these
 * read and write the module's current Int32Array view directly (little-endian hosts only; other
 * types go to the originals).
 */
function fastMemoryAccess(module: Record<string, unknown>): void {
  const { setValue, getValue } = module as { setValue?: unknown; getValue?: unknown };
  if (typeof setValue !== 'function' || typeof getValue !== 'function' || !(module.HEAP32 instanceof Int32Array)) return;
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) return;
  memoryAccess = 'direct';
  const set = setValue as (ptr: number, value: number, type?: string) => void;
  const get = getValue as (ptr: number, type?: string) => number;
  module.setValue = (ptr: number, value: number, type?: string): void => {
    if (type === 'i32' && (ptr & 3) === 0) (module.HEAP32 as Int32Array)[ptr >> 2] = value;
    else set(ptr, value, type);
  };
  module.getValue = (ptr: number, type?: string): number => {
    if (type === 'i32' && (ptr & 3) === 0) return (module.HEAP32 as Int32Array)[ptr >> 2];
    return get(ptr, type);
  };
}

/** True once `initParser()` has completed in this thread. */
export function isParserReady(): boolean {
  return parser !== undefined;
}

/**
 * Default parse budget: 5 s plus 5 ms per KiB of text (a 2 MiB file gets 15 s; real files parse at
 * ~15 MB/s). Only pathological inputs (hostile error-recovery blow-ups) come near it.
 */
export function defaultParseTimeout(text: string): number {
  return 5_000 + Math.ceil(text.length / 1024) * 5;
}

/**
 * A monotonic clock in milliseconds. `process.hrtime`, not `performance.now()`: the global
 * `performance` loads `perf_hooks` on first use, which a worker thread needs for nothing else.
 */
function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}

/** Parses Python text with the shared parser. `initParser()` must have completed. */
export function parseTree(text: string, timeoutMs = defaultParseTimeout(text)): Tree {
  if (!parser) throw new Error('@oculum/lang-python: call `python.init()` (or `initParser()`) before parsing');
  const levels = indentationLevels(text);
  if (levels > MAX_INDENTATION_LEVELS) {
    throw new Error(`${levels} nested indentation levels, more than the parser can take (${MAX_INDENTATION_LEVELS}; Python itself stops at 100): the file was not scanned`);
  }
  const started = monotonicMs();
  const deadline = started + timeoutMs;
  let cancelled = false;
  let calls = 0;
  let tree: Tree | null;
  try {
    tree = parser.parse(text, null, {
      // Called every ~100 parser operations: the clock is read every 64th call.
      progressCallback: () => ((++calls & 63) === 0 ? (cancelled = monotonicMs() > deadline) : cancelled),
    });
  } catch (error) {
    // A trap inside the Wasm parser ("memory access out of bounds" on hundreds of nested blocks)
    // leaves the parser's state broken: every later file of this thread would parse wrong. Start
    // a fresh one; only this file goes unscanned.
    resetParser();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the Python parser failed on this file (${reason}), so it was not scanned; nesting deeper than Python itself allows (100 indentation levels) causes this`);
  }
  if (!tree) {
    parser.reset();
    // The budget is only checked between parser steps: the time actually spent may be well past it.
    if (cancelled) throw new Error(`Python parse cancelled after ${Math.round(monotonicMs() - started)} ms, over its ${timeoutMs} ms budget (pathological input)`);
    throw new Error('@oculum/lang-python: tree-sitter returned no tree');
  }
  return tree;
}

/**
 * Nested indentation levels the parser is given at most. Past ~510 nested blocks tree-sitter's Wasm
 * traps ("memory access out of bounds") and its heap is left damaged; CPython refuses more than 100
 * (`IndentationError: too many levels of indentation`), so no valid file comes near.
 */
export const MAX_INDENTATION_LEVELS = 400;

/**
 * The deepest stack of indentation levels in the text, counted over the leading whitespace of its
 * non-blank lines as Python's tokenizer counts them (a tab to the next multiple of 8). Lines inside
 * brackets and strings count too: an upper bound.
 */
export function indentationLevels(text: string): number {
  const stack: number[] = [0];
  let max = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let width = 0;
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9 || c === 12) {
      width = c === 9 ? (width & ~7) + 8 : c === 32 ? width + 1 : 0;
      c = text.charCodeAt(++i);
    }
    if (i < n && c !== 10 && c !== 13 && c !== 35) {
      while (width < stack[stack.length - 1]) stack.pop();
      if (width > stack[stack.length - 1]) {
        stack.push(width);
        if (stack.length - 1 > max) max = stack.length - 1;
      }
    }
    const next = text.indexOf('\n', i);
    if (next < 0) break;
    i = next + 1;
  }
  return max;
}

/** Replaces the thread's parser with a new one (the grammar stays loaded). */
function resetParser(): void {
  try {
    parser?.delete();
  } catch {
    // a parser broken by a trap may fail to free itself: dropped all the same
  }
  parser = new Parser();
  parser.setLanguage(language!);
}

let namedTypeList: string[] | undefined;
let ambiguousTypeSet: Set<string> | undefined;

/** Every visible named node type of the grammar (`ERROR` excluded: see `traverse`). */
export function namedNodeTypes(): string[] {
  if (!namedTypeList) computeTypeTables();
  return namedTypeList!;
}

/** Type names used by both a named node and an anonymous token (`lambda`, `yield`, …). */
export function ambiguousNodeTypes(): ReadonlySet<string> {
  if (!ambiguousTypeSet) computeTypeTables();
  return ambiguousTypeSet!;
}

function computeTypeTables(): void {
  const lang = treeSitterLanguage();
  const named = new Set<string>();
  const anonymous = new Set<string>();
  for (let id = 0; id < lang.nodeTypeCount; id++) {
    const type = lang.nodeTypeForId(id);
    if (!type || !lang.nodeTypeIsVisible(id)) continue;
    if (lang.nodeTypeIsNamed(id)) named.add(type);
    else anonymous.add(type);
  }
  namedTypeList = [...named];
  ambiguousTypeSet = new Set([...named].filter((t) => anonymous.has(t)));
}

/** The loaded tree-sitter Language object (after init). */
export function treeSitterLanguage(): TsLanguage {
  if (!language) throw new Error('@oculum/lang-python: parser not initialised');
  return language;
}
