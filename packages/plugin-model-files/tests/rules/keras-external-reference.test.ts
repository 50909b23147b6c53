import rule from '../../src/rules/keras-external-reference.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/keras-external-reference', rule, {
  valid: [file('benign/keras_model.keras'), file('benign/keras_model.h5'), file('malicious/keras_lambda.keras')],
  invalid: [{ ...file('malicious/keras_os_reference.keras'), errors: [at('dangerous', { severity: 'critical' })] }],
});
