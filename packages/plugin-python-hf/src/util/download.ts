/**
 * Raw HTTP downloads (requests, httpx, aiohttp, urllib, wget, gdown, curl/wget in a subprocess): what URL they
 * fetch, where the bytes go (saved to a file, handed to a loader) and whether a hash comparison exists in
 * the same function or in the same-file functions it calls.
 */
import { UNKNOWN, type Trigger } from '@oculum/core';
import { importTrigger, keepsFileName } from '@oculum/lang-python';
import { argList, calleeName, calleeOf, identifiersIn, isInside, receiverOf, same, statementOf, targetNames, walkAfter, walkBody, type PyNode, type PySourceCode } from './ast.js';
import { isModelFile, isNonModelFile, mentionsModel, snakeCase } from './classify.js';
import { resolve, valuesOf, type Resolved } from './resolve.js';

export interface RawDownload {
  call: PyNode;
  api: string;
  urlNode?: PyNode;
  url: Resolved;
  /** The call writes the file itself (urlretrieve, wget.download, curl -o, wget). */
  savesDirectly: boolean;
  destNode?: PyNode;
  dest?: Resolved;
  /** URL text from a shell command (curl/wget in a subprocess). */
  commandUrl?: string;
}

/**
 * What `rawDownload` needs in a file's code, as a trigger group: one of its HTTP clients imported
 * (`requests`, `httpx`, `aiohttp`, `urllib`/`urllib2`/`six.moves.urllib`, `wget`), or curl/wget/gdown in a
 * command.
 */
export const RAW_DOWNLOAD_TRIGGERS: Trigger[] = [
  importTrigger(['requests', 'httpx', 'aiohttp', 'urllib', 'urllib2', 'six', 'wget', 'gdown', 'basicsr', 'facexlib']),
  /\b(?:curl|wget|gdown|aria2c)\b/,
  // BasicSR's helper under any package (CodeFormer's `codeformer.basicsr…`, `gfpgan.utils`, a relative
  // `from .download_util import …`), A1111/Forge's `modules.modelloader.load_file_from_url` and `load_models`
  'load_file_from_url',
  /\bmodelloader\b/,
];

/** `load_file_from_url` by its qualified name: imported from any module (a same-file `def` has none). */
const LOAD_FILE_FROM_URL = /(?:^|\.)load_file_from_url$/;
/** A1111/Forge's `modules.modelloader.load_models` (also imported from a vendored copy's `modelloader`). */
const A1111_LOAD_MODELS = /(?:^|\.)modelloader\.load_models$/;
/** Keywords by which a `load_file_from_url` is given the digest it checks (A1111's `hash_prefix=`). */
const CHECKSUM_KEYWORD = /^(?:hash_prefix|hash|check_hash|sha256|sha|md5|checksum|digest|expected_hash|file_hash)$/;

/** A `load_file_from_url` given a digest to check (`hash_prefix="…"`, not `None`/`False`). */
function checksumGiven(sc: PySourceCode, call: PyNode): boolean {
  for (const [keyword, value] of sc.keywordArguments(call)) {
    if (!CHECKSUM_KEYWORD.test(keyword)) continue;
    const v = sc.constant(value);
    if (v === UNKNOWN || (v !== null && v !== false && v !== '')) return true;
  }
  return false;
}

const HTTP_GET = /^(?:requests|httpx)(?:\.api)?\.(?:get|request|stream)$/;
const SESSION_CLASS = /^(?:requests\.(?:Session|session|sessions\.Session)|httpx\.(?:Client|AsyncClient)|aiohttp\.(?:ClientSession|client\.ClientSession))$/;
export const SUBPROCESS = /^(?:subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|os\.(?:system|popen)|commands\.getoutput)$/;
/** IPython's shell runners, as a script exported from a notebook calls them (`get_ipython().system('wget …')`). */
const IPYTHON_SHELL = /^IPython\.get_ipython\.(?:system|getoutput|system_raw|system_piped)$/;

/** A call that runs a shell command: `SUBPROCESS` by its qualified name (`qn`, when known), or IPython's `system`. */
export function runsCommand(sc: PySourceCode, call: PyNode, qn = sc.qualifiedName(calleeOf(call)!)): boolean {
  if (qn !== undefined && SUBPROCESS.test(qn)) return true;
  const callee = calleeOf(call);
  return callee?.type === 'attribute' && sc.instanceQualifiedNames(callee).some((q) => IPYTHON_SHELL.test(q));
}

function urlArgFor(sc: PySourceCode, call: PyNode, method: string): PyNode | undefined {
  if (method === 'request' || method === 'stream') return sc.argument(call, { name: 'url' }) ?? sc.argument(call, { position: 1 });
  return sc.argument(call, { name: 'url' }) ?? sc.argument(call, { position: 0 });
}

/**
 * A method of a session object (`requests.Session()`, `aiohttp.ClientSession()`, `httpx.Client()`),
 * as the language's instance model reads the receiver: `s.get` after `s = requests.Session()` or
 * `with requests.Session() as s`, `self.session.get` with `self.session = requests.Session()`.
 */
function isSessionMethod(sc: PySourceCode, fn: PyNode): boolean {
  return sc.instanceQualifiedNames(fn).some((q) => SESSION_CLASS.test(q.slice(0, q.lastIndexOf('.'))));
}

/** The command argument of a `subprocess`/`os.system` call (`args`, `cmd`, `command` or the first argument). */
function commandArgument(sc: PySourceCode, call: PyNode): PyNode | undefined {
  return sc.argument(call, { name: 'args' }) ?? sc.argument(call, { name: 'cmd' }) ?? sc.argument(call, { name: 'command' }) ?? sc.argument(call, { position: 0 });
}

/** Tokens of the command a `subprocess`/`os.system` call runs (`args`, `cmd`, `command` or the first argument). */
export function callCommandTokens(sc: PySourceCode, call: PyNode): Array<string | undefined> | undefined {
  const arg = commandArgument(sc, call);
  return arg ? commandTokens(sc, arg) : undefined;
}

/**
 * The elements of a command given as an argument list: a list or tuple literal, or a name bound once to
 * one that nothing adds to (`cmd = ["wget", url]; subprocess.run(cmd)`); comments left out.
 */
function commandElements(sc: PySourceCode, arg: PyNode): PyNode[] | undefined {
  let list: PyNode | undefined = arg;
  if (arg.type === 'identifier') {
    const bound = sc.reachingBindings(arg);
    list = bound.length === 1 && bound[0].kind === 'assignment' && sc.containerWrites(arg).length === 0 ? (bound[0].value ?? undefined) : undefined;
  }
  if (list?.type !== 'list' && list?.type !== 'tuple') return undefined;
  return list.namedChildren.filter((el) => el.type !== 'comment');
}

/**
 * Tokens of a shell command given as a string or a list (unknown list items become undefined); with
 * `followName`, also a list held in a name (`commandElements`).
 */
