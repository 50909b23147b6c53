/**
 * Follows a dataset value inside one function, in source order: through assignments, indexing
 * (`ds["train"]`), method chains (`.shuffle()`, `.map()`), until it reaches training — a trainer's
 * `train_dataset=`, `.fit(...)` / `.train(...)` / `.finetune(...)`, or a loop that calls `.backward()` — or
 * passes a validation step (`.filter(...)`, a function named like validate/sanitize/clean/check).
 */
import type { ContainerWrite, PythonBinding } from '@oculum/lang-python';
import { calleeName, calleeOf, identifierNodesIn, isInside, receiverOf, same, statementOf, walkAfter, type PyNode, type PySourceCode } from './ast.js';
import { trainerArgsCall } from './training.js';

const VALIDATOR = /valid|saniti[sz]|clean|filter|moderat|screen|scan|verif|check|dedup|detox|inspect|audit|safety|guard|redact|pii|toxic|quality|curat|vet(?:_|$)|reject|allowlist|whitelist|approve|review/i;
export const TRAIN_METHODS = new Set(['fit', 'finetune', 'fine_tune', 'train', 'train_model', 'fit_generator', 'train_on_batch']);
export const TRAIN_KEYWORDS = new Set(['train_dataset', 'train_data', 'training_data', 'train_set', 'train_ds']);
/** The keywords of a `TRAIN_METHODS` call that take the training data. */
const TRAIN_DATA_KEYWORDS = new Set(['x', 'data', 'dataset', 'train_data', 'training_data', 'train_objectives', 'train_dataloader', 'train_dataloaders']);
/** Calls that make a loop over the data a training loop (`step` only on an optimizer, scheduler or accelerator). */
export const TRAINING_LOOP_CALLS = new Set(['backward', 'training_step', 'train_step', 'step']);

export interface DatasetTrace {
  /** Where the unvalidated data reaches training. */
  sink?: PyNode;
  /** A validation step consumed the data before any training. */
  validated: boolean;
  /** The first `return` of the source's function that hands the data back unvalidated. */
  returned?: PyNode;
}

/** A binding's identity: its bound identifier (what `taint` records), else its construct. */
function bindingId(b: PythonBinding): number {
  return (b.target ?? b.node).id;
}

/** A subscript key that is a constant (`ds["train"]`, `parts[0]`), as text. */
function constantKey(sc: PySourceCode, key: PyNode | null | undefined): string | undefined {
  if (!key) return undefined;
  const v = sc.constant(key);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined;
}

/**
 * Which part of a value holds the data: all of it but the keys validated in place
 * (`ds["train"] = ds["train"].filter(f)`), or only the keys written into a container
 * (`raw["eval"] = load_dataset(...)`).
 */
type Part = { all: true; except: Set<string> } | { all: false; keys: Set<string> };

const whole = (): Part => ({ all: true, except: new Set() });

/** Does the part hold the data under `key` (any key when `key` is undefined)? */
function partHas(p: Part, key: string | undefined): boolean {
  if (key === undefined) return p.all || p.keys.size > 0;
  return p.all ? !p.except.has(key) : p.keys.has(key);
}

/** What either part holds. */
function mergeParts(a: Part | undefined, b: Part): Part {
  if (!a) return b;
  if (!a.all && !b.all) return { all: false, keys: new Set([...a.keys, ...b.keys]) };
  // all but the keys neither holds
  const held = (k: string) => partHas(a, k) || partHas(b, k);
  const except = [...(a.all ? a.except : []), ...(b.all ? b.except : [])].filter((k) => !held(k));
  return { all: true, except: new Set(except) };
}

/**
 * What holds the traced data at a point of the walk, in the semantic model's terms: the bindings that
 * hold it (by their bound identifier), with the part of their value that does. A write into a
 * container (`raw["train"] = …`, `parts.append(…)`, see `containerWrites`) adds that key to the part of
 * the bindings of the container it writes to. A read holds the data when a binding that may reach it
 * (`reachingBindings`) holds it, under the key read: a later rebinding, in a branch or not, does not
 * hide an earlier one that may still reach the read.
 */
class Taint {
  /** Names of what holds the data: a cheap gate before asking the semantic model. */
  readonly names = new Set<string>();
  readonly parts = new Map<number, Part>();

  constructor(readonly sc: PySourceCode) {}

  get empty(): boolean {
    return this.parts.size === 0;
  }

  /** The identifier bound here (a target of an assignment, `with … as`) holds `part` of the data from now on. */
  bind(target: PyNode, part: Part): void {
    // a copy: a later write into, or validation of, one binding's container does not change the other's
    this.parts.set(target.id, part.all ? { all: true, except: new Set(part.except) } : { all: false, keys: new Set(part.keys) });
    this.names.add(target.text);
  }

