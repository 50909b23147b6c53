import rule from '../../src/rules/ambiguous-model-archive.js';
import { at, file, tester } from '../rule-tester.js';

tester.run('model/ambiguous-model-archive', rule, {
  valid: [file('benign/torch_state_dict.pt'), file('benign/numpy_compressed.npz'), file('benign/keras_model.keras'), file('malicious/zip_case_mismatch.pt'), file('benign/zip_deflated_members.pt')],
  invalid: [
    { ...file('malicious/zip_duplicate_names.pt'), errors: [at('ambiguous', { severity: 'high' })] },
    { ...file('malicious/zip_bad_crc.pt'), errors: [at('ambiguous')] },
    { ...file('malicious/zip_bad_crc_deflated.pt'), errors: [at('ambiguous')] },
    { ...file('malicious/zip_local_flag_bits.pt'), errors: [at('ambiguous')] },
    { ...file('malicious/zip_local_name_mismatch.pt'), errors: [at('ambiguous')] },
  ],
});
