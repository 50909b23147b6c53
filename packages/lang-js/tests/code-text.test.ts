import { describe, expect, it } from 'vitest';
import { javascript, jsCodeText } from '../src/index.js';

describe('jsCodeText (what the trigger prefilter reads)', () => {
  it('leaves out line and block comments, one space each', () => {
    const text = '// see http://example.com/LICENSE\nconst a = 1; /* http://x */ const b = 2;\n/**\n * @see http://y\n */\nexport { a, b };\n';
    expect(jsCodeText(text)).toBe(' \nconst a = 1;   const b = 2;\n \nexport { a, b };\n');
    expect(javascript.prefilterText).toBe(jsCodeText);
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
