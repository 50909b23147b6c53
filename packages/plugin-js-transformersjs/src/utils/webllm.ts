import { staticKey, type JsNode, type JsSourceCode } from '@oculum/lang-js';
import { importsAny } from './libraries.js';

/** The keys of a web-llm `model_list` record whose URL is fetched: the weights' folder, the compiled model library (wasm). */
const WEBLLM_URL_KEYS = new Set(['model', 'model_url', 'model_lib', 'model_lib_url']);
/** The keys of a web-llm record that hold the weights' folder. */
export const WEBLLM_WEIGHTS_KEYS = new Set(['model', 'model_url']);

/** web-llm's package, also from a CDN (`https://esm.run/@mlc-ai/web-llm`). */
const WEBLLM_MODULE = /(?:^|\/)@mlc-ai\/web-llm(?:@[^/]*)?(?:\/|$)/;

/**
 * The value of a web-llm model record's URL (`appConfig = { model_list: [{ model: "http://…/resolve/main/",
 * model_id, model_lib: "http://…/lib.wasm" }] }`): web-llm fetches the weights and runs the library
 * from there, whatever the URL's file looks like. Only in a file that imports web-llm (a type import
 * of its `AppConfig` too), or in a record with a `model_lib` (web-llm's compiled library, which no
 * other `model_list` has): a LiteLLM-style proxy's `model_list` names inference servers, not weights.
 * With `keys`, only under those keys.
 */
export function isWebLlmRecordUrl(sc: JsSourceCode, expr: JsNode, keys: ReadonlySet<string> = WEBLLM_URL_KEYS): boolean {
  const prop = sc.parent(expr);
  if (prop?.type !== 'Property' || prop.value !== expr || !keys.has(staticKey(prop) ?? '')) return false;
  const record = sc.parent(prop);
  const list = record && sc.parent(record);
  const holder = list?.type === 'ArrayExpression' ? sc.parent(list) : undefined;
  if (holder?.type !== 'Property' || holder.value !== list || staticKey(holder) !== 'model_list') return false;
  const hasLibrary = record!.type === 'ObjectExpression' && record!.properties.some((p) => p.type === 'Property' && (staticKey(p) === 'model_lib' || staticKey(p) === 'model_lib_url'));
  return hasLibrary || importsWebLlm(sc);
}

/** The file imports web-llm: a value (`import`, `require`, `import()`) or its types (`import type { AppConfig }`). */
function importsWebLlm(sc: JsSourceCode): boolean {
  if (importsAny(sc, (m) => WEBLLM_MODULE.test(m))) return true;
  return sc.ast.body.some((s) => s.type === 'ImportDeclaration' && WEBLLM_MODULE.test(s.source.value));
}
