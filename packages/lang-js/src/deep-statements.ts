import { createRequire } from 'node:module';
import type * as ts from 'typescript';

/**
 * Statements nested too deeply for TypeScript's parser, found so that the rest of the file can be
 * parsed without them.
 *
 * TypeScript's parser recurses once or more per level of nesting: 50,000 nested arrays, a chain of
 * 50,000 `?:` or `=`, 20,000 nested blocks overflow its stack (V8 rejects all of these too; what V8
 * accepts fits a worker's stack, where the engine lints such files again). One such statement must
 * not cost the file the findings of the others: `deepStatement` finds the statement the overflow is
 * in, so that the caller blanks it (offsets unchanged) and parses again.
 *
 * Where: the first line at whose end the text no longer parses is found by bisection, then a prefix
 * of the text ending in that line that parses, less than `PRECISION` characters before one that does
 * not (a parse that overflows stops there, so this costs a few dozen parses of the text at most). The statement being parsed where that prefix
 * ends is followed down from the top: the innermost statement (of the file, a block, a function
 * body, a `case`) at most `MAX_STATEMENT_DEPTH` levels deep in the tree is the one blanked, so
 * 20,000 nested blocks lose the inner ones only, and a bundle wrapped in one function loses one of
 * its statements, not the bundle. Its end is found by a scan of the tokens from its start: the `;`
 * or line break (where a statement ends by automatic semicolon insertion) that closes it at its own
 * bracket depth, or the bracket that closes the block around it.
 */

/** The statement blanked is at most this many levels deep in TypeScript's tree. */
const MAX_STATEMENT_DEPTH = 100;
/**
 * How close to the first prefix that does not parse the bisection gets, in characters: the parser
 * runs out of stack a thousand levels or more into a statement, each level a character at least.
 */
const PRECISION = 256;

export interface DeepStatement {
  start: number;
  end: number;
}

let typescript: typeof ts | undefined;

function tsModule(): typeof ts {
  if (!typescript) {
    const require = createRequire(import.meta.url);
    typescript = createRequire(require.resolve('@typescript-eslint/typescript-estree'))('typescript') as typeof ts;
  }
  return typescript;
}

function scriptKind(t: typeof ts, ext: string): ts.ScriptKind {
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return t.ScriptKind.TS;
  if (ext === '.tsx') return t.ScriptKind.TSX;
  if (ext === '.jsx') return t.ScriptKind.JSX;
  return t.ScriptKind.JS;
}

/** TypeScript's tree of the text, or undefined when its parser runs out of stack. */
function tsTree(t: typeof ts, text: string, ext: string): ts.SourceFile | undefined {
  try {
    return t.createSourceFile(`file${ext || '.ts'}`, text, { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone }, false, scriptKind(t, ext));
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The statement of `text` (a JS/TS file with extension `ext`) in which TypeScript's parser runs
 * out of stack; `'parses'` when it does not (this time), undefined when no statement can be told or
 * past `deadline` (ms).
 */
export function deepStatement(text: string, ext: string, deadline = Infinity): DeepStatement | 'parses' | undefined {
  const t = tsModule();
  // (how deep a parse gets before it runs out varies a little with what V8 has compiled so far)
  if (tsTree(t, text, ext)) return 'parses';
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|[\n\u2028\u2029]/g)) starts.push(m.index + m[0].length);
  const lineEnd = (line: number): number => (line + 1 < starts.length ? starts[line + 1] : text.length);
  // The first line at whose end the text no longer parses. The tree of the longest prefix that
  // parsed is kept: it is the one followed down below (a parse again might not get as far).
  let lo = -1;
  let hi = starts.length - 1;
  let tree = tsTree(t, '', ext);
  while (hi - lo > 1) {
    if (Date.now() > deadline) return undefined;
    const mid = lo + Math.floor((hi - lo) / 2);
    const parsed = tsTree(t, text.slice(0, lineEnd(mid)), ext);
    if (parsed) [lo, tree] = [mid, parsed];
    else hi = mid;
  }
  // Then a part of that line that parses, ending less than `PRECISION` before where it no longer
  // does: inside the deep statement, which holds hundreds of levels (characters) before that point.
  let a = starts[hi];
  let b = lineEnd(hi);
  while (b - a > PRECISION) {
    if (Date.now() > deadline) return undefined;
    const mid = a + Math.floor((b - a) / 2);
    const parsed = tsTree(t, text.slice(0, mid), ext);
    if (parsed) [a, tree] = [mid, parsed];
    else b = mid;
  }
  const statement = tree && statementAt(t, tree, a);
  if (!tree || !statement) return undefined;
  const start = statement.getStart(tree);
  return { start, end: statementEnd(t, text, start, ext) };
}

