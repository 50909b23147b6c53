import { createRule } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, TEACHABLE_MACHINE_GLOBAL_TRIGGER } from '../utils/libraries.js';
import { remoteLoadReport } from '../utils/remote-load.js';
import { ML5_TRIGGER } from '../utils/ml5-loads.js';
import { FAST_TFLITE_MODULE, SPEECH_COMMANDS_GLOBAL_TRIGGER, tfjsLoads } from '../utils/tfjs-loads.js';
import { docsUrl } from '../utils/meta.js';

export default createRule<[], JsSourceCode>({
  name: 'tfjs-model-from-remote-url',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['loadLayersModel', 'loadGraphModel', '@tensorflow-models/', '@teachablemachine/', TEACHABLE_MACHINE_GLOBAL_TRIGGER, SPEECH_COMMANDS_GLOBAL_TRIGGER, ML5_TRIGGER, FAST_TFLITE_MODULE],
    docs: {
      description:
        "Reports TensorFlow.js `loadLayersModel`/`loadGraphModel` (and the loaders built on them: `@tensorflow-models/*` `load()`, speech-commands `create()`, Teachable Machine's `load()`, ml5.js) and react-native-fast-tflite's `loadTensorflowModel({ url })` of a remote or plain-HTTP URL: the model topology and weights are used without any integrity check.",
      recommended: true,
      url: docsUrl('tfjs-model-from-remote-url'),
    },
    messages: {
      remote: '{{callee}} downloads the model from {{url}} and runs it without checking its integrity.',
      unresolved: '{{callee}} is given {{url}}, which could not be resolved (passed on too deep to follow): if it is a remote URL, the model is downloaded and run without checking its integrity.',
      http: '{{callee}} downloads the model over plain HTTP ({{url}}) and runs it without checking its integrity.',
      packageDefault: '{{callee}} downloads the default weights of {{module}} from the URL the package holds (Google storage, TF Hub or Kaggle) at run time, with no integrity check.',
      partnerDefault: '{{callee}} is given no `{{option}}`: it downloads that model, the package\'s default weights for it, from the URL the package holds (TF Hub or Kaggle, Google storage) at run time, with no integrity check.',
      builtinModel: "{{callee}} downloads ml5's built-in {{model}} model at run time, with no integrity check.",
      useHttps: 'Use https://',
    },
    remediation:
      'Serve the model from your own origin or bundle it (`/models/…`, `file://`, `indexeddb://`), or fetch model.json and the weight shards yourself, verify them against pinned SHA-256 digests, and load them with `tf.io.fromMemory(...)`.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const loads = tfjsLoads(sc, node);
        let reported = false;
        for (const load of loads) {
          if ('builtin' in load) continue;
          if ('packageDefault' in load) {
            // (a model at a URL the package's version fixes, on Google's storage or TF Hub, over https:
            // severity medium, so that a default model alone does not fail \`--fail-on high\`)
            const data = { callee: calleeText(sc, node), module: load.packageDefault };
            if (load.missing) context.report({ node, messageId: 'partnerDefault', data: { ...data, option: load.missing }, severity: 'medium', confidence: 'medium' });
            else context.report({ node, messageId: 'packageDefault', data, severity: 'medium', confidence: 'medium' });
            reported = true;
            continue;
          }
          const report = remoteLoadReport(sc, node, load.source, { callee: calleeText(sc, node) }, load.location);
          if (!report) continue;
          // (whether ml5 fetches that URL depends on a runtime or model the analysis cannot see)
          if (load.uncertain && report.confidence === 'high') report.confidence = 'medium';
          context.report(report);
          reported = true;
        }
        // a built-in model, once per call, and not beside a URL the call is reported for
        const builtin = loads.find((l): l is { builtin: string } => 'builtin' in l);
        // (its URL, like a package default's, is fixed by the library's version, over https: severity medium)
        if (builtin && !reported) context.report({ node, messageId: 'builtinModel', data: { callee: calleeText(sc, node), model: builtin.builtin }, severity: 'medium', confidence: 'medium' });
      },
    };
  },
});
