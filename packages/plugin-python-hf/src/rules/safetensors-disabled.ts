import { createRule, UNKNOWN, type Confidence } from '@oculum/core';
import { argList, buildsArgumentsOnly, calleeOf, forwardedArgument, same, type PyNode, type PySourceCode } from '../util/ast.js';
import { isModelLoader, rawDownload } from '../util/download.js';
import { loaderCall, shortApi } from '../util/hub.js';
import { docsUrl } from '../util/meta.js';

const name = 'safetensors-disabled';

const RULE_TRIGGERS = ['use_safetensors'];

const KEY = 'use_safetensors';

/** Loaders by their last name beside `LOADER_NAMES`: diffusers' `from_single_file`, PEFT's `load_adapter`. */
const MORE_LOADER_NAMES = ['from_single_file', 'load_adapter'];

/** What a helper of this file does with the flag it is given. */
interface HelperUse {
  /** `forwarded`: passed on as `use_safetensors` to a loader; `selects`: decides the arguments of a load or download. */
  kind: 'forwarded' | 'selects';
  /** The loader, for the message. */
  loader: string;
  confidence: Confidence;
}

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    docs: {
      description: 'Reports `use_safetensors=False` given to a model loader, or to a helper that passes it on to one, which makes the loader read pickle-based weight files that can execute code.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      disabled: '{{api}} is called with use_safetensors=False: pickle-based `.bin`/`.pt` weights are loaded instead of safetensors, and a pickle can run arbitrary code.',
      maybeDisabled: '{{api}} takes use_safetensors from `{{expr}}`, which could not be resolved; when false, pickle-based weights are loaded.',
      disabledHelper: '{{api}} is called with use_safetensors=False and passes it on to {{loader}}: pickle-based `.bin`/`.pt` weights are loaded instead of safetensors, and a pickle can run arbitrary code.',
      selectsWeights: '{{api}} is called with use_safetensors=False, from which it decides what {{loader}} fetches or loads: pickle-based `.bin`/`.pt` weights may be loaded instead of safetensors, and a pickle can run arbitrary code.',
      unknownCallee: '{{api}} is called with use_safetensors=False; it is no known model loader and its code is not in this file: if it passes the flag on to one, pickle-based `.bin`/`.pt` weights are loaded instead of safetensors.',
      useSafetensors: 'Set use_safetensors=True',
    },
    remediation: 'Prefer safetensors: pass `use_safetensors=True` (or leave it unset) and publish/consume `.safetensors` weights.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    const shortName = (call: PyNode): string => {
      const fn = calleeOf(call);
      const qn = fn ? sc.qualifiedName(fn) : undefined;
      return qn ? shortApi(qn) : (fn?.text ?? 'call');
    };
    /** How sure the rule is that a call is a model loader that reads the flag. */
    const loaderConfidence = (call: PyNode): Confidence | undefined => {
      const known = loaderCall(sc, call, MORE_LOADER_NAMES);
      return known === 'resolved' ? 'high' : known === 'named' ? 'medium' : undefined;
    };
    /** A call that loads or downloads weights (a loader above, `torch.load`, `safetensors…load_file`, a raw download). */
    const loadsWeights = (call: PyNode): boolean => {
      const fn = calleeOf(call);
      return loaderConfidence(call) !== undefined || (!!fn && isModelLoader(sc.qualifiedName(fn))) || rawDownload(sc, call) !== undefined;
    };
    /**
     * What a function of this file does with the `use_safetensors` it is given: passes it on as
     * `use_safetensors` (by name, or in `**kwargs`) to a loader or to another such helper, or computes from
     * it the arguments of a load or download of its own (vLLM's `allow_patterns = "*.safetensors" if
     * use_safetensors else "*.bin"`); undefined when neither (`def export_report(path, use_safetensors=True)`).
     */
    const helperUse = (fn: PyNode, depth = 0, seen = new Set<number>()): HelperUse | undefined => {
      if (depth > 3 || seen.has(fn.id) || !sc.spend('safetensors-helper', 200)) return undefined;
      seen.add(fn.id);
      const params = sc.bindingsNamed(KEY).filter((b) => b.kind === 'parameter' && same(b.node.parent?.parent, fn));
      if (!params.length) return kwargsUse(fn, depth, seen);
      // read where the caller's value reaches (not after `use_safetensors = True`)
      const uses = sc.references(params[0], { readsOnly: true }).filter((u) => sc.reachingBindings(u).some((b) => b.kind === 'parameter'));
      if (!uses.length) return undefined;
      for (const use of uses) {
        const kw = use.parent;
        if (kw?.type !== 'keyword_argument' || kw.childForFieldName('name')?.text !== KEY || !same(kw.childForFieldName('value'), use)) continue;
        const call = kw.parent?.parent;
        if (call?.type !== 'call') continue;
        const passedOn = passedTo(call, depth, seen);
        if (passedOn) return passedOn;
      }
      for (const call of sc.callsIn(fn)) {
        if (!loadsWeights(call)) continue;
        const values = argList(call).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a)).filter((v): v is PyNode => !!v);
        if (values.some((v) => sc.derivesFrom(v, uses))) return { kind: 'selects', loader: shortName(call), confidence: 'medium' };
      }
      return undefined;
    };
    /** A helper's `**kwargs` handed whole to a loader (`AutoModel.from_pretrained(path, **kwargs)`). */
    const kwargsUse = (fn: PyNode, depth: number, seen: Set<number>): HelperUse | undefined => {
      const kwargs = fn.childForFieldName('parameters')?.namedChildren.find((p) => p.type === 'dictionary_splat_pattern')?.namedChildren[0];
      if (kwargs?.type !== 'identifier') return undefined;
      for (const call of sc.callsIn(fn)) {
        const splat = argList(call).some((a) => a.type === 'dictionary_splat' && a.namedChildren[0]?.type === 'identifier' && sc.sameVariable(a.namedChildren[0], kwargs));
        if (!splat) continue;
        const passedOn = passedTo(call, depth, seen);
        if (passedOn) return passedOn;
      }
      return undefined;
    };
    /** The flag reaches this call: a loader, or a helper that passes it on in turn. */
    const passedTo = (call: PyNode, depth: number, seen: Set<number>): HelperUse | undefined => {
      const confidence = loaderConfidence(call);
      if (confidence) return { kind: 'forwarded', loader: shortName(call), confidence };
      const inner = sc.localFunction(call);
      return inner?.type === 'function_definition' ? helperUse(inner, depth + 1, seen) : undefined;
    };
    return {
      call(node: PyNode) {
        // directly, through `**opts`, or forwarded (`pipeline(..., model_kwargs={"use_safetensors": False})`)
        const arg = sc.argument(node, { name: KEY }) ?? forwardedArgument(sc, node, KEY)?.value;
        if (!arg || buildsArgumentsOnly(sc, node, KEY)) return;
        const api = shortName(node);
        const confidence = loaderConfidence(node);
        const value = sc.constant(arg);
        if (value === UNKNOWN) {
          if (confidence) context.report({ node, messageId: 'maybeDisabled', data: { api, expr: arg.text }, confidence: 'low' });
          return;
        }
        if (value !== false && value !== 0) return;
        const suggest = arg.type === 'false' ? [{ messageId: 'useSafetensors', fix: (fixer: any) => fixer.replaceText(arg, 'True') }] : [];
        if (confidence) return void context.report({ node, messageId: 'disabled', data: { api }, suggest, confidence });
        // a function of this file: only when it hands the flag on to a loader
        const local = sc.localFunction(node);
        if (local?.type === 'function_definition') {
          const use = helperUse(local);
          if (use) context.report({ node, messageId: use.kind === 'forwarded' ? 'disabledHelper' : 'selectsWeights', data: { api, loader: use.loader }, suggest, confidence: use.confidence });
          return;
        }
        // a callee whose code is not here and whose name is no loader's
        context.report({ node, messageId: 'unknownCallee', data: { api }, suggest, confidence: 'low' });
      },
    };
  },
});
