/**
 * APIs that call a function they are handed: `map(torch.load, paths)`, `pool.imap(pickle.load, fs)`,
 * `executor.submit(download, url, dst)`, `asyncio.to_thread(torch.load, p)`,
 * `loop.run_in_executor(None, torch.load, p)`, joblib's `delayed(torch.load)(p)`,
 * `threading.Thread(target=download, args=(url, dst))`. The one place that knows them: a rule asks
 * `callbackUse` whether a call hands a function over, and `callbackArgument` what it is then called with.
 */
import { UNKNOWN, type Unknown } from '@oculum/core';
import type { PythonNode as Node, PythonSourceCode as SC } from './source-code.js';

function firstAmong(names: readonly string[], among: { has(name: string): boolean }): string | undefined {
  for (const n of names) if (among.has(n)) return n;
  return undefined;
}

/** The first name the callee of `call` may have (on some path) that is in `among`. */
function calleeAmong(sc: SC, call: Node, among: { has(name: string): boolean }): string | undefined {
  const callee = sc.callee(call);
  return callee ? firstAmong(sc.possibleQualifiedNames(callee), among) : undefined;
}

/** What the API calls the function with, beyond what it is given. */
type Forwarding =
  /** items of iterables (`map(f, xs, ys)`: `f(x, y)`), no keywords */
  | 'items'
  /** tuples of an iterable, spread (`starmap(f, [(a, b)])`: `f(a, b)`) */
  | 'spread'
  /** the API's own later arguments, positional and keyword (`submit(f, a, k=v)`: `f(a, k=v)`) */
  | 'rest'
  /** the API's later positional arguments only (`run_in_executor(ex, f, a)`: `f(a)`) */
  | 'restPositional'
  /** an args tuple and a kwds mapping (`pool.apply_async(f, (a,), {"k": v})`) */
  | 'argsKwds'
  /** the arguments of the call of its result (`delayed(f)(a, k=v)`) */
  | 'outer'
  /**
   * a UI's values, one per input component, positionally; no keywords (Gradio's `gr.Interface(fn=f,
   * inputs=gr.File())`: `f(path)` with the file a user uploaded)
   */
  | 'ui'
  /** each element of the receiver, alone; no keywords (a Spark RDD's `rdd.mapValues(f)`: `f(v)`) */
  | 'elements'
  /** the arguments of `.remote(...)` on its result (Ray's `ray.remote(f).remote(a, k=v)`) */
  | 'remote';

export interface CallbackApi {
  /** Where the function is handed over (and the keyword that may name it: `Thread(target=f)`). */
  position: number;
  keyword?: string;
  forwards: Forwarding;
  /** With `argsKwds`: where the args tuple and the keyword mapping are (default: right after the function, `kwds`). */
  args?: { name: string; position: number };
  kwds?: { name: string; position: number };
  /** With `ui`: the argument listing the input components (one value each), and how many values come before them. */
  inputs?: { name: string; position?: number };
  fixedInputs?: number;
  /** Also called with options first, then handed the function (`ray.remote(num_cpus=1)(f)`). */
  optionsCall?: boolean;
}

