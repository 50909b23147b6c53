import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { byMember, FILE_LOC, list, where } from './util.js';

export default createRule({
  name: 'malformed-model-file',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'high',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports model files whose structure is corrupt or inconsistent (pickle opcodes, safetensors and GGUF headers, archives, NumPy headers, ONNX protobuf), which loaders may read differently from scanners or which may target parser bugs.',
      recommended: true,
    },
    messages: {
      malformed: '{{format}}{{where}} is malformed: {{problems}}.',
    },
    remediation:
      'Do not load the file; obtain a fresh copy from its publisher and verify its checksum. A corrupt file can hide content from scanners or exploit loader bugs.',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        const problems = file.problems.filter((p) => p.kind === 'malformed');
        for (const [member, ps] of byMember(problems)) {
          context.report({
            loc: FILE_LOC,
            messageId: 'malformed',
            data: { format: file.format === 'unknown' ? 'Model file' : `${file.format} file`, where: where(member), problems: list(ps.map((p) => p.message), 3) },
          });
        }
      },
    };
  },
});
