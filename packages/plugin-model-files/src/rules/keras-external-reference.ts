import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { FILE_LOC, policyFor, where } from './util.js';

export default createRule({
  name: 'keras-external-reference',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'medium',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports Keras model configs that name modules or functions outside Keras, which the loader imports; references to dangerous modules are critical.',
      recommended: true,
    },
    messages: {
      dangerous: 'Keras model{{where}} makes the loader import `{{target}}` (layer `{{layer}}`), a dangerous module or function.',
      foreign: 'Keras model{{where}} makes the loader import `{{target}}` (layer `{{layer}}`), which is outside Keras.',
    },
    remediation:
      'Only load Keras models whose custom objects come from code you trust; pass them explicitly with custom_objects and keep safe_mode=True.',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        const policy = policyFor(context.settings);
        for (const k of file.keras) {
          if (k.kind !== 'reference') continue;
          const i = k.target.lastIndexOf('.');
          const verdict = i > 0 ? policy.judge(k.target.slice(0, i), k.target.slice(i + 1)).verdict : 'suspicious';
          if (verdict === 'safe' || (k.internal && verdict !== 'dangerous')) continue;
          const dangerous = verdict === 'dangerous';
          context.report({
            loc: FILE_LOC,
            messageId: dangerous ? 'dangerous' : 'foreign',
            data: { where: where(k.member), target: k.target, layer: k.layer },
            severity: dangerous ? 'critical' : undefined,
            confidence: dangerous ? 'high' : 'medium',
          });
        }
      },
    };
  },
});
