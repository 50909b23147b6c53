import { createRule, UNKNOWN, type RuleFixer, type SuggestionDescriptor } from '@oculum/core';
import { importTrigger, memberTrigger, type PythonSourceCode } from '@oculum/lang-python';
import { CALLBACK_CALLEE_NAMES, localForwarderNames, callbackArgument, callbackUse, type CallbackUse } from '../callbacks.js';
import { inInstalledWrapper } from '../monkeypatch.js';
import { bypassNote, torchVersionInfo } from '../torch-versions.js';
import {
  appendKeyword,
  calleeName,
  confidenceFor,
  defaultFlagState,
  dictionarySplatNames,
  flagState,
  flagStateThroughCallers,
  someCallerPassesFalse,
  everyCallerPasses,
  splatValuesFromCallers,
  splatValuesFromEveryCaller,
  enclosingExceptClause,
  enclosingExceptTry,
  explicitKeyword,
  isInProcessData,
  isStubFile,
  nameAmong,
  partialOnlyCalledInFile,
  savedOnSomePathBefore,
  setsWeightsOnlyFalse,
  getsWeightsOnlyWithFalseDefault,
  weightsOnlySuggestion,
  WEIGHTS_ONLY_SUGGESTIONS,
  type Node,
  saveLineText,
} from '../utils.js';

