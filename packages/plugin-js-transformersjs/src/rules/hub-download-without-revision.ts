import { createRule, type Confidence } from '@oculum/core';
import type { JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, importsAny, isHfHubModule, memberIn, shown } from '../utils/libraries.js';
import { mayRunSubprocesses } from '../utils/subprocess.js';
import { hubRepo } from '../utils/hub-loads.js';
import { classifyRevisionValue, isBranchName, revisionFromChoices } from '../utils/revision.js';
import { isNodeLlamaCppModule, NODE_LLAMA_CPP_TRIGGER, nodeLlamaCppUriDownloads, type LlamaUriDownload } from '../utils/llama-loads.js';
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
    triggers: ['@huggingface/hub', NODE_LLAMA_CPP_TRIGGER],
    // (a `node-llama-cpp pull` command line names the package too)
    docs: {
      description:
        'Reports `@huggingface/hub` `downloadFile`, `downloadFileToCacheDir` and `snapshotDownload` calls, and node-llama-cpp downloads of Hub model URIs (`hf:owner/repo/file.gguf`), without a revision pinned to a commit.',
      recommended: true,
      url: docsUrl('hub-download-without-revision'),
    },
    messages: {
      missing: '{{callee}} downloads from {{repo}} without `revision`: it follows `main`, so the files can change under you.',
      unseenOptions:
        '{{callee}} downloads from {{repo}} with options the analysis cannot see ({{options}}): unless they pin `revision` to a commit, it follows `main`, and the files can change under you.',
      missingOnSomePaths:
        '{{callee}} downloads from {{repo}} without `revision` on some paths: of the options it may be given ({{options}}), some pin a commit and others give no `revision`, and it then follows `main`.',
      revisionDefault:
        '{{callee}} downloads from {{repo}} at "{{revision}}" unless a value the analysis cannot see replaces it ({{expr}}): "{{revision}}" is not a commit and can move; pin a full commit hash.',
      missingOnSomePathsUnseen:
        '{{callee}} downloads from {{repo}} without `revision` on some paths: of the options it may be given ({{options}}), some pin a commit and the others are not all in view ({{unseen}}): unless those pin `revision` to a commit, it follows `main`.',
      revisionOnSomePaths:
        '{{callee}} downloads from {{repo}} at "{{revision}}" on some paths: of the options it may be given ({{options}}), some pin a commit and others name "{{revision}}", which is not a commit and can move; pin a full commit hash on every path.',
      branch: '{{callee}} downloads from {{repo}} at "{{revision}}", a branch that moves with every push; pin a full commit hash.',
      notCommit: '{{callee}} downloads from {{repo}} at "{{revision}}", which is not a full commit hash: a branch or tag of that name can move; pin a full commit hash.',
      tag: '{{callee}} downloads from {{repo}} at tag "{{revision}}"; tags can be moved, a full commit hash cannot.',
      // node-llama-cpp
      uriMissing: '{{callee}} downloads {{uri}} from the Hugging Face Hub without a revision: it follows `main`, so the file can change under you.',
      uriQuantTag:
        '{{callee}} downloads {{uri}} by quantization tag ("{{tag}}"), which node-llama-cpp resolves on `main` with no way to pin it: the file can change under you.',
      uriUnseen:
        '{{callee}} downloads {{uri}} from the Hugging Face Hub, and the analysis cannot see whether it names a file pinned to a commit (`…/file.gguf#<commit>`): unpinned, it follows `main`.',
      uriBranch: '{{callee}} downloads {{uri}} from the Hugging Face Hub at "{{revision}}", a branch that moves with every push; pin a full commit hash.',
      uriNotCommit:
        '{{callee}} downloads {{uri}} from the Hugging Face Hub at "{{revision}}", which is not a full commit hash: a branch or tag of that name can move; pin a full commit hash.',
      uriTag: '{{callee}} downloads {{uri}} from the Hugging Face Hub at tag "{{revision}}"; tags can be moved, a full commit hash cannot.',
    },
    remediation: 'Pass `revision: "<40-character commit hash>"` (the commit you reviewed) in the options object.',
    schema: ALLOW_TAGS_SCHEMA,
    defaultOptions: [{ allowTags: false }],
  },
  create(context, [options]: [Options?] = []) {
    const sc = context.sourceCode;
    // node-llama-cpp imported, or its `pull` command run in a child process
    const llama = importsAny(sc, isNodeLlamaCppModule) || mayRunSubprocesses(sc);
    if (!importsAny(sc, isHfHubModule) && !llama) return {};
    const allowTags = options?.allowTags === true;
    /** node-llama-cpp's `resolveModelFile("hf:owner/repo/file.gguf#<branch>")`, `createModelDownloader({ modelUri })`. */
    const checkLlama = (node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void => {
      for (const download of nodeLlamaCppUriDownloads(sc, node)) checkLlamaUri(node, download);
    };
    const checkLlamaUri = (node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, download: LlamaUriDownload): void => {
      const { read } = download;
      if (read?.uri.kind !== 'hub') return;
      const { uri } = read;
      const callee = download.api;
      const shownUri = download.shown;
      const confidence = read.overridable ? 'medium' : 'high';
      if (uri.quantTag !== undefined) {
        context.report({
          node,
          messageId: 'uriQuantTag',
          data: { callee, uri: shownUri, tag: uri.quantTag },
          confidence,
          remediation: 'Name the file and pin the commit you reviewed: `hf:<owner>/<repo>/<file>.gguf#<40-character commit hash>`, or download it yourself and check its SHA-256.',
        });
        return;
      }
      // the end of the URI is not known (`hf:${model}`): it may name a file pinned to a commit, or not (low)
      if (uri.unseen) {
        context.report({ node, messageId: 'uriUnseen', data: { callee, uri: shownUri }, confidence: 'low' });
        return;
      }
      // a revision in a part of the URI that is not known (`#${REV}`): counts as pinned, as a variable does
      if (uri.revision === null) return;
      const revision = uri.revision === undefined ? { kind: 'missing' as const } : classifyRevisionValue(uri.revision);
      if (revision.kind === 'commit' || (revision.kind === 'tag' && allowTags)) return;
      const remediation = 'Pin the commit you reviewed: `hf:<owner>/<repo>/<file>.gguf#<40-character commit hash>` (or `…/resolve/<commit>/…` in a Hub URL).';
      if (revision.kind === 'missing') {
        context.report({ node, messageId: 'uriMissing', data: { callee, uri: shownUri }, confidence, remediation });
      } else {
        const messageId = revision.kind === 'tag' ? 'uriTag' : isBranchName(revision.value!) ? 'uriBranch' : 'uriNotCommit';
        context.report({ node, messageId, data: { callee, uri: shownUri, revision: revision.value }, confidence, severity: revision.kind === 'tag' ? 'medium' : undefined, remediation });
      }
    };
    return {
      // a `node-llama-cpp pull` run by an execa or zx template (`` $`npx -y node-llama-cpp pull ${uri}` ``)
      TaggedTemplateExpression(node: TSESTree.TaggedTemplateExpression) {
        if (llama) checkLlama(node);
      },
      CallExpression(node: TSESTree.CallExpression) {
        if (llama) checkLlama(node);
        const path = memberIn(sc, node.callee, isHfHubModule);
        if (!path || path.length !== 1 || !DOWNLOADERS.has(path[0])) return;
        if (!sc.argument(node, { position: 0 })) return;
        // HF Storage Buckets have no git history: there is no revision to pin.
        if (hubRepo(sc, node).type === 'bucket') return;
        // the options may be one of several objects (`{ repo, ...(dev ? {} : { revision: SHA }) }`)
        const revisions = sc.argumentChoices(node, { position: 0, name: 'revision' });
        const revision = revisionFromChoices(sc, revisions, options?.allowTags === true);
        if (revision.pinned) return;
        const callee = calleeText(sc, node);
        const repo = repoName(sc, node);
        // unpinned on some paths only: medium; options the analysis cannot see may pin it: low
        // (medium too for the default of a revision the environment may override, `process.env.REV ?? "main"`)
        const confidence: Confidence = revision.unseen ? (revision.kind === 'missing' ? 'low' : 'medium') : revision.partly || revision.overridable ? 'medium' : 'high';
        if (revision.kind === 'missing' && revision.unseen && !revision.partly) {
          const unseen = `\`${shown(sc.getText(revisions.unseen[0]), 40)}\``;
          context.report({ node, messageId: 'unseenOptions', data: { callee, repo, options: unseen }, confidence });
        } else if (revision.overridable && !revision.partly && revision.kind !== 'missing' && revisions.values.length === 1) {
          // the default of a revision the environment may override (`process.env.REV ?? "main"`)
          const expr = `\`${shown(sc.getText(revisions.values[0]), 40)}\``;
          context.report({ node, messageId: 'revisionDefault', data: { callee, repo, revision: revision.value, expr }, confidence, severity: revision.kind === 'tag' ? 'medium' : undefined });
        } else if (revision.partly) {
          const given = `\`${shown(sc.getText(sc.argument(node, { position: 0 })!), 60)}\``;
          if (revision.kind !== 'missing') {
            // (which object is used is not known: the revision that is no commit is one of them)
            context.report({ node, messageId: 'revisionOnSomePaths', data: { callee, repo, options: given, revision: revision.value }, confidence, severity: revision.kind === 'tag' ? 'medium' : undefined });
          } else if (revision.unseen) {
            // (an object not in view may pin it: "others give no `revision`" would not be known)
            const unseen = `\`${shown(sc.getText(revisions.unseen[0]), 40)}\``;
            context.report({ node, messageId: 'missingOnSomePathsUnseen', data: { callee, repo, options: given, unseen }, confidence });
          } else context.report({ node, messageId: 'missingOnSomePaths', data: { callee, repo, options: given }, confidence });
        } else if (revision.kind === 'missing') {
          context.report({ node, messageId: 'missing', data: { callee, repo }, confidence });
        } else {
          const messageId = revision.kind === 'branch' && !isBranchName(revision.value!) ? 'notCommit' : revision.kind;
          context.report({ node, messageId, data: { callee, repo, revision: revision.value }, confidence, severity: revision.kind === 'tag' ? 'medium' : undefined });
        }
      },
    };
  },
});
