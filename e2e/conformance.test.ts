import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  // Every annotation was judged: the runner's total equals the annotations in the cases.
  const cases = path.dirname(runner) + '/cases';
  const annotations = (readdirSync(cases, { recursive: true }) as string[])
    .filter((f) => /\.(py|m?js|ts)$/.test(f))
    .map((f) => readFileSync(path.join(cases, f), 'utf8').split('\n').filter((l) => /^\s*(#|\/\/)\s*expect:\s*\w+\s*$/.test(l)).length)
    .reduce((a, b) => a + b, 0);
  expect(Number(summary![1]) + Number(summary![2])).toBe(annotations);
  expect(Number(summary![1])).toBe(annotations);
  expect(r.status).toBe(0);
});
