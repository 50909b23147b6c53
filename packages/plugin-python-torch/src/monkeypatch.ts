/**
 * Replacements of `torch.load` (`torch.load = wrapper`, `setattr(torch, "load", wrapper)`) and what
 * their wrapper does to `weights_only`: `torch/weights-only-disabled-globally` reports the
 * replacement, and `torch/load-without-weights-only` leaves alone the wrapper's own call of the
 * original loader, which is part of that one finding.
 */
import { ancestorsOf, calleeName, enclosingExceptClause, flagState, getsWeightsOnlyWithFalseDefault, setOnlyWhenAbsent, weightsOnlyFalseWrite, type Node, type SC } from './utils.js';

export const TORCH_LOAD = new Set(['torch.load', 'torch.serialization.load']);

/**
 * What a replacement of `torch.load` does to the `weights_only` it passes on: `forcesFalse` (every
 * call, even one that passes True), `forcesFalseWhen` (the same, where `condition` holds: `if
 * f.endswith(".pt"): weights_only = False`), `fallsBackFalse` (False in an `except` of a `try` whose body
 * loads as the caller asked: a load that fails is retried unrestricted), `defaultsFalse` (False where the caller passes none, the
 * caller's value kept), `forcesPickleModule` (a `pickle_module` of its own: a custom unpickler, whatever
 * `weights_only` says), `safe`, or `unknown` (a function this analysis cannot see into).
 */
export type WrapperVerdict =
  | { kind: 'forcesFalse' }
  | { kind: 'forcesFalseWhen'; condition: string }
  | { kind: 'fallsBackFalse' }
  | { kind: 'defaultsFalse' }
  | { kind: 'forcesPickleModule' }
  | { kind: 'safe' }
  | { kind: 'unknown' };

const SAFE: WrapperVerdict = { kind: 'safe' };
const DEFAULTS: WrapperVerdict = { kind: 'defaultsFalse' };
const FORCES: WrapperVerdict = { kind: 'forcesFalse' };
const FALLS_BACK: WrapperVerdict = { kind: 'fallsBackFalse' };
const PICKLE_MODULE: WrapperVerdict = { kind: 'forcesPickleModule' };

/**
 * The wrapper passes a `pickle_module` of its own to the loader (`_orig(*a, pickle_module=dill, **k)`,
 * `k["pickle_module"] = dill`, `k.setdefault("pickle_module", dill)`): a custom unpickler, unsafe whatever
 * `weights_only` says, for every call that does not pass one itself.
 */
function setsPickleModule(sc: SC, body: Node): boolean {
  for (const call of sc.descendants(body, 'call')) {
    const module = sc.argument(call, { name: 'pickle_module' });
    if (module && module.type !== 'none') return true;
    const fn = sc.callee(call);
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'setdefault') {
      const key = sc.argument(call, { position: 0 });
      const value = sc.argument(call, { position: 1 });
      if (key && sc.constant(key) === 'pickle_module' && value && value.type !== 'none') return true;
    }
  }
  for (const assignment of sc.descendants(body, 'assignment')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    const key = left?.type === 'subscript' ? left.childForFieldName('subscript') : null;
    if (key && sc.constant(key) === 'pickle_module' && right && right.type !== 'none') return true;
  }
  return false;
}

/**
 * A call in an `except` handler of a `try` of the wrapper whose body calls the same loader (the original,
 * given the caller's arguments): the retry after a load that failed.
 */
function inRetryHandler(sc: SC, call: Node, body: Node): boolean {
  const callee = sc.callee(call);
  if (!callee) return false;
  const clause = enclosingExceptClause(call);
  if (clause && clause.startIndex >= body.startIndex && clause.endIndex <= body.endIndex) {
    const attempt = clause.parent?.type === 'try_statement' ? clause.parent.childForFieldName('body') : null;
    // the same loader: the same qualified name (`_orig` bound to `torch.load`), or the same variable
    const names = new Set(sc.qualifiedNames(callee));
    const same = (f: Node) => (names.size > 0 ? sc.qualifiedNames(f).some((q) => names.has(q)) : f.type === 'identifier' && callee.type === 'identifier' && sc.sameVariable(f, callee));
    return !!attempt && sc.descendants(attempt, 'call').some((c) => {
      const f = sc.callee(c);
      return !!f && same(f) && flagState(sc, sc.argument(c, { name: 'weights_only' })) !== 'false';
    });
  }
  return false;
}

/** `(lambda *a, **k: …)`: the expression inside redundant parentheses. */
export function unparenthesized(value: Node): Node {
  let v = value;
  while (v.type === 'parenthesized_expression') {
    const inner = v.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (inner.length !== 1) break;
    v = inner[0];
  }
  return v;
}

