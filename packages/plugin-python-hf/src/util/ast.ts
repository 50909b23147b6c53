/**
 * Small structural helpers over the Python tree (web-tree-sitter nodes). They only navigate the tree;
 * every question about names, imports and values goes to `context.sourceCode`.
 */
import type { PythonNode, PythonSourceCode } from '@oculum/lang-python';

/** Python AST nodes are web-tree-sitter nodes; the semantic model is lang-python's `PythonSourceCode`. */
export type PyNode = PythonNode;
export type PySourceCode = PythonSourceCode;

/** The called expression (`torch.load` in `torch.load(p)`). */
export function calleeOf(call: PyNode): PyNode | null {
  return call.childForFieldName('function');
}

/** `x.y.name(...)` → `name`; `name(...)` → `name`. */
export function calleeName(call: PyNode): string | undefined {
  const fn = calleeOf(call);
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}

/** For `recv.method(...)`, the receiver expression. */
export function receiverOf(call: PyNode): PyNode | null {
  const fn = calleeOf(call);
  return fn && fn.type === 'attribute' ? fn.childForFieldName('object') : null;
}

/** The argument nodes of a call as written (keywords and splats included). */
export function argList(call: PyNode): PyNode[] {
  const args = call.childForFieldName('arguments');
  return args && args.type === 'argument_list' ? args.namedChildren.filter((n) => n.type !== 'comment') : [];
}

/** Scopes nested inside a function whose names are not the function's variables. */
const NESTED_SCOPES = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'lambda']);

export function same(a: PyNode | null | undefined, b: PyNode | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

/** What the walks do not enter: nested definitions and lambdas run later, if at all. */
const PRUNED = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);

/** Walks `root`'s subtree (pre-order) without entering nested function or class definitions. */
export function walkBody(root: PyNode, visit: (n: PyNode) => void): void {
  const stack: PyNode[] = [...root.namedChildren].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if (PRUNED.has(n.type)) continue;
    for (let i = n.namedChildren.length - 1; i >= 0; i--) stack.push(n.namedChildren[i]);
  }
}

/**
 * What `walkBody(body, visit)` visits after `stmt`, in the same order, without walking what comes
 * before: the following siblings of `stmt` and of each of its ancestors up to `body`, each in pre-order
 * (nested `def`s, classes and lambdas visited but not entered; nothing inside one that encloses
 * `stmt`). `visit` returns true to stop.
 */
export function walkAfter(body: PyNode, stmt: PyNode, visit: (n: PyNode) => boolean | void): void {
  const levels: PyNode[] = [];
  for (let cur: PyNode | null = stmt; cur && !same(cur, body); cur = cur.parent) levels.push(cur);
  // Inside a def or class that encloses `stmt`, `walkBody` would not have looked: start above it.
  let from = 0;
  for (let i = 1; i < levels.length; i++) if (PRUNED.has(levels[i].type)) from = i;
  for (let i = from; i < levels.length; i++) {
    for (let sib = levels[i].nextNamedSibling; sib; sib = sib.nextNamedSibling) {
      const stack: PyNode[] = [sib];
      while (stack.length) {
        const n = stack.pop()!;
        if (visit(n)) return;
        if (PRUNED.has(n.type)) continue;
        const kids = n.namedChildren;
        for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
      }
    }
  }
}

/** Identifiers read inside `node` (including itself), e.g. `data` in `data["train"].shuffle()`. */
export function identifiersIn(node: PyNode, sc?: PySourceCode): string[] {
  return identifierNodesIn(node, sc).map((n) => n.text);
}

/** The identifier nodes `identifiersIn` reads, for questions about each read (`reachingBindings`). */
export function identifierNodesIn(node: PyNode, sc?: PySourceCode): PyNode[] {
  if (node.type === 'identifier') return [node];
  // With the semantic model, names bound by a comprehension or lambda inside `node` are not the
  // function's variables (`[data for data in rows]` does not read the outer `data`).
  const ownScope = (id: PyNode) => !sc || !NESTED_SCOPES.has(sc.enclosingScope(id).type);
  const out: PyNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') {
      // skip attribute names (`x.data` reads x, not data) and keyword names
      const p = n.parent;
      if (p && p.type === 'attribute' && same(p.childForFieldName('attribute'), n)) continue;
      if (p && p.type === 'keyword_argument' && same(p.childForFieldName('name'), n)) continue;
      if (ownScope(n)) out.push(n);
      continue;
    }
    if (n.type === 'lambda' || n.type === 'function_definition') continue;
    stack.push(...n.namedChildren);
  }
  return out;
}

export function isInside(node: PyNode, ancestor: PyNode): boolean {
  return node.startIndex >= ancestor.startIndex && node.endIndex <= ancestor.endIndex;
}

