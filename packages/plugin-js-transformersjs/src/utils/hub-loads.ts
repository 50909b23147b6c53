import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { calleeText, isHfHubModule, isTransformersModule, memberIn } from './libraries.js';
import { classifyLocation } from './locations.js';

const HUB_DOWNLOADERS = new Set(['downloadFile', 'downloadFileToCacheDir', 'snapshotDownload']);

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
  const tf = memberIn(sc, call.callee, isTransformersModule);
  if (tf) {
    let modelPos: number;
    if (tf.length === 1 && tf[0] === 'pipeline') modelPos = 1;
    else if (tf.length === 2 && tf[1] === 'from_pretrained') modelPos = 0;
    else return undefined;
    const model = sc.argument(call, { position: modelPos });
    if (!model) return undefined;
    const localOnly = sc.argument(call, { name: 'local_files_only', position: modelPos + 1 });
    if (localOnly && sc.constant(localOnly) === true) return undefined;
    return fromExpression(sc, model, api);
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
