import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { createJsSourceCode, javascript, MAX_MODULE_BYTES, parseJs, relativeSpecifiers, type JsNode, type JsSourceCode, type TSESTree } from '../src/index.js';
import { projectFixture, used } from './project-fixture.js';

const { project, parseAt, constAt } = projectFixture('oculum-js-modules-');



describe('constants of relative modules of the project (--depth deep)', () => {
  it('reads an exported constant through named, renamed, namespace and default imports', () => {
    const dir = project('p1', {
      'config.ts': [
        'export const BASE = "https://cdn.example.com/models";',
        'export const MODEL_URL = `${BASE}/model.onnx`;',
        'export const NAME = "m" + 1;',
        'export const MODELS = { small: BASE + "/s.onnx", large: BASE + "/l.onnx" } as const;',
        'const hidden = "org/name";',
        'export { hidden as MODEL_ID };',
        'export default "https://default.example.com/d.onnx";',
        '',
      ].join('\n'),
    });
    expect(constAt(dir, 'main.ts', 'import { MODEL_URL } from "./config";\nuse(MODEL_URL);\n')).toBe('https://cdn.example.com/models/model.onnx');
    expect(constAt(dir, 'main.ts', 'import { MODEL_URL as u } from "./config";\nconst x = u;\nuse(x);\n')).toBe('https://cdn.example.com/models/model.onnx');
    expect(constAt(dir, 'main.ts', 'import { NAME } from "./config";\nuse(`${NAME}.onnx`);\n')).toBe('m1.onnx');
    expect(constAt(dir, 'main.ts', 'import { MODEL_ID } from "./config";\nuse(MODEL_ID);\n')).toBe('org/name');
    expect(constAt(dir, 'main.ts', 'import * as cfg from "./config";\nuse(cfg.MODEL_URL);\n')).toBe('https://cdn.example.com/models/model.onnx');
    expect(constAt(dir, 'main.ts', 'import * as cfg from "./config";\nuse(cfg["MODELS"].small);\n')).toBe('https://cdn.example.com/models/s.onnx');
    expect(constAt(dir, 'main.ts', 'import * as cfg from "./config";\nconst { MODELS: { large } } = cfg;\nuse(large);\n')).toBe('https://cdn.example.com/models/l.onnx');
    expect(constAt(dir, 'main.ts', 'import url from "./config";\nuse(url);\n')).toBe('https://default.example.com/d.onnx');
    expect(constAt(dir, 'main.ts', 'import { default as url } from "./config";\nuse(url);\n')).toBe('https://default.example.com/d.onnx');
    expect(constAt(dir, 'main.ts', 'const cfg = await import("./config");\nuse(cfg.BASE);\n')).toBe('https://cdn.example.com/models');
    // a namespace is not a value; a default import of a module with no default export has none
    expect(constAt(dir, 'main.ts', 'import * as cfg from "./config";\nuse(cfg);\n')).toBe(UNKNOWN);
    const noDefault = project('p1b', { 'c.ts': 'export const A = "a";\n' });
    expect(constAt(noDefault, 'main.ts', 'import c from "./c";\nuse(c.A);\n')).toBe(UNKNOWN);
  });

  it('reads an exported enum as the object of its members', () => {
    const dir = project('p-enum', {
      'models.ts': [
        "export enum Models { Sentiment = 'Xenova/distilbert-base-uncased-finetuned-sst-2-english' }",
        "export const enum Branch { Main = 'main' }",
        "enum Hidden { A = 'a' }",
        'export { Hidden };',
        "export declare enum Ambient { A = 'a' }",
        '',
      ].join('\n'),
    });
    expect(constAt(dir, 'main.ts', 'import { Models } from "./models";\nuse(Models.Sentiment);\n')).toBe('Xenova/distilbert-base-uncased-finetuned-sst-2-english');
    expect(constAt(dir, 'main.ts', 'import { Branch } from "./models";\nuse({ revision: Branch.Main }.revision);\n')).toBe('main');
    expect(constAt(dir, 'main.ts', 'import * as m from "./models";\nuse(m.Hidden.A);\n')).toBe('a');
    expect(constAt(dir, 'main.ts', 'import { Ambient } from "./models";\nuse(Ambient.A);\n')).toBe(UNKNOWN);
    // below deep nothing is read
    expect(constAt(dir, 'main.ts', 'import { Branch } from "./models";\nuse(Branch.Main);\n', 'standard')).toBe(UNKNOWN);
  });

  it('reads CommonJS exports and JSON modules', () => {
    const dir = project('p2', {
      'a.js': 'exports.A = "https://a.example.com/a.onnx";\nmodule.exports.B = "b";\n',
      'b.cjs': 'const X = "x";\nmodule.exports = { X, Y: "y", load() {} };\n',
      // TypeScript's CommonJS output
      'c.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.C = exports.D = void 0;\nexports.C = "c";\nexports.default = "dflt";\n',
      'd.js': 'module.exports = "https://d.example.com/d.onnx";\n',
      'config.json': '{ "url": "https://json.example.com/m.onnx", "list": ["a", "b"] }\n',
    });
    expect(constAt(dir, 'main.js', 'const { A } = require("./a");\nuse(A);\n')).toBe('https://a.example.com/a.onnx');
    expect(constAt(dir, 'main.js', 'const a = require("./a.js");\nuse(a.B);\n')).toBe('b');
    expect(constAt(dir, 'main.js', 'use(require("./a").A);\n')).toBe('https://a.example.com/a.onnx');
    expect(constAt(dir, 'main.js', 'const b = require("./b.cjs");\nuse(b.X + b.Y);\n')).toBe('xy');
    expect(constAt(dir, 'main.js', 'const b = require("./b.cjs");\nuse(b.load);\n')).toBe(UNKNOWN);
    // an ES default import of CommonJS is `module.exports` (unless it says it is a compiled ES module)
    expect(constAt(dir, 'main.mjs', 'import b from "./b.cjs";\nuse(b.Y);\n')).toBe('y');
    expect(constAt(dir, 'main.mjs', 'import d from "./d.js";\nuse(d);\n')).toBe('https://d.example.com/d.onnx');
    expect(constAt(dir, 'main.js', 'const d = require("./d");\nuse(d);\n')).toBe('https://d.example.com/d.onnx');
    expect(constAt(dir, 'main.ts', 'import { C } from "./c";\nuse(C);\n')).toBe('c');
    expect(constAt(dir, 'main.ts', 'import { D } from "./c";\nuse(D);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import c from "./c";\nuse(c);\n')).toBe('dflt');
    expect(constAt(dir, 'main.ts', 'import cfg from "./config.json";\nuse(cfg.url);\n')).toBe('https://json.example.com/m.onnx');
    expect(constAt(dir, 'main.js', 'const { list } = require("./config.json");\nuse(list[1]);\n')).toBe('b');
  });

  it('is unknown for CommonJS exports set more than once, elsewhere, or in ways not followed', () => {
    const dir = project('p3', {
      'twice.js': 'exports.A = "a";\nexports.A = "b";\n',
      'inner.js': 'function f() { exports.A = "a"; }\nf();\n',
      'member.js': 'exports.CFG = { url: "u" };\nexports.CFG.url = "v";\n',
      'assign.js': 'exports.A = "a";\nObject.assign(exports, other);\n',
      'replaced.js': 'const CFG = { A: "a" };\nmodule.exports = CFG;\nCFG.A = "b";\n',
      'both.js': 'module.exports = { A: "a" };\nmodule.exports.B = "b";\n',
    });
    expect(constAt(dir, 'main.js', 'const { A } = require("./twice");\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.js', 'const { A } = require("./inner");\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.js', 'const { CFG } = require("./member");\nuse(CFG.url);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.js', 'const { A } = require("./assign");\nuse(A);\n')).toBe('a');
    expect(constAt(dir, 'main.js', 'const { Z } = require("./assign");\nuse(Z);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.js', 'const { A } = require("./replaced");\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.js', 'const { A, B } = require("./both");\nuse(A + B);\n')).toBe('ab');
    expect(constAt(dir, 'main.js', 'const both = require("./both");\nuse(both);\n')).toBe(UNKNOWN);
  });

  it('follows re-exports: export { } from, export * from, export * as, an import exported again', () => {
    const dir = project('p4', {
      // (the project's root: without one, or a repository, nothing above the importing file's directory is read)
      'package.json': '{}',
      'base.ts': 'export const REV = "0123abcd";\nexport const URL = "https://base.example.com/m.onnx";\n',
      'mid.ts': 'export { REV } from "./base.js";\nexport { URL as MODEL_URL } from "./base";\n',
      'star.ts': 'export * from "./base";\n',
      'ns.ts': 'export * as base from "./base";\n',
      'again.ts': 'import { REV } from "./base";\nimport def from "./dflt";\nexport { REV as PINNED };\nexport default def;\n',
      'dflt.ts': 'const d = "https://dflt.example.com/m.onnx";\nexport default d;\n',
      'barrel/index.ts': 'export * from "../star";\nexport * from "../other";\n',
      'other.ts': 'export const OTHER = "o";\n',
      // both export REV: `export *` of the two is ambiguous, and not exported
      'ambiguous.ts': 'export * from "./base";\nexport * from "./rev2";\n',
      'rev2.ts': 'export const REV = "ffff";\n',
    });
    expect(constAt(dir, 'main.ts', 'import { REV } from "./mid";\nuse(REV);\n')).toBe('0123abcd');
    expect(constAt(dir, 'main.ts', 'import { MODEL_URL } from "./mid";\nuse(MODEL_URL);\n')).toBe('https://base.example.com/m.onnx');
    expect(constAt(dir, 'main.ts', 'import { URL } from "./star";\nuse(URL);\n')).toBe('https://base.example.com/m.onnx');
    expect(constAt(dir, 'main.ts', 'import { base } from "./ns";\nuse(base.REV);\n')).toBe('0123abcd');
    expect(constAt(dir, 'main.ts', 'import { PINNED } from "./again";\nuse(PINNED);\n')).toBe('0123abcd');
    expect(constAt(dir, 'main.ts', 'import d from "./again";\nuse(d);\n')).toBe('https://dflt.example.com/m.onnx');
    expect(constAt(dir, 'main.ts', 'import { REV, OTHER } from "./barrel";\nuse(REV + OTHER);\n')).toBe('0123abcdo');
    expect(constAt(dir, 'main.ts', 'import { REV } from "./ambiguous";\nuse(REV);\n')).toBe(UNKNOWN);
    // `export *` leaves the default export out
    expect(constAt(dir, 'main.ts', 'import d from "./star";\nuse(d);\n')).toBe(UNKNOWN);
  });

  it('resolves specifiers as Node and TypeScript bundlers do', () => {
    const dir = project('p5', {
      'package.json': '{ "name": "p5" }',
      'ts-only.ts': 'export const A = "ts";\n',
      'both.js': 'export const A = "js";\n',
      'both.ts': 'export const A = "ts";\n',
      'mod.mts': 'export const A = "mts";\n',
      'comp.tsx': 'export const A = "tsx";\n',
      'dir/index.ts': 'export const A = "index";\n',
      'jsdir/index.js': 'export const A = "index.js";\n',
      'plain.mjs': 'export const A = "mjs";\n',
      'style.css': 'export const A = "css";\n',
    });
    expect(constAt(dir, 'src/../main.ts', 'import { A } from "./ts-only";\nuse(A);\n')).toBe('ts');
    // a `.js` specifier names the TypeScript source when there is no `.js` file
    expect(constAt(dir, 'main.ts', 'import { A } from "./ts-only.js";\nuse(A);\n')).toBe('ts');
    expect(constAt(dir, 'main.ts', 'import { A } from "./mod.mjs";\nuse(A);\n')).toBe('mts');
    expect(constAt(dir, 'main.ts', 'import { A } from "./comp.jsx";\nuse(A);\n')).toBe('tsx');
    // the exact file first
    expect(constAt(dir, 'main.ts', 'import { A } from "./both.js";\nuse(A);\n')).toBe('js');
    expect(constAt(dir, 'main.ts', 'import { A } from "./both";\nuse(A);\n')).toBe('ts');
    expect(constAt(dir, 'main.ts', 'import { A } from "./dir";\nuse(A);\n')).toBe('index');
    expect(constAt(dir, 'main.ts', 'import { A } from "./dir/";\nuse(A);\n')).toBe('index');
    expect(constAt(dir, 'main.js', 'const { A } = require("./jsdir");\nuse(A);\n')).toBe('index.js');
    expect(constAt(dir, 'sub/main.ts', 'import { A } from "../plain.mjs";\nuse(A);\n')).toBe('mjs');
    expect(constAt(dir, 'sub/main.ts', 'import { A } from "..";\nuse(A);\n')).toBe(UNKNOWN);
    // not a JavaScript file
    expect(constAt(dir, 'main.ts', 'import { A } from "./style.css";\nuse(A);\n')).toBe(UNKNOWN);
  });

  it('does not follow a bare specifier', () => {
    const dir = project('p6', {
      'node_modules/pkg/index.js': 'export const A = "pkg";\n',
      'node_modules/pkg/package.json': '{ "name": "pkg", "main": "index.js" }\n',
      'pkg.ts': 'export const A = "local";\n',
    });
    expect(constAt(dir, 'main.ts', 'import { A } from "pkg";\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { A } from "/pkg";\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { A } from "./pkg";\nuse(A);\n')).toBe('local');
  });

  it('is unknown for a reassigned let, a mutated export, a missing module or name, an oversized file, and at standard depth', () => {
    const dir = project('p7', {
      'conf.ts': [
        'export let CHANGED = "a";',
        'export function set(v: string) { CHANGED = v; }',
        'export let KEPT = "kept";',
        'let later = "a";',
        'later = "b";',
        'export { later };',
        'export const MODELS = { small: "s" };',
        'MODELS.small = compute();',
        'export const URLS = ["a"];',
        'export function add(u: string) { URLS.push(u); }',
        'export const FROM_ENV = process.env.MODEL_URL;',
        'export function load() {}',
        'export class Loader { static url = "u"; }',
        '',
      ].join('\n'),
      'huge.ts': `export const BIG = "v";\n// ${'x'.repeat(MAX_MODULE_BYTES)}\n`,
    });
    expect(constAt(dir, 'main.ts', 'import { CHANGED } from "./conf";\nuse(CHANGED);\n')).toBe(UNKNOWN);
    // an export never set again is a constant: importers cannot assign it
    expect(constAt(dir, 'main.ts', 'import { KEPT } from "./conf";\nuse(KEPT);\n')).toBe('kept');
    expect(constAt(dir, 'main.ts', 'import { later } from "./conf";\nuse(later);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { MODELS } from "./conf";\nuse(MODELS.small);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { URLS } from "./conf";\nuse(URLS[0]);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { FROM_ENV } from "./conf";\nuse(FROM_ENV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { load } from "./conf";\nuse(load);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { Loader } from "./conf";\nuse(Loader.url);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { MISSING } from "./conf";\nuse(MISSING);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { A } from "./nowhere";\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { BIG } from "./huge";\nuse(BIG);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import * as c from "./conf";\nuse(c.KEPT + c.CHANGED);\n')).toBe(UNKNOWN);
    const plain = project('p7b', { 'conf.ts': 'export const REV = "main";\n' });
    expect(constAt(plain, 'main.ts', 'import { REV } from "./conf";\nuse(REV);\n', 'standard')).toBe(UNKNOWN);
    expect(constAt(plain, 'main.ts', 'import { REV } from "./conf";\nuse(REV);\n', 'deep')).toBe('main');
    // a file parsed directly reads no other file; a model built over another tool's tree does at deep
    const text = 'import { REV } from "./conf";\nuse(REV);\n';
    const direct = parseJs(text, path.join(plain, 'main.ts'));
    expect(direct.constant(used(direct))).toBe(UNKNOWN);
    const ast = direct.ast;
    const built = createJsSourceCode({ path: path.join(plain, 'main.ts'), text, ast, depth: 'deep' });
    expect(built.constant(used(built))).toBe('main');
    expect(createJsSourceCode({ path: path.join(plain, 'main.ts'), text, ast }).constant(used(built))).toBe(UNKNOWN);
  });

  it('stops at cycles, and answers the same whichever module of a cycle is read first', () => {
    const dir = project('p8', {
      'a.ts': 'export { X } from "./b";\n',
      'b.ts': 'export { X } from "./a";\n',
      's1.ts': 'export * from "./s2";\nexport const S1 = "s1";\n',
      's2.ts': 'export * from "./s1";\n',
      'self.ts': 'import { SELF } from "./self";\nexport const OTHER = SELF;\nexport { OTHER as SELF };\n',
      // modules importing each other, with no value depending on itself
      'm.ts': 'import { N_BASE } from "./n";\nexport const M_BASE = "https://m.example.com";\nexport const M_URL = N_BASE + "/m.onnx";\n',
      'n.ts': 'import { M_BASE } from "./m";\nexport const N_BASE = M_BASE + "/n";\nexport const N_URL = N_BASE + "/n.onnx";\n',
    });
    expect(constAt(dir, 'main.ts', 'import { X } from "./a";\nuse(X);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { S1 } from "./s2";\nuse(S1);\n')).toBe('s1');
    expect(constAt(dir, 'main.ts', 'import { NOPE } from "./s2";\nuse(NOPE);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { SELF } from "./self";\nuse(SELF);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { N_URL } from "./n";\nuse(N_URL);\n')).toBe('https://m.example.com/n/n.onnx');
    expect(constAt(dir, 'main.ts', 'import { M_URL } from "./m";\nuse(M_URL);\n')).toBe('https://m.example.com/n/m.onnx');
    const other = project('p8b', {
      'm.ts': 'import { N_BASE } from "./n";\nexport const M_BASE = "https://m.example.com";\nexport const M_URL = N_BASE + "/m.onnx";\n',
      'n.ts': 'import { M_BASE } from "./m";\nexport const N_BASE = M_BASE + "/n";\nexport const N_URL = N_BASE + "/n.onnx";\n',
    });
    expect(constAt(other, 'main.ts', 'import { M_URL } from "./m";\nuse(M_URL);\n')).toBe('https://m.example.com/n/m.onnx');
    expect(constAt(other, 'main.ts', 'import { N_URL } from "./n";\nuse(N_URL);\n')).toBe('https://m.example.com/n/n.onnx');
  });

  it('follows a chain of many modules (more than are followed inside one another), whichever is read first', () => {
    const chain = (name: string) => {
      const files: Record<string, string> = { 'm80.ts': 'export const V = "end";\n' };
      for (let i = 0; i < 80; i++) files[`m${i}.ts`] = `import { V as W } from "./m${i + 1}";\nexport const V = \`\${W}/${i}\`;\n`;
      return project(name, files);
    };
    const expected = (from: number) => `end/${[...Array(80 - from).keys()].map((i) => 79 - i).join('/')}`;
    const a = chain('p8c');
    expect(constAt(a, 'main.ts', 'import { V } from "./m0";\nuse(V);\n')).toBe(expected(0));
    expect(constAt(a, 'main.ts', 'import { V } from "./m40";\nuse(V);\n')).toBe(expected(40));
    const b = chain('p8d');
    expect(constAt(b, 'main.ts', 'import { V } from "./m40";\nuse(V);\n')).toBe(expected(40));
    expect(constAt(b, 'main.ts', 'import { V } from "./m7";\nuse(V);\n')).toBe(expected(7));
    expect(constAt(b, 'main.ts', 'import { V } from "./m0";\nuse(V);\n')).toBe(expected(0));
  });

  it('reads a broken module for what parses, and a binary one as having no exports', () => {
    const dir = project('p9', { 'broken.ts': 'export const REV = "main";\nexport const = ;\n', 'bin.js': '\u0000\u0001\u0002\u0003', 'bad.json': '{ nope' });
    expect(constAt(dir, 'main.ts', 'import { REV } from "./broken";\nuse(REV);\n')).toBe('main');
    expect(constAt(dir, 'main.ts', 'import { REV } from "./bin";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import bad from "./bad.json";\nuse(bad.x);\n')).toBe(UNKNOWN);
  });
});