/** Functions that call their callback, by qualified name. */
const FUNCTIONS = new Map<string, CallbackApi>([
  ['builtins.map', { position: 0, forwards: 'items' }],
  ['itertools.starmap', { position: 0, forwards: 'spread' }],
  ['asyncio.to_thread', { position: 0, forwards: 'rest' }],
  ['joblib.delayed', { position: 0, forwards: 'outer' }],
  // `dask.delayed(pickle.load)(f)`: the outer call's arguments, when the graph is computed
  ['dask.delayed', { position: 0, forwards: 'outer' }],
  ['dask.delayed.delayed', { position: 0, forwards: 'outer' }],
  ['sklearn.utils.delayed', { position: 0, forwards: 'outer' }],
  ['sklearn.utils.parallel.delayed', { position: 0, forwards: 'outer' }],
  ['sklearn.utils.fixes.delayed', { position: 0, forwards: 'outer' }],
  // `Thread(group=None, target=None, name=None, args=(), kwargs=None)`, and multiprocessing's Process
  ['threading.Thread', { position: 1, keyword: 'target', forwards: 'argsKwds', args: { name: 'args', position: 3 }, kwds: { name: 'kwargs', position: 4 } }],
  ['multiprocessing.Process', { position: 1, keyword: 'target', forwards: 'argsKwds', args: { name: 'args', position: 3 }, kwds: { name: 'kwargs', position: 4 } }],
  ['multiprocessing.context.Process', { position: 1, keyword: 'target', forwards: 'argsKwds', args: { name: 'args', position: 3 }, kwds: { name: 'kwargs', position: 4 } }],
  // rl_games' checkpoint retry wrapper (IsaacGymEnvs, OmniIsaacGymEnvs): `safe_filesystem_op(torch.load, fn, weights_only=False)`;
  // a copy defined in the file is read as what it is (`localForwarder`)
  ['rl_games.algos_torch.torch_ext.safe_filesystem_op', { position: 0, forwards: 'rest' }],
  // Gradio calls `fn` with the values of the input components, what a user typed or uploaded
  // (`Interface(fn, inputs, outputs, …)`; `ChatInterface(fn, *, additional_inputs=None, …)`: `fn(message, history, *additional)`)
  ['gradio.Interface', { position: 0, keyword: 'fn', forwards: 'ui', inputs: { name: 'inputs', position: 1 } }],
  ['gradio.ChatInterface', { position: 0, keyword: 'fn', forwards: 'ui', inputs: { name: 'additional_inputs' }, fixedInputs: 2 }],
  // Ray runs `f` as a task with what `.remote(...)` is given (`ray.remote(torch.load).remote(p)`; also
  // `ray.remote(num_cpus=1)(joblib.load).remote(p)`)
  ['ray.remote', { position: 0, forwards: 'remote', optionsCall: true }],
]);

/**
 * Methods that call their callback whatever the receiver: `multiprocessing` pools, `concurrent.futures`
 * executors, asyncio event loops (the receiver is rarely resolvable; the names are specific enough,
 * and a `.map(f)`/`.apply(f)` of a pandas Series calls `f` on every value as well).
 */
const METHODS = new Map<string, CallbackApi>([
  ['map', { position: 0, forwards: 'items' }],
  ['imap', { position: 0, forwards: 'items' }],
  ['imap_unordered', { position: 0, forwards: 'items' }],
  ['map_async', { position: 0, forwards: 'items' }],
  ['starmap', { position: 0, forwards: 'spread' }],
  ['starmap_async', { position: 0, forwards: 'spread' }],
  ['apply', { position: 0, forwards: 'argsKwds' }],
  ['apply_async', { position: 0, forwards: 'argsKwds' }],
  ['submit', { position: 0, forwards: 'rest' }],
  ['run_in_executor', { position: 1, forwards: 'restPositional' }],
  // a Spark RDD's transformations and actions call `f` on each element (each value of a pair: `mapValues`); not
  // `mapPartitions`, which hands `f` an iterator over a partition
  ['mapValues', { position: 0, forwards: 'elements' }],
  ['flatMap', { position: 0, forwards: 'elements' }],
  ['flatMapValues', { position: 0, forwards: 'elements' }],
  ['foreach', { position: 0, forwards: 'elements' }],
]);

/**
 * Gradio's event listeners (`btn.click(fn, inputs, outputs)`, `demo.load(fn, …)`, `.then(fn, …)` of another
 * listener): `fn` is called with the input components' values. The names are common ones (`demo.load`, `.then`), so
 * only on a receiver known to be a Gradio object (`btn = gr.Button(…)`, `with gr.Blocks() as demo`, a listener's result)
 * in a file that imports gradio (`gradioReceiver`).
 */