function isStatementList(t: typeof ts, node: ts.Node): boolean {
  const k = t.SyntaxKind;
  return node.kind === k.SourceFile || node.kind === k.Block || node.kind === k.ModuleBlock || node.kind === k.CaseClause || node.kind === k.DefaultClause;
}

/** The innermost statement at most `MAX_STATEMENT_DEPTH` deep on the way down to the end of the prefix. */
function statementAt(t: typeof ts, tree: ts.SourceFile, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  let node: ts.Node = tree;
  let parent: ts.Node | undefined;
  for (let depth = 0; depth <= MAX_STATEMENT_DEPTH; depth++) {
    if (parent && isStatementList(t, parent)) found = node;
    // The last child that starts before the end: the one the parse was in when the text ran out.
    let next: ts.Node | undefined;
    t.forEachChild(node, (child) => {
      if (child.pos < end && child.kind !== t.SyntaxKind.EndOfFileToken) next = child;
    });
    if (!next) break;
    parent = node;
    node = next;
  }
  return found;
}

/**
 * Where the statement starting at `start` ends (see above): after its `;` at its own bracket depth,
 * at a line break where automatic semicolon insertion ends it, or before the bracket that closes the
 * block around it; the end of the text at worst.
 */
function statementEnd(t: typeof ts, text: string, start: number, ext: string): number {
  const k = t.SyntaxKind;
  const variant = ext === '.ts' || ext === '.mts' || ext === '.cts' ? t.LanguageVariant.Standard : t.LanguageVariant.JSX;
  const scanner = t.createScanner(t.ScriptTarget.Latest, true, variant, text, undefined, start);
  /** Open brackets; `true` for the `${` of a template (its `}` continues the template). */
  const open: boolean[] = [];
  let previous: ts.SyntaxKind = k.Unknown;
  for (;;) {
    let token = scanner.scan();
    if (token === k.EndOfFileToken) return text.length;
    if ((token === k.SlashToken || token === k.SlashEqualsToken) && !endsExpression(t, previous)) token = scanner.reScanSlashToken();
    if (open.length === 0 && previous !== k.Unknown && scanner.hasPrecedingLineBreak() && endsExpression(t, previous) && startsStatement(t, token)) {
      return scanner.getTokenStart();
    }
    switch (token) {
      case k.OpenBraceToken:
      case k.OpenBracketToken:
      case k.OpenParenToken:
        open.push(false);
        break;
      case k.TemplateHead:
        open.push(true);
        break;
      case k.CloseBraceToken:
        if (open.length === 0) return scanner.getTokenStart();
        if (open[open.length - 1]) {
          token = scanner.reScanTemplateToken(false);
          if (token === k.TemplateTail) open.pop();
          break;
        }
        open.pop();
        break;
      case k.CloseBracketToken:
      case k.CloseParenToken:
        if (open.length === 0) return scanner.getTokenStart();
        open.pop();
        break;
      case k.SemicolonToken:
        if (open.length === 0) return scanner.getTokenEnd();
        break;
      default:
        break;
    }
    previous = token;
  }
}

/** A token after which an expression may be complete (a line break after it may end the statement). */
function endsExpression(t: typeof ts, token: ts.SyntaxKind): boolean {
  const k = t.SyntaxKind;
  return (
    token === k.Identifier ||
    token === k.PrivateIdentifier ||
    token === k.NumericLiteral ||
    token === k.BigIntLiteral ||
    token === k.StringLiteral ||
    token === k.RegularExpressionLiteral ||
    token === k.NoSubstitutionTemplateLiteral ||
    token === k.TemplateTail ||
    token === k.CloseParenToken ||
    token === k.CloseBracketToken ||
    token === k.CloseBraceToken ||
    token === k.PlusPlusToken ||
    token === k.MinusMinusToken ||
    token === k.ThisKeyword ||
    token === k.SuperKeyword ||
    token === k.TrueKeyword ||
    token === k.FalseKeyword ||
    token === k.NullKeyword
  );
}

/** A token that cannot continue the expression before it (so a line break before it ends a statement). */
function startsStatement(t: typeof ts, token: ts.SyntaxKind): boolean {
  const k = t.SyntaxKind;
  if (token === k.Identifier || token === k.PrivateIdentifier) return true;
  if (token >= k.FirstKeyword && token <= k.LastKeyword) return token !== k.InKeyword && token !== k.InstanceOfKeyword && token !== k.AsKeyword && token !== k.SatisfiesKeyword;
  return token === k.NumericLiteral || token === k.BigIntLiteral || token === k.StringLiteral || token === k.OpenBraceToken || token === k.AtToken || token === k.ExclamationToken || token === k.TildeToken || token === k.PlusPlusToken || token === k.MinusMinusToken;
}
