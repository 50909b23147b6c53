import { createRule, type Confidence } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { asCode, calleeText, quoted } from '../utils/libraries.js';
import { remoteLoadReport } from '../utils/remote-load.js';
import { wllamaLoad, wllamaUrlArgument } from '../utils/wllama-loads.js';
import { docsUrl } from '../utils/meta.js';

export default createRule<[], JsSourceCode>({
  name: 'wllama-model-from-remote-url',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    // the loaders' own names: a call of either is what the rule reports
    triggers: ['loadModelFromUrl', 'loadModelFromHF'],
    docs: {
      description:
        'Reports wllama `loadModelFromUrl` of a remote or plain-HTTP URL and `loadModelFromHF` (always the `main` branch): the GGUF model is downloaded at run time and used without any integrity check.',
      recommended: true,
      url: docsUrl('wllama-model-from-remote-url'),
    },
    messages: {
      remote: '{{callee}} downloads the model from {{url}} and runs it without checking its integrity.',
      unresolved: '{{callee}} is given {{url}}, which could not be resolved (passed on too deep to follow): if it is a remote URL, the model is downloaded and run without checking its integrity.',
      http: '{{callee}} downloads the model over plain HTTP ({{url}}) and runs it without checking its integrity.',
      hubMain:
        '{{callee}} downloads {{file}} from the Hugging Face Hub repository {{repo}} at `main`: wllama cannot pin a revision there, so the file can change under you, and nothing checks it.',
      useHttps: 'Use https://',
    },
    remediation:
      'Serve the GGUF file from your own origin (a relative URL), or download it yourself, compare its SHA-256 (`crypto.subtle.digest`) with the digest of the file you reviewed, and pass the verified Blob to `wllama.loadModel([blob])`.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const load = wllamaLoad(sc, node);
        if (!load) return;
        const callee = calleeText(sc, node);
        /** An object not known to be a `Wllama` (another object may have a method of that name): low. */
        const capped = (c: Confidence): Confidence => (load.uncertain ? 'low' : c);
        if (load.method === 'loadModelFromHF') {
          const repo = sc.argument(node, { position: 0 });
          const file = sc.argument(node, { position: 1 });
          if (!repo || !file) return; // wllama throws before downloading
          const shownValue = (n: typeof repo) => {
            const v = sc.constant(n);
            return typeof v === 'string' ? quoted(v) : asCode(sc.getText(n));
          };
          context.report({ node, messageId: 'hubMain', data: { callee, repo: shownValue(repo), file: shownValue(file) }, confidence: capped('high') });
          return;
        }
        const source = wllamaUrlArgument(sc, node);
        if (!source) return;
        const report = remoteLoadReport(sc, node, source, { callee });
        if (report) context.report({ ...report, confidence: capped(report.confidence ?? 'high') });
      },
    };
  },
});
