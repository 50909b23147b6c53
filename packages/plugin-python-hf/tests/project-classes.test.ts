import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Depth } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { lintAll } from './helpers.js';

// A project whose model classes live in other modules (tests/fixtures/project/tinylm): `modeling.py`'s
// `TinyLM(PreTrainedModel)` inherits transformers' `from_pretrained`, `own.py`'s `OwnLM` defines its own.
const dir = fileURLToPath(new URL('./fixtures/project/', import.meta.url));
const file = `${dir}tinylm/train.py`;

async function unpinned(depth: Depth): Promise<string[]> {
  const findings = await lintAll(readFileSync(file, 'utf8'), { path: file, cwd: dir, depth });
  return findings.filter((f) => f.ruleId === 'hf/unpinned-revision').map((f) => `${f.line}:${f.confidence}:${f.messageId}`);
}

describe('classes imported from other modules of the project', () => {
  it('at --depth deep, a class inheriting transformers from_pretrained unchanged is transformers loader', async () => {
    expect(await unpinned('deep')).toEqual([
      // `TinyLM.from_pretrained("org/tiny")`: high, as a class of this file would be
      '11:high:missingRevision',
      // a non-literal id, judged as transformers' is
      '12:low:missingRevisionUnknownId',
      // line 13, `"checkpoints/run1"`: one of the project's checkpoints, as before
      // a subclass of it, by an absolute import; the module imported as `m`
      '14:high:missingRevision',
      '15:high:missingRevision',
      // a class with a from_pretrained of its own: a class of the project, as before (medium, literal owner/name only)
      '16:medium:missingRevision',
      '19:medium:missingRevision',
    ]);
  });

  it('below deep, the imported classes are unknown project classes', async () => {
    expect(await unpinned('standard')).toEqual(['11:medium:missingRevision', '14:medium:missingRevision', '15:medium:missingRevision', '16:medium:missingRevision', '19:medium:missingRevision']);
  });
});
