import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, isHfHubModule, isTransformersModule, memberIn } from './libraries.js';
import { classifyLocation } from './locations.js';

const HUB_DOWNLOADERS = new Set(['downloadFile', 'downloadFileToCacheDir', 'snapshotDownload']);

/** A transformers.js load: `pipeline(task, model, options)` or `X.from_pretrained(model, options)`. */
export interface TransformersLoad {
  kind: 'pipeline' | 'from_pretrained';
  /** The model id argument, when given. */
  model?: JsNode;
  /** Position of the options object. */
  optionsPos: number;
}

export function transformersLoad(sc: JsSourceCode, call: TSESTree.CallExpression): TransformersLoad | undefined {
  const path = memberIn(sc, call.callee, isTransformersModule);
  if (!path) return undefined;
  if (path.length === 1 && path[0] === 'pipeline') return { kind: 'pipeline', model: sc.argument(call, { position: 1 }), optionsPos: 2 };
  if (path.length === 2 && path[1] === 'from_pretrained') return { kind: 'from_pretrained', model: sc.argument(call, { position: 0 }), optionsPos: 1 };
  return undefined;
}

/** `{ local_files_only: true }`: the load never touches the Hub. */
export function isLocalOnly(sc: JsSourceCode, call: TSESTree.CallExpression, load: TransformersLoad): boolean {
  const flag = sc.argument(call, { name: 'local_files_only', position: load.optionsPos });
  return Boolean(flag && sc.constant(flag) === true);
}

export interface HubLoad {
  /** The callee as written, for messages. */
  api: string;
  /** The Hub id when known (`owner/name` or a legacy `name`). */
  id?: string;
  /** The model id expression exists but its value is unknown. */
  unresolved: boolean;
}

/**
 * A call that fetches a repository from the Hub: transformers.js `pipeline(task, id)` /
 * `X.from_pretrained(id)` (not local paths, not `local_files_only`), `@huggingface/hub` downloads.
 * Undefined for other calls, local loads and `pipeline(task)` (the library's default model).
 */
export function hubLoad(sc: JsSourceCode, call: TSESTree.CallExpression): HubLoad | undefined {
  const api = calleeText(sc, call);
  const tf = transformersLoad(sc, call);
  if (tf) {
    if (!tf.model || isLocalOnly(sc, call, tf)) return undefined;
    return fromExpression(sc, tf.model, api);
  }
  const hub = memberIn(sc, call.callee, isHfHubModule);
  if (hub && hub.length === 1 && HUB_DOWNLOADERS.has(hub[0])) {
    const repo = sc.argument(call, { name: 'repo', position: 0 });
    if (!repo) return { api, unresolved: true };
    const v = sc.constant(repo);
    if (typeof v === 'string') return { api, id: v, unresolved: false };
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.name === 'string') return { api, id: v.name, unresolved: false };
    return { api, unresolved: true };
  }
  return undefined;
}

function fromExpression(sc: JsSourceCode, model: JsNode, api: string): HubLoad | undefined {
  const location = classifyLocation(sc, model, { hubIds: true });
  if (location.kind === 'local' || location.kind === 'remote') return undefined;
  if (location.kind === 'hub') return { api, id: location.value, unresolved: false };
  return { api, unresolved: true };
}