const GRADIO_LISTENER: CallbackApi = { position: 0, keyword: 'fn', forwards: 'ui', inputs: { name: 'inputs', position: 1 } };
const GRADIO_LISTENERS = new Set(['click', 'change', 'upload', 'submit', 'input', 'then', 'success', 'load', 'select', 'release']);

/** The last names of those APIs, for a rule's `calleeGate`. */
export const CALLBACK_CALLEE_NAMES: readonly string[] = [...new Set([...[...FUNCTIONS.keys()].map((q) => q.slice(q.lastIndexOf('.') + 1)), ...METHODS.keys(), ...GRADIO_LISTENERS])];

/** Per file: the receivers `gradioReceiver` has judged (each link of a long `.then(…)` chain once). */
const gradioReceivers = new WeakMap<SC, Map<number, boolean>>();

/**
 * The receiver of a method is a Gradio object: what it holds is an instance of a class of `gradio` (`gr.Button(…)`,
 * `gr.Blocks()`), or it is the result of such an object's event listener (`btn.click(…).then(…)`, down the chain
 * iteratively, each link judged once per file).
 */
function gradioReceiver(sc: SC, receiver: Node): boolean {
  let memo = gradioReceivers.get(sc);
  if (!memo) gradioReceivers.set(sc, (memo = new Map()));
  const walked: Node[] = [];
  let at: Node = receiver;
  let answer = false;
  for (;;) {
    const known = memo.get(at.id);
    if (known !== undefined) {
      answer = known;
      break;
    }
    walked.push(at);
    const types = sc.instanceTypes(at);
    if (types.length > 0) {
      answer = types.every((t) => t.startsWith('gradio.'));
      break;
    }
    const callee = at.type === 'call' ? sc.callee(at) : undefined;
    const object = callee?.type === 'attribute' && GRADIO_LISTENERS.has(callee.childForFieldName('attribute')?.text ?? '') ? callee.childForFieldName('object') : null;
    if (!object) break;
    at = object;
  }
  for (const n of walked) memo.set(n.id, answer);
  return answer;
}

/** A call that hands a function over to an API that calls it. */
export interface CallbackUse {
  /** The API's call (`map(torch.load, paths)`, `delayed(torch.load)`). */
  call: Node;
  /** The function handed over (`torch.load`, `functools.partial(np.load, allow_pickle=True)`, a name). */
  fn: Node;
  /** How a message names the API: `map`, `.submit`, `asyncio.to_thread`, `delayed`. */
  via: string;
  api: CallbackApi;
  /**
   * The call whose arguments the API hands on to the function, where a `**kwargs` it forwards is spelled
   * (`to_thread(f, p, **kw)` itself, the outer call of `delayed(f)(p)`); undefined when the API hands on
   * none of its own (`map`, `starmap`) or that call is not found.
   */
  forwarded?: Node;
}

