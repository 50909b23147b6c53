import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { createJsSourceCode, javascript, moduleSpecifiers, PathAliases, parseJsonc, type JsNode, type JsSourceCode } from '../src/index.js';
import { parseText } from '../src/parse.js';
import { MAX_CONFIG_BYTES } from '../src/path-aliases.js';
import { projectFixture, used } from './project-fixture.js';
import { ioBy } from './work-counters.js';

vi.mock('node:fs', async (importOriginal) => (await import('./work-counters.js')).countingFs(await importOriginal<typeof import('node:fs')>()));

// At --depth deep a name imported through a TypeScript path alias (`@/config`) has the value the
// module the alias maps to exports, as for a relative import.

const { project, parseAt, constAt } = projectFixture('oculum-js-aliases-');

/** `import { <name> } from '<specifier>'; use(<name>)`, parsed as `file`. */
function imported(dir: string, file: string, specifier: string, name = 'A') {
  return constAt(dir, file, `import { ${name} } from ${JSON.stringify(specifier)};\nuse(${name});\n`);
}

/** Sets a file's modification time ahead, so a change within the file system's time resolution shows. */
function touch(file: string, text: string): void {
  writeFileSync(file, text);
  const later = new Date(Date.now() + 2000 + Math.random() * 1000);
  utimesSync(file, later, later);
}

const NEXT_TSCONFIG = `{
  // Next.js writes this one
  "compilerOptions": {
    "target": "ES2017",
    /* the alias */
    "baseUrl": ".",
    "paths": {
      "@/*": ["./src/*"],
    },
  },
  "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx",],
}
`;