/** The conditions under which `node` runs in its function, as one line of text (`""` when none). */
function conditionText(sc: SC, node: Node): string {
  const parts = sc.branchConditions(node).reverse().map(({ condition, holds }) => {
    const text = sc.getText(condition).replace(/\s+/g, ' ').trim();
    return holds ? text : `not (${text})`;
  });
  const text = parts.join(' and ');
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * What a `weights_only` argument that names a variable forwards: a parameter of the wrapper whose
 * default is False is a default (`def patched(f, *, weights_only=False)`: a caller's True is kept);
 * a False assigned to it in the wrapper forces it, where the assignment runs (`if
 * f.endswith(".pt"): weights_only = False`), unless that assignment only fills in a missing value
 * (`if weights_only is None: weights_only = False`). undefined when it is neither.
 */
function forwardedFlag(sc: SC, flag: Node): WrapperVerdict | undefined {
  if (flag.type !== 'identifier') return undefined;
  const reaching = sc.reachingBindings(flag);
  let verdict: WrapperVerdict | undefined;
  for (const b of reaching) {
    if (b.kind === 'parameter') {
      const param = sc.parameterOf(flag);
      const fallback = param?.default;
      if (fallback && fallback.type !== 'none' && flagState(sc, fallback) === 'false') verdict ??= DEFAULTS;
      continue;
    }
    if (!b.value || b.value.type === 'none' || flagState(sc, b.value) !== 'false') continue;
    const conditions = sc.branchConditions(b.node);
    // `if weights_only is None: weights_only = False`: the caller's own value is kept
    const fillsIn = conditions.some(({ condition }) => sc.descendants(condition, 'identifier').concat(condition.type === 'identifier' ? [condition] : []).some((id) => sc.sameVariable(id, flag)));
    if (fillsIn) {
      verdict ??= DEFAULTS;
      continue;
    }
    if (conditions.length === 0) return FORCES;
    verdict = { kind: 'forcesFalseWhen', condition: conditionText(sc, b.node) };
  }
  return verdict;
}

/**
 * What a wrapper's body (a `def` or a `lambda`) does to the `weights_only` it passes on: forces False
 * (`_o(*a, **{**k, "weights_only": False})`, `k["weights_only"] = False`, a parameter set to False),
 * makes False the default and keeps the caller's value (`k.setdefault("weights_only", False)`,
 * `k.get("weights_only", False)`, an assignment under `if "weights_only" not in k:`, a parameter whose
 * default is False), or nothing.
 */
export function wrapperVerdict(sc: SC, body: Node): WrapperVerdict {
  let verdict: WrapperVerdict = SAFE;
  /** The value the language found for `weights_only` (through `**k`) was set only when the caller passed none. */
  const asDefault = (flag: Node): boolean => {
    const holder = flag.parent?.type === 'argument_list' ? flag.parent.parent : flag.parent;
    if (holder?.type === 'call') {
      const fn = sc.callee(holder);
      return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'setdefault';
    }
    return holder?.type === 'assignment' && setOnlyWhenAbsent(holder, body);
  };
  for (const call of sc.descendants(body, 'call')) {
    const flag = sc.argument(call, { name: 'weights_only' });
    if (!flag) continue;
    const forwarded = forwardedFlag(sc, flag);
    if (forwarded?.kind === 'forcesFalse') return forwarded;
    if (forwarded) {
      if (verdict.kind !== 'forcesFalseWhen') verdict = forwarded;
      continue;
    }
    // `weights_only=None` is torch.load's own default, not False
    const isFalse = flagState(sc, flag) === 'false' && sc.constant(flag) !== null;
    if (getsWeightsOnlyWithFalseDefault(sc, flag) || (isFalse && asDefault(flag))) {
      if (verdict.kind === 'safe') verdict = DEFAULTS;
    } else if (isFalse) {
      // `try: return _orig(f, **k)` / `except Exception: return _orig(f, weights_only=False, **k)`
      if (inRetryHandler(sc, call, body)) {
        if (verdict.kind === 'safe' || verdict.kind === 'defaultsFalse') verdict = FALLS_BACK;
        continue;
      }
      return FORCES;
    }
  }
  const write = weightsOnlyFalseWrite(sc, body);
  if (write === 'forces') return FORCES;
  if (write === 'defaults' && verdict.kind === 'safe') verdict = DEFAULTS;
  return verdict.kind === 'safe' && setsPickleModule(sc, body) ? PICKLE_MODULE : verdict;
}

/** What a value put in the place of `torch.load` does (see `WrapperVerdict`). */
export function replacementVerdict(sc: SC, replacement: Node): WrapperVerdict {
  const value = unparenthesized(replacement);
  if (value.type === 'lambda') return wrapperVerdict(sc, value);
  if (value.type === 'none') return SAFE;
  if (value.type === 'call') {
    const q = calleeName(sc, value);
    if (q === 'functools.partial') {
      // a keyword bound by `partial` is a default: the caller's own `weights_only=True` replaces it
      const state = flagState(sc, sc.argument(value, { name: 'weights_only' }));
      return state === 'false' ? DEFAULTS : state === 'unknown' ? { kind: 'unknown' } : SAFE;
    }
    if (q && /(^|\.)(mock|Mock|MagicMock|patch|create_autospec)($|\.)/.test(q)) return SAFE;
    return { kind: 'unknown' };
  }
  const fn = sc.localFunction(value);
  if (fn) return wrapperVerdict(sc, fn);
  const q = sc.qualifiedName(value);
  if (q && TORCH_LOAD.has(q)) return SAFE; // restoring the original
  if (q && /(^|\.)(mock|Mock|MagicMock)($|\.)/.test(q)) return SAFE;
  if (value.type === 'identifier' && sc.bindingsOf(value).some((v) => TORCH_LOAD.has(sc.qualifiedName(v) ?? ''))) return SAFE;
  return { kind: 'unknown' };
}

/**
 * The `torch.load` this node replaces when it installs a replacement: `torch.load = value` (an
 * assignment) or `setattr(torch, "load", value)` (a call), with the value; undefined otherwise.
 */
export function torchLoadReplacement(sc: SC, node: Node): { target: string; value: Node } | undefined {
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'attribute' || !right || left.childForFieldName('attribute')?.text !== 'load') return undefined;
    const target = sc.qualifiedName(left);
    return target && TORCH_LOAD.has(target) ? { target, value: right } : undefined;
  }
  if (node.type === 'call' && calleeName(sc, node) === 'builtins.setattr') {
    const obj = sc.argument(node, { position: 0 });
    const name = sc.argument(node, { position: 1 });
    const value = sc.argument(node, { position: 2 });
    const base = obj ? sc.qualifiedName(obj) : undefined;
    if (value && name && sc.constant(name) === 'load' && (base === 'torch' || base === 'torch.serialization')) return { target: `${base}.load`, value };
  }
  return undefined;
}

