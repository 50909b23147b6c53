import { lintTextWithDetails } from '@oculum/core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { lexicalMarks } from '../src/code-text.js';
import { parsePython, python } from '../src/index.js';
import { torchLoadRule } from './helpers.js';
import { BlankedCommentsSourceCode, pythonText } from '../src/parse-source.js';
import { MAX_GROUPS, RUN_LINES, hasLongRun, parseTextOf } from '../src/parse-text.js';
import { grammarWasmPath, parseTree } from '../src/parser.js';
import { PythonSourceCode } from '../src/source-code.js';

// tree-sitter-python's external scanner reads every following comment line again after each
// comment: a run of N comment lines cost O(N²) inside one uninterruptible parse call (10,000 lines:
// 36 s, then "cancelled" and the file's findings lost). Long runs are rewritten before the parse.

let grammar: Language;
beforeAll(async () => {
  await python.init!();
  grammar = await Language.load(grammarWasmPath());
});

/** Characters tree-sitter's lexer reads (skips and consumes, external scanner included) to parse `text`. */
function lexerSteps(text: string): number {
  const parser = new Parser();
  parser.setLanguage(grammar);
  let steps = 0;
  parser.setLogger((message, isLex) => {
    if (isLex && (message.startsWith('skip character') || message.startsWith('consume character'))) steps++;
  });
  parser.parse(text)?.delete();
  parser.delete();
  return steps;
}

/**
 * Characters tree-sitter's lexer reads in every parse `run` makes (the shared parser's, `parsePython`'s included),
 * counted by a logger put on the parser for the parse: the parse's work, whatever the host's speed. A parse that
 * reads 16 times its text is stopped there (the logger throws; the parse fails as a trap would), so a quadratic
 * parse fails its test at once instead of running for minutes.
 */
async function lexerStepsOf<T>(run: () => T | Promise<T>): Promise<{ steps: number; result: T }> {
  const parse = Parser.prototype.parse;
  let steps = 0;
  const spy = vi.spyOn(Parser.prototype, 'parse').mockImplementation(function (this: Parser, ...args: Parameters<Parser['parse']>) {
    const stop = steps + 16 * (typeof args[0] === 'string' ? args[0].length : 0);
    this.setLogger((message, isLex) => {
      if (isLex && (message.startsWith('skip character') || message.startsWith('consume character')) && ++steps > stop) throw new Error(`over ${stop} lexer steps`);
    });
    try {
      return parse.apply(this, args);
    } finally {
      try {
        this.setLogger(null);
      } catch {
        // a parser the failed parse left broken is freed and replaced by parseTree
      }
    }
  });
  try {
    const result = await run();
    return { steps, result };
  } finally {
    spy.mockRestore();
  }
}

