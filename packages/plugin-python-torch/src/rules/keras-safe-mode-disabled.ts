import { createRule } from '@oculum/core';
import { importTrigger, type PythonSourceCode } from '@oculum/lang-python';
import { calleeName, confidenceFor, defaultFlagState, flagState, flagStateThroughCallers, isStubFile, nameAmong, partialOnlyCalledInFile, type Node } from '../utils.js';

/** Keras' module roots, TensorFlow's `tf.compat.v1.keras`/`tf.compat.v2.keras` spellings of `tf.keras` among them. */
const KERAS_ROOTS = ['keras', 'tensorflow.keras', 'tf_keras', 'tensorflow.python.keras', 'tensorflow.compat.v1.keras', 'tensorflow.compat.v2.keras'];

/** Loader suffix → position of `safe_mode` when passed positionally. */
const LOADERS: Array<[string, number]> = [
  ['models.load_model', 3],
  ['saving.load_model', 3],
  ['saving.saving_api.load_model', 3],
  ['src.saving.saving_api.load_model', 3],
  ['saving.deserialize_keras_object', 2],
  ['saving.serialization_lib.deserialize_keras_object', 2],
];
const SWITCHES = [
  'config.enable_unsafe_deserialization',
  'saving.serialization_lib.enable_unsafe_deserialization',
  'src.saving.serialization_lib.enable_unsafe_deserialization',
  // Keras 2.x exports it as `tf.keras.__internal__.enable_unsafe_deserialization`
  '__internal__.enable_unsafe_deserialization',
];

const LOADER_POSITION = new Map<string, number>();
const UNSAFE_SWITCHES = new Set<string>();
for (const root of KERAS_ROOTS) {
  for (const [suffix, pos] of LOADERS) LOADER_POSITION.set(`${root}.${suffix}`, pos);
  for (const suffix of SWITCHES) UNSAFE_SWITCHES.add(`${root}.${suffix}`);
}

const KNOWN = { has: (name: string) => UNSAFE_SWITCHES.has(name) || LOADER_POSITION.has(name) };
const PARTIAL = { has: (name: string) => name === 'functools.partial' };

export default createRule<[], PythonSourceCode>({
  name: 'keras-safe-mode-disabled',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['safe_mode', 'load_model', 'deserialize_keras_object', 'enable_unsafe_deserialization'],
    triggerGroups: [[importTrigger(['keras', 'tensorflow', 'tf_keras'])]], // what `create` needs imported
    docs: {
      description:
        'Reports Keras model loading with `safe_mode=False` and `keras.config.enable_unsafe_deserialization()`, which let a model file run arbitrary Python through `Lambda` layers.',
      recommended: true,
    },
    messages: {
      safeModeOff:
        '`{{callee}}` with `safe_mode=False` deserializes `Lambda` layers: a malicious model file runs arbitrary Python when it is loaded. Keep `safe_mode=True` and replace `Lambda` layers by registered custom layers; prefer safetensors weights.',
      safeModeUnknown:
        "`{{callee}}`'s `safe_mode` cannot be resolved statically; if it is False, a model file can run arbitrary Python through `Lambda` layers. Keep `safe_mode=True`.",
      partialSafeModeOff:
        '`functools.partial({{callee}}, ...)` builds a loader with `safe_mode=False`: every model file it loads can run arbitrary Python through `Lambda` layers. Keep `safe_mode=True` and replace `Lambda` layers by registered custom layers.',
      unsafeDeserialization:
        '`{{callee}}()` turns off Keras safe mode for the whole process: every model loaded afterwards can run arbitrary Python through `Lambda` layers. Remove it to keep `safe_mode=True`, and replace `Lambda` layers by registered custom layers.',
    },
    remediation: 'Keep Keras safe_mode=True (the default); replace Lambda layers by registered custom layers.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    if (!sc.imports.has('keras') && !sc.imports.has('tensorflow') && !sc.imports.has('tf_keras')) return {};
    const gate = sc.calleeGate(['load_model', 'deserialize_keras_object', 'enable_unsafe_deserialization', 'partial']);
    /**
     * `functools.partial(keras.models.load_model, safe_mode=False)` handed on (exported, passed as a callback):
     * the partial is the finding. Called only in this file, each call is checked where it is made instead.
     */
    function checkPartial(node: Node): void {
      const target = sc.argument(node, { position: 0 });
      const callee = target ? nameAmong(sc, target, KNOWN) : undefined;
      if (!callee || !LOADER_POSITION.has(callee)) return;
      const flag = sc.argument(node, { name: 'safe_mode' });
      if (!flag || flagState(sc, flag) !== 'false' || partialOnlyCalledInFile(sc, node)) return;
      context.report({ node, messageId: 'partialSafeModeOff', data: { callee }, confidence: 'high' });
    }
    return {
      call(node: Node) {
        if (!gate(node)) return;
        if (calleeName(sc, node, PARTIAL)) {
          checkPartial(node);
          return;
        }
        const callee = calleeName(sc, node, KNOWN);
        if (!callee) return;
        if (UNSAFE_SWITCHES.has(callee)) {
          context.report({ node, messageId: 'unsafeDeserialization', data: { callee }, confidence: 'high' });
          return;
        }
        const position = LOADER_POSITION.get(callee);
        if (position === undefined) return;
        const flag = sc.argument(node, { name: 'safe_mode', position });
        // Keras turns safe mode off only for `False`: `None` falls back to the ambient setting, safe
        // unless `enable_unsafe_deserialization()` ran (reported where it is called).
        if (flag && sc.constant(flag) === null) return;
        const state = flagStateThroughCallers(sc, flag, context.depth);
        if (state === 'unknown' && defaultFlagState(sc, flag) === 'false') {
          // a command-line option or config field that is False unless the user sets it: medium
          context.report({ node, messageId: 'safeModeOff', data: { callee }, confidence: 'medium' });
        } else if (state === 'false') {
          context.report({
            node,
            messageId: 'safeModeOff',
            data: { callee },
            confidence: confidenceFor(sc, sc.argument(node, { name: 'filepath', position: 0 })),
          });
        } else if (state === 'unknown') {
          context.report({ node, messageId: 'safeModeUnknown', data: { callee }, confidence: 'low' });
        }
      },
    };
  },
});
