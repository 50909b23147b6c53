import { createRule, UNKNOWN, type Confidence } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { isFunctionNode, staticKey, unwrapExpression } from '@oculum/lang-js';
import { calleeText, importsModelLibrary, MODEL_LIBRARY_TRIGGER, shown } from '../utils/libraries.js';
import { pathSegments } from '../utils/locations.js';
import { docsUrl } from '../utils/meta.js';

/** Names that say a value is model or configuration data. */
const MODEL_WORDS = /model|config|cfg|tokeni[sz]er|manifest|weight|checkpoint|processor|postprocess|preprocess|hparam|generation|onnx|gguf|safetensors/i;
/**
 * The subset that names models whatever the file is about (`config` alone could be any config).
 * `model` is not in it: in a file that uses no model library it is as often MVC or domain vocabulary
 * (`models/User.js`, `app/js/model.js`), so it counts as specific only in a file that does (`MODEL_WORD`).
 */
const SPECIFIC_MODEL_WORDS = /tokeni[sz]er|weight|checkpoint|hparam|onnx|gguf|safetensors|generation_?config/i;
const MODEL_WORD = /model/i;
/** A JavaScript or TypeScript source file: evaluating it runs the project's own code. */
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/i;
const READERS = new Set(['fs.readFile', 'fs.readFileSync', 'fs.promises.readFile', 'fs/promises.readFile']);
const CLIENT_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici', 'axios', 'got', 'ky']);
const VM_SINKS = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script']);
const MAX_DEPTH = 12;

interface Origin {
  network: boolean;
  file: boolean;
  /** Came out of `JSON.parse`/`.json()`: plain data, never a function. */
  parsed: boolean;
  /** Known to be text (`.text()`, `readFile(p, 'utf8')`, template or concatenation). */
  text: boolean;
  modelish: boolean;
  /** Named with a word that only model data uses. */
  specific: boolean;
  /** Named with `model`: specific in a file that uses a model library, generic otherwise. */
  model: boolean;
}

/** What the origin of a value is read in: the file, and whether it uses a model library. */
interface Scope {
  sc: JsSourceCode;
  modelFile: () => boolean;
}

const none = (): Origin => ({ network: false, file: false, parsed: false, text: false, modelish: false, specific: false, model: false });
const named = (name: string | undefined): Origin => ({
  ...none(),
  modelish: name !== undefined && MODEL_WORDS.test(name),
  specific: name !== undefined && SPECIFIC_MODEL_WORDS.test(name),
  model: name !== undefined && MODEL_WORD.test(name),
});
const merge = (a: Origin, b: Origin): Origin => ({
  network: a.network || b.network,
  file: a.file || b.file,
  parsed: a.parsed || b.parsed,
  text: a.text || b.text,
  modelish: a.modelish || b.modelish,
  specific: a.specific || b.specific,
  model: a.model || b.model,
});