describe('only the project is read (relative imports)', () => {
  const OUTSIDE = 'export const REV = "outside";\nexport const A = "outside";\n';

  it('never reads outside the repository by `..`, however deep, nor under node_modules', () => {
    const outside = project('r1/outside', { 'config.ts': OUTSIDE, 'secret.json': '{ "A": "outside" }\n' });
    const dir = project('r1/app', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'config.ts': 'export const REV = "inside";\n',
      'node_modules/pkg/config.ts': 'export const REV = "package";\n',
      // a module of the project that re-exports from outside: not followed either
      'reexport.ts': 'export { REV } from "../outside/config";\nexport * from "../outside/config";\n',
    });
    expect(constAt(dir, 'src/main.ts', 'import { REV } from "../config";\nuse(REV);\n')).toBe('inside');
    expect(constAt(dir, 'main.ts', 'import { REV } from "../outside/config";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { REV } from "../outside/config.ts";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'src/a/b/main.ts', 'import cfg from "../../../../outside/secret.json";\nuse(cfg.A);\n')).toBe(UNKNOWN);
    const up = '../'.repeat(40);
    expect(constAt(dir, 'main.ts', `import { REV } from "${up}${outside.slice(1)}/config";\nuse(REV);\n`)).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'const { A } = require("../outside/config");\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'const { A } = await import("../outside/config");\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { REV } from "./reexport";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { A } from "./reexport";\nuse(A);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'main.ts', 'import { REV } from "./node_modules/pkg/config";\nuse(REV);\n')).toBe(UNKNOWN);
    // the files outside are not in the --cache key either: a change there is nothing to this file
    const file = path.join(dir, 'keyed.ts');
    writeFileSync(file, 'import { REV } from "../outside/config";\nimport "./reexport";\nuse(REV);\n');
    const key = () => javascript.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const before = key();
    writeFileSync(path.join(outside, 'config.ts'), 'export const REV = "changed outside";\n');
    expect(key()).toBe(before);
  });

  it('never reads outside the project through a symbolic link; a link within it is followed', () => {
    const outside = project('r2/outside', { 'config.ts': OUTSIDE });
    const dir = project('r2/app', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'shared/config.ts': 'export const REV = "shared";\n',
      'node_modules/pkg/config.ts': 'export const REV = "package";\n',
    });
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    symlinkSync(outside, path.join(dir, 'src/ext'), 'dir');
    symlinkSync(path.join(outside, 'config.ts'), path.join(dir, 'src/secret.ts'));
    symlinkSync('../shared', path.join(dir, 'src/linked'), 'dir');
    symlinkSync('../node_modules/pkg', path.join(dir, 'src/pkg'), 'dir');
    expect(constAt(dir, 'src/main.ts', 'import { REV } from "./ext/config";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'src/main.ts', 'import { REV } from "./secret";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'src/main.ts', 'import { REV } from "./secret.js";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'src/main.ts', 'import { REV } from "./ext";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'src/main.ts', 'import { REV } from "./pkg/config";\nuse(REV);\n')).toBe(UNKNOWN);
    expect(constAt(dir, 'src/main.ts', 'import { REV } from "./linked/config";\nuse(REV);\n')).toBe('shared');
    // a project reached through a link (its root's real path elsewhere) still reads its own modules
    const alias = path.join(path.dirname(dir), 'app-link');
    symlinkSync(dir, alias, 'dir');
    expect(constAt(alias, 'src/main.ts', 'import { REV } from "../shared/config";\nuse(REV);\n')).toBe('shared');
    expect(constAt(alias, 'src/main.ts', 'import { REV } from "./ext/config";\nuse(REV);\n')).toBe(UNKNOWN);
    const file = path.join(dir, 'src/keyed.ts');
    writeFileSync(file, 'import { REV } from "./ext/config";\nimport { A } from "./secret";\nuse(REV + A);\n');
    const key = () => javascript.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const before = key();
    writeFileSync(path.join(outside, 'config.ts'), 'export const REV = "changed outside";\n');
    expect(key()).toBe(before);
  });

  it('outside a repository: the outermost directory with a package.json, tsconfig.json or jsconfig.json; else the file\'s own directory', () => {
    project('r3/outside', { 'config.ts': OUTSIDE });
    const mono = project('r3/mono', {
      'package.json': '{ "private": true, "workspaces": ["packages/*"] }',
      'shared/config.ts': 'export const REV = "shared";\n',
      'packages/app/package.json': '{ "name": "app" }',
      'packages/app/tsconfig.json': '{}',
      'packages/app/src/config.ts': 'export const REV = "app";\n',
    });
    expect(constAt(mono, 'packages/app/src/main.ts', 'import { REV } from "../../../shared/config";\nuse(REV);\n')).toBe('shared');
    expect(constAt(mono, 'packages/app/src/deep/main.ts', 'import { REV } from "../config";\nuse(REV);\n')).toBe('app');
    expect(constAt(mono, 'packages/app/src/main.ts', 'import { REV } from "../../../../outside/config";\nuse(REV);\n')).toBe(UNKNOWN);
    // no project file anywhere above: nothing above the importing file's directory
    const bare = project('r3/bare', { 'config.ts': 'export const REV = "bare";\n', 'sub/config.ts': 'export const REV = "sub";\n' });
    expect(constAt(bare, 'sub/main.ts', 'import { REV } from "./config";\nuse(REV);\n')).toBe('sub');
    expect(constAt(bare, 'sub/main.ts', 'import { REV } from "../config";\nuse(REV);\n')).toBe(UNKNOWN);
  });

  it('the home directory is never the project of a file below it (a stray ~/package.json, a dotfiles ~/.git)', () => {
    const home = project('r4/home', {
      'package.json': '{ "dependencies": {} }',
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@cfg": ["./other/config.ts"] } } }',
      'other/config.ts': 'export const REV = "other project";\n',
      'proj/config.ts': 'export const REV = "proj";\n',
    });
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      expect(constAt(home, 'proj/src/main.ts', 'import { REV } from "../../other/config";\nuse(REV);\n')).toBe(UNKNOWN);
      expect(constAt(home, 'proj/src/main.ts', 'import { REV } from "@cfg";\nuse(REV);\n')).toBe(UNKNOWN);
      expect(constAt(home, 'proj/main.ts', 'import { REV } from "./config";\nuse(REV);\n')).toBe('proj');
      // a repository at home (dotfiles) is no bound either; a file directly at home is still read with its neighbours
      writeFileSync(path.join(home, '.git'), 'gitdir: elsewhere\n');
      expect(constAt(home, 'proj/src/main.ts', 'import { REV } from "../../other/config";\nuse(REV);\n')).toBe(UNKNOWN);
      expect(constAt(home, 'main.ts', 'import { REV } from "./other/config";\nuse(REV);\n')).toBe('other project');
    } finally {
      process.env.HOME = saved;
    }
    // with another home, the same tree is one project (the repository at its top)
    expect(constAt(home, 'proj/src/main.ts', 'import { REV } from "../../other/config";\nuse(REV);\n')).toBe('other project');
  });
});

