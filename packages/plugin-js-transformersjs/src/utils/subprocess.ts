import { staticKey, unwrapExpression, type JsNode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';
import { shebangInterpreter, UNKNOWN } from '@oculum/core';
import { calleeText } from './libraries.js';
import { perNode } from './memo.js';

/**
 * Prefilter trigger for `subprocessesOf`: the modules that run programs, also zx's (`'zx'`,
 * `'zx/globals'`, `npm:zx@8`) and the `#!/usr/bin/env zx` line of a zx script.
 */
export const SUBPROCESS_TRIGGER = /child_process|execa|\bzx\b/;

/**
 * A zx script: it imports `zx/globals`, or its `#!` line runs zx (`#!/usr/bin/env zx`,
 * `#!/usr/local/bin/zx`, through a package runner: `#!/usr/bin/env -S npx -y zx@8`, `pnpm dlx zx`,
 * `bunx zx`), read by core's `shebangInterpreter` as the scan reads it to pick the file's language.
 * Its `$` (not declared in the file) is zx's.
 */
export function isZxScript(sc: JsSourceCode): boolean {
  if (sc.imports.has('zx/globals')) return true;
  return sc.text.startsWith('#!') && shebangInterpreter(Buffer.from(sc.text.slice(0, 256), 'latin1')) === 'zx';
}

/** The file may run programs: it imports `child_process`, execa or zx, or is a zx script (gate of the rules reading `subprocessesOf`). */
export function mayRunSubprocesses(sc: JsSourceCode): boolean {
  return ['child_process', 'execa', 'zx'].some((m) => sc.imports.has(m)) || isZxScript(sc);
}

/** Runners that take the program and an array of its arguments. */
const FILE_RUNNERS = new Set([
  'child_process.execFile', 'child_process.execFileSync', 'child_process.spawn', 'child_process.spawnSync',
  'execa', 'execa.execa', 'execa.execaSync', 'execa.sync',
]);
/** Runners that take one command line, run by a shell. */
const SHELL_RUNNERS = new Set(['child_process.exec', 'child_process.execSync']);
/** execa's runners of one command string, which execa splits itself (on spaces) and runs with no shell. */
const EXECA_COMMAND_RUNNERS = new Set(['execa.execaCommand', 'execa.execaCommandSync', 'execa.command', 'execa.commandSync']);
/** execa's template tags (`` execa`npm run build` ``, `` $`npm run build` ``) and their sync forms. */
const EXECA_TAGS = new Set(['execa', 'execa.execa', 'execa.execaSync', 'execa.sync', 'execa.$', 'execa.$.sync', 'execa.$.s']);
/** zx's template tag and its sync form (`` $`ls` ``, `` $.sync`ls` ``), from `zx` or `zx/core`. */
const ZX_TAGS = new Set(['zx.$', 'zx.$.sync', 'zx/core.$', 'zx/core.$.sync']);
/** Shells whose `-c` argument is a command line. */
const SHELLS = /^(?:ba|z|da|k)?sh$/;
/** A shell's `-c`, also among other short options (`bash -lc`, `sh -ec`). */
const SHELL_C = /^-[A-Za-z]*c[A-Za-z]*$/;
/** How many shells deep a command line is read (`bash -c "sh -c '…'"`). */
const MAX_SHELL_DEPTH = 4;

/**
 * One argument of a command: its text when known (`text`; in a shell command line, a word holding a
 * part not known has none), and the expression it comes from, for messages.
 */
export interface Argument {
  /** `node` is this argument's own expression (an element of an arguments array), not a command line holding it. */
  whole?: boolean;
  text?: string;
  /** Its text with each part not known as `\u0000` (`` `-c import torch; torch.load("${p}")` ``), when some is known. */
  shape?: string;
  node: JsNode;
}

/** A program run by a call (`spawn("npx", ["node-llama-cpp", "pull", repo])`), as the words it is run with. */
export interface Subprocess {
  /** The call as written, for messages (`execFileSync`, `child_process.spawn`). */
  api: string;
  /** The program and its arguments; after a shell's `-c`, the words of its command line. */
  argv: Argument[];
  /** The program's name without its directory and `.exe` (`python3`, `curl`), when known. */
  program?: string;
  /**
   * execa ran the words with no shell, and a quote in them (`` $`python3 -c "import pickle; …"` ``)
   * reaches the program as it is written: `argv` is what the quoted words mean (what a shell, or
   * `shell: true`, would run), which the program as written does not get.
   */
  literalQuotes?: boolean;
}

/** The program's name without its directory and `.exe`. */
function programName(text: string): string {
  return text.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '');
}

