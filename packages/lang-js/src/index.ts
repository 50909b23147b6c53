import { createHash } from 'node:crypto';
import type { Depth, Language, ParseInput } from '@oculum/core';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { jsCodeText, jsPrefilterText } from './code-text.js';
import { emptyProgram, parseText } from './parse.js';
import { parsePage } from './page-program.js';
import { ProjectModules } from './project-modules.js';
import { isSfcPath, SFC_EXTENSIONS, sfcScripts } from './sfc.js';
import { JsSourceCode } from './source-code.js';

export { JsSourceCode, unwrapExpression, type JsSourceCodeInit, type OptionChoices, type StringBounds } from './source-code.js';
export { literalString, normalizeModule, staticKey, isFunctionNode } from './scope.js';
export { childrenOf, walk } from './walk.js';
import { jsNodeTypes } from './walk.js';
export { persistTypeScriptCache, preloadTypeScript, privateCacheDir } from './code-cache.js';
export { htmlCommentSpans, jsCodeText, jsComments, jsPrefilterText, type JsComment } from './code-text.js';
export { ProjectModules, ModuleResolver, MAX_MODULE_BYTES, MODULE_EXTENSIONS, isRelativeSpecifier, resolveSpecifier, relativeSpecifiers, moduleSpecifiers } from './project-modules.js';
export { PathAliases, parseJsonc, type AliasOptions } from './path-aliases.js';
export { PackageImports, isImportsSpecifier } from './package-imports.js';
export { SFC_EXTENSIONS, isSfcPath, sfcScripts, type PageScript, type ScriptSource, type SfcScripts } from './sfc.js';
export { MAX_SCRIPT_PARSES } from './page-program.js';
export type { ScriptUnit } from './scope.js';
export { ProjectBounds } from './project-root.js';
export type { ImportedValue, ModuleTarget, ModuleExports, ExportSource } from './project-modules.js';
export type { BindingKind, ImportedMember, JsBinding, JsNode, JsScope } from './types.js';
export type { TSESTree } from '@typescript-eslint/typescript-estree';

/** JavaScript and TypeScript files (components and pages, `.vue .svelte .astro .html .htm`, are `SFC_EXTENSIONS`). */
export const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];

/**
 * Parses JS/TS text into a `JsSourceCode` (syntax errors become `parseErrors`; see `parseText`).
 * With `modules`, the answers read the constants the file imports from the project's relative modules.
 * A `.vue`, `.svelte` or `.astro` path is a component, a `.html` / `.htm` path a page: its `<script>`
 * blocks (and an Astro component's frontmatter) are parsed at their offsets in the file (see
 * `sfcScripts`): a Vue or Svelte component's blocks as one program, a page's or an Astro
 * component's scripts each on its own, each module script its own scope (see `parsePage`); the
 * source code's `text` is then the file's text with everything else blanked (same length, same lines).
 */
export function parseJs(text: string, path = 'file.ts', modules?: ProjectModules): JsSourceCode {
  if (isSfcPath(path)) {
    const { code, ext, blocks, problems, scripts, sources: scriptSources } = sfcScripts(text, path);
    // no script block: nothing to parse, nothing to report
    if (blocks.length === 0) return new JsSourceCode({ path, text: code, ast: emptyProgram(code), comments: [], parseErrors: problems, modules, scriptSources });
    if (scripts) {
      // a page's scripts: each parsed alone, each module script its own scope (see `parsePage`)
      const { ast, errors, comments, units } = parsePage(text, code, scripts, path, ext);
      const parseErrors = [...problems, ...errors].sort((a, b) => a.offset - b.offset);
      return new JsSourceCode({ path, text: code, ast, comments, parseErrors, modules, scripts: units, scriptSources });
    }
    const { ast, errors, comments } = parseText(code, `${path}${ext}`);
    const parseErrors = [...problems, ...errors].sort((a, b) => a.offset - b.offset);
    return new JsSourceCode({ path, text: code, ast, comments, parseErrors, modules });
  }
  const { ast, errors, comments } = parseText(text, path);
  return new JsSourceCode({ path, text, ast, comments, parseErrors: errors, modules });
}

/** The code of a file as the prefilter and the import scan read it: a component's script blocks only. */
function scriptText(text: string, path: string | undefined): string {
  return isSfcPath(path) ? sfcScripts(text, path).code : text;
}

/**
 * What the prefilter reads of a file: its code (`jsPrefilterText`); of a component, that of its script
 * blocks, and the whole text as it is besides when the block scanner could not read it through.
 */
