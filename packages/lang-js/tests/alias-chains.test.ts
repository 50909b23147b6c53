import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { javascript, walk } from '../src/index.js';
import type { JsNode, JsSourceCode } from '../src/index.js';
import { methodCallsBy } from './work-counters.js';

const parse = (text: string, path = 'a.mjs') => javascript.parse({ path, text, settings: {}, depth: 'standard' }) as JsSourceCode;

/** `const p1 = p0; … const p<n> = p<n-1>;` */
const chain = (name: string, n: number) => Array.from({ length: n }, (_, i) => `const ${name}${i + 1} = ${name}${i};\n`).join('');

/** The last call of `name` in the file. */
function callOf(sc: JsSourceCode, name: string): JsNode & { arguments: JsNode[] } {
  let found: JsNode | undefined;
  walk(sc.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name) found = n;
  });
  return found as JsNode & { arguments: JsNode[] };
}

/** The last call of the file. */
function lastCall(sc: JsSourceCode): JsNode & { callee: JsNode; arguments: JsNode[] } {
  let found: JsNode | undefined;
  walk(sc.ast, (n) => {
    if (n.type === 'CallExpression') found = n;
  });
  return found as JsNode & { callee: JsNode; arguments: JsNode[] };
}

describe('chains of aliases longer than the recursion bound (P4)', () => {
  it.each([33, 40, 150, 10_000])('resolves a loader through %i const aliases', (n) => {
    const sc = parse(`import { pipeline } from '@huggingface/transformers';\nconst p0 = pipeline;\n${chain('p', n)}await p${n}('text-generation', 'org/model');\n`);
    expect(sc.qualifiedName(lastCall(sc).callee)).toBe('@huggingface/transformers.pipeline');
  });

  it('resolves aliases mixed with members and destructuring, and long member chains', () => {
    const sc = parse(
      `const t0 = require('@huggingface/transformers');\n${chain('t', 40)}const { pipeline: q0 } = t40.default;\n${chain('q', 40)}q40('x', 'org/a');\n` +
        `m${'.a'.repeat(50)}.load();\nconst m = require('m');\n`,
      'a.cjs',
    );
    const calls: JsNode[] = [];
    walk(sc.ast, (n) => {
      if (n.type === 'CallExpression') calls.push((n as unknown as { callee: JsNode }).callee);
    });
    expect(sc.qualifiedName(calls[calls.length - 3])).toBe('@huggingface/transformers.pipeline');
    expect(sc.qualifiedName(calls[calls.length - 2])).toBe(`m${'.a'.repeat(50)}.load`);
  });

  it('gives up on strings that grow past 4 Mi characters (a name doubled again and again) rather than building them', () => {
    const lines = [`const a0 = 'https://x.org/';`];
    for (let i = 1; i <= 40; i++) lines.push(`const a${i} = a${i - 1} + '/' + a${i - 1};`, `const t${i} = \`\${a${i - 1}}/\${a${i - 1}}\`;`);
    const sc = parse(`${lines.join('\n')}\nf(a10, a40, t40);\n`);
    const [small, big, template] = lastCall(sc).arguments;
    expect((sc.constant(small) as string).length).toBe(14 * 1024 + 1023);
    expect(sc.constant(big)).toBe(UNKNOWN);
    expect(sc.constant(template)).toBe(UNKNOWN);
  });

  it('reads each name once per depth, not once per path to it (names summed again and again)', () => {
    // a<i> = a<i-1> + … + a<i-1> (ten terms): read once per path, a12 took 10^12 steps
    const lines = ['const a0 = 1;', "const s0 = 'ab';"];
    for (let i = 1; i <= 12; i++) lines.push(`const a${i} = ${Array(10).fill(`a${i - 1}`).join(' + ')};`);
    for (let i = 1; i <= 4; i++) lines.push(`const s${i} = ${Array(40).fill(`s${i - 1}`).join(' + ')};`);
    const sc = parse(`${lines.join('\n')}\nf(a12, s3, s4, \`\${a6}/\${s2}\`);\n`);
    const [a12, s3, s4, template] = lastCall(sc).arguments;
    expect(sc.constant(a12)).toBe(10 ** 12);
    expect(sc.constant(s3)).toBe('ab'.repeat(40 ** 3));
    expect(sc.constant(s4)).toBe(UNKNOWN); // (past 4 Mi characters)
    expect(sc.constant(template)).toBe(`${10 ** 6}/${'ab'.repeat(1600)}`);
    expect(sc.possibleConstants(a12)).toEqual([10 ** 12]);
  });

  it('reads constants and string bounds through long chains of aliases', () => {
    const sc = parse(`const m0 = 'org/model';\n${chain('m', 5000)}const u0 = \`https://\${host}/m.onnx\`;\n${chain('u', 100)}const o0 = { a: 'x', b: 'y' };\n${chain('o', 100)}f(m5000, u100, o100[k]);\n`);
    const [id, url, member] = lastCall(sc).arguments;
    expect(sc.constant(id)).toBe('org/model');
    expect(sc.stringBounds(url)).toMatchObject({ prefix: 'https://', suffix: '/m.onnx' });
    expect(sc.possibleConstants(member)).toEqual(['x', 'y']);
    expect(sc.definingExpression(id)?.type).toBe('Literal');
  });

  it('reads a 5,000-term concatenation term by term', () => {
    const sc = parse(`const a = ${Array(5000).fill("'o'").join(' + ')};\nconst b = ${Array(3000).fill('1').join(' + ')} + 'x' + 2;\nconst c = (k ? 'a' : 'b') + ${Array(100).fill("'-'").join(' + ')} + 1;\nconst d = ${Array(100).fill("'-'").join(' + ')} + u;\nf(a, b, c, d);\n`);
    const [a, b, c, d] = callOf(sc, 'f').arguments;
    expect(sc.constant(a)).toBe('o'.repeat(5000));
    expect(sc.constant(b)).toBe('3000x2');
    expect(sc.possibleConstants(c)).toEqual([`a${'-'.repeat(100)}1`, `b${'-'.repeat(100)}1`]);
    expect(sc.constant(d)).toBe(UNKNOWN);
  });

  it('stops at an alias of an object the file writes members of', () => {
    const sc = parse(`const o0 = { a: 'x' };\n${chain('o', 40)}o20.b = g();\nf(o40[k]);\n`);
    expect(sc.possibleConstants(lastCall(sc).arguments[0])).toBeUndefined();
  });

  it('answers nothing for cycles, quickly', () => {
    const sc = parse(`var a = b;\nvar b = a;\nconst c = d, d = c;\nf(a, c);\n${chain('p', 2000)}const p0 = p2000;\ng(p2000);\n`);
    const [a, c] = callOf(sc, 'f').arguments;
    const arg = callOf(sc, 'g').arguments[0];
    const steps = methodCallsBy(sc, () => {
      expect(sc.qualifiedName(a)).toBeUndefined();
      expect(sc.constant(c)).toBe(UNKNOWN);
      expect(sc.qualifiedName(arg)).toBeUndefined();
      expect(sc.constant(arg)).toBe(UNKNOWN);
    });
    // (about 130 steps per alias of the 2,000-long cycle, each followed to the depth bound once)
    expect(steps).toBeLessThan(400 * 2000);
  });

  it('stays linear on 10,000 aliases asked for one by one', () => {
    const n = 10_000;
    const sc = parse(`import { pipeline } from '@huggingface/transformers';\nconst p0 = pipeline;\nconst m0 = 'org/model';\n${chain('p', n)}${chain('m', n)}f(${Array.from({ length: 200 }, (_, i) => `p${n - i * 50}, m${n - i * 50}`).join(', ')});\n`);
    const args = lastCall(sc).arguments;
    const steps = methodCallsBy(sc, () => {
      for (let i = 0; i < args.length; i += 2) {
        expect(sc.qualifiedName(args[i])).toBe('@huggingface/transformers.pipeline');
        expect(sc.constant(args[i + 1])).toBe('org/model');
      }
    });
    // each alias of the two chains read once for all 200 questions, not once per question (200 × 10,000)
    expect(steps).toBeLessThan(100 * 2 * n);
  });
});

