import { createRule, type Confidence } from '@oculum/core';
import type { PythonSourceCode } from '@oculum/lang-python';
import { calleeName, dataOrigin, nameAmong, type Node, isStubFile } from '../utils.js';

const DYNAMIC_CODE = new Set(['builtins.eval', 'builtins.exec', 'builtins.compile']);

/** Calls whose result is parsed configuration or model metadata. */
export const CONFIG_READERS = new Set([
  'json.load',
  'json.loads',
  'yaml.load',
  'yaml.safe_load',
  'yaml.full_load',
  'yaml.unsafe_load',
  'yaml.load_all',
  'yaml.safe_load_all',
  'tomllib.load',
  'tomllib.loads',
  'tomli.load',
  'tomli.loads',
  'toml.load',
  'toml.loads',
  'ujson.load',
  'ujson.loads',
  'orjson.loads',
  'simplejson.load',
  'simplejson.loads',
  'configparser.ConfigParser',
  'configparser.RawConfigParser',
  'configparser.SafeConfigParser',
  'ConfigParser.ConfigParser',
  'ConfigParser.SafeConfigParser',
  'omegaconf.OmegaConf.load',
  'omegaconf.OmegaConf.create',
  'transformers.AutoConfig.from_pretrained',
  'transformers.PretrainedConfig.from_pretrained',
  'transformers.PretrainedConfig.from_json_file',
  'huggingface_hub.hf_hub_download',
  'huggingface_hub.snapshot_download',
  'safetensors.safe_open',
  // a model's own metadata: `session.get_modelmeta().custom_metadata_map`, `model.metadata_props`
  'onnxruntime.InferenceSession',
  'onnx.load',
  'onnx.load_model',
  // a checkpoint's own values (`eval(checkpoint["net"])` in r2d2's extract.py): even a
  // `weights_only=True` load hands back strings the checkpoint's author chose
  'torch.load',
  'torch.serialization.load',
]);

const FILE_READ_METHODS = new Set(['read', 'read_text', 'read_bytes', 'readlines', 'readline']);
/** Readers that parse text they are given: a string literal written in the code is not loaded data. */
const TEXT_PARSERS = new Set([
  'json.loads', 'yaml.load', 'yaml.safe_load', 'yaml.full_load', 'yaml.unsafe_load', 'yaml.load_all', 'yaml.safe_load_all',
  'tomllib.loads', 'tomli.loads', 'toml.loads', 'ujson.loads', 'orjson.loads', 'simplejson.loads', 'omegaconf.OmegaConf.create',
]);
/** Calls whose result holds their arguments' values: `enumerate(cfg["backbone"])`, `deepcopy(cfg)`, `sorted(...)`. */
const PASS_THROUGH_CALLS = new Set([
  'builtins.enumerate', 'builtins.list', 'builtins.tuple', 'builtins.sorted', 'builtins.reversed', 'builtins.zip', 'builtins.dict',
  'builtins.iter', 'builtins.next', 'builtins.set', 'copy.deepcopy', 'copy.copy',
]);
/** String methods whose result holds their arguments' text. */
const STRING_BUILDERS = new Set(['format', 'format_map', 'join']);

/** The argument expressions of a call, keyword values included. */
function callArguments(call: Node): Node[] {
  const out: Node[] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    out.push(a.type === 'keyword_argument' ? (a.childForFieldName('value') ?? a) : a.type === 'list_splat' || a.type === 'dictionary_splat' ? (a.namedChildren[0] ?? a) : a);
  }
  return out;
}
export const CONFIG_EXTENSIONS = /\.(json|ya?ml|toml|cfg|ini|conf|txt)$/i;
/**
 * A config file named so, with no extension or any but Python's: `cfg_args` (Gaussian Splatting),
 * `model_config`, `hparams`, `config.dat` (words `SOURCE_TRIGGERS` holds). A `config.py` is the
 * project's own code, run as an import would run it.
 */