/** A known string, or the text of one only partly known, parts not known left as `\u0000`. */
function shapeOf(sc: JsSourceCode, expr: JsNode): string | undefined {
  const v = sc.constant(expr);
  if (typeof v === 'string') return v;
  const parts = sc.stringBounds(expr).parts;
  return parts.length > 1 ? parts.join('\u0000') : undefined;
}

/**
 * The words of a shell command line, as `sh` splits them: blanks separate words, quotes (`'…'`,
 * `"…"`) keep them together, a backslash escapes the next character; `;`, `&&`, `||`, `|` and line
 * breaks separate commands (each command's words, the separators left out, in order). A word holding a
 * part not known (`\u0000`) has no `text`, only its `shape`.
 */
export function shellWords(line: string): Array<Array<{ text?: string; shape: string }>> {
  const commands: Array<Array<{ text?: string; shape: string }>> = [[]];
  let word: string | null = null;
  let unknown = false;
  const end = () => {
    if (word !== null) commands[commands.length - 1].push(unknown ? { shape: word } : { text: word, shape: word });
    word = null;
    unknown = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\u0000') {
      word = (word ?? '') + c;
      unknown = true;
    } else if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const inner = close < 0 ? line.slice(i + 1) : line.slice(i + 1, close);
      word = (word ?? '') + (c === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner);
      if (inner.includes('\u0000')) unknown = true;
      i = close < 0 ? line.length : close;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/[\s;&|]/.test(c)) {
      end();
      if (/[;&|\n]/.test(c) && commands[commands.length - 1].length > 0) commands.push([]);
    } else word = (word ?? '') + c;
  }
  end();
  return commands.filter((c) => c.length > 0);
}

/**
 * The programs a call of `child_process` (`execFile`, `spawn` and their sync forms: the program and
 * an array of arguments; `exec` / `execSync`: a command line) or of `execa` (the same array form; a
 * command string, `execaCommand`; a template, `` $`python3 -c ${code}` ``: see `execaRun`) or a zx template
 * (`` $`curl -o ${out} ${url}` ``: a command line, see `zxCommandLine`) runs, as words: a
 * program run through a shell's `-c` (`spawn("bash", ["-c", "curl -o m.bin https://…"])`) and each
 * command of a command line are their own `Subprocess`. Arrays are read through constants
 * (`const args = ["-c", SRC]`); an argument after a spread that is not known ends the list.
 */
export function subprocessesOf(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): Subprocess[] {
  if (call.type === 'TaggedTemplateExpression') {
    const tag = templateTag(sc, call.tag);
    if (!tag) return [];
    const api = `${runnerText(sc.getText(unwrapExpression(call.tag)))}\`…\``;
    // zx: the template is a command line run by a shell, each `${…}` quoted into one word
    if (tag.zx) return fromCommandLine(api, call.quasi, zxCommandLine(sc, call.quasi));
    const words = execaTemplateWords(sc, call.quasi);
    return words ? execaRun(api, call.quasi, words, tag.shell) : [];
  }
  const name = sc.qualifiedName(call.callee);
  if (!name) return [];
  const api = calleeText(sc, call);
  const first = sc.argument(call, { position: 0 });
  if (!first) return [];
  if (SHELL_RUNNERS.has(name)) return fromCommandLine(api, first, shapeOf(sc, first));
  if (EXECA_COMMAND_RUNNERS.has(name)) {
    const line = shapeOf(sc, first);
    const node = unwrapExpression(first);
    const words = line === undefined ? [] : execaCommandWords(line).map((w) => ({ ...w, node }));
    return execaRun(api, node, words, shellOption(sc, sc.argument(call, { position: 1 })));
  }
  if (!FILE_RUNNERS.has(name)) return [];
  const argv: Argument[] = [{ node: first, whole: true, text: stringOf(sc, first), shape: shapeOf(sc, first) }];
  const list = sc.argument(call, { position: 1 });
  const array = list ? sc.definingExpression(list) : undefined;
  if (array?.type === 'ArrayExpression') {
    for (const el of array.elements) {
      if (!el || el.type === 'SpreadElement') break;
      argv.push({ node: el, whole: true, text: stringOf(sc, el), shape: shapeOf(sc, el) });
    }
  }
  const program = argv[0].text !== undefined ? programName(argv[0].text) : undefined;
  // `bash -c "<command line>"`: the programs of the command line
  if (program && SHELLS.test(program)) {
    const c = argv.findIndex((a, i) => i > 0 && a.text !== undefined && SHELL_C.test(a.text));
    const line = c > 0 ? argv[c + 1] : undefined;
    return line ? fromCommandLine(api, line.node, shapeOf(sc, line.node)) : [];
  }
  return [{ api, argv, program }];
}