/** Identifier names bound by an assignment target (`a`, `a, b`, `(a, b)`); attributes/subscripts are skipped. */
export function targetNames(target: PyNode | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(target.type)) {
    return target.namedChildren.flatMap((c) => targetNames(c));
  }
  return [];
}

/** Is this node a plain (possibly implicitly concatenated) string literal without interpolation? */
export function isPlainString(node: PyNode): boolean {
  if (node.type === 'string') return !node.namedChildren.some((c) => c.type === 'interpolation');
  if (node.type === 'concatenated_string') return node.namedChildren.every(isPlainString);
  return false;
}

/** The dictionary_splat / dictionary literal pairs of a dict node: key text → value node. */
export function dictPairs(sc: PySourceCode, dict: PyNode): Array<{ key: unknown; value: PyNode; pair: PyNode }> {
  if (dict.type !== 'dictionary') return [];
  return dict.namedChildren
    .filter((c) => c.type === 'pair')
    .map((pair) => {
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      return { key: k ? sc.constant(k) : undefined, value: v!, pair };
    })
    .filter((p) => p.value);
}

/**
 * A short text for an expression in a message: `getattr(obj, "name")` (a constant name) read as
 * `obj.name`, the text when it fits in `max` characters, else an attribute's last name
 * (`….feature_extractor`) or a call with its arguments left out (`accelerator.unwrap_model(…)`).
 */
export function displayText(sc: PySourceCode, node: PyNode, max = 40, depth = 0): string {
  const text = readableText(sc, node, depth);
  if (text.length <= max) return text;
  // `a.b.c` or `getattr(a.b, "c")`: its last name
  const last = /\.([A-Za-z_]\w*)$/.exec(text);
  if (last && (node.type === 'attribute' || node.type === 'call')) return `….${last[1]}`;
  const fn = node.type === 'call' ? calleeOf(node) : null;
  if (fn) {
    const short = `${displayText(sc, fn, Math.max(max - 3, 1), depth + 1)}(…)`;
    if (short.length <= max + 3) return short;
  }
  return `${text.slice(0, max - 1)}…`;
}

/** The text of an expression with `getattr(obj, "name")` written `obj.name`. */
function readableText(sc: PySourceCode, node: PyNode, depth: number): string {
  if (depth > 8) return sc.getText(node);
  if (node.type === 'call') {
    const fn = calleeOf(node);
    if (fn && sc.qualifiedName(fn) === 'builtins.getattr') {
      const obj = sc.argument(node, { position: 0 });
      const attr = sc.argument(node, { position: 1 });
      const name = attr ? sc.constant(attr) : undefined;
      if (obj && typeof name === 'string' && /^[A-Za-z_]\w*$/.test(name) && !sc.argument(node, { position: 2 })) return `${readableText(sc, obj, depth + 1)}.${name}`;
    }
  }
  if (node.type === 'attribute') {
    const obj = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute');
    if (obj && attr) return `${readableText(sc, obj, depth + 1)}.${attr.text}`;
  }
  return sc.getText(node);
}

/** The statement that contains `node` directly inside a block (or the module). */
export function statementOf(node: PyNode): PyNode {
  let cur: PyNode = node;
  while (cur.parent && cur.parent.type !== 'block' && cur.parent.type !== 'module') cur = cur.parent;
  return cur;
}

/** Methods of `unittest.mock` objects that compare argument lists (`mock_load.assert_called_with(...)`). */
const MOCK_ASSERTIONS = /^assert_(?:called|any_call|has_calls|awaited)/;

/** Methods that fill a template with their keywords (`ModelCard.from_template(data, trust_remote_code=True)`, `str.format`, jinja's `render`). */
const TEMPLATE_FILLERS = /^(?:from_template|format|format_map|render)$/;

/**
 * A call that only builds or compares an argument list, never loads anything: `dict(key=value)` (a
 * value, reported where it is passed as `**opts`), `mock.call(...)`, a mock's assertions
 * (`mock_from_pretrained.assert_called_with("org/m", trust_remote_code=True)` in a test), and a
 * template filled with keywords (`ModelCard.from_template(card_data, trust_remote_code=True)` writes
 * a README). With `key`: also an attribute bag (the language's `attributeBag`: `argparse.Namespace`,
 * `types.SimpleNamespace`, a plain `@dataclass` of the file) assigned to a name whose `key` the file
 * reads (`args = argparse.Namespace(trust_remote_code=True)` … `trust_remote_code=args.trust_remote_code`,
 * reported there); a bag handed on whole (`main(Namespace(…))`) is still judged where it is built.
 */