describe('every answer that reads constants', () => {
  const dir = () =>
    project('a1', {
      'urls.ts': [
        'export const URLS = { small: "https://a.example.com/s.onnx", large: "https://a.example.com/l.onnx" };',
        'export const LIST = ["https://b.example.com/1.onnx", "https://b.example.com/2.onnx"];',
        'export const CHOICE = process.env.BIG ? URLS.large : URLS.small;',
        'export const WITH_DEFAULT = process.env.MODEL_URL || "https://c.example.com/m.onnx";',
        'export const PARTIAL = `${process.env.HOST}/models/m.onnx`;',
        'export const OPTIONS = { revision: "0123abcd" };',
        '',
      ].join('\n'),
    });

  it('possibleConstants, knownValues and stringBounds', () => {
    const d = dir();
    const at = (text: string) => {
      const sc = parseAt(d, 'main.ts', `import { URLS, LIST, CHOICE, WITH_DEFAULT, PARTIAL } from "./urls";\n${text}`);
      return { sc, node: used(sc) };
    };
    let { sc, node } = at('use(URLS[name]);\n');
    expect(sc.possibleConstants(node)).toEqual(['https://a.example.com/s.onnx', 'https://a.example.com/l.onnx']);
    ({ sc, node } = at('for (const u of LIST) use(u);\n'));
    expect(sc.possibleConstants(node)).toEqual(['https://b.example.com/1.onnx', 'https://b.example.com/2.onnx']);
    ({ sc, node } = at('use(CHOICE);\n'));
    expect(sc.constant(node)).toBe(UNKNOWN);
    expect(sc.possibleConstants(node)).toEqual(['https://a.example.com/l.onnx', 'https://a.example.com/s.onnx']);
    expect(sc.knownValues(node)).toEqual({ values: ['https://a.example.com/l.onnx', 'https://a.example.com/s.onnx'], others: false });
    ({ sc, node } = at('use(WITH_DEFAULT);\n'));
    expect(sc.possibleConstants(node)).toBeUndefined();
    expect(sc.knownValues(node)).toEqual({ values: ['https://c.example.com/m.onnx'], others: true });
    ({ sc, node } = at('use(`${WITH_DEFAULT}?v=1`);\n'));
    expect(sc.knownValues(node)).toEqual({ values: ['https://c.example.com/m.onnx?v=1'], others: true });
    ({ sc, node } = at('use(PARTIAL);\n'));
    expect(sc.stringBounds(node)).toEqual({ prefix: '', suffix: '/models/m.onnx', parts: ['', '/models/m.onnx'] });
    ({ sc, node } = at('const u = PARTIAL;\nuse(u);\n'));
    expect(sc.stringBounds(node).suffix).toBe('/models/m.onnx');
    ({ sc, node } = at('use(URLS.small);\n'));
    expect(sc.stringBounds(node).value).toBe('https://a.example.com/s.onnx');
    expect(sc.knownValues(node)).toEqual({ values: ['https://a.example.com/s.onnx'], others: false });
    // the importing file writes a member of the imported object: anything
    ({ sc, node } = at('URLS.small = other;\nuse(URLS[name]);\n'));
    expect(sc.possibleConstants(node)).toBeUndefined();
  });

  it('an options object known only from another module stays opaque', () => {
    const d = dir();
    const sc = parseAt(d, 'main.ts', 'import { OPTIONS } from "./urls";\nuse(OPTIONS);\nload("m", OPTIONS);\n');
    const call = sc.ast.body.at(-1) as TSESTree.ExpressionStatement;
    expect(sc.constant(used(sc))).toEqual({ revision: '0123abcd' });
    expect(sc.isOpaqueOptions(call.expression, 1)).toBe(true);
    expect(sc.argument(call.expression, { name: 'revision', position: 1 })).toBeUndefined();
  });
});

