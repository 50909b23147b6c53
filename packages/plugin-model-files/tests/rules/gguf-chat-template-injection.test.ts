import rule from '../../src/rules/gguf-chat-template-injection.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/gguf-chat-template-injection', rule, {
  valid: [file('benign/model.gguf'), file('malformed/gguf_truncated.gguf')],
  invalid: [
    { ...file('malicious/gguf_template_injection.gguf'), errors: [at('injection', { severity: 'critical' })] },
    { ...file('malicious/gguf_template_obfuscated.gguf'), errors: [at('injection')] },
    { ...file('malicious/gguf_template_join.gguf'), errors: [at('injection')] },
  ],
});
