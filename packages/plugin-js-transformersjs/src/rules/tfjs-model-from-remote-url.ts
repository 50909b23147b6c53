import { createRule } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { unwrapExpression } from '@oculum/lang-js';
import { calleeText, isTeachableMachineLoad, isTfjsModule, TEACHABLE_MACHINE_GLOBAL_TRIGGER, tfjsLoaderName } from '../utils/libraries.js';
import { classifyLocation } from '../utils/locations.js';
import { remoteLoadReport } from '../utils/remote-load.js';
import { docsUrl } from '../utils/meta.js';

/** `tf.io.http(url)` / `tf.io.browserHTTPRequest(url)`: an IOHandler that fetches `url`. */
function httpHandlerUrl(sc: JsSourceCode, expr: JsNode): JsNode | undefined {
  const node = sc.definingExpression(expr) ?? unwrapExpression(expr);
  if (node.type !== 'CallExpression') return undefined;
  const m = sc.importedMember(node.callee);
  const name = m && isTfjsModule(m.module) ? m.path.join('.') : sc.globalName(node.callee)?.replace(/^tf\./, '');
  if (name !== 'io.http' && name !== 'io.browserHTTPRequest') return undefined;
  return sc.argument(node, { position: 0 });
}

/** `@tensorflow-models/<name>`: packages whose `load()` fetches weights from Google's storage. */
const TF_MODELS = /^@tensorflow-models\/[\w.-]+$/;
const URL_OPTION = /^(modelUrl|url|modelPath|detectorModelUrl|landmarkModelUrl)$/;

/** `mobilenet.load()` / `cocoSsd.load({ base })`: the model URL option if given, `null` when absent. */
function packagedModelLoad(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode | null | undefined {
  const m = sc.importedMember(call.callee);
  if (!m || !TF_MODELS.test(m.module) || m.path.join('.') !== 'load') return undefined;
  for (const arg of call.arguments) {
    if (arg.type === 'SpreadElement') return undefined;
    const obj = sc.objectLiteral(arg);
    if (!obj) continue;
    for (const p of obj.properties) {
      if (p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && URL_OPTION.test(p.key.name)) return p.value;
    }
  }
  return sc.hasUnresolvedArguments(call) || call.arguments.some((a) => a.type !== 'SpreadElement' && !sc.objectLiteral(a) && sc.isOpaqueOptions(call, call.arguments.indexOf(a))) ? undefined : null;
}

export default createRule<[], JsSourceCode>({
  name: 'tfjs-model-from-remote-url',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['loadLayersModel', 'loadGraphModel', '@tensorflow-models/', '@teachablemachine/', TEACHABLE_MACHINE_GLOBAL_TRIGGER],
    docs: {
      description:
        'Reports TensorFlow.js `loadLayersModel`/`loadGraphModel` (and `@tensorflow-models/*` `load()`) of a remote or plain-HTTP URL: the model topology and weights are used without any integrity check.',
      recommended: true,
      url: docsUrl('tfjs-model-from-remote-url'),
    },
    messages: {
      remote: '{{callee}} downloads the model from {{url}} and runs it without checking its integrity.',
      http: '{{callee}} downloads the model over plain HTTP ({{url}}) and runs it without checking its integrity.',
      packageDefault: '{{callee}} downloads the default weights of {{module}} from Google storage at run time, with no integrity check.',
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
        const packaged = packagedModelLoad(sc, node);
        if (packaged === null) {
          const module = sc.importedMember(node.callee)!.module;
          context.report({ node, messageId: 'packageDefault', data: { callee: calleeText(sc, node), module }, confidence: 'medium' });
          return;
        }
        if (packaged) {
          const report = remoteLoadReport(sc, node, packaged, { callee: calleeText(sc, node) });
          if (report) context.report(report);
          return;
        }
        // Teachable Machine: `tmImage.load(modelURL, metadataURL)` is `tf.loadLayersModel(modelURL)`
        const loader = isTeachableMachineLoad(sc, node) ? 'load' : tfjsLoaderName(sc, node);
        if (!loader) return;
        const arg = sc.argument(node, { position: 0 });
        if (!arg) return;
        const source = httpHandlerUrl(sc, arg) ?? arg;
        let location = classifyLocation(sc, source);
        // A TF Hub handle is remote whatever it looks like.
        const fromHub = sc.argument(node, { name: 'fromTFHub', position: 1 });
        if (fromHub && sc.constant(fromHub) === true && location.kind !== 'remote') location = { kind: 'remote', http: false, value: location.value, overridable: location.overridable, values: location.values };
        const report = remoteLoadReport(sc, node, source, { callee: calleeText(sc, node) }, location);
        if (report) context.report(report);
      },
    };
  },
});
