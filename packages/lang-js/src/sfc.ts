/**
 * Single-file components: the `<script>` blocks of `.vue` and `.svelte` files, read as one JS/TS
 * program at the offsets, lines and columns of the file itself.
 *
 * The file's text keeps its length: every character outside the script blocks (the tags, the
 * `<template>`, the `<style>`, the markup, HTML comments) becomes a space, line terminators kept,
 * and the result is parsed as TypeScript or JavaScript. What a rule reports, a fix's range and an
 * inline directive (`// oculum-ignore…` inside a block) are so at their place in the `.vue` file.
 * Directives written as HTML comments in the markup (`<!-- oculum-ignore -->`) are markup: not read.
 *
 * Which blocks are scripts follows the compilers. Vue (compiler-sfc): top-level `<script>` and
 * `<script setup>`, the `<template>` (nested `<template>` tags counted) and every other top-level block
 * (`<style>`, `<i18n>`, `<docs>`) skipped to its closing tag; a `<template lang="pug">` (any `lang`
 * but `html`) is raw text to the first `</template>`. Svelte: `<script>`, `<script
 * context="module">` and `<script module>` at the top level of the markup, whose elements and blocks
 * are followed (void elements, `/>`, `{…}` expressions, `{#if}` … `{/if}` and the other blocks;
 * elements whose end tag HTML makes optional, `<p>`, `<li>`, `<td>`…, do not count); a `<script>`
 * inside an element (`<svelte:head>`) or a block (`{#if}`, `{#each}`…) is page markup, not the
 * component's code. A block ends at the first `</script` as in HTML, also
 * inside a string (compilers read it so too). `lang="ts"` / `"typescript"` / `"tsx"` / `"jsx"` (or
 * `type="text/typescript"`…) picks the parser; a block in another language (`lang="coffee"`) and a
 * block with `src="./x.ts"` (that file is scanned as itself) are left out. Two blocks are one program,
 * with a `;` at the `>` of the second one's `<script …>` tag (no statement runs on into the next
 * block; see `blockThenGap` for a `//` comment on the line the two share).
 *
 * A scanner, no parse, linear in the text: a tag left open (`<script` without `>`, `<script>` without
 * `</script>`, a `<template>` never closed) ends the scan, with a parse error saying so.
 */

import { jsComments } from './code-text.js';

export const SFC_EXTENSIONS = ['.vue', '.svelte'];

export interface SfcScripts {
  /** The text with everything but the script blocks blanked: same length, same line terminators. */
  code: string;
  /** The extension the code is parsed as: `.ts`, `.tsx`, `.jsx` or `.mjs` (plain JavaScript, an ES module). */
  ext: '.ts' | '.tsx' | '.jsx' | '.mjs';
  /** The blocks read, as [start, end) of their content. */
  blocks: Array<[number, number]>;
  /** What the scanner could not read (an unclosed tag), as offsets into the text. */
  problems: Array<{ message: string; offset: number }>;
}

type Lang = 'ts' | 'tsx' | 'jsx' | 'js';

interface Tag {
  name: string;
  attrs: Map<string, string | true>;
  selfClosing: boolean;
  /** Offset after the tag's `>`. */
  end: number;
}

/** A tag or expression that does not end before the text does. */
const EOF = Symbol('eof');

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command']);
/**
 * Elements whose end tag HTML lets one leave out (`<p>text` then `<div>`): not counted as open in a
 * Svelte component's markup, so that one left open does not hide the top-level `<script>` after it.
 */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rt', 'rp', 'rb', 'rtc', 'html', 'head', 'body']);
const TAG_START = /[A-Za-z]/;
const TAG_NAME = /[A-Za-z][^\s/>]*/y;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;

/** HTML's whitespace, and the other spaces of JavaScript (a tag's attributes are split at them). */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

/** `.vue` or `.svelte` (lower case) when the path ends so, in any case; asked once or twice per JS/TS file: kept cheap. */
export function sfcExtension(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const dot = path.lastIndexOf('.');
  if (dot === -1 || path.length - dot > 7) return undefined;
  const ext = path.slice(dot).toLowerCase();
  return ext === '.vue' || ext === '.svelte' ? ext : undefined;
}

/** Whether a path is a single-file component that `sfcScripts` reads (`.vue`, `.svelte`). */
export function isSfcPath(path: string | undefined): boolean {
  return sfcExtension(path) !== undefined;
}

