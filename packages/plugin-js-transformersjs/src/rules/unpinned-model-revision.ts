import { createRule, type Confidence } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, importsAny, isKokoroModule, isLangChainHfEmbeddingsModule, isTransformersModule, quotedValues, shown } from '../utils/libraries.js';
import { isLocalOnly, likelyMemberValue, loadOptionChoices, wrappedTransformersLoad } from '../utils/hub-loads.js';
import { classifyLocation, type ModelLocation } from '../utils/locations.js';
import { remoteHostOf, remoteModelsOffBySetupCall, remoteModelsUncertain, revisionlessTemplate } from '../utils/remote-models.js';
import { classifyRevisionValue, isBranchName, revisionFromChoices } from '../utils/revision.js';
import { isWebLlmRecordUrl, WEBLLM_WEIGHTS_KEYS } from '../utils/webllm.js';
import { ALLOW_TAGS_SCHEMA, docsUrl } from '../utils/meta.js';

interface Options {
  /** Accept version tags (`v1.2.0`) as pins. Default false: tags can be moved. */
  allowTags?: boolean;
}

/**
 * What to do about a load whose `env.remotePathTemplate` drops `{revision}` (`revisionIgnored`): the rule's own
 * remediation asks for a pin, which that template ignores.
 */
const REVISION_IGNORED_REMEDIATION =
  'Keep `{revision}` in `env.remotePathTemplate` (the default, `{model}/resolve/{revision}/`), then pin `{ revision: "<40-character commit hash>" }`; or load a reviewed local copy with `env.allowRemoteModels = false`.';

