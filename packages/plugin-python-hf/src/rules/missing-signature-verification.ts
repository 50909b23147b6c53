import { createRule } from '@oculum/core';
import { calleeName, calleeOf, walkBody, type PyNode, type PySourceCode } from '../util/ast.js';
import { HUB_LOAD_TRIGGERS, hubLoad } from '../util/hub.js';
import { snakeCase } from '../util/classify.js';
import { docsUrl } from '../util/meta.js';

const name = 'missing-signature-verification';

const VERIFY_QN = /^(?:model_signing|sigstore|sigstore_python|in_toto|tuf|securesystemslib)\b.*(?:verif|Verifier)/i;
const VERIFY_NAME = /verif\w*_(?:signature|model|sig|attestation|provenance|bundle)|(?:signature|sig|attestation|provenance)\w*_verif|^verify_signature$|check_signature/i;
const LOCAL_LOADERS = /^(?:torch\.(?:load|jit\.load)|safetensors\.[\w.]*load\w*|joblib\.load|pickle\.loads?|onnx\.load|onnxruntime\.InferenceSession|tensorflow\.keras\.models\.load_model|keras\.models\.load_model|keras\.saving\.load_model|tensorflow\.saved_model\.load|llama_cpp\.Llama(?:\.from_pretrained)?)$/;

/** `settings.requireSignatures`: true, or `{ enabled: true }`. */
function required(settings: Record<string, unknown>): boolean {
  const v = settings.requireSignatures;
  if (v === true) return true;
  return !!v && typeof v === 'object' && (v as { enabled?: unknown }).enabled === true;
}

/** Hub loads, and the local loaders of `LOCAL_LOADERS` (all named `load…`, `InferenceSession` or `Llama`). */
const RULE_TRIGGERS = [...HUB_LOAD_TRIGGERS, 'load', 'InferenceSession', 'Llama'];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    requiresSettings: ['requireSignatures'],
    docs: {
      description: 'Reports model loads with no signature verification (`model_signing`, sigstore) before them, when `settings.requireSignatures` is on.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      unsigned: '{{api}} loads a model with no signature verification before it in {{scope}}; settings.requireSignatures asks for one (for example `model_signing.verifying.Config().verify(model_path, signature_path)`).',
    },
    remediation: 'Verify the model\'s signature before loading it, e.g. with the OpenSSF `model_signing` library (`model_signing.verifying.Config().use_sigstore_verifier(...).verify(model_path, signature_path)`).',
  },
  create(context) {
    if (!required(context.settings)) return {};
    const sc = context.sourceCode;
    const isVerification = (call: PyNode): boolean => {
      const fn = calleeOf(call);
      const qn = fn ? sc.qualifiedName(fn) : undefined;
      if (qn && VERIFY_QN.test(qn)) return true;
      if (!qn && fn && /(?:^|\.)verify$/.test(fn.text) && /signing|sigstore|verifier/i.test(fn.text)) return true;
      if (VERIFY_NAME.test(snakeCase(calleeName(call) ?? ''))) return true;
      const local = sc.localFunction(call);
      if (local) {
        let found = false;
        walkBody(local.childForFieldName('body') ?? local, (n) => {
          if (!found && n.type === 'call') {
            const q = sc.qualifiedName(calleeOf(n)!);
            if (q && VERIFY_QN.test(q)) found = true;
          }
        });
        return found;
      }
      return false;
    };
    /** A verification call before `node` in its function, or at module level before the function runs. */
    const verifiedBefore = (node: PyNode): boolean => {
      const fn = sc.enclosingFunction(node);
      const scopes = fn.type === 'module' ? [fn] : [fn, moduleOf(fn)];
      for (const scope of scopes) {
        const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : scope;
        if (!body) continue;
        let found = false;
        walkBody(body, (n) => {
          if (found || n.type !== 'call') return;
          if (scope.type === 'function_definition' && n.startIndex >= node.startIndex) return;
          if (scope.type === 'module' && fn.type === 'module' && n.startIndex >= node.startIndex) return;
          if (isVerification(n)) found = true;
        });
        if (found) return true;
      }
      return false;
    };
    return {
      call(node: PyNode) {
        const fn = calleeOf(node);
        const qn = fn ? sc.qualifiedName(fn) : undefined;
        let api: string | undefined;
        const load = hubLoad(sc, node);
        if (load && load.kind !== 'dataset' && load.api !== 'hf_hub_url') api = load.api;
        else if (load) return;
        else if (qn && LOCAL_LOADERS.test(qn)) api = qn;
        else if (qn && /\.from_pretrained$/.test(qn) && !qn.startsWith('torch.')) api = qn.split('.').slice(-2).join('.');
        if (!api) return;
        if (verifiedBefore(node)) return;
        const scope = sc.enclosingFunction(node).type === 'module' ? 'this module' : 'this function';
        context.report({ node, messageId: 'unsigned', data: { api, scope }, confidence: 'medium' });
      },
    };
  },
});

function moduleOf(n: PyNode): PyNode {
  let cur = n;
  while (cur.parent) cur = cur.parent;
  return cur;
}