/**
 * The code of a template tag for messages (`$({ cwd: 'my models' })`): blanks outside string
 * literals left out (one kept between two words: `new X`), those inside kept; longer than `max`, cut
 * between two tokens (never inside a string or a word) with `…`.
 */
export function runnerText(code: string, max = 40): string {
  let out = '';
  /** Lengths of `out` where it may be cut: outside strings, not inside a word. */
  const cuts: number[] = [];
  const word = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === "'" || c === '"' || c === '`') {
      cuts.push(out.length);
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      out += code.slice(i, j + 1);
      i = j;
      cuts.push(out.length);
    } else if (/\s/.test(c)) {
      let j = i;
      while (j + 1 < code.length && /\s/.test(code[j + 1])) j++;
      if (word(out[out.length - 1]) && word(code[j + 1])) out += ' ';
      i = j;
    } else {
      if (!(word(out[out.length - 1]) && word(c))) cuts.push(out.length);
      out += c;
    }
  }
  if (out.length <= max) return out;
  const cut = cuts.filter((n) => n > 0 && n <= max - 1).pop() ?? 0;
  return `${out.slice(0, cut)}…`;
}

function stringOf(sc: JsSourceCode, expr: JsNode): string | undefined {
  const v = sc.constant(expr);
  return typeof v === 'string' ? v : undefined;
}

function fromCommandLine(api: string, node: JsNode, line: string | undefined, depth = 0): Subprocess[] {
  if (line === undefined) return [];
  return shellWords(line).flatMap((words) => {
    const argv = words.map((w) => ({ node: unwrapExpression(node), ...w }));
    const program = argv[0].text !== undefined ? programName(argv[0].text) : undefined;
    // a shell run by the command line (`bash -c "python3 -c '…'"`): the programs of its own command line
    if (program && SHELLS.test(program) && depth < MAX_SHELL_DEPTH) {
      const c = argv.findIndex((a, i) => i > 0 && a.text !== undefined && SHELL_C.test(a.text));
      const inner = c > 0 ? argv[c + 1] : undefined;
      if (inner) return fromCommandLine(api, node, inner.shape, depth + 1);
    }
    return [{ api, argv, program }];
  });
}

/** A word of a command execa runs, and the expression it comes from. */
interface Word {
  text?: string;
  shape: string;
  node: JsNode;
  /** `node` is this word's own expression (a `${…}` of a template, alone). */
  whole?: boolean;
}

/**
 * The `shell` option of execa's options: `true` when it runs a shell (`true`, a shell's path), `false`
 * when not, `undefined` when not known (options not seen, a spread of options not seen, a value the
 * analysis cannot compute: `shell: process.env.SHELL`).
 */
function shellOption(sc: JsSourceCode, options: JsNode | undefined): boolean | undefined {
  if (!options) return false;
  const obj = sc.objectLiteral(options);
  if (!obj) return undefined;
  const shell = sc.property(obj, 'shell');
  // (a spread of options not seen may set it)
  if (!shell) return obj.properties.some((p) => p.type === 'SpreadElement' && !sc.objectLiteral(p.argument)) ? undefined : false;
  const v = sc.constant(shell);
  if (v === UNKNOWN) return undefined;
  return typeof v === 'string' ? v !== '' : v !== undefined && v !== null && v !== false;
}

/** How deep `execaTag` follows variables and bound options. */
const MAX_TAG_DEPTH = 8;

/**
 * The template tag an expression is: execa's (`execa`, `execaSync`, `$`, `$.sync` imported from
 * execa), with whether it runs a shell, or zx's (`zx: true`: `$`, `$.sync` imported from `zx` or
 * `zx/core`, or the global `$` of a zx script, see `isZxScript`), and what calling one with options
 * returns (`$({ stdio: 'inherit' })`, `execa({ shell: true })`, `$({ cwd: dir })`, `.sync` of one),
 * inline or held in a stable variable. A `$` bound to anything else (jQuery) is none.
 */
