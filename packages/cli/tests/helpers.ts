import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { main } from '../src/index.js';

/** Temporary directories of this test file, removed when its tests are done. */
const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // a test made it unremovable: left in the system's temporary directory
    }
  }
});

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (no TTY, no colour unless env says so). */
export async function run(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean; stdin?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: false, columns: 100 },
    readStdin: async () => options.stdin ?? '',
  });
  return { code, stdout, stderr };
}

/** stderr without the warnings about built-in plugins that are not built yet. */
export function errors(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l && !l.includes('built-in plugin'))
    .join('\n');
}

/** A temporary project directory with the given files. */
export function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oculum-cli-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

export const VULNERABLE = 'import torch\n\nmodel = torch.load("model.pt")\n';
export const SAFE = 'import torch\n\nmodel = torch.load("model.pt", weights_only=True)\n';
