import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { createJsSourceCode, isImportsSpecifier, javascript } from '../src/index.js';
import { resolveImports } from '../src/package-imports.js';
import { MAX_CONFIG_BYTES } from '../src/path-aliases.js';
import { parseText } from '../src/parse.js';
import { projectFixture, used } from './project-fixture.js';
import { ioBy } from './work-counters.js';

vi.mock('node:fs', async (importOriginal) => (await import('./work-counters.js')).countingFs(await importOriginal<typeof import('node:fs')>()));

// At --depth deep a name imported through the `imports` of the nearest package.json (`#config`,
// `#models/*`) has the value the module it maps to exports, as for a relative import.

const { project, constAt } = projectFixture('oculum-js-imports-');

/** `import { <name> } from '<specifier>'; use(<name>)`, parsed as `file`. */
function imported(dir: string, file: string, specifier: string, name = 'A') {
  return constAt(dir, file, `import { ${name} } from ${JSON.stringify(specifier)};\nuse(${name});\n`);
}

/**
 * `value` as seen through proxies that count the elements and members read (of it and of everything below it) in
 * `reads.count`, and throw past `reads.limit`: a walk of a structure that would not end fails at once.
 */
function countingReads<T>(value: T, reads: { count: number; limit: number }): T {
  const seen = new WeakMap<object, object>();
  const wrap = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    let p = seen.get(v);
    if (!p) {
      p = new Proxy(v, {
        get(target, key, receiver) {
          if (typeof key === 'string' && key !== 'length' && ++reads.count > reads.limit) throw new Error(`more than ${reads.limit} reads`);
          return wrap(Reflect.get(target, key, receiver));
        },
      });
      seen.set(v, p);
    }
    return p;
  };
  return wrap(value) as T;
}

/** A package.json with these `imports`. */
function pkg(imports: unknown): string {
  return JSON.stringify({ name: 'app', type: 'module', imports }, null, 2);
}

/** Sets a file's modification time ahead, so a change within the file system's time resolution shows. */
function touch(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const later = new Date(Date.now() + 2000 + Math.random() * 1000);
  utimesSync(file, later, later);
}

