/**
 * Jupyter notebooks (`.ipynb`): the Python a kernel runs, read out of the notebook's JSON without
 * running anything, with a map from that code back to the positions of the notebook file.
 *
 * The code cells are joined in order into one module (a kernel runs them in one namespace: an
 * import in the first cell serves the last). Each line of code is put on the line of the notebook
 * file that holds it where it can be: Jupyter, VS Code and Colab write a cell's source as a list of
 * strings, one per line of the file, so a finding's line is the notebook's line (GitHub code
 * scanning and editors show the right place). Columns are mapped through the string's escapes.
 *
 * Shell lines (`!wget URL`, `files = !ls`, each line of a `%%bash` cell) are read as the commands they run: Python
 * that hands the command to a shell is inserted around it (see `renderIPython`), the command's
 * characters in place, so that the rules that read commands run from Python read these too; so is
 * `%env NAME=value` (an assignment to `os.environ`: `%env TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1`). Other
 * IPython syntax is blanked (spaces, same length): `%magic` lines, `pip install` (automagic),
 * `t = %timeit -o f()` right-hand sides (read as `0`), `obj?` help lines, and the whole body of a cell magic
 * that runs another language (`%%html`, `%%writefile run.sh`…); the body of `%%time`/`%%timeit`/
 * `%%capture`/`%%writefile x.py`… is Python and stays, and so does the statement of `%time stmt` /
 * `%timeit -n 10 stmt` (read as `if 1: stmt`, same columns). Markdown and raw cells, outputs and
 * metadata are never read as code, nor the cells of a notebook whose kernel is not Python
 * (`kernelspec.language`, `language_info.name`) or a VS Code cell in another language.
 */
import { lastAtOrBefore, type Position } from '@oculum/core';
import { stringLiteralEnd } from './code-text.js';
import { lineStartsOf } from './source-code.js';

/** What a notebook holds for the Python language. */
export interface NotebookCode {
  /** The code cells' Python, joined, with IPython syntax blanked (see the module comment). */
  readonly text: string;
  /** The notebook file's 1-based line and column of an offset of `text`. */
  positionAt(offset: number): Position;
  /** How many code cells were read (0 for a notebook of another language). */
  readonly cells: number;
  /** The offset of `text` at which each code cell read starts, ascending. */
  readonly cellStarts: readonly number[];
  /** Each code cell read's place among the notebook's cells (1-based, markdown cells counted), as `cellStarts`. */
  readonly cellNumbers: readonly number[];
}

/** A notebook that cannot be read: invalid JSON, or JSON that is not a notebook. The message says why and where. */
export class NotebookError extends Error {
  constructor(detail: string) {
    super(`not a readable Jupyter notebook: ${detail}`);
  }
}

/** `.ipynb`, whatever the case. */
export function isNotebookPath(path: string | undefined): boolean {
  return path !== undefined && /\.ipynb$/i.test(path);
}

/**
 * Values nested deeper than this are read without recursion and kept as nothing (a recursive reader
 * must not overflow the stack on them): the code cells are a few levels down, so only metadata and
 * outputs are that deep (widget state), and they are never read as code.
 */
const MAX_DEPTH = 200;

/** A JSON string of the notebook: its value and where its first character (after the quote) is in the file. */
interface JsonString {
  readonly kind: 'string';
  readonly value: string;
  /** Offset in the file of the character after the opening quote. */
  readonly start: number;
}
type JsonValue = JsonString | { kind: 'array'; items: JsonValue[] } | { kind: 'object'; entries: Map<string, JsonValue> } | { kind: 'other' };

/**
 * A small JSON reader that keeps where each string starts (JSON.parse forgets it). Strict JSON:
 * what `JSON.parse` refuses, this refuses too, with the offset.
 */
class JsonReader {
  private at = 0;
  constructor(private readonly text: string) {}

  read(): JsonValue {
    const value = this.value(0);
    this.space();
    if (this.at < this.text.length) this.fail('unexpected text after the end of the JSON document');
    return value;
  }

