import { createRule, type Confidence } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, importsAny, isTransformersModule, shown } from '../utils/libraries.js';
import { isLocalOnly, transformersLoad } from '../utils/hub-loads.js';
import { classifyLocation } from '../utils/locations.js';
import { classifyRevision } from '../utils/revision.js';
import { ALLOW_TAGS_SCHEMA, docsUrl } from '../utils/meta.js';

interface Options {
  /** Accept version tags (`v1.2.0`) as pins. Default false: tags can be moved. */
  allowTags?: boolean;
}

export default createRule<[Options?], JsSourceCode>({
  name: 'unpinned-model-revision',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['transformers'],
    docs: {
      description:
        'Reports transformers.js `pipeline()` and `from_pretrained()` loads of Hugging Face Hub models that are not pinned to a commit with `{ revision }`.',
      recommended: true,
      url: docsUrl('unpinned-model-revision'),
    },
    messages: {
      missing: '{{callee}} loads {{model}} from the Hugging Face Hub without a pinned `revision`: it follows `main`, so the files can change under you.',
      branch: '{{callee}} loads {{model}} at revision "{{revision}}", a branch that moves with every push; pin a full commit hash.',
      tag: '{{callee}} loads {{model}} at tag "{{revision}}"; tags can be moved, a full commit hash cannot.',
      defaultModel: '{{callee}} uses the default model of the "{{task}}" task, downloaded from the Hub at `main`; name the model and pin its `revision`.',
    },
    remediation:
      'Pass `{ revision: "<40-character commit hash>" }` (the commit you reviewed on the model page, "Files and versions" → history), or load the model from a local path with `env.allowRemoteModels = false`.',
    schema: ALLOW_TAGS_SCHEMA,
    defaultOptions: [{ allowTags: false }],
  },
  create(context, [options]: [Options?] = []) {
    const sc = context.sourceCode;
    if (!importsAny(sc, isTransformersModule)) return {};
    const allowTags = options?.allowTags === true;

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const load = transformersLoad(sc, node);
        if (!load) return;
        // `{ local_files_only: true }`, or `env.allowRemoteModels = false` in force here: nothing is downloaded.
        if (isLocalOnly(sc, node, load)) return;
        const { model, optionsPos } = load;
        const callee = calleeText(sc, node);

        if (!model || (model.type === 'Identifier' && model.name === 'undefined') || (model.type === 'Literal' && model.value === null)) {
          if (load.kind === 'from_pretrained') return; // without an id it is a TypeError, not a download
          if (sc.hasUnresolvedArguments(node)) return;
          const task = sc.argument(node, { position: 0 });
          const taskValue = task ? sc.constant(task) : undefined;
          context.report({
            node,
            messageId: 'defaultModel',
            data: { callee, task: typeof taskValue === 'string' ? taskValue : '<task>' },
            confidence: 'medium',
          });
          return;
        }

        const location = classifyLocation(sc, model, { hubIds: true });
        if (location.kind === 'local' || location.kind === 'remote') return;
        const revision = classifyRevision(sc, sc.argument(node, { name: 'revision', position: optionsPos }));
        if (revision.kind === 'commit' || revision.kind === 'dynamic') return;
        if (revision.kind === 'tag' && allowTags) return;

        // A name that cannot be resolved is shown as code (`` `this.model` ``), not as a model id.
        const modelName = location.value !== undefined ? `"${shown(location.value)}"` : `\`${shown(sc.getText(model), 40)}\``;
        let confidence: Confidence = location.kind === 'hub' ? 'high' : 'low';
        if (revision.kind === 'missing' && sc.isOpaqueOptions(node, optionsPos)) confidence = 'low';
        if (revision.kind === 'missing') {
          context.report({ node, messageId: 'missing', data: { callee, model: modelName }, confidence });
        } else {
          context.report({
            node,
            messageId: revision.kind,
            data: { callee, model: modelName, revision: revision.value },
            confidence,
            severity: revision.kind === 'tag' ? 'medium' : undefined,
          });
        }
      },
    };
  },
});
