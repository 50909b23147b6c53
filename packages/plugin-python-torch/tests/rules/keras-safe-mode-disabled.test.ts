import rule from '../../src/rules/keras-safe-mode-disabled.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('torch/keras-safe-mode-disabled', rule, {
  valid: [
    'import keras\nm = keras.models.load_model(p)',
    'import keras\nm = keras.models.load_model(p, safe_mode=True)',
    // Only False turns safe mode off; None falls back to the ambient setting (safe by default).
    'import keras\nm = keras.models.load_model(p, safe_mode=None)',
    'import keras\ndef load(p, safe_mode=None):\n    return keras.saving.load_model(p, safe_mode=safe_mode)',
    'import tensorflow as tf\nm = tf.keras.models.load_model(p, compile=False)',
    // a conditional over a parameter no caller sets (review robotics P2-1)
    'import keras\ndef load(p, legacy=False):\n    return keras.models.load_model(p, safe_mode=False if legacy else True)\nload("a.keras")',
    'class L:\n    def load_model(self, p, safe_mode=False):\n        return p\nL().load_model("x", safe_mode=False)',
    // a partial keeping safe mode, or one only called in this file (each call is checked where it is made)
    'import functools, keras\nload = functools.partial(keras.models.load_model, safe_mode=True)',
    'import functools, keras\nload = functools.partial(keras.models.load_model, compile=False)',
    // two wrappers whose every caller keeps safe mode on
    'import keras\ndef _load(p, safe_mode=True):\n    return keras.models.load_model(p, safe_mode=safe_mode)\ndef load_model_file(p, safe_mode=True):\n    return _load(p, safe_mode=safe_mode)\nm = load_model_file("a.keras", safe_mode=True)',
    // two functions passing the flag to each other: read once around, no answer from the cycle
    'import keras\ndef _a(p, safe_mode=True):\n    if p:\n        return _b(p, safe_mode=safe_mode)\n    return keras.models.load_model(p, safe_mode=safe_mode)\ndef _b(p, safe_mode=True):\n    return _a(p, safe_mode=safe_mode)\n_a("x.keras")',
  ],
  invalid: [
    { code: 'import keras\nm = keras.models.load_model("m.keras", safe_mode=False)', errors: [{ messageId: 'safeModeOff', line: 2, confidence: 'high', data: { callee: 'keras.models.load_model' } }] },
    { code: 'import tensorflow as tf\nm = tf.keras.models.load_model(p, safe_mode=False)', errors: [{ messageId: 'safeModeOff', data: { callee: 'tensorflow.keras.models.load_model' } }] },
    { code: 'from keras.saving import load_model\nm = load_model(p, None, True, False)', errors: [{ messageId: 'safeModeOff' }] },
    // `safe_mode=False if legacy else True` with a same-file caller passing legacy=True (review robotics P2-1)
    {
      code: 'import keras\ndef load(p, legacy=False):\n    return keras.models.load_model(p, safe_mode=False if legacy else True)\nload("old.keras", legacy=True)',
      errors: [{ messageId: 'safeModeOff', line: 3, confidence: 'high', data: { callee: 'keras.models.load_model' } }],
    },
    // a file Keras' `get_file` downloaded: from the network, high (review robotics P3-2)
    { code: 'import tensorflow as tf\npath = tf.keras.utils.get_file("grasp.keras", "https://example.com/grasp.keras")\nm = tf.keras.models.load_model(path, safe_mode=False)', errors: [{ messageId: 'safeModeOff', line: 3, confidence: 'high', data: { callee: 'tensorflow.keras.models.load_model' } }] },
    // a command-line option whose default is False (review science P3-1): medium
    {
      code: 'import argparse, keras\np = argparse.ArgumentParser()\np.add_argument("--safe-mode", type=bool, default=False)\nargs = p.parse_args()\nm = keras.models.load_model("m.keras", safe_mode=args.safe_mode)',
      errors: [{ messageId: 'safeModeOff', line: 5, confidence: 'medium', data: { callee: 'keras.models.load_model' } }],
    },
    // a partial handed on with safe mode off is the finding (review keras P3-2); called in the file, the call is
    {
      code: 'import functools, keras\nunsafe_loader = functools.partial(keras.models.load_model, safe_mode=False)\nfrom functools import partial\n_load = partial(keras.saving.load_model, safe_mode=False)\nm = _load("m.keras")',
      errors: [
        { messageId: 'partialSafeModeOff', line: 2, confidence: 'high', data: { callee: 'keras.models.load_model' } },
        { messageId: 'safeModeOff', line: 5, confidence: 'high', data: { callee: 'keras.saving.load_model' } },
      ],
    },
    // TensorFlow's compat spellings of tf.keras (review keras P3-1)
    {
      code: 'import tensorflow as tf\nm = tf.compat.v2.keras.models.load_model("m.keras", safe_mode=False)\nn = tf.compat.v1.keras.models.load_model("n.keras", safe_mode=False)',
      errors: [
        { messageId: 'safeModeOff', line: 2, confidence: 'high', data: { callee: 'tensorflow.compat.v2.keras.models.load_model' } },
        { messageId: 'safeModeOff', line: 3, confidence: 'high', data: { callee: 'tensorflow.compat.v1.keras.models.load_model' } },
      ],
    },
    // a public loader over a private one: the caller of the outer passes False (review keras P2-1)
    {
      code: 'import keras\ndef _load(p, safe_mode=True):\n    return keras.models.load_model(p, safe_mode=safe_mode)\ndef load_model_file(p, safe_mode=True):\n    return _load(p, safe_mode=safe_mode)\nm = load_model_file("legacy.keras", safe_mode=False)',
      errors: [{ messageId: 'safeModeOff', line: 3, confidence: 'high', data: { callee: 'keras.models.load_model' } }],
    },
    // negated on the way: `legacy=True` two callers out
    {
      code: 'import keras\ndef _load(p, legacy=False):\n    return keras.models.load_model(p, safe_mode=not legacy)\ndef open_model(p, legacy=False):\n    return _load(p, legacy=legacy)\nm = open_model("old.keras", legacy=True)',
      errors: [{ messageId: 'safeModeOff', line: 3, confidence: 'high', data: { callee: 'keras.models.load_model' } }],
    },
    { code: 'import keras\ndef f(p, s):\n    return keras.saving.load_model(p, safe_mode=s)', errors: [{ messageId: 'safeModeUnknown', confidence: 'low' }] },
    { code: 'import keras\nkeras.config.enable_unsafe_deserialization()', errors: [{ messageId: 'unsafeDeserialization', data: { callee: 'keras.config.enable_unsafe_deserialization' } }] },
  ],
});

fixture(rule);