/** Every named node but comments and continuations, with its offsets, in tree order. */
function codeNodes(root: Node): string[] {
  const out: string[] = [];
  const cursor = root.walk();
  for (;;) {
    const node = cursor.currentNode;
    if (node.isNamed && node.type !== 'comment' && node.type !== 'line_continuation') out.push(`${node.type}@${node.startIndex}-${node.endIndex}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out;
  }
}

/** The file parsed as it is, and with its runs of `runLines` rewritten: the same code nodes and comments. */
function expectSameParse(text: string, runLines: number, maxGroups = MAX_GROUPS): void {
  const source = pythonText(text);
  const prepared = parseTextOf(source, runLines, maxGroups);
  expect(prepared.text).not.toBe(source);
  expect(prepared.text.length).toBe(source.length);
  const plain = new PythonSourceCode('a.py', source, parseTree(source));
  const blanked = new BlankedCommentsSourceCode('a.py', source, parseTree(prepared.text), undefined, prepared.comments);
  expect(codeNodes(blanked.ast)).toEqual(codeNodes(plain.ast));
  expect(blanked.getComments()).toEqual(plain.getComments());
  plain.dispose();
  blanked.dispose();
}

const commentRun = (lines: number, indent = '') => `${indent}# hello\n`.repeat(lines);

describe('runs of comment lines (tree-sitter-python scanner, O(n²))', () => {
  it('the rewritten text costs the lexer a few reads per character, whatever the length of the run', () => {
    for (const lines of [2_000, 8_000]) {
      for (const text of [
        'import torch\n' + commentRun(lines) + 'torch.load(path)\n',
        'import torch\ndef f():\n    x = 1\n' + commentRun(lines, '    ') + '    torch.load(path)\n',
        'class A:\n    def f(self):\n        x = 1\n' + commentRun(lines, '    ') + '    def g(self): pass\n',
        'try:\n    x\n' + commentRun(lines) + 'except E:\n    pass\n',
        'import torch\nx = 1\n' + '\\\n'.repeat(lines) + 'torch.load(path)\n',
        'def f():\n    x = 1\n' + '    # c\n    \\\n\n'.repeat(lines / 2) + '    y\n',
      ]) {
        const prepared = parseTextOf(text).text;
        // The text as it is: ~lines/2 reads per character (a run of 400 lines: 200).
        expect(lexerSteps(prepared) / text.length, text.slice(0, 40)).toBeLessThan(8);
      }
    }
    // What the rewrite saves (small run: the text as it is is read quadratically).
    const text = 'import torch\n' + commentRun(400) + 'torch.load(path)\n';
    expect(lexerSteps(text) / text.length).toBeGreaterThan(150);
    expect(lexerSteps(parseTextOf(text).text) / text.length).toBeLessThan(8);
  });

  it('20,000 comment lines parse in a blink, with every comment and the finding after them', async () => {
    const text = 'import torch\n' + commentRun(20_000) + 'torch.load(path)\n';
    const { steps, result: sc } = await lexerStepsOf(() => parsePython(text));
    // The parser got a file of blank lines: only the first and the last comment are in the tree.
    expect(sc.ast.descendantsOfType('comment')).toHaveLength(2);
    expect(sc.getComments()).toHaveLength(20_000);
    expect(sc.getComments()[19_999]).toMatchObject({ value: ' hello', loc: { start: { line: 20_001, column: 1 } }, ownLine: true });
    expect(sc.ast.lastNamedChild!.text).toBe('torch.load(path)');
    expect(sc.parseErrors).toEqual([]);
    // a few reads per character (the text as it is: ~10,000 per character, minutes)
    expect(steps / text.length).toBeLessThan(8);
  });

  it('indented comment blocks and continuation runs in a function parse fast too', async () => {
    for (const text of [
      'import torch\ndef f():\n    x = 1\n' + commentRun(20_000, '    ') + '    torch.load(path)\n',
      'import torch\ndef f():\n    x = 1\n' + '    \\\n'.repeat(20_000) + '    torch.load(path)\n',
      // past an unterminated triple-quoted string (a file the scanner cannot read to the end)
      'import torch\ns = """\n' + commentRun(20_000) + 'torch.load(path)\n',
    ]) {
      const { steps, result: sc } = await lexerStepsOf(() => parsePython(text));
      expect(steps / text.length, text.slice(0, 40)).toBeLessThan(8);
      expect(sc.ast.descendantsOfType('call').length).toBeGreaterThan(0);
      sc.dispose();
    }
  });

  it('the tree is the one the text gives: same code nodes at the same offsets, same comments', () => {
    const shapes = [
      'import torch\n' + commentRun(40) + 'torch.load(path)\n',
      '# licence\n# header\n#\n# more\n\nimport os\n',
      'def f():\n    x = 1\n' + commentRun(10, '    ') + commentRun(10) + 'y = 2\n',
      'class A:\n    def f(self):\n        x = 1\n        # in f\n        # in f\n    # in A\n    # in A\n    # in A\n# out\n# out\n# out\n    def g(self):\n        pass\n',
      'if a:\n    if b:\n        x\n\t# tab\n        # eight\n    # four\n    # four\n\n    # four\n# zero\n# zero\nelse:\n    y\n',
      'def f():\n    x = 1\r\n    # crlf\r\n    # crlf\r\n\r\n    # crlf\r\n    return x\r\n',
      'def f():\n    x = 1\n    # a\n    \\\n    \\\n    # b\n    # c\n    \\\n    \\\n    return x\n',
      'x = 1 + \\\n\\\n# c\n# c\n\\\n\\\n  2\ny = 3\n',
      'def f():\n    x = 1\n    \\\n\n    \\\n    # c\n    # c\n\f# ff\n    # c\n    return x\n# end\n# end\n\\\n',
      'try:\n    x\n# c\n# c\n# c\n    # c\n    # c\n    # c\n# c\n# c\n# c\nexcept E:\n    pass\n',
      'def f():\n    return 1\n' + '    # deep\n# shallow\n'.repeat(20) + 'g()\n',
    ];
    for (const text of shapes.slice(0, -1)) expectSameParse(text, 2, Infinity);
    // Past MAX_GROUPS indentation changes only the first and last comment of the run stay (the
    // same code nodes here; a block may then end at a different comment).
    expectSameParse(shapes[shapes.length - 1], 2);
  });

  it('comment-like lines inside strings are left alone', () => {
    const body = '# not a comment\n'.repeat(RUN_LINES * 2);
    const text = `import torch\nS = """\n${body}"""\nB = b'''\\\n${body}'''\n${commentRun(RUN_LINES * 2)}torch.load(S)\n`;
    const prepared = parseTextOf(text);
    expect(prepared.comments.length / 2).toBe(RUN_LINES * 2 - 2);
    const stringsEnd = text.indexOf("'''\n#") + 4;
    expect(prepared.text.slice(0, stringsEnd)).toBe(text.slice(0, stringsEnd));
    expect(prepared.text.slice(stringsEnd)).toBe('# hello\n' + `${' '.repeat(7)}\n`.repeat(RUN_LINES * 2 - 2) + '# hello\ntorch.load(S)\n');
    const sc = parsePython(text);
    const [s, b] = sc.ast.descendantsOfType('string');
    expect(sc.constant(s)).toBe('\n' + body);
    expect(sc.getText(b)).toBe(`b'''\\\n${body}'''`);
  });

  it('short runs and files without comment runs are given to the parser as they are', () => {
    const text = 'import torch\n' + commentRun(RUN_LINES - 1) + 'x = 1\n\n' + commentRun(RUN_LINES - 1) + 'torch.load(path)  # trailing\n';
    expect(hasLongRun(text)).toBe(false);
    expect(parseTextOf(text)).toEqual({ text, comments: [] });
    expect(parsePython(text)).not.toBeInstanceOf(BlankedCommentsSourceCode);
    // a run counts comment and continuation lines, not blank ones
    expect(hasLongRun('x\n' + '# c\n\n'.repeat(RUN_LINES) + 'y\n')).toBe(true);
    expect(hasLongRun('x\n' + '\n'.repeat(1000) + 'y\n')).toBe(false);
  });

  it('directives inside a long comment run still apply', async () => {
    const rule = torchLoadRule();
    // The review's dir_many_next_line shape, and a block directive in the middle of a run.
    const text =
      'import torch\n' +
      '# oculum-ignore-next-line\n\n'.repeat(5_000) +
      '# oculum-ignore-next-line -- reviewed\ntorch.load(a)\n' +
      commentRun(100) +
      '# oculum-ignore-start\n' +
      commentRun(100) +
      'torch.load(b)\n' +
      commentRun(100) +
      '# oculum-ignore-end\n' +
      commentRun(100) +
      'torch.load(c)\n';
    const { steps, result: { result } } = await lexerStepsOf(() => lintTextWithDetails({ path: 'a.py', text, language: python, rules: [{ id: 't/loads', rule, level: 'error' }] }));
    expect(steps / text.length).toBeLessThan(8);
    expect(result.findings.map((f) => [f.line, f.suppressed?.justification ?? !!f.suppressed])).toEqual([
      [10_003, 'reviewed'],
      [10_205, true],
      [10_407, false],
    ]);
    // 5,000 next-line directives that cover a blank line each: reported as unused, as before.
    expect(result.diagnostics.filter((d) => /Unused directive/.test(d.message))).toHaveLength(5_000);
  });
});

describe('lexicalMarks', () => {
  it('finds comments and continuations outside strings, past unbalanced brackets and unterminated single-quoted strings', () => {
    const text = 'x = (1  # a\n"# no" \\\n  2\ny = \'open\n# b\n"""\n# no\n"""\n]\n# c\n';
    const marks = lexicalMarks(text);
    const comments: string[] = [];
    for (let k = 0; k < marks.comments.length; k += 2) comments.push(text.slice(marks.comments[k], marks.comments[k + 1]));
    expect(comments).toEqual(['# a', '# b', '# c']);
    expect(marks.continuations).toEqual([text.indexOf('\\')]);
    expect(marks.certain).toBe(text.length);
  });

  it('stops being certain at a triple-quoted string it cannot read', () => {
    const text = '# a\ns = """\n# inside\n';
    expect(lexicalMarks(text)).toEqual({ comments: [0, 3], continuations: [], certain: text.indexOf('"""') });
    const field = 'x = f"""{y # comment in a field\n}"""\n# c\n';
    expect(lexicalMarks(field).certain).toBe(field.indexOf('f"""'));
  });
});

describe('parse budget', () => {
  it('states the time the parse actually took', async () => {
    const big = 'x = [' + '(1, "a"), '.repeat(200_000) + ']\n';
    const error = (() => {
      try {
        parsePython(big, 'big.py', 1);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    const m = /cancelled after (\d+) ms, over its 1 ms budget/.exec(error?.message ?? '');
    expect(m, error?.message).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(1);
  });
});
