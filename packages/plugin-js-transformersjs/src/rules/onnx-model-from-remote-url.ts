import { createRule } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, isOnnxSessionCreate, onnxExternalDataSources } from '../utils/libraries.js';
import { remoteLoadReport } from '../utils/remote-load.js';
import { docsUrl } from '../utils/meta.js';

export default createRule<[], JsSourceCode>({
  name: 'onnx-model-from-remote-url',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['InferenceSession'],
    docs: {
      description:
        'Reports onnxruntime `InferenceSession.create(url)` with a remote or plain-HTTP URL (of the model, or of its `externalData` weights): the model bytes are used without any integrity check.',
      recommended: true,
      url: docsUrl('onnx-model-from-remote-url'),
    },
    messages: {
      remote: '{{callee}} downloads the model from {{url}} and runs it without checking its integrity.',
      unresolved: '{{callee}} is given {{url}}, which could not be resolved (passed on too deep to follow): if it is a remote URL, the model is downloaded and run without checking its integrity.',
      http: '{{callee}} downloads the model over plain HTTP ({{url}}) and runs it without checking its integrity.',
      externalRemote: '{{callee}} downloads the model\'s external weights (`externalData`) from {{url}} and runs them without checking their integrity.',
      externalUnresolved:
        '{{callee}} is given external weights (`externalData`) from {{url}}, which could not be resolved (passed on too deep to follow): if it is a remote URL, the weights are downloaded and run without checking their integrity.',
      externalHttp: '{{callee}} downloads the model\'s external weights (`externalData`) over plain HTTP ({{url}}) and runs them without checking their integrity.',
      useHttps: 'Use https://',
    },
    remediation:
      'Ship the model with the app (a local path), or fetch it yourself with Subresource Integrity (`fetch(url, { integrity: "sha256-…" })`) or a `crypto.subtle.digest` check against a pinned hash, then pass the verified bytes to `InferenceSession.create(buffer)`.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    /** The `data` nodes of `externalData` entries already judged (a constant list shared by many sessions). */
    const reportedExternal = new Set<unknown>();
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (!isOnnxSessionCreate(sc, node)) return;
        const source = sc.argument(node, { position: 0 });
        if (!source) return;
        const callee = calleeText(sc, node);
        const report = remoteLoadReport(sc, node, source, { callee });
        if (report) context.report(report);
        // the external weights of a large model (`externalData: [{ path, data: 'https://…/model.onnx.data' }]`),
        // each reported at its `data`, once however many sessions share the list
        for (const data of onnxExternalDataSources(sc, node)) {
          if (reportedExternal.has(data)) continue;
          reportedExternal.add(data);
          const external = remoteLoadReport(sc, node, data, { callee });
          if (!external) continue;
          const messageId = external.messageId === 'http' ? 'externalHttp' : external.messageId === 'unresolved' ? 'externalUnresolved' : 'externalRemote';
          context.report({ ...external, node: data, messageId });
        }
      },
    };
  },
});
