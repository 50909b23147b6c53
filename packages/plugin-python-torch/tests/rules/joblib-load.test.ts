import rule from '../../src/rules/joblib-load.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('torch/joblib-load', rule, {
  valid: [
    'import joblib\njoblib.dump(m, "m.joblib")',
    'import joblib\nmem = joblib.Memory("/tmp")',
    'import joblib, json\nms = list(map(json.load, paths))',
    'def load(p):\n    return p\nload("m.joblib")',
    // A def that shadows the import calls itself (a recursion bug): joblib's `load` is not called.
    'from joblib import dump, load\n\ndef load(file):\n    return load(file)',
  ],
  invalid: [
    { code: 'import joblib\ndef f(*a, **k):\n    return joblib.load(*a, **k)', errors: [{ messageId: 'joblibLoad', line: 3, confidence: 'high' }] },
    { code: 'import joblib\nm = joblib.load("model.joblib")', errors: [{ messageId: 'joblibLoad', line: 2, column: 5, confidence: 'high', data: { callee: 'joblib.load' } }] },
    { code: 'from joblib import load\nm = load(p)', errors: [{ messageId: 'joblibLoad', confidence: 'medium' }] },
    { code: 'from sklearn.externals import joblib\nm = joblib.load(p)', errors: [{ messageId: 'joblibLoad', data: { callee: 'sklearn.externals.joblib.load' } }] },
    {
      code: 'import os, joblib\ndef f(train):\n    if not os.path.exists("m.joblib"):\n        joblib.dump(train(), "m.joblib")\n    return joblib.load("m.joblib")',
      errors: [{ messageId: 'savedOnSomePaths', line: 5, confidence: 'medium', data: { callee: 'joblib.load', line: '4' } }],
    },
    { code: 'import joblib\nms = pool.map(joblib.load, paths)', errors: [{ messageId: 'callback', confidence: 'medium', data: { callee: 'joblib.load', via: '.map' } }] },
  ],
});

fixture(rule);
