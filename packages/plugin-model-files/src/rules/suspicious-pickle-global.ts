import { createRule } from '@oculum/core';
import type { ModelFile, PickleGlobalFact } from '../ast.js';
import { byMember, dotted, FILE_LOC, judgeGlobal, list, policyFor, where } from './util.js';

export default createRule({
  name: 'suspicious-pickle-global',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'medium',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports pickle data that imports globals which are neither on the safe allowlist nor known to be dangerous, so that a person reviews them before the file is loaded.',
      recommended: true,
    },
    messages: {
      suspicious: 'Pickle data{{where}} imports globals outside the allowlist: {{globals}}. Loading it imports and may call them.',
    },
    remediation:
      'Check that each listed global is expected (your own classes, a library you trust). Add trusted ones to `settings.model.allowGlobals` in .oculumrc, or convert the file to safetensors.',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        const policy = policyFor(context.settings);
        const flagged: PickleGlobalFact[] = file.globals.filter((g) => judgeGlobal(policy, g).verdict === 'suspicious');
        for (const [member, globals] of byMember(flagged)) {
          context.report({
            loc: FILE_LOC,
            messageId: 'suspicious',
            data: { where: where(member), globals: list(globals.map(dotted)) },
            confidence: 'medium',
          });
        }
      },
    };
  },
});