  private fail(what: string): never {
    let line = 1;
    let lineStart = 0;
    for (let i = this.text.indexOf('\n'); i !== -1 && i < this.at; i = this.text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    throw new NotebookError(`invalid JSON at line ${line}, column ${this.at - lineStart + 1}: ${what}`);
  }

  private space(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.at++;
      else break;
    }
  }

  private value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) return this.skip();
    this.space();
    const t = this.text;
    const c = t[this.at];
    if (c === '"') return this.string();
    if (c === '{') {
      this.at++;
      const entries = new Map<string, JsonValue>();
      this.space();
      if (t[this.at] === '}') {
        this.at++;
        return { kind: 'object', entries };
      }
      for (;;) {
        this.space();
        if (t[this.at] !== '"') this.fail('expected a string key');
        const key = this.string().value;
        this.space();
        if (t[this.at] !== ':') this.fail('expected ":"');
        this.at++;
        entries.set(key, this.value(depth + 1));
        this.space();
        if (t[this.at] === ',') {
          this.at++;
          continue;
        }
        if (t[this.at] === '}') {
          this.at++;
          return { kind: 'object', entries };
        }
        this.fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      this.at++;
      const items: JsonValue[] = [];
      this.space();
      if (t[this.at] === ']') {
        this.at++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(this.value(depth + 1));
        this.space();
        if (t[this.at] === ',') {
          this.at++;
          continue;
        }
        if (t[this.at] === ']') {
          this.at++;
          return { kind: 'array', items };
        }
        this.fail('expected "," or "]"');
      }
    }
    this.literal();
    return { kind: 'other' };
  }

  /** A value read to its end without recursion (as strictly as `value`), kept as nothing. */
  private skip(): JsonValue {
    const t = this.text;
    /** The closing bracket of each container open around the reader. */
    const closers: string[] = [];
    for (;;) {
      // a value
      this.space();
      const c = t[this.at];
      if (c === '{' || c === '[') {
        this.at++;
        this.space();
        if (t[this.at] === (c === '{' ? '}' : ']')) this.at++; // empty: a whole value
        else {
          closers.push(c === '{' ? '}' : ']');
          if (c === '{') this.key();
          continue;
        }
      } else if (c === '"') this.string();
      else this.literal();
      // after a value: a comma, or the closing brackets of the containers it ends
      for (;;) {
        if (closers.length === 0) return { kind: 'other' };
        this.space();
        const closer = closers[closers.length - 1];
        if (t[this.at] === ',') {
          this.at++;
          if (closer === '}') this.key();
          break;
        }
        if (t[this.at] !== closer) this.fail(`expected "," or "${closer}"`);
        this.at++;
        closers.pop();
      }
    }
  }

  /** An object's key and its colon. */
  private key(): void {
    this.space();
    if (this.text[this.at] !== '"') this.fail('expected a string key');
    this.string();
    this.space();
    if (this.text[this.at] !== ':') this.fail('expected ":"');
    this.at++;
  }

  /** `true`, `false`, `null` or a number. */
  private literal(): void {
    const literal = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    literal.lastIndex = this.at;
    const m = literal.exec(this.text);
    if (!m) this.fail(this.at >= this.text.length ? 'unexpected end of the text' : `unexpected "${this.text[this.at]}"`);
    this.at += m[0].length;
  }

  private string(): JsonString {
    const t = this.text;
    const start = ++this.at;
    let value = '';
    let run = start;
    for (;;) {
      // (a run of plain characters at once: an output's base64 image is megabytes of them)
      PLAIN_RUN.lastIndex = this.at;
      PLAIN_RUN.test(t);
      this.at = PLAIN_RUN.lastIndex;
      if (this.at >= t.length) this.fail('unterminated string');
      const c = t.charCodeAt(this.at);
      if (c === 0x22) {
        value += t.slice(run, this.at);
        this.at++;
        return { kind: 'string', value, start };
      }
      if (c < 0x20) this.fail('control character in a string');
      if (c !== 0x5c) {
        this.at++;
        continue;
      }
      value += t.slice(run, this.at);
      const e = t[this.at + 1];
      const simple = e === undefined ? undefined : ESCAPES[e];
      if (simple !== undefined) {
        value += simple;
        this.at += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.at + 2, this.at + 6))) {
        value += String.fromCharCode(parseInt(t.slice(this.at + 2, this.at + 6), 16));
        this.at += 6;
      } else {
        this.fail('invalid escape in a string');
      }
      run = this.at;
    }
  }
}

