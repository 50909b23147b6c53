import { createRule, UNKNOWN } from '@oculum/core';
import { importTrigger } from '@oculum/lang-python';
import { calleeOf, type PyNode, type PySourceCode } from '../util/ast.js';
import { classifyRevision, pythonTruthy } from '../util/classify.js';
import { docsUrl } from '../util/meta.js';
import { resolve } from '../util/resolve.js';

const name = 'torch-hub-github-load';
/** `torch.hub` and PaddlePaddle's `paddle.hub` (python/paddle/hapi/hub.py: the same `owner/repo[:ref]` specs and hubconf.py). */
const HUB_FUNCS = /^(torch|paddle)\.hub\.(load|list|help)$/;
const GITHUB_REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)(?::(.+))?$/;
/**
 * Branch names every repository host and workflow uses. Any other ref that is no commit hash (`v3_1`,
 * `release-2`) may be a tag or a branch, which the spec alone cannot tell.
 */
const WELL_KNOWN_BRANCH = /^(?:main|master|dev|devel|develop|development|trunk|default|nightly|staging|next|canary|head|latest|stable|gh-pages)$/i;

/** `torch.hub.load`/`list`/`help` in every spelling names the word `hub` (`from torch import nn, hub` too). */
const RULE_TRIGGERS = [/\bhub\b/];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    triggerGroups: [[importTrigger(['torch', 'paddle'])]], // the rule needs `import torch` or `import paddle`
    docs: {
      description: "Reports `torch.hub.load` and `paddle.hub.load` (and `list`/`help`) of a GitHub or Gitee repository, which downloads and runs the repository's hubconf.py.",
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      unpinned: '{{hub}}.{{fn}}("{{repo}}") downloads the default branch of a {{host}} repository and runs its hubconf.py. Pin a reviewed commit with "{{repo}}:<commit>", or vendor the code and load with source="local".',
      branch: '{{hub}}.{{fn}}("{{repo}}") follows the branch "{{ref}}", which moves; its hubconf.py runs in this process. Pin a reviewed commit with ":<commit>".',
      ref: '{{hub}}.{{fn}}("{{repo}}") follows the ref (branch or tag) "{{ref}}", which a push can move; its hubconf.py runs in this process. Pin a reviewed commit with ":<commit>".',
      trustRepo: '{{hub}}.{{fn}}("{{repo}}", trust_repo=True) runs a {{host}} repository\'s hubconf.py without asking. Pin a reviewed commit and drop trust_repo=True.',
      pinned: '{{hub}}.{{fn}}("{{repo}}") runs hubconf.py from a {{host}} repository (pinned at "{{ref}}"). Make sure that commit was reviewed, or vendor the code and use source="local".',
      unknownRepo: '{{hub}}.{{fn}}({{expr}}) may download and run a {{host}} repository\'s hubconf.py (the repository could not be resolved).',
    },
    remediation: 'Pin the repository to a reviewed commit (`"owner/repo:<commit sha>"`), keep `trust_repo` unset or "check", or vendor the code and load it with `source="local"`.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (!sc.imports.has('torch') && !sc.imports.has('paddle')) return {};
    // `torch.hub.load`, and `from torch.hub import load as hub_load`, `loader = torch.hub.load`
    const gate = sc.calleeGate(['load', 'list', 'help']);
    return {
      call(node: PyNode) {
        if (!gate(node)) return;
        const qn = sc.qualifiedName(calleeOf(node)!);
        const m = qn ? HUB_FUNCS.exec(qn) : null;
        if (!m) return;
        const hub = `${m[1]}.hub`;
        const fn = m[2];
        const source = sc.argument(node, { name: 'source' });
        const sourceVal = source ? sc.constant(source) : 'github';
        if (sourceVal === 'local') return;
        // (paddle.hub also fetches from Gitee: `source="gitee"`)
        const host = sourceVal === 'gitee' ? 'Gitee' : 'GitHub';
        const repoArg = sc.argument(node, { name: 'repo_or_dir' }) ?? sc.argument(node, { name: 'repo_dir' }) ?? sc.argument(node, { name: 'github' }) ?? sc.argument(node, { position: 0 });
        if (!repoArg) return;
        const trust = sc.argument(node, { name: 'trust_repo' });
        const trustVal = trust ? sc.constant(trust) : undefined;
        const trusted = trustVal !== undefined && trustVal !== UNKNOWN && trustVal !== 'check' && pythonTruthy(trustVal);
        const r = resolve(sc, repoArg);
        const sourceUnknown = sourceVal === UNKNOWN;
        if (r.kind === 'prefix') {
          // f"owner/repo:{ref}": pinned to a ref we cannot read
          const pm = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+):/.exec(r.value);
          if (pm && !trusted) {
            context.report({ node, messageId: 'pinned', data: { hub, host, fn, repo: `${pm[1]}/${pm[2]}`, ref: '…' }, confidence: 'medium', severity: 'medium' });
            return;
          }
        }
        if (r.kind !== 'string') {
          if (r.kind === 'local' || r.kind === 'private-temp' || r.kind === 'non-string') return;
          context.report({ node, messageId: 'unknownRepo', data: { hub, host, fn, expr: repoArg.text }, confidence: 'low' });
          return;
        }
        const gm = GITHUB_REPO.exec(r.value.trim());
        if (!gm) return; // not an owner/repo spec: a directory (fails with source="github" anyway)
        const repo = `${gm[1]}/${gm[2]}`;
        const ref = gm[3];
        const confidence = sourceUnknown ? 'low' : 'high';
        if (trusted) {
          context.report({ node, messageId: 'trustRepo', data: { hub, host, fn, repo }, confidence });
          return;
        }
        if (!ref) {
          context.report({ node, messageId: 'unpinned', data: { hub, host, fn, repo }, confidence });
          return;
        }
        const kind = classifyRevision(ref);
        if (kind === 'branch' && WELL_KNOWN_BRANCH.test(ref.trim())) {
          context.report({ node, messageId: 'branch', data: { hub, host, fn, repo, ref }, confidence });
          return;
        }
        if (kind === 'branch') {
          // `:v3_1`, `:release-2`: a tag or a branch, the spec alone cannot tell; reported as a tag is
          context.report({ node, messageId: 'ref', data: { hub, host, fn, repo, ref }, confidence, severity: 'medium' });
          return;
        }
        context.report({ node, messageId: 'pinned', data: { hub, host, fn, repo, ref }, confidence, severity: 'medium' });
      },
    };
  },
});
