import rule from '../../src/rules/model-format-inventory.js';
import { at, file, tester } from '../rule-tester.js';

const inv = (risk: string, format: string) => at('inventory', { severity: 'info' }) && { ...at('inventory', { severity: 'info' }), _risk: risk, _format: format };

tester.run('model/model-format-inventory', rule, {
  valid: [],
  invalid: (
    [
      ['benign/model.safetensors', 'low', 'safetensors'],
      ['benign/model.gguf', 'low', 'gguf'],
      ['benign/model.onnx', 'medium', 'onnx'],
      ['benign/torch_state_dict.pt', 'high', 'pytorch-zip'],
      ['benign/torch_legacy.pt', 'high', 'pytorch-legacy'],
      ['benign/plain_protocol2.pkl', 'critical', 'pickle'],
      ['benign/sklearn_logreg.joblib', 'critical', 'joblib'],
      ['benign/numpy_array.npy', 'low', 'numpy'],
      ['malicious/object_array.npy', 'critical', 'numpy'],
    ] as const
  ).map(([name, risk, format]) => {
    const { _risk, _format, ...e } = inv(risk, format);
    void _risk;
    void _format;
    return { ...file(name), errors: [e] };
  }),
});
