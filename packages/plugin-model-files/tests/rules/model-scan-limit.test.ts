import rule from '../../src/rules/model-scan-limit.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/model-scan-limit', rule, {
  valid: [file('benign/torch_state_dict.pt'), file('benign/sklearn_bz2.joblib')],
  invalid: [
    {
      ...file('benign/torch_state_dict.pt'),
      name: 'time limit',
      settings: { model: { limits: { timeMs: 0 } } },
      errors: [at('limit', { severity: 'medium', confidence: 'low' })],
    },
    {
      ...file('benign/torch_training_checkpoint.pt'),
      name: 'opcode limit',
      settings: { model: { limits: { maxOpcodes: 10 } } },
      errors: [at('limit')],
    },
    { ...file('malicious/zip_nested.zip'), name: 'depth limit', settings: { model: { limits: { maxDepth: 1 } } }, errors: [at('limit')] },
  ],
});
