/**
 * What a path / id / URL argument denotes, asked of the semantic model: `constant()` for values,
 * `qualifiedName()` for calls such as `os.path.join`, `Path`, `tempfile.*`. Local assignments inside the
 * enclosing function are followed through the language's `bindingsOf` when it offers it.
 */
import { UNKNOWN } from '@oculum/core';
import { argList, calleeOf, isPlainString, receiverOf, same, type PyNode, type PySourceCode } from './ast.js';
import { isModelFile, looksLocalPath } from './classify.js';

export type Resolved =
  /** A fully known string. */
  /**
   * A fully known string (`soft`: a default that the environment or a caller can override; `choices`:
   * see `unknown`, when one branch is a string and the other a conditional between known values).
   */
  | { kind: 'string'; value: string; node?: PyNode; soft?: boolean; choices?: Resolved[] }
  /** A string whose beginning is known (f-string / join with unknown tail), e.g. `/tmp/` + …. */
  | { kind: 'prefix'; value: string; via?: 'gettempdir' }
  /** A provably local path whose text is not known (`os.path.join(out_dir, ...)`, `Path.cwd()`). */
  | { kind: 'local'; why: string; prefix?: string; via?: 'gettempdir' }
  /** A private temporary directory (`tempfile.TemporaryDirectory()`, `mkdtemp()`). */
  | { kind: 'private-temp' }
  /** A known value that is not a string (None, a number, a model object built by a call...). */
  | { kind: 'non-string'; why: string; call?: PyNode }
  /**
   * Not known. `choices`: a conditional expression whose branches are all known but differ
   * (`"org/a" if gpu else "org/b"`, `"./local" if x else "org/b"`): one of them, chosen at run time.
   */
  | { kind: 'unknown'; choices?: Resolved[] };

const JOIN_FUNCS = new Set(['os.path.join', 'posixpath.join', 'ntpath.join', 'os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'os.path.expanduser', 'os.path.expandvars', 'os.path.dirname', 'os.fspath', 'os.path.relpath']);
const PATH_CLASSES = /^pathlib\.(?:Pure)?(?:Posix|Windows)?Path$/;

/**
 * A parameter that defaults to `None`, read unchanged (`def f(repo, private=None): g(private=private)`):
 * the caller decides, as with a parameter that has no default.
 */
export function noneParameterPassedOn(sc: PySourceCode, node: PyNode | null | undefined): boolean {
  return !!node && defaultPassedOn(sc, node) && sc.constant(node) === null;
}

/** A parameter read where only its own binding reaches (its default, or what the caller passed). */
function defaultPassedOn(sc: PySourceCode, node: PyNode | null | undefined): boolean {
  return node?.type === 'identifier' && sc.reachingBindings(node).every((b) => b.kind === 'parameter');
}

/**
 * The value expressions a name may hold at `use` (the language's `bindingsOf`), keeping those bound
 * before the use when the name is re-bound in straight-line code (`x = a; ...; x = b`).
 */
export function valuesOf(sc: PySourceCode, use: PyNode): PyNode[] {
  if (use.type !== 'identifier') return [];
  const all = sc.bindingsOf(use);
  const sameScope = sc.enclosingFunction(use);
  // (a value the use is part of, `model_id = model_id if v is None else model_id + v`, is not what the name held there)
  const before = all.filter((v) => v.endIndex <= use.startIndex && same(sc.enclosingFunction(v), sameScope));
  if (before.length) return [before[before.length - 1]];
  return all;
}

function isParameter(sc: PySourceCode, use: PyNode): boolean {
  if (use.type !== 'identifier' || sc.parameterOf(use) === undefined) return false;
  // a parameter rebound before the use on every path (SpeechBrain's `savedir = pathlib.Path(savedir)`) holds
  // the new value there, which is read as any other name's (it reads the parameter in turn)
  const reaching = sc.reachingBindings(use);
  return reaching.length === 0 || reaching.some((b) => b.kind === 'parameter');
}

/** The first pieces of `+` chains being read again past the depth bound (see `resolve`'s `+`), by node id (one file at a time). */
const chainHeadsResolving = new Set<number>();

/** Per file: `resolve`'s answer by node and depth (a value asked again by each load and each rule is read once). */
const resolvedByFile = new WeakMap<PySourceCode, Map<number, Resolved>>();

/**
 * What a value holds as the rules read it (a string, a known prefix, a local path, a private temporary place,
 * …), to `depth` 6 (each step into a name's value, a call's argument or an operand counts one). Memoized per
 * file by node and depth: the answer depends on nothing else (a `+` chain's first piece being read again past the
 * bound ends there, whoever asks first).
 */
export function resolve(sc: PySourceCode, node: PyNode | null | undefined, depth = 0): Resolved {
  if (!node || depth > 6) return { kind: 'unknown' };
  let memo = resolvedByFile.get(sc);
  if (!memo) resolvedByFile.set(sc, (memo = new Map()));
  const key = node.id * 8 + depth;
  const known = memo.get(key);
  if (known) return known;
  const found = resolveUncached(sc, node, depth);
  memo.set(key, found);
  return found;
}

function resolveUncached(sc: PySourceCode, node: PyNode, depth: number): Resolved {
  if (node.type === 'parenthesized_expression' && node.namedChildren[0]) return resolve(sc, node.namedChildren[0], depth + 1);
  // Calls that build paths say "local" whatever their text (`os.path.join("org", "x")` is a directory).
  if (node.type === 'call') {
    const qn = sc.qualifiedName(calleeOf(node)!);
    if (qn && (JOIN_FUNCS.has(qn) || PATH_CLASSES.test(qn))) return resolveCall(sc, node, depth);
    // `str(Path("models") / "m")`, `os.fspath(...)`: the path's text, read as the path is (below)
    const first = argList(node)[0];
    if ((qn === 'str' || qn === 'builtins.str' || qn === 'os.fspath') && first?.type === 'binary_operator' && first.childForFieldName('operator')?.text === '/') {
      const inner = resolve(sc, first, depth + 1);
      if (inner.kind === 'local' || inner.kind === 'private-temp') return inner;
    }
  }
  if (node.type === 'identifier' && !isParameter(sc, node)) {
    const vals = valuesOf(sc, node).filter((v) => !same(v, node));
    // Re-bound names (`name = "./local"; ...; name = "org/x"`): the binding that reaches the use in
    // straight-line code. Names also bound by loops, imports, `def`... are left to `constant()`.
    const simple = sc.bindings(node).every((b) => b.kind === 'assignment' || b.kind === 'with');
    if (vals.length === 1 && (vals[0].type === 'call' || vals[0].type === 'binary_operator' || (simple && sc.bindings(node).length > 1))) {
      return resolve(sc, vals[0], depth + 1);
    }
  }
  // `Path("models") / "mistral-4bit"`, `MODEL_DIR / "gguf"` with `MODEL_DIR = Path(...)`: a path joined with `/`,
  // local as `os.path.join("models", …)` is, before the constant fold reads it as the string "models/mistral-4bit"
  // (review quant P3-1)
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '/') {
    let head = node.childForFieldName('left');
    for (let i = 0; head?.type === 'binary_operator' && head.childForFieldName('operator')?.text === '/' && i < 64; i++) head = head.childForFieldName('left');
    if (head && (head.type === 'call' || head.type === 'identifier' || head.type === 'attribute')) {
      const left = resolve(sc, head, depth + 1);
      if (left.kind === 'private-temp') return left;
      if (left.kind === 'local') {
        const whole = sc.constant(node);
        return typeof whole === 'string' ? { ...left, prefix: whole } : left;
      }
    }
  }
  const c = sc.constant(node);
  if (c !== UNKNOWN) {
    // `def create(model, peft=None)` / `def train(base_model: str = "")`, the value read unchanged: a
    // placeholder, the caller passes the real one
    if ((c === null || c === '') && defaultPassedOn(sc, node)) return { kind: 'unknown' };
    if (typeof c === 'string') return { kind: 'string', value: c, ...(isPlainString(node) ? { node } : {}) };
    return { kind: 'non-string', why: c === null ? 'None' : typeof c };
  }
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const p = sc.stringPrefix(node);
      return p ? { kind: 'prefix', value: p } : { kind: 'unknown' };
    }
    case 'call':
      return resolveCall(sc, node, depth);
    default:
      return resolveOther(sc, node, depth);
  }
}

