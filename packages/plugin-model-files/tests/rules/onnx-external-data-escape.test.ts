import rule from '../../src/rules/onnx-external-data-escape.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/onnx-external-data-escape', rule, {
  valid: [file('benign/model.onnx'), file('benign/model_external.onnx')],
  invalid: [
    { ...file('malicious/onnx_external_traversal.onnx'), errors: [at('escape', { severity: 'high' })] },
    { ...file('malicious/onnx_external_absolute.onnx'), errors: [at('escape')] },
  ],
});