  /**
   * The targets of an assignment hold what `partOfValue` says their value holds: the matching element
   * for `a, b = x, y`, else the whole right side.
   */
  bindAssignment(asg: PyNode, partOfValue: (value: PyNode) => Part | undefined): void {
    const right = asg.childForFieldName('right');
    if (!right) return;
    const targets = targetIdentifiers(asg.childForFieldName('left'));
    const passed = passedThrough(this.sc, right, targets.length);
    targets.forEach((t, i) => {
      const b = this.sc.bindings(t).find((x) => same(x.target, t));
      const part = partOfValue(passed?.[i] ?? (b?.value && isInside(b.value, right) ? b.value : right));
      if (part) this.bind(t, part);
    });
  }

  /** A write stored the data under `key` (any key when undefined) into the variable `container`. */
  write(container: PyNode, key: string | undefined): void {
    for (const b of this.sc.reachingBindings(container)) {
      const id = bindingId(b);
      const p = this.parts.get(id);
      if (key === undefined) this.parts.set(id, whole());
      else if (!p) this.parts.set(id, { all: false, keys: new Set([key]) });
      else if (p.all) p.except.delete(key);
      else p.keys.add(key);
    }
    this.names.add(container.text);
  }

  /** A validation step checked what `node` reads: none of it holds unvalidated data any more. */
  clean(node: PyNode): void {
    for (const id of this.identifiers(node)) for (const b of this.sc.reachingBindings(id)) this.parts.delete(bindingId(b));
  }

  /** `container[key] = <validated>`: that key of the container holds validated data (every key when not constant). */
  cleanKey(container: PyNode, keyNode: PyNode | null): void {
    const key = constantKey(this.sc, keyNode);
    for (const b of this.sc.reachingBindings(container)) {
      const id = bindingId(b);
      const p = this.parts.get(id);
      if (!p) continue;
      if (key === undefined) this.parts.delete(id);
      else if (p.all) p.except.add(key);
      else {
        p.keys.delete(key);
        if (p.keys.size === 0) this.parts.delete(id);
      }
    }
  }

  /** Is `node` a name that holds the data here (`rows` in `[x for x in rows if ok(x)]`)? */
  readonly holdsData = (node: PyNode): boolean => node.type === 'identifier' && this.reads(node);

  /** Does `node` read the data? */
  reads(node: PyNode | null | undefined): boolean {
    return !!node && !this.empty && this.identifiers(node).some((id) => this.partRead(id) !== undefined);
  }

  /**
   * The part of the data the value of `expr` holds: what a name read as it is, or through method calls
   * (`raw.cast_column(...)`, a `DatasetDict` method applies to each split), holds; all of it when the
   * data is read under a key that holds it (`raw["train"]`) or passed to something else
   * (`ConstantLengthDataset(tok, data)`).
   */
  partOf(expr: PyNode): Part | undefined {
    if (this.empty) return undefined;
    let out: Part | undefined;
    for (const id of this.identifiers(expr)) {
      const p = this.partRead(id);
      if (p) out = mergeParts(out, methodChainOf(id, expr) ? p : whole());
    }
    return out;
  }

  /** The identifiers in `node` whose name something holding the data has. */
  private identifiers(node: PyNode): PyNode[] {
    return identifierNodesIn(node, this.sc).filter((id) => this.names.has(id.text));
  }

  /** What this read of a name holds: the part its reaching bindings hold, or all of it under a key they hold. */
  private partRead(id: PyNode): Part | undefined {
    let state: Part | undefined;
    for (const b of this.sc.reachingBindings(id)) {
      const p = this.parts.get(bindingId(b));
      if (p) state = mergeParts(state, p);
    }
    if (!state) return undefined;
    const keyed = keyOfRead(this.sc, id);
    if (!keyed) return state;
    return partHas(state, keyed.key) ? whole() : undefined;
  }
}

/**
 * `ds["train"]`, `ds.get("train")`, `ds.pop("train")`: the name is read under a key (`key` undefined
 * when it is not a constant).
 */
function keyOfRead(sc: PySourceCode, id: PyNode): { key: string | undefined } | undefined {
  const p = id.parent;
  if (p?.type === 'subscript' && same(p.childForFieldName('value'), id)) return { key: constantKey(sc, p.childForFieldName('subscript')) };
  if (p?.type === 'attribute' && same(p.childForFieldName('object'), id) && p.parent?.type === 'call' && same(p.parent.childForFieldName('function'), p)) {
    const method = p.childForFieldName('attribute')?.text;
    if (method === 'get' || method === 'pop') return { key: constantKey(sc, sc.argument(p.parent, { position: 0 })) };
  }
  return undefined;
}

