/**
 * Suppression hygiene (review ciux P2-9): `--report-unused-directives off|warn|error` and
 * `--require-suppression-reason`, and their settings, end to end through `main`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors, project, run } from './helpers.js';

const RULE = 'torch/load-without-weights-only';
/** Line 2: a directive without a reason that suppresses a finding; line 3: a stale one, with a reason. */
const CODE = `import torch\nm = torch.load("a.pt")  # oculum-ignore[${RULE}]\nx = 1  # oculum-ignore[${RULE}] -- the load was removed\n`;

interface JsonDiagnostic {
  line: number;
  kind: string;
  severity: string;
  message: string;
}

function diagnosticsOf(stdout: string): JsonDiagnostic[] {
  const report = JSON.parse(stdout) as { files: Array<{ diagnostics: JsonDiagnostic[] }> };
  return report.files.flatMap((f) => f.diagnostics);
}

describe('--report-unused-directives', () => {
  it('warn (the default) reports a stale directive as a warning that does not fail the run, even with --max-warnings 0', async () => {
    const dir = project({ 'a.py': CODE });
    const r = await run(['scan', '--max-warnings', '0', '-f', 'json'], { cwd: dir });
    expect(errors(r.stderr)).toBe('');
    expect(r.code).toBe(0);
    expect(diagnosticsOf(r.stdout).map((d) => `${d.line} ${d.kind} ${d.severity}`)).toEqual(['3 unused-directive warning']);
  });

  it('error makes a stale directive an error that fails the run (exit 1), and the summaries say why', async () => {
    const dir = project({ 'a.py': CODE });
    const r = await run(['scan', '--report-unused-directives', 'error'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/3:8 +error +Unused directive/);
    expect(r.stdout).toContain('✖ No findings, but 1 directive error');
    const gh = await run(['scan', '--report-unused-directives', 'ERROR', '-f', 'github'], { cwd: dir });
    expect(gh.code).toBe(1);
    expect(gh.stdout).toContain('::error file=a.py,line=3,col=8,title=Oculum unused-directive::');
    expect(gh.stdout).toContain('— the run fails');
    const json = await run(['scan', '--report-unused-directives', 'error', '-f', 'json'], { cwd: dir });
    expect(diagnosticsOf(json.stdout).map((d) => `${d.line} ${d.kind} ${d.severity}`)).toEqual(['3 unused-directive error']);
    // beside findings, the counts line says the directive errors fail the run too
    fs.appendFileSync(path.join(dir, 'a.py'), 'n = torch.load("b.pt", weights_only=False)\n');
    const both = await run(['scan', '--report-unused-directives', 'error', '--fail-on', 'none'], { cwd: dir });
    expect(both.code).toBe(0); // --fail-on none never fails the run on what the scan found
    expect(both.stdout).toContain('1 directive error');
    expect(both.stdout).not.toContain('(fail the run)');
  });

  it('error also fails a run of an unknown rule name or a misspelled directive (they suppress nothing)', async () => {
    const dir = project({ 'a.py': 'import torch\nx = 1  # oculum-ignore[torch/load-without-weight-only] -- typo\ny = 2  # OCULUM-IGNORE\n' });
    const r = await run(['scan', '--report-unused-directives', 'error', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const found = diagnosticsOf(r.stdout);
    expect(found.map((d) => `${d.line} ${d.severity} ${d.message.slice(0, 25)}`)).toEqual(['2 error Unknown rule or detector ', '3 error "OCULUM-IGNORE" is no dir']);
  });

  it('off hides stale directives (a misspelled one is still a warning: a mistake, not a leftover)', async () => {
    const dir = project({ 'a.py': `${CODE}y = 2  # OCULUM-IGNORE\n` });
    const r = await run(['scan', '--report-unused-directives', 'off', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(diagnosticsOf(r.stdout).map((d) => `${d.line} ${d.kind} ${d.severity}`)).toEqual(['4 unused-directive warning']);
  });

  it('settings.reportUnusedDirectives in your config does the same; the flag wins over it, and --cache does not keep the old verdict', async () => {
    const dir = project({ 'a.py': CODE, '.oculumrc': JSON.stringify({ settings: { reportUnusedDirectives: 'error' } }) });
    const fromConfig = await run(['scan', '--cache', '-f', 'json'], { cwd: dir });
    expect(fromConfig.code).toBe(1);
    expect(diagnosticsOf(fromConfig.stdout).map((d) => d.severity)).toEqual(['error']);
    const flag = await run(['scan', '--cache', '--report-unused-directives', 'warn', '-f', 'json'], { cwd: dir });
    expect(flag.code).toBe(0);
    expect(diagnosticsOf(flag.stdout).map((d) => d.severity)).toEqual(['warning']);
    const off = await run(['scan', '--cache', '--report-unused-directives', 'off', '-f', 'json'], { cwd: dir });
    expect(diagnosticsOf(off.stdout)).toEqual([]);
  });

  it('a config inside the scanned tree cannot turn it off; a wrong value in your config is a config error (exit 2)', async () => {
    const dir = project({ 'a.py': CODE, '.oculumrc': JSON.stringify({ settings: { reportUnusedDirectives: 'error' } }), 'sub/.oculumrc': JSON.stringify({ settings: { reportUnusedDirectives: 'off' } }), 'sub/b.py': CODE });
    const r = await run(['scan', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(diagnosticsOf(r.stdout).filter((d) => d.kind === 'unused-directive').map((d) => d.severity)).toEqual(['error', 'error']);
    fs.writeFileSync(path.join(dir, '.oculumrc'), JSON.stringify({ settings: { reportUnusedDirectives: 'eror' } }));
    const bad = await run(['scan'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('settings.reportUnusedDirectives: must be one of "off", "warn", "error"');
  });

  it('rejects another level, and scan --help lists the flags', async () => {
    const r = await run(['scan', '--report-unused-directives', 'loud'], { cwd: project({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are off, warn, error');
    const help = await run(['scan', '--help']);
    expect(help.stdout).toContain('--report-unused-directives <level>');
    expect(help.stdout).toContain('--require-suppression-reason');
  });
});

describe('--require-suppression-reason', () => {
  it('a directive without "-- reason" still suppresses, and is an error that fails the run', async () => {
    const dir = project({ 'a.py': CODE });
    const plain = await run(['scan', '-f', 'json'], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(diagnosticsOf(plain.stdout).map((d) => d.kind)).toEqual(['unused-directive']);
    const r = await run(['scan', '--require-suppression-reason', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { summary: { findings: number; suppressed: number } };
    expect(report.summary).toMatchObject({ findings: 0, suppressed: 1 });
    expect(diagnosticsOf(r.stdout).map((d) => `${d.line} ${d.kind} ${d.severity}`)).toEqual(['2 missing-reason error', '3 unused-directive warning']);
    expect(diagnosticsOf(r.stdout)[0]!.message).toContain('gives no reason');
    const stylish = await run(['scan', '--require-suppression-reason'], { cwd: dir });
    expect(stylish.stdout).toMatch(/2:25 +error +"oculum-ignore\[torch\/load-without-weights-only\]" gives no reason/);
  });

  it('settings.requireSuppressionReason: true in your config; a reason satisfies it, and SARIF carries it as the justification', async () => {
    const dir = project({ 'a.py': `import torch\nm = torch.load("a.pt")  # oculum-ignore[${RULE}] -- our own signed checkpoint\n`, '.oculumrc': JSON.stringify({ settings: { requireSuppressionReason: true } }) });
    const r = await run(['scan', '-f', 'sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.runs[0].results[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'our own signed checkpoint' }]);
    fs.writeFileSync(path.join(dir, 'a.py'), `import torch\nm = torch.load("a.pt")  # oculum-ignore[${RULE}]\n`);
    const missing = await run(['scan', '-f', 'sarif'], { cwd: dir });
    expect(missing.code).toBe(1);
    const log = JSON.parse(missing.stdout);
    expect(log.runs[0].results[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted' }]);
    expect(log.runs[0].invocations[0].toolExecutionNotifications.map((n: { level: string; descriptor: { id: string } }) => `${n.level} ${n.descriptor.id}`)).toEqual(['error missing-reason']);
    fs.writeFileSync(path.join(dir, '.oculumrc'), JSON.stringify({ settings: { requireSuppressionReason: 'yes' } }));
    const bad = await run(['scan'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('settings.requireSuppressionReason: must be true or false');
  });

  it('judges the directives of notebooks and JavaScript too, at their place in the file', async () => {
    const cell = { cell_type: 'code', metadata: {}, source: ['import torch\n', `m = torch.load("a.pt")  # oculum-ignore[${RULE}]\n`], outputs: [], execution_count: null };
    const dir = project({
      'nb.ipynb': JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1),
      'load.mjs': "import { pipeline } from '@huggingface/transformers';\n// oculum-ignore-next-line\nconst p = await pipeline('text-generation', 'someone/model');\n",
    });
    const r = await run(['scan', '--require-suppression-reason', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { files: Array<{ file: string; diagnostics: JsonDiagnostic[] }> };
    const reasons = report.files.flatMap((f) => f.diagnostics.filter((d) => d.kind === 'missing-reason').map((d) => `${f.file}:${d.line}`));
    expect(reasons).toEqual(['load.mjs:2', expect.stringMatching(/^nb\.ipynb:\d+$/)]);
  });
});
