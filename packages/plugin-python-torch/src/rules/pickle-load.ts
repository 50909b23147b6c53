import { createRule } from '@oculum/core';
import type { PythonSourceCode } from '@oculum/lang-python';
import { calleeName, confidenceFor, type Node } from '../utils.js';

const PICKLE_MODULES = ['pickle', '_pickle', 'cPickle', 'pickle5', 'dill', 'cloudpickle'];

/** Deserializers → the module whose `dumps` makes a harmless round trip with it. */
const LOADERS = new Map<string, string | undefined>();
for (const m of PICKLE_MODULES) {
  LOADERS.set(`${m}.load`, m);
  LOADERS.set(`${m}.loads`, m);
  LOADERS.set(`${m}.Unpickler`, m);
}
LOADERS.set('dill.load_session', undefined);
LOADERS.set('dill.load_module', undefined);
LOADERS.set('pandas.read_pickle', undefined);
LOADERS.set('pandas.io.pickle.read_pickle', undefined);
LOADERS.set('shelve.open', undefined);
LOADERS.set('shelve.DbfilenameShelf', undefined);
LOADERS.set('shelve.Shelf', undefined);
LOADERS.set('marshal.load', 'marshal');
LOADERS.set('marshal.loads', 'marshal');
LOADERS.set('jsonpickle.decode', 'jsonpickle');
LOADERS.set('jsonpickle.loads', 'jsonpickle');
LOADERS.set('jsonpickle.unpickler.decode', 'jsonpickle');

const DUMPS: Record<string, string[]> = {
  marshal: ['marshal.dumps'],
  jsonpickle: ['jsonpickle.encode', 'jsonpickle.dumps'],
};

/** Why this particular format is unsafe (empty for the pickle modules themselves). */
function detail(callee: string): string {
  if (callee.startsWith('marshal.')) return ' (marshal is not secure against malicious data)';
  if (callee.startsWith('jsonpickle.')) return ' (jsonpickle rebuilds arbitrary objects; plain json does not)';
  if (callee.startsWith('shelve.')) return ' (a shelf is pickle on disk)';
  if (callee.startsWith('pandas.')) return ' (a pickled DataFrame is a pickle)';
  return '';
}

export default createRule<[], PythonSourceCode>({
  name: 'pickle-load',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['pickle', 'Pickle', 'dill', 'read_pickle', 'shelve', 'marshal', 'jsonpickle'],
    docs: {
      description:
        'Reports deserialization with pickle and its relatives (`pickle`, `_pickle`, `cPickle`, `dill`, `cloudpickle`, `pandas.read_pickle`, `shelve`, `marshal`, `jsonpickle`), which runs code embedded in the data.',
      recommended: true,
    },
    messages: {
      unsafeDeserialization:
        '`{{callee}}` deserializes data that can run arbitrary code when it is loaded{{detail}}: a malicious model or cache file executes on this machine. Load weights from safetensors (or `torch.load(..., weights_only=True)`), data as JSON, scikit-learn models with skops.',
    },
    remediation:
      'Store weights as safetensors and configuration as JSON; for scikit-learn models use skops; if pickle is unavoidable, verify a pinned hash first or restrict Unpickler.find_class.',
  },
  create(context) {
    const sc = context.sourceCode;
    const modules = ['pickle', '_pickle', 'cPickle', 'pickle5', 'dill', 'cloudpickle', 'pandas', 'shelve', 'marshal', 'jsonpickle'];
    if (!modules.some((m) => sc.imports.has(m))) return {};

    /** `pickle.loads(pickle.dumps(x))`: a deep copy of data that never left the process. */
    function isRoundTrip(call: Node, family: string | undefined): boolean {
      if (!family) return false;
      const arg = sc.argument(call, { position: 0 }) ?? sc.argument(call, { name: 'data' }) ?? sc.argument(call, { name: 'string' });
      if (!arg || arg.type !== 'call') return false;
      const inner = calleeName(sc, arg);
      if (!inner) return false;
      const dumps = DUMPS[family] ?? [`${family}.dumps`];
      return dumps.includes(inner) || (PICKLE_MODULES.includes(family) && PICKLE_MODULES.some((m) => inner === `${m}.dumps`));
    }

    return {
      call(node: Node) {
        const callee = calleeName(sc, node);
        if (!callee || !LOADERS.has(callee)) return;
        const family = LOADERS.get(callee);
        if (isRoundTrip(node, family)) return;
        context.report({
          node,
          messageId: 'unsafeDeserialization',
          data: { callee, detail: detail(callee) },
          confidence: confidenceFor(sc, sc.argument(node, { position: 0 })),
        });
      },
    };
  },
});
