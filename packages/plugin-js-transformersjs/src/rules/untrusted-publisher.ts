import { createRule } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { importsAny, isHfHubModule, isTransformersModule } from '../utils/libraries.js';
import { hubLoad } from '../utils/hub-loads.js';
import { docsUrl } from '../utils/meta.js';

/** `settings.trustedPublishers`: Hub owners (or full `owner/name` ids) the project accepts. */
export function trustedPublishers(settings: Record<string, unknown>): string[] | undefined {
  const v = settings.trustedPublishers;
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string').map((x) => x.trim().toLowerCase());
}

export default createRule<[], JsSourceCode>({
  name: 'untrusted-publisher',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['transformers', '@huggingface/hub'],
    requiresSettings: ['trustedPublishers'],
    docs: {
      description: 'Reports Hub models whose owner is not listed in `settings.trustedPublishers` (off until that setting is configured).',
      recommended: true,
      url: docsUrl('untrusted-publisher'),
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
    if (!importsAny(sc, (m) => isTransformersModule(m) || isHfHubModule(m))) return {};
    const list = trusted.length > 4 ? `${trusted.slice(0, 4).join(', ')}, …` : trusted.join(', ');
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const load = hubLoad(sc, node);
        if (!load) return;
        if (load.unresolved || load.id === undefined) {
          context.report({ node, messageId: 'unresolved', data: { api: load.api }, confidence: 'low' });
          return;
        }
        const id = load.id;
        if (trusted.includes(id.toLowerCase())) return;
        const slash = id.indexOf('/');
        if (slash === -1) {
          context.report({ node, messageId: 'noOwner', data: { api: load.api, id }, confidence: 'medium' });
          return;
        }
        const owner = id.slice(0, slash);
        if (trusted.includes(owner.toLowerCase())) return;
        context.report({ node, messageId: 'unknownPublisher', data: { api: load.api, id, owner, trusted: list } });
      },
    };
  },
});
