import { createRule } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, importsAny, isHfHubModule, memberIn, shown } from '../utils/libraries.js';
import { docsUrl } from '../utils/meta.js';

const UPLOADERS = new Set(['uploadFile', 'uploadFiles', 'uploadFilesWithProgress', 'commit']);

/** The repo of a hub call as a comparable string (`"owner/name"` or `{ name }`), when constant. */
function repoOf(sc: JsSourceCode, call: TSESTree.CallExpression): string | undefined {
  const repo = sc.argument(call, { name: 'repo', position: 0 });
  if (!repo) return undefined;
  const v = sc.constant(repo);
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.name === 'string') return v.name;
  return undefined;
}

type Visibility = 'private' | 'public' | 'unknown';

function visibilityOf(sc: JsSourceCode, call: TSESTree.CallExpression): Visibility {
  const flag = sc.argument(call, { name: 'private', position: 0 });
  if (!flag) return sc.isOpaqueOptions(call, 0) ? 'unknown' : 'public';
  const v = sc.constant(flag);
  if (v === true) return 'private';
  if (v === false || v === null) return 'public';
  return 'unknown';
}

export default createRule<[], JsSourceCode>({
  name: 'public-model-upload',
  meta: {
    detector: 'unsafe_finetuning',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['@huggingface/hub'],
    docs: {
      description:
        'Reports `@huggingface/hub` `createRepo` without `private: true`, and uploads (`uploadFile`, `uploadFiles`, `commit`) to repositories this file does not create as private.',
      recommended: true,
      url: docsUrl('public-model-upload'),
    },
    messages: {
      publicRepo: '{{callee}} creates "{{repo}}" as a public repository: whatever is uploaded is published before anyone reviews it.',
      unknownVisibility: '{{callee}} creates "{{repo}}" with a `private` flag the analysis cannot resolve; make sure it is `true`.',
      upload: '{{callee}} publishes files to "{{repo}}", which this code does not create as private; unreviewed models may go public.',
    },
    remediation:
      'Create the repository with `createRepo({ repo, private: true, ... })` and make it public only after the model has been evaluated and reviewed.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (!importsAny(sc, isHfHubModule)) return {};
    const creates: Array<{ repo?: string; visibility: Visibility }> = [];
    const uploads: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const path = memberIn(sc, node.callee, isHfHubModule);
        if (!path || path.length !== 1 || !sc.argument(node, { position: 0 })) return;
        if (path[0] === 'createRepo') {
          const visibility = visibilityOf(sc, node);
          creates.push({ repo: repoOf(sc, node), visibility });
          if (visibility === 'private') return;
          const repo = repoOf(sc, node) ?? shown(sc.getText(sc.argument(node, { name: 'repo', position: 0 }) ?? (node as JsNode)), 40);
          context.report({
            node,
            messageId: visibility === 'public' ? 'publicRepo' : 'unknownVisibility',
            data: { callee: calleeText(sc, node), repo },
            confidence: visibility === 'public' ? 'high' : 'low',
          });
        } else if (UPLOADERS.has(path[0])) {
          uploads.push(node);
        }
      },
      'Program:exit'() {
        for (const node of uploads) {
          const repo = repoOf(sc, node);
          // The create call for this repo decides (and is reported itself when public).
          const matching = repo !== undefined ? creates.filter((c) => c.repo === repo) : [];
          if (matching.length > 0) continue;
          // Unknown repo names: any create in the file is taken to be the one (no double report).
          if ((repo === undefined || creates.every((c) => c.repo === undefined)) && creates.length > 0) continue;
          context.report({
            node,
            messageId: 'upload',
            data: { callee: calleeText(sc, node), repo: repo ?? shown(sc.getText(sc.argument(node, { name: 'repo', position: 0 }) ?? node), 40) },
            confidence: 'low',
          });
        }
      },
    };
  },
});