export default createRule<[Options?], JsSourceCode>({
  name: 'unpinned-model-revision',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['transformers', 'kokoro-js', 'model_list'],
    docs: {
      description:
        'Reports transformers.js `pipeline()` and `from_pretrained()` loads (and LangChain.js `HuggingFaceTransformersEmbeddings`) of Hugging Face Hub models that are not pinned to a commit with `{ revision }`, and web-llm `model_list` records whose weights URL is a Hub `…/resolve/<branch>/`.',
      recommended: true,
      url: docsUrl('unpinned-model-revision'),
    },
    messages: {
      missing: '{{callee}} loads {{model}} from the Hugging Face Hub without a pinned `revision`: it follows `main`, so the files can change under you.',
      branch: '{{callee}} loads {{model}} at revision "{{revision}}", a branch that moves with every push; pin a full commit hash.',
      notCommit: '{{callee}} loads {{model}} at revision "{{revision}}", which is not a full commit hash: a branch or tag of that name can move; pin a full commit hash.',
      tag: '{{callee}} loads {{model}} at tag "{{revision}}"; tags can be moved, a full commit hash cannot.',
      defaultModel: '{{callee}} uses the default model of the "{{task}}" task, downloaded from the Hub at `main`; name the model and pin its `revision`.',
      unseenOptions:
        '{{callee}} loads {{model}} from {{source}} with options the analysis cannot see ({{options}}): unless they pin `revision` to a commit, it follows `main`, and the files can change under you.',
      missingOnSomePaths:
        '{{callee}} loads {{model}} from {{source}} without a pinned `revision` on some paths: of the options it may be given ({{options}}), some pin a commit and others give no `revision`, and it then follows `main`.',
      revisionDefault:
        '{{callee}} loads {{model}} from {{source}} at revision "{{revision}}" unless a value the analysis cannot see replaces it ({{expr}}): "{{revision}}" is not a commit and can move; pin a full commit hash.',
      missingOnSomePathsUnseen:
        '{{callee}} loads {{model}} from {{source}} without a pinned `revision` on some paths: of the options it may be given ({{options}}), some pin a commit and the others are not all in view ({{unseen}}): unless those pin `revision` to a commit, it follows `main`.',
      revisionOnSomePaths:
        '{{callee}} loads {{model}} from {{source}} at revision "{{revision}}" on some paths: of the options it may be given ({{options}}), some pin a commit and others name "{{revision}}", which is not a commit and can move; pin a full commit hash on every path.',
      missingFrom: '{{callee}} loads {{model}} from {{source}} without a pinned `revision`: it fetches `main`, so the files can change under you.',
      defaultModelFrom: '{{callee}} uses the default model of the "{{task}}" task, downloaded from {{source}} at `main`; name the model and pin its `revision`.',
      spreadArguments:
        '{{callee}} takes its arguments from {{args}}, which the analysis cannot resolve: if they name a Hub model without a pinned `revision`, it follows `main`, so the files can change under you.',
      wrapperDropsRevision:
        '{{callee}} loads {{model}} at `main` whatever `revision` says: {{wrapper}} does not pass it on to transformers.js. Load a local copy of the reviewed commit instead.',
      webllmRecord:
        'web-llm fetches the weights of {{model}} from the Hugging Face Hub at "{{revision}}" (`{{url}}`), which is not a commit and can move; put a full commit hash in the URL (`/resolve/<commit>/`).',
      revisionIgnored:
        '{{callee}} loads {{model}} from {{source}}, and `env.remotePathTemplate` ("{{template}}") has no `{revision}`: whatever is served there is what runs, and a `revision` pin would be ignored.',
    },
    remediation:
      'Pass `{ revision: "<40-character commit hash>" }` (the commit you reviewed on the model page, "Files and versions" → history), or load the model from a local path with `env.allowRemoteModels = false`.',
    schema: ALLOW_TAGS_SCHEMA,
    defaultOptions: [{ allowTags: false }],
  },
  create(context, [options]: [Options?] = []) {
    const sc = context.sourceCode;
    const allowTags = options?.allowTags === true;
    /**
     * A web-llm `model_list` record's weights URL on the Hub (`model: "https://huggingface.co/mlc-ai/…/resolve/main/"`):
     * web-llm fetches the weights from that revision, and a branch (or a tag, unless accepted) moves.
     */
    const webllmRecord = (node: TSESTree.Property): void => {
      const value = node.value as JsNode;
      if (!isWebLlmRecordUrl(sc, value, WEBLLM_WEIGHTS_KEYS)) return;
      const url = sc.constant(value);
      if (typeof url !== 'string') return;
      const m = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/([^/?#]+\/[^/?#]+)\/resolve\/([^/?#]+)(?:[/?#]|$)/i.exec(url.trim());
      if (!m) return;
      // (a malformed escape, `resolve/100%/`: the segment as written, which is no commit either)
      const revision = classifyRevisionValue(decodedSegment(m[2]));
      if (revision.kind === 'commit' || (revision.kind === 'tag' && allowTags)) return;
      context.report({
        node: value,
        messageId: 'webllmRecord',
        data: { model: `"${m[1]}"`, revision: revision.value ?? m[2], url: shown(url, 80) },
        confidence: 'high',
        severity: revision.kind === 'tag' ? 'medium' : undefined,
      });
    };
    if (!importsAny(sc, (m) => isTransformersModule(m) || isKokoroModule(m) || isLangChainHfEmbeddingsModule(m))) return { Property: webllmRecord };

    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const load = wrappedTransformersLoad(sc, node);
      if (!load) return;
      // `{ local_files_only: true }`, or `env.allowRemoteModels = false` in force here: nothing is downloaded.
      if (isLocalOnly(sc, node, load)) return;
      const { model } = load;
      const callee = calleeText(sc, node);
      // `env.remoteHost` and `env.remotePathTemplate` as this load sees them: where it goes, and whether a revision applies.
      const host = remoteHostOf(sc, node);
      // a model server on this machine (`env.remoteHost = "http://127.0.0.1:8080"`): not a Hub
      // download, and no `main` that moves
      if (host.kind === 'loopback') return;
      // (a host set only under a condition leaves the Hub in force otherwise: both are named)
      const unknownHost = host.kind === 'unknown' && host.when !== undefined ? `the Hugging Face Hub (or, when \`${host.when}\`, the host set in \`env.remoteHost\`)` : 'the host set in `env.remoteHost`';
      const source = host.kind === 'hub' ? undefined : host.kind === 'unknown' ? unknownHost : host.hosts.map((h) => `"${shown(h)}"`).join(' or ');
      const template = revisionlessTemplate(sc, node);
      /** Lowered to medium when the host cannot be resolved: it may be the Hub, or a copy the app serves. */
      const hostConfidence = (c: Confidence): Confidence => (host.kind === 'unknown' && c === 'high' ? 'medium' : c);

      // `new HuggingFaceTransformersEmbeddings(fields)` with fields the analysis cannot see: they may
      // name any model, pinned or not (low confidence, not dropped)
      if (!model && load.kind === 'embeddings' && (sc.hasUnresolvedArguments(node) || sc.isOpaqueOptions(node, 0))) {
        const fields = node.arguments[0];
        context.report({ node, messageId: 'spreadArguments', data: { callee, args: `\`${shown(sc.getText(fields), 40)}\`` }, confidence: 'low' });
        return;
      }
      // `pipeline(...e.data.args)`: the id (and the options) come from a spread the analysis cannot
      // expand, so whether a Hub model is loaded unpinned is not known: low confidence, not dropped
      if (!model && !load.defaultModel) {
        const spread = node.arguments.find((a, i): a is TSESTree.SpreadElement => a.type === 'SpreadElement' && i <= (load.first ?? 0) + (load.kind === 'pipeline' ? 1 : 0));
        if (spread) {
          context.report({ node, messageId: 'spreadArguments', data: { callee, args: `\`${shown(sc.getText(spread), 40)}\`` }, confidence: 'low' });
          return;
        }
      }
      if (!load.defaultModel && (!model || (model.type === 'Identifier' && model.name === 'undefined') || (model.type === 'Literal' && model.value === null))) {
        if (load.kind === 'from_pretrained') return; // without an id it is a TypeError, not a download
        if (sc.hasUnresolvedArguments(node)) return;
        const task = sc.argument(node, { position: load.first ?? 0 });
        const taskValue = task ? sc.constant(task) : undefined;
        const taskName = typeof taskValue === 'string' ? taskValue : '<task>';
        if (template !== undefined) {
          const model = `the default model of the "${taskName}" task`;
          context.report({ node, messageId: 'revisionIgnored', data: { callee, model, source: source ?? 'the Hugging Face Hub', template: shown(template) }, confidence: 'medium', remediation: REVISION_IGNORED_REMEDIATION });
          return;
        }
        context.report({
          node,
          messageId: source ? 'defaultModelFrom' : 'defaultModel',
          data: { callee, task: taskName, ...(source ? { source } : {}) },
          confidence: 'medium',
        });
        return;
      }

      // LangChain.js's embeddings without a model name: its default model, from the Hub
      const defaulted = !model ? load.defaultModel : undefined;
      let location: ModelLocation = model ? classifyLocation(sc, model, { hubIds: true }) : { kind: 'hub', value: defaulted };
      // `this.model_id = "org/name"` just before the load, every value of the member a constant:
      // that id, at medium confidence at most (another method may assign another one in between).
      let likely = false;
      if (location.kind === 'unknown' && model) {
        const assigned = likelyMemberValue(sc, model);
        const resolved = assigned ? classifyLocation(sc, assigned, { hubIds: true }) : undefined;
        if (resolved?.kind === 'hub') {
          location = resolved;
          likely = true;
        }
      }
      if (location.kind === 'local' || location.kind === 'remote') return;
      const revisions = loadOptionChoices(sc, node, load, 'revision');
      const revision = revisionFromChoices(sc, revisions, allowTags);
      if (load.dropsRevision && revisions.values.length > 0) {
        // a pin the wrapper drops (medium: a fork of it may pass it on)
        const shownModel = location.value !== undefined ? `"${shown(location.value)}"` : `\`${shown(sc.getText(model!), 40)}\``;
        context.report({ node, messageId: 'wrapperDropsRevision', data: { callee, model: shownModel, wrapper: load.dropsRevision }, confidence: 'medium' });
        return;
      }
      if (revision.pinned) return;

      // A name that cannot be resolved is shown as code (`` `this.model` ``), not as a model id; the
      // defaults of one the environment may override (`process.env.MODEL || "org/name"`) are named.
      // (an overridable default named with the ids the file's own calls pass instead: `"org/name" or "org/other"`)
      const modelName = defaulted
        ? `its default model "${defaulted}"`
        : location.values && (location.value === undefined || location.values.length > 1)
          ? quotedValues(location.values)
          : location.value !== undefined
            ? `"${shown(location.value)}"`
            : `\`${shown(sc.getText(model!), 40)}\``;
      // medium for an id that may be replaced: a member another method may assign, a default the
      // environment may override, a field of an exported class another module may assign
      let confidence: Confidence = location.kind === 'hub' ? (likely || location.overridable ? 'medium' : 'high') : 'low';
      // an id that cannot be resolved, loaded at an explicit revision that is no commit
      // (`{ revision: "main" }`): a revision means something only for a Hub load, so medium
      if (location.kind !== 'hub' && revision.kind !== 'missing') confidence = 'medium';
      // unpinned on some paths only (`dev ? {} : { revision: SHA }`): which one runs is not known
      if (revision.partly && confidence === 'high') confidence = 'medium';
      // the default of a revision the environment may override (`process.env.REV ?? "main"`)
      if (revision.overridable && confidence === 'high') confidence = 'medium';
      // options the analysis cannot see (a parameter, a spread of one) may pin it, or change the revision in view
      if (revision.unseen) confidence = revision.kind === 'missing' ? 'low' : confidence === 'high' ? 'medium' : confidence;
      // the options as written, when no object in view gives a revision (`opts`, `...opts`)
      const unseenOptions = revision.kind === 'missing' && revision.unseen && !revision.partly ? `\`${shown(sc.getText(revisions.unseen[0]), 40)}\`` : undefined;
      // the options as written, when some of the objects they may be pin it and others do not
      const someOptions = revision.partly ? `\`${shown(sc.getText(sc.argument(node, { position: load.optionsPos })!), 60)}\`` : undefined;
      confidence = hostConfidence(confidence);
      // `env.allowRemoteModels` is set to a value the analysis cannot read: the load may stay local.
      if (confidence === 'high' && remoteModelsUncertain(sc, node)) confidence = 'medium';
      // ... or is set to `false` in a setup function called before the load: the load most likely stays local
      if (confidence === 'high' && remoteModelsOffBySetupCall(sc, node)) confidence = 'medium';
      if (template !== undefined) {
        // The template drops `{revision}`: asking for a pin would be wrong (insecure-remote-host reports the template).
        context.report({ node, messageId: 'revisionIgnored', data: { callee, model: modelName, source: source ?? 'the Hugging Face Hub', template: shown(template) }, confidence, remediation: REVISION_IGNORED_REMEDIATION });
      } else if (unseenOptions) {
        context.report({ node, messageId: 'unseenOptions', data: { callee, model: modelName, source: source ?? 'the Hugging Face Hub', options: unseenOptions }, confidence });
      } else if (revision.overridable && !revision.partly && revision.kind !== 'missing' && revisions.values.length === 1) {
        // the default of a revision the environment may override (`process.env.REV ?? "main"`)
        const data = { callee, model: modelName, source: source ?? 'the Hugging Face Hub', revision: revision.value, expr: `\`${shown(sc.getText(revisions.values[0]), 40)}\`` };
        context.report({ node, messageId: 'revisionDefault', data, confidence, severity: revision.kind === 'tag' ? 'medium' : undefined });
      } else if (someOptions && revision.kind !== 'missing') {
        // (which object is used is not known: the revision that is no commit is one of them)
        const data = { callee, model: modelName, source: source ?? 'the Hugging Face Hub', options: someOptions, revision: revision.value };
        context.report({ node, messageId: 'revisionOnSomePaths', data, confidence, severity: revision.kind === 'tag' ? 'medium' : undefined });
      } else if (someOptions && revision.unseen) {
        // (an object not in view may pin it: "others give no `revision`" would not be known)
        const unseen = `\`${shown(sc.getText(revisions.unseen[0]), 40)}\``;
        context.report({ node, messageId: 'missingOnSomePathsUnseen', data: { callee, model: modelName, source: source ?? 'the Hugging Face Hub', options: someOptions, unseen }, confidence });
      } else if (someOptions) {
        context.report({ node, messageId: 'missingOnSomePaths', data: { callee, model: modelName, source: source ?? 'the Hugging Face Hub', options: someOptions }, confidence });
      } else if (revision.kind === 'missing') {
        context.report({ node, messageId: source ? 'missingFrom' : 'missing', data: { callee, model: modelName, ...(source ? { source } : {}) }, confidence });
      } else {
        context.report({
          node,
          // "default", "onnx": only known not to be a commit (a branch or a tag)
          messageId: revision.kind === 'branch' && !isBranchName(revision.value!) ? 'notCommit' : revision.kind,
          data: { callee, model: modelName, revision: revision.value },
          confidence,
          severity: revision.kind === 'tag' ? 'medium' : undefined,
        });
      }
  };
    return { CallExpression: check, NewExpression: check, Property: webllmRecord };
  },
});

/** A URL path segment decoded; as written when its `%` escapes are malformed (`100%`, `%E0%A4`). */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
