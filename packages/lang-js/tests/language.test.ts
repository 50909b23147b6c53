import { describe, expect, it } from 'vitest';
import { parse as tsParse } from '@typescript-eslint/typescript-estree';
import { createJsSourceCode, javascript, parseJs } from '../src/index.js';
import type { JsNode } from '../src/index.js';

const parse = (text: string, path = 'a.ts') => javascript.parse({ path, text, settings: {}, depth: 'standard' }) as ReturnType<typeof parseJs>;

describe('javascript language', () => {
  it('declares id and extensions', () => {
    expect(javascript.id).toBe('javascript');
    expect(javascript.extensions).toEqual(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.vue', '.svelte', '.html', '.htm', '.astro']);
  });

  it('reads scripts without an extension whose `#!` line runs node, zx, deno or bun, as TypeScript takes them', () => {
    expect(javascript.interpreters).toEqual(expect.arrayContaining(['node', 'zx', 'deno', 'bun']));
    const sc = parse("#!/usr/bin/env zx\nconst r = await fetch('https://example.com/m.onnx');\n", 'scripts/fetch-models');
    expect(sc.ast.body).toHaveLength(1);
  });

  it.each([
    ['a.tsx', 'const x = <div a={1}>{y as any}</div>;'],
    ['a.jsx', 'const x = <App />;'],
    ['a.js', 'const x = <App />;'],
    ['a.ts', 'const x = <any>y; enum E { A }'],
    ['a.mts', 'export const x: number = 1;'],
    ['a.cjs', 'module.exports = require("x");'],
  ])('parses %s', (path, text) => {
    const sc = parse(text, path);
    expect(sc.parseErrors).toEqual([]);
    expect(sc.ast.body.length).toBeGreaterThan(0);
  });

  it('locations are 1-based line and column with exclusive end', () => {
    const sc = parse('let a = 1;\n  foo(bar);\n');
    const stmt = sc.ast.body[1];
    expect(sc.getLoc(stmt)).toEqual({ start: { line: 2, column: 3 }, end: { line: 2, column: 12 } });
    expect(sc.getRange(stmt)).toEqual([13, 22]);
    expect(sc.getText(stmt)).toBe('foo(bar);');
    expect(sc.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(sc.positionAt(11)).toEqual({ line: 2, column: 1 });
  });

  it('handles CRLF line breaks', () => {
    const sc = parse('a;\r\nb;\r\n');
    expect(sc.getLoc(sc.ast.body[1]).start).toEqual({ line: 2, column: 1 });
  });

  it('returns comments without delimiters and marks own-line comments', () => {
    const sc = parse('// ruleid: x\nfoo(); /* trailing */\n/**\n * doc\n */\nbar();');
    expect(sc.getComments().map((c) => [c.value, c.ownLine, c.loc.start.line])).toEqual([
      [' ruleid: x', true, 1],
      [' trailing ', false, 2],
      ['*\n * doc\n ', true, 3],
    ]);
  });

  it('traverses once in source order, enter then exit', () => {
    const sc = parse('f(a);');
    const seen: string[] = [];
    sc.traverse((node, phase) => seen.push(`${phase === 'enter' ? '>' : '<'}${node.type}`));
    expect(seen).toEqual([
      '>Program', '>ExpressionStatement', '>CallExpression', '>Identifier', '<Identifier', '>Identifier', '<Identifier',
      '<CallExpression', '<ExpressionStatement', '<Program',
    ]);
  });

  it('walks deep expressions without recursion', () => {
    const text = `const x = ${Array.from({ length: 400 }, (_, i) => `'s${i}'`).join(' + ')};`;
    const sc = parse(text, 'deep.js');
    let count = 0;
    sc.traverse((_n, phase) => {
      if (phase === 'enter') count++;
    });
    expect(count).toBeGreaterThan(800);
  });

  it('reports a file nested beyond the parser as a parse error, not a crash', () => {
    // (a 20,000-term concatenation parses: see deep-nesting.test.ts)
    const text = `const x = ${'['.repeat(50000)}${']'.repeat(50000)};`;
    const sc = parse(text, 'deep.js');
    expect(sc.parseErrors).toHaveLength(1);
    expect(sc.ast.body).toEqual([]);
  });

  it('recovers from a syntax error and still analyses the rest', () => {
    const sc = parse("import { pipeline } from '@huggingface/transformers';\nconst = broken;\npipeline('x', 'a/b');\n", 'a.js');
    expect(sc.parseErrors.length).toBe(1);
    expect(sc.parseErrors[0].loc.start.line).toBe(2);
    expect(sc.ast.body.length).toBe(2);
    expect(sc.imports.has('@huggingface/transformers')).toBe(true);
  });

  it('yields an empty Program when nothing can be recovered', () => {
    const sc = parse('function (((( {', 'a.js');
    expect(sc.parseErrors.length).toBe(1);
    expect(sc.ast.type).toBe('Program');
    expect(sc.ast.body).toEqual([]);
  });

  it('parses top-level await in a .js file without imports as a module', () => {
    const sc = parse("const r = await fetch('https://x.example/m.onnx');", 'a.js');
    const decl = sc.ast.body[0] as JsNode & { declarations: Array<{ init: JsNode }> };
    expect(decl.declarations[0].init!.type).toBe('AwaitExpression');
  });

  it('still parses sloppy-mode scripts', () => {
    const sc = parse('with (o) { await(1); }', 'a.js');
    expect(sc.parseErrors).toEqual([]);
  });

  it('parses an empty file', () => {
    const sc = parse('');
    expect(sc.ast.body).toEqual([]);
    expect(sc.getComments()).toEqual([]);
  });
});

describe('createJsSourceCode over an existing tree', () => {
  it('uses the given Program, text and comments without parsing', () => {
    const text = "import * as ort from 'onnxruntime-web';\n// note\nort.InferenceSession.create(u);";
    const ast = tsParse(text, { range: true, loc: true, comment: true });
    const sc = createJsSourceCode({ path: 'x.js', text, ast });
    expect(sc.ast).toBe(ast);
    const stmt = sc.ast.body[1] as JsNode & { expression: { callee: JsNode } };
    expect(sc.qualifiedName(stmt.expression.callee)).toBe('onnxruntime-web.InferenceSession.create');
    expect(sc.getComments()[0].value).toBe(' note');
  });
});
