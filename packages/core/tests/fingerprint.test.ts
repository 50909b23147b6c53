import { describe, expect, it } from 'vitest';
import { assignFingerprints, stableMessage } from '../src/fingerprint.js';
import type { Finding } from '../src/types.js';

const modelFinding = (ruleId: string, messageId: string, message: string): Finding => ({
  ruleId,
  detector: 'unsafe_model_load',
  severity: 'info',
  confidence: 'high',
  level: 'warn',
  file: '/repo/models/ckpt.pt',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  messageId,
  message,
  remediation: '',
  fingerprint: '',
});

const fingerprints = (findings: Finding[]) => {
  assignFingerprints(findings, '');
  return findings.map((f) => f.fingerprint);
};

describe('fingerprints of model-file (binary) findings', () => {
  const inventory = (size: number, sha: string) =>
    modelFinding('model/model-format-inventory', 'inventory', `PyTorch zip (pytorch-zip): format risk high (pickle inside); ${size} bytes; sha256 ${sha}.`);

  it('stay the same when a retrain changes the size and the sha256 in the message', () => {
    const before = fingerprints([inventory(1_544, 'f3fa4822'.repeat(8))]);
    const after = fingerprints([inventory(1_608, '0d05f4b0'.repeat(8))]);
    expect(after).toEqual(before);
    expect(before[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differ by rule, by kind of finding and by the global named; duplicates stay apart', () => {
    const dangerous = (global: string) => modelFinding('model/dangerous-pickle-global', 'dangerous', `Pickle imports \`${global}\` (runs a command) via STACK_GLOBAL: loading it runs code.`);
    const [os, posix] = fingerprints([dangerous('os.system'), dangerous('posix.system')]);
    expect(os).not.toBe(posix);
    const [a, b] = fingerprints([dangerous('os.system'), dangerous('os.system')]);
    expect(a).not.toBe(b);
    expect(a).toBe(os);
    const other = modelFinding('model/dangerous-pickle-global', 'buildOnGlobal', `Pickle imports \`os.system\` (runs a command) via STACK_GLOBAL: loading it runs code.`);
    expect(fingerprints([other])[0]).not.toBe(os);
    expect(fingerprints([inventory(1, 'ab'.repeat(32))])[0]).not.toBe(fingerprints([{ ...inventory(1, 'ab'.repeat(32)), ruleId: 'model/other' }])[0]);
  });

  it('stableMessage leaves out numbers and hex digests, not words', () => {
    expect(stableMessage('ckpt (zip): 1,544 bytes at offset 12.5; sha256 0123456789abcdef0123; `os.system`')).toBe('ckpt (zip): # bytes at offset #; sha256 #; `os.system`');
    expect(stableMessage('deadbeef is a word here')).toBe('deadbeef is a word here');
    expect(stableMessage('float16 tensors, 10GB')).toBe('float16 tensors, #GB');
  });
});

describe('fingerprints of text findings', () => {
  it('hash the reported lines, whatever the layout around them', () => {
    const f = () => ({ ...modelFinding('toy/no-danger', 'found', 'Found danger.'), line: 2, endLine: 2, endColumn: 7 });
    const a = [f()];
    const b = [f()];
    assignFingerprints(a, 'x\ndanger\n');
    assignFingerprints(b, '# moved\ndanger\n');
    expect(a[0].fingerprint).toBe(b[0].fingerprint);
  });
});

describe('fingerprints of many findings on shared lines', () => {
  it('normalise and hash each range of lines once (5,000 findings on one 200 KB line), still apart by occurrence', () => {
    const line = Array.from({ length: 5000 }, (_, i) => `'http://e.com/m${i}.pth'`).join(' + ');
    const at = (column: number) => ({ ...modelFinding('hf/insecure-model-url', 'insecure', 'Insecure.'), line: 1, endLine: 1, column, endColumn: column + 5 });
    const findings = Array.from({ length: 5000 }, (_, i) => at(i + 1));
    // each line range's text is read (`slice` of the lines) once, not once per finding
    let joins = 0;
    const join = Array.prototype.join;
    Array.prototype.join = function (this: unknown[], sep?: string) {
      joins++;
      return join.call(this, sep);
    };
    try {
      assignFingerprints(findings, `x = ${line}\n`);
    } finally {
      Array.prototype.join = join;
    }
    expect(joins).toBeLessThanOrEqual(2);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(5000);
    // the same as when that finding is fingerprinted alone (first occurrence)
    const alone = [at(1)];
    assignFingerprints(alone, `x = ${line}\n`);
    expect(alone[0].fingerprint).toBe(findings[0].fingerprint);
  });
});