/** The call hands a function to an API that calls it: which function, and through what. */
export function callbackUse(sc: SC, call: Node): CallbackUse | undefined {
  const callee = sc.callee(call);
  if (!callee) return undefined;
  let api: CallbackApi | undefined;
  let via: string | undefined;
  // `ray.remote(num_cpus=1)(f)`: an API's options call, then the function
  if (callee.type === 'call') {
    const options = calleeAmong(sc, callee, FUNCTIONS);
    const optionsApi = options ? FUNCTIONS.get(options) : undefined;
    if (!optionsApi?.optionsCall || positionalCount(callee) !== 0) return undefined;
    const fn = sc.argument(call, { position: 0 });
    if (!fn || fn.type === 'list_splat' || fn.type === 'dictionary_splat') return undefined;
    const use: CallbackUse = { call, fn, via: options!, api: { ...optionsApi, position: 0 } };
    const forwarded = forwardedCallOf(sc, use);
    if (forwarded) use.forwarded = forwarded;
    return use;
  }
  const q = calleeAmong(sc, call, FUNCTIONS);
  const local = q ? undefined : localForwarder(sc, call);
  if (q) {
    api = FUNCTIONS.get(q);
    via = q.startsWith('builtins.') ? q.slice('builtins.'.length) : q.startsWith('asyncio.') || q.startsWith('itertools.') || q.startsWith('ray.') ? q : q.slice(q.lastIndexOf('.') + 1);
  } else if (local) {
    api = local.api;
    via = local.name;
  } else if (callee.type === 'attribute') {
    const method = callee.childForFieldName('attribute')?.text;
    const object = callee.childForFieldName('object');
    api = method && GRADIO_LISTENERS.has(method) && object && sc.imports.has('gradio') && gradioReceiver(sc, object) ? GRADIO_LISTENER : method ? METHODS.get(method) : undefined;
    via = `.${method}`;
  }
  if (!api || !via) return undefined;
  const fn = sc.argument(call, { position: api.position, ...(api.keyword ? { name: api.keyword } : {}) });
  if (!fn || fn.type === 'list_splat' || fn.type === 'dictionary_splat') return undefined;
  const use: CallbackUse = { call, fn, via, api };
  // a UI that passes its function no value (`demo.load(torch.load, None, out)`): it is called with nothing
  // to load, so it is no use of the function's arguments
  if (api.forwards === 'ui' && uiValueCount(sc, use) === 0) return undefined;
  const forwarded = forwardedCallOf(sc, use);
  if (forwarded) use.forwarded = forwarded;
  return use;
}

/** The call whose arguments the API hands on (`CallbackUse.forwarded`). */
function forwardedCallOf(sc: SC, use: CallbackUse): Node | undefined {
  switch (use.api.forwards) {
    case 'items':
    case 'spread':
    case 'ui':
    case 'elements':
      return undefined;
    case 'outer':
      return outerCall(use);
    case 'remote':
      return remoteCall(sc, use);
    default:
      return use.call;
  }
}

/** Per file: each local `def` read by `localForwarder` (null: it forwards nothing). */
const forwarders = new WeakMap<SC, Map<number, { api: CallbackApi; name: string } | null>>();

/**
 * A function of this file that calls one of its parameters with its own `*args, **kwargs` and
 * nothing else (`def safe_filesystem_op(func, *args, **kwargs): ... return func(*args, **kwargs)`):
 * an API that forwards its later arguments to the function it is handed (`rest`). Not when the
 * parameter is rebound in the function, or called with anything besides the two splats.
 */
function localForwarder(sc: SC, call: Node): { api: CallbackApi; name: string } | undefined {
  // a plain function: a method's `self` would shift the positions
  const callee = sc.callee(call);
  if (callee?.type !== 'identifier') return undefined;
  // (asked of every call by some rules: the file's forwarders first, a set lookup; an alias of one is
  // followed when some forwarder exists)
  const names = localForwarderNames(sc);
  if (names.length === 0) return undefined;
  const def = sc.localFunction(call);
  if (!def || def.type !== 'function_definition') return undefined;
  return forwarderOf(sc, def) ?? undefined;
}

function forwarderOf(sc: SC, def: Node): { api: CallbackApi; name: string } | null {
  let byDef = forwarders.get(sc);
  if (!byDef) forwarders.set(sc, (byDef = new Map()));
  let found = byDef.get(def.id);
  if (found === undefined) {
    found = readForwarder(def);
    byDef.set(def.id, found);
  }
  return found;
}

/** Per file: the names `localForwarderNames` gives. */
const forwarderNames = new WeakMap<SC, readonly string[]>();
const NO_NAMES: readonly string[] = [];

/**
 * The names of this file's functions that `callbackUse` reads as forwarders (`def retry(func, *args,
 * **kwargs): return func(*args, **kwargs)`), for a rule's `calleeGate` next to `CALLBACK_CALLEE_NAMES`:
 * `retry(torch.load, p)` is a call the gate must let through. From the scope model's `def` bindings
 * (functions and nested functions, not methods), once per file.
 */
