import { describe, expect, it } from 'vitest';
import { javascript } from '../src/index.js';
import type { JsSourceCode } from '../src/index.js';

const parse = (text: string, path = 'a.mjs') => javascript.parse({ path, text, settings: {}, depth: 'standard' }) as JsSourceCode;

// ECMAScript's line terminators: LF, CR (alone or before LF), U+2028 and U+2029 (P5).
describe('line terminators', () => {
  it.each([
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
    ['a lone CR', '\r'],
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ])('%s ends the line of statements and comments', (_name, end) => {
    const text = `f(1); // one${end}g(2);${end}/* two */ h(3);`;
    const sc = parse(text);
    expect(sc.ast.body.map((s) => sc.getLoc(s).start)).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 11 },
    ]);
    expect(sc.getComments().map((c) => [c.value, c.loc.start.line, c.ownLine])).toEqual([
      [' one', 1, false],
      [' two ', 3, true],
    ]);
    // The engine counts the lines of `text` (LF): the same lines. The file's own characters stay.
    expect(sc.text.split('\n')).toHaveLength(3);
    expect(sc.text).toHaveLength(text.length);
    expect(sc.getText()).toBe(text);
  });

  it('keeps the characters of a literal that holds U+2028', () => {
    const text = "const s = 'a\u2028b';\nf(s);";
    const sc = parse(text);
    const decl = sc.ast.body[0] as unknown as { declarations: Array<{ init: Parameters<JsSourceCode['getText']>[0] }> };
    expect(sc.getText(decl.declarations[0].init)).toBe("'a\u2028b'");
    expect(sc.constant(decl.declarations[0].init!)).toBe('a\u2028b');
    // (a line ends there for ESLint and TypeScript too, inside a string as anywhere)
    expect(sc.getLoc(sc.ast.body[1]).start.line).toBe(3);
  });
});