let last: { text: string; svelte: boolean; result: SfcScripts } | undefined;

/**
 * The script blocks of a `.vue` (default) or `.svelte` file (see the module's comment). The last
 * answer is kept: the prefilter and the parse of one file ask for the same text.
 */
export function sfcScripts(text: string, path?: string): SfcScripts {
  const svelte = sfcExtension(path) === '.svelte';
  if (last && last.text === text && last.svelte === svelte) return last.result;
  const found: Array<{ start: number; end: number; lang: Lang }> = [];
  const problems: SfcScripts['problems'] = [];
  (svelte ? scanSvelte : scanVue)(text, found, problems);
  const blocks = found.map((b) => [b.start, b.end] as [number, number]);
  const result: SfcScripts = { code: blankOutside(text, found), ext: extensionOf(found.map((b) => b.lang)), blocks, problems };
  last = { text, svelte, result };
  return result;
}

function extensionOf(langs: Lang[]): SfcScripts['ext'] {
  const ts = langs.includes('ts') || langs.includes('tsx');
  const jsx = langs.includes('tsx') || langs.includes('jsx');
  return ts ? (jsx ? '.tsx' : '.ts') : jsx ? '.jsx' : '.mjs';
}

/**
 * The text with every character outside `blocks` but line terminators a space, and a `;` between two
 * blocks where no statement of the first reaches it (see `gapAfter`).
 */
function blankOutside(text: string, blocks: Array<{ start: number; end: number }>): string {
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < blocks.length; k++) {
    const { start, end } = blocks[k];
    if (start > at) parts.push(blankRange(text, at, start));
    if (k === blocks.length - 1) {
      parts.push(text.slice(start, end));
      at = end;
    } else {
      const next = blocks[k + 1].start;
      parts.push(...blockThenGap(text, start, end, next));
      at = next;
    }
  }
  if (at < text.length) parts.push(blankRange(text, at, text.length));
  return parts.join('');
}

/**
 * A block that another follows, then the markup between them blanked, with a `;` at the last
 * character of that markup (the `>` of the next `<script …>` tag): no statement runs on into the next
 * block (`foo()` … `(async () => …)()`). Every character keeps its offset. When the markup is all on
 * one line (`…</script><script setup>…`) and the block ends in a `//` comment, that comment would
 * swallow the `;` and the next block's first line: it becomes `/* … *\/` (closed in the blanked
 * `</script>`), or spaces when it holds a `*\/` itself.
 */
function blockThenGap(text: string, start: number, end: number, next: number): string[] {
  let code = text.slice(start, end);
  let gap = `${blankRange(text, end, next - 1)};`;
  if (!hasLineTerminator(text, end, next)) {
    const comment = trailingLineComment(text, start, end);
    if (comment !== undefined) {
      const body = text.slice(comment + 2, end);
      const at = comment - start;
      if (body.includes('*/')) code = code.slice(0, at) + ' '.repeat(end - comment);
      else {
        code = `${code.slice(0, at)}/*${body}`;
        gap = `*/${gap.slice(2)}`;
      }
    }
  }
  return [code, gap];
}

/** The offset of the `//` of a line comment that runs to the end of the block [start, end), if any. */
function trailingLineComment(text: string, start: number, end: number): number | undefined {
  let lineStart = end;
  while (lineStart > start && !isLineTerminator(text.charCodeAt(lineStart - 1))) lineStart--;
  if (!text.slice(lineStart, end).includes('//')) return undefined;
  // (the scanner tells a comment from `'http://…'`; unsure of the block, JSX say: left as it is)
  const comments = jsComments(text.slice(start, end));
  const last = comments?.[comments.length - 1];
  return last && last.type === 'Line' && start + last.range[1] === end ? start + last.range[0] : undefined;
}

function hasLineTerminator(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isLineTerminator(text.charCodeAt(i))) return true;
  return false;
}