describe('an imported module stored in a global (review jsedge P3-e)', () => {
  const T = "import { pipeline, env } from 'https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2';\n";
  it.each([
    [`${T}window.transformers = { pipeline, env };\nawait window.transformers.pipeline('t', 'o/m');`, 'https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2.pipeline'],
    [`${T}globalThis.transformers = { pipeline, env };\nawait transformers.pipeline('t', 'o/m');`, 'https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2.pipeline'],
    [`${T}const api = { run: pipeline };\nself.T = api;\nawait self.T.run('t', 'o/m');`, 'https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2.pipeline'],
    [`globalThis.ort = await import('onnxruntime-web');\nawait window.ort.InferenceSession.create('m.onnx');`, 'onnxruntime-web.InferenceSession.create'],
  ])('resolves the member read back: %s', (text, name) => {
    expect(parse(text).qualifiedName(lastCall(parse(text)).callee)).toBe(name);
  });
  it.each([
    // stored twice, not an import, a local `window`, a store of another name
    `${T}window.transformers = { pipeline };\nwindow.transformers = other;\nawait window.transformers.pipeline('t', 'o/m');`,
    `${T}window.transformers = { pipeline: myPipeline };\nawait window.transformers.pipeline('t', 'o/m');`,
    `${T}const window = {};\nwindow.transformers = { pipeline };\nawait window.transformers.pipeline('t', 'o/m');`,
    `${T}window.other = { pipeline };\nawait window.transformers.pipeline('t', 'o/m');`,
  ])('leaves it a global otherwise: %s', (text) => {
    const sc = parse(text);
    expect(sc.qualifiedName(lastCall(sc).callee)).toBeUndefined();
  });
  it('keeps a global the file stores something else in (window.crypto = polyfill)', () => {
    const sc = parse(`window.crypto = polyfill;\nawait window.crypto.subtle.digest('SHA-256', b);`);
    expect(sc.globalName(lastCall(sc).callee)).toBe('crypto.subtle.digest');
  });
});
