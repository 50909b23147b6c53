import { createRule } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, isOnnxSessionCreate, tfjsLoaderName } from '../utils/libraries.js';
import { hubLoad, transformersLoad } from '../utils/hub-loads.js';
import { callersOf } from '../utils/verification.js';
import { docsUrl } from '../utils/meta.js';

/** Modules whose calls verify signatures or attestations. */
const VERIFY_MODULES = /^(sigstore|@sigstore\/[\w-]+|tuf-js|in-toto(-[\w-]+)?|@in-toto\/[\w-]+|model-signing|@openssf\/[\w-]*sign[\w-]*)$/;
/** Helper names that say they verify a signature (`verifyModelSignature`, `checkSignature`, `verifyBundle`). */
const VERIFY_NAME = /verif\w*(signature|model|sig|attestation|provenance|bundle)|(signature|attestation|provenance)\w*verif|check_?signature/i;

/** `settings.requireSignatures`: true, or `{ enabled: true }`. */
function required(settings: Record<string, unknown>): boolean {
  const v = settings.requireSignatures;
  if (v === true) return true;
  return !!v && typeof v === 'object' && (v as { enabled?: unknown }).enabled === true;
}

function isVerification(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const m = sc.importedMember(call.callee);
  if (m && VERIFY_MODULES.test(m.module)) return true;
  const name = m ? m.path[m.path.length - 1] : sc.getText(call.callee).split('.').pop();
  return name !== undefined && VERIFY_NAME.test(name);
}

export default createRule<[], JsSourceCode>({
  name: 'missing-signature-verification',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['transformers', 'InferenceSession', 'loadLayersModel', 'loadGraphModel', '@huggingface/hub'],
    requiresSettings: ['requireSignatures'],
    docs: {
      description: 'Reports model loads with no signature verification (sigstore, in-toto) in the same flow, when `settings.requireSignatures` is on.',
      recommended: true,
      url: docsUrl('missing-signature-verification'),
    },
    messages: {
      unsigned: '{{api}} loads a model with no signature verification in the same flow; settings.requireSignatures asks for one (for example `sigstore.verify(bundle, modelBytes)`).',
    },
    remediation:
      'Verify the model against its signature before loading it — e.g. `await sigstore.verify(bundle, modelBytes, { certificateIdentityURI, certificateIssuer })` with the bundle published next to the model — and load the verified bytes.',
  },
  create(context) {
    if (!required(context.settings)) return {};
    const sc = context.sourceCode;
    const verified = new Map<JsNode, boolean>();
    const search = (root: JsNode, depth: number, seen: Set<JsNode>): boolean => {
      if (seen.has(root)) return false;
      seen.add(root);
      let found = false;
      const callees: JsNode[] = [];
      sc.descendants(root, (n) => {
        if (found) return false;
        if (n.type === 'CallExpression' || n.type === 'NewExpression') {
          if (isVerification(sc, n)) found = true;
          else {
            const fn = sc.calledFunction(n);
            if (fn) callees.push(fn);
          }
        }
        return found ? false : undefined;
      });
      return found || (depth < 3 && callees.some((fn) => search(fn, depth + 1, seen)));
    };
    const isVerified = (region: JsNode): boolean => {
      let answer = verified.get(region);
      if (answer === undefined) {
        const seen = new Set<JsNode>();
        answer = search(region, 0, seen) || (region !== sc.ast && callersOf(sc, region).some((caller) => search(caller, 1, seen)));
        verified.set(region, answer);
      }
      return answer;
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const isLoad = transformersLoad(sc, node) !== undefined || hubLoad(sc, node) !== undefined || isOnnxSessionCreate(sc, node) || tfjsLoaderName(sc, node) !== undefined;
        if (!isLoad) return;
        if (isVerified(sc.enclosingFunction(node) ?? sc.ast)) return;
        context.report({ node, messageId: 'unsigned', data: { api: calleeText(sc, node) } });
      },
    };
  },
});
