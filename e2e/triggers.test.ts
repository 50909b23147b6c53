import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
// @ts-expect-error: a plain ES module script, no type declarations
import { DEFAULT_PATHS, sourceFiles, triggerLosses } from '../scripts/check-triggers.mjs';
import { oculum, root } from './helpers.js';

interface Loss { file: string; ruleId: string; line: number; column: number; chunk: string }

describe('rule triggers (the prefilter)', () => {
  it('lose no finding on any Python or JS/TS fixture, example or brief file: whole, statement by statement, and with only the imports a finding needs', async () => {
    const files: string[] = sourceFiles(DEFAULT_PATHS);
    expect(files.length).toBeGreaterThan(30);
    const losses: Loss[] = await triggerLosses(files, { minimize: true });
    expect(losses.map((l) => `${l.file}:${l.line}:${l.column} ${l.ruleId} (${l.chunk})`)).toEqual([]);
    // ~135 s beside the rest of the suite on the 2-core machine (every statement of every fixture scanned
    // with and without the prefilter; 80 s when it had fewer fixtures), 390 s when other scans shared the
    // cores: not a timing test, so it gets room
  }, 900_000);

  it("the JS/TS prefilter text leaves out exactly the parser's comments, or nothing when unsure", () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/check-js-code-text.mjs')], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/files checked: \d+ with \d+ comments left out, \d+ returned unchanged, 0 wrong/);
    expect(r.status).toBe(0);
  });

  it('e2e/triggers holds real findings for the check to guard', () => {
    const r = oculum(['scan', 'e2e/triggers', '--format', 'json', '--no-config', '--fail-on', 'none']);
    const doc = JSON.parse(r.stdout);
    const rules = new Set(doc.files.flatMap((f: { findings: Array<{ ruleId: string }> }) => f.findings.map((x) => x.ruleId)));
    expect(rules.size).toBeGreaterThanOrEqual(20);
    // Each spelling is one that a rule reports: every top-level function of the Python files holds a
    // finding (a spelling the rules stopped seeing would otherwise guard nothing).
    for (const file of doc.files as Array<{ file: string; findings: Array<{ line: number; endLine?: number }> }>) {
      if (!file.file.endsWith('.py')) continue;
      const lines = readFileSync(file.file, 'utf8').split('\n');
      const starts = lines.flatMap((text, i) => (/^def /.test(text) ? [i + 1] : []));
      const silent = starts.filter((start, k) => {
        const end = k + 1 < starts.length ? starts[k + 1] - 1 : lines.length;
        return !file.findings.some((f) => f.line >= start && f.line <= end);
      });
      expect(silent.map((line) => `${path.basename(file.file)}:${line} ${lines[line - 1]}`)).toEqual([]);
    }
  });

  it('the check catches a trigger that misses what its rule reports', async () => {
    const { createRule } = await import(path.join(root, 'packages/core/dist/index.js'));
    const reportsEveryCall = (triggers: unknown[]) =>
      createRule({
        name: 'every-call',
        meta: {
          detector: 'unsafe_model_load',
          severity: 'high',
          languages: ['python'],
          triggers,
          docs: { description: 'Reports every call.', recommended: false },
          messages: { call: 'A call.' },
          remediation: 'None.',
        },
        create: (context: { report: (d: unknown) => void }) => ({ call: (node: unknown) => context.report({ node, messageId: 'call' }) }),
      });
    const dir = mkdtempSync(path.join(tmpdir(), 'oculum-triggers-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'a.py');
    writeFileSync(file, 'def f():\n    helper(1)\n\ndef g():\n    loader(2)\n');
    const losses: Loss[] = await triggerLosses([file], {
      extraRules: [
        { id: 'check/wrong-trigger', rule: reportsEveryCall([/\bload\b/]), level: 'error' },
        { id: 'check/right-trigger', rule: reportsEveryCall(['(']), level: 'error' },
      ],
    });
    expect(losses.map((l) => `${l.ruleId}:${l.line}:${l.chunk}`).sort()).toEqual([
      'check/wrong-trigger:2:file',
      'check/wrong-trigger:2:statement at line 1',
      'check/wrong-trigger:5:file',
      'check/wrong-trigger:5:statement at line 4',
    ]);
  });

  it('every RegExp trigger and trigger test scans hostile text in linear time (no catastrophic backtracking)', async () => {
    type Test = { literals: string[]; test(text: string): boolean };
    const triggers: RegExp[] = [];
    const tests: Test[] = [];
    for (const pkg of ['plugin-python-torch', 'plugin-python-hf', 'plugin-js-transformersjs', 'plugin-model-files']) {
      const plugin = (await import(path.join(root, 'packages', pkg, 'dist/index.js'))).default;
      for (const rule of Object.values(plugin.rules) as Array<{ meta: { triggers: unknown[]; triggerGroups?: unknown[][] } }>) {
        for (const t of [...rule.meta.triggers, ...(rule.meta.triggerGroups ?? []).flat()]) {
          if (t instanceof RegExp) triggers.push(t);
          else if (t && typeof t === 'object') tests.push(t as Test);
        }
      }
    }
    expect(triggers.length).toBeGreaterThan(10);
    expect(tests.length).toBeGreaterThan(2);
    // Each trigger against ~512 KiB made of its own words, repeated bare, spaced, as calls, as
    // attributes and after `import`: a quadratic pattern takes minutes on these (the test's timeout),
    // a linear one milliseconds.
    const SIZE = 512 * 1024;
    const hostile = (words: string[], run: (text: string) => void) => {
      for (const w of words) {
        for (const unit of [w, `${w} `, `${w}(`, `${w}.`, `import ${w}, `, `"${w}`, `${w}\\\n`, `x.${w}(`, `${w}(a, `]) {
          run(unit.repeat(Math.ceil(SIZE / unit.length)));
        }
      }
    };
    for (const re of triggers) {
      hostile([...new Set(re.source.replace(/\\[A-Za-z]/g, ' ').match(/[A-Za-z_]{3,}/g) ?? [])], (text) => {
        re.lastIndex = 0;
        re.test(text);
      });
    }
    for (const t of tests) hostile([...new Set(t.literals)], (text) => t.test(text));
  }, 60_000);
});
