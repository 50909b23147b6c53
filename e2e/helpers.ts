import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const cliBin = path.join(root, 'packages/cli/dist/bin.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `oculum` CLI as a user would (a separate process). */
export function oculum(args: string[], cwd = root): CliRun {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: run \`pnpm build\` first`);
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