function templateTag(sc: JsSourceCode, tag: JsNode, depth = 0): { shell?: boolean; zx?: boolean } | undefined {
  if (depth > MAX_TAG_DEPTH) return undefined;
  const node = unwrapExpression(tag);
  const name = sc.qualifiedName(node);
  if (name !== undefined) return EXECA_TAGS.has(name) ? { shell: false } : ZX_TAGS.has(name) ? { zx: true } : undefined;
  if (node.type === 'MemberExpression' && (staticKey(node) === 'sync' || staticKey(node) === 's')) {
    const of = templateTag(sc, node.object, depth + 1);
    // (`.s` is execa's alone)
    return of?.zx && staticKey(node) !== 'sync' ? undefined : of;
  }
  if (node.type === 'Identifier') {
    // the global `$` of a zx script (declared nowhere in the file)
    if (node.name === '$' && !sc.binding(node)) return isZxScript(sc) ? { zx: true } : undefined;
    const def = sc.definingExpression(node);
    return def && def !== node ? templateTag(sc, def, depth + 1) : undefined;
  }
  if (node.type !== 'CallExpression' || node.arguments.length !== 1 || node.arguments[0].type === 'SpreadElement') return undefined;
  // (called with anything but options, execa and zx run a program: its result is no tag)
  const bound = templateTag(sc, node.callee, depth + 1);
  const options = sc.objectLiteral(node.arguments[0]);
  if (!bound || !options) return undefined;
  // (zx runs its command line through a shell whatever its options)
  if (bound.zx) return bound;
  // (the last options given win: `$({ shell: true })({ shell: false })` runs no shell)
  const shell = shellOption(sc, node.arguments[0]);
  return { shell: shell === false && !sc.property(options, 'shell') ? bound.shell : shell };
}

/** Characters zx leaves unquoted in a `${…}` value (its `quote`); any other makes it quote the value. */
const ZX_PLAIN = /^[\w/.\-@:=]+$/;