function blankRange(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^\r\n\u2028\u2029]+/g, (run) => ' '.repeat(run.length));
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** The language of a `<script>` tag's content; undefined when it is not JS/TS or not inline. */
function scriptLang(tag: Tag): Lang | undefined {
  if (tag.attrs.has('src')) return undefined;
  const lang = tag.attrs.get('lang');
  const type = tag.attrs.get('type');
  if (lang !== undefined) {
    const value = lang === true ? '' : lang.trim().toLowerCase();
    if (value === 'ts' || value === 'typescript' || value === 'mts' || value === 'cts') return 'ts';
    if (value === 'tsx') return 'tsx';
    if (value === 'jsx') return 'jsx';
    if (value === '' || value === 'js' || value === 'javascript' || value === 'mjs' || value === 'cjs') return 'js';
    return undefined;
  }
  if (type !== undefined) {
    const value = type === true ? '' : type.trim().toLowerCase();
    if (value === 'ts' || value === 'typescript' || value === 'text/typescript' || value === 'application/typescript') return 'ts';
    if (value === '' || value === 'module' || value === 'text/javascript' || value === 'application/javascript' || value === 'javascript' || value === 'text/ecmascript' || value === 'application/ecmascript') return 'js';
    return undefined;
  }
  return 'js';
}

/**
 * Reads the tag that starts at `at` (`<` then a letter): its name, its attributes and where it ends.
 * With `braces` (Svelte), `{…}` in attributes is an expression (`on:click={() => a > b}`).
 */
function readTag(text: string, at: number, braces: boolean): Tag | typeof EOF {
  TAG_NAME.lastIndex = at + 1;
  const m = TAG_NAME.exec(text);
  const name = m ? m[0].toLowerCase() : '';
  let i = at + 1 + (m ? m[0].length : 0);
  const attrs = new Map<string, string | true>();
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === GT) return { name, attrs, selfClosing: false, end: i + 1 };
    if (c === SLASH) {
      if (text.charCodeAt(i + 1) === GT) return { name, attrs, selfClosing: true, end: i + 2 };
      i++;
      continue;
    }
    if (braces && c === LBRACE) {
      const e = skipExpression(text, i);
      if (e === EOF) return EOF;
      i = e;
      continue;
    }
    // an attribute name, then maybe `= value` (a quote where a name starts is part of the name: `<div "x">`)
    const nameStart = i;
    for (let d = c; i < n && !isSpace(d) && d !== EQ && d !== GT && d !== SLASH && !(braces && d === LBRACE); d = text.charCodeAt(++i));
    if (i === nameStart) i++;
    const attr = text.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== EQ) {
      if (!attrs.has(attr)) attrs.set(attr, true);
      continue;
    }
    j++;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (j >= n) return EOF;
    const q = text.charCodeAt(j);
    if (q === DQUOTE || q === SQUOTE) {
      let k = j + 1;
      if (braces) {
        while (k < n && text.charCodeAt(k) !== q) {
          if (text.charCodeAt(k) === LBRACE) {
            const e = skipExpression(text, k);
            if (e === EOF) return EOF;
            k = e;
          } else k++;
        }
      } else {
        k = text.indexOf(q === DQUOTE ? '"' : "'", k);
        if (k === -1) k = n;
      }
      if (k >= n) return EOF;
      if (!attrs.has(attr)) attrs.set(attr, text.slice(j + 1, k));
      i = k + 1;
    } else if (braces && q === LBRACE) {
      const e = skipExpression(text, j);
      if (e === EOF) return EOF;
      if (!attrs.has(attr)) attrs.set(attr, text.slice(j, e));
      i = e;
    } else {
      let k = j;
      while (k < n && !isSpace(text.charCodeAt(k)) && text.charCodeAt(k) !== GT) k++;
      if (!attrs.has(attr)) attrs.set(attr, text.slice(j, k));
      i = k;
    }
  }
  return EOF;
}

/** The offset after the `}` that closes the `{` at `at` (strings skipped), or EOF. */
function skipExpression(text: string, at: number): number | typeof EOF {
  let depth = 0;
  const n = text.length;
  for (let i = at; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LBRACE) depth++;
    else if (c === RBRACE) {
      if (--depth === 0) return i + 1;
    } else if (c === DQUOTE || c === SQUOTE || c === BACKTICK) {
      let k = i + 1;
      while (k < n && text.charCodeAt(k) !== c) k += text.charCodeAt(k) === BACKSLASH ? 2 : 1;
      if (k >= n) return EOF;
      i = k;
    }
  }
  return EOF;
}