const TORCH_LOAD = new Set(['torch.load', 'torch.serialization.load']);
/** The modules whose `load` that is (for a star import of one of them). */
const TORCH_MODULES = ['torch', 'torch.serialization'];
/** A star import (`from .utils import *`): the names it brings are not seen from this file. */
const STAR_IMPORT = /\bimport(?:\s|\\|\()*\*/;
/** A file without the word `import` (the rule then checks that it imports nothing: `importsNothing`). */
const NO_IMPORT = /^(?![\s\S]*\bimport)/;
const SAFE = 'Pass weights_only=True, or store the weights as safetensors.';
const LEGACY_FALLBACK_REMEDIATION = 'Drop the `except TypeError:` fallback and require torch >= 1.13 (2.6 for the safe default): a load that fails should fail. Or store the weights as safetensors.';
/** `torch.save` into a buffer then `torch.load` from it: a deep copy, no outside data. */
const SAVERS = new Set(['torch.save', 'torch.serialization.save']);
const DISPATCH = new Set([...TORCH_LOAD, 'functools.partial']);
/**
 * PyTorch Lightning's loaders that hand `weights_only` to `torch.load` (through
 * `lightning.fabric.utilities.cloud_io._load`, Lightning >= 2.4/2.6): `Model.load_from_checkpoint(p,
 * weights_only=...)` on a `LightningModule`/`LightningDataModule` class, `trainer.fit/validate/test/
 * predict(..., ckpt_path=p, weights_only=...)` and `_load` itself. `None` (their default) leaves
 * torch.load's own default for a local file, so only an explicit `False` (or a value that cannot be
 * resolved, at low confidence) is reported.
 */
const LIGHTNING_ROOT = String.raw`(?:pytorch_lightning|lightning(?:\.pytorch)?)\.(?:[\w.]+\.)?`;
const LIGHTNING_MODULE = new RegExp(`^${LIGHTNING_ROOT}Lightning(?:Data)?Module$`);
const LIGHTNING_TRAINER_METHOD = new RegExp(`^${LIGHTNING_ROOT}Trainer\\.(?:fit|validate|test|predict)$`);
const LIGHTNING_CLOUD_LOAD = /^(?:lightning\.fabric|lightning_fabric)\.utilities\.cloud_io\._load$/;
const TRAINER_METHODS = new Set(['fit', 'validate', 'test', 'predict']);
/**
 * OpenAI CLIP's `clip.load(name, device, jit=True)` (clip/clip.py): a name of `available_models()` is downloaded and
 * checked against the SHA-256 in its URL; any other name must be a file, which it opens with `torch.jit.load` and,
 * when that raises (the file is no TorchScript archive), with `torch.load(path, map_location="cpu")`, without
 * `weights_only`. Also `from clip import clip` … `clip.load`.
 */
const CLIP_LOAD = new Set(['clip.load', 'clip.clip.load']);
/** The names `clip.available_models()` lists: fetched and hash-checked by CLIP itself. */
const CLIP_MODELS = new Set(['RN50', 'RN101', 'RN50x4', 'RN50x16', 'RN50x64', 'ViT-B/32', 'ViT-B/16', 'ViT-L/14', 'ViT-L/14@336px']);
/**
 * AllenNLP's archive loaders (allennlp/models/archival.py `load_archive(archive_file, …)`, `Predictor.from_path(archive_path,
 * …)` of `allennlp.predictors` and of its subclasses, also in `allennlp_models`): the archive, fetched with `cached_path`
 * when it is a URL, is unpacked and its `weights.th` read with `torch.load` without `weights_only` (AllenNLP's last
 * release, 2.10, predates the keyword's use).
 */
const ALLENNLP_LOAD = /^(?:allennlp\.models(?:\.archival)?\.load_archive|allennlp(?:_models)?\.(?:[\w.]*\.)?\w*Predictor\.from_path)$/;
/** A darts model class (`darts.models.TFTModel`): its `load_from_checkpoint(model_name, work_dir, …)` is darts' own. */
const DARTS_MODEL = /^darts\.models\.(?:[\w.]+\.)?[A-Z]\w*$/;
/**
 * Libraries whose classes have a `fit`/`predict`/… of their own that is not Lightning's (`keras.Model.fit`,
 * ray's `TorchTrainer.fit`): an instance of one of them is not a Lightning loader, whatever keywords it is given.
 */
const OTHER_LIBRARY = /^(?:keras|tf_keras|tensorflow|ray|sklearn|xgboost|lightgbm|catboost|transformers|accelerate|fastai|mmengine|detectron2|ultralytics|autogluon|skorch|ignite|composer|jax|flax|statsmodels)\./;

export default createRule<[], PythonSourceCode>({
  name: 'load-without-weights-only',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    // `torch.load` is named in every spelling the rule resolves (`torch.load`, `from torch import load
    // as L`, `getattr(torch, "load")`, `from torch import *`), and the rule needs `import torch`, or a
    // star import that may bring `torch` (`from .utils import *`).
    // Lightning's loaders (`load_from_checkpoint`, `trainer.fit(..., ckpt_path=...)`, `cloud_io._load`)
    // are reported only with a `weights_only` keyword, or a checkpoint URL written in the file.
    triggers: [...memberTrigger('load', TORCH_MODULES), ...memberTrigger('load', ['clip', 'clip.clip']), /\bload_archive\b/, /\bfrom_path\b/, /\bload_from_checkpoint\b/, /\bckpt_path\b/, /\bcloud_io\b/],
    // what `create` needs imported: torch, a star import that may bring it, or nothing at all (a
    // fragment run in a namespace that holds `torch`); or the `weights_only` a Lightning loader is
    // given, or the URL it loads
    // (or OpenAI CLIP's `clip.load` of a file, imported)
    triggerGroups: [[importTrigger(['torch', 'clip', 'allennlp', 'allennlp_models']), STAR_IMPORT, NO_IMPORT, /\bweights_only\b/, /\bhttps?:\/\//i]],
    docs: {
      description:
        'Reports `torch.load` calls that can unpickle arbitrary objects: without `weights_only=True`, with `weights_only=False`, or with a custom `pickle_module`.',
      recommended: true,
    },
    messages: {
      missing:
        '`{{callee}}` without `weights_only=True` unpickles arbitrary objects on torch < 2.6: a malicious checkpoint runs code when it is loaded. Pass `weights_only=True` or load safetensors.{{bypass}}',
      missingSafeDefault:
        '`{{callee}}` relies on the `weights_only=True` default of torch >= 2.6 (required by {{pinnedIn}}); pass `weights_only=True` explicitly so an older torch or TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD cannot turn it off.{{bypass}}',
      explicitFalse:
        '`{{callee}}` with `weights_only=False` unpickles arbitrary objects: a malicious checkpoint runs code when it is loaded. Use `weights_only=True` (allow extra classes with `torch.serialization.add_safe_globals`) or load safetensors.{{bypass}}',
      savedOnSomePaths:
        '`{{callee}}` {{how}} loads a file this code saves at line {{line}}, but not on every path before this load: where that save has not run, the file is whatever is on disk, and a malicious checkpoint runs code when it is loaded. Pass `weights_only=True` or load safetensors.{{bypass}}',
      legacyFallback:
        '`{{callee}}` without `weights_only` in the `except TypeError:` fallback of a safe load: on a torch that lacks the keyword (< 1.13) every checkpoint takes this path, and on later versions a crafted file that makes the safe load raise TypeError reaches it; there it is unpickled without restriction. Drop the fallback (require torch >= 1.13), or load safetensors.{{bypass}}',
      unsafeFallback:
        '`{{callee}}` with `weights_only=False` in an `except` fallback: a crafted file makes the safe load fail on purpose and is then unpickled without restriction. Fail instead, or convert the checkpoint to safetensors.{{bypass}}',
      pickleModule:
        '`{{callee}}` with `pickle_module=` deserializes with a custom unpickler, which is unsafe whatever `weights_only` says. Drop `pickle_module` and use `weights_only=True` or safetensors.{{bypass}}',
      unknownFlag:
        "`{{callee}}`'s `weights_only` cannot be resolved statically; unless it is True, a malicious checkpoint runs code when it is loaded. Pass `weights_only=True` or load safetensors.{{bypass}}",
      partialUnsafe:
        '`functools.partial({{callee}}, ...)` builds a loader with `{{reason}}`, which unpickles arbitrary objects. Use `weights_only=True` or safetensors.{{bypass}}',
      partialMissing:
        '`functools.partial({{callee}}, ...)` builds a loader without `weights_only=True`; its callers may not pass it. Bind `weights_only=True` in the partial or load safetensors.{{bypass}}',
      lightningFalse:
        '`{{callee}}` with `weights_only=False` hands it to `torch.load`, which unpickles arbitrary objects: a malicious checkpoint runs code when it is loaded. Use `weights_only=True` (allow extra classes with `torch.serialization.add_safe_globals`) or load safetensors.{{bypass}}',
      lightningRemote:
        '`{{callee}}` of the URL "{{url}}" without `weights_only=True`: Lightning downloads a remote checkpoint with `weights_only=False` unless told otherwise, so a tampered or malicious checkpoint runs code when it is loaded. Pass `weights_only=True`, or download the file, verify its hash and load it locally.{{bypass}}',
      lightningUnknown:
        "`{{callee}}` hands `weights_only` to `torch.load`, and its value cannot be resolved statically; unless it is True or None, a malicious checkpoint runs code when it is loaded. Drop it or pass `weights_only=True`.{{bypass}}",
      clipFile:
        '`{{callee}}` of a file path, not one of CLIP\'s published model names, opens it with `torch.jit.load` and, when that fails, falls back to `torch.load` without `weights_only`, which unpickles arbitrary objects on torch < 2.6: a crafted checkpoint that is no TorchScript archive runs code when it is loaded. Load the state dict with `torch.load(path, weights_only=True)` and build the model with `clip.model.build_model(state_dict)`, or store the weights as safetensors.{{bypass}}',
      allennlpArchive:
        '`{{callee}}` unpacks an AllenNLP archive (downloaded with no checksum when it is a URL) and reads its weights with `torch.load` without `weights_only`, which unpickles arbitrary objects on torch < 2.6: a crafted archive runs code when it is loaded. Load only archives you trained or reviewed, checked against a pinned SHA-256, on torch >= 2.6 (whose `torch.load` defaults to `weights_only=True`).{{bypass}}',
      callback:
        '`{{callee}}` is handed to `{{via}}`, which calls it without `weights_only=True`: every file it loads is unpickled without restriction on torch < 2.6. Pass `functools.partial({{callee}}, weights_only=True)` or load safetensors.{{bypass}}',
      ...WEIGHTS_ONLY_SUGGESTIONS,
    },
    remediation: SAFE,
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    // `torch` that only a star import of the project's own module may bring (`from .utils import *`,
    // research code), or the namespace a file that imports nothing runs in: such calls are reported
    // at low confidence. Without either, only Lightning's loaders are looked at.
    const torchHere = sc.imports.has('torch') || sc.mayComeFromStarImport('torch');
    const throughStar = (node: Node): boolean => {
      const callee = node.type === 'call' ? sc.callee(node) : undefined;
      // `from torch import *` then `load(p)` is `torch.load` for certain
      if (!callee || nameAmong(sc, callee, TORCH_LOAD)) return false;
      let root: Node | null | undefined = callee;
      while (root?.type === 'attribute') root = root.childForFieldName('object');
      return root?.type === 'identifier' && sc.mayComeFromStarImport(root.text);
    };
    /** A load through a parameter's default (`load_fn=torch.load`): at most medium confidence. */
    let throughDefault = false;
    const report: typeof context.report = (descriptor) => {
      if (throughStar(descriptor.node as Node)) context.report({ ...descriptor, confidence: 'low' });
      else context.report(throughDefault && descriptor.confidence !== 'low' ? { ...descriptor, confidence: 'medium' } : descriptor);
    };
    let versions: ReturnType<typeof torchVersionInfo> | undefined;
    // A file that switches the safe default off process-wide cannot rely on it.
    const downgradedHere = /TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD|_default_to_weights_only/.test(sc.text);
    const info = () => (versions ??= downgradedHere ? { ...torchVersionInfo(context), safeDefault: false } : torchVersionInfo(context));

    const suggestAdd = (call: Node): SuggestionDescriptor[] => {
      // Only where the call certainly reaches torch.load: `load = torch.load if bin else read_safetensors`,
      // `LOADERS[ext](p)` or a `load_fn=torch.load` parameter may call a loader that takes no such keyword.
      const fn = sc.callee(call);
      const loader = fn && calleeName(sc, call) === 'functools.partial' ? sc.argument(call, { position: 0 }) : fn;
      const certain = loader && sc.qualifiedName(loader);
      if ((!certain || !TORCH_LOAD.has(certain)) && !throughStar(call)) return [];
      const suggestion = weightsOnlySuggestion(sc, call);
      return suggestion ? [suggestion] : [];
    };

    /** In an `except TypeError:` handler (alone, or `as e`): what a missing keyword raises. */
    function catchesTypeErrorOnly(call: Node): boolean {
      const clause = enclosingExceptClause(call);
      if (clause?.type !== 'except_clause') return false;
      let caught = clause.namedChildren.find((c) => !!c && c.type !== 'block' && c.type !== 'comment');
      if (caught?.type === 'as_pattern') caught = caught.namedChildren[0] ?? undefined;
      return !!caught && sc.qualifiedName(caught) === 'builtins.TypeError';
    }

    /** In `except` of a `try` whose body loads with `weights_only=True`: the attacker picks the branch. */
    function isSafeLoadFallback(call: Node): boolean {
      const tryStatement = enclosingExceptTry(call);
      const body = tryStatement?.childForFieldName('body');
      if (!body) return false;
      return sc.descendants(body, 'call').some((c) => {
        const q = calleeName(sc, c);
        return !!q && TORCH_LOAD.has(q) && flagState(sc, sc.argument(c, { name: 'weights_only' })) === 'true';
      });
    }

    /**
     * `weights_only=None` (also a name or a parameter default holding None) is torch.load's own
     * default: True from torch 2.6, False before. It is judged as if not passed, not as False.
     */
    function isNone(arg: Node | undefined): boolean {
      return !!arg && sc.constant(arg) === null;
    }

    function checkLoad(call: Node, callee: string): void {
      // the forwarding call of a wrapper installed as `torch.load` that turns `weights_only` off:
      // part of that monkeypatch, which `torch/weights-only-disabled-globally` reports where it is installed
      if (inInstalledWrapper(sc, call)) return;
      const bypass = bypassNote(info());
      const data = { callee, bypass };
      const file = sc.argument(call, { name: 'f', position: 0 });
      if (isInProcessData(sc, file, SAVERS)) return;
      const pickleModule = sc.argument(call, { name: 'pickle_module', position: 2 });
      // also one a same-file caller passes into the `**kwargs` this call forwards
      const fromCallers = (key: string) => (sc.hasUnresolvedArguments(call, key) ? splatValuesFromCallers(sc, call, key, context.depth) : []);
      // `LOADERS[ext](p)` whose partials differ in `map_location` alone: read as a call without `weights_only`
      const unread = sc.hasUnresolvedArguments(call, 'weights_only') || sc.hasUnresolvedArguments(call, 'pickle_module');
      if ((pickleModule && sc.constant(pickleModule) !== null) || (!pickleModule && fromCallers('pickle_module').some((v) => sc.constant(v) !== null))) {
        report({ node: call, messageId: 'pickleModule', data, confidence: confidenceFor(sc, file) });
        return;
      }
      const flag = sc.argument(call, { name: 'weights_only' });
      // `k["weights_only"] = k.get("weights_only", False)` before `torch.load(*a, **k)`: False unless the caller passed a value
      if (getsWeightsOnlyWithFalseDefault(sc, flag)) {
        report({ node: call, messageId: 'explicitFalse', data, confidence: 'medium' });
        return;
      }
      // `weights_only=None` leaves torch.load's default, unless a caller passes False for that
      // parameter; a private or nested function whose every call passes True never uses it
      const state = isNone(flag)
        ? everyCallerPasses(sc, flag, context.depth, 'true')
          ? 'true'
          : someCallerPassesFalse(sc, flag, context.depth)
            ? 'false'
            : 'absent'
        : flagStateThroughCallers(sc, flag, context.depth);
      if (state === 'true') return;
      // `weights_only=args.weights_only` with `add_argument("--weights-only", type=bool, default=False)`:
      // False unless the user passes the option (review science P3-1); medium, the user may
      if (state === 'unknown' && defaultFlagState(sc, flag) === 'false') {
        report({ node: call, messageId: 'explicitFalse', data, confidence: 'medium' });
        return;
      }
      if (state === 'false') {
        if (isSafeLoadFallback(call)) {
          report({ node: call, messageId: 'unsafeFallback', data, confidence: confidenceFor(sc, file) });
          return;
        }
        if (!reportedAsOwnSave(call, file, data, 'with `weights_only=False`', [])) report({ node: call, messageId: 'explicitFalse', data, confidence: confidenceFor(sc, file) });
        return;
      }
      if (state === 'absent' && unread) {
        // `kwargs["weights_only"] = False; torch.load(*args, **kwargs)` in the same function, or a
        // same-file caller passing `weights_only=False` into those `**kwargs`.
        const fn = sc.enclosingFunction(call);
        if (fromCallers('weights_only').some((v) => flagState(sc, v) === 'false' && sc.constant(v) !== null)) {
          report({ node: call, messageId: 'explicitFalse', data, confidence: confidenceFor(sc, file) });
          return;
        }
        if (dictionarySplatNames(call).some((name) => setsWeightsOnlyFalse(sc, fn, name))) {
          report({ node: call, messageId: 'explicitFalse', data, confidence: 'medium' });
          return;
        }
        // `def _load(path, **kwargs): return torch.load(path, **kwargs)` whose every call passes
        // `weights_only=True`: nothing else reaches those `**kwargs`
        const passed = splatValuesFromEveryCaller(sc, call, 'weights_only', context.depth);
        if (passed && passed.every((v) => !!v && !isNone(v) && flagState(sc, v) === 'true')) return;
      }
      // `**({"weights_only": False} if legacy else {})`, or `**kw` assigned in the branches of an `if`:
      // the value on each path
      let onSomePaths = false;
      const paths = state === 'absent' && unread ? sc.argumentPaths(call, 'weights_only') : undefined;
      if (paths && paths.values.length > 0) {
        const states = paths.values.map((v) => (isNone(v) ? 'absent' : flagState(sc, v)));
        if (states.includes('false')) {
          report({ node: call, messageId: 'explicitFalse', data, confidence: 'medium' });
          return;
        }
        if (!states.includes('unknown')) {
          if (!paths.absent && !states.includes('absent')) return; // True on every path
          // True on some paths, not passed on the others: usually a guard on the installed torch
          // (`{"weights_only": True} if torch >= 1.13 else {}`, diffusers, transformers), low
          onSomePaths = true;
        }
      }
      if (state === 'unknown' || (unread && !onSomePaths)) {
        // `weights_only=flag`, or `**kwargs` that may carry it: never drop, never at full confidence.
        report({ node: call, messageId: 'unknownFlag', data, confidence: 'low' });
        return;
      }
      const v = info();
      if (v.safeDefault) {
        report({
          node: call,
          messageId: 'missingSafeDefault',
          data: { ...data, pinnedIn: v.pinnedIn ?? 'the project' },
          severity: 'low',
          confidence: 'high',
          suggest: onSomePaths ? [] : suggestAdd(call),
        });
        return;
      }
      if (!onSomePaths && reportedAsOwnSave(call, file, data, 'without `weights_only=True`', suggestAdd(call))) return;
      // `try: torch.load(p, weights_only=True)` / `except TypeError: torch.load(p)`: the fallback runs where
      // the keyword does not exist, so adding it there only raises again
      if (!onSomePaths && catchesTypeErrorOnly(call) && isSafeLoadFallback(call)) {
        report({ node: call, messageId: 'legacyFallback', data, confidence: confidenceFor(sc, file), remediation: LEGACY_FALLBACK_REMEDIATION });
        return;
      }
      report({ node: call, messageId: 'missing', data, confidence: onSomePaths ? 'low' : confidenceFor(sc, file), suggest: onSomePaths ? [] : suggestAdd(call) });
    }

    /**
     * A file this function saves on some path before the load, but not on every one (the best
     * checkpoint saved under an `if` in the training loop, loaded after it): this code's own file
     * on those paths, whatever is on disk on the others. Reported at medium confidence, saying so.
     */
    function reportedAsOwnSave(call: Node, file: Node | undefined, data: { callee: string; bypass: string }, how: string, suggest: SuggestionDescriptor[]): boolean {
      const save = savedOnSomePathBefore(sc, file, SAVERS);
      if (!save) return false;
      report({ node: call, messageId: 'savedOnSomePaths', data: { ...data, how, line: saveLineText(sc, save, call) }, confidence: 'medium', suggest });
      return true;
    }

    function checkPartial(call: Node): void {
      const target = sc.argument(call, { position: 0 });
      const callee = target ? nameAmong(sc, target, TORCH_LOAD) : undefined;
      if (!callee) return;
      const bypass = bypassNote(info());
      const pickleModule = sc.argument(call, { name: 'pickle_module', position: 3 });
      if (pickleModule && sc.constant(pickleModule) !== null) {
        if (partialOnlyCalledInFile(sc, call)) return;
        report({ node: call, messageId: 'partialUnsafe', data: { callee, bypass, reason: 'pickle_module=' } });
        return;
      }
      const bound = sc.argument(call, { name: 'weights_only' });
      const state = isNone(bound) ? 'absent' : flagState(sc, bound);
      if (state === 'true') return;
      if (state === 'false') {
        // Called only here (`_load = partial(torch.load, weights_only=False)` then `_load(p)`): each call is
        // the finding, as for a partial without the keyword (reviews robotics P3-3, science P3-2, ray P3-4:
        // one risk, one finding)
        if (partialOnlyCalledInFile(sc, call)) return;
        report({ node: call, messageId: 'partialUnsafe', data: { callee, bypass, reason: 'weights_only=False' } });
        return;
      }
      // Called only here (`load = partial(torch.load, map_location="cpu")` then `load(p)`): each call is
      // checked where it is made, with the partial's keywords bound, at the confidence its file gives
      // (review automl P3-b: one finding, not a low one here and a high one at the call).
      if (partialOnlyCalledInFile(sc, call)) return;
      // The callers of the partial may still pass weights_only=True: report, with low confidence.
      report({
        node: call,
        messageId: 'partialMissing',
        data: { callee, bypass },
        confidence: 'low',
        severity: info().safeDefault && state === 'absent' ? 'low' : undefined,
        suggest: state === 'absent' && !sc.hasUnresolvedArguments(call) ? suggestAdd(call) : [],
      });
    }

    /**
     * `map(torch.load, paths)`, `pool.imap(torch.load, files)`, `executor.submit(torch.load, p)`,
     * `asyncio.to_thread(torch.load, p)`, `delayed(torch.load)(p)`: what the API calls it with.
     */
    function checkCallback(use: CallbackUse): void {
      // `map(functools.partial(torch.load, ...), paths)`: the partial is judged where it is built
      if (use.fn.type === 'call') return;
      const target = nameAmong(sc, use.fn, TORCH_LOAD);
      if (!target) return;
      const v = info();
      const data = { callee: target, via: use.via, bypass: bypassNote(v) };
      const pickleModule = callbackArgument(sc, use, { name: 'pickle_module', position: 2 });
      if (pickleModule && pickleModule !== UNKNOWN && sc.constant(pickleModule) !== null) {
        report({ node: use.call, messageId: 'pickleModule', data, confidence: 'medium' });
        return;
      }
      const flag = callbackArgument(sc, use, { name: 'weights_only' });
      const state = flag === UNKNOWN ? 'unknown' : isNone(flag) ? 'absent' : flagState(sc, flag);
      if (state === 'true') return;
      if (state === 'false') {
        report({ node: use.call, messageId: 'explicitFalse', data, confidence: 'medium' });
        return;
      }
      if (state === 'unknown') {
        report({ node: use.call, messageId: 'unknownFlag', data, confidence: 'low' });
        return;
      }
      report({ node: use.call, messageId: 'callback', data, confidence: 'medium', severity: v.safeDefault ? 'low' : undefined });
    }

    /**
     * Which Lightning loader a call is, and how sure that is: `lightning` when the receiver resolves
     * to a Lightning class (a `LightningModule`/`LightningDataModule` subclass, a `Trainer` instance,
     * `cloud_io._load`), `unknown` when it does not resolve (`from model import LitModel`, a `trainer`
     * parameter: the method's name and keywords are Lightning's, or a class chain longer than
     * lang-python follows), `other` for a `fit(..., ckpt_path=)` on an instance of another class that
     * may wrap Lightning's (`from trainers import MyTrainer`). undefined for an instance of another
     * library's class (`keras.Model().fit(..., ckpt_path=)`: see `OTHER_LIBRARY`), for anything
     * else, and for a method this file defines (`self.load_from_checkpoint`, an override): its own body is what runs, and is read there.
     */
    function lightningLoader(call: Node, fn: Node): { callee: string; receiver: 'lightning' | 'unknown' | 'other'; file: Node | undefined } | undefined {
      const qualified = sc.qualifiedName(fn);
      if (qualified && LIGHTNING_CLOUD_LOAD.test(qualified)) return { callee: qualified, receiver: 'lightning', file: sc.argument(call, { name: 'path_or_url', position: 0 }) };
      if (fn.type !== 'attribute') return undefined;
      const object = fn.childForFieldName('object');
      const method = fn.childForFieldName('attribute')?.text;
      if (!object || !method || sc.localFunction(call)) return undefined;
      const callee = sc.getText(fn).replace(/\s+/g, '');
      if (method === 'load_from_checkpoint') {
        const file = sc.argument(call, { name: 'checkpoint_path', position: 0 });
        const qualified = sc.qualifiedName(object) ?? '';
        if (LIGHTNING_MODULE.test(qualified)) return { callee, receiver: 'lightning', file };
        // darts' `TFTModel.load_from_checkpoint(model_name, …)`: not Lightning's (a model name, not a path), and a
        // pickle of the whole model whatever `weights_only` says (`torch/pickle-load` reports it)
        if (DARTS_MODEL.test(qualified)) return undefined;
        const project = sc.projectSubclass(object);
        if (project) {
          // the project's own `load_from_checkpoint` (an override): its body is read where it is
          if (project.classes.some((c) => sc.bindsMember(c, 'load_from_checkpoint'))) return undefined;
          if (project.bases.some((b) => DARTS_MODEL.test(b))) return undefined;
          if (project.bases.some((b) => LIGHTNING_MODULE.test(b))) return { callee, receiver: 'lightning', file };
          // a class of the project with no base outside it has no such method (unless the chain
          // was cut short: what lies beyond is not known, as for a class that does not resolve)
          if (project.bases.length === 0 && !project.cut) return undefined;
        }
        return { callee, receiver: 'unknown', file };
      }
      if (!TRAINER_METHODS.has(method)) return undefined;
      // without `ckpt_path` no checkpoint is loaded
      const file = sc.argument(call, { name: 'ckpt_path' });
      if (!file) return undefined;
      const types = sc.instanceQualifiedNames(fn);
      if (types.some((q) => LIGHTNING_TRAINER_METHOD.test(q))) return { callee, receiver: 'lightning', file };
      // an instance of another library's class (`keras.Model().fit`, ray's `TorchTrainer(...).fit`): its own method
      if (types.length > 0 && types.every((q) => OTHER_LIBRARY.test(q) && !/(?:^|\.)(?:py)?(?:torch_)?lightning(?:\.|_)/.test(q))) return undefined;
      return { callee, receiver: types.length > 0 ? 'other' : 'unknown', file };
    }

    /**
     * A Lightning loader given `weights_only` (see `LIGHTNING_ROOT`), or given a checkpoint URL: true
     * when the call is one.
     */
    function checkLightning(call: Node): boolean {
      const fn = sc.callee(call);
      const flag = sc.argument(call, { name: 'weights_only' });
      const loader = fn ? lightningLoader(call, fn) : undefined;
      if (!loader) return false;
      if (!flag || isNone(flag)) {
        // `None` is Lightning's default: torch.load's own for a local file, but `False` for a URL
        // (`load_state_dict_from_url`, in every Lightning version): a remote checkpoint is unpickled
        const url = loader.file ? sc.constant(loader.file) : undefined;
        if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return Boolean(flag);
        const confidence = loader.receiver === 'other' ? 'low' : loader.receiver === 'unknown' ? 'medium' : 'high';
        context.report({ node: call, messageId: 'lightningRemote', data: { callee: loader.callee, url: url.length > 60 ? `${url.slice(0, 57)}...` : url, bypass: bypassNote(info()) }, confidence });
        return true;
      }
      const state = flagStateThroughCallers(sc, flag, context.depth);
      if (state !== 'false' && state !== 'unknown') return true;
      const data = { callee: loader.callee, bypass: bypassNote(info()) };
      const confidence = state === 'unknown' || loader.receiver === 'other' ? 'low' : loader.receiver === 'unknown' ? 'medium' : confidenceFor(sc, loader.file);
      context.report({ node: call, messageId: state === 'false' ? 'lightningFalse' : 'lightningUnknown', data, confidence });
      return true;
    }

    /**
     * OpenAI CLIP's `clip.load(x)` where `x` is not one of CLIP's model names (see `CLIP_LOAD`): a file, unpickled by the
     * fallback when it is no TorchScript archive. A name CLIP publishes is silent; one not resolved is reported at
     * medium at most (it may be such a name). True when the call is CLIP's `load`.
     */
    function checkClip(call: Node): boolean {
      const callee = calleeName(sc, call, CLIP_LOAD);
      if (!callee) return false;
      const name = sc.argument(call, { name: 'name', position: 0 });
      if (!name) return true;
      const value = sc.constant(name);
      if (typeof value === 'string' && CLIP_MODELS.has(value)) return true;
      const v = info();
      const confidence = confidenceFor(sc, name, call);
      context.report({
        node: call,
        messageId: 'clipFile',
        data: { callee: 'clip.load', bypass: bypassNote(v) },
        confidence: typeof value === 'string' || confidence !== 'high' ? confidence : 'medium',
        // (torch >= 2.6 required: the fallback's default is `weights_only=True`)
        severity: v.safeDefault ? 'low' : undefined,
      });
      return true;
    }

    /** AllenNLP's `load_archive(x)` / `Predictor.from_path(x)` (see `ALLENNLP_LOAD`). True when the call is one. */
    function checkAllennlp(call: Node): boolean {
      const callee = sc.qualifiedName(sc.callee(call)!);
      if (!callee || !ALLENNLP_LOAD.test(callee)) return false;
      const archive = sc.argument(call, { name: callee.endsWith('load_archive') ? 'archive_file' : 'archive_path', position: 0 });
      const v = info();
      const url = archive ? sc.constant(archive) : undefined;
      context.report({
        node: call,
        messageId: 'allennlpArchive',
        data: { callee: callee.split('.').slice(callee.endsWith('from_path') ? -2 : -1).join('.'), bypass: bypassNote(v) },
        confidence: typeof url === 'string' && /^https?:\/\//i.test(url) ? 'high' : confidenceFor(sc, archive, call),
        severity: v.safeDefault ? 'low' : undefined,
      });
      return true;
    }

    const clipGate = sc.imports.has('clip') ? sc.calleeGate(['load']) : undefined;
    const allennlpGate = sc.imports.has('allennlp') || sc.imports.has('allennlp_models') ? sc.calleeGate(['load_archive', 'from_path']) : undefined;
    const gate = torchHere ? sc.calleeGate(['load', 'partial', ...CALLBACK_CALLEE_NAMES, ...localForwarderNames(sc)]) : undefined;
    const lightningGate = sc.calleeGate(['load_from_checkpoint', '_load', ...TRAINER_METHODS]);
    return {
      call(node: Node) {
        if (lightningGate(node) && checkLightning(node)) return;
        if (clipGate?.(node) && checkClip(node)) return;
        if (allennlpGate?.(node) && checkAllennlp(node)) return;
        if (!gate?.(node)) return;
        const callee = calleeName(sc, node, DISPATCH);
        // `def load_any(path, load_fn=torch.load): load_fn(path)`: the default, unless a caller passes another
        const byDefault = callee ? undefined : sc.defaultQualifiedNames(sc.callee(node)!).find((n) => TORCH_LOAD.has(n));
        if (byDefault) {
          throughDefault = true;
          try {
            checkLoad(node, byDefault);
          } finally {
            throughDefault = false;
          }
          return;
        }
        if (callee) {
          if (TORCH_LOAD.has(callee)) return checkLoad(node, callee);
          if (callee === 'functools.partial') return checkPartial(node);
        }
        const use = callbackUse(sc, node);
        if (use) checkCallback(use);
      },
    };
  },
});
