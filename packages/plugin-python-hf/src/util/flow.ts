/**
 * Follows a dataset value inside one function, in source order: through assignments, indexing
 * (`ds["train"]`), method chains (`.shuffle()`, `.map()`), until it reaches training — a trainer's
 * `train_dataset=`, `.fit(...)` / `.train(...)` / `.finetune(...)`, or a loop that calls `.backward()` — or
 * passes a validation step (`.filter(...)`, a function named like validate/sanitize/clean/check).
 */
import {
  calleeName,
  calleeOf,
  identifiersIn,
  isInside,
  receiverOf,
  same,
  statementOf,
  targetNames,
  walkAfter,
  type PyNode,
  type PySourceCode,
} from './ast.js';

const VALIDATOR = /valid|saniti[sz]|clean|filter|moderat|screen|scan|verif|check|dedup|detox|inspect|audit|safety|guard|redact|pii|toxic|quality|curat|vet(?:_|$)|reject|allowlist|whitelist|approve|review/i;
export const TRAIN_METHODS = new Set(['fit', 'finetune', 'fine_tune', 'train', 'train_model', 'fit_generator', 'train_on_batch']);
export const TRAIN_KEYWORDS = new Set(['train_dataset', 'train_data', 'training_data', 'train_set', 'train_ds']);
/** Calls that make a loop over the data a training loop (`step` only on an optimizer, scheduler or accelerator). */
export const TRAINING_LOOP_CALLS = new Set(['backward', 'training_step', 'train_step', 'step']);

export interface DatasetTrace {
  /** Where the unvalidated data reaches training. */
  sink?: PyNode;
  /** A validation step consumed the data before any training. */
  validated: boolean;
}

function refersTo(sc: PySourceCode, node: PyNode | null | undefined, names: Set<string>): boolean {
  if (!node || names.size === 0) return false;
  return identifiersIn(node, sc).some((n) => names.has(n));
}

/** Is `call` a validation step applied to one of `names`? */
export function isValidationCall(sc: PySourceCode, call: PyNode, names: Set<string>): boolean {
  const name = calleeName(call) ?? '';
  const recv = receiverOf(call);
  const args = call.childForFieldName('arguments');
  if ((name === 'filter' || name === 'map') && recv && refersTo(sc, recv, names)) {
    if (name === 'filter') return true;
    const fnArg = args?.namedChildren[0];
    return !!fnArg && VALIDATOR.test(fnArg.text);
  }
  if (VALIDATOR.test(name) && name !== 'map' && (refersTo(sc, args, names) || (recv && refersTo(sc, recv, names)))) return true;
  return false;
}

function containsValidation(sc: PySourceCode, node: PyNode, names: Set<string>): boolean {
  if (node.type === 'call' && isValidationCall(sc, node, names)) return true;
  return node.descendantsOfType('call').some((c) => isValidationCall(sc, c, names));
}

/** Does this call train on data mentioned in `names`? */
export function trainingSinkUses(sc: PySourceCode, call: PyNode, names: Set<string>): boolean {
  const args = call.childForFieldName('arguments');
  if (!args) return false;
  for (const a of args.namedChildren) {
    if (a.type === 'keyword_argument') {
      const k = a.childForFieldName('name')?.text ?? '';
      if (TRAIN_KEYWORDS.has(k) && refersUnvalidated(sc, a.childForFieldName('value'), names)) return true;
    }
  }
  const name = calleeName(call) ?? '';
  if (TRAIN_METHODS.has(name) && calleeOf(call)?.type === 'attribute') {
    const positional = args.namedChildren.filter((a) => a.type !== 'keyword_argument');
    const kw = args.namedChildren.filter((a) => a.type === 'keyword_argument' && ['x', 'data', 'dataset', 'train_data', 'training_data'].includes(a.childForFieldName('name')?.text ?? ''));
    if ([...positional, ...kw].some((a) => refersUnvalidated(sc, a.type === 'keyword_argument' ? a.childForFieldName('value') : a, names))) return true;
  }
  return false;
}

/**
 * `node` reads one of `names`, and not only through a validation step around it: what
 * `train_dataset=ds.filter(is_valid)`, `model.fit(validate(ds))` or `ds.filter(f)["train"]` hands
 * over is the validated data.
 */
function refersUnvalidated(sc: PySourceCode, node: PyNode | null | undefined, names: Set<string>): boolean {
  if (!refersTo(sc, node, names)) return false;
  if (node!.type === 'call' && isValidationCall(sc, node!, names)) return false;
  if (node!.type === 'subscript') return refersUnvalidated(sc, node!.childForFieldName('value'), names);
  return true;
}

function trainingLoop(sc: PySourceCode, loop: PyNode, names: Set<string>): boolean {
  if (!refersTo(sc, loop.childForFieldName('right'), names)) return false;
  const body = loop.childForFieldName('body');
  if (!body) return false;
  return body.descendantsOfType('call').some((c) => {
    const n = calleeName(c);
    return TRAINING_LOOP_CALLS.has(n ?? '') && (n !== 'step' || /optim|opt\b|scheduler|accelerator/i.test(receiverOf(c)?.text ?? ''));
  });
}