/** Follows an expression back through variables, members, awaits and calls to where its data comes from. */
function originOf(scope: Scope, expr: JsNode, depth = 0): Origin {
  if (depth > MAX_DEPTH) return none();
  const { sc } = scope;
  const node = unwrapExpression(expr);
  const next = (n: JsNode) => originOf(scope, n, depth + 1);
  switch (node.type) {
    case 'Identifier': {
      const own = named(node.name);
      const b = sc.binding(node);
      if (!b || !b.init || b.writes > 0) return own;
      const fromPath = (b.path ?? []).reduce<Origin>((acc, p) => (typeof p === 'string' ? merge(acc, named(p)) : acc), none());
      return merge(merge(own, next(b.init)), fromPath);
    }
    case 'MemberExpression': {
      const key = staticKey(node);
      return merge(next(node.object), named(key));
    }
    case 'AwaitExpression':
      return next(node.argument);
    case 'TemplateLiteral':
      return node.expressions.reduce<Origin>((acc, e) => merge(acc, next(e)), { ...none(), text: true });
    case 'BinaryExpression':
      return merge(merge(next(node.left), next(node.right)), { ...none(), text: node.operator === '+' });
    case 'ConditionalExpression':
      return merge(next(node.consequent), next(node.alternate));
    case 'LogicalExpression':
      return merge(next(node.left), next(node.right));
    case 'CallExpression': {
      const callee = unwrapExpression(node.callee);
      const qn = sc.qualifiedName(callee);
      const member = sc.importedMember(callee);
      const global = sc.globalName(callee);
      if (global === 'fetch' || (member && CLIENT_MODULES.has(member.module))) {
        const url = node.arguments[0];
        const v = url ? sc.constant(url) : undefined;
        return { ...named(typeof v === 'string' ? v : undefined), network: true };
      }
      if (qn && READERS.has(qn)) {
        const path = node.arguments[0];
        const encoding = node.arguments[1] ? sc.constant(node.arguments[1]) : undefined;
        const text = encoding !== undefined && encoding !== null && typeof encoding !== 'symbol';
        const name = named(path ? pathName(sc, path) : undefined);
        // A JavaScript/TypeScript source file (`app/js/model.js`, `models/User.js`) is the project's
        // own code, not data read from a file, unless its path says it ships with a model
        // (`weights/loader.js`, `path.join(modelDir, 'hook.js')` in a file that uses a model library).
        if (path && SOURCE_FILE.test(pathEnd(sc, path)) && !name.specific && !(name.model && scope.modelFile())) return { ...none(), text };
        return { ...name, file: true, text };
      }
      if (global === 'JSON.parse' && node.arguments[0]) return { ...next(node.arguments[0]), parsed: true };
      if (callee.type === 'MemberExpression') {
        const method = staticKey(callee);
        const base = next(callee.object);
        if (method === 'json') return { ...base, parsed: true };
        if (method === 'text') return { ...base, text: true };
        return merge(base, named(method));
      }
      return none();
    }
    default:
      return none();
  }
}

/**
 * What a path read says of the file: its known text (`weights/loader.js`, the known ends of
 * `` `${dir}/model/hook.js` ``), and for `path.join(modelDir, "weights", "loader.js")` /
 * `path.resolve(...)` that of every segment, with the name of a segment held in a variable
 * (`modelDir`, `cfg.modelRoot`).
 */
function pathName(sc: JsSourceCode, path: JsNode): string {
  const known = (part: JsNode): string => {
    const v = sc.stringBounds(part);
    return v.value ?? `${v.prefix} ${v.suffix}`;
  };
  const segments = pathSegments(sc, path);
  if (!segments) return known(path);
  return segments
    .map((segment) => {
      const node = unwrapExpression(segment);
      const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' ? staticKey(node) : undefined;
      return name ? `${name} ${known(segment)}` : known(segment);
    })
    .join('/');
}

