import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { byMember, FILE_LOC, list, where } from './util.js';

export default createRule({
  name: 'model-scan-limit',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'medium',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports model files, or parts of them, that were not fully inspected because a safety limit was reached (size, compression ratio, nesting, opcode count, memo size, time) or the content cannot be decoded.',
      recommended: true,
    },
    messages: {
      limit: 'Scanning{{where}} stopped early: {{problems}}. What follows was not inspected.',
      unsupported: 'Part of the file{{where}} was not inspected: {{problems}}.',
    },
    remediation:
      'Treat the uninspected content as untrusted. Raise the limit in `settings.model.limits` if the file is legitimately large, or convert it to a format that can be checked (safetensors).',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        for (const kind of ['limit', 'unsupported'] as const) {
          const problems = file.problems.filter((p) => p.kind === kind);
          for (const [member, ps] of byMember(problems)) {
            context.report({ loc: FILE_LOC, messageId: kind, data: { where: where(member), problems: list(ps.map((p) => p.message), 3) }, confidence: 'low' });
          }
        }
      },
    };
  },
});
