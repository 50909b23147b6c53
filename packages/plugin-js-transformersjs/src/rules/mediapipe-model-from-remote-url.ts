import { createRule } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText } from '../utils/libraries.js';
import { MEDIAPIPE_TRIGGER, mediapipeModelSource } from '../utils/mediapipe-loads.js';
import { remoteLoadReport } from '../utils/remote-load.js';
import { docsUrl } from '../utils/meta.js';

export default createRule<[], JsSourceCode>({
  name: 'mediapipe-model-from-remote-url',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: [MEDIAPIPE_TRIGGER],
    docs: {
      description:
        'Reports MediaPipe Tasks `createFromModelPath(fileset, url)` and `createFromOptions(fileset, { baseOptions: { modelAssetPath: url } })` of a remote or plain-HTTP URL: MediaPipe downloads the `.task` / `.tflite` model at run time and runs it without any integrity check.',
      recommended: true,
      url: docsUrl('mediapipe-model-from-remote-url'),
    },
    messages: {
      remote: '{{callee}} downloads the model from {{url}} and runs it without checking its integrity.',
      unresolved: '{{callee}} is given {{url}}, which could not be resolved (passed on too deep to follow): if it is a remote URL, the model is downloaded and run without checking its integrity.',
      http: '{{callee}} downloads the model over plain HTTP ({{url}}) and runs it without checking its integrity.',
      useHttps: 'Use https://',
    },
    remediation:
      'Serve the model from your own origin or package it with the app (`/models/…`, `chrome.runtime.getURL(…)`), or fetch it yourself, compare its SHA-256 (`crypto.subtle.digest`) with the digest of the file you reviewed, and pass the bytes as `baseOptions.modelAssetBuffer`.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const source = mediapipeModelSource(sc, node);
        if (!source) return;
        const report = remoteLoadReport(sc, node, source, { callee: calleeText(sc, node) });
        if (report) context.report(report);
      },
    };
  },
});
