import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { FILE_LOC, list, where } from './util.js';

export default createRule({
  name: 'onnx-custom-operator-domain',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'medium',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports ONNX models that use operators from custom domains, which run native code from a custom-op library that must be registered to load the model.',
      recommended: true,
    },
    messages: {
      custom: 'ONNX model{{where}} uses operators from the custom domain `{{domain}}` ({{ops}}): they run code from whichever custom-op library is registered for it.',
    },
    remediation:
      'Check that the custom-op library is yours or from a trusted vendor; add trusted domains to `settings.model.onnxAllowedDomains`.',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        const model = (context.settings.model ?? {}) as Record<string, unknown>;
        const allowed = new Set(Array.isArray(model.onnxAllowedDomains) ? (model.onnxAllowedDomains as unknown[]).map(String) : []);
        for (const d of file.domains) {
          if (d.local || allowed.has(d.domain)) continue;
          context.report({ loc: FILE_LOC, messageId: 'custom', data: { where: where(d.member), domain: d.domain, ops: list(d.ops) }, confidence: 'medium' });
        }
      },
    };
  },
});
