import { UNKNOWN } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { asCode, calleeText, memberIn, shown } from './libraries.js';
import { hostOf, isHubHost } from './locations.js';
import { subprocessesOf, type Argument } from './subprocess.js';

/** node-llama-cpp (npm, versioned, CDN and `npm:` specifiers, and files of the package). */
export const isNodeLlamaCppModule = (m: string): boolean => /(^|\/|npm:)node-llama-cpp(@[^/?#]*)?(\/|$)/.test(m);

/** Prefilter trigger for `isNodeLlamaCppModule`. */
export const NODE_LLAMA_CPP_TRIGGER = 'node-llama-cpp';

/**
 * A call of node-llama-cpp that downloads a model file when it is not there yet: `resolveModelFile(uri,
 * directoryOrOptions)` (unless `{ download: false }`), `createModelDownloader({ modelUri })` (and its
 * deprecated `modelUrl`). `uri` is the model URI argument; `llama.loadModel({ modelPath })` reads a
 * local file and is not one.
 */
export interface LlamaDownload {
  api: string;
  uri: JsNode;
  /** `resolveModelFile` also takes a local path; `createModelDownloader` only URIs. */
  mayBePath: boolean;
}

export function nodeLlamaCppDownload(sc: JsSourceCode, call: TSESTree.CallExpression): LlamaDownload | undefined {
  const path = memberIn(sc, call.callee, isNodeLlamaCppModule);
  if (!path || path.length !== 1) return undefined;
  if (path[0] === 'resolveModelFile') {
    const uri = sc.argument(call, { position: 0 });
    if (!uri) return undefined;
    // `{ download: false }`: only a file already there is resolved
    const download = sc.argument(call, { name: 'download', position: 1 });
    if (download && sc.constant(download) === false) return undefined;
    return { api: calleeText(sc, call), uri, mayBePath: true };
  }
  if (path[0] === 'createModelDownloader') {
    const uri = sc.argument(call, { name: 'modelUri', position: 0 }) ?? sc.argument(call, { name: 'modelUrl', position: 0 });
    return uri ? { api: calleeText(sc, call), uri, mayBePath: false } : undefined;
  }
  return undefined;
}

/**
 * What a node-llama-cpp model URI designates, as its `parseModelUri` reads it:
 * - `hub`: a Hugging Face repository. `hf:owner/repo/path/file.gguf#<branch>` (also `hf://`,
 *   `huggingface:`, `huggingface://`, `hf.co/`, `huggingface.co/`, in lower case: `HF:…` is a local
 *   path), or a Hub URL `https://huggingface.co/owner/repo/resolve/<revision>/file.gguf` (or
 *   `…/blob/<revision>/…`, which node-llama-cpp rewrites to `resolve`): the file at `revision`
 *   (`undefined`: not given, `main`; `null`: not known). `hf:owner/repo:Q4_K_M` (a quantization tag,
 *   or no file at all, also the URL `https://huggingface.co/owner/repo`): `quantTag`, resolved through
 *   the Hub's manifest on `main`, with no way to pin it. `unseen`: its end is not known
 *   (`` `hf:${model}` ``), so whether it names a file pinned to a commit is not known either;
 * - `url`: another `http(s)://` URL, downloaded as it is;
 * - `local`: anything else (`resolveModelFile` reads a local path).
 */
export type LlamaUri =
  | { kind: 'hub'; repo?: string; revision?: string | null; quantTag?: string; unseen?: boolean }
  | { kind: 'url'; http: boolean }
  | { kind: 'local' };

const HF_PREFIXES = ['hf://', 'huggingface://', 'hf:', 'huggingface:', 'hf.co/', 'huggingface.co/'];

/** Stands for a part of a URI that is not known (see `parseLlamaUriShape`). */
const HOLE = '\u0000';

/** The node-llama-cpp reading of a URI whose parts not known are `HOLE`s. */
function parseLlamaUriShape(shape: string): LlamaUri {
  const known = (s: string | undefined): string | undefined => (s === undefined || s.includes(HOLE) ? undefined : s);
  // (matched as node-llama-cpp matches them, case-sensitively: `HF:owner/…` is a local path)
  const prefix = HF_PREFIXES.find((p) => shape.startsWith(p));
  if (prefix) {
    const content = shape.slice(prefix.length);
    const [user, model = '', ...rest] = content.split('/');
    if (content.includes(HOLE)) {
      // a part not known may stand for several segments (`hf:${repo}/…`): the form is told by the known end
      const repo = rest.length > 0 ? known(`${user}/${model}`) : undefined;
      const hash = content.lastIndexOf('#');
      if (hash >= 0) return { kind: 'hub', repo, revision: known(content.slice(hash + 1)) ?? null };
      if (content.endsWith(HOLE)) return { kind: 'hub', repo, revision: null, unseen: true };
      const tag = /:([^/:\u0000]*)$/.exec(content);
      if (tag) return { kind: 'hub', repo: known(content.slice(0, tag.index).split(':')[0]), quantTag: tag[1] || 'latest' };
      return { kind: 'hub', repo };
    }
    const tail = rest.join('/');
    if (tail === '' || model.includes(':')) {
      const [name, ...tag] = model.split(':');
      return { kind: 'hub', repo: known(`${user}/${name}`), quantTag: tag.join(':') || 'latest' };
    }
    const hash = tail.indexOf('#');
    // no `#` in the known text: `main`, unless the last part, not known, may carry one
    const revision = hash >= 0 ? known(tail.slice(hash + 1)) ?? null : shape.endsWith(HOLE) ? null : undefined;
    return { kind: 'hub', repo: known(`${user}/${model}`), revision: revision === '' ? undefined : revision };
  }
  const url = /^(https?):\/\//i.exec(shape);
  if (!url) return { kind: 'local' };
  const host = hostOf(shape);
  if (host && !host.includes(HOLE) && isHubHost(host)) {
    const path = shape.slice(url[0].length + shape.slice(url[0].length).indexOf('/') + 1).replace(/[?#].*$/, '');
    const [user, model, resolve, revision, ...file] = path.split('/');
    if (user && model && resolve === undefined) return { kind: 'hub', repo: known(`${user}/${model}`), quantTag: 'latest' };
    // (node-llama-cpp reads a `/blob/` URL as the `/resolve/` one of the same file)
    if (user && model && (resolve === 'resolve' || resolve === 'blob') && revision && file.length > 0) return { kind: 'hub', repo: known(`${user}/${model}`), revision: known(revision) ?? null };
  }
  return { kind: 'url', http: url[1].toLowerCase() === 'http' };
}

/** The reading of a known URI (see `LlamaUri`). */
export function parseLlamaUri(value: string): LlamaUri {
  return parseLlamaUriShape(value.replace(new RegExp(HOLE, 'g'), ''));
}

/**
 * The URI argument as node-llama-cpp reads it: its value when known, else its shape from the known
 * parts (`` `hf:${repo}/${file}` ``, `` `https://huggingface.co/${repo}/resolve/main/${file}` ``);
 * `undefined` when nothing of it is known.
 */
export function llamaUriOf(sc: JsSourceCode, uri: JsNode): { uri: LlamaUri; value?: string; overridable?: boolean } | undefined {
  const value = sc.constant(uri);
  if (typeof value === 'string') return { uri: parseLlamaUri(value), value };
  if (value !== UNKNOWN) return undefined;
  // the one default of a URI the environment may override (`process.env.MODEL_URI ?? "hf:…"`)
  const known = sc.knownValues(uri);
  if (known && known.values.length === 1 && typeof known.values[0] === 'string') {
    return { uri: parseLlamaUri(known.values[0]), value: known.values[0], ...(known.others ? { overridable: true } : {}) };
  }
  const bounds = sc.stringBounds(uri);
  if (bounds.prefix === '') return undefined;
  return { uri: parseLlamaUriShape(bounds.parts.join(HOLE)) };
}

/** The options of `node-llama-cpp pull` that take a value (the URIs' own: `--uri`, `--url`…). */
const PULL_URI_OPTIONS = new Set(['urls', 'url', 'uris', 'uri']);
const PULL_VALUE_OPTIONS = new Set(['header', 'H', 'directory', 'd', 'dir', 'filename', 'n', 'name', 'parallel', 'p']);

/**
 * The model URIs of a `node-llama-cpp pull` (or `get`) command a call runs in a child process
 * (`spawn("npx", ["node-llama-cpp", "pull", "--dir", dir, uri])`, `` execSync(`npx -y node-llama-cpp@3
 * pull ${uri}`) ``, an execa or zx template `` $`npx -y node-llama-cpp pull ${uri}` ``, see
 * `subprocessesOf`): its positional arguments and `--uri` / `--url` values.
 */
export function nodeLlamaCppPulls(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): Array<{ api: string; uri: Argument }> {
  const out: Array<{ api: string; uri: Argument }> = [];
  for (const p of subprocessesOf(sc, call)) {
    const at = p.program === 'node-llama-cpp' ? 0 : p.argv.findIndex((a) => a.text !== undefined && /^node-llama-cpp(@[^\s/]*)?$/.test(a.text));
    if (at < 0 || !['pull', 'get'].includes(p.argv[at + 1]?.text ?? '')) continue;
    for (let i = at + 2; i < p.argv.length; i++) {
      const a = p.argv[i];
      if (a.text === undefined || !a.text.startsWith('-')) {
        out.push({ api: p.api, uri: a });
        continue;
      }
      const [name, value] = a.text.replace(/^-+/, '').split(/=(.*)/s);
      if (PULL_URI_OPTIONS.has(name)) {
        if (value !== undefined) out.push({ api: p.api, uri: { node: a.node, text: value, shape: value } });
        else if (p.argv[i + 1]) out.push({ api: p.api, uri: p.argv[++i] });
      } else if (PULL_VALUE_OPTIONS.has(name) && value === undefined) i++;
    }
  }
  return out;
}

/**
 * A model download by node-llama-cpp: a call of its API (`nodeLlamaCppDownload`) or a `pull` command
 * run in a child process; the URI as read (see `llamaUriOf`), and as the message shows it.
 */
export interface LlamaUriDownload {
  api: string;
  /** The expression the URI is (or is part of), for messages. */
  node: JsNode;
  read?: { uri: LlamaUri; value?: string; overridable?: boolean };
  /** A URI known in no part, for messages (`` `repo` ``). */
  shown: string;
  /** It may be a local path (`resolveModelFile`), read only when named like a URL. */
  mayBePath: boolean;
  /** The URI comes from a command line run in a child process. */
  command: boolean;
}

export function nodeLlamaCppUriDownloads(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): LlamaUriDownload[] {
  const api = call.type === 'CallExpression' ? nodeLlamaCppDownload(sc, call) : undefined;
  if (api) {
    const read = llamaUriOf(sc, api.uri);
    return [{ api: api.api, node: api.uri, read, shown: shownUri(sc, api.uri, read), mayBePath: api.mayBePath, command: false }];
  }
  return nodeLlamaCppPulls(sc, call).map(({ api: runner, uri }) => {
    const read = uri.whole
      ? llamaUriOf(sc, uri.node)
      : uri.text !== undefined
        ? { uri: parseLlamaUri(uri.text), value: uri.text }
        : uri.shape !== undefined && !/^\u0000*$/.test(uri.shape)
          ? { uri: parseLlamaUriShape(uri.shape) }
          : undefined;
    // (a word of a command line known in no part is shown with its command line)
    const shownText = uri.whole || !read ? shownUri(sc, uri.node, read) : read.value !== undefined ? `"${shown(read.value)}"` : asCode((uri.shape ?? '').replace(/\u0000/g, '…'), 60);
    return { api: `${runner} (node-llama-cpp pull)`, node: uri.node, read, shown: shownText, mayBePath: false, command: true };
  });
}

function shownUri(sc: JsSourceCode, node: JsNode, read: { value?: string } | undefined): string {
  return read?.value !== undefined ? `"${shown(read.value)}"` : asCode(sc.getText(node), 60);
}