export function commandTokens(sc: PySourceCode, arg: PyNode, followName = false): Array<string | undefined> | undefined {
  const c = sc.constant(arg);
  if (typeof c === 'string') return c.split(/\s+/).filter(Boolean);
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : undefined));
  const elements = arg.type === 'list' || arg.type === 'tuple' || followName ? commandElements(sc, arg) : undefined;
  if (elements) {
    return elements.map((el) => {
      const v = sc.constant(el);
      return typeof v === 'string' ? v : undefined;
    });
  }
  if (arg.type === 'string') {
    // f-string: its literal parts, the constants of its `{…}` folded in, so `curl -o x {url}` is still recognised
    const fs = fStringCommand(sc, arg);
    if (fs) return fs.tokens;
    return arg.text.replace(/^[a-zA-Z]*['"]+|['"]+$/g, '').split(/\s+/).filter(Boolean);
  }
  return undefined;
}

/** Stands for one `{…}` of an f-string while its text is split into shell words (no source text holds it). */
const HOLE = '\u0000';

/**
 * A shell command written as an f-string (`f'curl -L "{url}" -o "{dst}"'`, review sdwebui P2-1): its words,
 * with each `{…}` whose value is a constant string or number folded in (`{URL}` → the URL), and for each word the
 * node it comes from, as `commandElements` gives a list's: the expression of a word that is one `{…}` alone
 * (shell quotes around it allowed; its word is then undefined), the f-string itself for any other word. A word
 * that mixes literal text with a `{…}` not known keeps the source text (`https://host/{name}.pth`).
 */
function fStringCommand(sc: PySourceCode, arg: PyNode): { tokens: Array<string | undefined>; elements: PyNode[] } | undefined {
  const kids = arg.namedChildren.filter((k): k is PyNode => !!k);
  const start = kids[0];
  const end = kids[kids.length - 1];
  if (start?.type !== 'string_start' || end?.type !== 'string_end' || !/^[a-zA-Z]*[fF]/.test(start.text)) return undefined;
  const holes = kids.filter((k) => k.type === 'interpolation');
  if (holes.length === 0) return undefined;
  const raw = /[rR]/.test(start.text);
  const literal = (t: string): string => {
    t = t.replace(/\{\{/g, '{').replace(/\}\}/g, '}').replace(/\u0000/g, ' ');
    return raw ? t : t.replace(/\\(["'\\])/g, '$1');
  };
  const base = arg.startIndex;
  const whole = arg.text;
  const unknown: PyNode[] = [];
  let text = '';
  let at = start.endIndex;
  for (const hole of holes) {
    text += literal(whole.slice(at - base, hole.startIndex - base));
    const parts = hole.namedChildren.filter((k): k is PyNode => !!k);
    const v = parts.length === 1 ? sc.constant(parts[0]) : UNKNOWN;
    if (typeof v === 'string' || typeof v === 'number') text += String(v);
    else {
      unknown.push(parts[0] ?? hole);
      text += HOLE;
    }
    at = hole.endIndex;
  }
  text += literal(whole.slice(at - base, end.startIndex - base));
  const tokens: Array<string | undefined> = [];
  const elements: PyNode[] = [];
  let seen = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const count = word.split(HOLE).length - 1;
    const own = unknown.slice(seen, seen + count);
    seen += count;
    if (count === 1 && /^['"]?\u0000['"]?$/.test(word)) {
      tokens.push(undefined);
      elements.push(own[0]);
      continue;
    }
    let i = 0;
    tokens.push(count ? word.replace(/\u0000/g, () => `{${own[i++]?.text ?? ''}}`) : word);
    elements.push(arg);
  }
  return { tokens, elements };
}

/**
 * The URL of a `urllib.request.Request(url, …)` handed to `urlopen`: written in the call, or held in a name
 * bound once to it (`req = Request(URL, headers={"User-Agent": …})`; `urlopen(req)`).
 */
function requestUrl(sc: PySourceCode, node: PyNode): PyNode | undefined {
  let req: PyNode | undefined = node;
  if (node.type === 'identifier') {
    const bound = sc.reachingBindings(node);
    req = bound.length === 1 && bound[0].kind === 'assignment' ? (bound[0].value ?? undefined) : undefined;
  }
  if (req?.type !== 'call' || !/Request$/.test(sc.qualifiedName(calleeOf(req)!) ?? '')) return undefined;
  return sc.argument(req, { name: 'url' }) ?? sc.argument(req, { position: 0 });
}

/** The last names of the functions `rawDownload` recognises. */
const DOWNLOAD_FUNCTIONS = ['get', 'request', 'stream', 'urlopen', 'urlretrieve', 'download', 'cached_download', 'load_file_from_url', 'load_models', 'run', 'call', 'check_call', 'check_output', 'Popen', 'getoutput', 'getstatusoutput', 'system', 'popen'];

export function rawDownload(sc: PySourceCode, call: PyNode): RawDownload | undefined {
  const fn = calleeOf(call);
  if (!fn) return undefined;
  // Under its own name or an alias (`from urllib.request import urlretrieve as fetch`).
  if (!sc.calleeGate(DOWNLOAD_FUNCTIONS)(call)) return undefined;
  const qn = sc.qualifiedName(fn);
  const method = qn && fn.type !== 'attribute' ? qn.slice(qn.lastIndexOf('.') + 1) : (calleeName(call) ?? '');
  if (qn && HTTP_GET.test(qn)) {
    if (method === 'request' || method === 'stream') {
      const m = sc.argument(call, { name: 'method' }) ?? sc.argument(call, { position: 0 });
      const mv = m ? sc.constant(m) : UNKNOWN;
      if (typeof mv === 'string' && mv.toUpperCase() !== 'GET') return undefined;
    }
    const urlNode = urlArgFor(sc, call, method);
    return { call, api: qn, urlNode, url: resolve(sc, urlNode), savesDirectly: false };
  }
  if (!qn && fn.type === 'attribute' && (method === 'get' || method === 'request' || method === 'stream') && isSessionMethod(sc, fn)) {
    if (method !== 'get') {
      const m = sc.argument(call, { position: 0 });
      const mv = m ? sc.constant(m) : UNKNOWN;
      if (typeof mv === 'string' && mv.toUpperCase() !== 'GET') return undefined;
    }
    const urlNode = urlArgFor(sc, call, method);
    return { call, api: `session.${method}`, urlNode, url: resolve(sc, urlNode), savesDirectly: false };
  }
  if (qn && /^(?:urllib\.request|urllib2|urllib|six\.moves\.urllib\.request)\.urlopen$/.test(qn)) {
    const arg = sc.argument(call, { name: 'url' }) ?? sc.argument(call, { position: 0 });
    const urlNode = arg ? (requestUrl(sc, arg) ?? arg) : undefined;
    return { call, api: 'urlopen', urlNode, url: resolve(sc, urlNode), savesDirectly: false };
  }
  if (qn && /^(?:urllib\.request|urllib|six\.moves\.urllib\.request)\.urlretrieve$/.test(qn)) {
    const urlNode = sc.argument(call, { name: 'url' }) ?? sc.argument(call, { position: 0 });
    const destNode = sc.argument(call, { name: 'filename' }) ?? sc.argument(call, { position: 1 });
    return { call, api: 'urlretrieve', urlNode, url: resolve(sc, urlNode), savesDirectly: true, destNode, dest: destNode ? resolve(sc, destNode) : undefined };
  }
  // gdown (Google Drive): `gdown.download(url, output)`, `download(id=..., output=...)`; `cached_download`
  // with `md5=`/`hash=` checks what it fetched
  if (qn === 'gdown.download' || qn === 'gdown.cached_download') {
    if (qn === 'gdown.cached_download' && (sc.argument(call, { name: 'md5' }) || sc.argument(call, { name: 'hash' }) || sc.argument(call, { position: 2 }))) return undefined;
    const urlNode = sc.argument(call, { name: 'url' }) ?? sc.argument(call, { position: 0 });
    const destNode = sc.argument(call, { name: 'output' }) ?? sc.argument(call, { name: 'path' }) ?? sc.argument(call, { position: 1 });
    const url: Resolved = urlNode ? resolve(sc, urlNode) : sc.argument(call, { name: 'id' }) ? { kind: 'prefix', value: 'https://drive.google.com/uc?id=' } : { kind: 'unknown' };
    return { call, api: qn, urlNode, url, savesDirectly: true, destNode, dest: destNode ? resolve(sc, destNode) : undefined };
  }
  // BasicSR's and facexlib's `load_file_from_url(url, model_dir, progress, file_name)` (GFPGAN,
  // Real-ESRGAN, CodeFormer, Stable Diffusion web UIs): `download_url_to_file` with no hash, into
  // `model_dir`; it returns the saved path. Imported from anywhere (a qualified name, not a function of
  // this file): the copies projects vendor (`codeformer.basicsr.utils.download_util`, `gfpgan.utils`,
  // `from .download_util import load_file_from_url`) and A1111/Forge's `modules.modelloader.
  // load_file_from_url(url, *, model_dir, progress, file_name, hash_prefix)`, the same download that checks
  // the SHA-256 prefix it is given (`hash_prefix=`, or a like keyword of a copy: `sha256=`, `md5=`)
  if (qn && LOAD_FILE_FROM_URL.test(qn)) {
    if (checksumGiven(sc, call)) return undefined;
    const urlNode = sc.argument(call, { name: 'url' }) ?? sc.argument(call, { position: 0 });
    // `file_name=None` is the default (the URL's own name): as if absent, the directory tells
    let fileName = sc.argument(call, { name: 'file_name' }) ?? sc.argument(call, { position: 3 });
    if (fileName && sc.constant(fileName) === null) fileName = undefined;
    const destNode = fileName ?? sc.argument(call, { name: 'model_dir' }) ?? sc.argument(call, { name: 'save_dir' }) ?? sc.argument(call, { position: 1 });
    return { call, api: 'load_file_from_url', urlNode, url: resolve(sc, urlNode), savesDirectly: true, destNode, dest: destNode ? resolve(sc, destNode) : undefined };
  }
  // A1111/Forge's `modules.modelloader.load_models(model_path, model_url=None, command_path=None,
  // ext_filter=None, download_name=None, ext_blacklist=None, hash_prefix=None)`: with no model file in
  // `model_path` yet, `load_file_from_url(model_url, model_dir=model_path, file_name=download_name,
  // hash_prefix=hash_prefix)`; it returns the paths found
  if (qn && A1111_LOAD_MODELS.test(qn)) {
    if (checksumGiven(sc, call)) return undefined;
    const urlNode = sc.argument(call, { name: 'model_url' }) ?? sc.argument(call, { position: 1 });
    if (!urlNode || sc.constant(urlNode) === null) return undefined;
    let fileName = sc.argument(call, { name: 'download_name' }) ?? sc.argument(call, { position: 4 });
    if (fileName && sc.constant(fileName) === null) fileName = undefined;
    const destNode = fileName ?? sc.argument(call, { name: 'model_path' }) ?? sc.argument(call, { position: 0 });
    return { call, api: 'modelloader.load_models', urlNode, url: resolve(sc, urlNode), savesDirectly: true, destNode, dest: destNode ? resolve(sc, destNode) : undefined };
  }
  if (qn === 'wget.download') {
    const urlNode = sc.argument(call, { name: 'url' }) ?? sc.argument(call, { position: 0 });
    const destNode = sc.argument(call, { name: 'out' }) ?? sc.argument(call, { position: 1 });
    return { call, api: 'wget.download', urlNode, url: resolve(sc, urlNode), savesDirectly: true, destNode, dest: destNode ? resolve(sc, destNode) : undefined };
  }
  if (runsCommand(sc, call, qn)) {
    const arg = commandArgument(sc, call);
    const tokens = arg ? commandTokens(sc, arg, true) : undefined;
    if (!arg || !tokens || !tokens.length) return undefined;
    // find curl/wget/gdown/aria2c anywhere in a shell pipeline, e.g. "cd x && wget URL" (gdown's command line
    // downloads a Google Drive file by URL or id, as `gdown.download` does; aria2c, the web UIs' Colab
    // downloader, saves to `-d DIR` / `-o NAME`)
    const idx = tokens.findIndex((t) => !!t && /^(?:.*\/)?(?:curl|wget|gdown|aria2c)$/.test(t));
    if (idx < 0) return undefined;
    const tool = tokens[idx]!.replace(/^.*\//, '');
    const rest = tokens.slice(idx + 1);
    const url = rest.find((t) => !!t && /^['"]?(?:https?|ftp):\/\//i.test(t))?.replace(/^['"]|['"]$/g, '');
    const toStdout = tool === 'wget' || tool === 'gdown' ? rest.some((t, i) => (t === '-O' || t === '-qO' || t === '-qO-' || t === '--output') && (t.endsWith('-') || rest[i + 1] === '-')) : false;
    const saves = tool !== 'curl' ? !toStdout : rest.some((t) => !!t && /^(?:-o|-O|--output|--remote-name|--output-dir|>|-[a-zA-Z]*[oO])$/.test(t));
    const outIdx = rest.findIndex((t) => (tool === 'aria2c' ? t === '-o' || t === '--out' || t === '-d' || t === '--dir' : t === '-o' || t === '-O' || t === '--output' || t === '>'));
    const out = tool === 'aria2c' ? aria2Output(rest) : outIdx >= 0 ? rest[outIdx + 1] : undefined;
    // An argument list whose URL (or output path) is built at run time (`["wget", url]` with
    // `url = f"https://…/{name}.onnx"`): the element, read as `requests.get(url)` reads its URL.
    const elements = arg.type === 'string' ? fStringCommand(sc, arg)?.elements : commandElements(sc, arg);
    const argv = elements?.length === tokens.length ? commandArgvNodes(sc, tool, tokens, elements, idx) : undefined;
    const urlNode = url ? undefined : argv?.url;
    const destNode = out ? undefined : argv?.dest;
    return {
      call,
      api: `${tool} (subprocess)`,
      url: url ? { kind: 'string', value: url } : urlNode ? resolve(sc, urlNode) : { kind: 'unknown' },
      commandUrl: url,
      savesDirectly: saves,
      ...(urlNode ? { urlNode } : {}),
      ...(out ? { dest: { kind: 'string', value: out } as Resolved } : destNode ? { destNode, dest: resolve(sc, destNode) } : {}),
    };
  }
  return undefined;
}

/**
 * Where an aria2c command line saves: `-o NAME`/`--out=NAME` (under `-d DIR`/`--dir=DIR` when given), else
 * the directory alone.
 */
function aria2Output(rest: Array<string | undefined>): string | undefined {
  const value = (short: string, long: string): string | undefined => {
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i];
      if (t === short || t === long) return rest[i + 1];
      if (t?.startsWith(`${long}=`)) return t.slice(long.length + 1);
    }
    return undefined;
  };
  const dir = value('-d', '--dir');
  const name = value('-o', '--out');
  return name !== undefined ? (dir !== undefined ? `${dir.replace(/\/$/, '')}/${name}` : name) : dir;
}

/** Options of wget/curl that take the next argument as their value (short ones as letters, also last in a group: `-qO`). */
const VALUE_OPTIONS: Record<string, { short: string; long: RegExp; dest: RegExp }> = {
  wget: {
    short: 'OPoaiUtTewlB',
    long: /^--(?:output-document|directory-prefix|output-file|append-output|input-file|header|user-agent|tries|timeout|execute|wait|level|user|password|http-user|http-password|post-data|post-file|body-data|body-file|referer|limit-rate|load-cookies|save-cookies|base|ca-certificate|certificate|private-key|method)$/,
    dest: /^(?:-[a-zA-Z]*[OP]|--output-document|--directory-prefix)$/,
  },
  curl: {
    short: 'oHdFuAXebcxmwrTKzCE',
    long: /^--(?:output|output-dir|header|data|data-binary|data-raw|data-urlencode|form|user|user-agent|request|referer|cookie|cookie-jar|proxy|max-time|connect-timeout|write-out|range|upload-file|retry|cacert|cert|key|config|time-cond|continue-at|limit-rate|max-filesize)$/,
    dest: /^(?:-[a-zA-Z]*o|--output|--output-dir)$/,
  },
  // aria2c: `aria2c -x 16 -s 16 -k 1M URL -d DIR -o NAME` (long options also as `--dir=DIR`)
  aria2c: {
    short: 'xskodjilmtUTM',
    long: /^--(?:dir|out|max-connection-per-server|split|min-split-size|max-concurrent-downloads|input-file|log|max-tries|timeout|connect-timeout|user-agent|header|referer|checksum|http-user|http-passwd|load-cookies|save-session|torrent-file|metalink-file|console-log-level|summary-interval|file-allocation|retry-wait|max-download-limit|all-proxy|http-proxy|https-proxy)$/,
    dest: /^(?:-o|-d|--out|--dir)$/,
  },
  // gdown 4/5: `gdown [--id] URL_OR_ID [-O OUTPUT]`
  gdown: {
    short: 'O',
    long: /^--(?:output|id|proxy|speed|format|user-agent)$/,
    dest: /^(?:-O|--output)$/,
  },
};

/** Does this option token of `tool` take the next argument as its value? */
function takesValue(tool: string, token: string | undefined): boolean {
  const opts = VALUE_OPTIONS[tool];
  if (!opts || !token) return false;
  if (token.startsWith('--')) return opts.long.test(token);
  return /^-[a-zA-Z]+$/.test(token) && opts.short.includes(token[token.length - 1]);
}

/**
 * In a wget/curl argument list, the element not known as a constant that holds the URL, and the one
 * that holds the output path (after `-O`/`-o`/`-P`/`--output…`). The URL is the one whose known text starts with a scheme
 * (`f"https://…/{name}.onnx"`, a name bound to it, `os.path.join(BASE_URL, …)`), else the last one that
 * is no option's value.
 */
function commandArgvNodes(sc: PySourceCode, tool: string, tokens: Array<string | undefined>, elements: PyNode[], toolIndex: number): { url?: PyNode; dest?: PyNode } {
  const candidates: PyNode[] = [];
  let dest: PyNode | undefined;
  for (let i = toolIndex + 1; i < tokens.length; i++) {
    const prev = tokens[i - 1];
    if (elements[i].type === 'list_splat') continue;
    if (i - 1 > toolIndex && takesValue(tool, prev)) {
      if (VALUE_OPTIONS[tool]?.dest.test(prev!) && tokens[i] !== '-') dest ??= elements[i];
      continue;
    }
    if (tokens[i] === undefined) candidates.push(elements[i]);
  }
  const url = candidates.find((el) => /^(?:https?|ftp):\/\//i.test(knownStart(sc, el) ?? '')) ?? candidates[candidates.length - 1];
  return { url, dest };
}

/** The known beginning of the text a value builds (`https://…/` of `f"https://…/{name}.onnx"`), if any. */
function knownStart(sc: PySourceCode, node: PyNode): string | undefined {
  const r = resolve(sc, node);
  if (r.kind === 'string' || r.kind === 'prefix') return r.value;
  if (r.kind === 'local' && r.prefix) return r.prefix;
  return sc.stringPieces(node)?.[0];
}

/**
 * The roots Keras's API is reached by, as the semantic model names them: `keras`, the standalone `tf_keras`, and
 * TensorFlow's `tf.keras`, its documented `tf.compat.v1.keras` / `tf.compat.v2.keras` aliases and the legacy
 * `tensorflow.python.keras` (review keras P3-1). One pattern for every rule of the pack that names a Keras
 * function, so that they cannot drift apart.
 */
export const KERAS_ROOT = String.raw`(?:tensorflow\.(?:python\.|compat\.v[12]\.)?keras|tf_keras|keras)`;
/** Keras's `get_file(fname, origin, …)`, under every root (`KERAS_ROOT`) and module it is exported from. */
export const KERAS_GET_FILE = new RegExp(String.raw`^${KERAS_ROOT}\.(?:src\.)?utils\.(?:data_utils\.|file_utils\.)?get_file$`);

/**
 * The qualified names of the functions that load a model file (for where downloaded bytes go), with the
 * pickle family the torch pack's `torch/pickle-load` reads (`pandas.read_pickle`, `shelve`, `marshal`,
 * `jsonpickle`, skops, fastai's `load_learner`).
 */
const LOADER = new RegExp(String.raw`^(?:torch\.(?:load|jit\.load|hub\.load_state_dict_from_url)|_?pickle\.loads?|cPickle\.loads?|dill\.loads?|cloudpickle\.loads?|joblib\.load|pandas\.(?:io\.pickle\.)?read_pickle|shelve\.(?:open|DbfilenameShelf|Shelf)|marshal\.loads?|jsonpickle\.(?:decode|loads|unpickler\.decode)|skops\.io\.loads?|fastai(?:\.\w+)*\.load_learner|numpy\.load|onnx\.load(?:_model|_from_string)?|onnxruntime\.InferenceSession|safetensors\.[\w.]*load\w*|${KERAS_ROOT}\.(?:models|saving)\.load_model|tensorflow\.saved_model\.load|gguf\.\w+|llama_cpp\.Llama)$`);

/**
 * The native loaders of the gradient-boosting libraries, which read a model file whose name says nothing
 * (`ctr_lgbm.txt`, `model.json`): LightGBM's `Booster(params=None, train_set=None, model_file=None,
 * model_str=None)` and XGBoost's `Booster(params=None, cache=None, model_file=None)` given a model, and
 * `load_model(fname)` of an XGBoost booster or estimator, or of a CatBoost model (`load_model(fname=None,
 * format="cbm", stream=None, blob=None)`), its receiver read by the language's instance model
 * (`bst = xgb.Booster()` … `bst.load_model(p)`).
 */
const GBDT_CONSTRUCTOR = /^(?:lightgbm(?:\.basic)?|xgboost(?:\.core)?)\.Booster$/;
const GBDT_LOAD_MODEL = /^(?:xgboost(?:\.core|\.sklearn)?\.(?:Booster|XGBModel|XGBClassifier|XGBRegressor|XGBRanker|XGBRFClassifier|XGBRFRegressor)|catboost(?:\.core)?\.(?:CatBoost|CatBoostClassifier|CatBoostRegressor|CatBoostRanker))\.load_model$/;

/**
 * The argument that gives a gradient-boosting loader its model (`GBDT_CONSTRUCTOR`, `GBDT_LOAD_MODEL`):
 * `model_file=` (LightGBM's `model_str=` too) of a `Booster`, the file (`fname`, or CatBoost's `stream=`/`blob=`)
 * of a `load_model`. `undefined` for any other call, and for a `Booster` built without a model.
 */
export function gbdtModelArgument(sc: PySourceCode, call: PyNode): PyNode | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  const qn = sc.qualifiedName(callee);
  if (qn && GBDT_CONSTRUCTOR.test(qn)) {
    const file = sc.argument(call, { name: 'model_file' }) ?? sc.argument(call, { position: 2 });
    const str = qn.startsWith('lightgbm') ? (sc.argument(call, { name: 'model_str' }) ?? sc.argument(call, { position: 3 })) : undefined;
    const given = [file, str].find((a) => a && sc.constant(a) !== null);
    return given ?? undefined;
  }
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'load_model') return undefined;
  if (!(qn && GBDT_LOAD_MODEL.test(qn)) && !sc.instanceQualifiedNames(callee).some((q) => GBDT_LOAD_MODEL.test(q))) return undefined;
  return sc.argument(call, { name: 'fname' }) ?? sc.argument(call, { name: 'stream' }) ?? sc.argument(call, { name: 'blob' }) ?? sc.argument(call, { position: 0 }) ?? undefined;
}

/**
 * The edge runtimes, which load a model from a file or from its bytes in memory (review robotics P2-2): TFLite's
 * `Interpreter(model_path=None, model_content=None, …)` (`tflite_runtime`, `tf.lite`, LiteRT's `ai_edge_litert`), and,
 * on an instance the language's instance model reads (`runtime = trt.Runtime(logger)`, `core = ov.Core()`),
 * TensorRT's `Runtime.deserialize_cuda_engine(serialized_engine)`, OpenVINO's `Core.read_model(model, weights=None,
 * config=None)` (a path, or the IR/ONNX bytes and a weights tensor), `Core.compile_model(model, device_name=None,
 * config=None)` and `openvino.compile_model(model, …)` (a path or a model), and the older
 * `IECore.read_network(model, weights, init_from_buffer=False)`; each with the arguments that give the model.
 */
const EDGE_LOADERS: Array<{ re: RegExp; instance: boolean; model: Array<{ name: string; position: number }> }> = [
  { re: /^(?:tflite_runtime\.interpreter|tensorflow\.(?:compat\.v[12]\.)?lite(?:\.python\.interpreter)?|ai_edge_litert\.interpreter)\.Interpreter$/, instance: false, model: [{ name: 'model_path', position: 0 }, { name: 'model_content', position: 1 }] },
  { re: /^openvino(?:\.runtime)?\.compile_model$/, instance: false, model: [{ name: 'model', position: 0 }] },
  { re: /^tensorrt(?:\.tensorrt)?\.Runtime\.deserialize_cuda_engine$/, instance: true, model: [{ name: 'serialized_engine', position: 0 }] },
  { re: /^openvino(?:\.runtime)?\.Core\.read_model$/, instance: true, model: [{ name: 'model', position: 0 }, { name: 'weights', position: 1 }] },
  { re: /^openvino(?:\.runtime)?\.Core\.compile_model$/, instance: true, model: [{ name: 'model', position: 0 }] },
  { re: /^openvino\.inference_engine\.IECore\.read_network$/, instance: true, model: [{ name: 'model', position: 0 }, { name: 'weights', position: 1 }] },
];

/**
 * The arguments that give an edge runtime its model (`EDGE_LOADERS`): `model_content=` / `model_path=` of a TFLite
 * `Interpreter`, the engine of `deserialize_cuda_engine`, the model (and weights) of OpenVINO's `read_model`. `undefined`
 * for any other call; not the runtime's other arguments (`num_threads=cfg["threads"]` of a downloaded config).
 */
export function edgeModelArguments(sc: PySourceCode, call: PyNode): PyNode[] | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  const qn = sc.qualifiedName(callee);
  let spec = qn ? EDGE_LOADERS.find((e) => !e.instance && e.re.test(qn)) : undefined;
  if (!spec && callee.type === 'attribute' && /^(?:deserialize_cuda_engine|read_model|compile_model|read_network)$/.test(calleeName(call) ?? '')) {
    const names = qn ? [qn, ...sc.instanceQualifiedNames(callee)] : sc.instanceQualifiedNames(callee);
    spec = EDGE_LOADERS.find((e) => e.instance && names.some((q) => e.re.test(q)));
  }
  if (!spec) return undefined;
  return spec.model.map((a) => sc.argument(call, { name: a.name }) ?? sc.argument(call, { position: a.position })).filter((n): n is PyNode => !!n && sc.constant(n) !== null);
}

/**
 * A call that loads a model from what `feeds` says holds the downloaded bytes: a `LOADER` by its qualified
 * name (any argument), or a gradient-boosting loader or an edge runtime whose model argument
 * (`gbdtModelArgument`, `edgeModelArguments`) does (not `xgb.Booster(params=requests.get(cfg).json())`).
 */
function loadsModel(sc: PySourceCode, call: PyNode, feeds: (arg: PyNode) => boolean): boolean {
  const callee = calleeOf(call);
  if (!callee) return false;
  if (LOADER.test(sc.qualifiedName(callee) ?? '')) return true;
  const model = gbdtModelArgument(sc, call);
  if (model) return feeds(model);
  return !!edgeModelArguments(sc, call)?.some(feeds);
}

/** Does a function of this qualified name load a model file (`torch.load`, `safetensors.torch.load_file`, `onnx.load`, …)? */
export function isModelLoader(qn: string | undefined): boolean {
  return qn !== undefined && LOADER.test(qn);
}

/** What happens to the downloaded bytes in the function. */
export interface Sink {
  kind: 'saved' | 'loaded';
  node: PyNode;
  /** The destination of a write, when it can be read from `open(path, "wb")`. */
  dest?: PyNode;
}

function isWriteCall(sc: PySourceCode, call: PyNode): boolean {
  const name = calleeName(call) ?? '';
  const qn = sc.qualifiedName(calleeOf(call)!);
  if (qn === 'shutil.copyfileobj') return true;
  if (name === 'write' || name === 'writelines' || name === 'write_bytes' || name === 'write_text') return calleeOf(call)?.type === 'attribute';
  return false;
}

/** For `f.write(...)` where `f` comes from `with open(path, "wb") as f` / `f = open(...)`, the path node. */
function writeDestination(sc: PySourceCode, call: PyNode): PyNode | undefined {
  const name = calleeName(call) ?? '';
  let recv = receiverOf(call);
  if (sc.qualifiedName(calleeOf(call)!) === 'shutil.copyfileobj') recv = sc.argument(call, { position: 1 }) ?? null;
  if (!recv) return undefined;
  if (name === 'write_bytes' || name === 'write_text') return recv;
  const opener = recv.type === 'call' ? recv : recv.type === 'identifier' ? valuesOf(sc, recv).find((v) => v.type === 'call') : undefined;
  if (!opener) return undefined;
  const oq = sc.qualifiedName(calleeOf(opener)!) ?? calleeOf(opener)?.text;
  if (oq === 'open' || oq === 'builtins.open' || oq === 'io.open' || oq === 'aiofiles.open') return sc.argument(opener, { name: 'file' }) ?? sc.argument(opener, { position: 0 });
  if (calleeName(opener) === 'open' && receiverOf(opener)) return receiverOf(opener) ?? undefined;
  return undefined;
}

/**
 * The archive readers that unpack what they are given (`tarfile.open(fileobj=r.raw, mode="r|")`,
 * `zipfile.ZipFile(io.BytesIO(r.content))`, `shutil.unpack_archive(path, dest)`), each with its archive
 * argument (name and position, from the library's signature) and the argument that may give a mode.
 */
const EXTRACTORS: Array<{ re: RegExp; archive: { name: string; position: number }[]; mode?: { name: string; position: number }; dest?: { name: string; position: number } }> = [
  { re: /^tarfile\.(?:open|TarFile(?:\.open)?)$/, archive: [{ name: 'fileobj', position: 2 }, { name: 'name', position: 0 }], mode: { name: 'mode', position: 1 } },
  { re: /^zipfile\.(?:ZipFile|PyZipFile)$/, archive: [{ name: 'file', position: 0 }], mode: { name: 'mode', position: 1 } },
  { re: /^shutil\.unpack_archive$/, archive: [{ name: 'filename', position: 0 }], dest: { name: 'extract_dir', position: 1 } },
];

/**
 * A call that unpacks an archive whose bytes `isTainted` says are the download's (its archive argument,
 * not any argument), opened for reading (`tarfile.open(..., mode="w")` writes one): the archive reader of
 * `EXTRACTORS`.
 */
function extractorCall(sc: PySourceCode, call: PyNode, isTainted: (arg: PyNode) => boolean): (typeof EXTRACTORS)[number] | undefined {
  const qn = sc.qualifiedName(calleeOf(call)!);
  const spec = qn ? EXTRACTORS.find((e) => e.re.test(qn)) : undefined;
  if (!spec) return undefined;
  if (spec.mode) {
    const mode = sc.argument(call, spec.mode);
    const m = mode ? sc.constant(mode) : undefined;
    if (typeof m === 'string' && !/^r/.test(m)) return undefined;
  }
  return spec.archive.some((a) => {
    const arg = sc.argument(call, a);
    return !!arg && isTainted(arg);
  }) ? spec : undefined;
}

/** The directory an archive reader unpacks into: `extract_dir` of `unpack_archive`, or the `path` of an `extractall`/`extract` on the archive, chained or through the name it is bound to (`as tar`, `file = tarfile.open(...)`). */
/**
 * Whether the archive an extractor opened is unpacked, and where: `shutil.unpack_archive` always; an
 * archive that `extractall`/`extract` is called on, chained or through the name it is bound to
 * (`z = zipfile.ZipFile(...)`, `with tarfile.open(...) as tar`). `undefined` when it is only opened
 * (`zipfile.ZipFile(io.BytesIO(r.content)).namelist()` writes nothing).
 */
function extraction(sc: PySourceCode, call: PyNode, spec: (typeof EXTRACTORS)[number]): { dest: PyNode | undefined } | undefined {
  if (spec.dest) return { dest: sc.argument(call, spec.dest) };
  const pathOf = (c: PyNode): { dest: PyNode | undefined } | undefined => {
    const method = calleeName(c);
    if (method === 'extractall') return { dest: sc.argument(c, { name: 'path', position: 0 }) ?? undefined };
    if (method === 'extract') return { dest: sc.argument(c, { name: 'path', position: 1 }) ?? undefined };
    return undefined;
  };
  // `tarfile.open(...).extractall(d)`
  const attr = call.parent;
  if (attr?.type === 'attribute' && same(attr.childForFieldName('object'), call) && attr.parent?.type === 'call') return pathOf(attr.parent);
  // the name the archive is bound to
  let alias: string | undefined;
  if (attr?.type === 'assignment' && same(attr.childForFieldName('right'), call) && attr.childForFieldName('left')?.type === 'identifier') alias = attr.childForFieldName('left')!.text;
  if (attr?.type === 'as_pattern' && same(attr.namedChildren[0], call)) {
    const a = attr.childForFieldName('alias');
    const id = a?.type === 'identifier' ? a : a?.namedChildren.length === 1 && a.namedChildren[0].type === 'identifier' ? a.namedChildren[0] : undefined;
    alias = id?.text;
  }
  if (!alias) return undefined;
  const fn = sc.enclosingFunction(call);
  const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : fn;
  if (!body) return undefined;
  let found: { dest: PyNode | undefined } | undefined;
  const visit = (n: PyNode): boolean => {
    if (found || n.type !== 'call') return !!found;
    const recv = receiverOf(n);
    if (recv?.type !== 'identifier' || recv.text !== alias) return false;
    found = pathOf(n);
    return !!found;
  };
  const stmt = statementOf(call);
  walkBody(stmt, visit);
  if (!found) walkAfter(body, stmt, visit);
  return found;
}

function refersTo(sc: PySourceCode, node: PyNode | null | undefined, names: Set<string>): boolean {
  return !!node && names.size > 0 && identifiersIn(node, sc).some((n) => names.has(n));
}

/** Openers of a file by its path: what they give holds the file's bytes, not those of the path's expression. */
const FILE_OPENER = /^(?:builtins\.)?open$|^(?:io|codecs|aiofiles)\.open$/;

/**
 * Does the context manager of a `with` item hold the downloaded bytes (`tainted` names): an expression that
 * reads them (`r.raw`, `io.BytesIO(r.content)`, `tqdm.wrapattr(response.raw, "read", …)`), not a file opened
 * by a path built from the response (`open(r.headers["name"], "wb")`, `Path(name).open("wb")`).
 */
function carriesBytes(sc: PySourceCode, value: PyNode, tainted: Set<string>): boolean {
  if (!refersTo(sc, value, tainted)) return false;
  if (value.type !== 'call') return true;
  const callee = calleeOf(value);
  if (!callee) return true;
  if (FILE_OPENER.test(sc.qualifiedName(callee) ?? callee.text)) return false;
  // `Path(p).open("wb")`, `dest.open("wb")` of a path
  return !(callee.type === 'attribute' && sc.instanceQualifiedNames(callee).some((q) => PATH_OPEN.test(q)));
}

const PATH_OPEN = /^pathlib\.(?:Pure)?(?:Posix|Windows)?Path\.open$/;

/** Where the downloaded value goes: saved to a file or handed to a model loader, in the same function. */
export function downloadSink(sc: PySourceCode, dl: RawDownload): Sink | undefined {
  const call = dl.call;
  if (dl.savesDirectly) return { kind: 'saved', node: call, dest: dl.destNode };
  // nested: f.write(requests.get(u).content), torch.load(io.BytesIO(urlopen(u).read()))
  for (let p = call.parent; p && !same(p, statementOf(call).parent); p = p.parent) {
    if (p.type !== 'call') continue;
    const recv = receiverOf(p);
    if (recv && isInside(call, recv)) continue; // response.method(...)
    if (isWriteCall(sc, p)) return { kind: 'saved', node: p, dest: writeDestination(sc, p) };
    if (loadsModel(sc, p, (arg) => isInside(call, arg))) return { kind: 'loaded', node: p };
    // unpacked as it arrives: `tarfile.open(fileobj=urlopen(u), mode="r|gz")`, `zipfile.ZipFile(io.BytesIO(get(u).content))`
    const spec = extractorCall(sc, p, (arg) => isInside(call, arg));
    const unpacked = spec && extraction(sc, p, spec);
    if (unpacked) return { kind: 'saved', node: p, dest: unpacked.dest };
  }
  const stmt = statementOf(call);
  const tainted = new Set<string>();
  const asg = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
  if (asg?.type === 'assignment') for (const n of targetNames(asg.childForFieldName('left'))) tainted.add(n);
  if (stmt.type === 'with_statement' || stmt.type === 'async_with_statement' || stmt.parent?.type === 'with_statement') {
    const w = stmt.type.endsWith('with_statement') ? stmt : stmt.parent!;
    for (const item of w.descendantsOfType('as_pattern')) {
      if (!isInside(call, item)) continue;
      const alias = item.childForFieldName('alias');
      if (alias) for (const n of identifiersIn(alias)) tainted.add(n);
    }
  }
  if (!tainted.size) return undefined;
  const fn = sc.enclosingFunction(call);
  const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : fn;
  if (!body) return undefined;
  let found: Sink | undefined;
  // the download's own statement (a `with` body), then what follows it: never the code before it
  // (each download used to walk its whole function: quadratic in a function of many downloads)
  const visit = (n: PyNode): void => {
    if (found || n.startIndex < stmt.startIndex) return;
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const right = n.childForFieldName('right');
      if (right && refersTo(sc, right, tainted) && !isInside(call, right)) for (const l of targetNames(n.childForFieldName('left'))) tainted.add(l);
      return;
    }
    if (n.type === 'for_statement' && refersTo(sc, n.childForFieldName('right'), tainted)) {
      for (const l of targetNames(n.childForFieldName('left'))) tainted.add(l);
      return;
    }
    // a `with` item that wraps the response (`with tqdm.wrapattr(response.raw, "read") as raw`,
    // `with io.BytesIO(r.content) as buf`, `with r.raw as raw`): its alias carries the bytes (review science P2-1)
    if (n.type === 'as_pattern' && n.parent?.type === 'with_item') {
      const value = n.namedChildren[0];
      const alias = n.childForFieldName('alias');
      if (value && alias && !isInside(call, value) && carriesBytes(sc, value, tainted)) for (const l of identifiersIn(alias)) tainted.add(l);
      return;
    }
    if (n.type === 'call' && !same(n, call)) {
      const args = n.childForFieldName('arguments');
      if (!refersTo(sc, args, tainted)) return;
      if (isWriteCall(sc, n)) found = { kind: 'saved', node: n, dest: writeDestination(sc, n) };
      else if (loadsModel(sc, n, (arg) => refersTo(sc, arg, tainted))) found = { kind: 'loaded', node: n };
      else {
        // an archive reader fed the response (`tarfile.open(fileobj=r.raw, mode="r|")`): what it unpacks is saved
        const spec = extractorCall(sc, n, (arg) => refersTo(sc, arg, tainted));
        const unpacked = spec && extraction(sc, n, spec);
        if (unpacked) found = { kind: 'saved', node: n, dest: unpacked.dest };
      }
    }
  };
  visit(stmt);
  walkBody(stmt, visit);
  if (!found) walkAfter(body, stmt, (n) => {
    visit(n);
    return !!found;
  });
  return found;
}

