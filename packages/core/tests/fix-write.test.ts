/** `--fix` on a file that cannot be written: nothing claims a fix, and every finding is still reported. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { scan } from '../src/scan.js';
import { project, TOY_PLUGIN } from './helpers.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...original,
    writeFile: vi.fn(async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    }),
  };
});

describe('fix on a file that cannot be written', () => {
  it('reports the findings the fixes would have removed, and says no fix was applied', async () => {
    const cwd = project({ 'a.toy': 'danger x danger\n' });
    const result = await scan({ cwd, plugins: [TOY_PLUGIN], workers: 0, fix: true });
    expect(readFileSync(join(cwd, 'a.toy'), 'utf8')).toBe('danger x danger\n');
    const [file] = result.files;
    expect(file.output).toBeUndefined();
    expect(file.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['1:1 toy/no-danger', '1:10 toy/no-danger']);
    expect(file.diagnostics.map((d) => d.message)).toEqual(['Could not write fixes (EACCES): no fix was applied to this file']);
  });
});