describe('package.json subpath imports (--depth deep)', () => {
  it('reads a constant through `#config`, however it is imported, with the extensions a relative import tries', () => {
    const dir = project('i1', {
      'package.json': pkg({ '#config': './src/config.js', '#plain': './src/config', '#json': './data/models.json', '#dir': './src/models/' }),
      'src/config.ts': 'export const MODEL_ID = "Xenova/distilbert";\nexport const REVISION = "0123456789abcdef0123456789abcdef01234567";\nexport default { url: "https://cdn.example.com/m.onnx" };\n',
      'src/models/index.ts': 'export const A = "models index";\n',
      'src/reexport.ts': 'export * from "#config";\n',
      'data/models.json': '{ "A": "json" }\n',
      'lib/legacy.cjs': 'const { MODEL_ID } = require("#config");\nmodule.exports = { MODEL_ID };\n',
    });
    // a `.js` target names its TypeScript source, as TypeScript resolves it
    expect(constAt(dir, 'src/app/page.ts', 'import { MODEL_ID, REVISION } from "#config";\nuse(`${MODEL_ID}@${REVISION}`);\n')).toBe('Xenova/distilbert@0123456789abcdef0123456789abcdef01234567');
    expect(constAt(dir, 'src/app/page.ts', 'import * as cfg from "#config";\nuse(cfg.REVISION);\n')).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(constAt(dir, 'src/app/page.ts', 'import cfg from "#config";\nuse(cfg.url);\n')).toBe('https://cdn.example.com/m.onnx');
    expect(constAt(dir, 'scripts/run.js', 'const { MODEL_ID } = require("#config");\nuse(MODEL_ID);\n')).toBe('Xenova/distilbert');
    expect(constAt(dir, 'main.ts', 'const { MODEL_ID } = await import("#config");\nuse(MODEL_ID);\n')).toBe('Xenova/distilbert');
    expect(imported(dir, 'main.ts', '#plain', 'MODEL_ID')).toBe('Xenova/distilbert');
    expect(imported(dir, 'main.ts', '#json')).toBe('json');
    expect(imported(dir, 'main.ts', '#dir')).toBe('models index');
    // a module of the project that re-exports through `#config`, and a CommonJS one
    expect(imported(dir, 'main.ts', './src/reexport', 'MODEL_ID')).toBe('Xenova/distilbert');
    expect(constAt(dir, 'main.ts', 'import legacy from "./lib/legacy.cjs";\nuse(legacy.MODEL_ID);\n')).toBe('Xenova/distilbert');
    // a key not there, `#` alone and `#/…` (which Node 20 refuses), a package name
    expect(imported(dir, 'main.ts', '#nope')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', 'config')).toBe(UNKNOWN);
    // below deep nothing is read
    expect(constAt(dir, 'main.ts', 'import { MODEL_ID } from "#config";\nuse(MODEL_ID);\n', 'standard')).toBe(UNKNOWN);
  });

  it('substitutes `*` as Node does: the longest prefix wins, then the longest key; the matched text goes in every `*`', () => {
    const dir = project('i2', {
      'package.json': pkg({
        '#models/*': './src/models/*.js',
        '#models/special/*': './src/special/*/index.ts',
        '#models/private/*': null,
        '#cfg/*.json': './config/*.json',
        '#twice/*': './src/*/*.ts',
        '#noext/*': './src/models/*',
      }),
      'src/models/bert.ts': 'export const A = "bert";\n',
      'src/models/sub/vit.mts': 'export const A = "vit";\n',
      'src/models/private/secret.ts': 'export const A = "private";\n',
      'src/special/gpt/index.ts': 'export const A = "special gpt";\n',
      'config/prod.json': '{ "A": "prod json" }\n',
      'src/x/x.ts': 'export const A = "twice";\n',
    });
    expect(imported(dir, 'main.ts', '#models/bert')).toBe('bert');
    // (the TypeScript source of `sub/vit.mjs`)
    expect(imported(dir, 'main.ts', '#noext/sub/vit')).toBe('vit');
    expect(imported(dir, 'main.ts', '#models/special/gpt')).toBe('special gpt');
    expect(imported(dir, 'main.ts', '#models/private/secret')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#cfg/prod.json')).toBe('prod json');
    expect(imported(dir, 'main.ts', '#twice/x')).toBe('twice');
    // the prefix alone matches nothing
    expect(imported(dir, 'main.ts', '#models/')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#models/missing')).toBe(UNKNOWN);
  });

  it('takes the first of `import`, `node`, `default` in the object\'s order; `require` only without `import`; never `types` or other conditions', () => {
    const dir = project('i3', {
      'package.json': pkg({
        '#esm': { types: './src/types.d.ts', require: './src/cjs.cjs', import: './src/esm.ts' },
        '#cjs': { types: './src/types.d.ts', require: './src/cjs.cjs', default: './src/default.ts' },
        '#nested': { browser: './src/browser.ts', node: { import: './src/esm.ts', require: './src/cjs.cjs' }, default: './src/default.ts' },
        '#order': { default: './src/default.ts', import: './src/esm.ts' },
        '#types': { types: './src/types.d.ts' },
        '#browser': { browser: './src/browser.ts', development: './src/browser.ts' },
        '#fallback': { browser: './src/browser.ts', default: './src/default.ts' },
        '#empty': {},
        '#pattern/*': { import: './src/*.ts', default: './src/default.ts' },
      }),
      'src/esm.ts': 'export const A = "esm";\n',
      'src/cjs.cjs': 'exports.A = "cjs";\n',
      'src/default.ts': 'export const A = "default";\n',
      'src/browser.ts': 'export const A = "browser";\n',
      'src/types.d.ts': 'export declare const A: string;\n',
    });
    expect(imported(dir, 'main.ts', '#esm')).toBe('esm');
    expect(imported(dir, 'main.ts', '#cjs')).toBe('cjs');
    expect(imported(dir, 'main.ts', '#nested')).toBe('esm');
    expect(imported(dir, 'main.ts', '#order')).toBe('default');
    expect(imported(dir, 'main.ts', '#types')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#browser')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#fallback')).toBe('default');
    expect(imported(dir, 'main.ts', '#empty')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#pattern/esm')).toBe('esm');
  });

  it('gives the first valid target of a fallback array; `null` excludes', () => {
    const dir = project('i4', {
      'package.json': pkg({
        '#first': ['../outside.ts', 42, { browser: './src/b.ts' }, './src/a.ts', './src/b.ts'],
        // (Node takes the first valid target, whether or not its file is there)
        '#missing-first': ['./src/none.ts', './src/b.ts'],
        '#null': null,
        '#null-in-array': [null, './src/a.ts'],
        '#package-first': ['some-package', './src/a.ts'],
      }),
      'src/a.ts': 'export const A = "a";\n',
      'src/b.ts': 'export const A = "b";\n',
    });
    expect(imported(dir, 'main.ts', '#first')).toBe('a');
    expect(imported(dir, 'main.ts', '#missing-first')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#null')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#null-in-array')).toBe('a');
    expect(imported(dir, 'main.ts', '#package-first')).toBe(UNKNOWN);
  });

  it('reads the nearest package.json only (one without `imports` hides those above), and a tsconfig `paths` match first', () => {
    const dir = project('i5', {
      'package.json': pkg({ '#config': './src/config.ts' }),
      'src/config.ts': 'export const A = "root";\n',
      'packages/inner/package.json': '{ "name": "inner" }',
      'packages/other/package.json': pkg({ '#config': './lib/config.ts' }),
      'packages/other/lib/config.ts': 'export const A = "other";\n',
      'aliased/tsconfig.json': '{ "compilerOptions": { "paths": { "#config": ["./alias.ts"] } } }',
      'aliased/alias.ts': 'export const A = "alias";\n',
    });
    expect(imported(dir, 'src/deep/er/main.ts', '#config')).toBe('root');
    expect(imported(dir, 'packages/inner/main.ts', '#config')).toBe(UNKNOWN);
    expect(imported(dir, 'packages/other/src/main.ts', '#config')).toBe('other');
    expect(imported(dir, 'aliased/main.ts', '#config')).toBe('alias');
  });
});

describe('only the project is read (subpath imports)', () => {
  const OUTSIDE = 'export const A = "outside";\n';

  it('never follows a target out of the package or the project, into node_modules, or to a package', () => {
    const outside = project('o1/outside', { 'config.ts': OUTSIDE, 'package.json': pkg({ '#config': './config.ts' }) });
    const dir = project('o1/app', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'package.json': pkg({
        '#up': '../outside/config.ts',
        '#abs': `${outside}/config.ts`,
        '#url': `file://${outside}/config.ts`,
        '#dotdot': './src/../../outside/config.ts',
        '#dot': './././src/config.ts',
        '#nm': './node_modules/pkg/index.js',
        '#nm-case': './Node_Modules/pkg/index.js',
        '#dep': 'pkg',
        '#dep-sub': 'pkg/index.js',
        '#any/*': './src/*',
        '#encoded': './src/%2e%2e/%2e%2e/outside/config.ts',
        '#backslash': './src\\..\\..\\outside\\config.ts',
      }),
      'src/config.ts': 'export const A = "inside";\n',
      'node_modules/pkg/index.js': 'export const A = "package";\n',
      'node_modules/pkg/package.json': '{ "name": "pkg", "main": "index.js" }',
    });
    for (const specifier of ['#up', '#abs', '#url', '#dotdot', '#dot', '#nm', '#nm-case', '#dep', '#dep-sub', '#encoded', '#backslash']) {
      expect(imported(dir, 'main.ts', specifier), specifier).toBe(UNKNOWN);
    }
    // the text a `*` matches may not leave the package either
    expect(imported(dir, 'main.ts', '#any/config')).toBe('inside');
    for (const specifier of ['#any/../../outside/config', '#any/../config', '#any/./config', '#any/../node_modules/pkg/index.js', '#any/%2e%2e/x']) {
      expect(imported(dir, 'main.ts', specifier), specifier).toBe(UNKNOWN);
    }
  });

  it('never reads outside the project through a symbolic link (the target, or the package.json itself)', () => {
    const outside = project('o2/outside', { 'config.ts': OUTSIDE, 'package.json': pkg({ '#config': './config.ts' }) });
    const dir = project('o2/app', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'package.json': pkg({ '#ext': './src/ext/config.ts', '#secret': './src/secret.ts', '#linked': './src/linked/config.ts', '#star/*': './src/*.ts' }),
      'shared/config.ts': 'export const A = "shared";\n',
    });
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    symlinkSync(outside, path.join(dir, 'src/ext'), 'dir');
    symlinkSync(path.join(outside, 'config.ts'), path.join(dir, 'src/secret.ts'));
    symlinkSync('../shared', path.join(dir, 'src/linked'), 'dir');
    expect(imported(dir, 'main.ts', '#ext')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#secret')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#star/secret')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#star/ext/config')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '#linked')).toBe('shared');
    // a package.json that is a link out of the project is not read
    const own = project('o2/own', { '.git/HEAD': 'ref: refs/heads/main\n', 'config.ts': 'export const A = "own";\n' });
    symlinkSync(path.join(outside, 'package.json'), path.join(own, 'package.json'));
    expect(imported(own, 'main.ts', '#config')).toBe(UNKNOWN);
    // nor one above the repository's root
    const above = project('o3', { 'package.json': pkg({ '#config': './repo/config.ts' }), 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/config.ts': 'export const A = "repo";\n' });
    expect(imported(above, 'main.ts', '#config')).toBe('repo');
    expect(imported(above, 'repo/main.ts', '#config')).toBe(UNKNOWN);
  });

  it('gives up quietly on a package.json that is huge, not JSON, nested too deeply, or whose targets nest and fan out', () => {
    // 32 × 32 × 32 invalid targets before the one that is valid, and conditions nested 20 deep
    let fan: unknown = 42;
    for (let i = 0; i < 3; i++) fan = Array.from({ length: 32 }, () => fan);
    let deep: unknown = './src/config.ts';
    for (let i = 0; i < 20; i++) deep = { node: deep };
    const files: Record<string, string> = {
      'good/package.json': pkg({ '#config': './src/config.ts' }),
      'huge/package.json': pkg({ '#config': './src/config.ts', pad: 'x'.repeat(MAX_CONFIG_BYTES) }),
      'bad/package.json': '{ "imports": { "#config": "./src/config.ts" } ',
      'nested/package.json': `{ "imports": { "#config": "./src/config.ts" }, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)} }`,
      'array/package.json': '[{ "imports": { "#config": "./src/config.ts" } }]',
      'shapes/package.json': '{ "imports": ["./src/config.ts"] }',
      'numbers/package.json': '{ "imports": { "#config": 42 } }',
      'fan/package.json': JSON.stringify({ imports: { '#config': [fan, './src/config.ts'] } }),
      'deep/package.json': JSON.stringify({ imports: { '#config': deep } }),
      'empty/package.json': '',
    };
    const subs = ['huge', 'bad', 'nested', 'array', 'shapes', 'numbers', 'fan', 'deep', 'empty'];
    for (const sub of ['good', ...subs]) files[`${sub}/src/config.ts`] = 'export const A = "conf";\n';
    const dir = project('o4', files);
    expect(imported(dir, 'good/main.ts', '#config')).toBe('conf');
    for (const sub of subs) {
      const work = ioBy(() => expect(imported(dir, `${sub}/main.ts`, '#config'), sub).toBe(UNKNOWN));
      // each file of the project read once at most, none past the size bound; a few file system calls
      const readable = Object.entries(files).reduce((n, [file, text]) => n + (file.startsWith(`${sub}/`) && text.length <= MAX_CONFIG_BYTES ? text.length : 0), 0);
      expect({ sub, calls: work.calls <= 100, chars: work.chars <= readable + 1024, parsed: work.parsed <= readable }).toEqual({ sub, calls: true, chars: true, parsed: true });
    }
    // a fan of fallback arrays is cut short, never walked in full (32^15 targets here)
    let wide: unknown = 42;
    for (let i = 0; i < 15; i++) wide = Array.from({ length: 32 }, () => wide);
    const reads = { count: 0, limit: 1_000_000 };
    expect(resolveImports('/p', countingReads({ '#config': [wide, './src/config.ts'] }, reads), '#config')).toBeUndefined();
    // (the walk stops after 256 targets: a few reads each)
    expect(reads.count).toBeLessThan(10 * 256);
    expect(resolveImports('/p', { '#config': [[42, 42], './src/config.ts'] }, '#config')).toEqual({ path: path.resolve('/p/src/config.ts'), directory: false });
  });

  it('says which specifiers go through imports', () => {
    expect(['#config', '#models/x', '#a#b'].map(isImportsSpecifier)).toEqual([true, true, true]);
    expect(['#', '#/x', 'config', './#config', '@/x', `#${'x'.repeat(2000)}`].map(isImportsSpecifier)).toEqual([false, false, false, false, false, false]);
  });
});

describe('the --cache key and long-lived processes (subpath imports)', () => {
  it('changes when the package.json imports change, appear, or the module changes; not for an unrelated file', () => {
    const dir = project('c1', {
      'package.json': pkg({ '#config': './src/config.ts' }),
      'src/config.ts': 'export const A = "a";\n',
      'src/pinned.ts': 'export const A = "b";\n',
      'unrelated.ts': 'export const X = 1;\n',
    });
    const file = path.join(dir, 'src/main.ts');
    // (the page imports both modules itself: which files it imports stays the same, only where `#config` leads changes)
    writeFileSync(file, 'import "./config";\nimport "./pinned";\nimport { A } from "#config";\nuse(A);\n');
    const key = () => javascript.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const first = key();
    expect(first).not.toBe('');
    expect(key()).toBe(first);
    touch(path.join(dir, 'unrelated.ts'), 'export const X = 2;\n');
    expect(key()).toBe(first);
    touch(path.join(dir, 'package.json'), pkg({ '#config': './src/pinned.ts' }));
    const second = key();
    expect(second).not.toBe(first);
    touch(path.join(dir, 'src/pinned.ts'), 'export const A = "changed";\n');
    const third = key();
    expect(third).not.toBe(second);
    // a nearer package.json appears
    touch(path.join(dir, 'src/package.json'), pkg({ '#config': './config.ts' }));
    expect(key()).not.toBe(third);
  });

  it('changes when a package.json appears where there was none, or the module it names appears', () => {
    const dir = project('c2', { '.git/HEAD': 'ref: refs/heads/main\n', 'src/config.ts': 'export const A = "a";\n' });
    const file = path.join(dir, 'main.ts');
    writeFileSync(file, 'import { A } from "#config";\nuse(A);\n');
    const key = () => javascript.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const before = key();
    expect(before).not.toBe('');
    touch(path.join(dir, 'package.json'), pkg({ '#config': './src/later.ts' }));
    const withPackage = key();
    expect(withPackage).not.toBe(before);
    touch(path.join(dir, 'src/later.ts'), 'export const A = "later";\n');
    expect(key()).not.toBe(withPackage);
  });

  it('a long-lived process sees a package.json change between parses (the ESLint plugin\'s createJsSourceCode too)', () => {
    const dir = project('c3', {
      'package.json': pkg({ '#config': './src/config.ts' }),
      'src/config.ts': 'export const A = "src";\n',
      'lib/config.ts': 'export const A = "lib";\n',
      'src/index.ts': 'export { A } from "#config";\n',
    });
    const text = 'import { A } from "#config";\nuse(A);\n';
    const viaEslint = () => {
      const { ast } = parseText(text, path.join(dir, 'main.ts'));
      const sc = createJsSourceCode({ path: path.join(dir, 'main.ts'), text, ast, depth: 'deep' });
      return sc.constant(used(sc));
    };
    expect(constAt(dir, 'main.ts', text)).toBe('src');
    expect(viaEslint()).toBe('src');
    expect(imported(dir, 'main.ts', './src/index')).toBe('src');
    touch(path.join(dir, 'package.json'), pkg({ '#config': './lib/config.ts' }));
    expect(constAt(dir, 'main.ts', text)).toBe('lib');
    expect(viaEslint()).toBe('lib');
    // (a module read before, whose `#config` now leads elsewhere, is read again)
    expect(imported(dir, 'main.ts', './src/index')).toBe('lib');
    touch(path.join(dir, 'package.json'), '{ "imports": ');
    expect(constAt(dir, 'main.ts', text)).toBe(UNKNOWN);
  });
});
