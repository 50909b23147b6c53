import rule from '../../src/rules/malformed-model-file.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/malformed-model-file', rule, {
  valid: [file('benign/model.safetensors'), file('benign/model.gguf'), file('benign/torch_legacy.pt'), file('malicious/stacked_pickles.pkl')],
  invalid: [
    { ...file('malformed/safetensors_overlap.safetensors'), errors: [at('malformed', { severity: 'high' })] },
    // impossible header lengths, whatever the number
    ...(['zero', '2p63', 'max'] as const).map((n) => ({ ...file(`malformed/safetensors_length_${n}.safetensors`), name: `safetensors header length ${n}`, errors: [at('malformed', { severity: 'high' })] })),
    { ...file('malformed/safetensors_size_mismatch.safetensors'), errors: [at('malformed')] },
    { ...file('malformed/gguf_huge_string.gguf'), errors: [at('malformed')] },
    { ...file('malformed/pickle_truncated.pkl'), errors: [at('malformed')] },
    { ...file('malformed/zip_truncated.pt'), errors: [at('malformed')] },
    { ...file('malformed/numpy_short_data.npy'), errors: [at('malformed')] },
    { ...file('malformed/onnx_garbage.onnx'), errors: [at('malformed')] },
    { ...file('malicious/payload_then_malformed.pkl'), errors: [at('malformed')] },
  ],
});