export function localForwarderNames(sc: SC): readonly string[] {
  let names = forwarderNames.get(sc);
  if (names) return names;
  names = NO_NAMES;
  // a forwarder takes `**kwargs`
  if (sc.text.includes('**')) {
    const found = new Set<string>();
    for (const scope of sc.scopes.allScopes()) {
      if (scope.kind === 'class') continue;
      for (const [name, list] of scope.bindings) {
        if (found.has(name)) continue;
        for (const b of list) {
          if (b.kind === 'def' && b.node.type === 'function_definition' && forwarderOf(sc, b.node)) {
            found.add(name);
            break;
          }
        }
      }
    }
    if (found.size > 0) names = [...found];
  }
  forwarderNames.set(sc, names);
  return names;
}

function readForwarder(def: Node): { api: CallbackApi; name: string } | null {
  const name = def.childForFieldName('name')?.text;
  const params = def.childForFieldName('parameters');
  const body = def.childForFieldName('body');
  if (!name || !params || !body) return null;
  let index = 0;
  const plain = new Map<string, number>();
  let args: string | undefined;
  let kwargs: string | undefined;
  for (const p of params.namedChildren) {
    if (!p || p.type === 'comment') continue;
    if (p.type === 'list_splat_pattern') args = p.namedChildren.find((c) => c?.type === 'identifier')?.text;
    else if (p.type === 'dictionary_splat_pattern') kwargs = p.namedChildren.find((c) => c?.type === 'identifier')?.text;
    else if (p.type === 'keyword_separator' || p.type === 'positional_separator') continue;
    else {
      const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
      // only parameters before `*args` are positional ones a caller hands the function in
      if (id?.type === 'identifier' && args === undefined && kwargs === undefined) plain.set(id.text, index);
    }
    index++;
  }
  if (!args || !kwargs || plain.size === 0) return null;
  let position: number | undefined;
  let rebound = false;
  /** `kwargs["weights_only"] = True`, `kwargs.setdefault(...)`, `args = args[1:]`: the function changes what it passes on. */
  let changed = false;
  for (const n of body.descendantsOfType(['call', 'assignment', 'augmented_assignment', 'for_statement', 'named_expression', 'identifier'])) {
    if (!n) continue;
    if (n.type === 'identifier') {
      if ((n.text === args || n.text === kwargs) && changesSplat(n)) changed = true;
      continue;
    }
    if (n.type !== 'call') {
      const target = n.childForFieldName(n.type === 'named_expression' ? 'name' : 'left');
      if (target?.type === 'identifier' && plain.has(target.text)) rebound = true;
      continue;
    }
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'identifier' || !plain.has(fn.text)) continue;
    const list = n.childForFieldName('arguments');
    const items = list?.type === 'argument_list' ? list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [];
    const forwardsAll =
      items.length === 2 &&
      items[0].type === 'list_splat' && items[0].namedChildren[0]?.type === 'identifier' && items[0].namedChildren[0]?.text === args &&
      items[1].type === 'dictionary_splat' && items[1].namedChildren[0]?.type === 'identifier' && items[1].namedChildren[0]?.text === kwargs;
    if (!forwardsAll) return null;
    const at = plain.get(fn.text)!;
    if (position !== undefined && position !== at) return null;
    position = at;
  }
  if (position === undefined || rebound || changed) return null;
  return { api: { position, forwards: 'rest' }, name };
}

/** Methods that change a dict or list in place. */
const MUTATORS = new Set(['setdefault', 'update', 'pop', 'popitem', 'clear', 'append', 'extend', 'insert', 'remove', '__setitem__', '__delitem__']);

/**
 * A forwarder's `*args`/`**kwargs` name where the function changes it: rebound (`kwargs = {...}`), an item
 * written or deleted (`kwargs["k"] = v`, `del kwargs["k"]`), or a method that changes it called
 * (`kwargs.setdefault(...)`). Reading it (`print(kwargs)`) changes nothing.
 */