describe('path aliases of tsconfig.json / jsconfig.json (--depth deep)', () => {
  it('reads a constant through `@/…` of a Next.js tsconfig (comments, trailing commas), however it is imported', () => {
    const dir = project('a1', {
      'tsconfig.json': NEXT_TSCONFIG,
      'src/config.ts': 'export const MODEL_ID = "Xenova/distilbert";\nexport const REVISION = "0123456789abcdef0123456789abcdef01234567";\nexport default { url: "https://cdn.example.com/m.onnx" };\n',
      'src/models/index.ts': 'export * from "@/config";\n',
      'src/legacy.js': 'module.exports = { MODEL_ID: "org/legacy" };\n',
    });
    expect(constAt(dir, 'src/app/page.tsx', 'import { MODEL_ID, REVISION } from "@/config";\nuse(`${MODEL_ID}@${REVISION}`);\n')).toBe('Xenova/distilbert@0123456789abcdef0123456789abcdef01234567');
    expect(constAt(dir, 'src/app/page.tsx', 'import * as cfg from "@/config";\nuse(cfg.REVISION);\n')).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(constAt(dir, 'src/app/page.tsx', 'import cfg from "@/config";\nuse(cfg.url);\n')).toBe('https://cdn.example.com/m.onnx');
    // an aliased module re-exporting through an alias; `index` of the directory the alias names
    expect(imported(dir, 'src/app/page.tsx', '@/models', 'MODEL_ID')).toBe('Xenova/distilbert');
    // a `.js` specifier names the TypeScript source
    expect(imported(dir, 'src/app/page.tsx', '@/config.js', 'MODEL_ID')).toBe('Xenova/distilbert');
    expect(constAt(dir, 'scripts/run.js', 'const { MODEL_ID } = require("@/legacy");\nuse(MODEL_ID);\n')).toBe('org/legacy');
    expect(constAt(dir, 'src/app/page.tsx', 'const { MODEL_ID } = await import("@/config");\nuse(MODEL_ID);\n')).toBe('Xenova/distilbert');
    // below deep nothing is read
    expect(constAt(dir, 'src/app/page.tsx', 'import { MODEL_ID } from "@/config";\nuse(MODEL_ID);\n', 'standard')).toBe(UNKNOWN);
  });

  it('tries the extensions of a module, then index files, never a .d.ts', () => {
    const dir = project('a2', {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "~/*": ["./lib/*"] } } }',
      'lib/a.mts': 'export const A = "mts";\n',
      'lib/b.cjs': 'exports.A = "cjs";\n',
      'lib/c.jsx': 'export const A = "jsx";\n',
      'lib/d/index.tsx': 'export const A = "index.tsx";\n',
      'lib/e.json': '{ "A": "json" }\n',
      'lib/types.d.ts': 'export declare const A: string;\n',
      'lib/both.ts': 'export const A = "ts";\n',
      'lib/both.js': 'export const A = "js";\n',
    });
    expect(imported(dir, 'main.ts', '~/a')).toBe('mts');
    expect(imported(dir, 'main.ts', '~/a.mjs')).toBe('mts');
    expect(imported(dir, 'main.ts', '~/b')).toBe('cjs');
    expect(imported(dir, 'main.ts', '~/c')).toBe('jsx');
    expect(imported(dir, 'main.ts', '~/d')).toBe('index.tsx');
    expect(imported(dir, 'main.ts', '~/d/')).toBe('index.tsx');
    expect(constAt(dir, 'main.ts', 'import e from "~/e.json";\nuse(e.A);\n')).toBe('json');
    expect(imported(dir, 'main.ts', '~/types')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '~/types.d.ts')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '~/both')).toBe('ts');
    expect(imported(dir, 'main.ts', '~/both.js')).toBe('js');
    expect(imported(dir, 'main.ts', '~/missing')).toBe(UNKNOWN);
  });

  it('picks the exact pattern, else the longest prefix, and tries its targets in order (never baseUrl after a match)', () => {
    const dir = project('a3', {
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: {
            '@/*': ['./src/*'],
            '@/models/*': ['./generated/models/*', './src/models/*'],
            '@app/config': ['./special/config.ts'],
            '@app/*': ['./app/*'],
            '#cfg': ['./missing/cfg.ts', './cfg/index.ts'],
            '*.cfg': ['./cfg/*.ts'],
            'a*b*': ['./never/*'],
          },
        },
      }),
      'src/models/m.ts': 'export const A = "src model";\n',
      'src/models/n.ts': 'export const A = "src n";\n',
      'generated/models/m.ts': 'export const A = "generated model";\n',
      'src/x.ts': 'export const A = "src x";\n',
      'special/config.ts': 'export const A = "special";\n',
      'app/config.ts': 'export const A = "app";\n',
      'app/other.ts': 'export const A = "app other";\n',
      'cfg/index.ts': 'export const A = "cfg";\n',
      'cfg/prod.ts': 'export const A = "prod";\n',
      'unmatched.ts': 'export const A = "base url";\n',
      '@/nothere.ts': 'export const A = "under baseUrl";\n',
    });
    expect(imported(dir, 'main.ts', '@/models/m')).toBe('generated model');
    expect(imported(dir, 'main.ts', '@/models/n')).toBe('src n');
    expect(imported(dir, 'main.ts', '@/x')).toBe('src x');
    expect(imported(dir, 'main.ts', '@app/config')).toBe('special');
    expect(imported(dir, 'main.ts', '@app/other')).toBe('app other');
    expect(imported(dir, 'main.ts', '#cfg')).toBe('cfg');
    expect(imported(dir, 'main.ts', 'prod.cfg')).toBe('prod');
    // a pattern with two `*` is ignored; a name no pattern matches is looked for under baseUrl
    expect(imported(dir, 'main.ts', 'axxbyy')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', 'unmatched')).toBe('base url');
    // `@/nothere` matches `@/*`, whose target is missing: TypeScript does not go on to baseUrl
    expect(imported(dir, 'main.ts', '@/nothere')).toBe(UNKNOWN);
  });

  it('resolves under baseUrl alone, relative to the config that sets it, and leaves packages alone', () => {
    const dir = project('a4', {
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }',
      'src/config/index.ts': 'export const A = "config";\n',
      'src/settings.ts': 'export const A = "settings";\n',
      'node_modules/onnxruntime-web/index.js': 'export const A = "package";\n',
    });
    expect(imported(dir, 'src/deep/main.ts', 'config')).toBe('config');
    expect(imported(dir, 'main.ts', 'settings')).toBe('settings');
    expect(imported(dir, 'main.ts', 'onnxruntime-web')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', 'node:fs')).toBe(UNKNOWN);
  });

  it('reads jsconfig.json, takes tsconfig.json first in one directory, and the nearest config', () => {
    const dir = project('a5', {
      'jsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["js/*"] } } }',
      'js/conf.js': 'export const A = "from jsconfig";\n',
      'both/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./ts/*"] } } }',
      'both/jsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./js/*"] } } }',
      'both/ts/conf.ts': 'export const A = "from tsconfig";\n',
      'both/js/conf.js': 'export const A = "from the jsconfig beside it";\n',
      'packages/app/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'packages/app/src/conf.ts': 'export const A = "app";\n',
    });
    expect(imported(dir, 'main.js', '@/conf')).toBe('from jsconfig');
    expect(imported(dir, 'both/main.ts', '@/conf')).toBe('from tsconfig');
    expect(imported(dir, 'packages/app/src/pages/x.tsx', '@/conf')).toBe('app');
  });

  it('follows extends: paths relative to the config that sets them, or to baseUrl set by another; arrays, `.json` added, ${configDir}', () => {
    const dir = project('a6', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@shared/*": ["./shared/*"], "@/*": ["./base-src/*"] } } }',
      'shared/ids.ts': 'export const A = "shared";\n',
      'base-src/x.ts': 'export const A = "relative to the base";\n',
      // extends without `.json`, paths inherited: relative to the base's directory
      'packages/one/tsconfig.json': '{ "extends": "../../tsconfig.base" }',
      // baseUrl here, paths in the base: relative to this baseUrl
      'packages/two/tsconfig.json': '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "baseUrl": "./src" } }',
      'packages/two/src/base-src/x.ts': 'export const A = "relative to baseUrl";\n',
      // an array of bases: the later wins; own paths override theirs
      'packages/three/tsconfig.json': '{ "extends": ["../../tsconfig.base.json", "./paths.json"] }',
      'packages/three/paths.json': '{ "compilerOptions": { "paths": { "@/*": ["${configDir}/src/*"] } } }',
      'packages/three/src/x.ts': 'export const A = "configDir";\n',
      'packages/four/tsconfig.json': '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "paths": { "@/*": ["./own/*"] } } }',
      'packages/four/own/x.ts': 'export const A = "own";\n',
      // a package's config is not read (node_modules): the config's own options still count
      'packages/five/tsconfig.json': '{ "extends": "@tsconfig/next/tsconfig.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'packages/five/src/x.ts': 'export const A = "five";\n',
      'node_modules/@tsconfig/next/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./evil/*"] } } }',
    });
    expect(imported(dir, 'packages/one/src/main.ts', '@shared/ids')).toBe('shared');
    expect(imported(dir, 'packages/one/src/main.ts', '@/x')).toBe('relative to the base');
    expect(imported(dir, 'packages/two/src/main.ts', '@/x')).toBe('relative to baseUrl');
    expect(imported(dir, 'packages/three/src/main.ts', '@/x')).toBe('configDir');
    expect(imported(dir, 'packages/three/src/main.ts', '@shared/ids')).toBe(UNKNOWN);
    expect(imported(dir, 'packages/four/src/main.ts', '@/x')).toBe('own');
    expect(imported(dir, 'packages/five/src/main.ts', '@/x')).toBe('five');
  });

  it('agrees with TypeScript\'s own resolution', () => {
    const dir = project('a7', {
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@lib/*": ["./lib/*", "./fallback/*"], "@/*": ["./src/*"] } } }',
      'tsconfig.json': '{\n  // comment\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "moduleResolution": "bundler", "module": "esnext", "allowJs": true, },\n}\n',
      'lib/one.ts': 'export const A = 1;\n',
      'fallback/two.ts': 'export const A = 2;\n',
      'fallback/one.ts': 'export const A = 3;\n',
      'src/conf.ts': 'export const A = 4;\n',
      'src/dir/index.ts': 'export const A = 5;\n',
      'src/js.js': 'export const A = 6;\n',
      'src/tsx.tsx': 'export const A = 7;\n',
      'src/named.ts': 'export const A = 8;\n',
      'main.ts': '',
    });
    const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const aliases = new PathAliases((f) => statSync(f, { throwIfNoEntry: false }) ?? null);
    const isFile = (f: string) => statSync(f, { throwIfNoEntry: false })?.isFile() ?? false;
    for (const specifier of ['@lib/one', '@lib/two', '@lib/three', '@/conf', '@/dir', '@/js', '@/tsx', '@/named.js', '@/missing']) {
      const theirs = ts.resolveModuleName(specifier, path.join(dir, 'main.ts'), config.options, ts.sys).resolvedModule?.resolvedFileName;
      expect(aliases.resolve(dir, specifier, isFile), specifier).toBe(theirs && path.resolve(theirs));
    }
  });
});

describe('only the project is read, and hostile configs give up quietly', () => {
  it('never reads outside the project, nor under node_modules', () => {
    const outside = project('b1-outside', { 'secret.ts': 'export const A = "outside";\n', 'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }' });
    const dir = project('b1/app', {
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          paths: {
            '@/*': ['./src/*'],
            'up/*': ['../../b1-outside/*'],
            'abs/*': [`${outside}/*`],
            'pkg/*': ['./node_modules/pkg/*'],
            'vendor/*': ['./vendor/*'],
          },
        },
      }),
      'src/ok.ts': 'export const A = "inside";\n',
      'node_modules/pkg/index.ts': 'export const A = "package";\n',
      'vendor/node_modules/x/index.ts': 'export const A = "nested package";\n',
    });
    expect(imported(dir, 'main.ts', '@/ok')).toBe('inside');
    expect(imported(dir, 'main.ts', '@/../../b1-outside/secret')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', 'up/secret')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', 'abs/secret')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', 'pkg/index')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', 'vendor/node_modules/x')).toBe(UNKNOWN);
    // outside a repository the project is the outermost directory with a project file (here the config's): a base above it is not read
    const ext = project('b1/ext', { 'tsconfig.json': '{ "extends": "../../b1-outside/tsconfig.json" }', 'src/secret.ts': 'export const A = "x";\n' });
    expect(imported(ext, 'main.ts', '@/src/secret')).toBe(UNKNOWN);
  });

  it('never reads outside the project through a symbolic link (targets, extended configs, the config itself)', () => {
    const outside = project('b3-outside', {
      'config.ts': 'export const A = "outside";\n',
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
    });
    const dir = project('b3/app', {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'shared/config.ts': 'export const A = "shared";\n',
      'node_modules/pkg/config.ts': 'export const A = "package";\n',
    });
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    symlinkSync(outside, path.join(dir, 'src/ext'), 'dir');
    symlinkSync(path.join(outside, 'config.ts'), path.join(dir, 'src/secret.ts'));
    symlinkSync('../shared', path.join(dir, 'src/linked'), 'dir');
    symlinkSync('../node_modules/pkg', path.join(dir, 'src/pkg'), 'dir');
    expect(imported(dir, 'main.ts', '@/ext/config')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '@/secret')).toBe(UNKNOWN);
    expect(imported(dir, 'main.ts', '@/pkg/config')).toBe(UNKNOWN);
    // a link that stays inside the project is followed
    expect(imported(dir, 'main.ts', '@/linked/config')).toBe('shared');
    // a base config, or the config itself, that is a link out of the project gives no alias
    const ext = project('b3/ext', { 'src/conf.ts': 'export const A = "ext";\n', 'tsconfig.json': '{ "extends": "./base.json" }' });
    symlinkSync(path.join(outside, 'tsconfig.json'), path.join(ext, 'base.json'));
    expect(imported(ext, 'main.ts', '@/conf')).toBe(UNKNOWN);
    const own = project('b3/own', { 'src/conf.ts': 'export const A = "own";\n' });
    symlinkSync(path.join(outside, 'tsconfig.json'), path.join(own, 'tsconfig.json'));
    expect(imported(own, 'main.ts', '@/conf')).toBe(UNKNOWN);
    // a project reached through a link (its root's real path elsewhere) still reads its own files
    const alias = path.join(path.dirname(dir), 'app-link');
    symlinkSync(dir, alias, 'dir');
    expect(imported(alias, 'main.ts', '@/linked/config')).toBe('shared');
  });

  it('inside a repository: bases anywhere in it, no config above its root', () => {
    const dir = project('b2', {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./repo/src/*"] } } }',
      'repo/.git': 'gitdir: /elsewhere\n',
      'repo/src/conf.ts': 'export const A = "repo";\n',
    });
    expect(imported(dir, 'main.ts', '@/conf')).toBe('repo');
    // the config above the repository is not the repository's
    expect(imported(dir, 'repo/src/main.ts', '@/conf')).toBe(UNKNOWN);
  });

  it('gives up on bad JSON, huge or deeply nested configs, cyclic, too deep or missing extends, odd shapes — never throws', () => {
    const files: Record<string, string> = {
      'good/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'bad/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } ',
      'comment/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } } /* unterminated',
      'string/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*',
      'huge/tsconfig.json': `{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } }, "pad": "${'x'.repeat(MAX_CONFIG_BYTES)}" }`,
      'nested/tsconfig.json': `{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } }, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)} }`,
      'cycle/tsconfig.json': '{ "extends": "./a.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'cycle/a.json': '{ "extends": "./b.json" }',
      'cycle/b.json': '{ "extends": "./a.json" }',
      'self/tsconfig.json': '{ "extends": "./tsconfig.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'missing/tsconfig.json': '{ "extends": "./nope.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'array/tsconfig.json': '[1, 2, 3]',
      'shapes/tsconfig.json': '{ "compilerOptions": { "baseUrl": 42, "paths": { "@/*": "./src/*", "#/*": [1, null, "./src/*"], "__proto__": ["x"] } } }',
      'empty/tsconfig.json': '',
      'binary/tsconfig.json': '\u0000\u0001\u0002{',
    };
    // a chain of bases longer than is followed
    for (let i = 0; i < 12; i++) files[`long/c${i}.json`] = `{ "extends": "./c${i + 1}.json" }`;
    files['long/c12.json'] = '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }';
    files['long/tsconfig.json'] = '{ "extends": "./c0.json" }';
    // a diamond of bases, each extending both of the next level: few files, exponentially many paths
    for (let i = 0; i < 7; i++) files[`diamond/l${i}a.json`] = files[`diamond/l${i}b.json`] = `{ "extends": ["./l${i + 1}a.json", "./l${i + 1}b.json"] }`;
    files['diamond/l7a.json'] = files['diamond/l7b.json'] = '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }';
    files['diamond/tsconfig.json'] = '{ "extends": ["./l0a.json", "./l0b.json"] }';
    const subs = ['bad', 'comment', 'string', 'huge', 'nested', 'cycle', 'self', 'missing', 'array', 'empty', 'binary', 'long', 'diamond'];
    for (const sub of ['good', 'shapes', ...subs]) files[`${sub}/src/conf.ts`] = 'export const A = "conf";\n';
    const dir = project('b3', files);
    expect(imported(dir, 'good/main.ts', '@/conf')).toBe('conf');
    for (const sub of subs) {
      const work = ioBy(() => expect(imported(dir, `${sub}/main.ts`, '@/conf'), sub).toBe(UNKNOWN));
      // each file of the project read once at most, none past the size bound; a few file system calls per config
      const readable = Object.entries(files).reduce((n, [file, text]) => n + (file.startsWith(`${sub}/`) && text.length <= MAX_CONFIG_BYTES ? text.length : 0), 0);
      expect({ sub, calls: work.calls <= 200, chars: work.chars <= readable + 1024, parsed: work.parsed <= readable }).toEqual({ sub, calls: true, chars: true, parsed: true });
      expect(javascript.cacheKey!({ path: path.join(dir, sub, 'main.ts'), depth: 'deep', cwd: dir }), sub).not.toBe('');
    }
    // what is usable of odd shapes is used: a list's strings
    expect(imported(dir, 'shapes/main.ts', '#/conf')).toBe('conf');
    expect(imported(dir, 'shapes/main.ts', '@/conf')).toBe(UNKNOWN);
  });

  it('parses JSON with comments and trailing commas, and nothing else', () => {
    expect(parseJsonc('{ // c\n "a": [1, 2,], /* x */ "b": "//not a comment", "c": "a\\"/*b", }')).toEqual({ a: [1, 2], b: '//not a comment', c: 'a"/*b' });
    expect(parseJsonc('\uFEFF{"a": 1}')).toEqual({ a: 1 });
    expect(() => parseJsonc('{ a: 1 }')).toThrow();
    expect(() => parseJsonc('[1,,]')).toThrow();
    expect(() => parseJsonc(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`)).toThrow();
    expect(parseJsonc(`${'{"a":'.repeat(63)}1${'}'.repeat(63)}`)).toBeTypeOf('object');
  });
});

describe('the --cache key and long-lived processes', () => {
  it('reads every specifier of imports, re-exports, require and import()', () => {
    expect(moduleSpecifiers('import a from "@/a";\nexport * from \'~/b\';\nconst c = require("c");\nconst d = await import("./d");\nconst s = "@/not-an-import";\n')).toEqual(['@/a', '~/b', 'c', './d']);
  });

  it('changes when a tsconfig that affects resolution, or a base it extends, changes or appears, or the aliased module changes', () => {
    const dir = project('c1', {
      'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": "." } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'src/config.ts': 'export const A = "a";\n',
      'other/config.ts': 'export const A = "other";\n',
      'unrelated.ts': 'export const X = 1;\n',
    });
    const file = path.join(dir, 'src/main.ts');
    writeFileSync(file, 'import { A } from "@/config";\nuse(A);\n');
    const key = () => javascript.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const first = key();
    expect(first).not.toBe('');
    expect(key()).toBe(first);
    touch(path.join(dir, 'unrelated.ts'), 'export const X = 2;\n');
    expect(key()).toBe(first);
    touch(path.join(dir, 'src/config.ts'), 'export const A = "changed";\n');
    const second = key();
    expect(second).not.toBe(first);
    touch(path.join(dir, 'tsconfig.json'), '{ "extends": "./tsconfig.base.json", "compilerOptions": { "paths": { "@/*": ["./other/*"] } } }');
    const third = key();
    expect(third).not.toBe(second);
    touch(path.join(dir, 'tsconfig.base.json'), '{ "compilerOptions": { "baseUrl": "./src" } }');
    const fourth = key();
    expect(fourth).not.toBe(third);
    // a nearer config appears
    touch(path.join(dir, 'src/tsconfig.json'), '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }');
    expect(key()).not.toBe(fourth);
  });

  it('changes when only where an alias leads changes (the files imported stay the same)', () => {
    const dir = project('c4', {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'src/config.ts': 'export const A = "a";\n',
      'src/pinned.ts': 'export const A = "b";\n',
    });
    const file = path.join(dir, 'src/main.ts');
    writeFileSync(file, 'import "./config";\nimport "./pinned";\nimport { A } from "@/config";\nuse(A);\n');
    const key = () => javascript.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const before = key();
    touch(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@/config": ["./src/pinned"], "@/*": ["./src/*"] } } }');
    expect(key()).not.toBe(before);
  });

  it('changes when a config appears where there was none', () => {
    const dir = project('c2', { 'src/config.ts': 'export const A = "a";\n' });
    const file = path.join(dir, 'src/main.ts');
    writeFileSync(file, 'import { A } from "@/config";\nuse(A);\n');
    const key = () => javascript.cacheKey!({ path: file, depth: 'deep', cwd: dir });
    const before = key();
    touch(path.join(dir, 'tsconfig.json'), NEXT_TSCONFIG);
    expect(key()).not.toBe(before);
  });

  it('a long-lived process sees a tsconfig change between parses (the ESLint plugin\'s createJsSourceCode too)', () => {
    const dir = project('c3', {
      'tsconfig.json': NEXT_TSCONFIG,
      'src/config.ts': 'export const A = "src";\n',
      'lib/config.ts': 'export const A = "lib";\n',
    });
    const text = 'import { A } from "@/config";\nuse(A);\n';
    const viaEslint = () => {
      // (a tree another tool parsed, as ESLint hands it over)
      const { ast } = parseText(text, path.join(dir, 'main.ts'));
      const sc = createJsSourceCode({ path: path.join(dir, 'main.ts'), text, ast, depth: 'deep' });
      return sc.constant(used(sc));
    };
    expect(constAt(dir, 'main.ts', text)).toBe('src');
    expect(viaEslint()).toBe('src');
    touch(path.join(dir, 'tsconfig.json'), NEXT_TSCONFIG.replace('./src/*', './lib/*'));
    expect(constAt(dir, 'main.ts', text)).toBe('lib');
    expect(viaEslint()).toBe('lib');
    touch(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": ');
    expect(constAt(dir, 'main.ts', text)).toBe(UNKNOWN);
  });
});
