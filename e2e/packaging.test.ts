import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const packages = readdirSync(path.join(root, 'packages')).filter((p) => existsSync(path.join(root, 'packages', p, 'package.json')));

// npm ships a package's own LICENSE file whatever `files` says: each package carries the root one.
it.each(packages)('packages/%s ships the MIT licence its package.json names', (name) => {
  const dir = path.join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  expect(pkg.license).toBe('MIT');
  expect(readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toBe(readFileSync(path.join(root, 'LICENSE'), 'utf8'));
  // every entry of `files` exists (a missing one is a sign of a stale manifest)
  for (const entry of pkg.files ?? []) {
    if (entry === 'dist') continue; // built
    expect(existsSync(path.join(dir, entry)), `${name}: files entry ${entry}`).toBe(true);
  }
});

// The README asks contributors for a changeset (`pnpm changeset`): its CLI must start on the Node the
// project supports (3.x needs Node 22 and stopped at its first line on Node 20). Every changeset in
// the repository must also read as one (front matter naming workspace packages, then a summary).
it('the changesets CLI runs here and reads every pending changeset', async () => {
  const { execFileSync } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const bin = createRequire(path.join(root, 'package.json')).resolve('@changesets/cli/bin.js');
  const out = execFileSync(process.execPath, [bin, 'status', '--verbose'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(out).toMatch(/Packages to be bumped/);
  const names = new Set(packages.map((p) => JSON.parse(readFileSync(path.join(root, 'packages', p, 'package.json'), 'utf8')).name));
  for (const file of readdirSync(path.join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const text = readFileSync(path.join(root, '.changeset', file), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n\n?(\S[\s\S]*)$/.exec(text);
    expect(m, `${file}: front matter, then a summary`).not.toBeNull();
    for (const line of m![1].split('\n')) {
      const entry = /^"([^"]+)": (patch|minor|major)$/.exec(line);
      expect(entry, `${file}: ${line}`).not.toBeNull();
      expect(names.has(entry![1]), `${file}: ${entry![1]} is a workspace package`).toBe(true);
    }
  }
});

// A package's README is its page on npm, where only the package's own files exist: a relative link
// must name a file the package ships (`files`), and links into the repository are absolute.
it.each(packages)('packages/%s: the README links only to files the package ships, and names the repository', (name) => {
  const dir = path.join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/oculum-dev/oculum.git', directory: `packages/${name}` });
  expect(pkg.homepage).toBe(`https://github.com/oculum-dev/oculum/tree/main/packages/${name}#readme`);
  // Code spans and blocks are not links (`LOADERS[".pt"](p)`).
  const readme = readFileSync(path.join(dir, 'README.md'), 'utf8').replace(/```[\s\S]*?```|`[^`\n]*`/g, '');
  const shipped = (rel: string) => (pkg.files ?? []).some((entry: string) => rel === entry || rel.startsWith(`${entry}/`));
  for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^(?:[a-z]+:|#)/i.test(target)) continue;
    const rel = path.posix.normalize(target.split('#')[0]);
    expect(rel.startsWith('..'), `${name}/README.md links outside the package: ${target}`).toBe(false);
    expect(shipped(rel.replace(/\/$/, '')) && existsSync(path.join(dir, rel)), `${name}/README.md: ${target} is not shipped`).toBe(true);
  }
});

// `npm pack` / `npm publish` keep `workspace:*` specifiers, and npm cannot install what they make:
// each package's `prepack` refuses any packer but pnpm (which writes the versions in their place).
describe('packing with anything but pnpm is refused', () => {
  const guard = path.join(root, 'scripts', 'require-pnpm-pack.mjs');
  it.each(packages)('packages/%s runs the guard before packing', (name) => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'packages', name, 'package.json'), 'utf8'));
    expect(pkg.scripts?.prepack).toBe('node ../../scripts/require-pnpm-pack.mjs');
  });
  it('lets pnpm through and stops npm with a message', () => {
    const runGuard = (agent: string) => spawnSync(process.execPath, [guard], { env: { ...process.env, npm_config_user_agent: agent, npm_package_name: '@oculum/core' }, encoding: 'utf8' });
    expect(runGuard('pnpm/12.4.2 npm/? node/v20.20.2 linux x64').status).toBe(0);
    const npm = runGuard('npm/11.19.1 node/v20.20.2 linux x64 workspaces/false');
    expect(npm.status).toBe(1);
    expect(npm.stderr).toContain('@oculum/core: pack and publish with pnpm');
  });
});
