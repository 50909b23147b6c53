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
    // a scheduler's bound method: getattr(<OneCycleLR>, '_annealing_cos'), never called (GLOBAL, STACK_GLOBAL, protocol 0)
    file('benign/torch_onecycle_checkpoint.pt'),
    file('benign/torch_onecycle_linear_protocol4.pt'),
    file('benign/onecycle_scheduler_protocol0.pkl'),
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
    // a limit does not hide imports: what follows is read for them (opcode, memo limits)
    ...(['reduce_os_system_protocol2.pkl', 'stack_global_memo.pkl', 'torch_zip_payload.pt', 'joblib_after_array.joblib'] as const).flatMap((name) => [
      { ...file(`malicious/${name}`), name: `${name} past the opcode limit`, settings: { model: { limits: { maxOpcodes: 3 } } }, errors: [at('dangerous', { severity: 'critical' })] },
      { ...file(`malicious/${name}`), name: `${name} past the memo limit`, settings: { model: { limits: { maxMemo: 1 } } }, errors: [at('dangerous', { severity: 'critical' })] },
    ]),
    // what the bound-method allowance must not let through
    ...([
      ['getattr_method_called.pkl', 'the method touch of a pathlib.PosixPath is called by REDUCE'],
      ['getattr_method_via_rebuild.pkl', 'the method touch of a pathlib.PosixPath is passed to torch._tensor._rebuild_from_type'],
      ['getattr_method_as_setstate.pkl', 'the method touch of a pathlib.PosixPath is called as __setstate__ by BUILD'],
      ['getattr_dunder_on_instance.pkl', 'read from what another getattr returned'],
    ] as const).map(([name, why]) => ({
      ...file(`malicious/${name}`),
      errors: [at('dangerous', { data: { format: 'pickle file', where: '', global: 'builtins.getattr', reason: `builtins.getattr: ${why}`, opcode: 'GLOBAL' } })],
    })),
    // a FunctionTransformer holding os.system / builtins.eval where a numpy ufunc would be
    { ...file('malicious/function_transformer_os_system.pkl'), errors: [at('dangerous', { data: { format: 'pickle file', where: '', global: 'os.system', reason: 'os', opcode: 'GLOBAL' } })] },
    { ...file('malicious/function_transformer_eval.joblib'), errors: [at('dangerous', { data: { format: 'pickle file', where: '', global: 'builtins.eval', reason: 'builtins.eval', opcode: 'STACK_GLOBAL' } })] },
    {
      ...file('benign/torch_state_dict.pt'),
      name: 'denyGlobals makes an allowed global dangerous',
      settings: { model: { denyGlobals: ['torch._utils._rebuild_tensor_v2'] } },
      errors: [at('dangerous')],
    },
  ],
});
