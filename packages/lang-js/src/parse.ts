import { createRequire } from 'node:module';
import { htmlCommentSpans, jsComments } from './code-text.js';
import { persistTypeScriptCache, preloadTypeScript } from './code-cache.js';
import { hookConversion } from './deep-convert.js';
import { deepStatement } from './deep-statements.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

type TsParse = typeof import('@typescript-eslint/typescript-estree').parse;
let tsParseImpl: TsParse | undefined;

/**
 * typescript-estree loads the whole TypeScript compiler (about a second of CPU), so it is required
 * on the first parse, not at import: a scan with no JS/TS file (and every worker thread that gets
 * none) never pays for it. The compiler itself is loaded through a V8 code cache (`code-cache.ts`).
 */
function tsParse(...args: Parameters<TsParse>): ReturnType<TsParse> {
  if (!tsParseImpl) {
    preloadTypeScript(import.meta.url);
    tsParseImpl = (createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as { parse: TsParse }).parse;
    hookConversion();
    try {
      return tsParseImpl(...args);
    } finally {
      persistTypeScriptCache();
    }
  }
  return tsParseImpl(...args);
}

export interface RawParseResult {
  ast: TSESTree.Program;
  /** The file's comments: found by `jsComments` when it can, otherwise collected by the parser. */
  comments: ReadonlyArray<{ type: string; value: string; range: [number, number] }>;
  /** Errors as offsets into the text; converted to locations by the source code. */
  errors: Array<{ message: string; offset: number }>;
}

/** Extensions whose files may contain JSX. `.ts`/`.mts`/`.cts` may not (`<T>x` is a type assertion there). */
const JSX_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.tsx']);

/**
 * How many times a syntax error is blanked out before the rest of the file is read as TypeScript's
 * parser recovered it (see `recoveredProgram`).
 */
const MAX_RECOVERIES = 8;
/** How many statements too deep for the parser are blanked out before the file is given up. */
const MAX_DEEP_STATEMENTS = 8;
/** Time spent looking for statements too deep for the parser, after which the file is given up. */
const DEEP_SEARCH_MS = 10_000;

function extensionOf(path: string): string {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? m[0].toLowerCase() : '';
}

function parseOnce(text: string, path: string, asModule: boolean, comment: boolean): TSESTree.Program {
  const ext = asModule ? '.mjs' : extensionOf(path);
  return tsParse(text, {
    range: true,
    loc: true,
    comment,
    tokens: false,
    jsx: JSX_EXTENSIONS.has(ext),
    // A file name that ends in a known extension lets TypeScript pick the right script kind.
    filePath: ext ? `file${ext}` : 'file.ts',
    jsDocParsingMode: 'none',
    loggerFn: false,
    suppressDeprecatedPropertyWarnings: true,
  });
}

/** Replaces every character of [start, end) but line terminators with spaces, so offsets and lines stay valid. */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n\u2028\u2029]/g, ' ') + text.slice(end);
}

/** The 1-based line of an offset (ECMAScript's line terminators). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (const _ of text.slice(0, offset).matchAll(/\r\n?|[\n\u2028\u2029]/g)) line++;
  return line;
}

/**
 * Parses a JS/TS file. typescript-estree stops at the first syntax error, so on an error the line
 * holding it is blanked out (offsets unchanged) and the parse is retried: whatever else parses is
 * still analysed, and every error is reported. After `MAX_RECOVERIES` errors (or one on a line
 * already blank), the rest is read as TypeScript's parser recovered it, with the first error and a
 * note — with no note when that error is the only one (a `}` missing at the end of the file, where
 * no line can be blanked); only when that fails too is the file an empty Program with its first error.
 */
