import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { lintAll } from './helpers.js';

// The product brief's examples, verbatim: its vulnerable code is reported, its remediation is not —
// except the `revision="main"` of its hf_hub_download, which DETECTION.md says is unpinned, and the
// `load_dataset("organization/dataset")` of its safe fine-tuning, which has no revision: its `.filter(...)`
// validates the rows (nothing for `hf/untrusted-training-data`) but pins nothing (review finetune P2-1).
const dir = fileURLToPath(new URL('./brief/', import.meta.url));

async function scan(file: string): Promise<Array<Pick<Finding, 'ruleId' | 'line' | 'detector'>>> {
  const findings = await lintAll(readFileSync(`${dir}${file}`, 'utf8'), { path: `${dir}${file}`, cwd: dir, depth: 'deep' });
  return findings.map((f) => ({ ruleId: f.ruleId, line: f.line, detector: f.detector }));
}

describe('product brief examples', () => {
  it('reports the vulnerable requests.get download', async () => {
    expect(await scan('vulnerable_download.py')).toEqual([{ ruleId: 'hf/unverified-model-download', line: 5, detector: 'unverified_model_source' }]);
  });
  it('reports the vulnerable fine-tuning example (untrusted data, public unreviewed save)', async () => {
    expect(await scan('vulnerable_finetuning.py')).toEqual([
      { ruleId: 'hf/untrusted-training-data', line: 2, detector: 'unsafe_finetuning' },
      { ruleId: 'hf/public-checkpoint-location', line: 5, detector: 'unsafe_finetuning' },
    ]);
  });
  it('reports only the branch revision "main" in the checksum-verified hf_hub_download', async () => {
    expect(await scan('verify_integrity.py')).toEqual([{ ruleId: 'hf/unpinned-revision', line: 6, detector: 'unverified_model_source' }]);
  });
  it('does not report the pinned from_pretrained with trust_remote_code=False', async () => {
    expect(await scan('trusted_sources.py')).toEqual([]);
  });
  it('reports only the unpinned revision of the filtered load_dataset with a private output dir', async () => {
    expect(await scan('safe_finetuning.py')).toEqual([{ ruleId: 'hf/unpinned-revision', line: 14, detector: 'unverified_model_source' }]);
  });
});