/** Where the raw text of an element named `name` that starts at `from` ends: [offset of `</name`, offset after its `>`]; undefined when never closed. */
const closingPatterns = new Map<string, RegExp>();
function closingTag(text: string, name: string, from: number): [number, number] | undefined {
  let pattern = closingPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s/>]|$)`, 'gi');
    // (the names of a hostile file's tags are not all kept)
    if (closingPatterns.size < 64) closingPatterns.set(name, pattern);
  }
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  if (!m) return undefined;
  const gt = text.indexOf('>', m.index);
  return [m.index, gt === -1 ? text.length : gt + 1];
}

function scriptBlock(text: string, tag: Tag, tagStart: number, found: Array<{ start: number; end: number; lang: Lang }>, problems: SfcScripts['problems']): number {
  const close = closingTag(text, 'script', tag.end);
  const lang = scriptLang(tag);
  if (!close) {
    if (lang) {
      found.push({ start: tag.end, end: text.length, lang });
      problems.push({ message: 'This <script> has no </script>: read to the end of the file', offset: tagStart });
    }
    return text.length;
  }
  if (lang) found.push({ start: tag.end, end: close[0], lang });
  return close[1];
}

function unclosedTag(text: string, at: number, problems: SfcScripts['problems']): void {
  TAG_NAME.lastIndex = at + 1;
  const name = TAG_NAME.exec(text)?.[0] ?? '';
  problems.push({ message: `The tag <${name}> does not end (no \`>\`): the rest of the file is not read`, offset: at });
}

/**
 * What the `<` at `at` starts, for both scanners: an HTML comment or a `<` that starts no tag (the
 * offset to go on from), an end tag (`close`: its name, lower case; `end`: after its `>`), a start
 * tag, or nothing more to read (`undefined`: a comment or tag that does not end, the problem noted).
 */
function markupAt(text: string, at: number, braces: boolean, problems: SfcScripts['problems']): number | { close: string | undefined; end: number } | Tag | undefined {
  if (text.startsWith('<!--', at)) {
    const e = text.indexOf('-->', at + 4);
    return e === -1 ? undefined : e + 3;
  }
  if (text[at + 1] === '/') {
    TAG_NAME.lastIndex = at + 2;
    const close = TAG_NAME.exec(text)?.[0].toLowerCase();
    const e = text.indexOf('>', at);
    return e === -1 ? undefined : { close, end: e + 1 };
  }
  if (!TAG_START.test(text[at + 1] ?? '')) return at + 1;
  const tag = readTag(text, at, braces);
  if (tag !== EOF) return tag;
  unclosedTag(text, at, problems);
  return undefined;
}

function scanVue(text: string, found: Array<{ start: number; end: number; lang: Lang }>, problems: SfcScripts['problems']): void {
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const i = text.indexOf('<', pos);
    if (i === -1) return;
    const tag = markupAt(text, i, false, problems);
    if (tag === undefined) return;
    if (typeof tag === 'number' || 'close' in tag || tag.selfClosing) {
      pos = typeof tag === 'number' ? tag : tag.end;
      continue;
    }
    const lang = tag.attrs.get('lang');
    if (tag.name === 'script') {
      pos = scriptBlock(text, tag, i, found, problems);
    } else if (tag.name === 'template' && (lang === undefined || lang === true || lang === 'html')) {
      const end = templateEnd(text, tag.end);
      if (end === undefined) {
        problems.push({ message: 'This <template> has no </template>: the rest of the file is not read', offset: i });
        return;
      }
      pos = end;
    } else {
      // `<style>`, custom blocks, a template in another language (`lang="pug"`, raw text to the
      // first `</template>` as compiler-sfc reads it): raw text to the closing tag
      const close = closingTag(text, tag.name, tag.end);
      if (!close) {
        problems.push({ message: `This <${tag.name}> has no </${tag.name}>: the rest of the file is not read`, offset: i });
        return;
      }
      pos = close[1];
    }
  }
}

/**
 * The offset after the `</template>` that closes a top-level template whose content starts at `from`:
 * its tags are read (a `<template>` in an attribute value or a `{{ a<b }}` interpolation is not one),
 * nested templates counted, and `<script>` / `<style>` in it are raw text to their closing tag.
 */
