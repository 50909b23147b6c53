import rule from '../../src/rules/pickle-load-through-python-bridge.js';
import { fixture, id, tester } from '../helpers.js';

tester.run(id(rule), rule, {
  valid: [
    `import { python } from 'pythonia'; const np = await python('numpy'); await np.load(p);`,
    `import { python } from 'pythonia'; const pickle = await python('pickle'); await pickle.dump(x, f);`,
    `import { python } from 'other'; const pickle = await python('pickle'); await pickle.load(f);`,
    `import { python } from 'pythonia'; function f(pickle) { return pickle.load(x); }`,
    `import pythonBridge from 'python-bridge'; const py = pythonBridge(); await py\`print(1)\`;`,
    `const sql = (s) => s; sql\`pickle.load(x)\`;`,
  ],
  invalid: [
    { code: `import { python } from 'pythonia'; const pickle = await python('pickle'); await pickle.loads(data);`, errors: [{ messageId: 'unpickle', data: { api: 'pickle.loads', target: 'pickle.loads' }, severity: 'critical' }] },
    { code: `const { python } = require('pythonia'); python('dill').then(() => 0); const dill = await python('dill'); dill.load(f);`, errors: [{ messageId: 'unpickle' }] },
    { code: `import { pymport } from 'pymport'; pymport('pickle').get('loads').call(b);`, errors: [{ messageId: 'unpickle', data: { api: "pymport('pickle').get('loads').call", target: 'pickle.loads' } }] },
    { code: `import { pymport, proxify } from 'pymport'; const torch = proxify(pymport('torch')); torch.load(p, { weights_only: false });`, errors: [{ messageId: 'unpickle' }] },
    { code: `import pythonBridge from 'python-bridge'; const py = pythonBridge(); await py.ex\`model = joblib.load(\${p})\`;`, errors: [{ messageId: 'unpickleSource', data: { target: 'joblib.load' } }] },
  ],
});

fixture(rule);