describe('the --cache key at deep', () => {
  it('reads the relative specifiers of imports, re-exports, require and import()', () => {
    const code = [
      'import a from "./a";',
      "import { b } from '../b.js';",
      'import {\n  c,\n} from "./c";',
      'export * from "./d";',
      'export { e } from "./e";',
      'const f = require("./f");',
      'const g = await import("./g");',
      'import "./h";',
      'import x from "pkg";',
      'const s = "./not-an-import";',
      '',
    ].join('\n');
    expect(relativeSpecifiers(code)).toEqual(['./a', '../b.js', './c', './d', './e', './f', './g', './h']);
  });

  it('changes when a module the file imports, directly or through a re-export, changes or appears', () => {
    const dir = project('c1', {
      'base.ts': 'export const REV = "a";\n',
      'config.ts': 'export * from "./base";\n',
      'other.ts': 'export const X = 1;\n',
      'main.ts': 'import { REV } from "./config.js";\nimport { Y } from "./later";\n',
    });
    const file = path.join(dir, 'main.ts');
    const key = () => javascript.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const before = key();
    expect(before).not.toBe('');
    expect(javascript.cacheKey!({ path: file, depth: 'standard', cwd: dir })).toBe('');
    writeFileSync(path.join(dir, 'other.ts'), 'export const X = 2; // not imported\n');
    expect(key()).toBe(before);
    writeFileSync(path.join(dir, 'base.ts'), 'export const REV = "bb";\n');
    const changed = key();
    expect(changed).not.toBe(before);
    writeFileSync(path.join(dir, 'later.ts'), 'export const Y = 1;\n');
    expect(key()).not.toBe(changed);
  });
});