/** A known text as zx quotes it for the shell: one word, whatever blanks or quotes it holds (`'…'`, `'\''` for a quote). */
function zxQuote(text: string): string {
  if (text === '') return "''";
  return ZX_PLAIN.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * A `${…}` of a zx template as it reaches the shell: a known string or number, quoted into one word
 * (`zxQuote`); an array, one quoted word per element (an element not known: `\u0000`); a string known
 * in part (`` `${dir}/m.onnx` ``), its known parts quoted around `\u0000`s, still one word; anything
 * else, `\u0000`.
 */
function zxInterpolation(sc: JsSourceCode, expr: JsNode): string {
  const v = sc.constant(expr);
  if (typeof v === 'string' || typeof v === 'number') return zxQuote(String(v));
  const array = sc.definingExpression(expr);
  if (array?.type === 'ArrayExpression' && array.elements.every((e) => e && e.type !== 'SpreadElement')) {
    return (array.elements as JsNode[]).map((e) => zxKnownParts(sc, e)).join(' ');
  }
  return zxKnownParts(sc, expr);
}

/** A value not known in whole as one shell word: its known text quoted, each part not known `\u0000`. */
function zxKnownParts(sc: JsSourceCode, expr: JsNode): string {
  const v = sc.constant(expr);
  if (typeof v === 'string' || typeof v === 'number') return zxQuote(String(v));
  const parts = sc.stringBounds(expr).parts;
  return parts.length > 1 ? parts.map((p) => (p === '' ? '' : zxQuote(p))).join('\u0000') : '\u0000';
}

/**
 * The command line a zx template runs (`` $`curl -L -o ${out} ${url}` ``): its text as written (the
 * shell reads its quotes), each `${…}` as zx quotes it (`zxInterpolation`). `undefined` for a template
 * zx refuses (an invalid escape). Linear in the template: each `${…}` adds its kept bounds (lang-js's
 * `stringBounds`, read once per expression, at most 64 known runs). Read by `shellWords`.
 */
function zxCommandLine(sc: JsSourceCode, quasi: TSESTree.TemplateLiteral): string | undefined {
  const pieces: string[] = [];
  for (let i = 0; i < quasi.quasis.length; i++) {
    const cooked = quasi.quasis[i].value.cooked;
    if (cooked === null || cooked === undefined) return undefined;
    pieces.push(cooked);
    if (i < quasi.expressions.length) pieces.push(zxInterpolation(sc, quasi.expressions[i]));
  }
  return pieces.join('');
}

/** Whitespace that separates the words of an execa template, where written as such (not as `\n`). */
const EXECA_DELIMITERS = new Set([' ', '\t', '\r', '\n']);
/** Characters after `\` in an escape sequence longer than one (`\xXX`, `\uXXXX`). */
const ESCAPE_LENGTH: Record<string, number> = { x: 3, u: 5 };

/** A template piece's words as execa splits them (whitespace written as such; see `execaTemplateWords`). */
function splitTemplatePiece(cooked: string, raw: string): { words: string[]; leading: boolean; trailing: boolean } {
  if (raw.length === 0) return { words: [], leading: false, trailing: false };
  const words: string[] = [];
  let start = 0;
  for (let i = 0, r = 0; i < cooked.length; i++, r++) {
    const c = raw[r];
    if (EXECA_DELIMITERS.has(c)) {
      if (start !== i) words.push(cooked.slice(start, i));
      start = i + 1;
    } else if (c === '\\') {
      const next = raw[r + 1];
      r = next === 'u' && raw[r + 2] === '{' ? raw.indexOf('}', r + 3) : r + (ESCAPE_LENGTH[next] ?? 1);
    }
  }
  const trailing = start === cooked.length;
  if (!trailing) words.push(cooked.slice(start));
  return { words, leading: EXECA_DELIMITERS.has(raw[0]), trailing };
}

/** The words a `${…}` of an execa template is: a string or number, one word; an array, one per element. */
function interpolationWords(sc: JsSourceCode, expr: JsNode): Word[] {
  const v = sc.constant(expr);
  if (typeof v === 'string' || typeof v === 'number') return [{ text: String(v), shape: String(v), node: expr, whole: true }];
  const array = sc.definingExpression(expr);
  if (array?.type === 'ArrayExpression' && array.elements.every((e) => e && e.type !== 'SpreadElement')) {
    return (array.elements as JsNode[]).map((e) => {
      const text = stringOf(sc, e);
      return { text, shape: text ?? shapeOf(sc, e) ?? '\u0000', node: e, whole: true };
    });
  }
  return [{ shape: shapeOf(sc, expr) ?? '\u0000', node: expr, whole: true }];
}

/**
 * The words of an execa template (`` $`python3 -c ${code}` ``), as execa splits them: the template's
 * text on whitespace written as such (`\n` written as an escape is part of a word), each `${…}` one
 * word (an array, one per element) however many spaces its value holds, joined to the text it touches
 * (`` `${dir}/model.bin` ``). Quotes are not read: execa passes them on. `undefined` for a template
 * execa refuses (an invalid escape).
 */
function execaTemplateWords(sc: JsSourceCode, quasi: TSESTree.TemplateLiteral): Word[] | undefined {
  const words: Word[] = [];
  const join = (next: Word[], separated: boolean) => {
    if (separated || words.length === 0 || next.length === 0) {
      words.push(...next);
      return;
    }
    const last = words.pop()!;
    const first = next[0];
    const text = last.text !== undefined && first.text !== undefined ? last.text + first.text : undefined;
    words.push({ text, shape: last.shape + first.shape, node: quasi }, ...next.slice(1));
  };
  for (let i = 0; i < quasi.quasis.length; i++) {
    const q = quasi.quasis[i];
    if (q.value.cooked === null || q.value.cooked === undefined) return undefined;
    const piece = splitTemplatePiece(q.value.cooked, q.value.raw);
    join(piece.words.map((w) => ({ text: w, shape: w, node: quasi })), piece.leading);
    if (i < quasi.expressions.length) join(interpolationWords(sc, quasi.expressions[i]), piece.trailing);
  }
  return words;
}

/** The words of execa's command string (`execaCommand`): split on spaces, a space after `\` kept in its word. */
function execaCommandWords(line: string): Array<{ text?: string; shape: string }> {
  // (each word's pieces collected and joined once: rebuilding it per `\ ` grows with its length)
  const words: string[][] = [];
  for (const w of line.trim().split(/ +/)) {
    const previous = words[words.length - 1];
    const last = previous?.[previous.length - 1];
    if (last !== undefined && last.endsWith('\\')) {
      previous[previous.length - 1] = last.slice(0, -1);
      previous.push(w);
    } else words.push([w]);
  }
  return words
    .map((pieces) => pieces.join(' '))
    .filter((w) => w !== '')
    .map((w) => (w.includes('\u0000') ? { shape: w } : { text: w, shape: w }));
}

/**
 * Words from one that opens with a quote to the one that closes it, made one word without the quotes
 * (`"import`, `pickle;`, `pickle.load(f)"` → `import pickle; pickle.load(f)`): what a command
 * written with shell quoting means. `quoted` when some were.
 */
function unquote(words: Word[]): { words: Word[]; quoted: boolean } {
  const out: Word[] = [];
  let quoted = false;
  /** Quotes with no closing word after some word: none after any later one either. */
  const unclosed = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const q = words[i].shape[0];
    if (q !== '"' && q !== "'") {
      out.push(words[i]);
      continue;
    }
    // (searched from this word on, each word at most once per quote: linear in the words)
    let close = -1;
    if (!unclosed.has(q)) {
      if (words[i].shape.length > 1 && words[i].shape.endsWith(q)) close = i;
      for (let k = i + 1; close < 0 && k < words.length; k++) if (words[k].shape.endsWith(q)) close = k;
      if (close < 0) unclosed.add(q);
    }
    if (close < 0) {
      out.push(words[i]);
      continue;
    }
    const span = words.slice(i, close + 1);
    const strip = (t: string) => t.slice(1, -1);
    const texts = span.map((w) => w.text);
    out.push({
      text: texts.every((t) => t !== undefined) ? strip(texts.join(' ')) : undefined,
      shape: strip(span.map((w) => w.shape).join(' ')),
      node: span.length === 1 ? span[0].node : unwrapExpression(span[0].node),
    });
    quoted = true;
    i = close;
  }
  return { words: out, quoted };
}

