import { createRule, type RuleFixer } from '@oculum/core';
import { importTrigger, type PythonSourceCode } from '@oculum/lang-python';
import { bypassNote, torchVersionInfo } from '../torch-versions.js';
import {
  appendKeyword,
  calleeName,
  everyCallerPasses,
  explicitKeyword,
  flagState,
  flagStateThroughCallers,
  isStubFile,
  someCallerPassesFalse,
  splatValuesFromEveryCaller,
  weightsOnlySuggestion,
  WEIGHTS_ONLY_SUGGESTIONS,
  type Node,
} from '../utils.js';

const HUB_LOADERS = new Set(['torch.hub.load_state_dict_from_url', 'torch.utils.model_zoo.load_url']);

export default createRule<[], PythonSourceCode>({
  name: 'hub-load-without-weights-only',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['load_state_dict_from_url', 'load_url'],
    // what `create` needs imported (torchvision re-exports `load_state_dict_from_url`)
    triggerGroups: [[importTrigger(['torch', 'torchvision'])]],
    docs: {
      description:
        'Reports `torch.hub.load_state_dict_from_url` and `torch.utils.model_zoo.load_url` downloads that are unpickled without `weights_only=True`.',
      recommended: true,
    },
    messages: {
      missing:
        '`{{callee}}` downloads a checkpoint and unpickles it with `weights_only=False` by default (in every torch version): whoever controls the URL or its cache runs code here. Pass `weights_only=True`, or download safetensors.{{bypass}}',
      explicitFalse:
        '`{{callee}}` with `weights_only=False` unpickles a downloaded checkpoint without restriction. Pass `weights_only=True`, or download safetensors.{{bypass}}',
      noneFlag:
        '`{{callee}}` with `weights_only=None` leaves the choice to `torch.load`, whose default unpickles the downloaded checkpoint without restriction before torch 2.6. Pass `weights_only=True`, or download safetensors.{{bypass}}',
      unknownFlag:
        "`{{callee}}`'s `weights_only` cannot be resolved statically; unless it is True the downloaded checkpoint is unpickled without restriction. Pass `weights_only=True`, or download safetensors.{{bypass}}",
      ...WEIGHTS_ONLY_SUGGESTIONS,
    },
    remediation: 'Pass weights_only=True, or publish and download safetensors files.',
    hasSuggestions: true,
  },
  create(context) {
    /** The value node of a `weights_only=` keyword written in the call. */
    const explicitValue = (call: Node) => explicitKeyword(call, 'weights_only')?.childForFieldName('value') ?? undefined;
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    if (!sc.imports.has('torch') && !sc.imports.has('torchvision')) return {};
    const gate = sc.calleeGate(['load_state_dict_from_url', 'load_url']);
    return {
      call(node: Node) {
        if (!gate(node)) return;
        const callee = calleeName(sc, node, HUB_LOADERS);
        if (!callee) return;
        // suggestions only where the call certainly reaches the hub loader (not `fetch = hub_load if ckpt else fetch_json`)
        const certain = HUB_LOADERS.has(sc.qualifiedName(sc.callee(node)!) ?? '');
        const flag = sc.argument(node, { name: 'weights_only', position: 6 });
        const data = { callee, bypass: bypassNote(torchVersionInfo(context)) };
        // a private or nested wrapper whose every call passes `weights_only=True`, as a parameter
        // (whatever its default) or into the `**kwargs` it forwards: its default is never used
        if (everyCallerPasses(sc, flag, context.depth, 'true')) return;
        const throughSplat = !flag ? splatValuesFromEveryCaller(sc, node, 'weights_only', context.depth) : undefined;
        if (throughSplat && throughSplat.every((v) => !!v && sc.constant(v) !== null && flagState(sc, v) === 'true')) return;
        if (flag && sc.constant(flag) === null && !someCallerPassesFalse(sc, flag, context.depth)) {
          // None is handed on to torch.load, whose own default it then is: unsafe before torch 2.6.
          const suggestion = explicitValue(node) && certain ? weightsOnlySuggestion(sc, node) : undefined;
          context.report({ node, messageId: 'noneFlag', data, confidence: 'medium', suggest: suggestion ? [suggestion] : [] });
          return;
        }
        const state = flag && sc.constant(flag) === null ? 'false' : flagStateThroughCallers(sc, flag, context.depth);
        if (state === 'true') return;
        if (state === 'false') {
          context.report({ node, messageId: 'explicitFalse', data, confidence: 'high' });
        } else if (state === 'unknown' || sc.hasUnresolvedArguments(node)) {
          context.report({ node, messageId: 'unknownFlag', data, confidence: 'low' });
        } else {
          const suggestion = certain ? weightsOnlySuggestion(sc, node) : undefined;
          context.report({ node, messageId: 'missing', data, confidence: 'high', suggest: suggestion ? [suggestion] : [] });
        }
      },
    };
  },
});
