import rule from '../../src/rules/model-scan-limit.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/model-scan-limit', rule, {
  valid: [file('benign/torch_state_dict.pt'), file('benign/sklearn_bz2.joblib')],
  invalid: [
    {
      ...file('malformed/lfs_pointer.pt'),
      name: 'a Git LFS pointer in place of the model',
      errors: [at('absent', { severity: 'medium', confidence: 'low' })],
    },
    {
      ...file('benign/torch_state_dict.pt'),
      name: 'time limit',
      settings: { model: { limits: { timeMs: 0 } } },
      errors: [at('limit', { severity: 'medium', confidence: 'low' })],
    },
    {
      ...file('benign/torch_training_checkpoint.pt'),
      name: 'opcode limit (pickle data: high)',
      settings: { model: { limits: { maxOpcodes: 10 } } },
      errors: [at('limitPickle', { severity: 'high', confidence: 'medium' })],
    },
    {
      ...file('benign/sklearn_logreg.joblib'),
      name: 'memo limit (pickle data: high)',
      settings: { model: { limits: { maxMemo: 2 } } },
      errors: [at('limitPickle', { severity: 'high' })],
    },
    { ...file('malicious/zip_nested.zip'), name: 'depth limit (a pickle in it: high)', settings: { model: { limits: { maxDepth: 1 } } }, errors: [at('limitPickle', { severity: 'high' })] },
    {
      ...file('benign/model.gguf'),
      name: 'time limit outside pickle data (medium)',
      settings: { model: { limits: { timeMs: 0 } } },
      errors: [at('limit', { severity: 'medium', confidence: 'low' })],
    },
  ],
});
