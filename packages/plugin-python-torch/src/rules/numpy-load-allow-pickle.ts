import { createRule, UNKNOWN } from '@oculum/core';
import { importTrigger, memberTrigger, type PythonSourceCode } from '@oculum/lang-python';
import { CALLBACK_CALLEE_NAMES, localForwarderNames, callbackArgument, callbackUse } from '../callbacks.js';
import { calleeName, nameAmong, confidenceFor, defaultFlagState, explicitKeyword, flagState, flagStateThroughCallers, isInProcessData, removeKeywordArgument, savedOnSomePathBefore, splatValuesFromCallers, splatValuesFromEveryCaller, type Node, isStubFile, saveLineText } from '../utils.js';

/** Loader → position of `allow_pickle` when passed positionally. */
const LOADERS = new Map<string, number>([
  ['numpy.load', 2],
  ['numpy.lib.npyio.load', 2],
  ['numpy.lib.format.read_array', 1],
]);

/**
 * `numpy.save("x", a)` writes `x.npy`: a name without the suffix is not the file `numpy.load("x")`
 * reads. A path counts when its text names `.npy`/`.npz` (itself or the value its name holds); a
 * handle or buffer (a name bound to `open(...)` or `io.BytesIO()`) is the same file either way.
 */
function samePathForNumpy(sc: PythonSourceCode, file: Node | undefined): boolean {
  if (!file) return false;
  const suffixed = (n: Node) => /\.np[yz]\b/i.test(sc.getText(n));
  if (suffixed(file)) return true;
  if (file.type !== 'identifier') return false;
  return sc.reachingBindings(file).every((b) => {
    const v = b.value;
    if (!v) return false;
    if (suffixed(v)) return true;
    const q = v.type === 'call' ? calleeName(sc, v) : undefined;
    return q === 'builtins.open' || q === 'io.BytesIO';
  });
}

/** Writers of `.npy`/`.npz` files. */
const NUMPY_SAVE = new Set(['numpy.save', 'numpy.savez', 'numpy.savez_compressed']);