const CONFIG_FILE_NAME = /(?:^|[/\\_-])(?:config|configs|cfg|cfg_args|conf|hparams|hyperparams)(?:\.(?!pyw?$|pyi$)[A-Za-z0-9]+)?$/i;
/** A path's last part names a configuration file. */
const isConfigPath = (path: string): boolean => CONFIG_EXTENSIONS.test(path) || CONFIG_FILE_NAME.test(path);
export const CONFIG_NAME = /(^|_)(config|configs|cfg|conf|hparams|hyperparams|hyper_params|model_args|model_kwargs)$/i;
/** A name that says it holds a configuration file's path (`config_path`, `cfg_file`, `args.config`). */
const CONFIG_PATH_NAME = /(?:^|_)(?:config|cfg|conf|hparams)(?:_|$)/i;

/** Names of functions that load a saved model or its state from the file they are given (`LOADER_FUNCTION`). */
const LOADER_FUNCTION_NAMES = ['load', 'load_model', 'load_from_file', 'from_file', 'restore', 'load_checkpoint', 'load_state', 'load_weights', 'read_model', 'load_net', 'load_network', 'load_params', 'load_parameters'];

/**
 * What `taintOf` needs in the text (see the tables above and `dataOrigin`'s network calls, and the
 * definition of a function `LOADER_FUNCTION` names).
 */
export const SOURCE_TRIGGERS = new RegExp(
  String.raw`json|ya?ml|toml|conf|cfg|hparams|hyperparams|hyper_params|model_args|model_kwargs|\b(?:ini|txt)\b|transformers|huggingface_hub|safetensors|onnx|get_modelmeta|\btorch(?:\s*\.\s*serialization)?\s*\.\s*load\b|\bfrom\s+torch(?:\.serialization)?\s+import\b[^\n]*\bload\b|requests|httpx|urllib|wget|download_url_to_file|boto3|download_blob|download_as_(?:bytes|string|text)|huggingface_sb3|gdown|fsspec|smart_open|\bdef\s+(?:${LOADER_FUNCTION_NAMES.join('|')})\s*\(`,
  'i',
);

/**
 * A call of `eval`, `exec` or `compile` by that name, as the gate in `call` below asks (`eval (x)` and
 * a backslash continuation too); not the definition of a function of that name (`def eval(self):`).
 */