function resolveCall(sc: PySourceCode, node: PyNode, depth: number): Resolved {
  {
    {
      const qn = sc.qualifiedName(calleeOf(node)!);
      const first = argList(node)[0];
      if (qn && JOIN_FUNCS.has(qn)) {
        const whole = sc.constant(node);
        if (typeof whole === 'string') return { kind: 'local', why: `${qn}(...)`, prefix: whole };
        const r = first && first.type !== 'keyword_argument' ? resolve(sc, first, depth + 1) : { kind: 'unknown' as const };
        // `os.path.join(BASE_URL, name)` joins a URL (with `/` on POSIX), not a local path
        if ((r.kind === 'string' || r.kind === 'prefix') && /^[a-z][a-z0-9+.-]*:\/\//i.test(r.value) && qn !== 'os.path.dirname') return { kind: 'prefix', value: r.value };
        if (r.kind === 'string' || r.kind === 'prefix') return { kind: 'local', why: `${qn}(...)`, prefix: r.value, ...(r.kind === 'prefix' && r.via ? { via: r.via } : {}) };
        if (r.kind === 'private-temp') return r;
        if (r.kind === 'local') return r;
        return { kind: 'local', why: `${qn}(...)` };
      }
      if (qn && PATH_CLASSES.test(qn)) {
        if (!first) return { kind: 'local', why: 'Path()', prefix: '.' };
        const r = resolve(sc, first, depth + 1);
        if (r.kind === 'string') return looksUrlish(r.value) ? r : { kind: 'local', why: 'Path(...)', prefix: r.value };
        if (r.kind === 'prefix') return { kind: 'local', why: 'Path(...)', prefix: r.value };
        if (r.kind === 'private-temp' || r.kind === 'local') return r;
        return { kind: 'local', why: 'Path(...)' };
      }
      if (qn && /^pathlib\.(?:Pure)?(?:Posix|Windows)?Path\.(?:home|cwd)$/.test(qn)) return { kind: 'local', why: `${qn}()` };
      if (qn === 'os.getcwd' || qn === 'os.path.expanduser') return { kind: 'local', why: `${qn}()` };
      // `urljoin(BASE_URL, name)`: the base begins the URL
      if ((qn === 'urllib.parse.urljoin' || qn === 'requests.compat.urljoin') && first) {
        const r = resolve(sc, first, depth + 1);
        if (r.kind === 'string' || r.kind === 'prefix') return { kind: 'prefix', value: r.value };
      }
      if (qn === 'tempfile.gettempdir') return { kind: 'prefix', value: '/tmp', via: 'gettempdir' };
      if (qn === 'tempfile.mkdtemp' || qn === 'tempfile.TemporaryDirectory' || qn === 'tempfile.mkstemp') return { kind: 'private-temp' };
      if (qn === 'str' || qn === 'builtins.str' || (!qn && calleeOf(node)?.text === 'str')) return first ? resolve(sc, first, depth + 1) : { kind: 'unknown' };
      const fn = calleeOf(node);
      if (fn?.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text;
        const obj = fn.childForFieldName('object');
        if (method && ['joinpath', 'resolve', 'absolute', 'expanduser', 'with_suffix', 'with_name'].includes(method) && obj) {
          const r = resolve(sc, obj, depth + 1);
          if (r.kind === 'local' || r.kind === 'private-temp') return r;
          if (r.kind === 'string' || r.kind === 'prefix') return { kind: 'local', why: `.${method}()`, prefix: r.value };
          // methods only a `pathlib` path has (not `resolve`): `temp_dir.absolute()` is a local path
          if (method !== 'resolve') return { kind: 'local', why: `.${method}()` };
        }
        if (method === 'format' && obj) {
          const r = resolve(sc, obj, depth + 1);
          if (r.kind === 'string') {
            const i = r.value.indexOf('{');
            if (i < 0) return r;
            // the first field's value continues the known beginning: `"{}/{}.pth".format(BASE, name)`,
            // `"{base}/x".format(base=BASE)`
            const field = /^\{(\d*|[A-Za-z_]\w*)\}/.exec(r.value.slice(i));
            if (field && !r.value.slice(0, i).includes('}')) {
              const key = field[1];
              const arg = key === '' || key === '0' ? sc.argument(node, { position: 0 }) : /^\d+$/.test(key) ? sc.argument(node, { position: Number(key) }) : sc.argument(node, { name: key });
              const v = arg ? resolve(sc, arg, depth + 1) : undefined;
              if (v && (v.kind === 'string' || v.kind === 'prefix')) return { kind: 'prefix', value: r.value.slice(0, i) + v.value };
            }
            return i > 0 ? { kind: 'prefix', value: r.value.slice(0, i) } : { kind: 'unknown' };
          }
        }
        // `"/".join([BASE, name])`: the first part begins the string
        if (method === 'join' && obj) {
          const sep = sc.constant(obj);
          const parts = argList(node)[0];
          if (typeof sep === 'string' && parts && (parts.type === 'list' || parts.type === 'tuple')) {
            const head = parts.namedChildren.find((c) => c.type !== 'comment');
            const v = head ? resolve(sc, head, depth + 1) : undefined;
            if (v && (v.kind === 'string' || v.kind === 'prefix')) return { kind: 'prefix', value: v.value };
          }
        }
      }
      // `spec.split("@")[0].strip()`, `name.lower()`: a string (`constant` folds them on constants)
      if (fn?.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const obj = fn.childForFieldName('object');
        if (STRING_METHODS.has(method) && obj) {
          const r = resolve(sc, obj, depth + 1);
          // a local path stays one (`os.path.join(d, x).rstrip("/")`), so does the start of a path built at run time
          if (r.kind === 'local' || r.kind === 'private-temp') return r;
          if (r.kind === 'prefix' && (method === 'rstrip' || method === 'removesuffix')) return r;
          if (r.kind === 'prefix' && (method === 'lower' || method === 'casefold')) return { ...r, value: r.value.toLowerCase() };
          return { kind: 'unknown' };
        }
      }
      // os.environ.get("X", "default") / os.getenv("X", "default"): the default, overridable. A default
      // of `None` or `""` is a placeholder: the value is the environment's, not known here
      if (qn === 'os.environ.get' || qn === 'os.getenv' || qn === 'os.environ.setdefault') {
        const def = sc.argument(node, { name: 'default' }) ?? sc.argument(node, { position: 1 });
        if (!def) return { kind: 'unknown' };
        const r = resolve(sc, def, depth + 1);
        if ((r.kind === 'non-string' && r.why === 'None') || (r.kind === 'string' && r.value === '')) return { kind: 'unknown' };
        return r.kind === 'string' ? { ...r, soft: true } : r;
      }
      // `urls.get(name)` of a dict literal of this file whose every value is a string
      const entry = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' ? lookupValue(sc, node, depth) : undefined;
      if (entry) return entry;
      return { kind: 'non-string', why: 'call', call: node };
    }
  }
}

/** `str` methods that return a string (`split` returns a list). */
const STRING_METHODS = new Set(['lower', 'upper', 'casefold', 'strip', 'lstrip', 'rstrip', 'replace', 'removeprefix', 'removesuffix', 'title', 'capitalize', 'swapcase', 'expandtabs', 'zfill', 'ljust', 'rjust', 'center']);

/**
 * Libraries whose functions build objects (models, tensors, arrays), or return local paths (`snapshot_download`,
 * kagglehub's `model_download`/`dataset_download`: the directory the files were cached in), never a Hub id.
 */
const OBJECT_LIBRARIES = /^(?:kagglehub|torch|torchvision|torchaudio|tensorflow|keras|jax|flax|numpy|sklearn|transformers|diffusers|peft|sentence_transformers|datasets|accelerate|trl|huggingface_hub|optimum|vllm|timm|open_clip|setfit|unsloth|bitsandbytes|deepspeed|lightning|pytorch_lightning|safetensors|onnx|onnxruntime|tokenizers|evaluate|gradio|streamlit|faster_whisper|FlagEmbedding|ctransformers|modelscope)\./;
/**
 * Calls that return a string not known here: `input()`…, and the functions of those libraries that
 * return a Hub id (`huggingface_hub.get_full_repo_name("m")` is `"<user>/m"`: the course notebooks
 * load the model they just pushed back with it).
 */
const STRING_BUILTINS = new Set(['builtins.input', 'builtins.getattr', 'builtins.format', 'builtins.repr', 'huggingface_hub.get_full_repo_name', 'huggingface_hub.utils.get_full_repo_name', 'huggingface_hub.hf_api.get_full_repo_name', 'huggingface_hub.utils._deprecation.get_full_repo_name']);

/**
 * `resolve` for an argument that names a repository or a path (a Hub id, a dataset path): the value
 * of a call that may return a string is not known (a low-confidence finding), rather than "not a
 * string" (nothing). Such calls: an unknown function (`get_name(spec)`, `cfg.get("model")`), `input()`,
 * a same-file function that returns such a value or different strings. Not: a class (`Config(...)`), a
 * function of a library that builds objects (`AutoModel.from_pretrained(...)`, `torch.compile(m)`), a
 * method of such an object (`model.to(device)`), a same-file function that returns only local paths
 * or objects.
 */
export function resolveId(sc: PySourceCode, node: PyNode | null | undefined, depth = 0): Resolved {
  const r = resolve(sc, node);
  if (r.kind === 'non-string' && r.call) return callValue(sc, r.call, depth);
  // `def merge(base_name): AutoModel.from_pretrained(base_name)` … `merge("org/base")`: what the file's calls pass
  if (r.kind === 'unknown' && !r.choices && node?.type === 'identifier' && defaultPassedOn(sc, node)) return passedValues(sc, node, depth) ?? r;
  // `REMOTE[kind]["repo_id"]`, `info["repo_id"]` after `info = REMOTE[kind]`: the id a table of tables names
  // (for ids only: a digest beside a URL in the same table is read by the download rules' own lookups)
  if (r.kind === 'unknown' && !r.choices && node?.type === 'subscript') {
    // (also `spec["path"]` in `for name, spec in MODELS.items():`, `MODELS[name]["path"]` in a loop over its keys:
    // the language's `tableOfTablesValues`, review evalh P2-5)
    const nested = lookupValue(sc, node, depth, nestedEntries(sc, node) ?? sc.tableOfTablesValues(node), MAX_NESTED_CHOICES);
    if (nested) return nested;
  }
  // `self.model` that the class only ever assigns objects (`self.model = AutoModel.from_pretrained(...)`)
  if (r.kind === 'unknown' && !r.choices && node?.type === 'attribute' && holdsObjects(sc, node, depth)) return { kind: 'non-string', why: 'an attribute holding objects' };
  return r;
}

/** How many calls of a function `passedValues` reads at most. */
const MAX_CALL_SITES = 8;

/**
 * A parameter of a function of this file that every call in the file gives a known string (or leaves at
 * a known default): that string, `soft` (a caller in another module may pass another), or the values
 * to choose between when they differ. Undefined when the function is not called here (a library's
 * entry point, a callback), is called too often, or one call passes something else (not known, a
 * local path, an object: what the parameter holds from elsewhere is left unknown).
 */
function passedValues(sc: PySourceCode, node: PyNode, depth: number): Resolved | undefined {
  if (depth > 2) return undefined;
  const param = sc.parameterOf(node);
  if (!param || param.function.type !== 'function_definition') return undefined;
  const calls = sc.callSites(param.function);
  if (calls.length === 0 || calls.length > MAX_CALL_SITES) return undefined;
  const values: Resolved[] = [];
  for (const call of calls) {
    const arg = sc.argumentFor(call, param);
    const v = arg ? resolveId(sc, arg, depth + 1) : param.default ? resolve(sc, param.default) : ({ kind: 'unknown' } as Resolved);
    // only strings: a local path or an object from every call here may still be a Hub id from a caller elsewhere
    if (v.kind !== 'string') return undefined;
    if (!values.some((x) => x.kind === v.kind && (x.kind !== 'string' || (v.kind === 'string' && x.value === v.value)))) values.push(v);
  }
  if (values.length === 1) return values[0].kind === 'string' ? { kind: 'string', value: values[0].value, soft: true } : values[0];
  return { kind: 'unknown', choices: values };
}

/** The values a conditional expression chooses between (see `Resolved`), when `r` is one. */
export function choicesOf(r: Resolved): Resolved[] | undefined {
  return r.kind === 'unknown' || r.kind === 'string' ? r.choices : undefined;
}

/**
 * An attribute of a class of this file (`self.model`, read through `attributeValues`) whose every
 * assignment there builds an object (`self.model = AutoModelForCausalLM.from_pretrained(self.model_name)`,
 * `.to(device)` on it, a class of this file), `None` placeholders aside: it holds no id. Not when one
 * assignment is a parameter or a value that may be a string (`self.model = model`, `get_name()`).
 */
function holdsObjects(sc: PySourceCode, attr: PyNode, depth: number): boolean {
  if (depth > 4) return false;
  const values = (sc.attributeValues(attr) ?? []).filter((v) => v.type !== 'none');
  return values.length > 0 && values.every((v) => resolveId(sc, v, depth + 1).kind === 'non-string');
}

function callValue(sc: PySourceCode, call: PyNode, depth: number): Resolved {
  const object: Resolved = { kind: 'non-string', why: 'call' };
  if (depth > 4) return { kind: 'unknown' };
  const fn = calleeOf(call);
  if (!fn) return { kind: 'unknown' };
  const local = sc.localFunction(call);
  if (local) {
    const values = sc.returnValues(local).map((v) => {
      const r = resolve(sc, v);
      return r.kind === 'non-string' && r.call ? callValue(sc, r.call, depth + 1) : r;
    });
    if (values.every((r) => r.kind === 'local' || r.kind === 'private-temp' || r.kind === 'non-string')) return values.find((r) => r.kind !== 'non-string') ?? object;
    const first = values[0];
    if (first.kind === 'string' && values.every((r) => r.kind === 'string' && r.value === first.value)) return first;
    return { kind: 'unknown' };
  }
  // a class of this file (at deep, of the project) builds an object
  if (sc.projectSubclass(fn)) return object;
  const qn = sc.qualifiedName(fn);
  if (qn) {
    if (STRING_BUILTINS.has(qn)) return { kind: 'unknown' };
    if (qn.startsWith('builtins.') || OBJECT_LIBRARIES.test(qn) || /^[A-Z]/.test(qn.slice(qn.lastIndexOf('.') + 1))) return object;
    return { kind: 'unknown' };
  }
  // a method of an object built here (`AutoModel.from_pretrained(p).to(device)`, `accelerator.unwrap_model(m)`)
  const recv = receiverOf(call);
  // except a value read out of a mapping by a key written here: of a table the language reads (a dict literal,
  // `dict(...)`, a name bound to one: `kw.pop("model")`, `models.get("enc")` with `models = {"enc": AutoModel...}`),
  // that key's value (review w37hf P2-3); of any other (`model_args.pop("pretrained")` on the dict a helper of this
  // file builds, lm-eval's `simple_parse_args_string`; `cfg.get("model")` of a config), not known, as
  // `model_args["pretrained"]` is (review evalh P2-4)
  const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (recv && method && MAPPING_READS.has(method)) {
    const key = sc.argument(call, { position: 0 });
    const k = key ? sc.constant(key) : undefined;
    if (typeof k === 'string') {
      const hit = sc.mappingValue(recv, k, { stable: true });
      if (!hit) return { kind: 'unknown' };
      const r = resolve(sc, hit, depth + 1);
      return r.kind === 'non-string' && r.call ? callValue(sc, r.call, depth + 1) : r;
    }
  }
  if (recv) {
    const r = recv.type === 'call' ? callValue(sc, recv, depth + 1) : resolveId(sc, recv, depth + 1);
    if (r.kind === 'non-string') return object;
  }
  return { kind: 'unknown' };
}

/** Methods that read a value out of a mapping by its key (`d.pop("k")`, `d.get("k", default)`). */
const MAPPING_READS = new Set(['get', 'pop', 'setdefault', '__getitem__']);

/** Steps `chainHead` takes down a `+` chain at most. */
const MAX_CHAIN = 10_000;

/**
 * The first operand of a left-nested `+` chain (`a + b + c` is `(a + b) + c`; parentheses looked through), found
 * by a loop rather than the recursion of `resolve`; `undefined` past `MAX_CHAIN` steps.
 */
function chainHead(node: PyNode): PyNode | undefined {
  let n: PyNode | null = node;
  for (let i = 0; n && i < MAX_CHAIN; i++) {
    if (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
    else if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') n = n.childForFieldName('left');
    else return n;
  }
  return undefined;
}

function resolveOther(sc: PySourceCode, node: PyNode, depth: number): Resolved {
  switch (node.type) {
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = resolve(sc, node.childForFieldName('left'), depth + 1);
      if (op === '/') {
        if (left.kind === 'local' || left.kind === 'private-temp') return left;
        // `temp_dir / "config.json"`: `/` with a string is a path join (a `str` has no `/`)
        const right = node.childForFieldName('right');
        if (left.kind === 'unknown' && right && typeof sc.constant(right) === 'string') return { kind: 'local', why: 'a path joined with /' };
      }
      if (op === '%' && left.kind === 'string') {
        // `"%s/%s.pth" % (BASE, name)`: the first `%s` is the first value
        const i = left.value.indexOf('%');
        if (i >= 0 && left.value.startsWith('%s', i)) {
          const right = node.childForFieldName('right');
          const values = right?.type === 'tuple' ? right.namedChildren.filter((c) => c.type !== 'comment') : right ? [right] : [];
          const v = values[0] ? resolve(sc, values[0], depth + 1) : undefined;
          if (v && (v.kind === 'string' || v.kind === 'prefix')) return { kind: 'prefix', value: left.value.slice(0, i) + v.value };
        }
      }
      if (op === '+' || op === '%') {
        if (left.kind === 'string' || left.kind === 'prefix') {
          let value = op === '%' ? left.value.split('%')[0] : left.value;
          // Only `gettempdir()` stands for a whole value: after any other prefix the text is unknown,
          // and what follows it cannot be appended (`"http://" + host + "/m.bin"` is not `http:///m.bin`).
          if (op === '+' && left.kind === 'prefix' && left.via === 'gettempdir') {
            const right = sc.constant(node.childForFieldName('right')!);
            if (typeof right === 'string') value += right;
          }
          return { kind: 'prefix', value, ...(left.kind === 'prefix' && left.via ? { via: left.via } : {}) };
        }
        // a `+` chain longer than the depth bound (`'http://x.org/' + 'p0/' + … + 'model.pkl'`, hundreds of
        // pieces): its first piece, read without the recursion, still gives the known start (the scheme)
        if (op === '+' && left.kind === 'unknown' && !left.choices) {
          // (once per piece on the stack: a name whose value is such a chain again, around a loop, ends there)
          const head = chainHead(node);
          let first: Resolved | undefined;
          if (head && !chainHeadsResolving.has(head.id)) {
            chainHeadsResolving.add(head.id);
            try {
              first = resolve(sc, head, Math.min(depth, 4));
            } finally {
              chainHeadsResolving.delete(head.id);
            }
          }
          if (first && (first.kind === 'string' || (first.kind === 'prefix' && first.via === undefined))) return { kind: 'prefix', value: first.value };
        }
      }
      return { kind: 'unknown' };
    }
    case 'attribute': {
      // `tmp.name` of a TemporaryDirectory
      const obj = node.childForFieldName('object');
      if (node.childForFieldName('attribute')?.text === 'name' && obj) {
        const r = resolve(sc, obj, depth + 1);
        if (r.kind === 'private-temp') return r;
      }
      // `self.model_id` assigned once in this class (`self.model_id = model_id`, a parameter with a
      // default): that value, overridable (a subclass or a later assignment elsewhere may change it)
      const values = sc.attributeValues(node);
      const only = values && values.length > 1 ? overridingWrite(sc, node, values) : values?.length === 1 ? values[0] : undefined;
      if (only) {
        const r = resolve(sc, only, depth + 1);
        return r.kind === 'string' ? { ...r, soft: true } : r.kind === 'local' || r.kind === 'private-temp' ? r : { kind: 'unknown' };
      }
      // `args.model_name` after `parser.add_argument("--model_name", default="meta-llama/Llama-2-7b-hf")`
      // (or a dataclass field of `HfArgumentParser`): the default, which the command line can override
      // (an empty default is a placeholder: the value is the command line's, not known here)
      const fallback = sc.defaultValue(node);
      if (typeof fallback === 'string' && fallback !== '') return { kind: 'string', value: fallback, soft: true };
      return { kind: 'unknown' };
    }
    case 'conditional_expression': {
      // `sys.argv[1] if len(sys.argv) > 1 else "org/default"`: the branch that is known, overridable
      const parts = node.namedChildren.filter((c) => c.type !== 'comment');
      if (parts.length !== 3) return { kind: 'unknown' };
      const a = resolve(sc, parts[0], depth + 1);
      const b = resolve(sc, parts[2], depth + 1);
      // `"org/a" if gpu else "org/b"`: both branches known, one of them at run time (`choices`, nested
      // conditionals flattened); a string beside a nested conditional is still read as before
      const choices = [a, b].every((r) => r.kind !== 'unknown' || r.choices) ? [a, b].flatMap((r) => choicesOf(r) ?? [r]) : undefined;
      const extra = choices ? { choices } : {};
      if (b.kind === 'string' && (a.kind === 'unknown' || (a.kind === 'string' && a.value === b.value))) return { ...b, soft: true, ...(a.kind === 'unknown' ? extra : {}) };
      if (a.kind === 'string' && b.kind === 'unknown') return { ...a, soft: true, ...extra };
      return choices ? { kind: 'unknown', choices } : { kind: 'unknown' };
    }
    case 'boolean_operator': {
      // `args.model or "org/default"`: the fallback, overridable
      if (node.childForFieldName('operator')?.text !== 'or') return { kind: 'unknown' };
      const r = resolve(sc, node.childForFieldName('right'), depth + 1);
      return r.kind === 'string' ? { ...r, soft: true } : r.kind === 'local' || r.kind === 'private-temp' ? r : { kind: 'unknown' };
    }
    case 'identifier': {
      if (isParameter(sc, node)) return { kind: 'unknown' };
      const vals = valuesOf(sc, node).filter((v) => !same(v, node));
      if (vals.length === 1) return resolve(sc, vals[0], depth + 1);
      return loopValue(sc, node, depth);
    }
    case 'subscript':
      return lookupValue(sc, node, depth) ?? { kind: 'unknown' };
    case 'list':
    case 'tuple':
    case 'dictionary':
    case 'list_comprehension':
    case 'integer':
    case 'float':
    case 'lambda':
      return { kind: 'non-string', why: node.type };
    default:
      return { kind: 'unknown' };
  }
}

/**
 * `CFG.model` after `class CFG: model = "org/x"` and a module-level `CFG.model = "/kaggle/input/x"` that certainly
 * runs before the use (the language's `attributeWritesReaching`, one write on every path): that write's value,
 * when every other value the class gives the attribute is its body's own, which the write replaces.
 */
function overridingWrite(sc: PySourceCode, attr: PyNode, values: PyNode[]): PyNode | undefined {
  const object = attr.childForFieldName('object');
  const name = attr.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier' || !name) return undefined;
  const inClassBody = (v: PyNode) => v.parent?.type === 'assignment' && v.parent.parent?.type === 'expression_statement' && v.parent.parent.parent?.type === 'block' && v.parent.parent.parent.parent?.type === 'class_definition';
  // only one value outside the class body can be the write: with two or more the answer cannot be used,
  // so it is not asked (the walk costs the writes of the file at each use: 3,000 `if f: CFG.model = …`)
  if (values.filter((v) => !inClassBody(v)).length > 1) return undefined;
  const { writes, everyPath } = sc.attributeWritesReaching(object, name, attr);
  if (!everyPath || writes.length !== 1) return undefined;
  const value = writes[0].value;
  return values.every((v) => same(v, value) || inClassBody(v)) ? value : undefined;
}

/**
 * The loop variable of `for url in ["https://…/yolov7.pt", "https://…/yolov7x.pt"]:` (the values the
 * loop writes out, as the language's `loopValues` reads them, also through a name bound to a list):
 * every value a local path (`for p in [Path(a), Path(b)]`): local; else one of the strings, a model
 * file's when there is one (that iteration is the download a rule asks about), else one that is no
 * local path (`for x in [Path(d), "org/model"]`: the Hub id), else the first; else the known start of
 * one. The loop takes every one of the values, so the one chosen is certain when every value is known
 * (`for repo in ["Qwen/Qwen2.5-1.5B-Instruct"]`); overridable (`soft`) when one of them is not
 * (`for m in ["org/a", args.model]`) or is itself overridable.
 */
function loopValue(sc: PySourceCode, node: PyNode, depth: number): Resolved {
  const items = sc.loopValues(node);
  if (!items || items.length === 0) return listsDisk(sc, node, depth) ?? { kind: 'unknown' };
  const values = items.map((v) => resolve(sc, v, depth + 1));
  const local = values.find((r) => r.kind === 'local' || r.kind === 'private-temp');
  if (local && values.every((r) => r.kind === 'local' || r.kind === 'private-temp')) return local;
  const strings = values.flatMap((r) => (r.kind === 'string' ? [r.value] : []));
  if (strings.length) {
    const value = strings.find(isModelFile) ?? strings.find((s) => !looksLocalPath(s)) ?? strings[0];
    const known = values.every((r) => (r.kind === 'string' && !r.soft) || r.kind === 'local' || r.kind === 'private-temp' || r.kind === 'non-string');
    return { kind: 'string', value, ...(known ? {} : { soft: true }) };
  }
  const prefix = values.find((r) => r.kind === 'prefix');
  return prefix ?? { kind: 'unknown' };
}

/**
 * An entry of a table of this file (`repos[model]`, `model_urls.get(name)`: the language's `lookupValues`,
 * a dict literal or a name bound once to one that nothing adds to), when every value it may give is a
 * known string: one of them, as a conditional expression between known values is read (`choices`, each
 * value; the one named is a model file's when there is one, else one that is no local path). A literal
 * key gives its own entry. `undefined` when the expression is no such lookup or a value is not known
 * (a default of `None`, a value built at run time).
 */
function lookupValue(sc: PySourceCode, node: PyNode, depth: number, entries = sc.lookupValues(node), cap = Infinity): Resolved | undefined {
  if (!entries || entries.length === 0) return undefined;
  // one answer per file for the same entries (a table read at each of many uses: `REMOTE[kind]["repo_id"]` ×200
  // resolved its 2,000 entries again at each)
  // (first by the entries array itself, which the language shares per table and key: no key of 3,000 ids built
  // again at each of 2,000 loads, review w37hf P1-1)
  let byArray = lookupArrayMemo.get(entries);
  if (!byArray) lookupArrayMemo.set(entries, (byArray = new Map()));
  const short = `${depth} ${cap}`;
  if (byArray.has(short)) return byArray.get(short);
  let memo = lookupMemo.get(sc);
  if (!memo) lookupMemo.set(sc, (memo = new Map()));
  const key = `${short} ${entries.map((e) => e.id).join(',')}`;
  const answer = memo.has(key) ? memo.get(key) : entriesValue(sc, entries, depth, cap);
  memo.set(key, answer);
  byArray.set(short, answer);
  return answer;
}

/** `lookupValue`'s answers per entries array (by depth and cap). */
const lookupArrayMemo = new WeakMap<readonly PyNode[], Map<string, Resolved | undefined>>();

/** `lookupValue`'s answers, per file, by depth, cap and the entries read. */
const lookupMemo = new WeakMap<PySourceCode, Map<string, Resolved | undefined>>();

/**
 * The most ids a table of tables names that `resolveId` reads as choices (`REMOTE[kind]["repo_id"]`): over it the
 * value is not known (a low-confidence finding, as for any other unknown), rather than thousands of choices.
 */
const MAX_NESTED_CHOICES = 64;

function entriesValue(sc: PySourceCode, entries: PyNode[], depth: number, cap: number): Resolved | undefined {
  const values = entries.map((v) => resolve(sc, v, depth + 1));
  const strings: string[] = [];
  for (const r of values) {
    if (r.kind !== 'string' || r.choices) return undefined;
    strings.push(r.value);
  }
  const soft = values.some((r) => r.kind === 'string' && r.soft) ? { soft: true } : {};
  const distinct = [...new Set(strings)];
  if (distinct.length === 1) return { kind: 'string', value: distinct[0], ...soft };
  if (distinct.length > cap) return undefined;
  const value = distinct.find(isModelFile) ?? distinct.find((s) => !looksLocalPath(s)) ?? distinct[0];
  return { kind: 'string', value, ...soft, choices: distinct.map((v) => ({ kind: 'string', value: v, ...soft }) as Resolved) };
}

/**
 * The entries a literal key names in the tables a lookup of this file gives (the language's `lookupValues`),
 * each table a dict literal: `REMOTE["text"]["repo_id"]`, or `info["repo_id"]` after `info = REMOTE["text"]`
 * (Bark's `REMOTE_MODEL_PATHS`), read by `resolveId`. `undefined` when one of them is no such table or lacks the key.
 */
function nestedEntries(sc: PySourceCode, node: PyNode): PyNode[] | undefined {
  if (node.type !== 'subscript') return undefined;
  const keyNode = node.childForFieldName('subscript');
  const key = keyNode?.type === 'string' ? sc.constant(keyNode) : undefined;
  if (typeof key !== 'string') return undefined;
  let inner = node.childForFieldName('value');
  if (inner?.type === 'identifier') {
    const vals = valuesOf(sc, inner).filter((v) => !same(v, inner));
    inner = vals.length === 1 ? vals[0] : null;
  }
  if (!inner || inner.type !== 'subscript') return undefined;
  const tables = sc.lookupValues(inner);
  if (!tables || tables.length === 0) return undefined;
  // once per file for the same tables and key (each of 200 uses read the 2,000 tables of `REMOTE` again)
  let memo = nestedMemo.get(sc);
  if (!memo) nestedMemo.set(sc, (memo = new Map()));
  const memoKey = `${key}\0${tables.map((t) => t.id).join(',')}`;
  if (memo.has(memoKey)) return memo.get(memoKey);
  let out: PyNode[] | undefined = [];
  for (const t of tables) {
    const v = t.type === 'dictionary' ? sc.mappingValue(t, key) : undefined;
    if (!v) {
      out = undefined;
      break;
    }
    out.push(v);
  }
  memo.set(memoKey, out);
  return out;
}

/** `nestedEntries`' answers, per file, by key and the tables read. */
const nestedMemo = new WeakMap<PySourceCode, Map<string, PyNode[] | undefined>>();

/** Calls that list what is on disk: each value they give is an existing path. */
const DISK_LISTINGS = new Set(['glob.glob', 'glob.iglob']);
const PATH_LISTINGS = new Set(['glob', 'rglob', 'iterdir']);
const ORDERING = new Set(['builtins.sorted', 'builtins.list', 'builtins.reversed', 'builtins.tuple']);

/**
 * The loop variable of `for ckpt in sorted(Path(run_dir).glob("checkpoint-*")):` (also `rglob`,
 * `iterdir`, `glob.glob(...)`, through `sorted`/`list`/`reversed`): every value is a path found on
 * disk, local. `undefined` when the loop is no such listing.
 */
function listsDisk(sc: PySourceCode, node: PyNode, depth: number): Resolved | undefined {
  // `for root, dirs, files in os.walk(OUTPUT_DIR)`: each `root` is a directory under the one walked
  const top = walkedDirectory(sc, node);
  if (top) {
    const r = resolve(sc, top, depth + 1);
    if (r.kind === 'private-temp') return r;
    const prefix = r.kind === 'string' || r.kind === 'prefix' ? r.value : r.kind === 'local' ? r.prefix : undefined;
    const via = (r.kind === 'prefix' || r.kind === 'local') && r.via ? { via: r.via } : {};
    return { kind: 'local', why: 'a directory os.walk(...) visits', ...(prefix !== undefined ? { prefix } : {}), ...via };
  }
  const all = sc.bindings(node);
  const loops = all.filter((b) => b.kind === 'for');
  if (loops.length === 0 || loops.length !== all.length) return undefined;
  let listing = '';
  for (const b of loops) {
    if (b.node.childForFieldName('left')?.type !== 'identifier') return undefined; // `for ckpt in …`, not a tuple
    let source: PyNode | undefined = b.source ?? undefined;
    while (source?.type === 'call') {
      const fn = calleeOf(source);
      const qn = fn ? sc.qualifiedName(fn) : undefined;
      if (!qn || !ORDERING.has(qn)) break;
      const args = source.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
      source = args.length >= 1 && args[0].type !== 'keyword_argument' ? args[0] : undefined;
    }
    if (!source || source.type !== 'call') return undefined;
    const fn = calleeOf(source);
    if (!fn) return undefined;
    const qn = sc.qualifiedName(fn);
    if (qn && DISK_LISTINGS.has(qn)) {
      listing = qn;
      continue;
    }
    const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const object = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (!method || !PATH_LISTINGS.has(method) || !object) return undefined;
    const r = resolve(sc, object, depth + 1);
    if (r.kind !== 'local' && r.kind !== 'private-temp') return undefined;
    listing = `.${method}()`;
  }
  return { kind: 'local', why: `a path found on disk (${listing})` };
}

/**
 * The directory `os.walk(top)` (or `os.fwalk`) walks, when `node` is the first target of the one loop over it whose
 * binding reaches it (`for root, dirs, files in os.walk(OUTPUT_DIR)`): each value of `root` is that directory or one
 * under it. `undefined` for anything else (`dirs`, `files`, a name bound elsewhere too).
 */
export function walkedDirectory(sc: PySourceCode, node: PyNode): PyNode | undefined {
  if (node.type !== 'identifier') return undefined;
  // the loop whose binding reaches this use (a function may walk two directories with the same names)
  const all = sc.reachingBindings(node);
  if (all.length !== 1 || all[0].kind !== 'for') return undefined;
  const left = all[0].node.childForFieldName('left');
  if (left?.type !== 'pattern_list' && left?.type !== 'tuple_pattern') return undefined;
  const first = left.namedChildren.find((c) => c.type !== 'comment');
  if (first?.type !== 'identifier' || first.text !== node.text) return undefined;
  const source = all[0].source;
  const fn = source?.type === 'call' ? calleeOf(source) : undefined;
  const qn = fn ? sc.qualifiedName(fn) : undefined;
  if (qn !== 'os.walk' && qn !== 'os.fwalk') return undefined;
  return sc.argument(source!, { name: 'top' }) ?? sc.argument(source!, { position: 0 }) ?? undefined;
}

function looksUrlish(s: string): boolean {
  return /^[a-z]+:\/\//i.test(s);
}

/** The literal string node an argument resolves to, when there is exactly one (for suggestions). */
export function literalStringNode(sc: PySourceCode, node: PyNode | null | undefined): PyNode | undefined {
  if (!node) return undefined;
  if (node.type === 'string' && isPlainString(node)) return node;
  if (node.type === 'identifier') {
    const vals = valuesOf(sc, node);
    if (vals.length === 1 && vals[0].type === 'string' && isPlainString(vals[0])) return vals[0];
  }
  return undefined;
}