/**
 * The file a download saved (`sink.dest`, a name or an expression) is handed to a model loader (`LOADER`, or
 * as the model of a gradient-boosting loader: `gbdtModelArgument`) later in the same function, spelled the same:
 * `urlretrieve(url, cached_file)` … `torch.load(cached_file)`, `urlretrieve(URL, "ctr.txt")` …
 * `lgb.Booster(model_file="ctr.txt")` (a string by its value).
 */
function savedFileLoaded(sc: PySourceCode, sink: Sink): boolean {
  const dest = sink.dest;
  if (!dest || dest.text.length > 200) return false;
  const fn = sc.enclosingFunction(sink.node);
  const last = loadedFiles(sc, fn).get(fileKey(sc, dest));
  return last !== undefined && last > statementOf(sink.node).endIndex;
}

/** How `loadedFiles` names a file: a string literal by its value (`"m.txt"` and `'m.txt'` are one file), anything else as written. */
function fileKey(sc: PySourceCode, node: PyNode): string {
  if (node.type === 'string') {
    const c = sc.constant(node);
    if (typeof c === 'string') return `=${c}`;
  }
  return node.text;
}

/** `loadedFiles` per file, by function. */
const loadedFilesCache = new WeakMap<object, Map<number, Map<string, number>>>();

