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
 * (`<style>`, `<i18n>`, `<docs>`) skipped to its closing tag. Svelte: `<script>`, `<script
 * context="module">` and `<script module>` at the top level of the markup, whose elements are
 * followed (void elements, `/>`, `{…}` expressions; elements whose end tag HTML makes optional, `<p>`,
 * `<li>`, `<td>`…, do not count); a `<script>` inside an element (`<svelte:head>`) is page markup, not
 * the component's code. A block ends at the first `</script` as in HTML, also
 * inside a string (compilers read it so too). `lang="ts"` / `"typescript"` / `"tsx"` / `"jsx"` (or
 * `type="text/typescript"`…) picks the parser; a block in another language (`lang="coffee"`) and a
 * block with `src="./x.ts"` (that file is scanned as itself) are left out. Two blocks are one program,
 * with a `;` where the first one's `</script>` was (no statement runs on into the next block).
 *
 * A scanner, no parse, linear in the text: a tag left open (`<script` without `>`, `<script>` without
 * `</script>`, a `<template>` never closed) ends the scan, with a parse error saying so.
 */

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

/** The text with every character outside `blocks` but line terminators a space; `;` at a block's end when another follows. */
function blankOutside(text: string, blocks: Array<{ start: number; end: number }>): string {
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < blocks.length; k++) {
    const { start, end } = blocks[k];
    if (start > at) parts.push(blankRange(text, at, start));
    parts.push(text.slice(start, end));
    at = end;
    // A statement must not run on into the next block (`foo()` … `(async () => …)()`).
    if (k < blocks.length - 1 && at < text.length && !isLineTerminator(text.charCodeAt(at))) {
      parts.push(';');
      at++;
    }
  }
  if (at < text.length) parts.push(blankRange(text, at, text.length));
  return parts.join('');
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

function scanVue(text: string, found: Array<{ start: number; end: number; lang: Lang }>, problems: SfcScripts['problems']): void {
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const i = text.indexOf('<', pos);
    if (i === -1) return;
    if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      if (e === -1) return;
      pos = e + 3;
      continue;
    }
    if (text[i + 1] === '/') {
      const e = text.indexOf('>', i);
      if (e === -1) return;
      pos = e + 1;
      continue;
    }
    if (!TAG_START.test(text[i + 1] ?? '')) {
      pos = i + 1;
      continue;
    }
    const tag = readTag(text, i, false);
    if (tag === EOF) return unclosedTag(text, i, problems);
    if (tag.selfClosing) {
      pos = tag.end;
      continue;
    }
    if (tag.name === 'script') {
      pos = scriptBlock(text, tag, i, found, problems);
    } else if (tag.name === 'template') {
      const end = templateEnd(text, tag.end);
      if (end === undefined) {
        problems.push({ message: 'This <template> has no </template>: the rest of the file is not read', offset: i });
        return;
      }
      pos = end;
    } else {
      // `<style>`, custom blocks: raw text to the closing tag
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

function scanSvelte(text: string, found: Array<{ start: number; end: number; lang: Lang }>, problems: SfcScripts['problems']): void {
  // the elements open, and how many of each name (a stray `</b>` costs no search of the stack)
  const open: string[] = [];
  const openCount = new Map<string, number>();
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
      } else pos = e;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      if (e === -1) return;
      pos = e + 3;
      continue;
    }
    if (text[i + 1] === '/') {
      TAG_NAME.lastIndex = i + 2;
      const name = TAG_NAME.exec(text)?.[0].toLowerCase();
      const e = text.indexOf('>', i);
      if (e === -1) return;
      if (name !== undefined && (openCount.get(name) ?? 0) > 0) {
        // closes the elements opened inside it too (`<p>` left open)
        for (let top = open.pop(); top !== undefined; top = open.pop()) {
          openCount.set(top, openCount.get(top)! - 1);
          if (top === name) break;
        }
      }
      pos = e + 1;
      continue;
    }
    if (!TAG_START.test(text[i + 1] ?? '')) {
      pos = i + 1;
      continue;
    }
    const tag = readTag(text, i, true);
    if (tag === EOF) return unclosedTag(text, i, problems);
    pos = tag.end;
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
    } else {
      open.push(tag.name);
      openCount.set(tag.name, (openCount.get(tag.name) ?? 0) + 1);
    }
  }
}