/**
 * The programs execa runs from words (of a template or a command string): with a shell (`shell:
 * true`), the command line they make, read as `sh` reads it; else the program and its arguments,
 * also through a shell's `-c` (`` $`bash -c ${line}` ``). Quoted words are read as they are meant,
 * marked `literalQuotes` (execa passes the quotes on).
 */
function execaRun(api: string, node: JsNode, words: Word[], shell: boolean | undefined): Subprocess[] {
  if (words.length === 0) return [];
  if (shell === true) return fromCommandLine(api, node, words.map((w) => w.shape).join(' '));
  const direct = execaDirect(api, words);
  if (shell === false) return direct;
  // Whether a shell runs the words is not known (options not seen): read both ways, so that neither a
  // command of the shell's reading (`cd models && curl …`, `sha256sum -c …`) nor a program of the
  // direct one (`` $`python3 -c ${code}` ``) is lost. The shell's reading is what quoted words mean,
  // as a shell reads them: the direct reading's unquoted words, and the same programs, are left out.
  // (the direct reading first: a rule taking a program's first `-c` finds `code` whole there)
  const viaShell = fromCommandLine(api, node, words.map((w) => w.shape).join(' '));
  const key = (p: Subprocess) => p.argv.map((a) => a.shape ?? '\u0000').join('\u0001');
  const seen = new Set(viaShell.map(key));
  return [...direct.filter((p) => !p.literalQuotes && !seen.has(key(p))), ...viaShell];
}

/** The program execa runs from words with no shell (see `execaRun`). */
function execaDirect(api: string, words: Word[]): Subprocess[] {
  const { words: meant, quoted } = unquote(words);
  const argv: Argument[] = meant.map((w) => ({ node: w.node, ...(w.whole ? { whole: true } : {}), text: w.text, shape: w.shape }));
  const program = argv[0].text !== undefined ? programName(argv[0].text) : undefined;
  const literal = quoted ? { literalQuotes: true } : {};
  if (program && SHELLS.test(program)) {
    const c = argv.findIndex((a, i) => i > 0 && a.text !== undefined && SHELL_C.test(a.text));
    const line = c > 0 ? argv[c + 1] : undefined;
    return line ? fromCommandLine(api, line.node, line.shape).map((p) => ({ ...p, ...literal })) : [];
  }
  return [{ api, argv, program, ...literal }];
}