/**
 * The first arguments of the model loaders called in a function (its own body, as `walkBody` sees it), and
 * the model arguments of its gradient-boosting loaders, as written (`fileKey`), each with where its last such call starts: found once per function, so that each download of a
 * function asks in constant time.
 */
function loadedFiles(sc: PySourceCode, fn: PyNode): Map<string, number> {
  let byFunction = loadedFilesCache.get(sc);
  if (!byFunction) loadedFilesCache.set(sc, (byFunction = new Map()));
  let files = byFunction.get(fn.id);
  if (files) return files;
  files = new Map();
  const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : fn;
  if (body) {
    walkBody(body, (n) => {
      if (n.type !== 'call' || !calleeOf(n)) return;
      const first = LOADER.test(sc.qualifiedName(calleeOf(n)!) ?? '') ? (sc.argument(n, { position: 0 }) ?? argList(n)[0]) : (gbdtModelArgument(sc, n) ?? edgeModelArguments(sc, n)?.[0]);
      if (!first) return;
      if (first.text.length > 200) return;
      const key = fileKey(sc, first);
      files!.set(key, Math.max(files!.get(key) ?? -1, n.startIndex));
    });
  }
  byFunction.set(fn.id, files);
  return files;
}

/** A function that checks by its name (`verify_checksum(path, SHA)`, `check_integrity(f)`, `hash_matches(...)`). */
const VERIFY_NAME = /(?:^|_)(?:verify|verified|check|validate)(?:_|$).*(?:hash|sum|sha|md5|digest|integrity|signature|model|download|weights)|hash_?(?:check|matches)|integrity/i;
/** What a name says a function checks when it is not a digest (`validate_model_path`, `check_model_exists`). */
const CHECKS_OTHER = /(?:path|paths|dir|directory|file|files|exists?|format|type|shape|name|config|input|output|args?|params?)$/i;
const DIGEST_WORDS = /hash|sum|sha|md5|digest|integrity|signature/i;

/** A checking function by its name, in either spelling (`verify_checksum`, `verifyChecksum`), not one that checks a path or a format. */
function isVerifyName(name: string): boolean {
  const snake = snakeCase(name);
  if (!VERIFY_NAME.test(snake)) return false;
  return DIGEST_WORDS.test(snake) || !CHECKS_OTHER.test(snake);
}

/** A function that computes a digest by its name (`sha256(path)`, `file_checksum(p)`): a check only when compared. */
const DIGEST_NAME = /checksum|sha256|sha512|sha1|md5|digest|hash_?(?:file|prefix)/i;
/** Digest APIs by qualified name; pooch's `file_hash(fname, alg="sha256")` computes a file's digest too. */
const DIGEST_API = /^(?:hashlib|hmac|xxhash|blake3|zlib\.crc32|binascii\.crc32)\b|^pooch(?:\.hashes|\.utils)?\.file_hash$/;

/**
 * The hash comparisons in the function, or in a same-file function it calls (two levels): a checking
 * function by its name, or a digest (`hashlib…`, `.hexdigest()`, a helper that computes one) that is
 * compared (`==`, `!=`, `in`, `hmac.compare_digest`, a prefix check `.startswith(expected)`), directly or through the name it is assigned
 * to. A digest that is only printed or used as a cache key checks nothing. Each check is given as the
 * call that reads the bytes it checks: the checking call (`verify_checksum(path, SHA)`, a same-file
 * helper that checks, `sha256sum -c`), or the digest computed (`hashlib.sha256(f.read())`, `_md5(dst)`).
 */
export function hashChecks(sc: PySourceCode, fn: PyNode, depth = 0, path = new Set<number>(), walk?: { cut: boolean }): PyNode[] {
  if (path.has(fn.id)) return [];
  if (depth > 2) {
    // a helper past the bound that may check (`h2` → `h1` → `h0`, which compares a digest): not known either way
    if (walk && mayCheck(fn)) walk.cut = true;
    return [];
  }
  const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : fn;
  if (!body) return [];
  path.add(fn.id);
  const checks: PyNode[] = [];
  /** Names a digest is assigned to, with the digests. */
  const digests = new Map<string, PyNode[]>();
  walkBody(body, (n) => {
    if (n.type !== 'call') return;
    const callee = calleeOf(n);
    const qn = callee ? sc.qualifiedName(callee) : undefined;
    const name = calleeName(n) ?? '';
    if (isVerifyName(name)) {
      // a same-file checker that answers with a bool, called with its answer thrown away, checks nothing
      // (an external `verify_*` usually raises: trusted)
      const local = sc.localFunction(n);
      if (local && answerDiscarded(sc, n, local)) return;
      checks.push(n);
      return;
    }
    // `sha256sum -c` in a command checks; `sha256sum file` computes a digest (checked when compared)
    const shellSum = runsCommand(sc, n, qn) ? shellChecksum(sc, n) : undefined;
    if (shellSum === 'check') {
      checks.push(n);
      return;
    }
    let digest = shellSum === 'digest' || isDigestCall(qn, name) || DIGEST_NAME.test(name);
    if (!digest) {
      const local = sc.localFunction(n);
      if (!local) return;
      if (hashChecks(sc, local, depth + 1, path, walk).length) {
        // `check(dst, SHA)` whose `return sha256(...) == expected` is thrown away (review hardened P2-1)
        if (answerDiscarded(sc, n, local)) return;
        checks.push(n);
        return;
      }
      digest = computesDigest(sc, local);
    }
    if (!digest) return;
    if (isCompared(sc, n)) checks.push(n);
    else {
      const stmt = statementOf(n);
      const asg = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
      if (asg?.type === 'assignment' && isInside(n, asg.childForFieldName('right') ?? asg)) {
        for (const t of targetNames(asg.childForFieldName('left'))) digests.set(t, [...(digests.get(t) ?? []), n]);
      }
    }
  });
  path.delete(fn.id);
  if (digests.size === 0) return checks;
  // `digest = h.hexdigest()` … `if digest != EXPECTED: raise`
  const compared = new Set<string>();
  for (const n of body.descendantsOfType(['comparison_operator', 'call'])) {
    if (n.type === 'call' && !COMPARES.test(calleeName(n) ?? '')) continue;
    for (const id of identifiersIn(n, sc)) {
      if (!digests.has(id) || compared.has(id)) continue;
      // `digest != EXPECTED`, not `len(digest) != 64` nor `digest is None`
      if (n.type === 'call' || n.descendantsOfType('identifier').some((x) => x.text === id && comparesValue(sc, x, n))) compared.add(id);
    }
  }
  for (const id of compared) checks.push(...digests.get(id)!);
  return checks;
}

