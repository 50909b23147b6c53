import { describe, expect, it } from 'vitest';
import { parse } from '@typescript-eslint/typescript-estree';
import { javascript, jsCodeText, jsComments, parseJs } from '../src/index.js';

describe('jsCodeText (what the trigger prefilter reads)', () => {
  it('leaves out line and block comments, one space each', () => {
    const text = '// see http://example.com/LICENSE\nconst a = 1; /* http://x */ const b = 2;\n/**\n * @see http://y\n */\nexport { a, b };\n';
    expect(jsCodeText(text)).toBe(' \nconst a = 1;   const b = 2;\n \nexport { a, b };\n');
    // (`jsPrefilterText`: this text, and its escapes decoded when it has any: prefilter-escapes.test.ts)
    expect(javascript.prefilterText!(text)).toBe(jsCodeText(text));
  });

  it('keeps strings, template literals and regular expressions that look like comments', () => {
    const kept = [
      "const u = 'http://x/model.onnx';",
      'const u = "http://x/model.onnx";',
      'const u = `http://${host}/model.onnx /* not a comment */`;',
      'const r = /\\/\\/|"/g;',
      "if (ok) return /'/.test(s);",
      'const s = "a \\" // b";',
      "const s = 'line \\\ncontinued // still a string';",
      'const t = `outer ${`inner ${"//"}`} //`;',
    ];
    for (const text of kept) expect(jsCodeText(text), text).toBe(text);
  });

  it('tells division from a regular expression by the token before', () => {
    expect(jsCodeText('a = b / c; // x\n')).toBe('a = b / c;  \n');
    expect(jsCodeText('a = (b) / c / d; // x\n')).toBe('a = (b) / c / d;  \n');
    expect(jsCodeText('a = arr[0] / 2; // x\n')).toBe('a = arr[0] / 2;  \n');
    expect(jsCodeText('const re = /[/]\\//; // x\n')).toBe('const re = /[/]\\//;  \n');
    expect(jsCodeText('x = typeof /a/; // y\n')).toBe('x = typeof /a/;  \n');
    expect(jsCodeText('x = y.return / 2; // c\n')).toBe('x = y.return / 2;  \n'); // a property, not the keyword
  });

  it('leaves out comments inside ${} of a template, not its text', () => {
    expect(jsCodeText('const t = `a ${f(/* c */ x)} // b`;')).toBe('const t = `a ${f(  x)} // b`;');
  });

  it('skips a hashbang line without taking it for anything else', () => {
    expect(jsCodeText("#!/usr/bin/env node\n// c\nfetch('http://x');\n")).toBe("#!/usr/bin/env node\n \nfetch('http://x');\n");
  });

  it('reads shifts and comparisons as operators, not as JSX', () => {
    expect(jsCodeText('x = (i << 1) + 1; // c\n')).toBe('x = (i << 1) + 1;  \n');
    expect(jsCodeText('x = a<<=2, b <= c, d < e; // c\n')).toBe('x = a<<=2, b <= c, d < e;  \n');
    expect(jsCodeText('const m: Map<string, Array<number>> = new Map(); // c\n')).toBe('const m: Map<string, Array<number>> = new Map();  \n');
    expect(jsCodeText('if (a < /x/.exec(s).length) f(); // c\n')).toBe('if (a < /x/.exec(s).length) f();  \n');
  });

  it('returns the text unchanged whenever it cannot be sure', () => {
    const unsure = [
      "const s = 'unterminated\n// c",
      'const t = `unterminated ${x} // c',
      '/* unterminated comment',
      'x = /unterminated\n// c',
      "const a = <p>Don't</p>; // c\nconst u = 'http://x';",
      'const y = <T>x; // c',
      'if (a) { // c',
      '} // c',
      'const \\u0061 = 1; // c',
    ];
    for (const text of unsure) expect(jsCodeText(text), text).toBe(text);
  });

  it('stays linear on hostile text and on templates nested too deep', () => {
    const nested = (depth: number) => '`${'.repeat(depth) + 'x' + '}`'.repeat(depth) + ' // c';
    expect(jsCodeText(nested(10))).toBe(nested(10).replace(' // c', '  '));
    expect(jsCodeText(nested(100))).toBe(nested(100)); // deeper than 64: not scanned
    const many = '/* c */ x / y; '.repeat(50_000);
    expect(jsCodeText(many)).toBe('  x / y; '.repeat(50_000));
  });
});

describe('jsComments (the comments the language uses instead of the parser collecting them)', () => {
  const parserComments = (text: string, file = 'file.ts') =>
    parse(text, { comment: true, range: true, filePath: file, loggerFn: false }).comments.map((c) => ({ type: c.type, value: c.value, range: c.range }));

  it('gives exactly the comments typescript-estree collects: type, value and range', () => {
    const texts = [
      '#!/usr/bin/env node\n// a\nconst x = 1; /* b */ /** c\n * d */\nconst t = `${/* e */ y} // not`;\n',
      'x = (i << 1) + 1; // shift\nconst r = /[/]\\//; // after a regex\n',
      '// oculum-ignore-next-line torch/x -- reason\nfetch("http://x/model.onnx");\n',
      'const s = "a // b"; const u = \'/* c */\';\n',
      '',
    ];
    for (const text of texts) expect(jsComments(text), text).toEqual(parserComments(text));
  });

  it('gives nothing when the scanner is unsure, so the parser collects them', () => {
    expect(jsComments('const a = <p>hi</p>; // c')).toBeUndefined();
    const sc = parseJs('const a = <p>hi</p>; // oculum-ignore\n', 'a.jsx');
    expect(sc.getComments().map((c) => c.value)).toEqual([' oculum-ignore']);
  });

  it('reaches the source code: directives and comments are there without the parser collecting them', () => {
    const text = '// oculum-ignore-next-line\nfetch("http://x/model.onnx"); /* tail */\n';
    const sc = parseJs(text, 'a.js');
    expect(sc.getComments().map((c) => [c.value, c.range, c.ownLine])).toEqual([
      [' oculum-ignore-next-line', [0, 26], true],
      [' tail ', [57, 67], false],
    ]);
  });
});
