import { createRule, trustedPublisherPolicy, UNTRUSTED_PUBLISHER_MESSAGES, UNTRUSTED_PUBLISHER_REMEDIATION } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { importsAny, isHfHubModule, isTransformersModule } from '../utils/libraries.js';
import { hubLoad } from '../utils/hub-loads.js';
import { docsUrl } from '../utils/meta.js';

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
    messages: UNTRUSTED_PUBLISHER_MESSAGES,
    remediation: UNTRUSTED_PUBLISHER_REMEDIATION,
  },
  create(context) {
    const policy = trustedPublisherPolicy(context.settings);
    if (!policy) return {};
    const sc = context.sourceCode;
    if (!importsAny(sc, (m) => isTransformersModule(m) || isHfHubModule(m))) return {};
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const load = hubLoad(sc, node);
        if (!load) return;
        if (load.unresolved || load.id === undefined) {
          context.report({ node, messageId: 'unresolved', data: { api: load.api }, confidence: 'low' });
          return;
        }
        // Judged on `owner/name`: `datasets/acme/corpus` is published by `acme`; shown as written.
        const judged = policy.judge(load.id);
        const id = load.label ?? load.id;
        if (judged.verdict === 'trusted') return;
        if (judged.verdict === 'noOwner') {
          context.report({ node, messageId: 'noOwner', data: { api: load.api, id }, confidence: 'medium' });
          return;
        }
        // `env.allowRemoteModels` set to a value the analysis cannot read: the load may stay local.
        context.report({ node, messageId: 'unknownPublisher', data: { api: load.api, id, owner: judged.owner, trusted: policy.summary }, confidence: load.remoteUncertain || load.overridable ? 'medium' : 'high' });
      },
    };
  },
});