/**
 * The call runs inside a wrapper that this file installs in the place of `torch.load` and that does
 * something to `weights_only` (`replacementVerdict` neither `safe` nor `unknown`): the wrapper's
 * forwarding call of the original loader is part of that monkeypatch, reported once where it is
 * installed. The wrapper is the innermost `def` or `lambda` around the call.
 */
export function inInstalledWrapper(sc: SC, call: Node): boolean {
  // (`ancestorsOf`, from the root down: walking `.parent`, each step of which web-tree-sitter finds from the root,
  // made a load under thousands of parentheses quadratic)
  let wrapper: Node | undefined;
  for (const p of ancestorsOf(call)) {
    if (p.type === 'lambda' || p.type === 'function_definition') {
      wrapper = p;
      break;
    }
  }
  if (!wrapper) return false;
  // once per wrapper: a function of 20,000 loads asked about its references for each (quadratic)
  let byWrapper = installedWrappers.get(sc);
  if (!byWrapper) installedWrappers.set(sc, (byWrapper = new Map()));
  let installed = byWrapper.get(wrapper.id);
  if (installed === undefined) byWrapper.set(wrapper.id, (installed = installsAsTorchLoad(sc, wrapper)));
  return installed;
}

const installedWrappers = new WeakMap<SC, Map<number, boolean>>();

/** Whether a function or lambda is installed as `torch.load` by a replacement that disables `weights_only`. */
function installsAsTorchLoad(sc: SC, wrapper: Node): boolean {
  const installs: Node[] = [];
  if (wrapper.type === 'lambda') {
    // `torch.load = (lambda *a, **k: …)`
    let holder = wrapper.parent;
    while (holder?.type === 'parenthesized_expression') holder = holder.parent;
    if (holder?.type === 'assignment') installs.push(holder);
    else if (holder?.type === 'argument_list' && holder.parent?.type === 'call') installs.push(holder.parent);
  } else {
    const name = wrapper.childForFieldName('name');
    for (const use of name ? sc.references(name, { readsOnly: true }) : []) {
      let holder = use.parent;
      while (holder?.type === 'parenthesized_expression') holder = holder.parent;
      if (holder?.type === 'assignment') installs.push(holder);
      else if (holder?.type === 'argument_list' && holder.parent?.type === 'call') installs.push(holder.parent);
    }
  }
  return installs.some((node) => {
    const replacement = torchLoadReplacement(sc, node);
    if (!replacement) return false;
    const kind = replacementVerdict(sc, replacement.value).kind;
    return kind !== 'safe' && kind !== 'unknown';
  });
}