/** Is `root` the name `id` itself, or method calls on it (`raw.cast_column(...).map(f)`)? */
function methodChainOf(id: PyNode, root: PyNode): boolean {
  let cur = id;
  while (!same(cur, root)) {
    const p = cur.parent;
    if (!p) return false;
    if (p.type === 'parenthesized_expression') cur = p;
    else if (p.type === 'attribute' && same(p.childForFieldName('object'), cur) && p.parent?.type === 'call' && same(p.parent.childForFieldName('function'), p)) cur = p.parent;
    else return false;
  }
  return true;
}

/** Methods that return their positional arguments, in order (wrapped for the device they run on). */
const PASS_THROUGH = /^accelerate\.(?:[\w.]*\.)?Accelerator\.prepare$/;

/**
 * `model, loader, eval_loader = accelerator.prepare(model, loader, eval_loader)`: the arguments, one
 * per target, when `right` is such a call with as many plain positional arguments as there are targets.
 */
function passedThrough(sc: PySourceCode, right: PyNode, count: number): PyNode[] | undefined {
  if (count < 2 || right.type !== 'call') return undefined;
  const args = sc.positionalArguments(right);
  if (args.length !== count || args.some((a) => a.type === 'list_splat') || sc.keywordArguments(right).size > 0) return undefined;
  const fn = calleeOf(right);
  if (!fn || !sc.instanceQualifiedNames(fn).some((q) => PASS_THROUGH.test(q))) return undefined;
  return [...args];
}

/** The identifiers an assignment target binds: `a`, `a, b`, `(a, [b, c])`; not attributes or subscripts. */
function targetIdentifiers(target: PyNode | null): PyNode[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(target.type)) {
    return target.namedChildren.flatMap((c) => targetIdentifiers(c));
  }
  return [];
}

/** The key a write names, as text: `"train"` for `raw["train"] = v`, `k` for `update(k=v)`. */
function writeKey(sc: PySourceCode, w: ContainerWrite): string | undefined {
  if (!w.key) return undefined;
  const p = w.key.parent;
  if (p?.type === 'keyword_argument' && same(p.childForFieldName('name'), w.key)) return w.key.text;
  return constantKey(sc, w.key);
}

/** The write of a container of this file a statement makes with `value` in what it writes, if any. */
function containerWriteOf(sc: PySourceCode, node: PyNode, value: PyNode): { container: PyNode; write: ContainerWrite } | undefined {
  let container: PyNode | null | undefined;
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    container = left?.type === 'subscript' ? left.childForFieldName('value') : undefined;
  } else if (node.type === 'call') {
    container = receiverOf(node);
  }
  if (container?.type !== 'identifier') return undefined;
  const write = sc.containerWrites(container).find((w) => same(w.node, node) && isInside(value, w.value));
  return write ? { container, write } : undefined;
}

/** Is `call` a validation step applied to the data? */
function isValidationCall(taint: Taint, call: PyNode): boolean {
  const name = calleeName(call) ?? '';
  const recv = receiverOf(call);
  const args = call.childForFieldName('arguments');
  if ((name === 'filter' || name === 'map') && recv && taint.reads(recv)) {
    if (name === 'filter') return true;
    const fnArg = args?.namedChildren[0];
    return !!fnArg && VALIDATOR.test(fnArg.text);
  }
  if (VALIDATOR.test(name) && name !== 'map' && (taint.reads(args) || (recv && taint.reads(recv)))) return true;
  return false;
}

