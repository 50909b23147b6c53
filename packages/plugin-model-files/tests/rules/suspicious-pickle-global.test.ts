import rule from '../../src/rules/suspicious-pickle-global.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/suspicious-pickle-global', rule, {
  valid: [
    file('benign/torch_full_module.pt'),
    file('benign/torch_optimizer.pt'),
    file('benign/sklearn_logreg.joblib'),
    file('benign/sklearn_pipeline.joblib'),
    file('benign/sklearn_pickle.pkl'),
    file('benign/numpy_arrays.npz'),
    file('malicious/reduce_os_system_protocol4.pkl'),
    // numpy math ufuncs (numpy.core._multiarray_umath.log1p …) in FunctionTransformer / TransformedTargetRegressor
    file('benign/sklearn_function_transformer.joblib'),
    file('benign/sklearn_function_transformer_pipeline.joblib'),
    file('benign/sklearn_function_transformer_protocol2.pkl'),
    file('benign/sklearn_transformed_target.joblib'),
    {
      ...file('malicious/numpy_runstring.pkl'),
      name: 'allowGlobals',
      settings: { model: { allowGlobals: ['numpy.testing._private.utils.runstring'] } },
    },
  ],
  invalid: [
    { ...file('review/custom_class.pkl'), errors: [at('suspicious', { severity: 'medium', confidence: 'medium' })] },
    { ...file('review/torch_custom_class.pt'), errors: [at('suspicious')] },
    { ...file('review/ext_opcode.pkl'), errors: [at('suspicious')] },
    { ...file('review/unknown_function.pkl'), errors: [at('suspicious')] },
  ],
});
