import { createRule, lintText, type Rule } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { blankIPython, notebookCode, NotebookError, python, renderIPython } from '../src/index.js';

/** A notebook as Jupyter writes it: `json.dump(nb, indent=1)`, each source line a string of its own line. */
function notebook(cells: Array<{ type?: string; source: string[] | string; metadata?: object }>, metadata: object = { kernelspec: { language: 'python', name: 'python3' } }): string {
  return JSON.stringify(
    {
      cells: cells.map((c) => ({ cell_type: c.type ?? 'code', execution_count: null, metadata: c.metadata ?? {}, outputs: [], source: c.source })),
      metadata,
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** The 1-based line and column of the first occurrence of `needle` in the notebook file. */
function where(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

/** Reports every call of a function named `load` (whatever it is): enough to see positions and fixes. */
const loadCalls: Rule = createRule({
  name: 'load-calls',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'high',
    languages: ['python'],
    triggers: ['load'],
    docs: { description: 'load calls', recommended: true },
    messages: { call: 'a load call', add: 'add weights_only' },
    remediation: 'Do not.',
    fixable: 'code',
    hasSuggestions: true,
  },
  create(context) {
    return {
      call(node: any) {
        const callee = node.childForFieldName('function');
        if (callee?.text.endsWith('load')) {
          context.report({
            node,
            messageId: 'call',
            fix: (fixer) => fixer.insertTextAfter(node, '  # fixed'),
            suggest: [{ messageId: 'add', fix: (fixer) => fixer.insertTextAfter(node, ' # s') }],
          });
        }
      },
    };
  },
});

async function lint(text: string, path = '/nb/explore.ipynb') {
  return lintText({ path, text, language: python, rules: [{ id: 't/load', rule: loadCalls, level: 'error' }], cwd: '/nb' });
}

describe('Jupyter notebooks', () => {
  it('joins the code cells into one module, each line on its line of the notebook file', () => {
    const text = notebook([
      { type: 'markdown', source: ['# torch.load in prose\n'] },
      { source: ['import torch\n', 'm = torch.load("a.pt")'] },
      { source: ['n = torch.load("b.pt")\n'] },
    ]);
    const code = notebookCode(text);
    expect(code.cells).toBe(2);
    const lines = code.text.split('\n');
    const fileLines = text.split('\n');
    for (const needle of ['import torch', 'm = torch.load("a.pt")', 'n = torch.load("b.pt")']) {
      const { line } = where(text, needle.replace(/"/g, '\\"'));
      expect(lines[line - 1]).toBe(needle);
      expect(fileLines[line - 1]).toContain(needle.replace(/"/g, '\\"'));
    }
    // the markdown cell is not code
    expect(code.text).not.toContain('prose');
  });

  it('maps positions through the JSON escapes of a line, and of a cell written as one string', () => {
    const text = notebook([
      { source: ['s = "say \\"hi\\"" + "\\u00e9"; r = torch.load(s)\n'] },
      { source: 'import torch\nx = 1\ny = torch.load("\\t")\n' },
    ]);
    const code = notebookCode(text);
    const first = code.text.indexOf('torch.load(s)');
    expect(code.positionAt(first)).toEqual(where(text, 'torch.load(s)'));
    expect(code.positionAt(first + 'torch.load(s)'.length)).toEqual({ ...where(text, 'torch.load(s)'), column: where(text, 'torch.load(s)').column + 13 });
    const second = code.text.indexOf('torch.load("\\t")');
    expect(second).toBeGreaterThan(0);
    expect(code.positionAt(second)).toEqual(where(text, 'torch.load(\\"\\\\t\\")'));
  });

  it('blanks IPython syntax: line magics, shell lines, help, assigned commands, cell magics of other languages', () => {
    expect(blankIPython('%matplotlib inline\nx = 1\n')).toBe('                  \nx = 1\n');
    // `files = !ls -la`: the command runs (read as `files = os.system(...)`, see below); a magic's value is `0`
    expect(blankIPython('files = !ls -la\nt = %timeit -o f()\n')).toBe('files =  ls -la\nt = 0             \n');
    expect(blankIPython('torch.load?\n??np.load\nif a != b: pass\n')).toBe('           \n         \nif a != b: pass\n');
    expect(blankIPython('%%html\n<script>torch.load(x)</script>\n')).toBeUndefined();
    expect(blankIPython('%%time\nm = torch.load(p)\n')).toBe('      \nm = torch.load(p)\n');
    // a statement after `%time` / `%timeit` (options and all) runs: read in place, same columns
    expect(blankIPython('%time m = torch.load(p)\n')).toBe('if 1: m = torch.load(p)\n');
    expect(blankIPython('  %timeit -n 10 -r 3 -o torch.load(p)\n')).toBe('  if 1:                 torch.load(p)\n');
    expect(blankIPython('%matplotlib inline\n%time\n')).toBe('                  \n     \n');
    // a compound statement cannot follow `if 1:` on its line: left out
    expect(blankIPython('%time for i in range(3): f(i)\n')).toBe(`${' '.repeat('%time for i in range(3): f(i)'.length)}\n`);
    // `%%writefile`: Python when the file is; automagic `pip install` is not Python
    expect(blankIPython('%%writefile run.sh\npython -c "x"\n')).toBeUndefined();
    expect(blankIPython('%%script perl\nprint 1\n')).toBeUndefined();
    expect(blankIPython('%%writefile -a train.py\nimport torch\n')).toBe(`${' '.repeat('%%writefile -a train.py'.length)}\nimport torch\n`);
    expect(blankIPython('pip install transformers\nconda install -y torch\npip = 3\n')).toBe('                        \n                      \npip = 3\n');
    // `%` inside an expression and `!=` are Python
    expect(blankIPython('x = a % b\ny = c != d\n')).toBe('x = a % b\ny = c != d\n');
  });

  it('reads a shell line (`!cmd`, a `%%bash` cell) as Python that runs the command, the command in place', () => {
    const bang = renderIPython('import torch\n    !wget -q http://x/m.pt\n!echo "a" \'b\'\n!echo \'\'\' """\n')!;
    // the `!` blanked, the command kept; what runs it inserted before it and after it
    // a command holding both kinds of triple quotes cannot be quoted: blanked
    expect(bang.code).toBe(`import torch\n     wget -q http://x/m.pt\n echo "a" 'b'\n${' '.repeat(13)}\n`);
    expect(bang.insertions).toEqual([
      { at: 17, text: "import os as __ipython_shell; __ipython_shell.system(r'''" },
      { at: 39, text: "''')" },
      { at: 40, text: 'import os as __ipython_shell; __ipython_shell.system(r"""' },
      { at: 53, text: '""")' },
    ]);
    const bash = renderIPython('%%bash\n  curl -k -o m.bin https://x/m.bin\n# note\n')!;
    expect(bash.code).toBe('      \n  curl -k -o m.bin https://x/m.bin\n      \n');
    expect(bash.insertions.map((i) => i.at)).toEqual([7, 41]);
    // as the notebook's code: one line each, at the notebook's places
    const text = notebook([{ source: ['import torch\n', '    !wget -q http://x/m.pt\n'] }, { source: '%%bash\ncurl -k https://x/m.bin' }]);
    const code = notebookCode(text);
    const lines = code.text.split('\n');
    const { line } = where(text, '!wget');
    expect(lines[line - 1]).toBe("    import os as __ipython_shell; __ipython_shell.system(r''' wget -q http://x/m.pt''')");
    expect(lines).toContain("import os as __ipython_shell; __ipython_shell.system(r'''curl -k https://x/m.bin''')");
    // the inserted text maps to the place of the `!`, the command to its own characters
    const call = code.text.indexOf('import os', code.text.indexOf('import torch') + 1);
    expect(code.positionAt(call)).toEqual(where(text, '!wget'));
    expect(code.positionAt(code.text.indexOf('wget -q'))).toEqual(where(text, 'wget -q'));
  });

  it('reads the Python values IPython expands in a command (`{expr}`, `$name`) as an f-string', () => {
    const brace = renderIPython('url = "https://x/m.pt"\n!wget {url} -O {paths["out"]}\n')!;
    expect(brace.code).toBe('url = "https://x/m.pt"\n wget {url} -O {paths["out"]}\n');
    expect(brace.insertions).toEqual([
      { at: 23, text: "import os as __ipython_shell; __ipython_shell.system(rf\'\'\'" },
      { at: 52, text: "\'\'\')" },
    ]);
    // `$URL` becomes `{URL}`: the `$` in place, a `}` inserted after the name
    // `%env NAME=value`: an assignment to os.environ, the name and the value in place
    const env = renderIPython('%env TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1\n  %set_env A  b c \n%env\n%env FOO\n%env X=a\'\'\'b"""c\n')!;
    expect(env.code).toBe(`     TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD 1\n           A  b c \n    \n${' '.repeat(8)}\n${' '.repeat(16)}\n`);
    expect(env.insertions.map((x) => [x.at, x.text])).toEqual([
      [0, 'import os as __ipython_shell; __ipython_shell.environ['],
      [5, "r'''"],
      [37, "'''] ="],
      [38, "r'''"],
      [39, "'''"],
      [42, 'import os as __ipython_shell; __ipython_shell.environ['],
      [51, "r'''"],
      [52, "'''] ="],
      [54, "r'''"],
      [57, "'''"],
    ]);
    // `out = !wget …`: the command runs; the assignment stays, the call goes after it
    const assigned = renderIPython('  out = !wget -q {url} -O m.pt\n')!;
    expect(assigned.code).toBe('  out =  wget -q {url} -O m.pt\n');
    expect(assigned.insertions).toEqual([
      { at: 2, text: 'import os as __ipython_shell; ' },
      { at: 9, text: "__ipython_shell.system(rf'''" },
      { at: 30, text: "''')" },
    ]);
    const dollar = renderIPython('!wget -q $URL -O $cfg.out\n')!;
    expect(dollar.code).toBe(' wget -q {URL -O {cfg.out\n');
    expect(dollar.insertions).toEqual([
      { at: 0, text: "import os as __ipython_shell; __ipython_shell.system(rf\'\'\'" },
      { at: 13, text: '}' },
      { at: 25, text: '}' },
      { at: 25, text: "\'\'\')" },
    ]);
    // braces that are no such expression, `${VAR}`, shell `$1` and `$$`: the raw command as before
    for (const command of ["!awk '{print $1}' f.txt", '!echo ${HOME}/m.pt', '!echo $1 $$ {{x}}', '!wget https://x/m.pt']) {
      expect(renderIPython(`${command}\n`)!.insertions[0].text, command).toBe("import os as __ipython_shell; __ipython_shell.system(r\'\'\'");
    }
    // a command of thousands of `$name`s: rendered in one pass, and left raw past 256 of them
    const many = renderIPython(`!wget ${'$u '.repeat(100_000)}\n`)!;
    expect(many.insertions).toHaveLength(2);
    expect(renderIPython(`!wget ${'$u '.repeat(200)}\n`)!.insertions).toHaveLength(202);
    // as a notebook: the download's URL read through the name
    const code = notebookCode(notebook([{ source: 'URL = "https://x/models/m.pth"\n!wget $URL' }, { source: '%%shell\ncurl -L https://x/n.pth -o n.pth' }]));
    expect(code.text).toContain("__ipython_shell.system(rf\'\'\' wget {URL}\'\'\')");
    expect(code.text).toContain("__ipython_shell.system(r\'\'\'curl -L https://x/n.pth -o n.pth\'\'\')");
  });

  it('reads a command or magic that a backslash continues as one (IPython and the shell join the lines)', () => {
    const bang = renderIPython('import torch\n!wget -q \\\n    https://x/m.pt \\\n    -O m.pt\nm = torch.load("m.pt")\n')!;
    // one command over three lines: the backslashes read as the spaces the join leaves, the lines kept
    expect(bang.code).toBe('import torch\n wget -q  \n    https://x/m.pt  \n    -O m.pt\nm = torch.load("m.pt")\n');
    expect(bang.insertions).toEqual([
      { at: 13, text: "import os as __ipython_shell; __ipython_shell.system(r'''" },
      { at: 'import torch\n!wget -q \\\n    https://x/m.pt \\\n    -O m.pt'.length, text: "''')" },
    ]);
    const bash = renderIPython('%%bash\ncurl -L \\\n  http://x/m.bin \\\n  -o m.bin\necho done\n')!;
    expect(bash.code).toBe('      \ncurl -L  \n  http://x/m.bin  \n  -o m.bin\necho done\n');
    expect(bash.insertions.map((i) => i.at)).toEqual([7, '%%bash\ncurl -L \\\n  http://x/m.bin \\\n  -o m.bin'.length, '%%bash\ncurl -L \\\n  http://x/m.bin \\\n  -o m.bin\n'.length, '%%bash\ncurl -L \\\n  http://x/m.bin \\\n  -o m.bin\necho done'.length]);
    // in a shell cell the shell decides: a comment, an escaped backslash or one inside single quotes continues nothing
    const comment = renderIPython('%%bash\n# fetch the weights \\\nwget http://x/m.pt\necho \'a \\\'\nwget http://x/n.pt\necho a \\\\\nwget http://x/o.pt\n')!;
    const commentLines = comment.code.split('\n');
    expect(commentLines[1].trim()).toBe('');
    // each download its own command, on its own line
    expect([commentLines[2], commentLines[4], commentLines[6]]).toEqual(['wget http://x/m.pt', 'wget http://x/n.pt', 'wget http://x/o.pt']);
    expect(comment.insertions.filter((x) => x.text.endsWith(')')).map((x) => x.at)).toEqual([2, 3, 4, 6].map((line) => '%%bash\n# fetch the weights \\\nwget http://x/m.pt\necho \'a \\\'\nwget http://x/n.pt\necho a \\\\\nwget http://x/o.pt\n'.split('\n').slice(0, line + 1).join('\n').length));
    expect(comment.insertions.filter((x) => x.text.startsWith('import os')).length).toBe(4);
    // magics, automagic and assigned commands: their continued lines are not Python either
    expect(blankIPython('%pip install torch \\\n    transformers\nx = 1\n')).toBe(`${' '.repeat(20)}\n${' '.repeat(16)}\nx = 1\n`);
    expect(blankIPython('pip install -q \\\n  peft\nx = 1\n')).toBe(`${' '.repeat(16)}\n${' '.repeat(6)}\nx = 1\n`);
    expect(blankIPython('out = %sx ls \\\n  -la\nx = 1\n')).toBe(`out = 0       \n${' '.repeat(5)}\nx = 1\n`);
    // an assigned shell command: the backslash joins its lines, as for `!cmd`
    expect(blankIPython('out = !ls \\\n  -la\nx = 1\n')).toBe('out =  ls  \n  -la\nx = 1\n');
    // `%time stmt \`: the statement's own continuation is Python, kept
    expect(blankIPython('%time m = torch.load(p, \\\n    map_location="cpu")\n')).toBe('if 1: m = torch.load(p, \\\n    map_location="cpu")\n');
  });

  it('reads IPython syntax only where a statement starts: not in a continued expression or a string', () => {
    const code = 'path = ("%s/model.pt"\n        % root)\nm = torch.load(path)\ndoc = \"\"\"\n!important: read me\n%not a magic\n\"\"\"\nx = 1 + \\\n    2\n!echo it\'s\nn = torch.load(p)\n';
    const rendered = renderIPython(code)!;
    // the continuation, the string's lines and the backslash continuation are Python, kept as they are
    expect(rendered.code.split('\n').slice(0, 9)).toEqual(code.split('\n').slice(0, 9));
    // the shell line after them is one (its quote opens no string): the next statement is still Python
    expect(rendered.code.split('\n')[9]).toBe(" echo it's");
    expect(rendered.code.split('\n')[10]).toBe('n = torch.load(p)');
  });

  it('reads strings as lang-python does: an f-string with the same quotes in a field (PEP 701) ends where Python ends it', () => {
    const code = 'label = f"{names["a"]} (%)"\n%matplotlib inline\nx = 1\n';
    expect(renderIPython(code)!.code).toBe('label = f"{names["a"]} (%)"\n                  \nx = 1\n');
  });

  it('inserts shell text in time linear in the cell (a cell stored as one string of 5,000 shell lines)', () => {
    const text = notebook([{ source: '!ls -la /tmp/some/dir\n'.repeat(5000) + 'import torch\nm = torch.load(p)\n' }]);
    // 72 s before the string's offsets were read once per string (200 KB), from its start at each insertion: the
    // characters looked at are a few per character of the file now (a count, stopped past the bound, not a time)
    const { value: code, reads } = countingCharReads(() => notebookCode(text), 8 * text.length);
    expect(code.text).toContain('torch.load(p)');
    expect(reads).toBeLessThan(8 * text.length);
  });

  it('reads nothing of a notebook whose kernel is not Python, nor cells in another language', () => {
    const r = notebook([{ source: ['x <- readRDS("m.rds")\n', 'torch.load("a")\n'] }], { kernelspec: { language: 'R', name: 'ir' } });
    expect(notebookCode(r).text.trim()).toBe('');
    const vscode = notebook([{ source: ['torch.load("a")\n'], metadata: { vscode: { languageId: 'javascript' } } }, { source: ['import torch\n'] }]);
    expect(notebookCode(vscode).text.trim()).toBe('import torch');
  });

  it('reads nbformat 3 (worksheets, input)', () => {
    const text = JSON.stringify({ worksheets: [{ cells: [{ cell_type: 'code', language: 'python', input: ['import torch\n', 'torch.load(p)\n'] }] }], nbformat: 3 }, null, 1);
    expect(notebookCode(text).text).toContain('torch.load(p)');
  });

  it('says what is wrong with a file that is not a notebook, and survives hostile JSON', () => {
    expect(() => notebookCode('{"cells": [')).toThrow(NotebookError);
    expect(() => notebookCode('{"cells": [')).toThrow(/invalid JSON at line 1, column 12/);
    expect(() => notebookCode('[1, 2]')).toThrow(/not an object/);
    expect(() => notebookCode('{"nbformat": 4}')).toThrow(/no "cells"/);
    expect(() => notebookCode('"\\x"')).toThrow(/invalid escape/);
    // nesting deeper than the reader recurses: read without recursion, as strictly (no stack overflow)
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => notebookCode(deep)).toThrow(/not an object/);
    expect(() => notebookCode(`{"metadata": ${'['.repeat(100_000)}1, {"a": }${']'.repeat(100_000)}}`)).toThrow(/invalid JSON at line 1, column 100023: unexpected "}"/);
    expect(() => notebookCode(`{"metadata": ${'{"w": '.repeat(300)}1${'}'.repeat(299)}, "cells": []}`)).toThrow(/expected "," or "}"/);
  });

  it('reads the code of a notebook whose metadata nests deeper than the reader recurses (widget state)', () => {
    const widgets = `${'{"w": ['.repeat(150)}{"x": [1, "s", true, null, {}], "y": []}${']}'.repeat(150)}`;
    const text = `{"metadata": {"widgets": ${widgets}}, "nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": ["import torch\\n", "m = torch.load(p)"]}]}`;
    expect(JSON.parse(text).cells).toHaveLength(1);
    expect(notebookCode(text).text).toContain('m = torch.load(p)');
  });

  it('reports findings at the notebook lines and columns, and never offers fixes for them', async () => {
    const text = notebook([
      { source: ['!wget -q http://example.com/model.pt\n', 'import torch\n', 'm = torch.load("model.pt")'] },
      { type: 'markdown', source: ['m = torch.load("doc.pt")\n'] },
      { source: ['# oculum-ignore-next-line\n', 'n = torch.load("ok.pt")\n', 'o = torch.load("other.pt")  # oculum-ignore\n'] },
    ]);
    const result = await lint(text);
    const shown = result.findings.map((f) => ({ line: f.line, column: f.column, endColumn: f.endColumn, suppressed: f.suppressed !== undefined, fix: f.fix, suggestions: f.suggestions }));
    const a = where(text, 'torch.load(\\"model.pt\\")');
    const b = where(text, 'torch.load(\\"ok.pt\\")');
    const c = where(text, 'torch.load(\\"other.pt\\")');
    expect(shown).toEqual([
      { ...a, endColumn: a.column + 'torch.load(\\"model.pt\\")'.length, suppressed: false, fix: undefined, suggestions: undefined },
      { ...b, endColumn: b.column + 'torch.load(\\"ok.pt\\")'.length, suppressed: true, fix: undefined, suggestions: undefined },
      { ...c, endColumn: c.column + 'torch.load(\\"other.pt\\")'.length, suppressed: true, fix: undefined, suggestions: undefined },
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('a .py file still gets its fixes', async () => {
    const result = await lint('m = torch.load("model.pt")\n', '/nb/a.py');
    expect(result.findings[0].fix).toBeDefined();
  });

  it('reports a notebook that cannot be read as a parse error, even with no trigger word in it', async () => {
    const result = await lint('{"cells": [ {"cell_type": "code", "source": ["x = 1\\n"] ', '/nb/broken.ipynb');
    expect(result.findings).toEqual([]);
    expect(result.diagnostics.map((d) => [d.kind, d.message])).toEqual([['parse-error', expect.stringMatching(/notebook.*invalid JSON at line 1/i)]]);
  });

  it('the prefilter reads the code cells only: a word in markdown or outputs costs no parse', () => {
    const text = notebook([{ type: 'markdown', source: ['torch.load(x)\n'] }, { source: ['print(1)\n'] }]);
    expect(python.prefilterText!(text, '/nb/a.ipynb')).not.toContain('load');
    expect(python.mustParse!(text, '/nb/a.ipynb')).toBe(false);
    expect(python.mustParse!('not json', '/nb/a.ipynb')).toBe(true);
    expect(python.mustParse!('not python', '/nb/a.py')).toBe(false);
  });
});

describe('notebook size', () => {
  it('a notebook may be 64 times the size limit (outputs: Kaggle notebooks of plots run to tens of MB), a .py file may not', () => {
    expect(python.fileSizeLimit!('/a/b.ipynb', 2 * 1024 * 1024)).toBe(128 * 1024 * 1024);
    expect(python.fileSizeLimit!('/a/b.py', 2 * 1024 * 1024)).toBe(2 * 1024 * 1024);
  });

  it('reads a notebook of 12 MB of outputs by runs, not character by character', () => {
    const big = JSON.stringify({ cells: [{ cell_type: 'code', source: ['import torch\n', 'torch.load(p)\n'], outputs: [{ data: { 'image/png': 'iVBOR'.repeat(2_400_000) } }] }], metadata: {} }, null, 1);
    // a string's plain runs are taken by one pattern each, never a character at a time: of the 12 M characters, a
    // hundred or so are looked at one by one (137 now); a reader going through the outputs character by character
    // would look at millions
    const { value: code, reads } = countingCharReads(() => notebookCode(big), 100_000);
    expect(code.text).toContain('torch.load(p)');
    expect(reads).toBeLessThan(10_000);
  });
});

describe('notebook cells run apart (sameRun)', () => {
  it('two places of one cell run together; two cells may not; a .py file is one run', async () => {
    const text = notebook([{ source: ['a(1)\n', 'b(2)\n'] }, { source: ['c(3)\n'] }]);
    const sc = await python.parse({ path: '/nb/x.ipynb', text, settings: {}, depth: 'standard' });
    const call = (name: string) => sc.ast.descendantsOfType('call').find((c) => c!.text.startsWith(`${name}(`))!;
    expect(sc.sameRun(call('a'), call('b'))).toBe(true);
    expect(sc.sameRun(call('a'), call('c'))).toBe(false);
    const py = await python.parse({ path: '/nb/x.py', text: 'a(1)\n\nc(3)\n', settings: {}, depth: 'standard' });
    const pyCall = (name: string) => py.ast.descendantsOfType('call').find((c) => c!.text.startsWith(`${name}(`))!;
    expect(py.sameRun(pyCall('a'), pyCall('c'))).toBe(true);
  });

  it('names a line with its cell in a notebook (markdown and skipped cells counted), as the line alone in a .py file', async () => {
    const text = notebook([{ source: ['a(1)\n'] }, { type: 'markdown', source: ['# Title\n'] }, { source: ['%%html\n', '<b>x</b>\n'] }, { source: ['x = 1\n', 'c(3)\n'] }]);
    const sc = await python.parse({ path: '/nb/x.ipynb', text, settings: {}, depth: 'standard' });
    const call = (name: string) => sc.ast.descendantsOfType('call').find((c) => c!.text.startsWith(`${name}(`))!;
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(sc.lineLabel(call('a'))).toBe(`${line('a(1)')} (cell 1)`);
    expect(sc.lineLabel(call('c'))).toBe(`${line('c(3)')} (cell 4)`);
    const py = await python.parse({ path: '/nb/x.py', text: 'a(1)\n\nc(3)\n', settings: {}, depth: 'standard' });
    expect(py.lineLabel(py.ast.descendantsOfType('call')[1]!)).toBe('3');
  });
});

describe('hostile notebooks', () => {
  /** A small deterministic PRNG (mulberry32): the same inputs on every run. */
  function prng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('every mutation of a notebook is read or refused with a NotebookError, and maps inside the file', async () => {
    const base = notebook([
      { source: ['import torch\n', '!wget -q http://x/m.pt\n', '%time m = torch.load("\\u00e9.pt")\n'] },
      { source: '%%bash\ncurl -k https://x/m.bin\n' },
      { type: 'markdown', source: ['# t\n'] },
      { source: ['x = "\\"q\\"" # c\n', 'y = 1'] },
    ]);
    const random = prng(7);
    const pieces = ['"', '\\', '\\u', '\\n', '{', '}', '[', ']', ',', ':', '!', '%%bash\\n', '\n', '\r\n', '\u2028', "'''", '"""', 'null', '"source"', '"cell_type": "code"'];
    let read = 0;
    for (let i = 0; i < 2000; i++) {
      let text = base;
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const at = Math.floor(random() * text.length);
        const cut = Math.floor(random() * 4);
        text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + cut);
      }
      let code;
      try {
        code = notebookCode(text);
      } catch (error) {
        expect(error).toBeInstanceOf(NotebookError);
        continue;
      }
      read++;
      const lines = text.split(/\r\n|\r|\n/).length;
      if (read % 10 === 0) {
        // linted as a file: findings and parse problems inside the file, never a crash
        const result = await lint(text);
        for (const f of result.findings) expect(f.line).toBeLessThanOrEqual(lines);
        for (const d of result.diagnostics) expect(d.kind === 'parse-error' || d.kind === 'unused-directive').toBe(true);
      }
      for (let o = 0; o <= code.text.length; o += Math.max(1, Math.floor(code.text.length / 17))) {
        const p = code.positionAt(o);
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(lines);
        expect(p.column).toBeGreaterThanOrEqual(1);
      }
    }
    // most mutations still parse as JSON somewhere: both paths are exercised
    expect(read).toBeGreaterThan(100);
  });
});

describe('notebook findings: fingerprints and directives by the code, not the JSON layout', () => {
  it('a finding keeps its fingerprint whether the JSON is indented or not, and when a line is added below', async () => {
    const cells = (extra: string[]) => [{ source: ['import torch\n', 'm = torch.load("a.pt")\n', ...extra] }];
    const indented = await lint(notebook(cells([])));
    const compact = await lint(JSON.stringify(JSON.parse(notebook(cells([])))));
    const grown = await lint(notebook(cells(['n = 1\n'])));
    expect(indented.findings.length).toBe(1);
    expect(compact.findings[0].fingerprint).toBe(indented.findings[0].fingerprint);
    expect(grown.findings[0].fingerprint).toBe(indented.findings[0].fingerprint);
  });

  it('in a cell stored as one string, a directive covers the code line it names, not the whole cell', async () => {
    const text = notebook([
      {
        source:
          'import torch\n# oculum-ignore-next-line\na = torch.load("a.pt")\nb = torch.load("b.pt")\nc = torch.load("c.pt")  # oculum-ignore\nd = torch.load("d.pt")\n# oculum-ignore-next-line\nx = 1\n',
      },
    ]);
    const result = await lint(text);
    const state = result.findings.map((f) => [f.column, f.suppressed !== undefined]);
    const col = (needle: string) => where(text, needle).column;
    expect(state).toEqual([
      [col('torch.load(\\"a.pt'), true],
      [col('torch.load(\\"b.pt'), false],
      [col('torch.load(\\"c.pt'), true],
      [col('torch.load(\\"d.pt'), false],
    ]);
    // the directive that suppresses nothing is reported at its place in the file
    const unused = result.diagnostics.filter((d) => d.kind === 'unused-directive');
    expect(unused.map((d) => [d.line, d.column])).toEqual([[where(text, '# oculum-ignore-next-line\\nx').line, text.lastIndexOf('# oculum-ignore-next-line') - text.lastIndexOf('\n', text.lastIndexOf('# oculum-ignore-next-line'))]]);
  });
});

/**
 * Runs `run` counting the characters read with `String.prototype.charCodeAt` (the notebook reader's and the offset
 * map's one way of looking at a character); past `stopAt` reads it throws, so a quadratic read fails on the count at
 * once instead of running for minutes. A plain counter: a spy would keep every call.
 */
function countingCharReads<T>(run: () => T, stopAt: number): { value: T; reads: number } {
  const original = String.prototype.charCodeAt;
  let reads = 0;
  String.prototype.charCodeAt = function (this: string, index: number): number {
    if (++reads > stopAt) throw new Error(`more than ${stopAt} characters read`);
    return original.call(this, index);
  };
  try {
    return { value: run(), reads };
  } finally {
    String.prototype.charCodeAt = original;
  }
}