function containsValidation(taint: Taint, node: PyNode): boolean {
  if (node.type === 'call' && isValidationCall(taint, node)) return true;
  if (node.descendantsOfType('call').some((c) => !!c && isValidationCall(taint, c))) return true;
  return [node, ...node.descendantsOfType([...COMPREHENSIONS])].some((c) => !!c && validatingComprehension(taint.sc, c, taint.holdsData));
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/**
 * Does a loop over `iterable` go through the elements of the data (`isData`): the data itself, a split
 * of it (`ds["train"]`), or what its methods return (`ds.shuffle()`)? Not one of its attributes
 * (`[c for c in ds.column_names if c not in keep]` lists column names), nor what a function makes of it
 * (`range(len(ds))`).
 */
function iteratesOver(iterable: PyNode | null, isData: (n: PyNode) => boolean): boolean {
  let cur = iterable;
  for (let i = 0; cur && i < 64; i++) {
    if (isData(cur)) return true;
    if (cur.type === 'parenthesized_expression') cur = cur.namedChildren[0] ?? null;
    else if (cur.type === 'subscript') cur = cur.childForFieldName('value');
    else if (cur.type === 'call') cur = receiverOf(cur);
    else return false;
  }
  return false;
}

/**
 * The names a `for … in` clause over the data binds to its rows: not the keys of a mapping of columns
 * (`{k: v for k, v in batch.items() if k not in ["idx"]}` picks columns, `for k in batch.keys()` names
 * them), whose test checks no row.
 */
function rowTargets(clause: PyNode): PyNode[] {
  const right = clause.childForFieldName('right');
  const left = clause.childForFieldName('left');
  const method = right?.type === 'call' ? calleeOf(right) : undefined;
  const name = method?.type === 'attribute' ? method.childForFieldName('attribute')?.text : undefined;
  if (name === 'keys') return [];
  if (name === 'items' && (left?.type === 'pattern_list' || left?.type === 'tuple_pattern')) {
    const [, value] = left.namedChildren.filter((c): c is PyNode => !!c && c.type !== 'comment');
    return value ? targetIdentifiers(value) : [];
  }
  return targetIdentifiers(left);
}

/**
 * `[x for x in rows if is_clean(x)]`: a comprehension over the data that keeps only the elements a
 * condition on them accepts, as `filter(is_clean, rows)` does. A condition that does not read the
 * element (`if args.keep`) checks nothing.
 */
function validatingComprehension(sc: PySourceCode, node: PyNode, isData: (n: PyNode) => boolean): boolean {
  if (!COMPREHENSIONS.has(node.type)) return false;
  const clauses = node.namedChildren;
  const conditions = clauses.filter((c) => c.type === 'if_clause');
  if (conditions.length === 0) return false;
  const elements = clauses.filter((c) => c.type === 'for_in_clause' && iteratesOver(c.childForFieldName('right'), isData)).flatMap((c) => rowTargets(c));
  if (elements.length === 0) return false;
  return conditions.some((cond) => identifierNodesIn(cond).some((id) => elements.some((e) => sc.sameVariable(e, id))));
}

/**
 * TRL's `PPOTrainer` up to 0.11 (trl/trainer/ppo_trainer.py: `__init__(self, config, model, ref_model,
 * tokenizer, dataset=None, optimizer=None, data_collator=None, …)`) and optimum-habana's copy of it,
 * `GaudiPPOTrainer` (optimum/habana/trl/trainer/ppo_trainer.py, same parameters): its `dataset` becomes
 * `ppo_trainer.dataloader`, the batches `ppo_trainer.step(...)` trains on. Later TRL takes `train_dataset=`.
 */
const DATASET_TRAINERS = /^(?:trl|optimum\.habana\.trl)\.(?:[\w.]*\.)?(?:Gaudi)?PPOTrainer$/;

/**
 * transformers' `Trainer` and `Seq2SeqTrainer` (transformers/trainer.py `__init__(self, model=None, args=None,
 * data_collator=None, train_dataset=None, eval_dataset=None, …)`, the same order in trainer_seq2seq.py).
 */
const HF_TRAINERS = /^transformers\.(?:trainer\.|trainer_seq2seq\.)?(?:Seq2Seq)?Trainer$/;

/** Files that name `PPOTrainer` (every spelling of one imports that name). */
const mentionsPPO = new WeakMap<object, boolean>();

/**
 * The training data a `PPOTrainer(config, model, ref_model, tokenizer, dataset=ds)` is given (see
 * `DATASET_TRAINERS`): `dataset=`, or the fifth positional argument; for a subclass of this file
 * (at deep, of the project: `class MyPPOTrainer(PPOTrainer)`, whose own `__init__` may order them otherwise), `dataset=` only.
 */
function trainerDataset(sc: PySourceCode, call: PyNode): PyNode | undefined {
  // transformers' `Trainer(model, args, data_collator, train_dataset, …)` (and `Seq2SeqTrainer`): the fourth positional argument
  const positional = sc.positionalArguments(call);
  if (positional.length >= 4) {
    const callee = calleeOf(call);
    if (callee && (callee.type === 'identifier' || callee.type === 'attribute') && sc.qualifiedNames(callee).some((q) => HF_TRAINERS.test(q))) return sc.argument(call, { position: 3 });
  }
  let named = mentionsPPO.get(sc);
  if (named === undefined) mentionsPPO.set(sc, (named = sc.text.includes('PPOTrainer')));
  if (!named) return undefined;
  const fn = calleeOf(call);
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return undefined;
  if (sc.qualifiedNames(fn).some((q) => DATASET_TRAINERS.test(q))) return sc.argument(call, { name: 'dataset' }) ?? sc.argument(call, { position: 4 });
  if (sc.projectSubclass(fn)?.bases.some((q) => DATASET_TRAINERS.test(q))) return sc.argument(call, { name: 'dataset' });
  return undefined;
}

/** Does this call train on the data? */
function trainingSinkUses(taint: Taint, call: PyNode): boolean {
  const args = call.childForFieldName('arguments');
  if (!args) return false;
  const dataset = trainerDataset(taint.sc, call);
  if (dataset && refersUnvalidated(taint, dataset)) return true;
  for (const a of args.namedChildren) {
    if (a.type === 'keyword_argument') {
      const k = a.childForFieldName('name')?.text ?? '';
      if (TRAIN_KEYWORDS.has(k) && refersUnvalidated(taint, a.childForFieldName('value'))) return true;
    }
  }
  const name = calleeName(call) ?? '';
  if (TRAIN_METHODS.has(name) && calleeOf(call)?.type === 'attribute') {
    const positional = args.namedChildren.filter((a) => a.type !== 'keyword_argument');
    // (`train_objectives=[(loader, loss)]`: sentence-transformers' `fit` before v3; `train_dataloader=`: a trainer's `fit`)
    const kw = args.namedChildren.filter((a) => a.type === 'keyword_argument' && TRAIN_DATA_KEYWORDS.has(a.childForFieldName('name')?.text ?? ''));
    if ([...positional, ...kw].some((a) => refersUnvalidated(taint, a.type === 'keyword_argument' ? a.childForFieldName('value') : a))) return true;
  }
  return false;
}

/**
 * `node` reads the data, and not only through a validation step around it: what
 * `train_dataset=ds.filter(is_valid)`, `model.fit(validate(ds))` or `ds.filter(f)["train"]` hands
 * over is the validated data.
 */
function refersUnvalidated(taint: Taint, node: PyNode | null | undefined): boolean {
  if (!taint.reads(node)) return false;
  if (node!.type === 'call' && isValidationCall(taint, node!)) return false;
  if (validatingComprehension(taint.sc, node!, taint.holdsData)) return false;
  if (node!.type === 'subscript') return refersUnvalidated(taint, node!.childForFieldName('value'));
  return true;
}

/**
 * `for ds in (ds_a, ds_b):`, `for ds in datasets:` with `datasets = [ds_a, ds_b]` (or built by `append`):
 * a loop over a collection that holds the data binds each element to the loop variable, which then
 * holds what the elements hold (`for name, ds in [("a", ds_a), ("b", ds_b)]`: `ds` only). Not a loop over
 * the data itself (`for row in ds`): its elements are rows, which `trainingLoop` judges. The elements are
 * those the semantic model lists (`possibleElements`, `loopValues`), bounded there.
 */
/** How many elements `possibleElements` lists at most (lang-python's bound): a list that long may hold more. */
const MAX_LISTED_ELEMENTS = 256;

function bindLoopTargets(taint: Taint, loop: PyNode): void {
  const right = loop.childForFieldName('right');
  const left = loop.childForFieldName('left');
  if (!right || !left || !taint.reads(right)) return;
  const sc = taint.sc;
  const held = (values: readonly PyNode[]): Part | undefined => {
    let out: Part | undefined;
    for (const v of values) {
      const p = taint.partOf(v);
      if (p) out = mergeParts(out, p);
    }
    return out;
  };
  let items: PyNode | null = right;
  while (items?.type === 'parenthesized_expression' && items.namedChildren.length === 1) items = items.namedChildren[0];
  if (left.type === 'identifier') {
    // a literal (`(ds_a, ds_b)`): each of its items is an element, however many; else what the model lists
    let part: Part | undefined;
    if (items && ['tuple', 'list', 'set', 'expression_list'].includes(items.type) && !items.namedChildren.some((c) => c.type === 'list_splat')) part = taint.partOf(items);
    else {
      const elements = sc.possibleElements(right);
      // (a list the model stopped listing at its bound: what holds it holds the data)
      part = elements.length >= MAX_LISTED_ELEMENTS ? taint.partOf(right) : held(elements);
    }
    if (part) taint.bind(left, part);
    return;
  }
  for (const t of targetIdentifiers(left)) {
    const values = sc.loopValues(t);
    const part = values ? held(values) : undefined;
    if (part) taint.bind(t, part);
  }
}

function trainingLoop(taint: Taint, loop: PyNode): boolean {
  if (!taint.reads(loop.childForFieldName('right'))) return false;
  const body = loop.childForFieldName('body');
  if (!body) return false;
  return body.descendantsOfType('call').some((c) => {
    const n = calleeName(c!);
    return TRAINING_LOOP_CALLS.has(n ?? '') && (n !== 'step' || /optim|opt\b|scheduler|accelerator/i.test(receiverOf(c!)?.text ?? ''));
  });
}

/**
 * How many nodes `traceDataset` may visit in one file. Past it, a trace ends where it is, as if the
 * data reached nothing more: a hostile file of 20,000 datasets, each followed to the end of a long
 * function, would take minutes. Real files stay far below it.
 */
const TRACE_BUDGET = 2_000_000;

const traces = new WeakMap<object, Map<number, DatasetTrace>>();

/** `traceDataset`, once per source (two rules ask about the same load). */
export function traceDataset(sc: PySourceCode, source: PyNode): DatasetTrace {
  let bySource = traces.get(sc);
  if (!bySource) traces.set(sc, (bySource = new Map()));
  let trace = bySource.get(source.id);
  if (!trace) bySource.set(source.id, (trace = computeTrace(sc, source)));
  return trace;
}

/** Follows the value produced by `source` (a call) through its function. */
function computeTrace(sc: PySourceCode, source: PyNode): DatasetTrace {
  // Directly nested in a sink or a validation: `Trainer(train_dataset=load_dataset(...)["train"])`.
  const stmt = statementOf(source);
  let cur: PyNode | null = source.parent;
  const fromSource = (n: PyNode) => same(n, source);
  while (cur && !same(cur, stmt.parent)) {
    // `[x for x in load_dataset(...) if is_clean(x)]`
    if (validatingComprehension(sc, cur, fromSource)) return { validated: true };
    if (cur.type === 'call') {
      const name = calleeName(cur) ?? '';
      const recv = receiverOf(cur);
      if (recv && isInside(source, recv) && (name === 'filter' || (name === 'map' && VALIDATOR.test(cur.childForFieldName('arguments')?.namedChildren[0]?.text ?? '')))) return { validated: true };
      if (!recv || !isInside(source, recv)) {
        if (VALIDATOR.test(name)) return { validated: true };
        if (containsTrainingUseOf(sc, cur, source)) return { sink: cur, validated: false };
      }
    }
    cur = cur.parent;
  }
  if (stmt.type === 'return_statement') return { validated: false, returned: stmt };

  const taint = new Taint(sc);
  const top = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
  /** `self.ds = load_dataset(...)` in a method: the attribute the class's other methods may train on */
  let member: PyNode | undefined;
  if (top?.type === 'assignment') {
    const right = top.childForFieldName('right');
    if (right && isInside(source, right)) {
      if (containsValidationAround(sc, right, source)) return { validated: true };
      const left = top.childForFieldName('left');
      if (left?.type === 'attribute' && left.childForFieldName('object')?.type === 'identifier' && left.childForFieldName('object')!.text === 'self') member = left;
      // `trainer.train_dataset = load_dataset(...)`
      if (left && trainerDataStore(sc, left)) return { sink: top, validated: false };
      taint.bindAssignment(top, (value) => (isInside(source, value) ? whole() : undefined));
      // `raw["train"] = load_dataset(...)`
      const written = containerWriteOf(sc, top, source);
      if (written) taint.write(written.container, writeKey(sc, written.write));
    }
  } else if (top?.type === 'call') {
    // `parts.append(load_dataset(...))`
    const written = containerWriteOf(sc, top, source);
    if (written) taint.write(written.container, writeKey(sc, written.write));
  } else if (stmt.type === 'with_statement') {
    for (const item of stmt.descendantsOfType('as_pattern')) {
      const alias = item!.childForFieldName('alias');
      const target = alias?.type === 'as_pattern_target' ? alias.namedChildren[0] : alias;
      for (const id of targetIdentifiers(target ?? null)) taint.bind(id, whole());
    }
  }
  if (taint.empty) return member ? memberTrace(sc, member) : { validated: false };

  const fn = sc.enclosingFunction(source);
  const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : fn;
  if (!body) return { validated: false };
  const result: DatasetTrace = { validated: false };
  let done = false;
  // From the statement on, never what comes before it (each load used to walk the whole body).
  walkAfter(body, stmt, (n) => {
    if (done) return true;
    if (!sc.spend('hf/traceDataset', TRACE_BUDGET) || taint.empty) {
      done = true;
      return true;
    }
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const right = n.childForFieldName('right');
      const left = n.childForFieldName('left');
      if (right && taint.partOf(right)) {
        if (containsValidation(taint, right)) {
          // `ds = ds.filter(f)`: the new binding holds validated data; `ds["train"] = ds["train"].filter(f)`:
          // that split does. What still holds the data keeps flowing (`clean = data.filter(f)` leaves `data`).
          if (left?.type === 'subscript' && left.childForFieldName('value')?.type === 'identifier') taint.cleanKey(left.childForFieldName('value')!, left.childForFieldName('subscript'));
          result.validated = true;
        } else {
          // `trainer.train_dataset = ds`: handed to a trainer as its training data
          if (left && trainerDataStore(sc, left) && refersUnvalidated(taint, right)) {
            result.sink = n;
            result.validated = false;
            done = true;
            return;
          }
          // a sink inside the right side is checked when the walk reaches the call
          taint.bindAssignment(n, (value) => taint.partOf(value));
          const written = containerWriteOf(sc, n, right);
          if (written) taint.write(written.container, writeKey(sc, written.write));
        }
      } else if (n.type === 'augmented_assignment' && left?.type === 'identifier') {
        // `data += more` (the read of `data` before this binding holds the data)
        const part = taint.partOf(left);
        if (part) taint.bind(left, part);
      }
      // Any other rebinding needs no bookkeeping: a read sees the bindings that may reach it.
      return;
    }
    if (n.type === 'return_statement') {
      const value = n.namedChildren[0];
      if (value && taint.reads(value)) {
        // `return ds.filter(is_valid)`: what leaves the function is validated
        if (containsValidation(taint, value)) result.validated = true;
        else result.returned ??= n;
      }
      return;
    }
    // `Trainer(train_dataset=[x for x in rows if is_clean(x)])`: the checked elements are handed over
    if (COMPREHENSIONS.has(n.type) && !insideAssignmentRight(n) && !discarded(n) && validatingComprehension(sc, n, taint.holdsData)) {
      result.validated = true;
      return;
    }
    if (n.type === 'for_statement' && trainingLoop(taint, n)) {
      result.sink = n;
      result.validated = false;
      done = true;
      return;
    }
    // `for ds in (ds_a, ds_b):`: the loop variable holds the data in turn (then the body is walked)
    if (n.type === 'for_statement') bindLoopTargets(taint, n);
    if (n.type === 'call') {
      // A validation function applied to the data as a check (`validate(ds)`, `assert check(ds)`,
      // `if not is_clean(ds): raise`). `.filter()`/`.map()` return a new dataset: they count only when
      // their result is kept, which the assignment branch above handles.
      const name = calleeName(n) ?? '';
      const asCheck = name !== 'filter' && name !== 'map' && !insideAssignmentRight(n);
      if (asCheck && isValidationCall(taint, n)) {
        const args = n.childForFieldName('arguments');
        const recv = receiverOf(n);
        taint.clean(args ?? n);
        if (recv) taint.clean(recv);
        result.validated = true;
        return;
      }
      if (trainingSinkUses(taint, n)) {
        result.sink = n;
        result.validated = false;
        done = true;
        return;
      }
      // `Trainer(train_dataset=ds.filter(is_valid))`, `f(ds.filter(is_valid))`: the validated data is
      // what is handed over (a `.filter(...)` whose result is discarded validates nothing)
      if ((name === 'filter' || name === 'map') && !insideAssignmentRight(n) && !discarded(n) && isValidationCall(taint, n)) {
        result.validated = true;
        return;
      }
      // `parts.append(ds)`, `splits.update(train=ds)`: the container holds the data
      const args = n.childForFieldName('arguments');
      if (receiverOf(n)?.type === 'identifier' && args && taint.reads(args) && !containsValidation(taint, args)) {
        const written = containerWriteOf(sc, n, args.namedChildren.find((a) => taint.reads(a)) ?? args);
        if (written && taint.reads(written.write.value)) taint.write(written.container, writeKey(sc, written.write));
      }
    }
  });
  if (member && !result.sink && !result.validated && !result.returned) return memberTrace(sc, member);
  return result;
}

