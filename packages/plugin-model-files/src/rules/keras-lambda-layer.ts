import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { FILE_LOC, where } from './util.js';

export default createRule({
  name: 'keras-lambda-layer',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports Keras models (.keras archives and .h5 files) with Lambda layers, whose serialized Python bytecode runs when the model is loaded.',
      recommended: true,
    },
    messages: {
      lambda: 'Keras model{{where}} has a Lambda layer `{{layer}}` ({{target}}): loading it without safe_mode runs that code.',
    },
    remediation:
      'Replace Lambda layers with registered custom layers whose code you ship yourself, and load Keras models with safe_mode=True (the default in Keras 3).',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        for (const k of file.keras) {
          if (k.kind !== 'lambda') continue;
          context.report({ loc: FILE_LOC, messageId: 'lambda', data: { where: where(k.member), layer: k.layer, target: k.target } });
        }
      },
    };
  },
});