/** Characters a JSON string holds as they are: not a quote, a backslash or a control character. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The file offset of each UTF-16 unit of a JSON string's value, and of its end (the closing quote). */
function rawOffsets(text: string, string: JsonString): Int32Array {
  const out = new Int32Array(string.value.length + 1);
  let at = string.start;
  for (let k = 0; k < string.value.length; k++) {
    out[k] = at;
    at += text.charCodeAt(at) !== 0x5c ? 1 : text[at + 1] === 'u' ? 6 : 2;
  }
  out[string.value.length] = at;
  return out;
}

/** Cell magics whose body is Python (IPython runs it): only their first line is blanked. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'memit', 'mprun', 'pypy', 'python', 'python3', 'ipython']);

/**
 * Line magics that run the Python statement after them, with the options that take a value (the
 * others are flags): `%time m = torch.load(p)` runs `m = torch.load(p)`.
 */
const STATEMENT_MAGICS: Record<string, ReadonlySet<string>> = {
  time: new Set(),
  timeit: new Set(['n', 'r', 'p']),
  prun: new Set(['s', 'l', 'T', 'D']),
  memit: new Set(['r', 'i', 't']),
  debug: new Set(['breakpoint', 'b']),
  capture: new Set(),
};

/** Cell magics whose body is shell commands, each line run as `!line` would be. */
const SHELL_CELL_MAGICS = new Set(['bash', 'sh', 'script', 'system', 'shell']); // (`%%shell`: Colab's)

/** Text a rendering puts in the code that is not in the cell, at an offset of the cell's code. */
export interface Insertion {
  /** The offset of the cell's code before whose character the text goes (the code's length: at its end). */
  at: number;
  text: string;
}

/**
 * A cell's code as Python: IPython syntax blanked (same length, line ends kept) or rewritten, and
 * the text inserted to run a shell command as Python would (`!wget URL` is read as
 * `import os as __ipython_shell; __ipython_shell.system(r'''wget URL''')`, the command's own
 * characters kept in place, so that the rules that read commands run from Python read it).
 * `undefined` when the whole cell is another language's (`%%html`, `%%writefile run.sh`);
 * `%%bash`/`%%sh` cells are read line by line as shell commands. `%%writefile model.py` writes Python
 * that may well run: its body is read.
 */
