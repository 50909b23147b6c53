#!/usr/bin/env node
// `npm run setup`: everything a fresh machine with only Node 20 and npm needs, then the main job:
// install pnpm when missing, install the workspace from the lockfile, build, and scan examples/.
import { execSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

try {
  execSync('pnpm --version', { stdio: 'ignore' });
} catch {
  console.log('> installing pnpm 12.4.2 (npm i -g pnpm@12.4.2)');
  run('npm install -g pnpm@12.4.2');
}
run('pnpm install --frozen-lockfile');
run('pnpm run build');

console.log('\n> oculum scan examples\n');
const scan = spawnSync(process.execPath, ['packages/cli/dist/bin.js', 'scan', 'examples'], {
  cwd: root,
  stdio: 'inherit',
});
// The examples are vulnerable on purpose: exit 1 (findings) is the expected outcome here.
if (scan.status === 2 || scan.status === null) process.exit(scan.status ?? 2);
console.log(`\noculum exited ${scan.status} (1 = findings, as expected for the vulnerable examples).`);