export function parseText(text: string, path: string): RawParseResult {
  const errors: RawParseResult['errors'] = [];
  let current = text;
  // `.js`/`.jsx` may be ES modules without any import/export; parsed as scripts, a top-level
  // `await fetch(u)` would become a call of a function named `await`. Parse them as modules first
  // and fall back to a script parse (sloppy-mode code) when that fails.
  const ext = extensionOf(path);
  const tryModule = (ext === '.js' || ext === '.jsx') && /\bawait\b/.test(text);
  // A script Node runs (`.cjs`, `.js`) may hold HTML-like comments (Annex B: `<!--` anywhere, `-->`
  // first on a line), which TypeScript's parser does not know: they are blanked first.
  if ((ext === '.cjs' || ext === '.js') && (text.includes('<!--') || text.includes('-->'))) {
    const html = htmlCommentSpans(text) ?? [];
    for (let k = 0; k < html.length; k += 2) current = blank(current, html[k], html[k + 1]);
  }
  // Comments from the scanner when it is sure of them (a parser that collects them takes twice as long).
  const scanned = jsComments(text);
  const collect = scanned === undefined;
  const result = (ast: TSESTree.Program): RawParseResult => ({ ast, errors, comments: scanned ?? ast.comments ?? [] });
  let deepStatements = 0;
  let blankLine = false;
  const deepDeadline = Date.now() + DEEP_SEARCH_MS;
  for (let attempt = 0; attempt <= MAX_RECOVERIES; attempt++) {
    try {
      if (tryModule) {
        try {
          return result(parseOnce(current, path, true, collect));
        } catch (error) {
          // not a module: parse as written below (too deep: the same as a script)
          if (error instanceof RangeError) throw error;
        }
      }
      return result(parseOnce(current, path, false, collect));
    } catch (error) {
      if (error instanceof RangeError) {
        // Nesting deeper than the parser's recursion allows: the statement it is in is blanked out
        // (see `deep-statements.ts`), and the rest of the file is parsed.
        const deep = deepStatements < MAX_DEEP_STATEMENTS && Date.now() < deepDeadline ? deepStatement(current, ext, deepDeadline) : undefined;
        if (!deep) {
          return { ast: emptyProgram(text), errors: [{ message: `File is too deeply nested to parse (${error.message})`, offset: 0 }], comments: [] };
        }
        deepStatements++;
        if (deep === 'parses') {
          // (at the edge of the stack: again, as it is)
          attempt--;
          continue;
        }
        const [first, last] = [lineOf(text, deep.start), lineOf(text, Math.max(deep.start, deep.end - 1))];
        const lines = first === last ? `line ${first}` : `lines ${first}-${last}`;
        errors.push({ message: `Nested too deeply to parse (${error.message}): ${lines} not analysed`, offset: deep.start });
        current = blank(current, deep.start, deep.end);
        attempt--;
        continue;
      }
      const e = error as { message?: string; index?: number; location?: { start?: { offset?: number } } };
      const offset = Math.min(Math.max(typeof e.index === 'number' ? e.index : (e.location?.start?.offset ?? 0), 0), text.length);
      errors.push({ message: String(e.message ?? error), offset });
      const [lineStart, lineEnd] = lineAround(current, offset);
      if (lineEnd <= lineStart || !/\S/.test(current.slice(lineStart, lineEnd))) {
        // an error on a blank line (a `}` missing at the end of the file): nothing to blank
        blankLine = true;
        break;
      }
      current = blank(current, lineStart, lineEnd);
    }
  }
  // Recovery gave up: the tree TypeScript's parser made of the text so far, errors and all, so the
  // statements it could read are still analysed. Only the first error is meaningful then (later ones
  // may come from the blanking).
  const recovered = recoveredProgram(current, path, tryModule, collect);
  // One error, where no line can be blanked (`async function f() {` never closed): the tree the
  // parser recovered is the file, read to its end; that error is all there is to say.
  if (recovered && blankLine && errors.length === 1) return { ast: recovered, errors, comments: scanned ?? recovered.comments ?? [] };
  const gaveUp = { message: `Too many syntax errors to recover from: the rest of the file is read as the parser recovered it`, offset: errors.at(-1)?.offset ?? 0 };
  if (recovered) return { ast: recovered, errors: [...errors.slice(0, 1), gaveUp], comments: scanned ?? recovered.comments ?? [] };
  return { ast: emptyProgram(text), errors: errors.slice(0, 1), comments: [] };
}

/** The line of `text` around `offset`, as [start, end) (ECMAScript's line terminators). */
function lineAround(text: string, offset: number): [number, number] {
  let start = offset;
  while (start > 0 && !LINE_TERMINATOR.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && !LINE_TERMINATOR.test(text[end])) end++;
  return [start, end];
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

type UseAtYourOwnRisk = {
  astConverter: (ast: unknown, parseSettings: Record<string, unknown>, shouldPreserveNodeMaps: boolean) => { estree: TSESTree.Program };
  getScriptKind: (filePath: string, jsx: boolean) => unknown;
};

/**
 * The tree TypeScript's parser makes of a text with syntax errors (it recovers from them), converted
 * as typescript-estree converts a valid one, which it refuses to do for such a tree; undefined when
 * that fails too.
 */
function recoveredProgram(text: string, path: string, asModule: boolean, comment: boolean): TSESTree.Program | undefined {
  try {
    const require = createRequire(import.meta.url);
    const estreeMain = require.resolve('@typescript-eslint/typescript-estree');
    const ts = createRequire(estreeMain)('typescript') as typeof import('typescript');
    const { astConverter, getScriptKind } = require('@typescript-eslint/typescript-estree/use-at-your-own-risk') as UseAtYourOwnRisk;
    const ext = asModule ? '.mjs' : extensionOf(path);
    const filePath = ext ? `file${ext}` : 'file.ts';
    const kind = getScriptKind(filePath, JSX_EXTENSIONS.has(ext)) as import('typescript').ScriptKind;
    const tree = ts.createSourceFile(filePath, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, kind);
    (tree as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics = [];
    const settings = { range: true, loc: true, tokens: false, comment, allowInvalidAST: true, errorOnUnknownASTType: false, suppressDeprecatedPropertyWarnings: true };
    return astConverter(tree, settings, false).estree;
  } catch {
    return undefined;
  }
}

export function emptyProgram(text: string): TSESTree.Program {
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  return {
    type: 'Program',
    body: [],
    comments: [],
    tokens: [],
    sourceType: 'module',
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines[lines.length - 1].length } },
  } as unknown as TSESTree.Program;
}
