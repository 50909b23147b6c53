import { judgeGlobal } from '@oculum/plugin-model-files/pickle';
import { UNKNOWN, createRule, type Confidence } from '@oculum/core';
import { importTrigger, memberTrigger, type PythonSourceCode } from '@oculum/lang-python';
import { replacementVerdict, TORCH_LOAD, torchLoadReplacement, unparenthesized } from '../monkeypatch.js';
import { calleeName, flagState, isStubFile, truthy, type Node } from '../utils.js';

/** torch >= 2.6 asks this function whether a missing `weights_only` means True. */
const DEFAULT_HOOK = 'torch.serialization._default_to_weights_only';
const ENV_VAR = 'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD';
/** The values torch reads as "on" for its TORCH_FORCE_* switches. */
const TRUE_VALUES = new Set(['1', 'y', 'yes', 'true']);
/** What allowlists globals for the `weights_only` unpickler, process-wide or for a `with` block (torch >= 2.4/2.5). */
const SAFE_GLOBALS_APIS = new Set(['torch.serialization.add_safe_globals', 'torch.serialization.safe_globals']);
const MAX_SAFE_GLOBALS = 200;

/** What a replacement of `_default_to_weights_only` does: makes the default False, keeps it, or unknown. */
type Verdict = 'forcesFalse' | 'safe' | 'unknown';

