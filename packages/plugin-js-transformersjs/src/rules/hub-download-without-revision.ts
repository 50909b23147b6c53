import { createRule } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, importsAny, isHfHubModule, memberIn, shown } from '../utils/libraries.js';
import { hubRepo } from '../utils/hub-loads.js';
import { classifyRevision, isBranchName } from '../utils/revision.js';
import { ALLOW_TAGS_SCHEMA, docsUrl } from '../utils/meta.js';

interface Options {
  /** Accept version tags (`v1.2.0`) as pins. Default false: tags can be moved. */
  allowTags?: boolean;
}

const DOWNLOADERS = new Set(['downloadFile', 'downloadFileToCacheDir', 'snapshotDownload']);

/**
 * `repo: "owner/name"` or `repo: { type, name }` → the quoted repo name; an expression that cannot be
 * resolved is shown as code (`` `model` ``), so it does not read as a repository called "model".
 */
function repoName(sc: JsSourceCode, call: TSESTree.CallExpression): string {
  const { node, repo } = hubRepo(sc, call);
  if (!node) return 'a repository';
  if (repo) return `"${shown(repo.label)}"`;
  return `\`${shown(sc.getText(node), 40)}\``;
}

export default createRule<[Options?], JsSourceCode>({
  name: 'hub-download-without-revision',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['@huggingface/hub'],
    docs: {
      description:
        'Reports `@huggingface/hub` `downloadFile`, `downloadFileToCacheDir` and `snapshotDownload` calls without a `revision` pinned to a commit.',
      recommended: true,
      url: docsUrl('hub-download-without-revision'),
    },
    messages: {
      missing: '{{callee}} downloads from {{repo}} without `revision`: it follows `main`, so the files can change under you.',
      branch: '{{callee}} downloads from {{repo}} at "{{revision}}", a branch that moves with every push; pin a full commit hash.',
      notCommit: '{{callee}} downloads from {{repo}} at "{{revision}}", which is not a full commit hash: a branch or tag of that name can move; pin a full commit hash.',
      tag: '{{callee}} downloads from {{repo}} at tag "{{revision}}"; tags can be moved, a full commit hash cannot.',
    },
    remediation: 'Pass `revision: "<40-character commit hash>"` (the commit you reviewed) in the options object.',
    schema: ALLOW_TAGS_SCHEMA,
    defaultOptions: [{ allowTags: false }],
  },
  create(context, [options]: [Options?] = []) {
    const sc = context.sourceCode;
    if (!importsAny(sc, isHfHubModule)) return {};
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const path = memberIn(sc, node.callee, isHfHubModule);
        if (!path || path.length !== 1 || !DOWNLOADERS.has(path[0])) return;
        if (!sc.argument(node, { position: 0 })) return;
        // HF Storage Buckets have no git history: there is no revision to pin.
        if (hubRepo(sc, node).type === 'bucket') return;
        const revision = classifyRevision(sc, sc.argument(node, { name: 'revision', position: 0 }));
        if (revision.kind === 'commit' || revision.kind === 'dynamic') return;
        if (revision.kind === 'tag' && options?.allowTags === true) return;
        const data = { callee: calleeText(sc, node), repo: repoName(sc, node), revision: revision.value };
        if (revision.kind === 'missing') {
          context.report({ node, messageId: 'missing', data, confidence: sc.isOpaqueOptions(node, 0) ? 'low' : 'high' });
        } else {
          const messageId = revision.kind === 'branch' && !isBranchName(revision.value!) ? 'notCommit' : revision.kind;
          context.report({ node, messageId, data, severity: revision.kind === 'tag' ? 'medium' : undefined });
        }
      },
    };
  },
});