export function buildsArgumentsOnly(sc: PySourceCode, call: PyNode, key?: string): boolean {
  const fn = calleeOf(call);
  if (!fn) return false;
  if (fn.type === 'attribute' && MOCK_ASSERTIONS.test(fn.childForFieldName('attribute')?.text ?? '')) return true;
  if (fn.type === 'attribute' && TEMPLATE_FILLERS.test(fn.childForFieldName('attribute')?.text ?? '')) return true;
  if (isDictCallee(sc, fn)) return true;
  const qn = sc.qualifiedName(fn);
  // `model_kwargs.update(trust_remote_code=True)` / `.setdefault(...)` of a name bound only to a dict: filling a
  // mapping, reported where it is passed (`**model_kwargs`), not a load (review quant P3-2)
  if (fn.type === 'attribute' && /^(?:update|setdefault)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
    const object = fn.childForFieldName('object');
    if (object?.type === 'identifier') {
      const bound = sc.reachingBindings(object);
      if (bound.length > 0 && bound.every((b) => b.kind === 'assignment' && !!b.value && isDictValue(sc, b.value))) return true;
    }
  }
  if (key !== undefined && sc.attributeBag(call)) return memberRead(sc, call, key);
  return qn === 'unittest.mock.call' || qn === 'mock.call';
}

/** A dict built in place: `{...}`, a dict comprehension, `dict(...)`. */
function isDictValue(sc: PySourceCode, value: PyNode): boolean {
  if (value.type === 'dictionary' || value.type === 'dictionary_comprehension') return true;
  if (value.type !== 'call') return false;
  const fn = calleeOf(value);
  return !!fn && isDictCallee(sc, fn);
}

/** `dict` (the builtin, or the bare name where nothing resolves it). */
function isDictCallee(sc: PySourceCode, fn: PyNode): boolean {
  const qn = sc.qualifiedName(fn);
  return qn === 'builtins.dict' || qn === 'dict' || (!qn && fn.type === 'identifier' && fn.text === 'dict');
}

/** `value` is assigned to a name (`x = value`) whose `x.key` is read somewhere in the file. */
function memberRead(sc: PySourceCode, value: PyNode, key: string): boolean {
  const assignment = value.parent;
  const target = assignment?.type === 'assignment' && same(assignment.childForFieldName('right'), value) ? assignment.childForFieldName('left') : undefined;
  if (target?.type !== 'identifier') return false;
  return sc.references(target, { readsOnly: true }).some((ref) => {
    const parent = ref.parent;
    return parent?.type === 'attribute' && same(parent.childForFieldName('object'), ref) && parent.childForFieldName('attribute')?.text === key;
  });
}

/**
 * Keyword arguments whose mapping a loader forwards to the model or tokenizer it builds (`pipeline(...,
 * model_kwargs={...})`; mlx-lm's `load(..., tokenizer_config={"trust_remote_code": True})`, handed to
 * `AutoTokenizer.from_pretrained`).
 */
export const FORWARDING_KWARGS = new Set(['model_kwargs', 'tokenizer_kwargs', 'config_kwargs', 'processor_kwargs', 'model_init_kwargs', 'load_kwargs', 'init_kwargs', 'tokenizer_config']);

/**
 * `key` given through a forwarded mapping (`model_kwargs={"trust_remote_code": True}`, a name bound to
 * such a dict, `dict(...)`): the value node and the keyword that carried it. `values`: every value the key
 * takes when the mapping is chosen at run time (`tokenizer_config=cfg` with `cfg = {}` then, in an `if`,
 * `cfg = {"trust_remote_code": True}`; `model_kwargs={...} if remote else {}`), the language's
 * `mappingPaths`, only when asked (`paths`); `onSomePaths`: one of those paths may not pass it (or passes another value).
 */
export function forwardedArgument(sc: PySourceCode, call: PyNode, key: string, options: { paths?: boolean } = {}): { value: PyNode; values: PyNode[]; onSomePaths: boolean; via: string } | undefined {
  for (const a of argList(call)) {
    if (a.type !== 'keyword_argument') continue;
    const kw = a.childForFieldName('name')?.text ?? '';
    const v = a.childForFieldName('value');
    if (!FORWARDING_KWARGS.has(kw) || !v) continue;
    const value = sc.mappingValue(v, key);
    if (value) return { value, values: [value], onSomePaths: false, via: kw };
    if (!options.paths) continue;
    const paths = sc.mappingPaths(v, key);
    if (paths.values.length > 0) return { value: paths.values[0], values: paths.values, onSomePaths: paths.absent || paths.values.some((x) => sc.constant(x) !== sc.constant(paths.values[0])), via: kw };
  }
  return undefined;
}
