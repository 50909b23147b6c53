import { createRule } from '@oculum/core';
import type { PyNode, PySourceCode } from '../util/ast.js';
import { hubLoad } from '../util/hub.js';
import { docsUrl, mentionsAny } from '../util/meta.js';

const name = 'untrusted-publisher';

/** `settings.trustedPublishers`: hub owners (or full `owner/name` ids) the project accepts. */
export function trustedPublishers(settings: Record<string, unknown>): string[] | undefined {
  const v = settings.trustedPublishers;
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string').map((x) => x.trim().toLowerCase());
}

const RULE_TRIGGERS = ['from_pretrained', 'pipeline', 'SentenceTransformer', 'CrossEncoder', 'hf_hub_download', 'snapshot_download', 'hf_hub_url', 'load_dataset', 'hf-hub:', 'LLM'];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    requiresSettings: ['trustedPublishers'],
    docs: {
      description: 'Reports Hub models and datasets whose owner is not listed in `settings.trustedPublishers` (off until that setting is configured).',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      unknownPublisher: '{{api}} fetches "{{id}}" from "{{owner}}", which is not in settings.trustedPublishers ({{trusted}}).',
      noOwner: '{{api}} fetches "{{id}}", a legacy id without an owner namespace, which is not in settings.trustedPublishers.',
      unresolved: '{{api}} fetches a Hub repository whose id could not be resolved, so its publisher cannot be checked against settings.trustedPublishers.',
    },
    remediation: 'Load models only from publishers you trust (add reviewed owners to `settings.trustedPublishers`), or mirror the model into your own organisation.',
  },
  create(context) {
    const trusted = trustedPublishers(context.settings);
    if (!trusted || trusted.length === 0) return {};
    const sc = context.sourceCode;
    if (!mentionsAny(sc.text, RULE_TRIGGERS)) return {};
    const list = trusted.length > 4 ? `${trusted.slice(0, 4).join(', ')}, …` : trusted.join(', ');
    return {
      call(node: PyNode) {
        const load = hubLoad(sc, node);
        if (!load || load.offline || load.defaultModel) return;
        if (!load.ref || load.ref.kind !== 'hub') {
          context.report({ node, messageId: 'unresolved', data: { api: load.api }, confidence: 'low' });
          return;
        }
        const { id, owner } = load.ref;
        if (trusted.includes(id.toLowerCase())) return;
        if (owner === undefined) {
          context.report({ node, messageId: 'noOwner', data: { api: load.api, id }, confidence: 'medium' });
          return;
        }
        if (trusted.includes(owner.toLowerCase())) return;
        context.report({ node, messageId: 'unknownPublisher', data: { api: load.api, id, owner, trusted: list }, confidence: load.callConfidence });
      },
    };
  },
});
