import { createRule, UNKNOWN } from '@oculum/core';
import { buildsArgumentsOnly, calleeOf, forwardedArgument, type PyNode, type PySourceCode } from '../util/ast.js';
import { hfPackage } from '../util/hub.js';
import { docsUrl } from '../util/meta.js';

const name = 'safetensors-disabled';

const RULE_TRIGGERS = ['use_safetensors'];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    docs: {
      description: 'Reports `use_safetensors=False`, which makes the loader read pickle-based weight files that can execute code.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      disabled: '{{api}} is called with use_safetensors=False: pickle-based `.bin`/`.pt` weights are loaded instead of safetensors, and a pickle can run arbitrary code.',
      maybeDisabled: '{{api}} takes use_safetensors from `{{expr}}`, which could not be resolved; when false, pickle-based weights are loaded.',
      useSafetensors: 'Set use_safetensors=True',
    },
    remediation: 'Prefer safetensors: pass `use_safetensors=True` (or leave it unset) and publish/consume `.safetensors` weights.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    return {
      call(node: PyNode) {
        // directly, through `**opts`, or forwarded (`pipeline(..., model_kwargs={"use_safetensors": False})`)
        const arg = sc.argument(node, { name: 'use_safetensors' }) ?? forwardedArgument(sc, node, 'use_safetensors')?.value;
        if (!arg || buildsArgumentsOnly(sc, node, 'use_safetensors')) return;
        const fn = calleeOf(node);
        const qn = fn ? sc.qualifiedName(fn) : undefined;
        const api = qn ? qn.split('.').slice(-2).join('.') : (fn?.text ?? 'call');
        const value = sc.constant(arg);
        if (value === UNKNOWN) {
          if (!hfPackage(qn) && !/from_pretrained|from_single_file/.test(fn?.text ?? '')) return;
          context.report({ node, messageId: 'maybeDisabled', data: { api, expr: arg.text }, confidence: 'low' });
          return;
        }
        if (value !== false && value !== 0) return;
        const suggest = arg.type === 'false' ? [{ messageId: 'useSafetensors', fix: (fixer: any) => fixer.replaceText(arg, 'True') }] : [];
        context.report({ node, messageId: 'disabled', data: { api }, suggest });
      },
    };
  },
});