export const BARE_CALL = /(?<![\w.])(?<!\bdef[ \t]+)(?:eval|exec|compile)(?:\s|\\)*\(/;
/** The same called as an attribute: `builtins.eval(`, `b.exec (` after `import builtins as b` (and `model.eval()`). */
export const ATTRIBUTE_CALL = /\.(?:\s|\\)*(?:eval|exec|compile)(?:\s|\\)*\(/;
/**
 * `eval` or `exec` named as a value, not called: `run = eval`, `map(eval, items)`,
 * `partial(exec, globals=g)`, `from builtins import eval as run`: after `=`, `(`, `,`, `[`, `{`, `:`,
 * `import`, `return` or `else`. Not the string `"eval"`, `model.eval`, `evaluate`, prose (`"in eval
 * mode"`), nor a call.
 */
// The word first, then what precedes it (a lookbehind): 7x faster than scanning for the context.
export const BARE_VALUE = /\b(?:eval|exec)\b(?<=(?:[=(,[{:]|\b(?:import|return|else))(?:\s|\\)*(?:eval|exec))(?![\w'"]|(?:\s|\\)*\()/;

/**
 * A function whose name says it loads a saved model or its state from the file it is given
 * (`Amp.load(file)`, `def load_model(path)`): the text it reads from that file is the model's, and
 * `eval` of it runs whatever the file says (review corpus2, r03).
 */
export const LOADER_FUNCTION = new RegExp(`^(?:${LOADER_FUNCTION_NAMES.join('|')})$`);

/**
 * How sure we are that a value was read while loading a model or its configuration: read from a
 * model, a download or a config file; from a configuration mapping or parameter; or from the file a
 * loading function is given (both medium).
 */
type Taint = 'loaded' | 'configParameter' | 'loaderFile' | undefined;

export default createRule<[], PythonSourceCode>({
  name: 'eval-of-loaded-config',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    // The gate below: a call spelled `eval(` (not the string `"eval"`: the callee must be the name
    // itself), or `.eval(` where the module `builtins` is named too (`builtins.eval(`, `import
    // builtins as b`; not `model.eval()` alone, nor a name that holds the word,
    // `torch.jit._builtins`, nor a type stub's `def eval(self)` and `-> builtins.bool`).
    // Or `eval`/`exec` named as a value (`run = eval`, `map(eval, …)`), which the gate follows.
    triggers: [BARE_CALL, ATTRIBUTE_CALL, BARE_VALUE],
    // And a source `taintOf` follows: a CONFIG_READERS or NETWORK_CALLS module, a config file's
    // extension, or a parameter named like CONFIG_NAME.
    triggerGroups: [[BARE_CALL, /\bbuiltins\b/, BARE_VALUE], [SOURCE_TRIGGERS]],
    docs: {
      description:
        'Reports `eval`, `exec` and `compile` applied to data read while loading a model or its configuration (a `json.load` result, a downloaded file, a config mapping).',
      recommended: true,
    },
    messages: {
      evalOfLoadedData:
        '`{{callee}}` runs {{what}} as Python code: whoever publishes the model or its config decides what runs here. Map names to objects with a lookup table, or parse literals with `ast.literal_eval`; load weights from safetensors.',
    },
    remediation: 'Never eval model configuration: use an explicit name → object table, ast.literal_eval for literals, and safetensors/JSON for data.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    const gate = sc.calleeGate(['eval', 'exec', 'compile', 'map']);

    function taintOf(expr: Node | undefined, depth: number, seen: Set<number>): Taint {
      if (!expr || depth > 10 || seen.has(expr.id)) return undefined;
      seen.add(expr.id);
      switch (expr.type) {
        case 'string': {
          let best: Taint;
          for (const interp of sc.descendants(expr, 'interpolation')) {
            const inner = interp.namedChildren.find((c) => !!c && c.type !== 'comment' && c.type !== 'format_specifier' && c.type !== 'type_conversion');
            best = max(best, taintOf(inner ?? undefined, depth + 1, seen));
          }
          return best;
        }
        case 'conditional_expression': {
          // `a if cond else b`: the value is one of the branches, never the condition.
          const parts = expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
          return max(taintOf(parts[0], depth + 1, seen), taintOf(parts[2], depth + 1, seen));
        }
        case 'parenthesized_expression':
        case 'concatenated_string':
        case 'boolean_operator':
        case 'binary_operator':
        case 'list':
        case 'tuple': {
          let best: Taint;
          for (const c of expr.namedChildren) if (c && c.type !== 'comment') best = max(best, taintOf(c, depth + 1, seen));
          return best;
        }
        case 'subscript':
          return taintOf(expr.childForFieldName('value') ?? undefined, depth + 1, seen);
        case 'attribute': {
          const object = expr.childForFieldName('object') ?? undefined;
          const own = taintOf(object, depth + 1, seen);
          if (own) return own;
          // `self.cfg` set elsewhere in the class (`self.cfg = json.load(f)` in `__init__`)
          let best: Taint;
          for (const value of sc.attributeValues(expr) ?? []) best = max(best, taintOf(value, depth + 1, seen));
          return best;
        }
        case 'identifier': {
          let best: Taint;
          // the bindings that reach this use: `for i, (label, text) in enumerate(blocks)` rebinds `text`
          // every iteration, whatever the other branch of the body assigns it afterwards
          const reaching = sc.reachingBindings(expr);
          const param = reaching.some((b) => b.kind === 'parameter') ? sc.parameterOf(expr) : undefined;
          if (param) {
            // Flow between functions of the file (standard/deep): what the callers pass in.
            let fromCallers: Taint;
            if (context.depth !== 'quick' && param.function.type === 'function_definition') {
              for (const site of sc.callSites(param.function)) fromCallers = max(fromCallers, taintOf(sc.argumentFor(site, param), depth + 1, seen));
            }
            best = fromCallers === 'loaded' ? 'loaded' : CONFIG_NAME.test(param.name) ? 'configParameter' : fromCallers;
            // `def f(p, meta=None): if meta is None: meta = json.load(open(p))`: what the body binds counts too
            if (best === 'loaded' || reaching.every((b) => b.kind === 'parameter')) return best;
          }
          for (const b of reaching) {
            if ((b.kind === 'assignment' || b.kind === 'with') && b.value) best = max(best, taintOf(b.value, depth + 1, seen) ?? passedOn(b.name, b.value, depth, seen));
            else if ((b.kind === 'for' || b.kind === 'unpack') && b.source) {
              best = max(best, taintOf(b.source, depth + 1, seen));
              // `for line in f` over a file opened on a config path: its lines, as `f.readlines()`
              if (b.kind === 'for' && !best) best = configFile(b.source);
            }
            // `from config import cfg` (a yacs / project config object, merged from a YAML file): like a
            // parameter named so, loaded configuration at medium confidence
            else if (b.kind === 'import' && b.target && CONFIG_NAME.test(b.name) && /^[a-z_]/.test(b.name)) best = max(best, 'configParameter');
          }
          // `config = {}` filled from loaded data: `config.update(json.load(f))`, `config[k] = v`
          if (best !== 'loaded') for (const w of sc.containerWrites(expr)) best = max(best, taintOf(w.value, depth + 1, seen));
          return best;
        }
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression': {
          // `{x.key: x.value for x in onnx.load(p).metadata_props}`: what the loops iterate over; and what
          // each item is made of (`nc, act = (d.get(x) for x in ("nc", "activation"))`, YOLO's `parse_model`)
          let best: Taint;
          for (const clause of expr.namedChildren) {
            if (clause?.type === 'for_in_clause') best = max(best, taintOf(clause.childForFieldName('right') ?? undefined, depth + 1, seen));
          }
          if (best !== 'loaded') best = max(best, taintOf(expr.childForFieldName('body') ?? undefined, depth + 1, seen));
          return best;
        }
        case 'call': {
          const reader = calleeName(sc, expr, CONFIG_READERS);
          if (reader) {
            // `json.loads('{"act": "nn.GELU"}')`: text written in the code, not loaded
            const text = sc.argument(expr, { position: 0 });
            if (TEXT_PARSERS.has(reader) && text && typeof sc.constant(text) === 'string' && !sc.argument(expr, { position: 1 })) return undefined;
            return 'loaded';
          }
          const q = calleeName(sc, expr);
          const origin = dataOrigin(sc, expr);
          if (origin === 'network') return 'loaded';
          // `ast.literal_eval(f.read())` parses the config: what it returns is the loaded data
          if (q === 'ast.literal_eval') return taintOf(sc.argument(expr, { position: 0 }) ?? sc.argument(expr, { name: 'node_or_string' }), depth + 1, seen);
          // `enumerate(d["backbone"] + d["head"])`, `deepcopy(self.yaml)`: the loaded values, passed through
          if (q && PASS_THROUGH_CALLS.has(q)) {
            let best: Taint;
            for (const a of callArguments(expr)) best = max(best, taintOf(a, depth + 1, seen));
            return best;
          }
          // `parse_model(yaml_model_load(path))`: what a function of this file returns (a method too), when it
          // returns loaded data (a parameter of that function named like a config is its callers' business)
          const local = sc.localFunction(expr);
          if (local?.type === 'function_definition' && sc.returnValues(local).some((v) => taintOf(v, depth + 1, seen) === 'loaded')) return 'loaded';
          const callee = sc.callee(expr);
          if (callee?.type === 'attribute') {
            const method = callee.childForFieldName('attribute')?.text ?? '';
            const object = callee.childForFieldName('object') ?? undefined;
            // an ONNX Runtime session's own metadata (`session.get_modelmeta().custom_metadata_map`), whatever the receiver
            if (method === 'get_modelmeta') return 'loaded';
            if (FILE_READ_METHODS.has(method) && object) {
              const file = configFile(object);
              if (file) return file;
            }
            // `cfg.get("x")`, `text.strip()`: a method of loaded data returns loaded data; a string
            // built from it (`"torch.nn.{}()".format(cfg["act"])`, `".".join(parts)`) too.
            let best = taintOf(object, depth + 1, seen);
            if (STRING_BUILDERS.has(method)) for (const a of callArguments(expr)) best = max(best, taintOf(a, depth + 1, seen));
            // `text.replace(old, new)`: the text and the replacement, never the text it replaced
            if (method === 'replace') best = max(best, taintOf(sc.argument(expr, { position: 1 }), depth + 1, seen));
            return best;
          }
          if (q === 'builtins.str' || q === 'builtins.getattr' || q === 'builtins.format') {
            return taintOf(sc.argument(expr, { position: 0 }), depth + 1, seen);
          }
          return undefined;
        }
        default:
          return undefined;
      }
    }

    /**
     * `cfg = fixed_cfg(cfg, args)`: a function the file does not define (imported, or not known), given
     * loaded data under the name its result is bound to: most likely the same configuration, adjusted
     * (`configParameter`, medium confidence). `undefined` for anything else, and for a function of the
     * file, whose returns `taintOf` reads.
     */
    function passedOn(name: string, value: Node, depth: number, seen: Set<number>): Taint {
      if (value.type !== 'call' || sc.localFunction(value)) return undefined;
      for (const a of callArguments(value)) {
        if (a.type === 'identifier' && a.text === name && taintOf(a, depth + 1, seen) === 'loaded') return 'configParameter';
      }
      return undefined;
    }

    /**
     * A file object / path read as configuration: downloaded, a config-file path (`"config.json"`,
     * `os.path.join(model_dir, "config.json")`, `Path(d) / "config.yaml"`), or — at medium confidence
     * — a parameter named like one (`open(config_path)`).
     */
    function configFile(object: Node): Taint {
      const origin = dataOrigin(sc, object);
      if (origin === 'network') return 'loaded';
      const path = fileArgument(object, 0);
      if (!path) return undefined;
      const v = sc.constant(path);
      if (typeof v === 'string') return isConfigPath(v) ? 'loaded' : undefined;
      if (dataOrigin(sc, path) === 'network' || (path.type === 'identifier' && sc.bindingsOf(path).some((b) => calleeName(sc, b)?.startsWith('huggingface_hub.') ?? false))) return 'loaded';
      const tail = pathTail(path, 0);
      if (tail !== undefined) return isConfigPath(tail) ? 'loaded' : undefined;
      const param = path.type === 'identifier' ? sc.parameterOf(path) : undefined;
      if (param) {
        // What the callers in this file pass (standard/deep): `Config("config.dat")` for `def
        // __init__(self, filename): … open(filename)`.
        if (context.depth !== 'quick' && param.function.type === 'function_definition') {
          for (const site of sc.callSites(param.function)) {
            const passed = sc.argumentFor(site, param);
            const value = passed ? sc.constant(passed) : undefined;
            if (typeof value === 'string' && isConfigPath(value)) return 'loaded';
          }
        }
        if (CONFIG_PATH_NAME.test(param.name)) return 'configParameter';
        // `def load(cls, file): … open(file) … eval(text)`: the file a loading function is given
        const fn = param.function.type === 'function_definition' ? param.function.childForFieldName('name')?.text : undefined;
        return fn && LOADER_FUNCTION.test(fn) ? 'loaderFile' : undefined;
      }
      // `open(args.config)`: a config path the user gives on the command line, or a parameter's field
      const field = path.type === 'attribute' ? path.childForFieldName('attribute')?.text : undefined;
      if (field && CONFIG_PATH_NAME.test(field) && dataOrigin(sc, path) !== 'unknown') return 'configParameter';
      return undefined;
    }

    /** The last part of a path built by joining, when it is a constant (`os.path.join(d, "config.json")` → `config.json`). */
    function pathTail(path: Node, depth: number): string | undefined {
      if (depth > 4) return undefined;
      if (path.type === 'binary_operator' && path.childForFieldName('operator')?.text === '/') {
        const right = sc.constant(path.childForFieldName('right')!);
        return typeof right === 'string' ? right : undefined;
      }
      if (path.type === 'call') {
        const q = calleeName(sc, path);
        if (q !== 'os.path.join' && q !== 'posixpath.join' && q !== 'pathlib.Path' && q !== 'builtins.str') return undefined;
        const args = callArguments(path);
        const last = args[args.length - 1];
        if (!last) return undefined;
        const v = sc.constant(last);
        return typeof v === 'string' ? v : pathTail(last, depth + 1);
      }
      if (path.type === 'identifier') {
        const values = sc.bindingsOf(path);
        return values.length === 1 ? pathTail(values[0], depth + 1) : undefined;
      }
      // `d + "/config.json"`, `path + "_config.txt"`, `f"{d}/config.json"`
      return sc.stringSuffix(path);
    }

    /** The path given to `open(p)` / `Path(p)` / `with open(p) as f` behind a file expression. */
    function fileArgument(expr: Node, depth: number): Node | undefined {
      if (depth > 4) return undefined;
      if (expr.type === 'parenthesized_expression') {
        const inner = expr.namedChildren.find((c) => !!c && c.type !== 'comment');
        return inner ? fileArgument(inner, depth + 1) : undefined;
      }
      // `(Path(model_dir) / "config.json").read_text()`: the path itself
      if (expr.type === 'binary_operator' && expr.childForFieldName('operator')?.text === '/') return expr;
      if (expr.type === 'call') {
        const q = calleeName(sc, expr);
        if (q === 'builtins.open' || q === 'io.open' || q === 'pathlib.Path') return sc.argument(expr, { position: 0 }) ?? sc.argument(expr, { name: 'file' });
        return undefined;
      }
      if (expr.type === 'identifier') {
        const values = sc.bindingsOf(expr);
        return values.length === 1 ? fileArgument(values[0], depth + 1) : undefined;
      }
      return undefined;
    }

    return {
      call(node: Node) {
        // Cheap syntactic gate: the built-ins called by name (`eval(...)`, `builtins.eval(...)`), through
        // an alias (`run = eval`), or handed to `map`.
        if (!gate(node)) return;
        let callee = calleeName(sc, node, DYNAMIC_CODE);
        let source: Node | undefined;
        if (callee) source = sc.argument(node, { position: 0 }) ?? sc.argument(node, { name: 'source' });
        else if (calleeName(sc, node) === 'builtins.map') {
          // `map(eval, cfg["layers"])` evaluates each item of the iterable
          const fn = sc.argument(node, { position: 0 });
          callee = fn ? nameAmong(sc, fn, DYNAMIC_CODE) : undefined;
          if (callee) source = sc.argument(node, { position: 1 });
        }
        if (!callee || !source) return;
        const taint = taintOf(source, 0, new Set());
        // `exec` of the file a loader is given runs a Python file as designed (detectron2's
        // `LazyConfig.load` of a `.py` config); `eval` of it reads data as code.
        if (!taint || (taint === 'loaderFile' && callee !== 'builtins.eval')) return;
        const confidence: Confidence = taint === 'loaded' ? 'high' : 'medium';
        const what =
          taint === 'loaded' ? 'data read from a model, a download or a config file' : taint === 'loaderFile' ? 'the text of the file a loading function is given' : 'a value from a configuration mapping';
        context.report({
          node,
          messageId: 'evalOfLoadedData',
          data: { callee: callee.slice('builtins.'.length), what },
          confidence,
        });
      },
    };
  },
});

function max(a: Taint, b: Taint): Taint {
  if (a === 'loaded' || b === 'loaded') return 'loaded';
  if (a === 'configParameter' || b === 'configParameter') return 'configParameter';
  return a ?? b;
}
