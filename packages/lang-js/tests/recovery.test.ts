import { describe, expect, it } from 'vitest';
import { htmlCommentSpans, javascript, walk } from '../src/index.js';
import type { JsNode, JsSourceCode } from '../src/index.js';

const parse = (text: string, path: string) => javascript.parse({ path, text, settings: {}, depth: 'standard' }) as JsSourceCode;

/** The names of the functions called, in source order. */
function called(sc: JsSourceCode): string[] {
  const out: string[] = [];
  walk(sc.ast, (n: JsNode) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier') out.push(n.callee.name);
  });
  return out;
}

describe('HTML-like comments in scripts (P8 c)', () => {
  const html = `const { pipeline } = require('@huggingface/transformers');\n${Array.from({ length: 12 }, (_, i) => `<!-- ${i} -->\n`).join('')}a(); <!-- after code\n  --> closing, first on its line\n/* x */ --> after a comment\nb();\n`;

  it.each(['h.cjs', 'h.js'])('blanks them in %s, and the rest is read', (path) => {
    const sc = parse(html, path);
    expect(sc.parseErrors).toEqual([]);
    expect(called(sc)).toEqual(['require', 'a', 'b']);
    expect(sc.getLoc(sc.ast.body[2]).start.line).toBe(17);
  });

  it('leaves them in strings, templates, regular expressions and comments, and `-->` after code', () => {
    const text = "const s = '<!--', t = `-->${'<!--'}`, r = /<!--/; // <!--\nlet a = 2, b = 3; a --> b;\nf(s);\n";
    expect(htmlCommentSpans(text)).toEqual([]);
    const sc = parse(text, 'h.cjs');
    expect(sc.parseErrors).toEqual([]);
    expect(called(sc)).toEqual(['f']);
  });

  it('does not read them in modules and TypeScript (there `<!--` is `< !--`)', () => {
    for (const path of ['h.mjs', 'h.ts']) {
      const sc = parse('let x = 1, y = 2;\nconst z = x<!--y;\nf(z);\n', path);
      expect(sc.parseErrors).toEqual([]);
      expect(called(sc)).toEqual(['f']);
    }
  });
});

describe('more syntax errors than recovery blanks (P8 c)', () => {
  it('keeps what the parser recovered, with the first error and a note', () => {
    const text = `a();\n${'let = ;\n'.repeat(12)}b();\n`;
    const sc = parse(text, 'h.ts');
    expect(called(sc)).toEqual(['a', 'b']);
    expect(sc.parseErrors.map((e) => e.loc.start.line)).toEqual([2, 10]);
    expect(sc.parseErrors[1].message).toMatch(/^Too many syntax errors to recover from/);
  });

  it('one `}` missing at the end of a file is one error, no note, and the code before it is read', () => {
    const sc = parse('a();\nfunction f() {\n  b();\n', 'h.ts');
    expect(called(sc)).toEqual(['a', 'b']);
    expect(sc.parseErrors.map((e) => `${e.loc.start.line} ${e.message}`)).toEqual(["4 '}' expected."]);
  });

  it('blanks the line of an error in a file with CR or U+2028 line ends, not the file', () => {
    for (const end of ['\r', '\u2028']) {
      const sc = parse(`a();${end}let = ;${end}b();${end}`, 'h.js');
      expect(called(sc)).toEqual(['a', 'b']);
      expect(sc.parseErrors.map((e) => e.loc.start.line)).toEqual([2]);
    }
  });
});
