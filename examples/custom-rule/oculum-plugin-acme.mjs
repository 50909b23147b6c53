// A local Oculum plugin: ACME's policy is that models come through the internal mirror
// (`acme_models.fetch`), never straight from the Hugging Face Hub.
import { createRule } from '@oculum/core';

const DIRECT_DOWNLOADS = new Set([
  'huggingface_hub.hf_hub_download',
  'huggingface_hub.snapshot_download',
]);

const noDirectHubDownload = createRule({
  name: 'no-direct-hub-download',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: ['huggingface_hub'],
    docs: {
      description: 'Models must be fetched through the internal mirror, not directly from the Hub.',
      recommended: true,
    },
    messages: {
      direct: '{{name}} bypasses the ACME model mirror; use acme_models.fetch() instead.',
    },
    remediation: 'Call acme_models.fetch(repo_id, filename), which pins and scans every model.',
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    if (!sourceCode.imports.has('huggingface_hub')) return {};
    const allowed = new Set(options.allow);
    return {
      call(node) {
        const name = sourceCode.qualifiedName(sourceCode.callee(node));
        if (name && DIRECT_DOWNLOADS.has(name) && !allowed.has(name)) {
          context.report({ node, messageId: 'direct', data: { name } });
        }
      },
    };
  },
});

export default {
  meta: { name: 'oculum-plugin-acme', version: '1.0.0', namespace: 'acme' },
  rules: { 'no-direct-hub-download': noDirectHubDownload },
};