export function renderIPython(code: string): { code: string; insertions: Insertion[] } | undefined {
  const first = /^[ \t]*%%([A-Za-z_][\w-]*)(?:[ \t]+(?:-a[ \t]+|--append[ \t]+)?(\S+))?/.exec(code);
  const shellCell = !!first && SHELL_CELL_MAGICS.has(first[1]) && (first[1] !== 'script' || /^(?:ba|z)?sh$/.test(first[2] ?? ''));
  if (first && !shellCell && !PYTHON_CELL_MAGICS.has(first[1]) && !(first[1] === 'writefile' && /\.pyw?$/i.test(first[2] ?? ''))) return undefined;
  const insertions: Insertion[] = [];
  const lines = code.split('\n');
  const offsets: number[] = [];
  for (let k = 0, at = 0; k < lines.length; at += lines[k].length + 1, k++) offsets.push(at);
  const out = lines.slice();
  /**
   * The last line of the command or magic that starts on line `k`: a backslash at a line's end continues
   * it (IPython joins such lines whatever precedes the backslash; in a shell cell, as the shell does: not
   * in a comment, not an escaped backslash, not inside single quotes).
   */
  const lastOf = (k: number): number => {
    let last = k;
    while (last + 1 < lines.length && (shellCell ? shellContinues(lines[last]) : CONTINUED.test(lines[last]))) last++;
    return last;
  };
  const blankLines = (k: number, last: number): void => {
    for (let j = k; j <= last; j++) out[j] = blank(lines[j]);
  };
  /**
   * Lines `k`..`last` as the shell command from column `from` of line `k` on, run from Python (the
   * continuing backslashes read as the spaces the join leaves); blank when it cannot be quoted.
   */
  const shell = (k: number, last: number, from: number, indent: number, assigned = false): void => {
    const parts = lines.slice(k, last + 1).map((line, j) => (j < last - k ? line.replace(CONTINUED, (m) => ' ' + m.slice(1)) : line));
    // `files = !ls`: the assignment is kept, the `!` blanked
    parts[0] = (assigned ? lines[k].slice(0, from - 1) + ' ' : lines[k].slice(0, from).replace(/[^\t]/g, ' ')) + parts[0].slice(from);
    const command = parts.join('\n').slice(from);
    const quote = SHELL_QUOTES.find((q) => !command.includes(q) && !command.endsWith(q[0]) && !/\\$/.test(command));
    if (!quote || command.trim() === '' || command.trimStart().startsWith('#')) return blankLines(k, last);
    // IPython expands `{expression}` and `$name` in the command before the shell runs it: read as an
    // f-string (`$name` as `{name}`: the `$` becomes `{`, a `}` is inserted after the name)
    const names = expansions(command);
    if (assigned) {
      insertions.push({ at: offsets[k] + indent, text: SHELL_IMPORT });
      insertions.push({ at: offsets[k] + from, text: `${SHELL_CALL}${names ? 'f' : ''}${quote}` });
    } else insertions.push({ at: offsets[k] + indent, text: `${SHELL_IMPORT}${SHELL_CALL}${names ? 'f' : ''}${quote}` });
    // (the text rebuilt once, whatever the number of `$name`s)
    const joined = parts.join('\n');
    const pieces: string[] = [];
    let at = 0;
    for (const [dollar, end] of names ?? []) {
      pieces.push(joined.slice(at, from + dollar), '{');
      at = from + dollar + 1;
      insertions.push({ at: offsets[k] + from + end, text: '}' });
    }
    pieces.push(joined.slice(at));
    insertions.push({ at: offsets[last] + lines[last].length, text: `${quote})` });
    const rendered = pieces.join('').split('\n');
    for (let j = k; j <= last; j++) out[j] = rendered[j - k];
  };
  /**
   * `%env NAME=value` / `%env NAME value` (and `%set_env`): read as `os.environ[r'''NAME'''] = r'''value'''`,
   * the name and the value in place (`%env TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1` is what the assignment
   * is). Not a line a backslash continues, nor a value that cannot be quoted (left blank, as any magic).
   */
  const envMagic = (k: number, indent: number): boolean => {
    const line = lines[k];
    const env = /^%(?:set_)?env[ \t]+([A-Za-z_]\w*)(?:[ \t]*=[ \t]*|[ \t]+)(\S(?:.*\S)?)[ \t]*\r?$/.exec(line.slice(indent));
    if (!env || CONTINUED.test(line)) return false;
    const [, name, value] = env;
    const quote = SHELL_QUOTES.find((q) => !value.includes(q) && !value.endsWith(q[0]) && !value.endsWith('\\'));
    if (!quote) return false;
    const nameAt = indent + env[0].indexOf(name);
    const valueAt = indent + env[0].lastIndexOf(value);
    out[k] = blank(line.slice(0, nameAt)) + name + blank(line.slice(nameAt + name.length, valueAt)) + line.slice(valueAt);
    insertions.push({ at: offsets[k] + indent, text: `${SHELL_IMPORT}__ipython_shell.environ[` });
    insertions.push({ at: offsets[k] + nameAt, text: `r${quote}` });
    insertions.push({ at: offsets[k] + nameAt + name.length, text: `${quote}] =` });
    insertions.push({ at: offsets[k] + valueAt, text: `r${quote}` });
    insertions.push({ at: offsets[k] + valueAt + value.length, text: quote });
    return true;
  };
  // IPython's syntax is read only where a statement starts (not on a line that continues one)
  const statements = shellCell ? undefined : statementLineStarts(code);
  for (let k = first ? 1 : 0; k < lines.length; k++) {
    const line = lines[k];
    // a shell cell: each command at the left margin whatever its indentation in the script
    if (shellCell) {
      const last = lastOf(k);
      shell(k, last, 0, 0);
      k = last;
      continue;
    }
    if (!statements!.has(offsets[k])) continue;
    const m = /^([ \t]*)(\S)/.exec(line);
    if (!m) continue;
    if (m[2] === '%' && envMagic(k, m[1].length)) continue;
    if (m[2] === '%') {
      // `%time stmt`: the statement runs, read in place behind an `if 1:` of the magic's width (its continued lines are Python too)
      const statement = statementAfterMagic(line, m[1].length);
      // a simple statement only: `if 1: for …:` is no Python (a compound one after `%time` is left out)
      const simple = statement !== undefined && !COMPOUND.test(line.slice(statement));
      if (simple && statement - m[1].length >= 6) out[k] = m[1] + 'if 1:' + ' '.repeat(statement - m[1].length - 5) + line.slice(statement);
      else {
        const last = lastOf(k);
        blankLines(k, last);
        k = last;
      }
      continue;
    }
    const last = lastOf(k);
    if (m[2] === '!' && !/^[ \t]*!=/.test(line)) shell(k, last, m[1].length + 1, m[1].length);
    else if (HELP.test(line) || AUTOMAGIC.test(line)) blankLines(k, last);
    else {
      // `files = !ls`: the command runs (IPython's `getoutput`), read as `files = os.system(r'''ls''')`;
      // `t = %timeit -o f()`: the value is the magic's (read as `0`)
      const assigned = ASSIGNED_MAGIC.exec(line);
      if (!assigned) continue;
      if (line[assigned[1].length] === '!') {
        shell(k, last, assigned[1].length + 1, m[1].length, true);
        k = last;
        continue;
      }
      blankLines(k, last);
      out[k] = assigned[1] + '0' + out[k].slice(assigned[1].length + 1);
    }
    k = last;
  }
  if (first) out[0] = blank(lines[0]);
  return { code: out.join('\n'), insertions };
}