export default createRule<[], PythonSourceCode>({
  name: 'weights-only-disabled-globally',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    // `torch.load = …`, `setattr(torch, "load", …)`: `torch.load` named as the rule resolves it
    triggers: [...memberTrigger('load', ['torch', 'torch.serialization']), '_default_to_weights_only', ENV_VAR, 'safe_globals'],
    triggerGroups: [[importTrigger(['torch']), ENV_VAR]], // what `create` needs: torch imported or the variable
    docs: {
      description:
        "Reports code that turns off `torch.load`'s `weights_only` protection for the whole process: replacing `torch.load` with a wrapper that forces `weights_only=False` or passes its own `pickle_module`, patching `torch.serialization._default_to_weights_only` to return False, setting `TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD`, or allowlisting a global that runs code (`builtins.eval`, `getattr`) with `torch.serialization.add_safe_globals` or `safe_globals`.",
      recommended: true,
    },
    messages: {
      monkeypatch:
        '`{{target}}` is replaced by a wrapper that forces `weights_only=False`: every `torch.load` in the process, even those that ask for `weights_only=True`, now unpickles arbitrary objects. Keep `weights_only=True` and allow trusted classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
      monkeypatchWhen:
        '`{{target}}` is replaced by a wrapper that forces `weights_only=False` when `{{condition}}`: every `torch.load` in the process for which that holds, even one that asks for `weights_only=True`, unpickles arbitrary objects. Keep `weights_only=True` and allow trusted classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
      monkeypatchFallback:
        '`{{target}}` is replaced by a wrapper that retries a failed load with `weights_only=False`: every checkpoint the safe load refuses, as a malicious one is, is then unpickled without restriction, by every `torch.load` in the process. Let the load fail; allow trusted classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
      monkeypatchDefault:
        '`{{target}}` is replaced by a wrapper that makes `weights_only` default to False: every `torch.load` in the process that does not pass `weights_only=True` itself now unpickles arbitrary objects, on torch >= 2.6 too. Keep the default (`weights_only=True`) and allow trusted classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
      monkeypatchScoped:
        '`{{target}}` is replaced by a wrapper that {{how}} until line {{line}} puts the original back: every `torch.load` made in between, by this code or any other thread, unpickles arbitrary objects{{unless}}. Pass `weights_only=False` only to the one load of a trusted file, better allow its classes with `torch.serialization.add_safe_globals`, or convert it to safetensors.',
      monkeypatchPickleModule:
        '`{{target}}` is replaced by a wrapper that passes a `pickle_module` of its own: every `torch.load` in the process that does not pass one itself deserializes with that unpickler, which runs arbitrary code whatever `weights_only` says. Remove the wrapper; load with `weights_only=True` (allowing trusted classes with `torch.serialization.add_safe_globals`), or convert checkpoints to safetensors.',
      monkeypatchUnknown:
        '`{{target}}` is replaced by a function this analysis cannot see into; if it forces `weights_only=False`, every `torch.load` in the process unpickles arbitrary objects. Keep `weights_only=True` (with `torch.serialization.add_safe_globals`) or use safetensors.',
      defaultPatched:
        '`torch.serialization._default_to_weights_only` is replaced so that a missing `weights_only` means False: every `torch.load` in the process that relies on the safe default of torch >= 2.6 now unpickles arbitrary objects. Pass `weights_only=False` only where a trusted file needs it, better allow its classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
      defaultPatchedUnknown:
        '`torch.serialization._default_to_weights_only` is replaced by a function this analysis cannot see into; if it returns False, every `torch.load` without `weights_only` unpickles arbitrary objects. Keep the default (`weights_only=True`) and use `torch.serialization.add_safe_globals`.',
      dangerousSafeGlobal:
        '`{{api}}` allowlists {{globals}} for the `weights_only` unpickler, which lets a checkpoint call {{them}} (REDUCE may call any allowlisted global): every `torch.load(..., weights_only=True)` {{scope}} runs code a malicious checkpoint chooses. Allowlist only the classes the checkpoint needs (your own model classes, `numpy.dtype`), never builtins such as `eval` or `getattr`.',
      envVar:
        'Setting TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD makes every `torch.load` in the process that does not pass `weights_only` unpickle arbitrary objects. Remove it; allow trusted classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
    },
    remediation: 'Keep weights_only=True process-wide; allowlist trusted classes with torch.serialization.add_safe_globals or convert checkpoints to safetensors.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    const hasTorch = sc.imports.has('torch');
    const mentionsEnv = sc.text.includes(ENV_VAR);
    if (!hasTorch && !mentionsEnv) return {};

    /** What a replacement of `_default_to_weights_only` returns: always false, always true, or unknown. */
    function defaultHookVerdict(replacement: Node): Verdict {
      const value = unparenthesized(replacement);
      const returns = (fn: Node): Node[] => {
        if (fn.type === 'lambda') {
          const body = fn.childForFieldName('body');
          return body ? [body] : [];
        }
        return sc
          .descendants(fn, 'return_statement')
          .filter((r) => sc.enclosingFunction(r).id === fn.id)
          .map((r) => r.namedChildren.find((c) => !!c && c.type !== 'comment') ?? r);
      };
      const fn: Node | undefined = value.type === 'lambda' ? value : sc.localFunction(value);
      if (!fn) {
        const v = sc.constant(value);
        if (v === UNKNOWN) {
          const q = sc.qualifiedName(value);
          return q === DEFAULT_HOOK ? 'safe' : 'unknown'; // restoring the original
        }
        // a constant is not callable: torch.load then fails (`TypeError`) instead of unpickling
        return 'unknown';
      }
      // torch calls it with the pickle module: one taking no argument fails the same way
      const params = fn.childForFieldName('parameters');
      if (!params || params.namedChildren.filter((c) => !!c && c.type !== 'comment').length === 0) return 'unknown';
      const values = returns(fn);
      if (values.length === 0) return 'forcesFalse'; // returns None
      const states = values.map((v) => (v.type === 'return_statement' ? 'false' : flagState(sc, v)));
      if (states.every((st) => st === 'false')) return 'forcesFalse';
      if (states.every((st) => st === 'true')) return 'safe';
      return 'unknown';
    }

    function reportDefaultHook(node: Node, value: Node): void {
      const verdict = defaultHookVerdict(value);
      if (verdict === 'safe') return;
      context.report({
        node,
        messageId: verdict === 'forcesFalse' ? 'defaultPatched' : 'defaultPatchedUnknown',
        confidence: verdict === 'forcesFalse' ? 'high' : 'low',
      });
    }

    function reportReplacement(node: Node): void {
      const replacement = torchLoadReplacement(sc, node);
      if (!replacement) return;
      const { target, value } = replacement;
      const verdict = replacementVerdict(sc, value);
      if (verdict.kind === 'safe') return;
      // `_orig = torch.load; torch.load = patched; try: … finally: torch.load = _orig`: for a while only
      const restore = verdict.kind === 'unknown' ? undefined : restoredAt(node, target);
      if (restore) {
        const how =
          verdict.kind === 'forcesFalse'
            ? 'forces `weights_only=False`'
            : verdict.kind === 'forcesFalseWhen'
              ? `forces \`weights_only=False\` when \`${verdict.condition}\``
              : verdict.kind === 'fallsBackFalse'
                ? 'retries a failed load with `weights_only=False`'
                : verdict.kind === 'forcesPickleModule'
                  ? 'passes a `pickle_module` of its own'
                  : 'makes `weights_only` default to False';
        context.report({
          node,
          messageId: 'monkeypatchScoped',
          data: { target, how, line: sc.lineLabel(restore), unless: verdict.kind === 'defaultsFalse' ? ' unless it passes `weights_only=True` itself' : '' },
          confidence: 'high',
        });
        return;
      }
      const messageId = { forcesFalse: 'monkeypatch', forcesFalseWhen: 'monkeypatchWhen', fallsBackFalse: 'monkeypatchFallback', defaultsFalse: 'monkeypatchDefault', forcesPickleModule: 'monkeypatchPickleModule', unknown: 'monkeypatchUnknown' }[verdict.kind];
      context.report({
        node,
        messageId,
        data: { target, condition: verdict.kind === 'forcesFalseWhen' ? verdict.condition : '' },
        confidence: verdict.kind === 'unknown' ? 'low' : 'high',
      });
    }

    /**
     * The assignment that puts the original loader back in `target` in the `finally` of the `try` the
     * patch is installed in, or of the `try` statement right after the install (`_orig = torch.load;
     * torch.load = patched; try: … finally: torch.load = _orig`), when there is one: only then does
     * the patch end on every path. A restore in an `except`, in another function (`def unpatch()`), or
     * later in the body without a `finally` leaves the patch in place on some path.
     */
    function restoredAt(install: Node, target: string): Node | undefined {
      let statement: Node = install;
      while (statement.parent && statement.parent.type !== 'block' && statement.parent.type !== 'module') statement = statement.parent;
      const tries: Node[] = [];
      let next = statement.nextNamedSibling;
      while (next?.type === 'comment') next = next.nextNamedSibling;
      if (next?.type === 'try_statement') tries.push(next);
      // the install inside a try's body (not its handlers or finally), up to the enclosing function
      for (let p: Node | null = statement.parent; p && p.type !== 'function_definition' && p.type !== 'lambda'; p = p.parent) {
        if (p.type === 'block' && p.parent?.type === 'try_statement' && p.parent.childForFieldName('body')?.id === p.id) tries.push(p.parent);
      }
      for (const t of tries) {
        const restore = finallyRestore(t, target);
        if (restore) return restore;
      }
      return undefined;
    }

    /** Per `try` and target: the restore of the original loader its `finally` makes (computed once). */
    const finallyRestores = new Map<string, Node | null>();

    /**
     * The assignment `target = <the original loader>` that the `finally` of `t` makes as one of its own
     * statements (not under an `if`, not in a nested function: one that always runs).
     */
    function finallyRestore(t: Node, target: string): Node | undefined {
      const key = `${t.id}\u0000${target}`;
      const known = finallyRestores.get(key);
      if (known !== undefined) return known ?? undefined;
      let found: Node | null = null;
      const fin = t.namedChildren.find((c) => c?.type === 'finally_clause');
      const body = fin?.namedChildren.find((c) => c?.type === 'block');
      for (const statement of body?.namedChildren ?? []) {
        const a = statement?.type === 'expression_statement' ? statement.namedChildren.find((c) => c?.type === 'assignment') : undefined;
        const left = a?.childForFieldName('left');
        const right = a?.childForFieldName('right');
        if (!a || left?.type !== 'attribute' || !right || left.childForFieldName('attribute')?.text !== 'load') continue;
        if (sc.qualifiedName(left) === target && sc.qualifiedNames(right).some((q) => TORCH_LOAD.has(q))) {
          found = a;
          break;
        }
      }
      finallyRestores.set(key, found);
      return found ?? undefined;
    }

    function reportEnv(node: Node, value: Node | undefined): void {
      if (!value) return;
      const v = sc.constant(value);
      let confidence: Confidence = 'high';
      if (v === UNKNOWN) confidence = 'low';
      else if (!TRUE_VALUES.has(String(v).trim().toLowerCase())) return;
      context.report({ node, messageId: 'envVar', confidence });
    }

    /** `TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD` written to the environment, in any of the ways the language package knows. */
    function reportEnvWrites(node: Node): void {
      for (const value of sc.environmentWrites(node, ENV_VAR)) reportEnv(node, value);
    }

    const setattrGate = sc.calleeGate(['setattr']);
    const safeGlobalsGate = sc.calleeGate(['add_safe_globals', 'safe_globals']);

    /**
     * `torch.serialization.add_safe_globals([builtins.eval, getattr])` / `safe_globals([...])`: the entries
     * (an object, or an `(object, "qualified.name")` pair) the list may hold (`SourceCode.possibleElements`:
     * as written, through names, `BASE + [getattr]`, `list(…)`, `.append`/`.extend`), judged by their qualified names with the model-file scanner's dangerous-globals policy
     * (`settings.model`). The weights_only unpickler calls an allowlisted global on REDUCE, so a
     * code-running one re-opens code execution. An entry that does not resolve is not judged.
     */
    function reportSafeGlobals(node: Node): void {
      const api = calleeName(sc, node);
      if (!api || !SAFE_GLOBALS_APIS.has(api)) return;
      const list = sc.argument(node, { position: 0, name: 'safe_globals' });
      if (!list) return;
      const found: string[] = [];
      let builtin = false;
      for (const item of sc.possibleElements(list).slice(0, MAX_SAFE_GLOBALS)) {
        const obj = item.type === 'tuple' ? item.namedChildren.find((c) => !!c && c.type !== 'comment') : item;
        const q = obj && sc.qualifiedName(obj);
        const dot = q ? q.lastIndexOf('.') : -1;
        if (!q || dot <= 0) continue;
        if (judgeGlobal(q.slice(0, dot), q.slice(dot + 1), context.settings as Record<string, unknown>) !== 'dangerous') continue;
        if (!found.includes(q)) found.push(q);
        if (q.startsWith('builtins.')) builtin = true;
      }
      if (found.length === 0) return;
      context.report({
        node,
        messageId: 'dangerousSafeGlobal',
        data: { api, globals: found.map((q) => `\`${q}\``).join(', '), them: found.length === 1 ? 'it' : 'them', scope: api.endsWith('.add_safe_globals') ? 'in the process after this' : 'while this context manager is in force' },
        // (a builtin that runs code or reaches object internals: certain; another listed module's global: as the policy says)
        confidence: builtin ? 'high' : 'medium',
      });
    }

    return {
      assignment(node: Node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return;
        if (left.type === 'attribute' && hasTorch) {
          const attr = left.childForFieldName('attribute')?.text;
          if (attr !== 'load' && attr !== '_default_to_weights_only') return;
          if (attr === 'load') reportReplacement(node);
          else if (sc.qualifiedName(left) === DEFAULT_HOOK) reportDefaultHook(node, right);
          return;
        }
        if (left.type === 'subscript' && mentionsEnv) reportEnvWrites(node);
      },
      call(node: Node) {
        if (mentionsEnv) reportEnvWrites(node);
        if (hasTorch && safeGlobalsGate(node)) reportSafeGlobals(node);
        // Cheap syntactic gate before resolving the name: only `setattr(torch, "load", …)` matters here.
        if (!hasTorch || !setattrGate(node)) return;
        if (calleeName(sc, node) === 'builtins.setattr') {
          const obj = sc.argument(node, { position: 0 });
          const name = sc.argument(node, { position: 1 });
          const value = sc.argument(node, { position: 2 });
          const base = obj ? sc.qualifiedName(obj) : undefined;
          if (value && name && sc.constant(name) === 'load' && (base === 'torch' || base === 'torch.serialization')) {
            reportReplacement(node);
          } else if (value && name && base === 'torch.serialization' && sc.constant(name) === '_default_to_weights_only') {
            reportDefaultHook(node, value);
          }
        }
      },
      augmented_assignment(node: Node) {
        // os.environ |= {"TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": "1"}
        if (mentionsEnv) reportEnvWrites(node);
      },
    };
  },
});
