import { createRequire } from 'node:module';
import { Language as TsLanguage, Parser, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let initPromise: Promise<void> | undefined;
let parser: Parser | undefined;
let language: TsLanguage | undefined;

/** Absolute path of the Python grammar shipped by `tree-sitter-python`. */
export function grammarWasmPath(): string {
  return require.resolve('tree-sitter-python/tree-sitter-python.wasm');
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
      await Parser.init({ locateFile: () => runtime });
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

/** True once `initParser()` has completed in this thread. */
export function isParserReady(): boolean {
  return parser !== undefined;
}

/** Parses Python text with the shared parser. `initParser()` must have completed. */
export function parseTree(text: string): Tree {
  if (!parser) throw new Error('@oculum/lang-python: call `python.init()` (or `initParser()`) before parsing');
  const tree = parser.parse(text);
  if (!tree) throw new Error('@oculum/lang-python: tree-sitter returned no tree');
  return tree;
}

/** The loaded tree-sitter Language object (after init). */
export function treeSitterLanguage(): TsLanguage {
  if (!language) throw new Error('@oculum/lang-python: parser not initialised');
  return language;
}
