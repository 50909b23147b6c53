import { unwrapExpression, type JsNode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';
import { calleeText } from './libraries.js';

/** Prefilter trigger for `subprocessArgv`: the modules that run programs. */
export const SUBPROCESS_TRIGGER = /child_process|execa/;

/** Runners that take the program and an array of its arguments. */
const FILE_RUNNERS = new Set([
  'child_process.execFile', 'child_process.execFileSync', 'child_process.spawn', 'child_process.spawnSync',
  'execa', 'execa.execa', 'execa.execaSync', 'execa.sync',
]);
/** Runners that take one command line, run by a shell. */
const SHELL_RUNNERS = new Set(['child_process.exec', 'child_process.execSync', 'execa.execaCommand', 'execa.execaCommandSync', 'execa.command', 'execa.commandSync']);
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
 * an array of arguments; `exec` / `execSync`: a command line) or of `execa` runs, as words: a
 * program run through a shell's `-c` (`spawn("bash", ["-c", "curl -o m.bin https://…"])`) and each
 * command of a command line are their own `Subprocess`. Arrays are read through constants
 * (`const args = ["-c", SRC]`); an argument after a spread that is not known ends the list.
 */
export function subprocessesOf(sc: JsSourceCode, call: TSESTree.CallExpression): Subprocess[] {
  const name = sc.qualifiedName(call.callee);
  if (!name) return [];
  const api = calleeText(sc, call);
  const first = sc.argument(call, { position: 0 });
  if (!first) return [];
  if (SHELL_RUNNERS.has(name)) return fromCommandLine(api, first, shapeOf(sc, first));
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

/** The `curl` / `wget` downloads a call runs in a child process (see `subprocessesOf`), one per URL. */
export function commandDownloads(sc: JsSourceCode, call: TSESTree.CallExpression): CommandDownload[] {
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

/** A command run in `region` (a function, or the file's top level) that checks a digest or a signature. */
export function checksumCommandIn(sc: JsSourceCode, region: JsNode): boolean {
  let found = false;
  sc.descendants(region, (n) => {
    if (found) return false;
    if (n.type === 'CallExpression' && subprocessesOf(sc, n).some((p) => p.program !== undefined && CHECKSUM_PROGRAMS.has(p.program))) found = true;
    return found ? false : undefined;
  });
  return found;
}
