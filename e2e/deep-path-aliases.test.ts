import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { oculum, root } from './helpers.js';

// At --depth deep a constant imported through a TypeScript path alias (`@/config`, the `paths` of the
// project's tsconfig.json, as every Next.js/Vite TS project has) is read as a relative import is.

const TSCONFIG = '{\n  // as create-next-app writes it\n  "compilerOptions": {\n    "baseUrl": ".",\n    "paths": { "@/*": ["./src/*"], },\n  },\n}\n';
const PAGE = "import { pipeline } from '@huggingface/transformers';\nimport { MODEL_ID, REVISION } from '@/config';\n\nexport const embed = await pipeline('feature-extraction', MODEL_ID, { revision: REVISION });\n";

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oculum-path-aliases-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'src/app'), { recursive: true });
  writeFileSync(path.join(dir, 'tsconfig.json'), TSCONFIG);
  writeFileSync(path.join(dir, 'src/config.ts'), 'export const MODEL_ID = "Xenova/all-MiniLM-L6-v2";\nexport const REVISION = "main";\n');
  writeFileSync(path.join(dir, 'src/app/page.ts'), PAGE);
  return dir;
}

/** Writes `text` and moves its modification time on, so that a change within the clock's resolution shows. */
function rewrite(file: string, text: string): void {
  writeFileSync(file, text);
  const later = new Date(Date.now() + 5000);
  utimesSync(file, later, later);
}

function findings(dir: string, args: string[]): string[] {
  const r = oculum(['scan', 'src', '--format', 'json', '--fail-on', 'none', '--no-config', ...args], dir);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout)
    .files.flatMap((f: { findings: Array<{ ruleId: string; confidence: string; message: string }> }) => f.findings)
    .filter((x: { ruleId: string }) => x.ruleId === 'transformersjs/unpinned-model-revision')
    .map((x: { confidence: string; message: string }) => `${x.confidence} ${x.message}`);
}

const BRANCH = 'high pipeline loads "Xenova/all-MiniLM-L6-v2" at revision "main", a branch that moves with every push; pin a full commit hash.';

it('at --depth deep the revision and model id imported through `@/config` are read', () => {
  const dir = project();
  // below deep the imported revision is a value the analysis cannot see: it counts as pinned
  expect(findings(dir, ['--depth', 'standard'])).toEqual([]);
  expect(findings(dir, ['--depth', 'deep'])).toEqual([BRANCH]);
});

it('--cache at --depth deep is invalidated when the tsconfig that maps the alias changes', () => {
  const dir = project();
  mkdirSync(path.join(dir, 'src/pinned'));
  writeFileSync(path.join(dir, 'src/pinned/config.ts'), 'export const MODEL_ID = "Xenova/all-MiniLM-L6-v2";\nexport const REVISION = "0123456789abcdef0123456789abcdef01234567";\n');
  // the page names both configs itself too: which files it imports stays the same below, only where
  // `@/config` leads changes
  writeFileSync(path.join(dir, 'src/app/page.ts'), `${PAGE}export { REVISION as CURRENT } from '../config';\nexport { REVISION as PINNED } from '../pinned/config';\n`);
  const deep = () => findings(dir, ['--depth', 'deep', '--cache']);
  expect(deep()).toEqual([BRANCH]);
  expect(deep()).toEqual([BRANCH]); // from the cache
  // `@/config` now names the pinned config: neither the page nor a module it imports changed
  rewrite(path.join(dir, 'tsconfig.json'), TSCONFIG.replace('"paths": {', '"paths": { "@/config": ["./src/pinned/config"],'));
  expect(deep()).toEqual([]);
  expect(deep()).toEqual([]); // from the cache
  rewrite(path.join(dir, 'tsconfig.json'), TSCONFIG);
  expect(deep()).toEqual([BRANCH]);
  // a broken config: the alias is not followed, the revision is not known (counts as pinned), the scan goes on
  rewrite(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "paths": ');
  expect(deep()).toEqual([]);
});

it('an alias target behind a symbolic link out of the project is not read; one inside the project is', () => {
  const dir = project();
  const outside = mkdtempSync(path.join(os.tmpdir(), 'oculum-path-aliases-outside-'));
  onTestFinished(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(path.join(outside, 'config.ts'), 'export const MODEL_ID = "Xenova/secret-outside-model";\nexport const REVISION = "main";\n');
  mkdirSync(path.join(dir, '.git'));
  symlinkSync(outside, path.join(dir, 'src/ext'), 'dir');
  writeFileSync(path.join(dir, 'src/app/page.ts'), PAGE.replace("'@/config'", "'@/ext/config'"));
  expect(findings(dir, ['--depth', 'deep'])).toEqual([]);
  // the same link to a directory of the project is followed
  mkdirSync(path.join(dir, 'shared'));
  writeFileSync(path.join(dir, 'shared/config.ts'), 'export const MODEL_ID = "Xenova/all-MiniLM-L6-v2";\nexport const REVISION = "main";\n');
  writeFileSync(path.join(dir, 'src/app/page.ts'), PAGE.replace("'@/config'", "'@/linked/config'"));
  symlinkSync('../shared', path.join(dir, 'src/linked'), 'dir');
  expect(findings(dir, ['--depth', 'deep'])).toEqual([BRANCH]);
});

it('the ESLint plugin with settings.oculum.depth "deep" reads `@/config` too', () => {
  const dir = project();
  // (a JavaScript file: the recommended preset lints what ESLint's own parser reads)
  const file = path.join(dir, 'src/app/page.mjs');
  writeFileSync(file, PAGE);
  // run where `eslint` and the built plugin resolve, as a user's project would
  const script = `
    import { Linter } from 'eslint';
    import oculum from 'eslint-plugin-oculum';
    import { readFileSync } from 'node:fs';
    const file = ${JSON.stringify(file)};
    const at = (depth) => new Linter({ configType: 'flat', cwd: ${JSON.stringify(dir)} })
      .verify(readFileSync(file, 'utf8'), [oculum.configs.recommended, { settings: { oculum: { depth } } }], { filename: file })
      .filter((m) => m.ruleId === 'oculum/transformersjs/unpinned-model-revision').map((m) => m.message);
    console.log(JSON.stringify({ standard: at('standard'), deep: at('deep') }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(root, 'packages/eslint-plugin-oculum'), encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { standard: string[]; deep: string[] };
  expect(out.standard).toEqual([]);
  expect(out.deep).toEqual([expect.stringContaining('pipeline loads "Xenova/all-MiniLM-L6-v2" at revision "main"')]);
});
