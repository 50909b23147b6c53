import { createRule } from '@oculum/core';
import { importTrigger, memberTrigger, type PythonSourceCode } from '@oculum/lang-python';
import { CALLBACK_CALLEE_NAMES, localForwarderNames, handedLoader } from '../callbacks.js';
import { calleeName, confidenceFor, isInProcessData, isStubFile, savedOnSomePathBefore, type Node, saveLineText } from '../utils.js';

const JOBLIB_LOAD = new Set(['joblib.load', 'sklearn.externals.joblib.load', 'joblib.numpy_pickle.load']);
/**
 * Writers: a file or buffer one of them just filled in the same function is read back, not loaded
 * from outside (a `NumpyPickler` built over a buffer writes to it, as a `pickle.Pickler` does).
 */
const JOBLIB_DUMP = new Set(['joblib.dump', 'sklearn.externals.joblib.dump', 'joblib.numpy_pickle.dump', 'joblib.numpy_pickle.NumpyPickler']);

export default createRule<[], PythonSourceCode>({
  name: 'joblib-load',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    // `joblib.load` named as the rule resolves it (`jb.load`, `from joblib import load as L`,
    // `getattr(joblib, "load")`, a star import), and every name the rule reports is in the `joblib` module.
    triggers: memberTrigger('load', ['joblib', 'sklearn.externals.joblib', 'joblib.numpy_pickle']),
    // `joblib` (also in `sklearn.externals.joblib`), and what `create` needs imported
    triggerGroups: [['joblib'], [importTrigger(['joblib', 'sklearn'])]],
    docs: {
      description: 'Reports `joblib.load`, which unpickles the file and runs any code a malicious model file embeds.',
      recommended: true,
    },
    messages: {
      joblibLoad:
        '`{{callee}}` unpickles the file: a malicious model file runs arbitrary code when it is loaded. Save and load scikit-learn models with skops (`skops.io.load` with an explicit `trusted` list), or arrays with safetensors.',
      callback:
        '`{{callee}}` is handed to `{{via}}`, which calls it: every file it loads is unpickled, and a malicious model file runs arbitrary code. Save and load scikit-learn models with skops (`skops.io.load` with an explicit `trusted` list), or arrays with safetensors.',
      savedOnSomePaths:
        '`{{callee}}` loads a file this code saves at line {{line}}, but not on every path before this load: where that save has not run, the file is whatever is on disk, and a malicious model file runs arbitrary code when it is unpickled. Save and load scikit-learn models with skops (`skops.io.load` with an explicit `trusted` list), or arrays with safetensors.',
    },
    remediation: 'Use skops.io for scikit-learn models (or ONNX); safetensors or numpy.load without allow_pickle for arrays.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    if (!sc.imports.has('joblib') && !sc.imports.has('sklearn')) return {};
    const gate = sc.calleeGate(['load', ...CALLBACK_CALLEE_NAMES, ...localForwarderNames(sc)]);
    return {
      call(node: Node) {
        if (!gate(node)) return;
        // `pool.map(joblib.load, paths)`, `delayed(joblib.load)(p)`
        const handed = handedLoader(sc, node, JOBLIB_LOAD, JOBLIB_DUMP, { name: 'filename', position: 0 });
        if (handed) {
          if (handed !== 'other') context.report({ node, messageId: 'callback', data: handed, confidence: 'medium' });
          return;
        }
        const callee = calleeName(sc, node, JOBLIB_LOAD);
        if (!callee) return;
        const file = sc.argument(node, { name: 'filename', position: 0 });
        if (isInProcessData(sc, file, JOBLIB_DUMP)) return;
        // `if not os.path.exists(p): joblib.dump(m, p)` … `joblib.load(p)`: this code's own file on some paths
        const save = savedOnSomePathBefore(sc, file, JOBLIB_DUMP);
        if (save) {
          context.report({ node, messageId: 'savedOnSomePaths', data: { callee, line: saveLineText(sc, save, node) }, confidence: 'medium' });
          return;
        }
        context.report({ node, messageId: 'joblibLoad', data: { callee }, confidence: confidenceFor(sc, file, node) });
      },
    };
  },
});