/**
 * `trainer.train_dataset` (a `TRAIN_KEYWORDS` attribute) of a trainer: a name like `trainer`
 * (`self.trainer`), or one bound to a trainer class's call. Assigning it hands the data over as
 * `train_dataset=` would.
 */
function trainerDataStore(sc: PySourceCode, left: PyNode): boolean {
  if (left.type !== 'attribute' || !TRAIN_KEYWORDS.has(left.childForFieldName('attribute')?.text ?? '')) return false;
  const object = left.childForFieldName('object');
  if (!object || (object.type === 'identifier' && object.text === 'self')) return false;
  const last = object.type === 'attribute' ? (object.childForFieldName('attribute')?.text ?? '') : object.text;
  return /trainer/i.test(last) || !!trainerArgsCall(sc, object).trainer;
}

/** How many methods of a class `memberSinks` reads. */
const MAX_MEMBER_METHODS = 64;
const memberTraces = new WeakMap<object, Map<string, DatasetTrace>>();
const classSinks = new WeakMap<object, Map<number, Map<string, PyNode>>>();

/**
 * A dataset stored as `self.ds` in one method (`__init__`) and handed to training in another of the same
 * class (`SFTTrainer(..., train_dataset=self.ds)`, `self.ds["train"]`): the first such call is the sink.
 * Validated when the class stores a validated value in the attribute too (`self.ds = self.ds.filter(f)`),
 * or hands over `self.ds.filter(f)` (no plain read). Once per class and attribute.
 */