function templateEnd(text: string, from: number): number | undefined {
  const pattern = /<!--|\{\{|<(\/?)[A-Za-z]/g;
  pattern.lastIndex = from;
  let depth = 1;
  // What is known not to occur after some point: not looked for again (each look would go to the end).
  let noMoreBraces = false;
  const unclosed = new Set<string>();
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === '<!--') {
      const e = text.indexOf('-->', m.index + 4);
      if (e === -1) return undefined;
      pattern.lastIndex = e + 3;
    } else if (m[0] === '{{') {
      if (noMoreBraces) continue;
      const e = text.indexOf('}}', m.index + 2);
      // (not closed: text)
      if (e === -1) noMoreBraces = true;
      else pattern.lastIndex = e + 2;
    } else if (m[1]) {
      TAG_NAME.lastIndex = m.index + 2;
      const name = TAG_NAME.exec(text)?.[0].toLowerCase();
      const gt = text.indexOf('>', m.index);
      if (gt === -1) return undefined;
      if (name === 'template' && --depth === 0) return gt + 1;
      pattern.lastIndex = gt + 1;
    } else {
      const tag = readTag(text, m.index, false);
      if (tag === EOF) return undefined;
      pattern.lastIndex = tag.end;
      if (tag.selfClosing) continue;
      if (tag.name === 'template') depth++;
      else if ((tag.name === 'script' || tag.name === 'style' || tag.name === 'textarea') && !unclosed.has(tag.name)) {
        const close = closingTag(text, tag.name, tag.end);
        if (close) pattern.lastIndex = close[1];
        else unclosed.add(tag.name);
      }
    }
  }
  return undefined;
}

/** `{#if …}`, `{#each …}`… (a block opens) or `{/if}` (one closes): the name the block is counted under (`{if`). */
const BLOCK_NAME = /[A-Za-z]+/y;
function svelteBlock(text: string, at: number): { name: string; opens: boolean } | undefined {
  // Svelte's parser allows blanks around the sigil and the name (`{ #if x }`, `{ /if}`)
  let i = at + 1;
  while (i < text.length && /\s/.test(text[i])) i++;
  const c = text[i];
  if (c !== '#' && c !== '/') return undefined;
  i++;
  while (i < text.length && /\s/.test(text[i])) i++;
  BLOCK_NAME.lastIndex = i;
  const word = BLOCK_NAME.exec(text)?.[0];
  return word === undefined ? undefined : { name: `{${word.toLowerCase()}`, opens: c === '#' };
}

function scanSvelte(text: string, found: Array<{ start: number; end: number; lang: Lang }>, problems: SfcScripts['problems']): void {
  // the elements and blocks (`{#if}`: its name `{if`) open, and how many of each name (a stray
  // `</b>` or `{/if}` costs no search of the stack)
  const open: string[] = [];
  const openCount = new Map<string, number>();
  const enter = (name: string) => {
    open.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  // closes the elements and blocks opened inside it too (`<p>` left open)
  const leave = (name: string) => {
    if ((openCount.get(name) ?? 0) === 0) return;
    for (let top = open.pop(); top !== undefined; top = open.pop()) {
      openCount.set(top, openCount.get(top)! - 1);
      if (top === name) break;
    }
  };
  let next = /[<{]/g;
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    next.lastIndex = pos;
    const m = next.exec(text);
    if (!m) return;
    const i = m.index;
    if (text[i] === '{') {
      // `{expression}`, `{#if …}`: its `<` are not tags. One that does not end (a quote in a
      // comment, say) is text, and so is every `{` after it (each would look to the end again).
      const e = skipExpression(text, i);
      if (e === EOF) {
        next = /</g;
        pos = i + 1;
        continue;
      }
      // a `<script>` inside `{#if}`, `{#each}`, `{#await}`, `{#key}`, `{#snippet}` is markup, as in an element
      const block = svelteBlock(text, i);
      if (block?.opens) enter(block.name);
      else if (block) leave(block.name);
      pos = e;
      continue;
    }
    const tag = markupAt(text, i, true, problems);
    if (tag === undefined) return;
    if (typeof tag === 'number') {
      pos = tag;
      continue;
    }
    pos = tag.end;
    if ('close' in tag) {
      if (tag.close !== undefined) leave(tag.close);
      continue;
    }
    if (tag.selfClosing || VOID_ELEMENTS.has(tag.name) || OPTIONAL_END.has(tag.name)) continue;
    if (tag.name === 'script') {
      if (open.length === 0) pos = scriptBlock(text, tag, i, found, problems);
      else pos = closingTag(text, 'script', tag.end)?.[1] ?? n;
    } else if (tag.name === 'style' || tag.name === 'textarea') {
      const close = closingTag(text, tag.name, tag.end);
      if (!close) {
        problems.push({ message: `This <${tag.name}> has no </${tag.name}>: the rest of the file is not read`, offset: i });
        return;
      }
      pos = close[1];
    } else enter(tag.name);
  }
}