/** A `{expression}` IPython expands in a shell command, of the simple kind read here: a name, its attributes, constant subscripts. */
const EXPANDED_EXPRESSION = /\{[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[(?:\d+|'[^'\n{}\\]*'|"[^"\n{}\\]*")\])*\}/y;
const DOLLAR_NAME = /\$[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/y;

/**
 * Where IPython expands Python values in a shell command (`!wget {url}`, `!wget $URL -O {out}`), for
 * reading it as an f-string: the `[start, end)` of each `$name` (to become `{name}`), and `[]` when it
 * has only `{expression}`s; undefined when it has none, or braces that are not such an expression
 * (`awk '{print $1}'`, `${HOME}`), which are left as the raw text.
 */
function expansions(command: string): Array<[number, number]> | undefined {
  const dollars: Array<[number, number]> = [];
  let expanded = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if ((c === '{' || c === '}' || c === '$') && command[i + 1] === c) {
      i++; // `{{`, `}}`, `$$`: the character itself
      continue;
    }
    if (c === '{') {
      EXPANDED_EXPRESSION.lastIndex = i;
      if (!EXPANDED_EXPRESSION.test(command)) return undefined;
      i = EXPANDED_EXPRESSION.lastIndex - 1;
      expanded = true;
    } else if (c === '}') return undefined;
    else if (c === '$') {
      if (command[i + 1] === '{') return undefined;
      DOLLAR_NAME.lastIndex = i;
      if (!DOLLAR_NAME.test(command)) continue; // `$1`, `$?`, a `$` at the end: the shell's
      dollars.push([i, DOLLAR_NAME.lastIndex]);
      i = DOLLAR_NAME.lastIndex - 1;
    }
  }
  // (a command of thousands of them is no command: left raw)
  if (dollars.length > MAX_EXPANSIONS) return undefined;
  return expanded || dollars.length > 0 ? dollars : undefined;
}

/** More `$name`s than this in one command are not read as expansions. */
const MAX_EXPANSIONS = 256;

/** A line that a backslash at its end continues (IPython joins it with the next one, as the shell does). */
const CONTINUED = /\\\r?$/;

/**
 * A shell line that a backslash at its end continues: the backslash is not escaped, nor inside single
 * quotes, nor in a comment (a `#` that starts a word outside quotes). Continued lines of a quoted
 * string are read as the shell reads them only as far as one line goes: a quote left open ends nothing.
 */
function shellContinues(line: string): boolean {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') {
      if (i === text.length - 1) return true;
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return false;
  }
  return false;
}

/** What runs a `!` command in the rendering: IPython hands it to a shell, as `os.system` does. */
const SHELL_IMPORT = 'import os as __ipython_shell; ';
const SHELL_CALL = '__ipython_shell.system(r';
const SHELL_QUOTES = ["'''", '"""'];

/**
 * The offsets of the cell's lines that start a logical statement, where IPython looks for its syntax:
 * not inside brackets, a string (a triple-quoted one spans lines) or after a backslash continuation
 * (`x = ("%s" \n % name)` continues the expression; `"""\n!important\n"""` is text). A line that
 * starts a statement with `%`, `!` or `?` is IPython's to the end: not read as Python here (`!echo
 * it's` opens no string).
 */
function statementLineStarts(code: string): Set<number> {
  const starts = new Set<number>();
  let depth = 0;
  let i = 0;
  const atStatementStart = (): void => {
    starts.add(i);
    // an IPython line: skipped whole, with the lines a backslash at its end continues it on
    let j = i;
    while (code[j] === ' ' || code[j] === '\t') j++;
    const c = code[j];
    const end = (from: number): number => (code.indexOf('\n', from) === -1 ? code.length : code.indexOf('\n', from));
    let lineEnd = end(i);
    const line = code.slice(i, lineEnd);
    if (c === '%' || (c === '!' && code[j + 1] !== '=') || c === '?' || ASSIGNED_MAGIC.test(line) || AUTOMAGIC.test(line)) {
      while (lineEnd < code.length && (code[lineEnd - 1] === '\\' || (code[lineEnd - 1] === '\r' && code[lineEnd - 2] === '\\'))) lineEnd = end(lineEnd + 1);
      i = lineEnd;
    }
  };
  atStatementStart();
  while (i < code.length) {
    const c = code[i];
    if (c === '#') {
      const end = code.indexOf('\n', i);
      i = end === -1 ? code.length : end;
    } else if (c === '"' || c === "'") {
      // strings as lang-python's scanners read them (prefixes, f-string fields, triple quotes)
      i = stringLiteralEnd(code, i);
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (c === '\\' && (code[i + 1] === '\n' || (code[i + 1] === '\r' && code[i + 2] === '\n'))) {
      // a backslash continuation: its line end starts no statement
      i += code[i + 1] === '\r' ? 3 : 2;
    } else if (c === '\n') {
      i++;
      if (depth === 0) atStatementStart();
    } else i++;
  }
  return starts;
}

/** `renderIPython`'s code without its insertions (same length as the cell's code). */
export function blankIPython(code: string): string | undefined {
  return renderIPython(code)?.code;
}

/** Where the statement of `%time stmt` (see `STATEMENT_MAGICS`) starts in the line; undefined for other magics. */
function statementAfterMagic(line: string, at: number): number | undefined {
  const name = /^%([A-Za-z]\w*)/.exec(line.slice(at));
  const valued = name ? STATEMENT_MAGICS[name[1]] : undefined;
  if (!name || !valued) return undefined;
  let i = at + name[0].length;
  for (;;) {
    const space = /^[ \t]+/.exec(line.slice(i));
    if (!space) return undefined;
    i += space[0].length;
    const option = /^-{1,2}([A-Za-z]+)/.exec(line.slice(i));
    if (!option) break;
    i += option[0].length;
    if (valued.has(option[1])) {
      const value = /^[ \t]+\S+/.exec(line.slice(i));
      if (!value) return undefined;
      i += value[0].length;
    }
  }
  return i < line.length ? i : undefined;
}

/** A compound statement's first word (it cannot follow `if 1:` on one line). */
const COMPOUND = /^(?:async[ \t]+)?(?:for|while|with|if|def|class|try|match)\b/;
const HELP = /^[ \t]*(?:\?{1,2}[\w.]+|[\w.]+\?{1,2})[ \t]*$/;
/** IPython's automagic: `pip install x`, `conda install x` without `%` (never Python). */
const AUTOMAGIC = /^[ \t]*(?:pip|pip3|conda|mamba)[ \t]+(?:install|uninstall|list|show|freeze|download)\b/;
const ASSIGNED_MAGIC = /^([ \t]*[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*)[!%](?!=)/;

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

function field(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return value?.kind === 'object' ? value.entries.get(key) : undefined;
}

function stringField(value: JsonValue | undefined, key: string): string | undefined {
  const f = field(value, key);
  return f?.kind === 'string' ? f.value : undefined;
}

/** A kernel or cell language that is not Python (`R`, `julia`, `csharp`…); absent: Python. */
function otherLanguage(name: string | undefined): boolean {
  return name !== undefined && name !== '' && !/python|ipython|^py$/i.test(name);
}

/** The strings of a cell's source (`source` in nbformat 4, `input` in nbformat 3): a list of lines, or one string. */
function sourceStrings(cell: JsonValue, key: string): JsonString[] | undefined {
  const source = field(cell, key);
  if (source?.kind === 'string') return [source];
  if (source?.kind !== 'array') return undefined;
  const out: JsonString[] = [];
  for (const item of source.items) if (item.kind === 'string') out.push(item);
  return out;
}

/**
 * The Python of a notebook's text (the file's JSON), mapped back to the file. Throws a
 * `NotebookError` when the text is not JSON or not a notebook (no `cells` list, nor nbformat 3's
 * `worksheets`).
 */
export function notebookCode(text: string): NotebookCode {
  const root = new JsonReader(text).read();
  if (root.kind !== 'object') throw new NotebookError('the JSON document is not an object');
  const metadata = field(root, 'metadata');
  const kernel = stringField(field(metadata, 'kernelspec'), 'language') ?? stringField(field(metadata, 'language_info'), 'name');
  let cells: JsonValue[] | undefined;
  let sourceKey = 'source';
  const list = field(root, 'cells');
  if (list?.kind === 'array') cells = list.items;
  else {
    const worksheets = field(root, 'worksheets');
    if (worksheets?.kind === 'array') {
      cells = worksheets.items.flatMap((sheet) => {
        const c = field(sheet, 'cells');
        return c?.kind === 'array' ? c.items : [];
      });
      sourceKey = 'input';
    }
  }
  if (!cells) throw new NotebookError('no "cells" list (nbformat 4) nor "worksheets" (nbformat 3)');
  const builder = new CodeBuilder(text);
  let count = 0;
  if (!otherLanguage(kernel)) {
    for (const [index, cell] of cells.entries()) {
      if (stringField(cell, 'cell_type') !== 'code') continue;
      if (otherLanguage(stringField(field(field(cell, 'metadata'), 'vscode'), 'languageId')) || otherLanguage(stringField(cell, 'language'))) continue;
      const strings = sourceStrings(cell, sourceKey);
      if (!strings || strings.length === 0) continue;
      const rendered = renderIPython(strings.map((s) => s.value).join(''));
      if (rendered === undefined) continue;
      count++;
      builder.cell(index + 1, strings, rendered.code, rendered.insertions);
    }
  }
  return builder.done(count);
}

/** One stretch of the joined code: from one JSON string, or inserted (every offset at one place of the file). */
interface Chunk {
  /** Offset in the joined code. */
  start: number;
  length: number;
  string?: JsonString;
  /** Offset in the string's value of the chunk's first character. */
  from?: number;
  /** An inserted text: the file offset all of it maps to. */
  fixed?: number;
}

class CodeBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  /** 1-based line of the end of the code so far. */
  private line = 1;
  private readonly chunks: Chunk[] = [];
  private readonly cellStarts: number[] = [];
  private readonly cellNumbers: number[] = [];
  private fileLineStarts?: number[];

  constructor(private readonly file: string) {}

  private readonly stringOffsets = new Map<JsonString, Int32Array>();

  /** `rawOffsets` of a string, read once (insertions and the position map share it). */
  private offsetsOf(string: JsonString): Int32Array {
    let offsets = this.stringOffsets.get(string);
    if (!offsets) this.stringOffsets.set(string, (offsets = rawOffsets(this.file, string)));
    return offsets;
  }

  /** The 1-based line of the file at `offset`. */
  private fileLine(offset: number): number {
    return lastAtOrBefore((this.fileLineStarts ??= lineStartsOf(this.file)), offset) + 1;
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) this.line++;
  }

  private atLineStart(): boolean {
    const last = this.parts[this.parts.length - 1];
    return last === undefined || last.endsWith('\n');
  }

  /**
   * A cell: its source strings, their joined value as Python (`renderIPython`: same length) and the
   * text inserted into it, each piece of which maps to the file place of the character it goes before.
   */
  cell(number: number, strings: JsonString[], code: string, insertions: readonly Insertion[] = []): void {
    if (!this.atLineStart()) this.push('\n');
    this.cellStarts.push(this.length);
    this.cellNumbers.push(number);
    let at = 0;
    let next = 0;
    const real = (string: JsonString, from: number, to: number): void => {
      if (to <= from) return;
      this.chunks.push({ start: this.length, string, from: from - at, length: to - from });
      this.push(code.slice(from, to));
    };
    const inserted = (text: string, fixed: number): void => {
      this.chunks.push({ start: this.length, fixed, length: text.length });
      this.push(text);
    };
    let lastString: JsonString | undefined;
    for (const string of strings) {
      const end = at + string.value.length;
      // Down to the file's line of the string, where the code is not past it already.
      if (this.atLineStart()) {
        const target = this.fileLine(string.start);
        if (target > this.line) this.push('\n'.repeat(target - this.line));
      }
      let from = at;
      // the file offsets of the string's characters, read once for all its insertions
      let offsets: Int32Array | undefined;
      for (; next < insertions.length && insertions[next].at < end; next++) {
        const { at: where, text } = insertions[next];
        real(string, from, where);
        inserted(text, (offsets ??= this.offsetsOf(string))[where - at]);
        from = where;
      }
      real(string, from, end);
      at = end;
      lastString = string;
    }
    // what goes at the very end of the cell (a last line without its line end)
    for (; next < insertions.length; next++) inserted(insertions[next].text, lastString ? this.offsetsOf(lastString)[lastString.value.length] : 0);
    if (!this.atLineStart()) this.push('\n');
  }

  done(cells: number): NotebookCode {
    const text = this.parts.join('');
    const chunks = this.chunks;
    const starts = (this.fileLineStarts ??= lineStartsOf(this.file));
    const chunkStarts = chunks.map((c) => c.start);
    const offsetsOf = (string: JsonString) => this.offsetsOf(string);
    const fileOffset = (offset: number): number => {
      // The last chunk starting at or before the offset; past its end (a padding line end), its end.
      if (chunks.length === 0 || offset < chunks[0].start) return 0;
      const chunk = chunks[lastAtOrBefore(chunkStarts, offset)];
      if (chunk.fixed !== undefined) return chunk.fixed;
      return offsetsOf(chunk.string!)[chunk.from! + Math.min(offset - chunk.start, chunk.length)];
    };
    return {
      text,
      cells,
      cellStarts: this.cellStarts,
      cellNumbers: this.cellNumbers,
      positionAt: (offset: number): Position => {
        const o = fileOffset(Math.max(0, Math.min(offset, text.length)));
        const line = lastAtOrBefore(starts, o);
        return { line: line + 1, column: o - starts[line] + 1 };
      },
    };
  }
}

/** The last notebook read (the prefilter and the parse ask for the same text in turn). */
let last: { text: string; code: NotebookCode | NotebookError } | undefined;

/** `notebookCode`, remembered for the last text (errors too). */
export function cachedNotebookCode(text: string): NotebookCode | NotebookError {
  if (last?.text !== text) {
    let code: NotebookCode | NotebookError;
    try {
      code = notebookCode(text);
    } catch (error) {
      code = error instanceof NotebookError ? error : new NotebookError(error instanceof Error ? error.message : String(error));
    }
    last = { text, code };
  }
  return last.code;
}