function memberTrace(sc: PySourceCode, member: PyNode): DatasetTrace {
  const attr = member.childForFieldName('attribute')?.text ?? '';
  const method = sc.enclosingFunction(member);
  const cls = method.type === 'function_definition' ? (method.parent?.type === 'decorated_definition' ? method.parent.parent : method.parent)?.parent : undefined;
  if (!attr || cls?.type !== 'class_definition') return { validated: false };
  let byClass = memberTraces.get(sc);
  if (!byClass) memberTraces.set(sc, (byClass = new Map()));
  const key = `${cls.id}:${attr}`;
  const known = byClass.get(key);
  if (known) return known;
  const result: DatasetTrace = { validated: false };
  byClass.set(key, result);
  // what the class stores there: a validated value among them answers for all
  for (const value of sc.attributeValues(member) ?? []) {
    if (value.type === 'call' && (VALIDATOR.test(calleeName(value) ?? '') || calleeName(value) === 'filter')) {
      result.validated = true;
      return result;
    }
  }
  const sink = memberSinks(sc, cls).get(attr);
  if (sink) result.sink = sink;
  return result;
}

/**
 * For each attribute of `self` the methods of a class hand to training as such (`train_dataset=self.ds`,
 * `self.ds["train"]`, a `PPOTrainer`'s dataset), the first call that does: one pass over the calls of its
 * first `MAX_MEMBER_METHODS` methods, kept per class.
 */
