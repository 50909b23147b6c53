import { staticKey, unwrapExpression, type JsNode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';

/** ml5.js (npm, versioned, CDN and `npm:` specifiers, and files of the package: `…/ml5@1/dist/ml5.min.js`). */
export const isMl5Module = (m: string): boolean => /(^|\/|npm:)ml5(@[^/?#]*)?(\/[^?#]*)?$/.test(m);

/** Prefilter trigger for ml5.js: its import specifier and the global of its script-tag build both say `ml5`. */
export const ML5_TRIGGER = /\bml5\b/;

/**
 * The built-in models of the ml5 functions that take a model name or a model URL first, by the name
 * ml5 matches (it lowercases the name), spelled as its documentation does. A name is ml5's hosted
 * model, downloaded at run time (`@tensorflow-models/mobilenet` for MobileNet, ml5's storage for the
 * others); any other string is the URL (or path) of a TF.js `model.json` (ml5 0.x and 1.x).
 */
const BUILTIN_MODELS: Readonly<Record<string, readonly string[]>> = {
  imageClassifier: ['MobileNet', 'Darknet', 'Darknet-tiny', 'DoodleNet'],
  soundClassifier: ['SpeechCommands18w'],
};

/** `ml5.cartoon()`'s default model (ml5 0.x), a `model.json` on GitHub. */
const CARTOON_DEFAULT = 'CartoonGAN Miyazaki';

/** What an ml5 model load fetches: a built-in model by name, or the URL (or path) it is handed. */
export type Ml5Load = { builtin: string } | { source: JsNode };

/**
 * The ml5 function a callee names: imported from `ml5` (`import ml5 from 'ml5'`, `require('ml5')`),
 * or on the global of the script-tag build (`<script src=".../ml5.min.js">`, no import; also
 * `window.ml5`, an alias of it, TypeScript's `declare const ml5: any`). A local or parameter named
 * `ml5` is not the library: `globalName` answers only for unbound names.
 */
function ml5Function(sc: JsSourceCode, callee: JsNode): string | undefined {
  const m = sc.importedMember(callee);
  if (m) return isMl5Module(m.module) && m.path.length === 1 ? m.path[0] : undefined;
  const name = sc.globalName(callee)?.split('.');
  return name && name.length === 2 && name[0] === 'ml5' ? name[1] : undefined;
}

/** `null`, `undefined`, `void 0`: a placeholder until the instance is made. */
function isPlaceholder(sc: JsSourceCode, node: JsNode): boolean {
  const n = unwrapExpression(node);
  if (n.type === 'Literal') return n.value === null && !('regex' in n && n.regex);
  if (n.type === 'Identifier') return n.name === 'undefined' && !sc.binding(n);
  return n.type === 'UnaryExpression' && n.operator === 'void';
}

/** A function value: inline, held in a stable variable, or a function declaration's name (a callback). */
function isFunction(sc: JsSourceCode, node: JsNode): boolean {
  const def = sc.definingExpression(node);
  if (def) return def.type === 'FunctionExpression' || def.type === 'ArrowFunctionExpression';
  const id = unwrapExpression(node);
  const b = id.type === 'Identifier' ? sc.binding(id) : undefined;
  return Boolean(b && b.writes === 0 && b.declaration.type === 'FunctionDeclaration' && b.declaration.id === b.id);
}

const isNeuralNetworkCreation = (sc: JsSourceCode, node: JsNode): boolean => {
  const n = unwrapExpression(node);
  return n.type === 'CallExpression' && ml5Function(sc, n.callee) === 'neuralNetwork';
};

/**
 * The receiver holds `ml5.neuralNetwork(...)`: a stable variable, a `let` / `var` every value of which
 * (placeholders aside) is one (a p5.js sketch's `let nn;` assigned in `setup()`), or a class member
 * likewise. A parameter, or any other object with a `load` method, is not.
 */
function holdsNeuralNetwork(sc: JsSourceCode, receiver: JsNode): boolean {
  const def = sc.definingExpression(receiver);
  if (def) {
    if (isNeuralNetworkCreation(sc, def)) return true;
    if (def.type !== 'MemberExpression') return false;
    const values = sc.memberValues(def)?.filter((v) => !isPlaceholder(sc, v));
    return Boolean(values && values.length > 0 && values.every((v) => isNeuralNetworkCreation(sc, v)));
  }
  const id = unwrapExpression(receiver);
  if (id.type !== 'Identifier') return false;
  const b = sc.binding(id);
  if (!b || (b.kind !== 'let' && b.kind !== 'var') || !b.assignedValues) return false;
  if (b.init && b.path?.length !== 0) return false;
  const values = [...(b.init ? [b.init] : []), ...b.assignedValues].filter((v) => !isPlaceholder(sc, v));
  return values.length > 0 && values.every((v) => isNeuralNetworkCreation(sc, v));
}

/** `nn.load(path)` / `nn.load({ model, metadata, weights })`: the URL of `model.json`. */
function neuralNetworkLoadSource(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode | undefined {
  const arg = sc.argument(call, { position: 0 });
  if (!arg) return undefined;
  const details = sc.objectLiteral(arg);
  return details ? sc.property(details, 'model') : arg;
}

/**
 * An ml5.js load of a TF.js model: `ml5.imageClassifier(modelNameOrUrl, …)`,
 * `ml5.soundClassifier(modelNameOrUrl, …)` (a built-in name or the URL of a `model.json`, a
 * Teachable Machine export's above all), `ml5.cartoon(url | { modelUrl })` and `load(pathOrDetails)`
 * of a network made by `ml5.neuralNetwork(…)`. `undefined` for any other call, and for a call whose
 * model argument is missing or cannot be read.
 */
export function ml5Load(sc: JsSourceCode, call: TSESTree.CallExpression): Ml5Load | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression' && staticKey(callee) === 'load' && !ml5Function(sc, callee)) {
    if (!holdsNeuralNetwork(sc, callee.object)) return undefined;
    const source = neuralNetworkLoadSource(sc, call);
    return source ? { source } : undefined;
  }
  const fn = ml5Function(sc, callee);
  if (!fn) return undefined;
  const arg = sc.argument(call, { position: 0 });
  if (fn === 'cartoon') {
    // a string is the model URL, as is an option `modelUrl`; without one, ml5 0.x loads its default
    if (!arg) return call.arguments.length === 0 ? { builtin: CARTOON_DEFAULT } : undefined;
    if (isFunction(sc, arg)) return { builtin: CARTOON_DEFAULT };
    const options = sc.objectLiteral(arg);
    if (!options) return { source: arg };
    const source = sc.property(options, 'modelUrl');
    if (source) return { source };
    return options.properties.some((p) => p.type === 'SpreadElement') ? undefined : { builtin: CARTOON_DEFAULT };
  }
  if (!arg) return undefined;
  const builtins = BUILTIN_MODELS[fn];
  if (!builtins) return undefined;
  const value = sc.constant(arg);
  if (typeof value === 'string') {
    const builtin = builtins.find((b) => b.toLowerCase() === value.toLowerCase());
    if (builtin) return { builtin };
  }
  return { source: arg };
}
