// A minimal line-based language for the tester's own tests: each identifier is a `Word`,
// `#` and `//` start comments, `!!!` is a parse error.
import { createRule, type Language, type SourceCode } from '@oculum/core';

function parse(text: string, path: string): SourceCode {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const positionAt = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return { line: line + 1, column: offset - lineStarts[line] + 1 };
  };
  const loc = (s: number, e: number) => ({ start: positionAt(s), end: positionAt(e) });
  const words: Array<{ type: string; name: string; range: [number, number] }> = [];
  const comments: Array<{ value: string; range: [number, number]; loc: ReturnType<typeof loc>; ownLine: boolean }> = [];
  const parseErrors: Array<{ message: string; loc: ReturnType<typeof loc> }> = [];
  const re = /(#|\/\/)[^\n]*|!!!|[A-Za-z_][A-Za-z0-9_]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [s, e] = [m.index, m.index + m[0].length];
    if (m[1]) {
      const lineStart = lineStarts[positionAt(s).line - 1];
      comments.push({ value: m[0].slice(m[1].length), range: [s, e], loc: loc(s, e), ownLine: text.slice(lineStart, s).trim() === '' });
    } else if (m[0] === '!!!') parseErrors.push({ message: 'unexpected !!!', loc: loc(s, e) });
    else words.push({ type: 'Word', name: m[0], range: [s, e] });
  }
  const ast = { type: 'Program', range: [0, text.length] as [number, number] };
  return {
    path,
    text,
    ast,
    parseErrors,
    traverse(visit) {
      visit(ast, 'enter');
      for (const w of words) {
        visit(w, 'enter');
        visit(w, 'exit');
      }
      visit(ast, 'exit');
    },
    getRange: (node: any) => node.range,
    getLoc: (node: any) => loc(node.range[0], node.range[1]),
    getText: (node?: any) => (node ? text.slice(node.range[0], node.range[1]) : text),
    getComments: () => comments,
    positionAt,
  };
}

export const toy: Language = { id: 'toy', extensions: ['.toy'], parse: ({ text, path }) => parse(text ?? '', path) };

/** Reports `danger` (fix: `safe`, suggestion: `careful`) and `bad` (no fix). */
export const dangerRule = createRule({
  name: 'no-danger',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'high',
    languages: ['toy'],
    triggers: [],
    docs: { description: 'd', recommended: true },
    messages: { danger: 'Avoid {{name}}.', bad: 'Bad word.', useCareful: 'Use careful.' },
    remediation: 'r',
    fixable: 'code',
    hasSuggestions: true,
    schema: [{ type: 'object', properties: { extra: { type: 'string' } }, additionalProperties: false }],
    defaultOptions: [{}],
  },
  create(context, [options]: any[]) {
    return {
      Word(node: any) {
        if (node.name === 'danger' || node.name === options.extra) {
          context.report({
            node,
            messageId: 'danger',
            data: { name: node.name },
            fix: (f) => f.replaceText(node, 'safe'),
            suggest: [{ messageId: 'useCareful', fix: (f) => f.replaceText(node, 'careful') }],
          });
        }
        if (node.name === 'bad') context.report({ node, messageId: 'bad', confidence: 'low' });
        if (node.name === 'broken') context.report({ node, messageId: 'bad', suggest: [{ messageId: 'useCareful', fix: (f) => f.insertTextAfter(node, ' !!!') }] });
      },
    };
  },
});