function memberSinks(sc: PySourceCode, cls: PyNode): Map<string, PyNode> {
  let bySc = classSinks.get(sc);
  if (!bySc) classSinks.set(sc, (bySc = new Map()));
  const known = bySc.get(cls.id);
  if (known) return known;
  const sinks = new Map<string, PyNode>();
  bySc.set(cls.id, sinks);
  /** `self.<attr>`, or a subscript of it (`self.ds["train"]`): the attribute's name */
  const memberRead = (node: PyNode | null | undefined): string | undefined => {
    let n = node;
    while (n?.type === 'subscript') n = n.childForFieldName('value');
    const object = n?.type === 'attribute' ? n.childForFieldName('object') : undefined;
    return object?.type === 'identifier' && object.text === 'self' ? n!.childForFieldName('attribute')?.text : undefined;
  };
  const methods = (cls.childForFieldName('body')?.namedChildren ?? [])
    .map((st) => (st.type === 'decorated_definition' ? st.childForFieldName('definition') : st))
    .filter((d): d is PyNode => d?.type === 'function_definition')
    .slice(0, MAX_MEMBER_METHODS);
  for (const def of methods) {
    for (const call of sc.callsWithin(def)) {
      const args = call.childForFieldName('arguments');
      if (!args) continue;
      const read: Array<string | undefined> = [];
      const dataset = trainerDataset(sc, call);
      if (dataset) read.push(memberRead(dataset));
      for (const a of args.namedChildren) {
        if (a.type === 'keyword_argument' && TRAIN_KEYWORDS.has(a.childForFieldName('name')?.text ?? '')) read.push(memberRead(a.childForFieldName('value')));
      }
      for (const attr of read) if (attr && !sinks.has(attr)) sinks.set(attr, call);
    }
  }
  return sinks;
}

