import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
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