/** The known end of a path read: its last `path.join` segment, or the known suffix of the whole. */
function pathEnd(sc: JsSourceCode, path: JsNode): string {
  const segments = pathSegments(sc, path);
  const last = segments && segments.length > 0 ? segments[segments.length - 1] : path;
  const bounds = sc.stringBounds(last);
  return (bounds.value ?? bounds.suffix).replace(/[?#].*$/, '');
}

/** True when the expression is certainly not a string of code (a function). */
function isFunctionValue(sc: JsSourceCode, expr: JsNode): boolean {
  const def = sc.definingExpression(expr) ?? unwrapExpression(expr);
  if (isFunctionNode(def)) return true;
  if (def.type === 'Identifier') {
    const b = sc.binding(def);
    return b?.kind === 'function' || b?.kind === 'class';
  }
  return false;
}

export default createRule<[], JsSourceCode>({
  name: 'dynamic-code-from-model-data',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['javascript'],
    triggers: ['eval', 'Function', 'vm', 'setTimeout', 'setInterval'],
    // Model data needs a model word in a name, path or URL (`MODEL_WORDS`), or a model library import.
    triggerGroups: [[MODEL_WORDS, MODEL_LIBRARY_TRIGGER]],
    docs: {
      description:
        'Reports `eval`, `new Function` (also through `Reflect.construct`/`Reflect.apply`), `vm.runIn*Context`/`vm.Script` and string `setTimeout`/`setInterval` applied to model or configuration data.',
      recommended: true,
      url: docsUrl('dynamic-code-from-model-data'),
    },
    messages: {
      dynamicCode: '{{callee}} runs {{what}} as JavaScript: whoever can change that model or config file can run code in your app.',
    },
    remediation:
      'Treat model and config files as data: look the behaviour up in a fixed table of functions you ship (`const POSTPROCESSORS = { softmax, argmax }`), or parse a restricted expression language; never execute strings from them.',
  },
  create(context) {
    const sc = context.sourceCode;
    let usesModels: boolean | undefined;
    const modelFile = () => (usesModels ??= importsModelLibrary(sc));
    const check = (call: TSESTree.CallExpression | TSESTree.NewExpression, codeArgs: JsNode[], stringOnly: boolean) => {
      for (const arg of codeArgs) {
        if (arg.type === 'SpreadElement') continue;
        const value = sc.constant(arg);
        if (value !== UNKNOWN) continue; // static code is not data
        if (stringOnly && isFunctionValue(sc, arg)) continue;
        const origin = originOf({ sc, modelFile }, arg);
        if (stringOnly && !origin.parsed && !origin.text) continue;
        const downloadedOrRead = origin.network || origin.file;
        // `model` names model data only in a file that works with models; elsewhere it is a generic
        // name, like `config.x`.
        const specific = origin.specific || (origin.model && modelFile());
        let confidence: Confidence;
        if (specific || (origin.modelish && modelFile())) confidence = downloadedOrRead ? 'high' : 'medium';
        // a generic name (`config.json`, `model.json`) in a file that uses no model library: the
        // app's own configuration as likely as a model's, so low (kept, not dropped: it may still be
        // a model's, and its code runs all the same)
        else if (origin.modelish && downloadedOrRead) confidence = 'low';
        else if (downloadedOrRead && modelFile()) confidence = 'low';
        else continue;
        context.report({ node: call, messageId: 'dynamicCode', data: { callee: calleeText(sc, call), what: `\`${shown(sc.getText(arg), 50)}\`` }, confidence });
        return;
      }
    };
    const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const args = node.arguments as JsNode[];
      const global = sc.globalName(node.callee);
      if (global === 'eval' && node.type === 'CallExpression') return check(node, args.slice(0, 1), false);
      if (global === 'Function') return check(node, args, false);
      if ((global === 'setTimeout' || global === 'setInterval') && node.type === 'CallExpression') return check(node, args.slice(0, 1), true);
      // `Reflect.construct(Function, [code])`, `Reflect.apply(Function, null, [code])`, `Reflect.apply(eval, null, [code])`:
      // the code is in the argument list, an array literal (or a constant holding one)
      if ((global === 'Reflect.construct' || global === 'Reflect.apply') && node.type === 'CallExpression') {
        const target = args[0] && args[0].type !== 'SpreadElement' ? sc.globalName(args[0]) : undefined;
        if (target !== 'Function' && !(target === 'eval' && global === 'Reflect.apply')) return;
        const list = args[global === 'Reflect.construct' ? 1 : 2];
        const array = list && list.type !== 'SpreadElement' ? sc.definingExpression(list) : undefined;
        if (array?.type !== 'ArrayExpression') return;
        const codeArgs = array.elements.filter((e): e is NonNullable<typeof e> => e !== null) as JsNode[];
        return check(node, target === 'eval' ? codeArgs.slice(0, 1) : codeArgs, false);
      }
      const member = sc.importedMember(node.callee);
      if (member && member.module === 'vm' && member.path.length === 1 && VM_SINKS.has(member.path[0])) {
        if ((member.path[0] === 'Script') !== (node.type === 'NewExpression')) return;
        check(node, args.slice(0, 1), false);
      }
    };
    return { CallExpression: visit, NewExpression: visit };
  },
});