function componentPrefilterText(text: string, path: string | undefined): string {
  if (!isSfcPath(path)) return jsPrefilterText(text);
  const { code, problems } = sfcScripts(text, path);
  return problems.length > 0 ? `${text}\n${jsPrefilterText(code)}` : jsPrefilterText(code);
}

/**
 * The project's relative modules, read for their exported constants at `--depth deep` (one table
 * per thread: a module is parsed at most once however many files import it).
 */
let projectModules: ProjectModules | undefined;
function deepModules(): ProjectModules {
  projectModules ??= new ProjectModules((text, file) => parseJs(text, file, projectModules));
  return projectModules;
}

/** The modules for a file parsed at `depth` (at deep, with which files exist checked again). */
function modulesFor(depth: Depth | undefined): ProjectModules | undefined {
  if (depth !== 'deep') return undefined;
  const modules = deepModules();
  modules.refresh();
  return modules;
}

/**
 * Builds the semantic model over a Program another tool already parsed (ESLint's espree or
 * typescript-eslint tree): nothing is parsed twice. The tree needs `range` on every node, and `path`
 * must be the file's path on disk for `depth: 'deep'`, at which the answers read the constants the
 * file imports from the project's relative modules (`import { MODEL_URL } from './config.js'`).
 */
export function createJsSourceCode(init: {
  path: string;
  text: string;
  ast: TSESTree.Program;
  comments?: ReadonlyArray<{ type: string; value: string; range: [number, number] }>;
  depth?: Depth;
}): JsSourceCode {
  const { depth, ...rest } = init;
  return new JsSourceCode({ ...rest, modules: modulesFor(depth) });
}

/** Interpreters whose `#!` line makes a file without an extension JavaScript (see `Language.interpreters`; `node20` takes `node`). */
export const JS_INTERPRETERS: readonly string[] = ['node', 'nodejs', 'zx', 'deno', 'bun', 'tsx', 'ts-node', 'esno', 'jiti'];

/** The `javascript` language: JavaScript and TypeScript, parsed with typescript-estree. */
export const javascript: Language<JsSourceCode> = {
  id: 'javascript',
  extensions: [...JS_EXTENSIONS, ...SFC_EXTENSIONS],
  /**
   * Scripts without an extension whose `#!` line runs JavaScript or TypeScript (`#!/usr/bin/env zx`,
   * `node`, `deno`, `bun`, `tsx`, `ts-node`): read as TypeScript, which takes JavaScript too.
   */
  interpreters: JS_INTERPRETERS,
  nodeTypes: jsNodeTypes,
  /** V8 accepts NUL bytes in comments and strings: a file holding one is still read. */
  readsNul: true,
  // The first parse loads the TypeScript compiler: ~0.25 s, about the work of 512 KiB of Python.
  startCost: 128,
  // Triggers count in code only: a word in a comment (a licence header's URL) costs no parse. A word
  // spelled with escapes (`'@huggingface/transform\u0065rs'`) counts too.
  // A component's or page's markup does not count (`.vue`, `.svelte`, `.astro`, `.html`: its script blocks only), but one the block
  // scanner could not read through (a tag left open) counts whole: a trigger word anywhere in it, in
  // what was not read too, gets it parsed, and the parse error says what was not read.
  prefilterText: (text, path) => componentPrefilterText(text, path),
  // a component or page whose script blocks cannot be found is parsed whatever it holds: the parse
  // says why (a page with no script at all is read through: nothing to parse)
  mustParse: (text, path) => isSfcPath(path) && sfcScripts(text, path).problems.length > 0,
  /**
   * At --depth deep the answers read the constants of the relative, path-aliased and `#` subpath
   * modules a file imports, inside the project (see `ProjectModules`): cached results depend on those
   * files, on those they import in turn, on the `tsconfig.json` / `jsconfig.json` files whose aliases
   * lead there, and on the `package.json` whose `imports` a `#` specifier is looked up in.
   */
  cacheKey({ path, depth }) {
    if (depth !== 'deep') return '';
    const modules = deepModules().importedModules(path, (text, file) => jsCodeText(scriptText(text, file)));
    return modules.length === 0 ? '' : createHash('sha256').update(JSON.stringify(modules)).digest('hex');
  },
  parse(input: ParseInput): JsSourceCode {
    return parseJs(input.text ?? '', input.path, modulesFor(input.depth));
  },
};

export default javascript;