/** `answersOnly` per file, by function. */
const answersOnlyCache = new WeakMap<object, Map<number, boolean>>();

/** What a checker may do besides answering that acts on a mismatch by itself (deletes the file, exits). */
const ACTS_ON_MISMATCH = /^(?:remove|unlink|rmtree|exit|_exit|abort|kill)$/;

/**
 * Does a same-file function tell a match only by what it returns: its `return`s give a comparison or a
 * bool (`return sha256(...).hexdigest() == expected`, `return hmac.compare_digest(a, b)`, `return ok`,
 * `return False`), and it neither raises, asserts, nor acts on a mismatch itself (deletes the file,
 * exits)?
 */
function answersOnly(sc: PySourceCode, fn: PyNode): boolean {
  if (fn.type !== 'function_definition') return false;
  let byFunction = answersOnlyCache.get(sc);
  if (!byFunction) answersOnlyCache.set(sc, (byFunction = new Map()));
  const cached = byFunction.get(fn.id);
  if (cached !== undefined) return cached;
  const own = (n: PyNode): boolean => sc.enclosingFunction(n).id === fn.id;
  const values = sc.returnValues(fn);
  const answers =
    values.length > 0 &&
    values.every((v) => /^(?:comparison_operator|boolean_operator|not_operator|true|false|identifier|call)$/.test(v.type) && (v.type !== 'call' || /compare|match|equal|verify|check/i.test(calleeName(v) ?? ''))) &&
    !sc.descendants(fn, 'raise_statement').some(own) &&
    !sc.descendants(fn, 'assert_statement').some(own) &&
    !sc.descendants(fn, 'call').some((c) => own(c) && ACTS_ON_MISMATCH.test(calleeName(c) ?? ''));
  byFunction.set(fn.id, answers);
  return answers;
}

/** Is the call of the same-file checker `local` a statement of its own (`check(dst, SHA)`), its answer (`answersOnly`) thrown away? */
function answerDiscarded(sc: PySourceCode, call: PyNode, local: PyNode): boolean {
  let top: PyNode = call;
  while (top.parent && (top.parent.type === 'await' || top.parent.type === 'parenthesized_expression')) top = top.parent;
  const stmt = top.parent;
  if (stmt?.type !== 'expression_statement' || stmt.namedChildren.filter((c) => c && c.type !== 'comment').length !== 1) return false;
  return answersOnly(sc, local);
}

/** What a function's text says when it may compare a digest (`MAY_CHECK`): read of a helper past `hashChecks`'s bound only. */
const MAY_CHECK = /hashlib|hmac|digest|sha\d|md5|checksum|crc32|blake|verif|integrity/i;

/** Does the text of a function past `hashChecks`'s depth bound speak of digests or checks (so that it may be one)? */
function mayCheck(fn: PyNode): boolean {
  const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : undefined;
  return !!body && body.endIndex - body.startIndex <= 20_000 && MAY_CHECK.test(body.text);
}

/** A hash comparison in the function, or in a same-file function it calls (see `hashChecks`). */
export function hasHashCheck(sc: PySourceCode, fn: PyNode): boolean {
  return hashChecks(sc, fn).length > 0;
}

/**
 * What identifies the bytes of one download in its function: the download call (its result, and every
 * name bound to it), the expressions that name the file it writes (`urlretrieve(url, dst)`, `open(dst,
 * "wb")`, `download_url_to_file(url, dst)`) and their known values (`"weights.pt"`).
 */
export interface DownloadBytes {
  call: PyNode;
  files: PyNode[];
  fileValues: string[];
}

/** The library helpers that download a file, with the argument that names the file they write. */
const LIBRARY_DOWNLOADS: Array<{ re: RegExp; file?: { name: string; position: number } }> = [
  { re: /^torch\.hub\.download_url_to_file$/, file: { name: 'dst', position: 1 } },
  { re: /^torch\.(?:hub|utils\.model_zoo)\.(?:load_state_dict_from_url|load_url)$/ },
  { re: KERAS_GET_FILE, file: { name: 'fname', position: 0 } },
  // pooch's `retrieve(url, known_hash, fname=None, path=None, processor=None, downloader=None)`; it returns the saved path
  { re: /^pooch(?:\.core)?\.retrieve$/, file: { name: 'fname', position: 2 } },
  // torchvision's `download_url(url, root, filename=None, md5=None)` and `download_file_from_google_drive(file_id,
  // root, filename=None, md5=None)`, `download_and_extract_archive(url, download_root, extract_root=None,
  // filename=None, md5=None)` (also imported into torchgeo.datasets.utils): the file is `root/filename`
  { re: /^(?:torchvision|torchgeo)\.datasets\.utils\.(?:download_url|download_file_from_google_drive)$/, file: { name: 'filename', position: 2 } },
  { re: /^(?:torchvision|torchgeo)\.datasets\.utils\.download_and_extract_archive$/, file: { name: 'filename', position: 3 } },
  // PyG's `download_url(url, folder, log=True, filename=None)` (the file is `folder/filename`) and DGL's
  // `download(url, path=None, overwrite=True, sha1_hash=None, …)` (`path` a file or a folder); both return the path
  { re: /^torch_geometric\.data\.(?:download\.)?download_url$/, file: { name: 'filename', position: 3 } },
  { re: /^dgl\.data\.(?:utils\.)?download$/, file: { name: 'path', position: 1 } },
];

/**
 * The bytes a call downloads, when it is a download: a raw download (`rawDownload`, with where its
 * value is written), a library helper (`download_url_to_file`, `get_file`, `load_state_dict_from_url`),
 * or a call of a same-file function that downloads (its arguments name what it fetches and writes).
 */
export function downloadBytesOf(sc: PySourceCode, call: PyNode, raw: (call: PyNode) => RawDownload | undefined = (c) => rawDownload(sc, c)): DownloadBytes | undefined {
  const dl = raw(call);
  if (dl) return rawDownloadBytes(sc, dl, downloadSink(sc, dl));
  const fn = calleeOf(call);
  const qn = fn ? sc.qualifiedName(fn) : undefined;
  const lib = qn ? LIBRARY_DOWNLOADS.find((l) => l.re.test(qn)) : undefined;
  if (lib) {
    return downloadBytes(sc, call, [lib.file ? (sc.argument(call, { name: lib.file.name }) ?? sc.argument(call, { position: lib.file.position })) : undefined]);
  }
  const local = sc.localFunction(call);
  if (local?.type === 'function_definition' && sc.callsIn(local).some((c) => raw(c) || LIBRARY_DOWNLOADS.some((l) => l.re.test(sc.qualifiedName(calleeOf(c)!) ?? '')))) {
    return downloadBytes(sc, call, argList(call).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a)).filter((n): n is PyNode => !!n && n.type !== 'list_splat' && n.type !== 'dictionary_splat'));
  }
  return undefined;
}

/** The bytes a download call writes to the file named by `files` (a helper's destination argument), or returns. */
export function downloadBytes(sc: PySourceCode, call: PyNode, files: Array<PyNode | undefined>): DownloadBytes {
  const known = files.filter((n): n is PyNode => !!n);
  return { call, files: known, fileValues: fileValuesOf(sc, known) };
}

/** The bytes of a raw download, with where its value goes (`downloadSink`). */
export function rawDownloadBytes(sc: PySourceCode, dl: RawDownload, sink: Sink | undefined): DownloadBytes {
  const files = [dl.destNode, sink?.dest].filter((n): n is PyNode => !!n);
  return { call: dl.call, files, fileValues: fileValuesOf(sc, files, dl.dest) };
}

function fileValuesOf(sc: PySourceCode, files: PyNode[], known?: Resolved): string[] {
  const out: string[] = [];
  if (known?.kind === 'string') out.push(known.value);
  for (const f of files) {
    const c = sc.constant(f);
    if (typeof c === 'string') out.push(c);
  }
  return out;
}

/**
 * Checks whether a download's bytes are compared with a hash in `fn`: a check (`hashChecks`) counts
 * for it when it reads this download's bytes, or when it reads those of no download
 * of the function (`verify_all()`, a digest of a value the analysis cannot follow): a comparison of
 * another download's file or value does not protect this one. Kept per function.
 *
 * A download whose own command checks what it fetched (`aria2c --checksum=sha-256=… URL`) is verified by
 * that call at once, and such a call is no check of any other download: it never enters the pairing.
 * A check reads a download's bytes when it derives from the download call itself, the file it writes (the
 * same variable or attribute path, or the same known name), or a name bound to one of those (`data =
 * r.content`, `with open(dst, "rb") as f`): the semantic model's `derivesFrom`. The pairing of the
 * other checks with the downloads is indexed once per function: each check asks which downloads it
 * reads by halving the set of all of them (`derivesFrom` is a disjunction over its
 * sources), so a check that reads none costs one question; each download then looks only at the
 * checks that read it and at those that read none, the ones after it first. A function of thousands of
 * `curl -o` and `sha256sum -c` pairs, or of aria2c commands, stays near linear (5.6 s per 1,000 pairs,
 * and 15 s for 2,000 aria2c lines, before).
 */
