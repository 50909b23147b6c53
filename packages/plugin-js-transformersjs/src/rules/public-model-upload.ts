import { createRule } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, importsAny, isHfHubModule, memberIn, shown } from '../utils/libraries.js';
import { hubRepo, type HubRepo } from '../utils/hub-loads.js';
import { docsUrl } from '../utils/meta.js';

const UPLOADERS = new Set(['uploadFile', 'uploadFiles', 'uploadFilesWithProgress', 'commit']);

type Visibility = 'private' | 'public' | 'unknown';

/** How messages name a repository whose designation is not a constant (by its type when that is known). */
const UNKNOWN_REPO: Record<HubRepo['type'] | 'unknown', string> = {
  unknown: 'a repository whose name is not known statically',
  model: 'a repository whose name is not known statically',
  dataset: 'a dataset repository whose name is not known statically',
  space: 'a Space whose name is not known statically',
  bucket: 'a Storage Bucket whose name is not known statically',
};

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
      publicRepo: '{{callee}} creates {{repo}} as a public repository: whatever is uploaded is published before anyone reviews it.',
      unknownVisibility: '{{callee}} creates {{repo}} with a `private` flag the analysis cannot resolve; make sure it is `true`.',
      upload: '{{callee}} publishes files to {{repo}}, which this code does not create as private; unreviewed models may go public.',
    },
    remediation:
      'Create the repository with `createRepo({ repo, private: true, ... })` and make it public only after the model has been evaluated and reviewed.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (!importsAny(sc, isHfHubModule)) return {};
    const creates: Array<{ repo?: HubRepo; visibility: Visibility }> = [];
    const uploads: TSESTree.CallExpression[] = [];
    /**
     * The repo for messages: its designation, quoted, when constant; otherwise not named at all (a
     * parameter `to` or a template literal is not the name of a repository).
     */
    const shownRepo = (repo: HubRepo | undefined, type?: HubRepo['type']): string => (repo ? `"${shown(repo.label)}"` : UNKNOWN_REPO[type ?? 'unknown']);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const path = memberIn(sc, node.callee, isHfHubModule);
        if (!path || path.length !== 1 || !sc.argument(node, { position: 0 })) return;
        if (path[0] === 'createRepo') {
          const visibility = visibilityOf(sc, node);
          const { repo } = hubRepo(sc, node);
          creates.push({ repo, visibility });
          if (visibility === 'private') return;
          context.report({
            node,
            messageId: visibility === 'public' ? 'publicRepo' : 'unknownVisibility',
            data: { callee: calleeText(sc, node), repo: shownRepo(repo, hubRepo(sc, node).type) },
            confidence: visibility === 'public' ? 'high' : 'low',
          });
        } else if (UPLOADERS.has(path[0])) {
          uploads.push(node);
        }
      },
      'Program:exit'() {
        for (const node of uploads) {
          const { repo, type } = hubRepo(sc, node);
          if (repo) {
            // The create call for this repo decides (and is reported itself when public);
            // `"datasets/o/n"` and `{ type: "dataset", name: "o/n" }` are the same repo.
            if (creates.some((c) => c.repo?.key === repo.key)) continue;
            // Only creates of unknown repos: one of them is taken to be this one (no double report).
            if (creates.length > 0 && creates.every((c) => c.repo === undefined)) continue;
          } else if (creates.some((c) => c.repo === undefined)) {
            // An unknown repo may be the one an unknown create makes; a create of a named repo
            // says nothing about where this upload goes.
            continue;
          }
          context.report({
            node,
            messageId: 'upload',
            data: { callee: calleeText(sc, node), repo: shownRepo(repo, type) },
            confidence: 'low',
          });
        }
      },
    };
  },
});