function changesSplat(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return false;
  const targetOf = (n: Node): boolean => {
    const p = n.parent;
    if (!p) return false;
    if ((p.type === 'assignment' || p.type === 'augmented_assignment') && p.childForFieldName('left')?.id === n.id) return true;
    if (p.type === 'named_expression' && p.childForFieldName('name')?.id === n.id) return true;
    if (p.type === 'for_statement' && p.childForFieldName('left')?.id === n.id) return true;
    if (p.type === 'delete_statement') return true;
    // `kwargs["k"], x = …`, `del a, kwargs["k"]`
    return (p.type === 'pattern_list' || p.type === 'tuple_pattern' || p.type === 'expression_list') && targetOf(p);
  };
  if (targetOf(id)) return true;
  if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === id.id) return targetOf(parent);
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === id.id) {
    const call = parent.parent;
    return MUTATORS.has(parent.childForFieldName('attribute')?.text ?? '') && call?.type === 'call' && call.childForFieldName('function')?.id === parent.id;
  }
  return false;
}

/** `functools.partial(f, ...)` that a callback is (itself, or the one value a name holds), or undefined. */
export function callbackPartial(sc: SC, fn: Node): Node | undefined {
  const isPartial = (n: Node | undefined) => n?.type === 'call' && !!sc.callee(n) && sc.qualifiedName(sc.callee(n)!) === 'functools.partial';
  if (isPartial(fn)) return fn;
  if (fn.type !== 'identifier') return undefined;
  const values = sc.reachingBindings(fn).map((b) => b.value);
  return values.length === 1 && isPartial(values[0]) ? values[0] : undefined;
}

/** The arguments of a call, without comments. */
function argumentsOf(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args?.type === 'argument_list' ? args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [];
}

/** How many positional arguments (before any `*xs`) a call passes; undefined when a `*xs` hides them. */
function positionalCount(call: Node): number | undefined {
  let n = 0;
  for (const a of argumentsOf(call)) {
    if (a.type === 'list_splat') return undefined;
    if (a.type !== 'keyword_argument' && a.type !== 'dictionary_splat') n++;
  }
  return n;
}

/**
 * What the handed-over function is called with under `name` (a keyword) or at `position`: the
 * argument node; undefined when it is not passed (its default applies); UNKNOWN when that cannot be
 * told (an item of an iterable, a `**opts` that cannot be read). A `functools.partial` handed over
 * counts with the arguments it binds.
 */
export function callbackArgument(sc: SC, use: CallbackUse, query: { name: string; position?: number }): Node | undefined | Unknown {
  const partial = callbackPartial(sc, use.fn);
  let position = query.position;
  if (partial) {
    const bound = sc.argument(partial, { name: query.name });
    if (bound) return bound;
    const count = positionalCount(partial);
    if (count === undefined) return UNKNOWN;
    const boundPositional = count - 1; // the function itself is the partial's first argument
    if (position !== undefined && position < boundPositional) return sc.argument(partial, { position: position + 1 }) ?? UNKNOWN;
    if (position !== undefined) position -= boundPositional;
  }
  const { call, api } = use;
  switch (api.forwards) {
    case 'items': {
      // `map(f, xs, ys)` passes one item of each iterable, positionally; no keywords
      if (position === undefined) return undefined;
      const count = positionalCount(call);
      if (count === undefined) return UNKNOWN;
      return position < count - api.position - 1 ? UNKNOWN : undefined;
    }
    case 'spread':
      return position === undefined ? undefined : UNKNOWN;
    case 'elements':
      return position === undefined ? undefined : position === 0 ? UNKNOWN : undefined;
    case 'ui': {
      // one value per input component (what a user entered: never known), positionally; no keywords
      if (position === undefined) return undefined;
      const count = uiValueCount(sc, use);
      return count === undefined || position < count ? UNKNOWN : undefined;
    }
    case 'rest':
    case 'restPositional':
    case 'outer':
    case 'remote': {
      const later = api.forwards === 'outer' || api.forwards === 'remote';
      const from = later ? use.forwarded : call;
      if (!from) return UNKNOWN;
      const offset = later ? 0 : api.position + 1;
      if (api.forwards !== 'restPositional') {
        const byName = sc.argument(from, { name: query.name });
        if (byName) return byName;
      }
      if (position !== undefined) {
        const byPosition = sc.argument(from, { position: position + offset });
        if (byPosition) return byPosition;
      }
      // a `*xs` or `**opts` the API forwards may carry it
      const hidden = argumentsOf(from).some((a) => a.type === 'list_splat' || (a.type === 'dictionary_splat' && api.forwards !== 'restPositional'));
      return hidden ? UNKNOWN : undefined;
    }
    case 'argsKwds': {
      const kwds = sc.argument(call, api.kwds ?? { name: 'kwds', position: api.position + 2 });
      if (kwds) {
        const value = sc.mappingValue(kwds, query.name);
        if (value) return value;
        const known = sc.constant(kwds);
        if (known === UNKNOWN || known === null || typeof known !== 'object') return UNKNOWN;
      }
      if (position === undefined) return undefined;
      const args = sc.argument(call, api.args ?? { name: 'args', position: api.position + 1 });
      if (!args) return undefined;
      if (args.type !== 'tuple' && args.type !== 'list') return UNKNOWN;
      const items = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (items.some((i) => i.type === 'list_splat')) return UNKNOWN;
      return items[position];
    }
  }
}