export function downloadVerifier(sc: PySourceCode, raw: (call: PyNode) => RawDownload | undefined = (c) => rawDownload(sc, c)) {
  const checks = new Map<number, PyNode[]>();
  const downloads = new Map<number, DownloadBytes[]>();
  /** Every check of `fn`, self-checking downloads included (`anyCheck`). */
  /** Functions whose check walk stopped at its depth bound at a helper that may check (`hashChecks`'s `walk.cut`). */
  const cut = new Set<number>();
  const checksIn = (fn: PyNode): PyNode[] => {
    let v = checks.get(fn.id);
    if (!v) {
      const walk = { cut: false };
      checks.set(fn.id, (v = hashChecks(sc, fn, 0, new Set(), walk)));
      if (walk.cut) cut.add(fn.id);
    }
    return v;
  };
  /** `decoratorChecks` per decorated function (by id), `wrapperChecks` per decorator (by `-1 - id`). */
  const decoratorVerdicts = new Map<number, boolean>();
  const selfChecks = new Map<number, boolean>();
  const selfChecking = (call: PyNode): boolean => {
    let v = selfChecks.get(call.id);
    if (v === undefined) selfChecks.set(call.id, (v = checksOwnDownload(sc, call)));
    return v;
  };
  const downloadsIn = (fn: PyNode): DownloadBytes[] => {
    let v = downloads.get(fn.id);
    if (!v) {
      v = [];
      for (const c of sc.callsIn(fn)) {
        const d = downloadBytesOf(sc, c, raw);
        if (d) v.push(d);
      }
      downloads.set(fn.id, v);
    }
    return v;
  };
  /** Per function: the checks (by position) that read no download's bytes, and per download call the checks that read its bytes. */
  const indexes = new Map<number, { blind: PyNode[]; readers: Map<number, PyNode[]> }>();
  const indexOf = (fn: PyNode) => {
    let index = indexes.get(fn.id);
    if (index) return index;
    index = { blind: [], readers: new Map() };
    const all = downloadsIn(fn);
    // what a check could match of a download (`derivesFrom`): the download's nodes, the references and the
    // known names of the files it writes; each check asks only about the downloads that share a key with it
    const byKey = new Map<string, number[]>();
    all.forEach((d, i) => {
      const keys = new Set<string>();
      for (const n of [d.call, ...d.files]) {
        keys.add(`#${n.id}`);
        const ref = referenceKey(n);
        if (ref) keys.add(ref);
        const c = sc.constant(n);
        if (typeof c === 'string') keys.add(`=${c}`);
      }
      for (const v of d.fileValues) keys.add(`=${v}`);
      for (const k of keys) {
        const list = byKey.get(k);
        if (list) list.push(i);
        else byKey.set(k, [i]);
      }
    });
    const sourcesOf = (ids: number[]) => ids.flatMap((i) => [all[i].call, ...all[i].files]);
    const valuesOf = (ids: number[]) => ids.flatMap((i) => all[i].fileValues);
    /** The downloads among `ids` whose bytes `check` reads: one question for them all, then each half of a set that answers yes. */
    const read = (check: PyNode, ids: number[], out: number[]): void => {
      if (!ids.length || !sc.derivesFrom(check, sourcesOf(ids), { values: valuesOf(ids) })) return;
      if (ids.length === 1) {
        out.push(ids[0]);
        return;
      }
      const mid = ids.length >> 1;
      read(check, ids.slice(0, mid), out);
      read(check, ids.slice(mid), out);
    };
    const keyMemo = new Map<number, Set<string>>();
    for (const check of checksIn(fn)) {
      if (selfChecking(check)) continue;
      const candidates = new Set<number>();
      for (const k of derivationKeys(sc, check, keyMemo)) for (const i of byKey.get(k) ?? []) candidates.add(i);
      const out: number[] = [];
      read(check, [...candidates].sort((a, b) => a - b), out);
      if (!out.length) index.blind.push(check);
      for (const i of out) {
        const list = index.readers.get(all[i].call.id);
        if (list) list.push(check);
        else index.readers.set(all[i].call.id, [check]);
      }
    }
    index.blind.sort((a, b) => a.startIndex - b.startIndex);
    indexes.set(fn.id, index);
    return index;
  };
  /**
   * Does one of `candidates` (by position) run after the download call (`neverRunsAfter`)? Those after it
   * first. Those before it are skipped at once when it lies in no loop of `fn` and the one just before it
   * never runs after it: then none of them does (straight-line code of a function that does not call itself).
   */
  const runsAfterOne = (candidates: PyNode[], call: PyNode, fn: PyNode): boolean => {
    let first = 0;
    for (let lo = 0, hi = candidates.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (candidates[mid].endIndex <= call.startIndex) lo = first = mid + 1;
      else hi = mid;
    }
    for (let i = first; i < candidates.length; i++) if (!sc.neverRunsAfter(candidates[i], call)) return true;
    if (first === 0) return false;
    if (!sc.neverRunsAfter(candidates[first - 1], call)) return true;
    if (straightLine(call, fn)) return false;
    for (let i = first - 2; i >= 0; i--) if (!sc.neverRunsAfter(candidates[i], call)) return true;
    return false;
  };
  return {
    /** `fn` (or a same-file function it calls) compares a hash of something. */
    anyCheck: (fn: PyNode): boolean => checksIn(fn).length > 0,
    /**
     * The search for the checks of `fn` stopped at its depth bound at a same-file helper that may compare a
     * digest (three calls deep: `if not h2(p): raise`, `h2` → `h1` → `h0`): a download it finds unverified may be
     * verified there, so it is reported below full confidence.
     */
    undecided: (fn: PyNode): boolean => {
      checksIn(fn);
      return cut.has(fn.id);
    },
    /** `fn` compares a hash of this download's bytes, or of no download's bytes. */
    verified(d: DownloadBytes, fn: PyNode = sc.enclosingFunction(d.call)): boolean {
      // the download's own command checks what it fetched (`aria2c --checksum=sha-256=…`)
      if (selfChecking(d.call)) return true;
      // a check verifies this download when it reads its bytes, or reads no download's bytes at all, and
      // runs after it (not a comparison of the file already there, on another branch: `neverRunsAfter`)
      const { blind, readers } = indexOf(fn);
      const mine = readers.get(d.call.id);
      return (!!mine && runsAfterOne(mine, d.call, fn)) || runsAfterOne(blind, d.call, fn) || decoratorChecks(fn);
    },
  };

  /**
   * A same-file decorator applied to `fn` whose wrapper compares a hash after calling the function it wraps
   * (`@verified(SHA)` with `def wrapper(*a, **k): path = fn(*a, **k)` then `if sha256(...) != SHA: raise`;
   * review hardened P3-4). Its factories and wrappers are the functions nested in the decorator (a bounded few).
   */
  function decoratorChecks(fn: PyNode): boolean {
    const decorated = fn.type === 'function_definition' ? fn.parent : undefined;
    if (decorated?.type !== 'decorated_definition') return false;
    let v = decoratorVerdicts.get(fn.id);
    if (v !== undefined) return v;
    v = false;
    for (const dec of decorated.namedChildren) {
      if (v || dec?.type !== 'decorator') continue;
      const expr = dec.namedChildren.find((c) => c && c.type !== 'comment');
      const local = expr ? sc.localFunction(expr) : undefined;
      if (!local || local.id === fn.id) continue;
      v = wrapperChecks(local);
    }
    decoratorVerdicts.set(fn.id, v);
    return v;
  }

  /** Does a function nested in the decorator `local` (a bounded few) compare a hash after calling the function it wraps? Once per decorator. */
  function wrapperChecks(local: PyNode): boolean {
    let v = decoratorVerdicts.get(-1 - local.id);
    if (v !== undefined) return v;
    v = false;
    for (const w of sc.descendants(local, 'function_definition').slice(0, 8)) {
      // the call of the wrapped function: a name that is a parameter of a function around the wrapper
      const wrapped = sc.callsIn(w).find((c) => {
        const callee = calleeOf(c);
        const param = callee?.type === 'identifier' ? sc.parameterOf(callee) : undefined;
        return !!param && param.function.id !== w.id && isInside(w, param.function);
      });
      if (wrapped && checksIn(w).some((c) => c.startIndex > wrapped.endIndex)) {
        v = true;
        break;
      }
    }
    decoratorVerdicts.set(-1 - local.id, v);
    return v;
  }
}

/**
 * A call that runs a command checking the very file it downloads: aria2c given its digest
 * (`aria2c --checksum=sha-256=<hex> URL`).
 */
function checksOwnDownload(sc: PySourceCode, call: PyNode): boolean {
  if (call.type !== 'call' || !calleeOf(call) || !runsCommand(sc, call)) return false;
  const tokens = callCommandTokens(sc, call);
  return !!tokens && ariaChecksum(tokens);
}

/** An aria2c command line given the digest of what it downloads (`--checksum=sha-256=<hex>`, `--checksum sha-256=<hex>`). */
function ariaChecksum(tokens: Array<string | undefined>): boolean {
  const aria = tokens.findIndex((t) => !!t && /^(?:.*\/)?aria2c$/.test(t));
  return aria >= 0 && tokens.slice(aria + 1).some((t, j, rest) => (!!t && /^--checksum=\S+=\S+/.test(t)) || (t === '--checksum' && /^\S+=\S+/.test(rest[j + 1] ?? '')));
}

/**
 * What `derivesFrom(expr, sources)` may match, as keys: for each node lang-python's `derivedNodes` gives
 * (the nodes `derivesFrom` compares), its id (`#id`), its reference (`referenceKey`) and, for a string or a
 * name, its known string (`=text`). Kept per node.
 */
function derivationKeys(sc: PySourceCode, expr: PyNode, memo: Map<number, Set<string>>): Set<string> {
  let keys = memo.get(expr.id);
  if (keys) return keys;
  keys = new Set();
  for (const { node: n, type } of sc.derivedNodes(expr)) {
    keys.add(`#${n.id}`);
    const ref = referenceKey(n);
    if (ref) keys.add(ref);
    if (type === 'string' || type === 'identifier') {
      const c = sc.constant(n);
      if (typeof c === 'string') keys.add(`=${c}`);
    }
  }
  memo.set(expr.id, keys);
  return keys;
}

/**
 * A key two references `sameReference` may take for one share: a variable's name, an attribute's last
 * name, any subscript.
 */
function referenceKey(n: PyNode): string | undefined {
  if (n.type === 'identifier') return `$${n.text}`;
  if (n.type === 'attribute') return `.${n.childForFieldName('attribute')?.text ?? ''}`;
  if (n.type === 'subscript') return '[]';
  return undefined;
}

/** Does `call` lie in no loop (or lambda) between it and `fn`, so that code of `fn` before it never runs again after it? */
function straightLine(call: PyNode, fn: PyNode): boolean {
  for (let p = call.parent; p; p = p.parent) {
    if (same(p, fn)) return true;
    if (p.type === 'lambda' || p.type === 'function_definition' || LOOP_TYPES.has(p.type)) return false;
  }
  return false;
}