/** Programs that download a URL given on their command line. */
const DOWNLOADERS = new Set(['curl', 'wget', 'wget2']);
/** Their options that name the file the download is saved as (curl `-o`, wget `-O`). */
const OUTPUT_OPTIONS: Record<string, Set<string>> = {
  curl: new Set(['-o', '--output']),
  wget: new Set(['-O', '--output-document']),
  wget2: new Set(['-O', '--output-document']),
};

/**
 * Options after which a command saves no file from its URL: curl's uploads (`-T file`,
 * `--upload-file`, `-F file=@m.onnx`, `--form`, `--form-string`) and HEAD requests (`-I`, `--head`),
 * also after short options that take no value (`-sT file`, `-sI`); wget's `--spider` (checks the URL
 * is there) and posts (`--post-file`, `--post-data`).
 */
const NO_DOWNLOAD_OPTIONS: Record<string, RegExp> = {
  curl: /^(?:--upload-file|--form|--form-string|--head)(?:=|$)|^-[sSLfkvqgi#]*[TFI]/,
  wget: /^--(?:spider|post-file|post-data)(?:=|$)/,
  wget2: /^--(?:spider|post-file|post-data)(?:=|$)/,
};

/** A download run as a command: `curl -L -o models/ggml-base.en.bin https://…/ggml-base.en.bin`. */
export interface CommandDownload {
  api: string;
  program: string;
  /** The `http(s)://` argument (its `shape` starts with the scheme), else one not known in its start. */
  url: Argument;
  /** The file it is saved as (`-o` / `-O`), when given. */
  output?: Argument;
}

/** The `curl` / `wget` downloads a call (or an execa / zx template) runs in a child process (see `subprocessesOf`), one per URL. */
export function commandDownloads(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): CommandDownload[] {
  const out: CommandDownload[] = [];
  for (const p of subprocessesOf(sc, call)) {
    if (!p.program || !DOWNLOADERS.has(p.program)) continue;
    // an upload, a HEAD request, a check that the URL is there: nothing downloaded
    if (p.argv.some((a, i) => i > 0 && a.text !== undefined && NO_DOWNLOAD_OPTIONS[p.program!].test(a.text))) continue;
    let output: Argument | undefined;
    const urls: Argument[] = [];
    /** Arguments not known in their start (`"${url}"`): the URL when no other is. */
    const unknown: Argument[] = [];
    for (let i = 1; i < p.argv.length; i++) {
      const a = p.argv[i];
      const [name, value] = (a.text ?? '').split(/=(.*)/s);
      if (OUTPUT_OPTIONS[p.program].has(name)) {
        output = value !== undefined ? { node: a.node, text: value, shape: value } : p.argv[++i];
      } else if (p.program === 'curl' && /^-o\S/.test(a.text ?? '')) {
        output = { node: a.node, text: a.text!.slice(2), shape: a.text!.slice(2) };
      } else if (/^https?:\/\//i.test(a.shape ?? '')) urls.push(a);
      else if (a.text === undefined && !(a.shape ?? '').startsWith('-')) unknown.push(a);
    }
    if (urls.length === 0 && unknown.length > 0) urls.push(unknown[0]);
    for (const url of urls) out.push({ api: `${p.api} (${p.program})`, program: p.program, url, output });
  }
  return out;
}

/** Programs that compare a file with a digest (`sha256sum -c`, `shasum -a 256 -c`, `openssl dgst`). */
const CHECKSUM_PROGRAMS = new Set(['sha256sum', 'sha512sum', 'sha1sum', 'shasum', 'b2sum', 'b3sum', 'md5sum', 'openssl', 'cosign', 'gpg']);

/**
 * A command run in `region` (a function, or the file's top level; a call or an execa / zx template)
 * that checks a digest or a signature. Searched once per region (`perNode`): each of many downloads
 * in one region asks again.
 */
export const checksumCommandIn: (sc: JsSourceCode, region: JsNode) => boolean = perNode(searchChecksumCommand);

function searchChecksumCommand(sc: JsSourceCode, region: JsNode): boolean {
  let found = false;
  sc.descendants(region, (n) => {
    if (found) return false;
    if ((n.type === 'CallExpression' || n.type === 'TaggedTemplateExpression') && subprocessesOf(sc, n).some((p) => p.program !== undefined && CHECKSUM_PROGRAMS.has(p.program))) found = true;
    return found ? false : undefined;
  });
  return found;
}
