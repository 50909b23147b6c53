/** Hand-built scan results for the formatter tests (no engine needed). */
import path from 'node:path';
import type { Finding, RuleInfo, ScanResult } from '../src/types.js';

export const CWD = path.resolve('/work/project');
export const at = (rel: string) => path.join(CWD, ...rel.split('/'));

export const rules: RuleInfo[] = [
  {
    id: 'torch/load-without-weights-only',
    namespace: 'torch',
    name: 'load-without-weights-only',
    plugin: '@oculum/plugin-python-torch',
    presets: ['oculum:recommended', 'oculum:strict', 'oculum:all', 'torch/recommended'],
    meta: {
      detector: 'unsafe_model_load',
      severity: 'critical',
      languages: ['python'],
      triggers: ['load'],
      docs: { description: 'Disallow `torch.load` without `weights_only=True`.', recommended: true },
      messages: { missing: '`{{callee}}` without `weights_only=True` can execute code from the checkpoint.' },
      remediation: 'Pass `weights_only=True`, or store weights as safetensors.',
      hasSuggestions: true,
    },
  },
  {
    id: 'hf/unpinned-revision',
    namespace: 'hf',
    name: 'unpinned-revision',
    plugin: '@oculum/plugin-python-hf',
    presets: ['oculum:strict', 'oculum:all'],
    meta: {
      detector: 'unverified_model_source',
      severity: 'high',
      languages: ['python'],
      triggers: ['from_pretrained'],
      docs: { description: 'Require a pinned `revision` for Hub downloads.', recommended: false, strict: true, url: 'https://example.test/rules/hf/unpinned-revision' },
      messages: { unpinned: '`from_pretrained` without a pinned revision.' },
      remediation: 'Pin `revision=` to a commit hash.',
      fixable: 'code',
    },
  },
  {
    id: 'hf/trainer-push-to-hub',
    namespace: 'hf',
    name: 'trainer-push-to-hub',
    plugin: '@oculum/plugin-python-hf',
    presets: ['oculum:all'],
    meta: {
      detector: 'unsafe_finetuning',
      severity: 'medium',
      languages: ['python'],
      triggers: ['push_to_hub'],
      docs: { description: 'Flag trainers that publish checkpoints automatically.', recommended: false },
      messages: { push: 'Checkpoints are pushed to the Hub without review.' },
      remediation: 'Review checkpoints before publishing.',
    },
  },
];

export function finding(partial: Partial<Finding> & Pick<Finding, 'ruleId' | 'file' | 'line'>): Finding {
  const rule = rules.find((r) => r.id === partial.ruleId);
  return {
    detector: rule?.meta.detector ?? 'unsafe_model_load',
    severity: rule?.meta.severity ?? 'high',
    confidence: 'high',
    level: 'error',
    column: 1,
    endLine: partial.line,
    endColumn: 20,
    messageId: 'm',
    message: `message of ${partial.ruleId}`,
    remediation: rule?.meta.remediation ?? 'fix it',
    fingerprint: `fp-${partial.ruleId}-${partial.line}`,
    ...partial,
  };
}

export function sampleResult(): ScanResult {
  const train = at('src/train.py');
  const serve = at('src/serve dir/app.py');
  return {
    cwd: CWD,
    version: '0.1.0',
    files: [
      {
        file: train,
        language: 'python',
        findings: [
          finding({ ruleId: 'hf/unpinned-revision', file: train, line: 12, column: 5, endLine: 14, endColumn: 2, message: '`from_pretrained` without a pinned revision.', confidence: 'medium', fix: { range: [120, 140], text: 'revision="abc123"' } }),
          finding({ ruleId: 'torch/load-without-weights-only', file: train, line: 3, column: 9, endColumn: 31, message: '`torch.load` without `weights_only=True` can execute code from the checkpoint.', suggestions: [{ messageId: 'addWeightsOnly', desc: 'Add `weights_only=True`', fix: { range: [40, 40], text: ', weights_only=True' } }] }),
          finding({ ruleId: 'torch/load-without-weights-only', file: train, line: 20, message: 'suppressed one', suppressed: { kind: 'inSource', justification: 'trusted file from our bucket' } }),
        ],
        diagnostics: [{ file: train, line: 30, column: 1, kind: 'unused-directive', severity: 'warning', message: 'Unused oculum-ignore directive (no finding to suppress).' }],
      },
      {
        file: serve,
        language: 'python',
        findings: [
          finding({ ruleId: 'hf/trainer-push-to-hub', file: serve, line: 7, level: 'warn', confidence: 'low', message: 'Checkpoints | are pushed\nwithout review.' }),
          finding({ ruleId: 'torch/load-without-weights-only', file: serve, line: 2, message: 'external suppression', suppressed: { kind: 'external' } }),
        ],
        diagnostics: [],
      },
      { file: at('README.md'), findings: [], diagnostics: [] },
    ],
    diagnostics: [
      { file: at('models/huge.bin'), kind: 'skipped', severity: 'note', message: 'Skipped: larger than 2 MiB.' },
      { kind: 'config', severity: 'warning', message: 'Plugin @oculum/plugin-js-transformersjs could not be loaded.' },
    ],
    rules,
    stats: { files: 4, parsed: 2, prefiltered: 1, skipped: 1, lines: 120, bytes: 4096, durationMs: 12 },
  };
}

export function cleanResult(): ScanResult {
  return {
    cwd: CWD,
    version: '0.1.0',
    files: [{ file: at('src/ok.py'), language: 'python', findings: [], diagnostics: [] }],
    diagnostics: [],
    rules,
    stats: { files: 1, parsed: 1, prefiltered: 0, skipped: 0, lines: 10, bytes: 100, durationMs: 1 },
  };
}