/** Nodes whose body may run again, as the semantic model's `neverRunsAfter` reads them: loops and comprehensions. */
const LOOP_TYPES = new Set(['for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** A checksum tool in a command run by `subprocess`/`os.system`: `check` with `-c`/`--check`, else `digest`. */
function shellChecksum(sc: PySourceCode, call: PyNode): 'check' | 'digest' | undefined {
  const tokens = callCommandTokens(sc, call);
  if (!tokens) return undefined;
  // aria2c given the digest of what it downloads (`--checksum=sha-256=<hex>`) checks it when it finishes
  if (ariaChecksum(tokens)) return 'check';
  const i = tokens.findIndex((t) => !!t && /^(?:.*\/)?(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum|cksum)$/.test(t));
  if (i < 0) return undefined;
  return tokens.slice(i + 1).some((t) => t === '-c' || t === '--check' || (!!t && /^-[a-z]*c[a-z]*$/.test(t))) ? 'check' : 'digest';
}

/** Calls that compare a digest: `hmac.compare_digest(d, SHA)`, and a prefix check (`d.startswith(SHA)`, as torch's `check_hash` does). */
const COMPARES = /^(?:compare_digest|startswith|endswith)$/;

/** Is this value compared right where it is computed (`h.hexdigest() != SHA`, `compare_digest(d, SHA)`, `.hexdigest().startswith(SHA)`)? */
function isCompared(sc: PySourceCode, node: PyNode): boolean {
  const stmt = statementOf(node);
  for (let p = node.parent; p && !same(p, stmt.parent); p = p.parent) {
    if (p.type === 'comparison_operator') return comparesValue(sc, node, p);
    if (p.type === 'call' && COMPARES.test(calleeName(p) ?? '')) return true;
  }
  return false;
}

/** Calls that measure a value rather than pass it on (`len(digest)`, `isinstance(digest, str)`). */
const MEASURES = /^(?:builtins\.)?(?:len|type|isinstance|bool|callable|id|hash)$/;

/**
 * Does the comparison `cmp` compare the digest `node` (inside it) with an expected value: not a measure of it
 * (`len(digest) != 64`), and not with a value that no digest is (`None`, `""`, a number, a boolean)?
 */
function comparesValue(sc: PySourceCode, node: PyNode, cmp: PyNode): boolean {
  const operands = cmp.namedChildren.filter((c) => c.type !== 'comment');
  const mine = operands.find((o) => isInside(node, o));
  if (!mine) return true;
  for (let p: PyNode | null = node.parent; p && !same(p, cmp); p = p.parent) {
    if (p.type === 'call' && MEASURES.test(sc.qualifiedName(calleeOf(p)!) ?? calleeOf(p)?.text ?? '')) return false;
  }
  return operands.some((o) => {
    if (same(o, mine)) return false;
    const v = sc.constant(o);
    return !(v === null || v === '' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean');
  });
}

/** Does a same-file function compute a digest (so that what it returns can be compared)? */
function computesDigest(sc: PySourceCode, fn: PyNode): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  return body.descendantsOfType('call').some((c) => {
    const callee = calleeOf(c);
    return isDigestCall(callee ? sc.qualifiedName(callee) : undefined, calleeName(c) ?? '');
  });
}

/** A call that computes a digest: `hashlib`/`hmac`/… by qualified name, or `.hexdigest()`, `.digest()`, `file_digest`. */
function isDigestCall(qn: string | undefined, name: string): boolean {
  return (qn !== undefined && DIGEST_API.test(qn)) || name === 'hexdigest' || name === 'digest' || name === 'file_digest';
}

/**
 * What a download's URL and destination say of the file: their known text (resolved values, literal
 * pieces). When each file name the URL may end in is known and evidently no model (`for fn in
 * ["vocab.txt", …]: get(base + fn)`, a helper's parameter given `"merges.txt"` by every call), those
 * names alone stand for the URL.
 */
function fileTexts(sc: PySourceCode, dl: Pick<RawDownload, 'urlNode' | 'url' | 'destNode' | 'dest'>, sink?: Sink, walk?: { cut: boolean }): { url: string[]; destination: string[] } {
  // what the destination says
  const destination: string[] = [];
  const dest = dl.dest ?? (sink?.dest ? resolve(sc, sink.dest) : undefined);
  if (dest && (dest.kind === 'string' || dest.kind === 'prefix')) destination.push(dest.value);
  if (dest && dest.kind === 'local' && dest.prefix) destination.push(dest.prefix);
  for (const n of [dl.destNode, sink?.dest]) {
    if (!n) continue;
    destination.push(...literalPieces(n, sc));
    // the file names it may end in (`os.path.join(out_dir, name)` with `for name in ["a.pth", "b.pth"]`)
    destination.push(...(fileNameValues(sc, n, 0, walk) ?? []).filter((f) => isModelFile(f)));
  }
  // what the URL says
  const files = dl.urlNode ? fileNameValues(sc, dl.urlNode, 0, walk) : undefined;
  const url: string[] = [];
  if (files?.length && files.every((f) => isNonModelFile(f) && !isModelFile(f))) url.push(...files);
  else {
    if (dl.url.kind === 'string' || dl.url.kind === 'prefix') url.push(dl.url.value);
    if (dl.urlNode) url.push(...literalPieces(dl.urlNode, sc));
    // model files among the names it may end in (`f"{BASE}/{file}"` with `for file in ["consolidated.00.pth", …]`)
    if (files) url.push(...files.filter((f) => isModelFile(f)));
  }
  return { url, destination };
}

/** Names a file of a known kind that is not a model (`isNonModelFile`) where none names a model file. */
function namesNoModel(texts: string[]): boolean {
  return !texts.some((s) => isModelFile(s)) && texts.some(isNonModelFile);
}

/**
 * A download of a file that is evidently no model: its URL or destination names a file of a kind
 * that is not a model (`iden_split.txt`, `index.html`, `table.csv`, `config.json`, a Hub dataset's
 * file) and neither names a model file. The one notion of "evidently not a model" of the rules that
 * report unverified downloads (raw downloads and library helpers alike).
 */
export function evidentlyNoModel(sc: PySourceCode, dl: Pick<RawDownload, 'urlNode' | 'url' | 'destNode' | 'dest'>, sink?: Sink): boolean {
  const { url, destination } = fileTexts(sc, dl, sink);
  return namesNoModel([...url, ...destination]);
}

/** Archives and compressed files, by the last extension (`flower_photos.tgz`, `aclImdb_v1.tar.gz`, `corpus.zip`). */
const ARCHIVE_FILE = /\.(?:zip|tar|tgz|tbz2?|txz|7z|rar|gz|bz2|xz|zst|lz4)$/i;
/**
 * Text and table data compressed or archived alone (`jena_climate_2009_2016.csv.zip`, `reviews.jsonl.gz`,
 * `corpus.txt.gz`, `train.tsv.tar.gz`): the compound extension says what is inside, as `resnet50_best.pth.tar` says a model.
 */
const PACKED_DATA = /\.(?:csv|tsv|txt|json|jsonl|ndjson|xml|parquet|tfrecords?)(?:\.tar)?\.(?:zip|tgz|gz|bz2|xz|zst|lz4|7z)$/i;

/**
 * A download whose file is evidently a dataset's archive (review keras P2-3), from the texts of its URL and file name
 * (`fileTexts`): `packed-data` when one names text or table data compressed alone (`jena_climate_2009_2016.csv.zip`),
 * `archive` when the file is an archive (`flower_photos.tgz`, `aclImdb_v1.tar.gz`); `undefined` when a text names a
 * model file or speaks of models or weights (`inception_v3_weights.tgz`), or names no archive. Only the file is read
 * here: what else says "model" (names, loaders, folders) is `modelEvidence`'s, which the caller asks first.
 */
export function datasetArchive(sc: PySourceCode, dl: Pick<RawDownload, 'urlNode' | 'url' | 'destNode' | 'dest'>): 'packed-data' | 'archive' | undefined {
  const { url, destination } = fileTexts(sc, dl, undefined);
  const files = [...url, ...destination].map((t) => t.replace(/[?#].*$/, '').trim()).filter(Boolean);
  if (!files.length || files.some((f) => isModelFile(f) || mentionsModel(f))) return undefined;
  if (files.some((f) => PACKED_DATA.test(f))) return 'packed-data';
  return files.some((f) => ARCHIVE_FILE.test(f)) ? 'archive' : undefined;
}

/** Evidence that a download is a model / weights file. */
export function modelEvidence(sc: PySourceCode, dl: RawDownload, sink: Sink | undefined): 'strong' | 'weak' | undefined {
  const { url, destination } = fileTexts(sc, dl, sink);
  const strs = [...url, ...destination];
  if (strs.some((s) => isModelFile(s))) return 'strong';
  if (sink?.kind === 'loaded') return 'strong';
  // the saved file handed to a model loader next (`urlretrieve(url, cached_file)` … `torch.load(cached_file)`)
  if (sink?.kind === 'saved' && savedFileLoaded(sc, sink)) return 'strong';
  // a known file that is not a model (`index.html`, `data.csv`) settles it
  if (namesNoModel(strs)) return undefined;
  // names: the URL and destination expressions, and the enclosing function (`def download_weights(url, dest)`)
  const fn = sc.enclosingFunction(dl.call);
  const fnName = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text ?? '' : '';
  const names = [dl.urlNode?.text ?? '', sink?.dest?.text ?? '', dl.destNode?.text ?? ''];
  // the destination's own assignment (`dest = os.path.join(model_dir, data["filename"])`)
  for (const n of [dl.destNode, sink?.dest]) if (n?.type === 'identifier') names.push(...boundValues(sc, n).map((v) => (v.text.length <= 200 ? v.text : '')));
  if (/download|fetch|pull|retrieve|install|get_/i.test(snakeCase(fnName)) && mentionsModel(fnName)) names.push(fnName);
  if (strs.some((s) => mentionsModel(s)) || names.some((t) => t && mentionsModel(t))) return 'weak';
  // a folder the web UIs keep models in (ComfyUI's `folder_paths`, A1111's `paths.models_path`)
  if ([dl.destNode, sink?.dest].some((n) => n && inModelFolder(sc, n))) return 'weak';
  return undefined;
}

/**
 * A download `modelEvidence` finds no evidence for because its walk stopped at the depth bound: the URL or
 * destination passed through more wrapper functions (or assignments) than are followed (`f0(url, dest)` →
 * `f1(u, d)` → … → `requests.get(u)`). Not when what is known names a file that is evidently no model.
 */
export function modelEvidenceCutShort(sc: PySourceCode, dl: RawDownload, sink: Sink | undefined): boolean {
  const walk = { cut: false };
  const { url, destination } = fileTexts(sc, dl, sink, walk);
  return walk.cut && !namesNoModel([...url, ...destination]);
}

/** The values a name is bound to when one assignment reaches it (none otherwise). */
function boundValues(sc: PySourceCode, node: PyNode): PyNode[] {
  const bound = sc.reachingBindings(node);
  return bound.length === 1 && bound[0].kind === 'assignment' && bound[0].value ? [bound[0].value] : [];
}

/**
 * The model folders of the Stable Diffusion web UIs: ComfyUI's `folder_paths` (`models_dir`,
 * `get_folder_paths("loras")`, `folder_names_and_paths[kind]`, `get_full_path(kind, name)`) and
 * A1111/Forge's `models_path` (`modules.paths`, `modules.shared`, `modules.paths_internal`).
 */
const MODEL_FOLDER = /^(?:folder_paths\.(?:models_dir|get_folder_paths|folder_names_and_paths|get_full_path(?:_or_raise)?)|modules\.(?:paths|paths_internal|shared)\.models_path)$/;
/** ComfyUI's folder kinds that hold no models (nodes' code, model configs). */
const NON_MODEL_FOLDER = /^(?:custom_nodes|configs)$/;

/**
 * Does a destination lie under a web UI's model folder (`MODEL_FOLDER`), written in it or reached through
 * the single assignment of a name in it (`dest = os.path.join(model_dir, name)`, `model_dir =
 * folder_paths.get_folder_paths(kind)[0]`) or the returns of a same-file function it calls? A bounded walk.
 */
function inModelFolder(sc: PySourceCode, node: PyNode, depth = 0, seen = new Set<number>()): boolean {
  if (depth > 3 || seen.has(node.id) || node.text.length > 400) return false;
  seen.add(node.id);
  const parts = [node, ...node.descendantsOfType(['identifier', 'attribute', 'call'])];
  for (const n of parts) {
    if (n.type === 'attribute' || (n.type === 'identifier' && n.parent?.type !== 'attribute')) {
      const qn = sc.qualifiedName(n);
      if (qn && MODEL_FOLDER.test(qn)) {
        // `get_folder_paths("custom_nodes")`, `folder_names_and_paths["configs"]`: no model folder
        const use = n.parent?.type === 'call' ? sc.argument(n.parent, { position: 0 }) : n.parent?.type === 'subscript' && same(n.parent.childForFieldName('value'), n) ? n.parent.childForFieldName('subscript') : undefined;
        const kind = use ? sc.constant(use) : undefined;
        if (!(typeof kind === 'string' && NON_MODEL_FOLDER.test(kind))) return true;
      }
      if (n.type === 'identifier' && boundValues(sc, n).some((v) => inModelFolder(sc, v, depth + 1, seen))) return true;
    } else if (n.type === 'call') {
      const local = sc.localFunction(n);
      const body = local?.type === 'function_definition' ? local.childForFieldName('body') : undefined;
      if (body && !seen.has(body.id)) {
        seen.add(body.id);
        const returns = body.descendantsOfType('return_statement').slice(0, 8);
        if (returns.some((r) => r.namedChildren[0] && inModelFolder(sc, r.namedChildren[0], depth + 1, seen))) return true;
      }
    }
  }
  return false;
}


/**
 * Literal parts of the strings inside an expression (`f"{name}.pt"` → `*.pt`), for file-name evidence;
 * with the semantic model, also the known text of the string the expression builds, followed through
 * the assignment of a name (`url = f"https://huggingface.co/{repo}/resolve/main/{f}"` … `get(url)` →
 * `https://huggingface.co/x/resolve/main/x`, the language's `stringPieces`), each unknown part a `*`.
 */
export function literalPieces(node: PyNode, sc?: PySourceCode): string[] {
  const strings = node.type === 'string' ? [node] : node.descendantsOfType('string');
  const out = strings.map((str) =>
    str.namedChildren
      .map((c) => (c.type === 'string_content' ? c.text : c.type === 'interpolation' ? '*' : ''))
      .join(''),
  );
  // (`stringPieces` also reads `os.path.join(base_url, voice, "en_US-" + voice + ".onnx")`)
  const known = sc?.stringPieces(node);
  if (known) out.push(known.join('*'));
  return out;
}

const PATH_JOIN = /^(?:os\.path|posixpath)\.join$/;
/** pathlib's path classes: `Path(a, b)` joins its arguments as `os.path.join` does. */
const PATH_CLASS = /^pathlib\.(?:Pure)?(?:Posix|Windows)?Path$/;

/**
 * The values of the file name a URL expression ends in, when each is known: the last part of a `+`
 * or of an f-string ending in `{name}`, followed through a name assigned once, the values of a loop
 * variable (`for fn in ["vocab.txt", "merges.txt"]`), and a parameter of a same-file function through
 * the argument of every call in the file (`get_file(repo, "merges.txt")`). `undefined` when one is not
 * known (or the function is not called in the file). `walk.cut` is set when the walk stops at its depth
 * bound (a name passed through more wrapper functions than are followed) rather than at a value not known.
 * A parameter met again on the same path (`onPath`: functions that call each other or themselves) adds no
 * values: they come from its other calls. A parameter is followed once per depth in a walk: met again at that
 * depth by another path (helpers that all call each other), it adds nothing new, since what it reaches was
 * already added to the walk's values (or made them unknown) the first time; so the walk is linear in the
 * helpers' calls, not one per path through them. The values of a whole walk are kept per file.
 */
export function fileNameValues(sc: PySourceCode, node: PyNode, depth = 0, walk?: { cut: boolean }, onPath?: Set<number>, followed?: Set<string>): string[] | undefined {
  if (!onPath) {
    // a whole walk: the same for every download that asks it
    let memo = fileNameMemo.get(sc);
    if (!memo) fileNameMemo.set(sc, (memo = new Map()));
    let known = memo.get(node.id);
    if (!known) {
      const w = { cut: false };
      known = { values: fileNameValues(sc, node, depth, w, new Set(), new Set()), cut: w.cut };
      if (depth === 0) memo.set(node.id, known);
    }
    if (known.cut && walk) walk.cut = true;
    return known.values;
  }
  followed ??= new Set();
  if (depth > 4) {
    if (walk) walk.cut = true;
    return undefined;
  }
  const c = sc.constant(node);
  if (typeof c === 'string') return [c];
  switch (node.type) {
    case 'parenthesized_expression':
      return node.namedChildren.length === 1 ? fileNameValues(sc, node.namedChildren[0], depth + 1, walk, onPath, followed) : undefined;
    case 'binary_operator': {
      const right = node.childForFieldName('right');
      // `base + name`, and a pathlib destination `dest_dir / "x.pth"` (a number divided gives no string)
      const op = node.childForFieldName('operator')?.text;
      return (op === '+' || op === '/') && right ? fileNameValues(sc, right, depth + 1, walk, onPath, followed) : undefined;
    }
    case 'call': {
      // `os.path.abspath(p)`, `os.path.normpath(p)`: the name `p` ends in
      const qn = sc.qualifiedName(calleeOf(node)!) ?? '';
      if (keepsFileName(qn)) {
        const args = sc.positionalArguments(node);
        return args.length === 1 && args[0].type !== 'list_splat' && sc.keywordArguments(node).size === 0 ? fileNameValues(sc, args[0], depth + 1, walk, onPath, followed) : undefined;
      }
      // `os.path.join(base_url, name)`, `Path(d, name)`, `d.joinpath("sub", name)`: the last part
      const joinpath = calleeOf(node)?.type === 'attribute' && calleeName(node) === 'joinpath';
      if (!(PATH_JOIN.test(qn) || PATH_CLASS.test(qn) || joinpath) || sc.keywordArguments(node).size > 0) return undefined;
      const last = sc.positionalArguments(node).at(-1);
      return last && last.type !== 'list_splat' ? fileNameValues(sc, last, depth + 1, walk, onPath, followed) : undefined;
    }
    case 'string': {
      const kids = node.namedChildren;
      const last = kids[kids.length - 2];
      // `f"consolidated.0{i}.pth"`: a name whose end is known, its unknown parts `*`
      if (kids[kids.length - 1]?.type === 'string_end' && last?.type === 'string_content') {
        const pieces = sc.stringPieces(node);
        return pieces ? [pieces.join('*')] : undefined;
      }
      if (kids[kids.length - 1]?.type !== 'string_end' || last?.type !== 'interpolation') return undefined;
      const inner = last.namedChildren;
      return inner.length === 1 ? fileNameValues(sc, inner[0], depth + 1, walk, onPath, followed) : undefined;
    }
    case 'identifier': {
      const loop = sc.loopValues(node);
      if (loop) return collect(loop.map((v) => fileNameValues(sc, v, depth + 1, walk, onPath, followed)));
      const param = sc.parameterOf(node);
      if (param) {
        if (param.function.type !== 'function_definition') return undefined;
        // a parameter already followed on this path (helpers that call each other, `a(u)` → `b(u)` → `a(u)`):
        // the values it takes come from the other calls, so this call adds none (not a cut walk)
        if (onPath.has(param.node.id)) return [];
        const calls = sc.callSites(param.function);
        if (!calls.length) return undefined;
        // followed at this depth already in this walk: its values (or their being unknown) are in the walk's
        const key = `${param.node.id}:${depth}`;
        if (followed.has(key)) return [];
        followed.add(key);
        onPath.add(param.node.id);
        const values = collect(calls.map((call) => {
          const arg = sc.argumentFor(call, param);
          return arg ? fileNameValues(sc, arg, depth + 1, walk, onPath, followed) : undefined;
        }));
        onPath.delete(param.node.id);
        return values;
      }
      const bound = sc.reachingBindings(node);
      return bound.length === 1 && bound[0].kind === 'assignment' && bound[0].value ? fileNameValues(sc, bound[0].value, depth + 1, walk, onPath, followed) : undefined;
    }
    default:
      return undefined;
  }
}

/** `fileNameValues` of a whole walk (from depth 0), per file and node. */
const fileNameMemo = new WeakMap<PySourceCode, Map<number, { values: string[] | undefined; cut: boolean }>>();

function collect(lists: Array<string[] | undefined>): string[] | undefined {
  const out: string[] = [];
  for (const l of lists) {
    if (!l) return undefined;
    out.push(...l);
  }
  return out;
}

/** A whole SHA-256 (or SHA-512) digest in hex: what pins a file, where a prefix (`check_hash`'s 8 digits) or an MD5 does not. */
const FULL_DIGEST = /^(?:[0-9a-f]{64}|[0-9a-f]{128})$/i;

/**
 * Does a hash argument pin the whole SHA-256 of the file downloaded from `url`? `'full'` when every
 * value it may hold is a full digest: a constant, a name bound to one, the entry of a table read with a
 * constant key, or any entry of a table read with the very URL downloaded (`_CHECKSUMS.get(url, None)`,
 * whose default only serves URLs the table does not list). `'partial'` when a value is known and is no
 * full digest (a prefix, an MD5, `None`, the default of a lookup by another key); `'unknown'` otherwise.
 */
export function pinnedDigest(sc: PySourceCode, node: PyNode, url?: PyNode, depth = 0): 'full' | 'partial' | 'unknown' {
  const c = sc.constant(node);
  if (c !== UNKNOWN) return typeof c === 'string' && FULL_DIGEST.test(c.trim()) ? 'full' : 'partial';
  const entries = sc.lookupValues(node);
  if (entries) {
    if (!entries.length) return 'unknown';
    let values = entries;
    if (node.type === 'call') {
      const key = sc.argument(node, { position: 0 });
      const fallback = sc.argument(node, { position: 1 });
      if (key && url && sc.sameReference(key, url)) values = entries.filter((e) => !same(e, fallback));
      // `table.get(key)` by another key gives None for a key the table lacks
      else if (!fallback && key && sc.constant(key) === UNKNOWN) return 'partial';
    }
    return pinOfAll(values.map((v) => pinnedDigest(sc, v, undefined, depth + 1)));
  }
  if (node.type === 'identifier' && depth < 4) {
    const bound = sc.reachingBindings(node);
    if (bound.length && bound.every((b) => b.kind === 'assignment' && b.value)) return pinOfAll(bound.map((b) => pinnedDigest(sc, b.value!, url, depth + 1)));
  }
  return 'unknown';
}

function pinOfAll(pins: Array<'full' | 'partial' | 'unknown'>): 'full' | 'partial' | 'unknown' {
  if (pins.includes('partial')) return 'partial';
  if (pins.includes('unknown') || !pins.length) return 'unknown';
  return 'full';
}

/**
 * pooch (the downloader of scientific Python): `retrieve(url, known_hash, fname=None, path=None, processor=None,
 * downloader=None)`, and `Pooch.fetch(fname, processor=None, downloader=None)` on the object `create(path, base_url,
 * version=None, version_dev="master", env=None, registry=None, urls=None, retry_if_failed=0)` or `Pooch(path,
 * base_url, registry=None, urls=None, retry_if_failed=0)` builds. Both compare the file with its known hash
 * (`"<sha256>"`, `"md5:<hex>"`, `"sha1:…"`) and delete one that does not match; `None` skips the check (pooch's
 * `hash_matches` answers True for it).
 */
const POOCH_RETRIEVE = /^pooch(?:\.core)?\.retrieve$/;
const POOCH_CREATE = /^pooch(?:\.core)?\.create$/;
const POOCH_CLASS = /^pooch(?:\.core)?\.Pooch$/;

/** A pooch download whose hash check is off: `retrieve(url, known_hash=None)`, or a `fetch` of a file whose registry entry is `None`. */
export interface PoochDownload {
  call: PyNode;
  api: 'pooch.retrieve' | 'Pooch.fetch';
  /** What turns the check off: the `known_hash` argument, or the registry entry. */
  off: PyNode;
  /** The files the download may be (a registry's keys), with the URL each is fetched from when known. */
  files: Array<{ name?: PyNode; url: Resolved; urlNode?: PyNode }>;
  /** A `fetch` of a name not known whose registry has hashes beside the `None` entries. */
  someEntries?: boolean;
}

/** The argument of a call by keyword, else by position. */
function argumentAt(sc: PySourceCode, call: PyNode, name: string, position: number): PyNode | undefined {
  return sc.argument(call, { name }) ?? sc.argument(call, { position }) ?? undefined;
}

/** The `Pooch` an expression holds: a `create(...)`/`Pooch(...)` call, written there or the value of every binding of a name. */
function poochOf(sc: PySourceCode, node: PyNode): PyNode | undefined {
  const isPooch = (v: PyNode) => v.type === 'call' && [POOCH_CREATE, POOCH_CLASS].some((re) => re.test(sc.qualifiedName(calleeOf(v)!) ?? ''));
  if (node.type === 'call') return isPooch(node) ? node : undefined;
  if (node.type !== 'identifier') return undefined;
  const values = sc.bindingsOf(node);
  return values.length === 1 && isPooch(values[0]) ? values[0] : undefined;
}

/** The entries of a dict literal, written in the call or bound once to a name nothing writes into; `undefined` when not known. */
function literalDict(sc: PySourceCode, node: PyNode | undefined): Array<{ key: PyNode; value: PyNode }> | undefined {
  let dict = node;
  if (node?.type === 'identifier') {
    const values = sc.bindingsOf(node);
    dict = values.length === 1 && sc.containerWrites(node).length === 0 ? values[0] : undefined;
  }
  if (dict?.type !== 'dictionary') return undefined;
  const out: Array<{ key: PyNode; value: PyNode }> = [];
  for (const pair of dict.namedChildren) {
    if (pair.type === 'comment') continue;
    // `**other`: not every entry is known
    if (pair.type !== 'pair') return undefined;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (!key || !value || typeof sc.constant(key) !== 'string') return undefined;
    out.push({ key, value });
  }
  return out;
}

/**
 * A pooch download that does not check what it fetches (`PoochDownload`). Not when `known_hash` is a hash, a name
 * not known or a parameter (its callers decide); for `fetch`, the registry must be a dict literal (in the call or
 * bound once to a name) and the object's registry untouched in the file (`load_registry`, `.registry[…] =`): the
 * entry of a constant name, or, for a name not known, the `None` entries.
 */
export function poochDownload(sc: PySourceCode, call: PyNode): PoochDownload | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  const qn = sc.qualifiedName(callee);
  if (qn && POOCH_RETRIEVE.test(qn)) {
    const hash = argumentAt(sc, call, 'known_hash', 1);
    if (!hash || sc.constant(hash) !== null || (hash.type === 'identifier' && sc.parameterOf(hash))) return undefined;
    const urlNode = argumentAt(sc, call, 'url', 0);
    return { call, api: 'pooch.retrieve', off: hash, files: [{ name: argumentAt(sc, call, 'fname', 2), url: resolve(sc, urlNode), urlNode }] };
  }
  if (callee.type !== 'attribute' || calleeName(call) !== 'fetch') return undefined;
  const receiver = receiverOf(call);
  const pup = receiver ? poochOf(sc, receiver) : undefined;
  if (!receiver || !pup) return undefined;
  // entries added or replaced elsewhere (`pup.load_registry(path)`, `pup.registry["x"] = h`): not known
  if (receiver.type === 'identifier' && registryTouched(sc, receiver.text)) return undefined;
  const known = poochRegistry(sc, pup);
  if (!known) return undefined;
  const { registry, urls, base } = known;
  const fileOf = (key: PyNode) => {
    const name = sc.constant(key) as string;
    const own = urls.get(name);
    if (own) return { name: key, url: resolve(sc, own), urlNode: own };
    // `base_url` may hold `{version}` (formatted by `create`): what comes before it is still the URL's start
    const url: Resolved = base.kind === 'string' && !base.value.includes('{') ? { kind: 'string', value: base.value + name } : base.kind === 'string' || base.kind === 'prefix' ? { kind: 'prefix', value: base.value.split('{')[0] } : { kind: 'unknown' };
    return { name: key, url };
  };
  const fname = argumentAt(sc, call, 'fname', 0);
  if (!fname) return undefined;
  const wanted = sc.constant(fname);
  if (typeof wanted === 'string') {
    const entry = registry.byName.get(wanted);
    if (!entry || sc.constant(entry.value) !== null) return undefined;
    return { call, api: 'Pooch.fetch', off: entry.value, files: [fileOf(entry.key)] };
  }
  const off = registry.off;
  if (!off.length) return undefined;
  return { call, api: 'Pooch.fetch', off: off[0].value, files: off.slice(0, 64).map((e) => fileOf(e.key)), someEntries: off.length < registry.size };
}

/** What `poochDownload` reads of a `Pooch`, per file and constructing call (a file of many `fetch` calls reads it once). */
interface PoochRegistry {
  registry: { byName: Map<string, { key: PyNode; value: PyNode }>; off: Array<{ key: PyNode; value: PyNode }>; size: number };
  urls: Map<string, PyNode>;
  base: Resolved;
}
const poochRegistries = new WeakMap<PySourceCode, Map<number, PoochRegistry | null>>();
const touchedRegistries = new WeakMap<PySourceCode, Map<string, boolean>>();

/** The registry (`None` entries apart), the `urls` and the `base_url` of the `Pooch` a `create`/`Pooch` call builds; `undefined` when the registry is no dict literal. */
function poochRegistry(sc: PySourceCode, pup: PyNode): PoochRegistry | undefined {
  let memo = poochRegistries.get(sc);
  if (!memo) poochRegistries.set(sc, (memo = new Map()));
  let known = memo.get(pup.id);
  if (known === undefined) {
    const isCreate = POOCH_CREATE.test(sc.qualifiedName(calleeOf(pup)!) ?? '');
    const entries = literalDict(sc, argumentAt(sc, pup, 'registry', isCreate ? 5 : 2));
    known = null;
    if (entries) {
      const byName = new Map<string, { key: PyNode; value: PyNode }>();
      for (const e of entries) byName.set(sc.constant(e.key) as string, e);
      const urls = new Map<string, PyNode>();
      for (const u of literalDict(sc, argumentAt(sc, pup, 'urls', isCreate ? 6 : 3)) ?? []) urls.set(sc.constant(u.key) as string, u.value);
      const off = [...byName.values()].filter((e) => sc.constant(e.value) === null);
      known = { registry: { byName, off, size: byName.size }, urls, base: resolve(sc, argumentAt(sc, pup, 'base_url', 1)) };
    }
    memo.set(pup.id, known);
  }
  return known ?? undefined;
}

/** Does the file load a registry file into the `Pooch` held by `name`, or write its `registry` (`name.load_registry(…)`, `name.registry[k] = h`)? Once per name. */
function registryTouched(sc: PySourceCode, name: string): boolean {
  let memo = touchedRegistries.get(sc);
  if (!memo) touchedRegistries.set(sc, (memo = new Map()));
  let v = memo.get(name);
  if (v === undefined) memo.set(name, (v = new RegExp(`\\b${name}\\s*\\.\\s*(?:load_registry\\w*|registry)\\b`).test(sc.text)));
  return v;
}

/**
 * The evidence that a pooch download (`poochDownload`) fetches a model, read as a raw download's is
 * (`modelEvidence`): the URL or file name of one of its files, or the path it returns handed to a model loader
 * (`torch.load(pooch.retrieve(…))`, `path = pup.fetch(…)` … `torch.load(path)`). With it, the file that is a
 * model's (its name's text, for the message).
 */
export function poochModelEvidence(sc: PySourceCode, dl: PoochDownload): { evidence: 'strong' | 'weak'; file?: PyNode } | undefined {
  // where the returned path goes
  let sink: Sink | undefined;
  const stmt = statementOf(dl.call);
  for (let p = dl.call.parent; p && !same(p, stmt.parent); p = p.parent) {
    if (p.type === 'call' && loadsModel(sc, p, (arg) => isInside(dl.call, arg))) {
      sink = { kind: 'loaded', node: p };
      break;
    }
  }
  const asg = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
  const left = asg?.type === 'assignment' && isInside(dl.call, asg.childForFieldName('right') ?? asg) ? asg.childForFieldName('left') : undefined;
  if (!sink && left?.type === 'identifier') sink = { kind: 'saved', node: dl.call, dest: left };
  let best: { evidence: 'strong' | 'weak'; file?: PyNode } | undefined;
  for (const f of dl.files.slice(0, 64)) {
    const raw: RawDownload = { call: dl.call, api: dl.api, urlNode: f.urlNode, url: f.url, savesDirectly: true, destNode: f.name, dest: f.name ? resolve(sc, f.name) : undefined };
    const e = modelEvidence(sc, raw, sink);
    if (e === 'strong') return { evidence: e, file: f.name };
    if (e === 'weak') best ??= { evidence: e, file: f.name };
  }
  return best;
}
