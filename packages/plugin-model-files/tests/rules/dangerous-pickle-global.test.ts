import rule from '../../src/rules/dangerous-pickle-global.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/dangerous-pickle-global', rule, {
  valid: [
    file('benign/torch_state_dict.pt'),
    file('benign/torch_full_module.pt'),
    file('benign/torch_legacy.pt'),
    file('benign/torchscript.pt'),
    file('benign/sklearn_pipeline.joblib'),
    file('benign/plain_protocol0.pkl'),
    file('benign/protocol0_hex_int.pkl'),
    file('malicious/numpy_runstring.pkl'.replace('numpy_runstring', 'onnx_custom_domain').replace('.pkl', '.onnx')),
  ],
  invalid: [
    { ...file('malicious/reduce_os_system_protocol2.pkl'), errors: [at('dangerous', { severity: 'critical', confidence: 'high' })] },
    { ...file('malicious/torch_zip_payload.pt'), errors: [at('dangerous')] },
    { ...file('malicious/stack_global_memo.pkl'), errors: [at('dangerous')] },
    { ...file('malicious/stack_global_dotted_pathlib_os.pkl'), errors: [at('dangerous')] },
    { ...file('malicious/stack_global_eval_call.pkl'), errors: [at('dangerous')] },
    { ...file('malicious/getattr_chain.pkl'), errors: [at('dangerous'), at('dangerous'), at('dangerous'), at('dangerous')] },
    { ...file('malicious/nested_torch_load_from_bytes.pkl'), errors: [at('dangerous')] },
    { ...file('malicious/joblib_object_array.joblib'), errors: [at('dangerous')] },
    { ...file('malicious/zip_case_mismatch.pt'), errors: [at('dangerous')] },
    {
      ...file('benign/torch_state_dict.pt'),
      name: 'denyGlobals makes an allowed global dangerous',
      settings: { model: { denyGlobals: ['torch._utils._rebuild_tensor_v2'] } },
      errors: [at('dangerous')],
    },
  ],
});