/** How many values a UI passes its function (`ui`): its fixed ones and one per input component listed; undefined when not known. */
function uiValueCount(sc: SC, use: CallbackUse): number | undefined {
  const fixed = use.api.fixedInputs ?? 0;
  let inputs = use.api.inputs ? sc.argument(use.call, use.api.inputs) : undefined;
  if (!inputs || inputs.type === 'none') return fixed;
  if (inputs.type === 'identifier') {
    const bound = sc.reachingBindings(inputs);
    if (bound.length !== 1 || !bound[0].value) return undefined;
    inputs = bound[0].value;
  }
  // `inputs=gr.File()`, `inputs="text"`: one component
  if (inputs.type === 'call' || inputs.type === 'string') return fixed + 1;
  if (inputs.type !== 'list' && inputs.type !== 'tuple' && inputs.type !== 'set') return undefined;
  const items = inputs.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  return items.some((i) => i.type === 'list_splat') ? undefined : fixed + items.length;
}

/**
 * `ray.remote(f).remote(a, k=v)`: the `.remote(...)` call on what the API returned; also through a name bound to it
 * whose one `.remote(...)` call that binding reaches (`load = ray.remote(torch.load)` … `load.remote(p)`); else undefined.
 */
function remoteCall(sc: SC, use: CallbackUse): Node | undefined {
  const remoteOn = (object: Node): Node | undefined => {
    const attribute = object.parent;
    if (attribute?.type !== 'attribute' || attribute.childForFieldName('object')?.id !== object.id || attribute.childForFieldName('attribute')?.text !== 'remote') return undefined;
    const call = attribute.parent;
    return call?.type === 'call' && call.childForFieldName('function')?.id === attribute.id ? call : undefined;
  };
  const direct = remoteOn(use.call);
  if (direct) return direct;
  const assignment = use.call.parent;
  const name = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === use.call.id ? assignment.childForFieldName('left') : undefined;
  if (name?.type !== 'identifier') return undefined;
  let found: Node | undefined;
  for (const ref of sc.references(name, { readsOnly: true })) {
    const call = remoteOn(ref);
    if (!call) continue;
    const bound = sc.reachingBindings(ref);
    if (bound.length !== 1 || bound[0].value?.id !== use.call.id) continue;
    if (found) return undefined; // several calls: which one passes what is not one answer
    found = call;
  }
  return found;
}

/** `delayed(f)(a, k=v)`: the call of what the API returned, or undefined. */
function outerCall(use: CallbackUse): Node | undefined {
  const parent = use.call.parent;
  return parent?.type === 'call' && parent.childForFieldName('function')?.id === use.call.id ? parent : undefined;
}

