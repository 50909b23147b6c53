import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { javascript, walk } from '../src/index.js';
import type { JsNode, JsSourceCode } from '../src/index.js';

/**
 * Reads of `parent` on TypeScript's nodes made while `run` runs: an accessor on their classes (found from a sample
 * tree of the TypeScript typescript-estree parses with) counts them; past `run` it reads without counting.
 */
function parentReadsBy(run: () => void): number {
  const require = createRequire(import.meta.url);
  const typescript = createRequire(require.resolve('@typescript-eslint/typescript-estree'))('typescript') as typeof import('typescript');
  const sample = typescript.createSourceFile('sample.ts', "const x = 'a' + f(b, 1);", typescript.ScriptTarget.Latest, true);
  const classes = new Set<object>();
  const visit = (node: import('typescript').Node): void => {
    classes.add(Object.getPrototypeOf(node));
    typescript.forEachChild(node, visit);
  };
  visit(sample);
  const held = Symbol.for('oculum.test.parent');
  let reads = 0;
  let counting = true;
  for (const proto of classes) {
    Object.defineProperty(proto, 'parent', {
      configurable: true,
      get(this: Record<symbol, unknown>) {
        if (counting) reads++;
        return this[held];
      },
      set(this: Record<symbol, unknown>, value: unknown) {
        this[held] = value;
      },
    });
  }
  try {
    run();
  } finally {
    counting = false;
  }
  return reads;
}

const parse = (text: string, path = 'a.mjs') => javascript.parse({ path, text, settings: {}, depth: 'standard' }) as JsSourceCode;

const HEAD = "import { pipeline } from '@huggingface/transformers';\n";
const LOAD = (id: string) => `await pipeline('text-generation', '${id}');\n`;

/** Each node's type and range, in source order (an explicit stack: the trees are deep). */
function shape(root: JsNode): string[] {
  const out: string[] = [];
  walk(root, (n) => {
    out.push(`${n.type}@${n.range[0]}-${n.range[1]}`);
  });
  return out;
}

/** Model ids of the `pipeline(…, '<id>')` calls the parse kept. */
function loads(sc: JsSourceCode): string[] {
  const ids: string[] = [];
  walk(sc.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'pipeline') {
      const arg = n.arguments[1];
      if (arg?.type === 'Literal') ids.push(String(arg.value));
    }
  });
  return ids;
}