describe('a long-lived process (the ESLint plugin in an editor)', () => {
  it('sees a module change, appear and disappear between parses', () => {
    const dir = project('l1', { 'conf.ts': 'export const REV = "a";\n' });
    const touch = (file: string, text: string) => {
      writeFileSync(path.join(dir, file), text);
      // a change within the file system's time resolution still shows in the size
      const later = new Date(Date.now() + 2000);
      utimesSync(path.join(dir, file), later, later);
    };
    expect(constAt(dir, 'main.ts', 'import { REV } from "./conf";\nuse(REV);\n')).toBe('a');
    touch('conf.ts', 'export const REV = "changed";\n');
    expect(constAt(dir, 'main.ts', 'import { REV } from "./conf";\nuse(REV);\n')).toBe('changed');
    expect(constAt(dir, 'main.ts', 'import { REV } from "./later";\nuse(REV);\n')).toBe(UNKNOWN);
    touch('later.ts', 'export const REV = "new";\n');
    expect(constAt(dir, 'main.ts', 'import { REV } from "./later";\nuse(REV);\n')).toBe('new');
    rmSync(path.join(dir, 'later.ts'));
    expect(constAt(dir, 'main.ts', 'import { REV } from "./later";\nuse(REV);\n')).toBe(UNKNOWN);
  });

  it('sees a change of a module another one read its value from', () => {
    const dir = project('l2', {
      'base.ts': 'export const HOST = "https://a.example.com";\n',
      'config.ts': 'import { HOST } from "./base";\nexport const MODEL_URL = HOST + "/m.onnx";\n',
    });
    expect(constAt(dir, 'main.ts', 'import { MODEL_URL } from "./config";\nuse(MODEL_URL);\n')).toBe('https://a.example.com/m.onnx');
    writeFileSync(path.join(dir, 'base.ts'), 'export const HOST = "https://bb.example.com";\n');
    expect(constAt(dir, 'main.ts', 'import { MODEL_URL } from "./config";\nuse(MODEL_URL);\n')).toBe('https://bb.example.com/m.onnx');
    // a file that now takes the specifier's place (`./base` → `base.ts` gives way to… nothing: gone)
    rmSync(path.join(dir, 'base.ts'));
    expect(constAt(dir, 'main.ts', 'import { MODEL_URL } from "./config";\nuse(MODEL_URL);\n')).toBe(UNKNOWN);
    writeFileSync(path.join(dir, 'base.js'), 'export const HOST = "https://js.example.com";\n');
    expect(constAt(dir, 'main.ts', 'import { MODEL_URL } from "./config";\nuse(MODEL_URL);\n')).toBe('https://js.example.com/m.onnx');
  });
});
