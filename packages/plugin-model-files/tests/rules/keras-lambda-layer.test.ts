import rule from '../../src/rules/keras-lambda-layer.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/keras-lambda-layer', rule, {
  valid: [file('benign/keras_model.keras'), file('benign/keras_model.h5'), file('malicious/keras_os_reference.keras')],
  invalid: [
    { ...file('malicious/keras_lambda.keras'), errors: [at('lambda', { severity: 'critical' })] },
    { ...file('malicious/keras_lambda.h5'), errors: [at('lambda')] },
  ],
});
