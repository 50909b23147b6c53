/**
 * The program of an HTML page or an Astro component: each script parsed on its own, as the browser
 * (or Astro's bundler) reads it, and the statements of all of them one Program at the offsets, lines
 * and columns of the file.
 *
 * A script is parsed alone (its text only, then every node's `range` and `loc` moved to its place
 * in the file): a syntax error in one script is reported in it and does not run on into the next one
 * (a `}` missing at the end of a script is said there, not at the end of the page), a module script is
 * parsed as a module and a classic one as a script, and each one's own language (`.ts`, `.jsx`…)
 * picks its parser. Which names each script sees is the scope analysis's work (`ScriptUnit`).
 *
 * A page of more than `MAX_SCRIPT_PARSES` scripts with code (a generated or hostile page: each parse
 * costs a fixed part) is parsed as one program, as a Vue component's blocks are (see `sfc.ts`); its
 * scopes are still split by script.
 */

import { lastAtOrBefore } from '@oculum/core';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseText, type RawParseResult } from './parse.js';
import type { ScriptUnit } from './scope.js';
import type { PageScript } from './sfc.js';

/** Past this many scripts with code, a page is parsed as one program (see above). */
export const MAX_SCRIPT_PARSES = 256;

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;
const NOT_CHILD = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

/**
 * Parses the scripts of a page: `text` is the file's text, `code` the same with everything but the
 * scripts blanked (`sfcScripts`), `ext` what the whole of `code` would be parsed as. Errors are
 * offsets into the file.
 */
export function parsePage(text: string, code: string, scripts: readonly PageScript[], path: string, ext: string): RawParseResult & { units: ScriptUnit[] } {
  const units = scripts.map((s) => ({ start: s.start, end: s.end, module: s.module }));
  const withCode = scripts.filter((s) => /\S/.test(text.slice(s.start, s.end)));
  if (withCode.length > MAX_SCRIPT_PARSES) return { ...parseText(code, `${path}${ext}`), units };
  const lineStarts = [0];
  for (const m of code.matchAll(LINE_BREAK)) lineStarts.push(m.index! + m[0].length);
  const position = (offset: number): TSESTree.Position => {
    const line = lastAtOrBefore(lineStarts, offset);
    return { line: line + 1, column: offset - lineStarts[line] };
  };
  const body: TSESTree.ProgramStatement[] = [];
  const comments: Array<{ type: string; value: string; range: [number, number] }> = [];
  const errors: RawParseResult['errors'] = [];
  for (const script of withCode) {
    const content = text.slice(script.start, script.end);
    const parsed = parseText(content, `${path}${script.ext}`);
    const shift = script.start;
    moveTree(parsed.ast.body, shift, position);
    body.push(...parsed.ast.body);
    for (const c of parsed.comments) comments.push({ type: c.type, value: c.value, range: [c.range[0] + shift, c.range[1] + shift] });
    // an error past the script's last code (a `}` missing): right after that code, in the script
    const codeEnd = content.trimEnd().length;
    for (const e of parsed.errors) errors.push({ message: e.message, offset: shift + Math.min(e.offset, codeEnd) });
  }
  const ast = {
    type: 'Program',
    body,
    comments,
    tokens: [],
    sourceType: scripts.some((s) => s.module) ? 'module' : 'script',
    range: [0, code.length],
    loc: { start: { line: 1, column: 0 }, end: position(code.length) },
  } as unknown as TSESTree.Program;
  return { ast, comments, errors, units };
}

/**
 * Moves every node below `roots` by `shift` characters: its `range`, and its `loc` worked out again
 * from it. Iterative (a tree may be thousands of levels deep); a node reached twice is moved once.
 */
function moveTree(roots: readonly TSESTree.Node[], shift: number, position: (offset: number) => TSESTree.Position): void {
  if (shift === 0) return;
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const node = value as Record<string, unknown>;
    if (typeof node.type !== 'string' || seen.has(node)) continue;
    seen.add(node);
    const range = node.range as [number, number] | undefined;
    if (Array.isArray(range)) {
      const moved: [number, number] = [range[0] + shift, range[1] + shift];
      node.range = moved;
      node.loc = { start: position(moved[0]), end: position(moved[1]) };
    }
    for (const key in node) {
      if (NOT_CHILD.has(key)) continue;
      const child = node[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}
