import rule from '../../src/rules/numpy-load-allow-pickle.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('torch/numpy-load-allow-pickle', rule, {
  valid: ['import numpy as np\na = np.load(p)', 'import numpy as np\na = np.load(p, allow_pickle=False)', 'import numpy as np\nnp.save(p, a, allow_pickle=True)', 'import numpy as np\na = np.load(p, None, False)'],
  invalid: [
    {
      code: 'import numpy as np\na = np.load("w.npz", allow_pickle=True)',
      errors: [
        {
          messageId: 'allowPickle',
          line: 2,
          confidence: 'high',
          data: { callee: 'numpy.load' },
          suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\na = np.load("w.npz")' }],
        },
      ],
    },
    {
      code: 'import numpy as np\na = np.load(p, allow_pickle=True, mmap_mode="r")',
      errors: [{ messageId: 'allowPickle', suggestions: [{ messageId: 'removeAllowPickle', output: 'import numpy as np\na = np.load(p, mmap_mode="r")' }] }],
    },
    { code: 'import numpy as np\na = np.load(p, None, True)', errors: [{ messageId: 'allowPickle', suggestions: [] }] },
    { code: 'import numpy as np\ndef f(p, ap):\n    return np.load(p, allow_pickle=ap)', errors: [{ messageId: 'unknownAllowPickle', confidence: 'low' }] },
  ],
});

fixture(rule);
