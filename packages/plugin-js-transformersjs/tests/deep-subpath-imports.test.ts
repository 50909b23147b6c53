import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, type Depth } from '@oculum/core';
import plugin from '../src/index.js';

// At --depth deep a revision imported through the `imports` of the project's package.json (`#config`,
// `#models/*`), as Node resolves it, is read as a relative import is: end to end through `scan()`.

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'oculum-subpath-imports-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const PAGE = (specifier: string) =>
  `import { pipeline } from '@huggingface/transformers';\nimport { MODEL_ID, REVISION } from '${specifier}';\n\nexport const embed = await pipeline('feature-extraction', MODEL_ID, { revision: REVISION });\n`;
const BRANCH = 'high pipeline loads "Xenova/all-MiniLM-L6-v2" at revision "main", a branch that moves with every push; pin a full commit hash.';
const CONFIG = 'export const MODEL_ID = "Xenova/all-MiniLM-L6-v2";\nexport const REVISION = "main";\n';
const PINNED = 'export const MODEL_ID = "Xenova/all-MiniLM-L6-v2";\nexport const REVISION = "0123456789abcdef0123456789abcdef01234567";\n';

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) write(path.join(dir, file), text);
  return dir;
}

/** Writes `text` and moves its modification time on, so that a change within the clock's resolution shows. */
function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const later = new Date(Date.now() + 2000 + Math.random() * 1000);
  utimesSync(file, later, later);
}

function packageJson(imports: unknown): string {
  return `${JSON.stringify({ name: 'app', private: true, type: 'module', imports }, null, 2)}\n`;
}

/** `transformersjs/unpinned-model-revision` findings of a scan of `src` at `depth`: `<confidence> <message>`. */
async function findings(dir: string, depth: Depth, extra: { cache?: boolean } = {}): Promise<string[]> {
  const result = await scan({ cwd: dir, paths: ['src'], plugins: [plugin], workers: 0, depth, noConfig: true, ...extra });
  expect(result.diagnostics.filter((d) => d.kind === 'internal' || d.kind === 'parse-error')).toEqual([]);
  return result.files
    .flatMap((f) => f.findings)
    .filter((f) => f.ruleId === 'transformersjs/unpinned-model-revision')
    .map((f) => `${f.confidence} ${f.message}`);
}

describe('transformersjs/unpinned-model-revision with a revision imported through package.json `imports`', () => {
  it('reads `#config` at deep (below deep the imported revision counts as pinned)', async () => {
    const dir = project('s1', {
      'package.json': packageJson({ '#config': { types: './src/config.d.ts', import: './src/config.js', default: './src/config.js' } }),
      'src/config.ts': CONFIG,
      'src/app/page.ts': PAGE('#config'),
    });
    expect(await findings(dir, 'standard')).toEqual([]);
    expect(await findings(dir, 'deep')).toEqual([BRANCH]);
  });

  it('reads `#models/*`: the matched text in the target, the TypeScript source of a `.js`', async () => {
    const dir = project('s2', {
      'package.json': packageJson({ '#models/*': './src/models/*.js', '#models/pinned/*': null }),
      'src/models/embedder.ts': CONFIG,
      'src/models/pinned/embedder.ts': PINNED,
      'src/app/page.ts': PAGE('#models/embedder'),
      'src/app/other.ts': PAGE('#models/pinned/embedder'),
    });
    // (the `null` pattern excludes the pinned one: not known, it counts as pinned)
    expect(await findings(dir, 'deep')).toEqual([BRANCH]);
    write(path.join(dir, 'src/app/other.ts'), PAGE('#models/pinned/../embedder'));
    expect(await findings(dir, 'deep')).toEqual([BRANCH]);
  });

  it('does not follow a target outside the project, by `..` or through a link (read, its branch would be reported)', async () => {
    const outside = project('s3-outside', { 'config.ts': CONFIG, 'package.json': packageJson({ '#config': './config.ts' }) });
    const dir = project('s3', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'package.json': packageJson({ '#up': '../s3-outside/config.ts', '#linked': './src/ext/config.ts', '#star/*': './src/*.ts' }),
      'src/app/up.ts': PAGE('#up'),
      'src/app/linked.ts': PAGE('#linked'),
      'src/app/star.ts': PAGE('#star/../../s3-outside/config'),
    });
    symlinkSync(outside, path.join(dir, 'src/ext'), 'dir');
    expect(await findings(dir, 'deep')).toEqual([]);
    // the same module inside the project is read
    write(path.join(dir, 'src/inside.ts'), CONFIG);
    write(path.join(dir, 'src/app/star.ts'), PAGE('#star/inside'));
    expect(await findings(dir, 'deep')).toEqual([BRANCH]);
  });

  it('--cache at deep is invalidated when the package.json imports change where `#config` leads', async () => {
    const dir = project('s4', {
      'package.json': packageJson({ '#config': './src/config.ts' }),
      'src/config.ts': CONFIG,
      'src/pinned.ts': PINNED,
      // the page names both modules itself too, first: which files it imports, in which order, stays the same below
      'src/app/page.ts': `export { REVISION as CURRENT } from '../config';\nexport { REVISION as FIXED } from '../pinned';\n${PAGE('#config')}`,
    });
    const deep = () => findings(dir, 'deep', { cache: true });
    expect(await deep()).toEqual([BRANCH]);
    expect(await deep()).toEqual([BRANCH]); // from the cache
    write(path.join(dir, 'package.json'), packageJson({ '#config': './src/pinned.ts' }));
    expect(await deep()).toEqual([]);
    expect(await deep()).toEqual([]); // from the cache
    write(path.join(dir, 'package.json'), packageJson({ '#config': './src/config.ts' }));
    expect(await deep()).toEqual([BRANCH]);
    // a broken package.json: `#config` is not followed, the revision is not known, the scan goes on
    write(path.join(dir, 'package.json'), '{ "imports": ');
    expect(await deep()).toEqual([]);
  });
});
