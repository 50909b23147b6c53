import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { externalLocationProblem } from '../formats/onnx.js';
import { FILE_LOC, where } from './util.js';

export default createRule({
  name: 'onnx-external-data-escape',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'high',
    languages: ['model'],
    triggers: [],
    docs: {
      description: "Reports ONNX models whose external_data locations are absolute, URLs or escape the model's directory, so that loading the model reads arbitrary files into its weights.",
      recommended: true,
    },
    messages: {
      escape: 'ONNX tensor `{{tensor}}`{{where}} stores its data at `{{location}}`, which {{problem}}: loading the model reads that file.',
    },
    remediation:
      "Keep external data files next to the model and reference them by relative names without `..`; reject models whose external data points elsewhere.",
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        for (const x of file.externalData) {
          const problem = externalLocationProblem(x.location);
          if (!problem) continue;
          context.report({ loc: FILE_LOC, messageId: 'escape', data: { tensor: x.tensor, where: where(x.member), location: x.location, problem } });
        }
      },
    };
  },
});