/** `source` sits inside `call`'s training arguments. */
function containsTrainingUseOf(sc: PySourceCode, call: PyNode, source: PyNode): boolean {
  const args = call.childForFieldName('arguments');
  if (!args) return false;
  const dataset = trainerDataset(sc, call);
  if (dataset && isInside(source, dataset)) return true;
  for (const a of args.namedChildren) {
    if (!isInside(source, a)) continue;
    if (a.type === 'keyword_argument') return TRAIN_KEYWORDS.has(a.childForFieldName('name')?.text ?? '');
    const name = calleeName(call) ?? '';
    return TRAIN_METHODS.has(name) && calleeOf(call)?.type === 'attribute';
  }
  return false;
}

/** `x = load_dataset(...).filter(f)`: a validation wraps the source in the same expression. */
function containsValidationAround(sc: PySourceCode, right: PyNode, source: PyNode): boolean {
  let cur: PyNode | null = source.parent;
  while (cur && isInside(cur, right)) {
    if (validatingComprehension(sc, cur, (n) => same(n, source))) return true;
    if (cur.type === 'call') {
      const name = calleeName(cur) ?? '';
      const recv = receiverOf(cur);
      if (recv && isInside(source, recv) && (name === 'filter' || (name === 'map' && VALIDATOR.test(cur.childForFieldName('arguments')?.namedChildren[0]?.text ?? '')))) return true;
      if ((!recv || !isInside(source, recv)) && VALIDATOR.test(name)) return true;
    }
    if (same(cur, right)) break;
    cur = cur.parent;
  }
  return false;
}

/** Is the value of `call` thrown away (`ds.filter(f)` as a statement of its own)? */
function discarded(call: PyNode): boolean {
  let cur = call;
  while (cur.parent?.type === 'parenthesized_expression') cur = cur.parent;
  return cur.parent?.type === 'expression_statement';
}

/** Is `node` part of the right-hand side of an assignment (handled as a value, not as a check)? */
function insideAssignmentRight(node: PyNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'assignment' || p.type === 'augmented_assignment') return isInside(node, p.childForFieldName('right') ?? p);
    if (p.type === 'expression_statement' || p.type === 'block' || p.type === 'module') return false;
  }
  return false;
}
