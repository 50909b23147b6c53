import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { byMember, FILE_LOC, list, where } from './util.js';

export default createRule({
  name: 'ambiguous-model-archive',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'high',
    languages: ['model'],
    triggers: [],
    docs: {
      description:
        "Reports model archives that different readers would read differently (duplicate or case-colliding member names, CRC mismatches, flag bits, local and central headers that disagree, a central directory PyTorch and Python's zipfile find in different places), a known way to show scanners one content and loaders another.",
      recommended: true,
    },
    messages: {
      ambiguous: 'Archive{{where}} can be read in more than one way: {{problems}}.',
    },
    remediation:
      'Do not load the archive. Re-save the checkpoint with the library that produced it (torch.save, numpy.savez) from a trusted copy.',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        const problems = file.problems.filter((p) => p.kind === 'ambiguous');
        for (const [member, ps] of byMember(problems)) {
          context.report({ loc: FILE_LOC, messageId: 'ambiguous', data: { where: where(member), problems: list(ps.map((p) => p.message), 3) } });
        }
      },
    };
  },
});