/** Follows the value produced by `source` (a call) through its function. */
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

function computeTrace(sc: PySourceCode, source: PyNode): DatasetTrace {
  // Directly nested in a sink or a validation: `Trainer(train_dataset=load_dataset(...)["train"])`.
  const stmt = statementOf(source);
  let cur: PyNode | null = source.parent;
  while (cur && !same(cur, stmt.parent)) {
    if (cur.type === 'call') {
      const name = calleeName(cur) ?? '';
      const recv = receiverOf(cur);
      if (recv && isInside(source, recv) && (name === 'filter' || (name === 'map' && VALIDATOR.test(cur.childForFieldName('arguments')?.namedChildren[0]?.text ?? '')))) return { validated: true };
      if (!recv || !isInside(source, recv)) {
        if (VALIDATOR.test(name)) return { validated: true };
        if (containsTrainingUseOf(cur, source)) return { sink: cur, validated: false };
      }
    }
    cur = cur.parent;
  }

  const tainted = new Set<string>();
  if (stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'assignment') {
    const asg = stmt.namedChildren[0];
    const right = asg.childForFieldName('right');
    if (right && isInside(source, right)) {
      if (containsValidationAround(right, source)) return { validated: true };
      for (const n of targetNames(asg.childForFieldName('left'))) tainted.add(n);
    }
  } else if (stmt.type === 'with_statement') {
    for (const item of stmt.descendantsOfType('as_pattern')) {
      const alias = item.childForFieldName('alias');
      if (alias) for (const n of identifiersIn(alias)) tainted.add(n);
    }
  }
  if (tainted.size === 0) return { validated: false };

  const fn = sc.enclosingFunction(source);
  const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : fn;
  if (!body) return { validated: false };
  let result: DatasetTrace = { validated: false };
  let done = false;
  // From the statement on, never what comes before it (each load used to walk the whole body).
  walkAfter(body, stmt, (n) => {
    if (done) return true;
    if (!sc.spend('hf/traceDataset', TRACE_BUDGET)) {
      done = true;
      return true;
    }
    if (tainted.size === 0) {
      done = true;
      return true;
    }
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const right = n.childForFieldName('right');
      const lefts = targetNames(n.childForFieldName('left'));
      if (right && refersTo(sc, right, tainted)) {
        if (containsValidation(sc, right, tainted)) {
          for (const l of lefts) tainted.delete(l);
          result = { validated: true };
          // names still tainted keep flowing (e.g. `clean = data.filter(f)` leaves `data` unvalidated)
        } else {
          // a sink inside the right side is checked when the walk reaches the call
          for (const l of lefts) tainted.add(l);
        }
      } else if (n.type === 'assignment') {
        for (const l of lefts) tainted.delete(l);
      }
      return;
    }
    if (n.type === 'for_statement' && trainingLoop(sc, n, tainted)) {
      result = { sink: n, validated: false };
      done = true;
      return;
    }
    if (n.type === 'call') {
      // A validation function applied to the data as a check (`validate(ds)`, `assert check(ds)`,
      // `if not is_clean(ds): raise`). `.filter()`/`.map()` return a new dataset: they count only when
      // their result is kept, which the assignment branch above handles.
      const name = calleeName(n) ?? '';
      const asCheck = name !== 'filter' && name !== 'map' && !insideAssignmentRight(n);
      if (asCheck && isValidationCall(sc, n, tainted)) {
        const args = n.childForFieldName('arguments');
        const recv = receiverOf(n);
        for (const id of [...identifiersIn(args ?? n), ...(recv ? identifiersIn(recv) : [])]) tainted.delete(id);
        result = { validated: true };
        return;
      }
      if (trainingSinkUses(sc, n, tainted)) {
        result = { sink: n, validated: false };
        done = true;
      }
    }
  });
  return result;
}

/** `source` sits inside `call`'s training arguments. */
function containsTrainingUseOf(call: PyNode, source: PyNode): boolean {
  const args = call.childForFieldName('arguments');
  if (!args) return false;
  for (const a of args.namedChildren) {
    if (!isInside(source, a)) continue;
    if (a.type === 'keyword_argument') return TRAIN_KEYWORDS.has(a.childForFieldName('name')?.text ?? '');
    const name = calleeName(call) ?? '';
    return TRAIN_METHODS.has(name) && calleeOf(call)?.type === 'attribute';
  }
  return false;
}

/** `x = load_dataset(...).filter(f)`: a validation wraps the source in the same expression. */
function containsValidationAround(right: PyNode, source: PyNode): boolean {
  let cur: PyNode | null = source.parent;
  while (cur && isInside(cur, right)) {
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

/** Is `node` part of the right-hand side of an assignment (handled as a value, not as a check)? */
function insideAssignmentRight(node: PyNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'assignment' || p.type === 'augmented_assignment') return isInside(node, p.childForFieldName('right') ?? p);
    if (p.type === 'expression_statement' || p.type === 'block' || p.type === 'module') return false;
  }
  return false;
}