/** typescript-estree's own tree of the text, converted in a worker with a stack large enough for it. */
function plainShape(text: string): Promise<string[]> {
  const estree = createRequire(import.meta.url).resolve('@typescript-eslint/typescript-estree');
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { parse } = require(workerData.estree);
    const ast = parse(workerData.text, { range: true, loc: true, filePath: 'file.mjs', jsDocParsingMode: 'none', loggerFn: false, suppressDeprecatedPropertyWarnings: true });
    const out = [];
    const stack = [ast];
    const skip = new Set(['parent', 'loc', 'range', 'comments', 'tokens']);
    while (stack.length) {
      const n = stack.pop();
      out.push(n.type + '@' + n.range[0] + '-' + n.range[1]);
      const children = [];
      for (const key of Object.keys(n)) {
        if (skip.has(key)) continue;
        const v = n[key];
        for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c === 'object' && typeof c.type === 'string' && Array.isArray(c.range)) children.push(c);
      }
      children.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    parentPort.postMessage(out);
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { text, estree }, resourceLimits: { stackSizeMb: 512 } });
    worker.once('message', (out: string[]) => {
      resolve(out);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('flat chains deeper than the conversion recursion (P0)', () => {
  it.each([
    ['1+1+… (20,000 terms)', `const x = ${Array(20_000).fill('1').join('+')};`],
    ["'a'+'a'+… (20,000 terms)", `const x = ${Array(20_000).fill("'a'").join('+')};`],
    ['a || a || … (20,000)', `const x = ${Array(20_000).fill('a').join(' || ')};`],
    ['a.b.b… (20,000)', `const x = a${'.b'.repeat(20_000)};`],
    ['p.then(f)… (8,000)', `const x = p${'.then(f)'.repeat(8_000)};`],
  ])('parses %s and keeps every statement', (_name, deep) => {
    const sc = parse(`${HEAD}${LOAD('org/before')}${deep}\n${LOAD('org/after')}`);
    expect(sc.parseErrors).toEqual([]);
    expect(sc.ast.body.map((s) => s.type)).toEqual(['ImportDeclaration', 'ExpressionStatement', 'VariableDeclaration', 'ExpressionStatement']);
    expect(loads(sc)).toEqual(['org/before', 'org/after']);
  });

  it('keeps a load inside the deep chain', () => {
    const sc = parse(`${HEAD}const x = pipeline('text-generation', 'org/inner')${'.then(f)'.repeat(10_000)};\n`);
    expect(sc.parseErrors).toEqual([]);
    expect(loads(sc)).toEqual(['org/inner']);
  });

  it('builds the tree typescript-estree builds with a stack large enough', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 1500; i++) parts.push(i % 3 === 0 ? `f(a${i}, 'x').b` : i % 3 === 1 ? `[${i}, {k: a}]` : `(c ? d : e${i})`);
    const text = `const x = ${parts.join(' + ')} || ${Array(1500).fill('y').join(' && ')};\nlet y = a${'?.b.c(1)'.repeat(800)};\n`;
    const sc = parse(text);
    expect(sc.parseErrors).toEqual([]);
    expect(shape(sc.ast)).toEqual(await plainShape(text));
  });

  it('converts a long comma sequence into one SequenceExpression, in linear time', () => {
    const n = 100_000;
    const sc = parse(`x = (${Array(n).fill('a').join(', ')});\n(b, c), d;\n`);
    expect(sc.parseErrors).toEqual([]);
    const seq = (sc.ast.body[0] as unknown as { expression: { right: { type: string; expressions: JsNode[] } } }).expression.right;
    expect(seq.type).toBe('SequenceExpression');
    expect(seq.expressions).toHaveLength(n);
    const small = (sc.ast.body[1] as unknown as { expression: { expressions: JsNode[] } }).expression;
    expect(small.expressions.map((e) => e.type)).toEqual(['SequenceExpression', 'Identifier']);
  });

  it('reads literal texts in linear time on deep chains', () => {
    // node.getText() walked up 100,000 parents per literal: minutes
    const n = 100_000;
    const reads = parentReadsBy(() => {
      const sc = parse(`const x = ${Array(n).fill("'a'").join('+')};\n${LOAD('org/after')}`);
      expect(loads(sc)).toEqual(['org/after']);
    });
    // a few reads per node of the chain, not one per level above each literal (n² / 2)
    expect(reads).toBeLessThan(40 * n);
  }, 60_000);
});

describe('statements nested too deeply for the parser itself (P0)', () => {
  it('blanks the one statement, names its lines, and keeps the others', () => {
    const text = `${HEAD}${LOAD('org/before')}const x = ${'['.repeat(50_000)}${']'.repeat(50_000)};\n${LOAD('org/after')}`;
    const sc = parse(text);
    expect(sc.parseErrors.map((e) => [e.message, e.loc.start.line])).toEqual([['Nested too deeply to parse (Maximum call stack size exceeded): line 3 not analysed', 3]]);
    expect(loads(sc)).toEqual(['org/before', 'org/after']);
  });

  it('blanks a statement inside a function, not the whole function', () => {
    const text = `${HEAD}(async function () {\n  ${LOAD('org/a')}  const x = ${'!'.repeat(100_000)}c;\n  ${LOAD('org/b')}})();\n${LOAD('org/c')}`;
    const sc = parse(text, 'a.js');
    expect(sc.parseErrors.map((e) => e.loc.start.line)).toEqual([4]);
    expect(loads(sc)).toEqual(['org/a', 'org/b', 'org/c']);
  });

  it('blanks a deep structure over many lines, and one of several', () => {
    const text = `${HEAD}const x =\n${'[\n'.repeat(30_000)}${']\n'.repeat(30_000)}${LOAD('org/a')}const y = ${'('.repeat(30_000)}1${')'.repeat(30_000)}\n${LOAD('org/b')}`;
    const sc = parse(text, 'a.js');
    expect(sc.parseErrors.map((e) => e.message.replace(/.*: /, ''))).toEqual(['lines 2-60002 not analysed', 'line 60004 not analysed']);
    expect(loads(sc)).toEqual(['org/a', 'org/b']);
  });

  it('keeps the outer blocks of 20,000 nested ones', () => {
    const text = `${HEAD}if (a) ${'{\n'.repeat(20_000)}${'}\n'.repeat(20_000)}${LOAD('org/after')}`;
    const sc = parse(text, 'a.js');
    expect(sc.parseErrors).toHaveLength(1);
    expect(sc.parseErrors[0].loc.start.line).toBeGreaterThan(50);
    expect(sc.ast.body.map((s) => s.type)).toEqual(['ImportDeclaration', 'IfStatement', 'ExpressionStatement']);
  });
});
