import rule from '../../src/rules/onnx-custom-operator-domain.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/onnx-custom-operator-domain', rule, {
  valid: [
    file('benign/model.onnx'),
    { ...file('malicious/onnx_custom_domain.onnx'), name: 'allowed domain', settings: { model: { onnxAllowedDomains: ['com.evil.ops'] } } },
  ],
  invalid: [{ ...file('malicious/onnx_custom_domain.onnx'), errors: [at('custom', { severity: 'medium', confidence: 'medium' })] }],
});
