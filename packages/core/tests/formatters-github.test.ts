/** The `github` formatter: GitHub Actions workflow commands (annotations). */
import { describe, expect, it } from 'vitest';
import { formatters } from '../src/formatters/index.js';
import { at, cleanResult, CWD, finding, sampleResult } from './formatters-sample.js';

const ctx = { cwd: CWD, sourceRoot: CWD, color: false, version: '0.1.0' };

describe('github formatter', () => {
  const out = formatters.github(sampleResult(), ctx);
  const lines = out.trimEnd().split('\n');

  it('annotates each unsuppressed finding: error for error-level, warning for warn-level, ranges and a title', () => {
    expect(lines).toContain(
      '::error file=src/train.py,line=3,col=9,endColumn=31,title=torch/load-without-weights-only (critical)::`torch.load` without `weights_only=True` can execute code from the checkpoint.',
    );
    // a range over several lines: endLine, and no endColumn (GitHub takes it on one line only)
    expect(lines).toContain('::error file=src/train.py,line=12,endLine=14,col=5,title=hf/unpinned-revision (high%2C medium confidence)::`from_pretrained` without a pinned revision.');
    // warn-level, and a message with a newline: one command, the newline shown escaped (as stylish does)
    expect(lines).toContain('::warning file=src/serve dir/app.py,line=7,col=1,endColumn=20,title=hf/trainer-push-to-hub (medium%2C low confidence)::Checkpoints | are pushed\\nwithout review.');
    expect(out).not.toContain('suppressed one');
    expect(out).not.toContain('external suppression');
  });

  it('annotates warning and error diagnostics, not notes, and ends with a plain summary line', () => {
    expect(lines).toContain('::warning file=src/train.py,line=30,col=1,title=Oculum unused-directive::Unused oculum-ignore directive (no finding to suppress).');
    expect(lines).toContain('::warning title=Oculum config::Plugin @oculum/plugin-js-transformersjs could not be loaded.');
    expect(out).not.toContain('larger than 2 MiB');
    expect(lines.at(-1)).toBe('Oculum: 2 errors, 1 warning in 2 files — the run fails');
    expect(lines).toHaveLength(6);
  });

  it('says the run fails when a config or internal error fails it (exit code 2), findings or not', () => {
    const broken = sampleResult();
    broken.diagnostics = [{ kind: 'config', severity: 'error', message: 'web/.oculumrc: invalid JSON' }];
    expect(formatters.github(broken, ctx).trimEnd().split('\n').at(-1)).toBe('Oculum: 2 errors, 1 warning in 2 files — the run fails: a config or internal error (see above)');
    const clean = { ...cleanResult(), diagnostics: [{ kind: 'internal' as const, severity: 'error' as const, message: 'worker crashed' }] };
    expect(formatters.github(clean, ctx).trimEnd().split('\n').at(-1)).toBe('Oculum: no findings (1 file scanned) — the run fails: a config or internal error (see above)');
  });

  it('says so when there is nothing to report', () => {
    expect(formatters.github(cleanResult(), ctx)).toBe('Oculum: no findings (1 file scanned)\n');
  });

  it('escapes what a hostile file or message could use to start another command or property', () => {
    const file = at('a,b:c%.py');
    const text = 'pickle imports `os.system`\n::error file=x.py::forged\r\x1b[2J%0A';
    const result = { ...cleanResult(), files: [{ file, findings: [finding({ ruleId: 'torch/load-without-weights-only', file, line: 1, message: text })], diagnostics: [] }] };
    const [line] = formatters.github(result, ctx).split('\n');
    expect(line).toBe(
      '::error file=a%2Cb%3Ac%25.py,line=1,col=1,endColumn=20,title=torch/load-without-weights-only (critical)::pickle imports `os.system`\\n::error file=x.py::forged\\r\\x1b[2J%250A',
    );
  });

  it('prints a finding\'s message once, without the rule\'s remediation after it (the message says what to do)', () => {
    expect(out).not.toContain('%0APass');
    expect(out).not.toContain('store weights as safetensors');
  });

  it('annotates a model file\'s finding on the file, with no line or column (the file is binary)', () => {
    const file = at('models/ckpt.pt');
    const result = { ...cleanResult(), files: [{ file, language: 'model', findings: [finding({ ruleId: 'model/model-format-inventory', file, line: 1, endColumn: 1, severity: 'info' as const, level: 'warn' as const, message: 'PyTorch zip.' })], diagnostics: [] }] };
    expect(formatters.github(result, ctx).split('\n')[0]).toBe('::notice file=models/ckpt.pt,title=model/model-format-inventory (info)::PyTorch zip.');
  });

  it('gives paths relative to the repository root, not the working directory', () => {
    const sub = formatters.github(sampleResult(), { ...ctx, cwd: at('src'), sourceRoot: CWD });
    expect(sub).toContain('file=src/train.py,');
  });
});
