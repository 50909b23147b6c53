import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as ts from 'typescript';

/**
 * Changes to typescript-estree's conversion of TypeScript's tree into an ESTree, for deep trees.
 *
 * Conversion in pieces. The conversion is recursive, a few stack frames per level: a flat chain
 * that V8 and TypeScript's own parser read iteratively (`1+1+…` with 20,000 terms, `a || b || …`,
 * `a.b.b…`, `p.then(f).then(f)…`) nests that deep in the tree and overflows the stack of the
 * conversion (the main thread's at about a thousand levels, a worker's at about twenty thousand).
 * When it does, the Program is converted again: the TypeScript tree is walked with an explicit
 * stack, and the nodes every `LEVELS_PER_PIECE` levels down are converted first, deepest first, each
 * from the bottom of the stack. When the conversion from the top then reaches such a node, it takes
 * the ESTree already built for it. No recursion goes more than about `LEVELS_PER_PIECE` levels deep,
 * and the tree is the one the plain conversion builds: each node is converted once, by the same code,
 * with the same arguments (a node asked for in another way — as a pattern, under another parent — is
 * converted again as usual). TypeScript's tree is not parsed again.
 *
 * Sequences. A chain of `,` (`a, b, c, …`, 16 operands or more) is converted without recursion along
 * it (see `flatSequence`).
 *
 * The source file at hand. The conversion reads the text of literals and JSX names with
 * `node.getText()`, which finds the node's source file by walking up its parents: on a chain 20,000
 * deep that is quadratic (minutes for `'a'+'a'+…`, seconds for 10,000 nested JSX elements). While a
 * Program is converted, TypeScript's nodes answer `getSourceFile()` with that Program's source file
 * at once (every node converted belongs to it).
 *
 * These hook typescript-estree's internal `Converter` class (`dist/convert.js`) and TypeScript's node
 * classes, for every conversion in the process once `hookConversion` ran (lang-js calls it before its
 * first parse; a conversion that succeeds gives the same tree as without the hooks). When those classes
 * are not there (other versions), nothing is hooked, and a file too deep to convert is reported as before.
 */

/** Levels of the TypeScript tree converted in one piece: ~100 KB of stack for the deepest piece. */
const LEVELS_PER_PIECE = 100;

interface ConverterInstance {
  ast: ts.SourceFile;
  allowPattern: boolean;
}

type ConvertFn = (this: ConverterInstance, node: ts.Node | undefined, parent?: ts.Node, allowPattern?: boolean) => unknown;

interface Piece {
  result: unknown;
  allowPattern: boolean;
}

/** The pieces converted ahead while a Program too deep to convert at once is converted again. */
let pieces: Map<ts.Node, Piece> | undefined;
/** The source file whose Program is being converted. */
let converting: ts.SourceFile | undefined;
let hooked: boolean | undefined;

/** Hooks the conversion (once; see above); false when it cannot be hooked. */
export function hookConversion(): boolean {
  if (hooked !== undefined) return hooked;
  hooked = false;
  try {
    const require = createRequire(import.meta.url);
    const estreeMain = require.resolve('@typescript-eslint/typescript-estree');
    const typescript = createRequire(estreeMain)('typescript') as typeof ts;
    const convert = require(join(dirname(estreeMain), 'convert.js')) as { Converter?: { prototype: Record<string, unknown> } };
    const proto = convert.Converter?.prototype;
    if (!proto || typeof proto.converter !== 'function' || typeof proto.convertProgram !== 'function') return hooked;
    // TypeScript's node classes that define `getSourceFile` (NodeObject, TokenOrIdentifierObject).
    const sample = typescript.createSourceFile('sample.ts', 'a; 1;', typescript.ScriptTarget.Latest, true);
    const nodeClasses = new Set<Record<string, unknown>>();
    const visit = (node: ts.Node): void => {
      for (let p = Object.getPrototypeOf(node) as Record<string, unknown> | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as Record<string, unknown> | null) {
        if (Object.prototype.hasOwnProperty.call(p, 'getSourceFile')) nodeClasses.add(p);
      }
      typescript.forEachChild(node, visit);
    };
    visit(sample);
    if (nodeClasses.size === 0) return hooked;

    const converter = proto.converter as ConvertFn;
    const convertProgram = proto.convertProgram as (this: ConverterInstance) => unknown;
    proto.converter = function (this: ConverterInstance, node: ts.Node | undefined, parent?: ts.Node, allowPattern?: boolean): unknown {
      if (pieces !== undefined && node) {
        const ahead = pieces.get(node);
        if (ahead && (parent === undefined || parent === node.parent) && (allowPattern ?? this.allowPattern) === ahead.allowPattern) {
          pieces.delete(node);
          return ahead.result;
        }
      }
      if (node && isSequenceLink(typescript, node) && isSequenceLink(typescript, (node as ts.BinaryExpression).left)) {
        const flat = flatSequence(this as ConverterInstance & Record<string, unknown>, typescript, node as ts.BinaryExpression);
        if (flat) return flat;
      }
      return converter.call(this, node, parent, allowPattern);
    } satisfies ConvertFn;
    proto.convertProgram = function (this: ConverterInstance): unknown {
      const outer = { pieces, converting };
      converting = this.ast;
      pieces = undefined;
      try {
        try {
          return convertProgram.call(this);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
        }
        // Too deep to convert at once: again, in pieces (the recursion that ran out left only this flag).
        this.allowPattern = false;
        pieces = new Map();
        convertAhead(this, typescript, converter, pieces);
        return convertProgram.call(this);
      } finally {
        ({ pieces, converting } = outer);
      }
    };
    for (const cls of nodeClasses) {
      const getSourceFile = cls.getSourceFile as (this: ts.Node) => ts.SourceFile;
      cls.getSourceFile = function (this: ts.Node): ts.SourceFile {
        return converting ?? getSourceFile.call(this);
      };
    }
    hooked = true;
  } catch {
    hooked = false;
  }
  return hooked;
}

