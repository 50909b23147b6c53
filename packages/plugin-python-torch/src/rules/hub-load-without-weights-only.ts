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
/**
 * OpenMMLab's checkpoint loaders (mmcv 1.x `mmcv.runner.checkpoint`, mmengine `mmengine.runner.checkpoint`):
 * `load_checkpoint(model, filename, …)` and `_load_checkpoint(filename, …)` hand an `http(s)://` filename to
 * `load_from_http`, which downloads it with `torch.utils.model_zoo.load_url` (no `check_hash`, no `weights_only`: the
 * checkpoint is unpickled without restriction); the `file` argument's position for each.
 */
const MM_CHECKPOINT = /^(?:mmcv\.runner|mmengine\.runner)(?:\.checkpoint)?\.(?:(load_checkpoint)|_load_checkpoint|load_from_http|CheckpointLoader\.load_checkpoint)$/;
/** The inference APIs of OpenMMLab's toolboxes (`mmdet.apis.init_detector(config, checkpoint)`, mmseg's, mmpose's, …): `load_checkpoint` of their second argument. */
const MM_INIT = /^mm\w+\.apis(?:\.\w+)*\.(?:init_detector|init_model|init_segmentor|init_recognizer|init_pose_model)$/;
/** The packages whose loaders `MM_CHECKPOINT` and `MM_INIT` name. */
const MM_PACKAGES = ['mmcv', 'mmengine', 'mmdet', 'mmseg', 'mmrotate', 'mmpose', 'mmaction', 'mmpretrain', 'mmcls', 'mmocr', 'mmdet3d', 'mmtrack', 'mmedit', 'mmagic'];

/** A checkpoint OpenMMLab's loaders download: a URL, or a name of its schemes for published models. */
const MM_URL = /^(?:https?|open-?mmlab|torchvision|mmcls):\/\//i;

export default createRule<[], PythonSourceCode>({
  name: 'hub-load-without-weights-only',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['load_state_dict_from_url', 'load_url', 'load_checkpoint', 'load_from_http', 'init_detector', 'init_model', 'init_segmentor', 'init_recognizer', 'init_pose_model'],
    // what `create` needs imported (torchvision re-exports `load_state_dict_from_url`; OpenMMLab's loaders)
    triggerGroups: [[importTrigger(['torch', 'torchvision', ...MM_PACKAGES])]],
    docs: {
      description:
        'Reports `torch.hub.load_state_dict_from_url` and `torch.utils.model_zoo.load_url` downloads that are unpickled without `weights_only=True`, and OpenMMLab\'s `load_checkpoint`/`init_detector` of a checkpoint URL.',
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
      mmUrl:
        '`{{callee}}` of the URL "{{url}}" downloads the checkpoint with `torch.utils.model_zoo.load_url`, with no hash check and no `weights_only`, and unpickles it without restriction: whoever controls the URL or its cache runs code here. Download the file once, check it against a pinned SHA-256, and load it with `torch.load(path, weights_only=True)` (`model.load_state_dict(...)`), or use safetensors.{{bypass}}',
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
    if (!sc.imports.has('torch') && !sc.imports.has('torchvision') && !MM_PACKAGES.some((m) => sc.imports.has(m))) return {};
    const gate = sc.calleeGate(['load_state_dict_from_url', 'load_url']);
    const mmGate = MM_PACKAGES.some((m) => sc.imports.has(m)) ? sc.calleeGate(['load_checkpoint', '_load_checkpoint', 'load_from_http', 'init_detector', 'init_model', 'init_segmentor', 'init_recognizer', 'init_pose_model']) : undefined;
    /**
     * OpenMMLab's `load_checkpoint(model, "https://…")`, `init_detector(cfg, "https://…")` (see `MM_CHECKPOINT`,
     * `MM_INIT`): reported when the checkpoint is a URL written in the code (a local path goes through `torch.load`,
     * whose `weights_only` depends on the installed mmcv or mmengine, which the source does not say).
     */
    const checkOpenMMLab = (node: Node): void => {
      const callee = sc.qualifiedName(sc.callee(node)!);
      if (!callee) return;
      const loader = MM_CHECKPOINT.exec(callee);
      const init = !loader && MM_INIT.test(callee);
      if (!loader && !init) return;
      const file = init ? sc.argument(node, { name: 'checkpoint', position: 1 }) : sc.argument(node, { name: 'filename', position: loader![1] ? 1 : 0 });
      const url = file ? sc.constant(file) : undefined;
      // (`open-mmlab://`, `openmmlab://`, `torchvision://`, `mmcls://`: names mmcv/mmengine turn into their CDN's URL and
      // fetch the same way, `load_from_http` without a hash check)
      if (typeof url !== 'string' || !MM_URL.test(url)) return;
      const shown = callee.split('.').slice(-(callee.includes('CheckpointLoader') ? 2 : 1)).join('.');
      context.report({ node, messageId: 'mmUrl', data: { callee: shown, url: url.length > 60 ? `${url.slice(0, 57)}...` : url, bypass: bypassNote(torchVersionInfo(context)) }, confidence: 'high' });
    };
    return {
      call(node: Node) {
        if (mmGate?.(node)) return checkOpenMMLab(node);
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