export default createRule<[], PythonSourceCode>({
  name: 'numpy-load-allow-pickle',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    // `numpy.load` named as the rule resolves it (`np.load`, `from numpy import load`, `getattr(np,
    // "load")`, `from numpy import *`), or `read_array`.
    triggers: [...memberTrigger('load', ['numpy', 'numpy.lib.npyio']), 'read_array'],
    triggerGroups: [[importTrigger(['numpy'])]], // what `create` needs imported
    docs: {
      description: 'Reports `numpy.load` with `allow_pickle` enabled, which unpickles object arrays and runs code embedded in the file.',
      recommended: true,
    },
    messages: {
      allowPickle:
        '`{{callee}}` with `allow_pickle` enabled unpickles object arrays: a malicious `.npy`/`.npz` file runs code when it is loaded. Keep the default `allow_pickle=False` and store tensors as safetensors or plain numeric arrays.',
      unknownAllowPickle:
        "`{{callee}}`'s `allow_pickle` cannot be resolved statically; if it is true, a malicious file runs code when it is loaded. Keep the default `allow_pickle=False`; store tensors as safetensors.",
      callback:
        '`{{callee}}` with `allow_pickle` enabled is handed to `{{via}}`, which calls it: every object array it loads is unpickled, and a malicious `.npy`/`.npz` file runs code. Keep the default `allow_pickle=False` and store tensors as safetensors or plain numeric arrays.',
      savedOnSomePaths:
        '`{{callee}}` with `allow_pickle` enabled loads a file this code saves at line {{line}}, but not on every path before this load: where that save has not run, the file is whatever is on disk, and a malicious `.npy`/`.npz` file runs code when it is loaded. Keep the default `allow_pickle=False` and store tensors as safetensors or plain numeric arrays.',
      removeAllowPickle: 'Remove `allow_pickle=True` (files with object arrays will stop loading).',
    },
    remediation: 'Keep allow_pickle=False (the default); store object data as JSON and tensors as safetensors.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    if (!sc.imports.has('numpy')) return {};
    const gate = sc.calleeGate(['load', 'read_array', ...CALLBACK_CALLEE_NAMES, ...localForwarderNames(sc)]);
    return {
      call(node: Node) {
        if (!gate(node)) return;
        // `map(functools.partial(np.load, allow_pickle=True), files)`, `executor.submit(np.load, f, allow_pickle=True)`
        const use = callbackUse(sc, node);
        if (use) {
          const loader = nameAmong(sc, use.fn, LOADERS);
          const at = loader ? LOADERS.get(loader) : undefined;
          if (!loader || at === undefined) return;
          const flag = callbackArgument(sc, use, { name: 'allow_pickle', position: at });
          const state = flag === UNKNOWN ? 'unknown' : flagState(sc, flag);
          if (state === 'absent' || state === 'false') return;
          if (state === 'unknown') context.report({ node, messageId: 'unknownAllowPickle', data: { callee: loader }, confidence: 'low' });
          else context.report({ node, messageId: 'callback', data: { callee: loader, via: use.via }, confidence: 'medium' });
          return;
        }
        const callee = calleeName(sc, node, LOADERS);
        const position = callee ? LOADERS.get(callee) : undefined;
        if (!callee || position === undefined) return;
        const flag = sc.argument(node, { name: 'allow_pickle', position });
        // `allow_pickle` opens the hole when true: a caller passing True to a parameter makes it true
        let state = flagStateThroughCallers(sc, flag, context.depth, 'true');
        if (state === 'absent' && sc.argumentPaths(node, 'allow_pickle') === undefined) {
          // A `**kwargs` that cannot be read may carry it (`def np_load(*args, **kwargs): return
          // np.load(*args, **kwargs)`): what same-file callers pass in, else unknown; when those
          // callers are all that reach it (a private forwarder), what they pass or nothing.
          const passed = splatValuesFromCallers(sc, node, 'allow_pickle', context.depth).map((v) => flagState(sc, v));
          const every = splatValuesFromEveryCaller(sc, node, 'allow_pickle', context.depth)?.map((v) => flagState(sc, v));
          state = passed.includes('true') ? 'true' : every && every.every((s) => s === 'absent' || s === 'false') ? 'absent' : 'unknown';
        }
        if (state === 'absent' || state === 'false') return;
        const data = { callee };
        if (state === 'unknown' && defaultFlagState(sc, flag) === 'true') {
          // a command-line option or config field that is true unless the user sets it: medium
          const kw = explicitKeyword(node, 'allow_pickle');
          context.report({ node, messageId: 'allowPickle', data, confidence: 'medium', suggest: kw ? [{ messageId: 'removeAllowPickle', fix: removeKeywordArgument(sc, kw) }] : [] });
          return;
        }
        if (state === 'unknown') {
          context.report({ node, messageId: 'unknownAllowPickle', data, confidence: 'low' });
          return;
        }
        const file = sc.argument(node, { name: 'file', position: 0 }) ?? sc.argument(node, { name: 'fp', position: 0 });
        // An array file this function saved just before: read back, not loaded from outside.
        if (isInProcessData(sc, file, NUMPY_SAVE) && samePathForNumpy(sc, file)) return;
        const kw = explicitKeyword(node, 'allow_pickle');
        const suggest = kw ? [{ messageId: 'removeAllowPickle', fix: removeKeywordArgument(sc, kw) }] : [];
        // `if not os.path.exists(p): np.save(p, a)` … `np.load(p, allow_pickle=True)`: this code's own file on some paths
        const save = samePathForNumpy(sc, file) ? savedOnSomePathBefore(sc, file, NUMPY_SAVE) : undefined;
        if (save) {
          context.report({ node, messageId: 'savedOnSomePaths', data: { callee, line: saveLineText(sc, save, node) }, confidence: 'medium', suggest });
          return;
        }
        context.report({ node, messageId: 'allowPickle', data, confidence: confidenceFor(sc, file, node), suggest });
      },
    };
  },
});
