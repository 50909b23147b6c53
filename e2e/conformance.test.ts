import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { cliBin, root } from './helpers.js';

// The shared conformance cases (../shared/conformance beside the repository) pin down what
// DETECTION.md means, detector by detector. Every `expect:` annotation must hold.
const runner = path.resolve(root, '../shared/conformance/run.sh');

it('passes every shared conformance case', () => {
  expect(existsSync(runner), `conformance runner not found at ${runner}`).toBe(true);
  const r = spawnSync('bash', [runner, process.execPath, cliBin], { cwd: root, encoding: 'utf8' });
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  expect(summary, `no summary line in:\n${r.stdout}\n${r.stderr}`).not.toBeNull();
  const failures = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
  expect(failures, failures.join('\n')).toEqual([]);
  expect(Number(summary![1])).toBeGreaterThan(100);
  expect(r.status).toBe(0);
});