/** A `,` operator node (TypeScript's tree has sequences as binary expressions). */
function isSequenceLink(typescript: typeof ts, node: ts.Node | undefined): node is ts.BinaryExpression {
  return node !== undefined && node.kind === typescript.SyntaxKind.BinaryExpression && (node as ts.BinaryExpression).operatorToken.kind === typescript.SyntaxKind.CommaToken;
}

/** Chains of `,` shorter than this are converted as typescript-estree does. */
const LONG_SEQUENCE = 16;

/**
 * A chain of `,` (`a, b, c, …`, left-nested in TypeScript's tree) converted without recursion along
 * it, to the ESTree typescript-estree builds: one SequenceExpression with every operand. Its own
 * conversion recurses once per `,` and copies the operands so far at each one (quadratic: minutes
 * for 100,000 operands). Undefined for a short chain, or one with a `#name` operand (an error the
 * plain conversion reports).
 */
function flatSequence(self: ConverterInstance & Record<string, unknown>, typescript: typeof ts, node: ts.BinaryExpression): unknown {
  const rights: ts.Expression[] = [];
  let inner: ts.BinaryExpression = node;
  while (isSequenceLink(typescript, inner.left)) {
    rights.push(inner.right);
    inner = inner.left;
  }
  if (rights.length < LONG_SEQUENCE || rights.some((r) => r.kind === typescript.SyntaxKind.PrivateIdentifier)) return undefined;
  const convertChild = self.convertChild as (this: unknown, child: ts.Node) => { type: string; expressions?: unknown[] };
  const createNode = self.createNode as (this: unknown, node: ts.Node, data: Record<string, unknown>) => unknown;
  // The innermost `,` as usual (its left operand may be a parenthesised sequence, kept whole).
  const first = convertChild.call(self, inner);
  if (first.type !== 'SequenceExpression' || !first.expressions) return undefined;
  const expressions = [...first.expressions];
  for (let i = rights.length - 1; i >= 0; i--) expressions.push(convertChild.call(self, rights[i]));
  return createNode.call(self, node, { type: 'SequenceExpression', expressions });
}

/** Converts the nodes at every `LEVELS_PER_PIECE`-th level of the tree, deepest first (see above). */
function convertAhead(self: ConverterInstance, typescript: typeof ts, converter: ConvertFn, ahead: Map<ts.Node, Piece>): void {
  const levels: ts.Node[][] = [];
  const stack: Array<[ts.Node, number]> = [[self.ast, 0]];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    children.push(child);
  };
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    // (not inside a `,` chain: the chain is converted whole, see `flatSequence`)
    if (depth > 0 && depth % LEVELS_PER_PIECE === 0 && !(isSequenceLink(typescript, node) && isSequenceLink(typescript, node.parent) && (node.parent as ts.BinaryExpression).left === node)) {
      (levels[depth / LEVELS_PER_PIECE] ??= []).push(node);
    }
    children.length = 0;
    typescript.forEachChild(node, collect);
    for (const child of children) stack.push([child, depth + 1]);
  }
  for (let level = levels.length - 1; level >= 1; level--) {
    for (const node of levels[level] ?? []) {
      try {
        // As `convertChild` asks for it (a pattern position asks again, see the hook).
        ahead.set(node, { result: converter.call(self, node, undefined, false), allowPattern: false });
      } catch {
        // Not a node the conversion asks for by itself (or a syntax error it reports when it gets there).
      }
    }
  }
}
