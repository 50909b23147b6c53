import { createRule } from '@oculum/core';
import { importTrigger, type PythonSourceCode } from '@oculum/lang-python';
import { calleeGate, calleeName, confidenceFor, explicitKeyword, flagStateThroughCallers, removeKeywordArgument, type Node, isStubFile } from '../utils.js';

/** Loader → position of `allow_pickle` when passed positionally. */
const LOADERS = new Map<string, number>([
  ['numpy.load', 2],
  ['numpy.lib.npyio.load', 2],
  ['numpy.lib.format.read_array', 1],
]);

export default createRule<[], PythonSourceCode>({
  name: 'numpy-load-allow-pickle',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    // The gate resolves calls named `load` / `read_array` (or aliases bound by statements naming them).
    triggers: [/\bload\b/, 'read_array'],
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
      removeAllowPickle: 'Remove `allow_pickle=True` (files with object arrays will stop loading).',
    },
    remediation: 'Keep allow_pickle=False (the default); store object data as JSON and tensors as safetensors.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    if (!sc.imports.has('numpy')) return {};
    const gate = calleeGate(sc, ['load', 'read_array']);
    return {
      call(node: Node) {
        if (!gate(node)) return;
        const callee = calleeName(sc, node, LOADERS);
        const position = callee ? LOADERS.get(callee) : undefined;
        if (!callee || position === undefined) return;
        const flag = sc.argument(node, { name: 'allow_pickle', position });
        const state = flagStateThroughCallers(sc, flag, context.depth);
        if (state === 'absent' || state === 'false') return;
        const data = { callee };
        if (state === 'unknown') {
          context.report({ node, messageId: 'unknownAllowPickle', data, confidence: 'low' });
          return;
        }
        const kw = explicitKeyword(node, 'allow_pickle');
        context.report({
          node,
          messageId: 'allowPickle',
          data,
          confidence: confidenceFor(sc, sc.argument(node, { name: 'file', position: 0 }) ?? sc.argument(node, { name: 'fp', position: 0 })),
          suggest: kw ? [{ messageId: 'removeAllowPickle', fix: removeKeywordArgument(sc, kw) }] : [],
        });
      },
    };
  },
});
