import { createRule, trustedPublisherPolicy, UNTRUSTED_PUBLISHER_MESSAGES, UNTRUSTED_PUBLISHER_REMEDIATION, type Confidence } from '@oculum/core';
import type { PyNode, PySourceCode } from '../util/ast.js';
import { HUB_LOAD_TRIGGERS, hubLoads, SHELL_HUB_TRIGGERS, shellHubFetch, type HubLoad } from '../util/hub.js';
import { docsUrl } from '../util/meta.js';

const name = 'untrusted-publisher';

const RULE_TRIGGERS = [...HUB_LOAD_TRIGGERS, ...SHELL_HUB_TRIGGERS];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    requiresSettings: ['trustedPublishers'],
    docs: {
      description: 'Reports Hub models and datasets whose owner is not listed in `settings.trustedPublishers` (off until that setting is configured).',
      recommended: true,
      url: docsUrl(name),
    },
    messages: UNTRUSTED_PUBLISHER_MESSAGES,
    remediation: UNTRUSTED_PUBLISHER_REMEDIATION,
  },
  create(context) {
    const policy = trustedPublisherPolicy(context.settings);
    if (!policy) return {};
    const sc = context.sourceCode;
    return {
      call(node: PyNode) {
        // `git clone https://huggingface.co/org/x`, `huggingface-cli download org/x`, pinned or not
        const shell = shellHubFetch(sc, node);
        if (shell?.unresolved) {
          // `f"git clone https://huggingface.co/{org}/x"`: judge an owner written out, else low confidence
          const owner = /^([A-Za-z0-9][\w.-]*)\/./.exec(shell.id)?.[1];
          if (!owner) context.report({ node, messageId: 'unresolved', data: { api: shell.command }, confidence: 'low' });
          else if (!policy.trustsOwner(owner)) {
            context.report({ node, messageId: 'unknownPublisher', data: { api: shell.command, id: shell.id, owner, trusted: policy.summary }, confidence: 'medium' });
          }
          return;
        }
        if (shell) {
          const judged = policy.judge(shell.id);
          if (judged.verdict === 'untrusted') {
            context.report({ node, messageId: 'unknownPublisher', data: { api: shell.command, id: shell.id, owner: judged.owner, trusted: policy.summary }, confidence: 'high' });
          }
          return;
        }
        // each load of the call (`HuggingFaceLLM`: its model and its tokenizer), and each value of an id a
        // conditional chooses (`"openai/whisper-large-v3" if gpu else "openai/whisper-base"`): one finding, for
        // the first untrusted owner, else the first load that cannot be judged (an owner-less id, an unknown one)
        const verdicts = hubLoads(sc, node, { choices: 'each' }).map(verdict).filter((v): v is Verdict => !!v);
        const found = verdicts.find((v) => v.messageId === 'unknownPublisher') ?? verdicts[0];
        if (found) context.report({ node, ...found });
      },
    };

    /** The finding of a load whose publisher is not trusted (or cannot be told), or undefined. */
    function verdict(load: HubLoad): Verdict | undefined {
      if (!policy) return undefined;
      if (load.offline) return undefined;
      if (load.defaultModel) {
        // `pipeline("sentiment-analysis")`: the library's default model for the task, whoever publishes it
        const task = load.call.childForFieldName('arguments')?.namedChildren[0]?.text ?? '';
        return { messageId: 'defaultModel', data: { api: load.api, task }, confidence: 'medium' };
      }
      if (!load.ref || load.ref.kind !== 'hub') {
        // `f"meta-llama/Llama-2-{size}-hf"`: the owner is written out even if the name is not
        const prefix = load.resolved.kind === 'prefix' ? load.resolved.value : undefined;
        const owner = prefix !== undefined ? /^([A-Za-z0-9][\w.-]*)\/./.exec(prefix)?.[1] : undefined;
        if (owner) {
          if (policy.trustsOwner(owner)) return undefined;
          return { messageId: 'unknownPublisher', data: { api: load.api, id: `${prefix}…`, owner, trusted: policy.summary }, confidence: 'medium' };
        }
        return { messageId: 'unresolved', data: { api: load.api }, confidence: 'low' };
      }
      // `from_pretrained("models/x")`: a directory unless none exists; its first segment names no publisher
      // (hf/unpinned-revision reports that it may be fetched)
      if (load.ref.dirLike) return undefined;
      const { id } = load.ref;
      const judged = policy.judge(id);
      if (judged.verdict === 'trusted') return undefined;
      if (judged.verdict === 'noOwner') {
        // `from_pretrained("glm_model")`: a bare name that is no known legacy id may be a local folder
        const bare = load.ref.bare && load.kind !== 'dataset';
        return { messageId: bare ? 'bareName' : 'noOwner', data: { api: load.api, id }, confidence: bare ? 'low' : 'medium' };
      }
      return { messageId: 'unknownPublisher', data: { api: load.api, id, owner: judged.owner, trusted: policy.summary }, confidence: load.callConfidence };
    }
  },
});

/** A finding of this rule, before it is reported on the call. */
interface Verdict {
  messageId: keyof typeof UNTRUSTED_PUBLISHER_MESSAGES;
  data: Record<string, string>;
  confidence: Confidence;
}
