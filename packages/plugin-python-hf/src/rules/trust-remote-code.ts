import { createRule, UNKNOWN, type Confidence } from '@oculum/core';
import { buildsArgumentsOnly, calleeName, calleeOf, forwardedArgument, type PyNode, type PySourceCode } from '../util/ast.js';
import { pythonTruthy } from '../util/classify.js';
import { hfPackage, knownHubLoader } from '../util/hub.js';
import { docsUrl } from '../util/meta.js';

const name = 'trust-remote-code';

/** Keyword arguments whose dict value is forwarded to a loader (`pipeline(model_kwargs={...})`). */
const LOADER_NAMES = new Set(['from_pretrained', 'pipeline', 'load_dataset', 'load_dataset_builder', 'SentenceTransformer', 'CrossEncoder', 'LLM', 'AutoConfig', 'get_tokenizer']);

const RULE_TRIGGERS = ['trust_remote_code'];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    docs: {
      description: 'Reports `trust_remote_code` set to a truthy value, which runs Python code shipped in the model or dataset repository.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      trusted: '{{api}} is called with trust_remote_code={{value}}: the repository\'s own Python code (modeling, tokenizer or dataset scripts) runs in this process, even at a pinned revision.',
      maybeTrusted: '{{api}} takes trust_remote_code from `{{expr}}`, which could not be resolved; when true, the repository\'s Python code runs in this process.',
      setFalse: 'Set trust_remote_code=False',
    },
    remediation: 'Use `trust_remote_code=False` (the default) and a model whose architecture ships with the library; if remote code is unavoidable, review it and pin `revision=` to the reviewed commit.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    /** Reports the call when `arg` may be truthy; `onSomePaths`: the value of one branch (`**({...} if c else {})`). */
    const check = (call: PyNode, arg: PyNode, viaKwargs: string | undefined, onSomePaths = false): boolean => {
      let value = sc.constant(arg);
      const api = apiName(sc, call) + (viaKwargs ? ` (via ${viaKwargs})` : '');
      const known = isKnownLoader(sc, call);
      // `self.trust = trust_remote_code` (a parameter defaulting to True) read back as `self.trust`: the
      // values this file assigns to the attribute (a subclass may assign another: not at full confidence)
      let fromAttribute = false;
      if (value === UNKNOWN && arg.type === 'attribute') {
        const values = (sc.attributeValues(arg) ?? []).map((v) => sc.constant(v));
        if (values.length > 0 && values.every((v) => v !== UNKNOWN)) {
          const trusted = values.find((v) => pythonTruthy(v));
          if (trusted === undefined) return false;
          value = trusted;
          fromAttribute = true;
        }
      }
      if (value === UNKNOWN) {
        context.report({ node: call, messageId: 'maybeTrusted', data: { api, expr: arg.text }, confidence: 'low' });
        return true;
      }
      if (!pythonTruthy(value)) return false;
      const confidence: Confidence = known && !fromAttribute && !onSomePaths ? 'high' : 'medium';
      const suggest = arg.type === 'true' ? [{ messageId: 'setFalse', fix: (fixer: any) => fixer.replaceText(arg, 'False') }] : [];
      context.report({ node: call, messageId: 'trusted', data: { api, value: arg.text.length > 30 ? 'True' : arg.text }, confidence, suggest });
      return true;
    };
    return {
      call(node: PyNode) {
        // `dict(trust_remote_code=True)` is a value, reported where it is passed (`**opts`); a mock's
        // `assert_called_with(..., trust_remote_code=True)` loads nothing.
        if (buildsArgumentsOnly(sc, node)) return;
        const direct = sc.argument(node, { name: 'trust_remote_code' });
        if (direct) {
          check(node, direct, undefined);
          return;
        }
        const forwarded = forwardedArgument(sc, node, 'trust_remote_code');
        if (forwarded) {
          check(node, forwarded.value, forwarded.via);
          return;
        }
        // `**({"trust_remote_code": True} if remote else {})`: true on some path
        const paths = sc.hasUnresolvedArguments(node) ? sc.argumentPaths(node, 'trust_remote_code') : undefined;
        for (const value of paths?.values ?? []) if (check(node, value, undefined, true)) return;
      },
    };
  },
});

function isKnownLoader(sc: PySourceCode, call: PyNode): boolean {
  const fn = calleeOf(call);
  const qn = fn ? sc.qualifiedName(fn) : undefined;
  // a Hub loader of another package (Haystack's embedders, FlagEmbedding, llama_index's HuggingFaceLLM)
  if (hfPackage(qn) || knownHubLoader(sc, call)) return true;
  return LOADER_NAMES.has(calleeName(call) ?? '');
}

function apiName(sc: PySourceCode, call: PyNode): string {
  const fn = calleeOf(call);
  const qn = fn ? sc.qualifiedName(fn) : undefined;
  if (qn) {
    const parts = qn.split('.');
    return parts.length >= 2 && /^[A-Z]/.test(parts[parts.length - 2]) ? parts.slice(-2).join('.') : parts[parts.length - 1];
  }
  const t = fn?.text ?? 'call';
  return t.length > 40 ? (calleeName(call) ?? 'call') : t;
}
