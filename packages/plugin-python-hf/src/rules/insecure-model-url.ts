import { createRule, type Confidence, type SuggestionDescriptor } from '@oculum/core';
import { importTrigger } from '@oculum/lang-python';
import { calleeOf, same, type PyNode, type PySourceCode } from '../util/ast.js';
import { isFtpUrl, isInsecureUrl, isModelFile, MODEL_DATA_TEXT, namesModelData } from '../util/classify.js';
import { callCommandTokens, downloadSink, evidentlyNoModel, KERAS_GET_FILE, literalPieces, modelEvidence, pinnedDigest, RAW_DOWNLOAD_TRIGGERS, rawDownload, type RawDownload } from '../util/download.js';
import { HF_PACKAGES, hfPackage } from '../util/hub.js';
import { docsUrl } from '../util/meta.js';
import { literalStringNode, resolve, valuesOf } from '../util/resolve.js';

const name = 'insecure-model-url';

type ArgSpec = { name: string; position: number };

/**
 * Model-specific fetchers: the argument that holds the URL, what they fetch (`weights` for the loaders
 * of a state dict; for the helpers that only download, a model file or a file by the URL and the file
 * written), the argument that can pin the file's whole digest, and whether they download through
 * urllib (whose default HTTPS context `ssl._create_default_https_context` decides).
 */
const MODEL_FETCHERS: Array<{ re: RegExp; names: string[]; position: number; what: string | { file: ArgSpec }; digest?: ArgSpec; urllib?: boolean; fullName?: boolean }> = [
  { re: /^torch\.(?:hub|utils\.model_zoo)\.(?:load_state_dict_from_url|load_url)$/, names: ['url'], position: 0, what: 'weights', urllib: true },
  { re: /^torch\.hub\.download_url_to_file$/, names: ['url'], position: 0, what: { file: { name: 'dst', position: 1 } }, digest: { name: 'hash_prefix', position: 2 }, urllib: true },
  {
    re: KERAS_GET_FILE,
    names: ['origin'],
    position: 1,
    what: { file: { name: 'fname', position: 0 } },
    // keras reads a 64-digit `file_hash` as SHA-256 (`hash_algorithm="auto"`); `md5_hash` never pins
    digest: { name: 'file_hash', position: 4 },
    urllib: true,
  },
  { re: /^diffusers\.[\w.]*\.from_single_file$/, names: ['pretrained_model_link_or_path'], position: 0, what: 'a checkpoint' },
  { re: /^onnxruntime\.InferenceSession$/, names: ['path_or_bytes'], position: 0, what: 'a model' },
  // OpenMMLab: `load_checkpoint(model, filename, map_location=None, strict=False, logger=None)` fetches a URL
  // with `torch.hub.load_state_dict_from_url` (mmengine/runner/checkpoint.py `CheckpointLoader`)
  { re: /^(?:mmengine|mmcv)\.runner\.(?:checkpoint\.)?load_checkpoint$/, names: ['filename'], position: 1, what: 'weights', urllib: true },
  // TensorFlow Hub: `hub.load(handle)`, `hub.KerasLayer(handle)`, `hub.resolve(handle)` (and TF1's `hub.Module`,
  // `hub.load_module_spec`) download a SavedModel from a URL handle (tensorflow_hub/resolver.py)
  { re: /^tensorflow_hub\.(?:load|KerasLayer|resolve|Module|load_module_spec)$/, names: ['handle', 'spec'], position: 0, what: 'a model', fullName: true },
];

/** The raw downloads that go through urllib (`rawDownload`'s `api`): the default HTTPS context applies to them. */
const URLLIB_DOWNLOADS = new Set(['urlopen', 'urlretrieve', 'wget.download', 'load_file_from_url']);

/**
 * URL schemes are case-insensitive (`isInsecureUrl` too): `HTTP://` and `Http://` count. Also what turns
 * certificate verification off: `verify=False` (requests, httpx), `ssl=False` (aiohttp), an unverified
 * SSL context (`ssl._create_unverified_context()`, `verify_mode = ssl.CERT_NONE`), `curl -k` /
 * `--insecure`, `wget --no-check-certificate` (found by the command's name: a pattern for the flags
 * alone ran on nearly every file and cost 25 ms of a PyTorch scan).
 * Plain FTP (`ftp://`, which urllib, wget and curl fetch) is as open to substitution as plain HTTP.
 */
const RULE_TRIGGERS = [/(?:http|ftp):\/\//i, /\b(?:verify|verify_ssl|ssl)\b['"]?\s*[=:]/, '_create_unverified_context', 'CERT_NONE', /\b(?:curl|wget)\b/];
/**
 * And something that fetches: a Hub package or an HTTP client imported (`rawDownload`'s clients; the
 * word alone would also match prose such as "evaluate"), a `MODEL_FETCHERS` function by name,
 * `HF_ENDPOINT`, or curl/wget in a command.
 */
export const FETCHER_TRIGGERS = [
  importTrigger(HF_PACKAGES),
  /\b(?:load_state_dict_from_url|load_url|download_url_to_file|get_file|from_single_file|InferenceSession|HF_ENDPOINT|load_checkpoint)\b/,
  importTrigger(['tensorflow_hub']),
  ...RAW_DOWNLOAD_TRIGGERS,
];

/** The known start of a URL whose rest is not known: plain HTTP to a host we can see is not a loopback one, or to a host we cannot see. */
function insecurePrefix(value: string): boolean {
  return isInsecureUrl(value) || /^\s*(?:http|ftp):\/\/$/i.test(value);
}

/**
 * Host names reserved for documentation and testing (RFC 2606, RFC 6761): `example.com`, `example.net`,
 * `example.org` and their subdomains, and every name under the `.example`, `.test`, `.invalid` top-level
 * domains. None is delegated in the public DNS to anyone who could serve a model (`.invalid` never resolves,
 * `example.*` are IANA's placeholder pages, `.test` reaches only a machine the test set-up itself names), so a
 * URL written with one is a placeholder (`UNSAFE_EXAMPLES = ["http://example.com/model.bin"]`), not a model
 * fetched from the network. `localhost` is loopback (`isInsecureUrl`). Only a URL written where no fetch of the
 * file reads it is lowered for this (to low, not dropped: a placeholder may be replaced before use); a fetch
 * call given one is judged as any other, since the code does download over plain HTTP.
 */
const RESERVED_HOST = /^(?:[^/?#]*\.)?(?:example\.(?:com|net|org)|[^/?#]+\.(?:example|test|invalid))\.?$/i;

/** The URL names its host, and that host is reserved for documentation or testing (`RESERVED_HOST`). */
function reservedHostUrl(url: string): boolean {
  const host = /^\s*[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)(?::\d*)?(?:[/?#]|$)/i.exec(url)?.[1];
  return !!host && RESERVED_HOST.test(host);
}

/** A model-data URL written in the code, reported where it is written unless a fetch call of the file already judged it. */
interface WrittenUrl {
  node: PyNode;
  url: string;
  /** The string literal that holds its `http://` (the one finding for every URL built from it). */
  source: PyNode;
  confidence: Confidence;
}

/** The opening of a string literal up to its `http://` (prefix, quotes, blanks), when it starts with one. */
const LITERAL_HTTP = /^[a-zA-Z]*(?:"""|'''|"|')\s*http:\/\//i;

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    // a fetcher, or the name of a model file or archive (for the URLs reported where they are written)
    triggerGroups: [[...FETCHER_TRIGGERS, MODEL_DATA_TEXT]],
    docs: {
      description: 'Reports models, weights and datasets fetched over plain `http://` (or `ftp://`), model file URLs written with `http://` (or `ftp://`) anywhere in the code, and model downloads with certificate verification turned off, where anyone on the network path can substitute them.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      insecure: '{{api}} fetches {{what}} over plain HTTP ("{{url}}"): anyone on the network path can replace it. Use https:// and verify a checksum.',
      insecureEndpoint: '{{api}} talks to the model hub at "{{url}}" over plain HTTP: every model and file it fetches can be replaced in transit.',
      insecureLiteral: 'Model file URL over plain HTTP ("{{url}}"): whatever downloads it gets a file that anyone on the network path can replace. Use https:// and verify a checksum.',
      insecureFtp: '{{api}} fetches {{what}} over plain FTP ("{{url}}"), which is not encrypted: anyone on the network path can replace it. Fetch it over https:// and verify a checksum.',
      insecureLiteralFtp: 'Model file URL over plain FTP ("{{url}}"), which is not encrypted: whatever downloads it gets a file that anyone on the network path can replace. Fetch it over https:// and verify a checksum.',
      verificationOff: '{{api}} downloads {{what}} with certificate verification turned off ({{how}}): a man in the middle can substitute the file. Leave verification on and verify a checksum.',
      processUnverified: 'ssl._create_default_https_context is replaced with an unverified context: certificate verification is off for every HTTPS download this process makes through urllib, and a man in the middle can substitute each of them, such as the model file {{api}} downloads at line {{line}}. Leave verification on (install the missing CA certificates instead) and verify a checksum.',
      useHttps: 'Use https://',
    },
    remediation: 'Fetch over `https://` with certificate verification on, and verify a SHA-256 checksum of what you downloaded.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    /** `http://` → `https://` in the literal that holds the URL, when it starts with it. */
    const httpsSuggestion = (lit: PyNode | undefined): SuggestionDescriptor[] => {
      if (!lit) return [];
      const m = LITERAL_HTTP.exec(sc.getText(lit));
      if (!m) return [];
      const at = sc.getRange(lit)[0] + m[0].length - 'http://'.length;
      return [{ messageId: 'useHttps', fix: (fixer) => fixer.replaceText([at, at + 'http://'.length], 'https://') }];
    };
    const shorten = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);
    /** URL nodes of the fetch calls judged here (reported, or pinned to a full digest): their written URLs are not reported again. */
    const judged: PyNode[] = [];
    const report = (node: PyNode, urlNode: PyNode | undefined, url: string, messageId: string, api: string, what: string, atMost?: 'medium') => {
      // `f"http://{host}/…"`: plain HTTP whatever the host, unless it is a loopback one we cannot see;
      // a hash that cannot be resolved may pin the file.
      const confidence = isInsecureUrl(url) && !atMost ? 'high' : 'medium';
      if (urlNode) judged.push(urlNode);
      const lit = literalStringNode(sc, urlNode);
      const suggest = lit ? httpsSuggestion(lit) : [];
      const shown = isInsecureUrl(url) ? url : `${url}…`;
      context.report({ node, messageId: messageId === 'insecure' && isFtpUrl(url) ? 'insecureFtp' : messageId, data: { api, what, url: shorten(shown) }, suggest, confidence });
    };
    const insecureValue = (n: PyNode | undefined, depth = 0): string | undefined => {
      if (!n) return undefined;
      const r = resolve(sc, n);
      if (r.kind === 'string' && isInsecureUrl(r.value)) return r.value;
      if (r.kind === 'prefix' && insecurePrefix(r.value)) return r.value;
      // `url_map[model_name]` with `url_map = {"b0": "http://…/b0.pth", …}`: every entry the key may pick
      const entries = depth === 0 ? sc.lookupValues(n) : undefined;
      const urls = entries?.map((v) => insecureValue(v, 1));
      return urls?.length && urls.every((u) => u !== undefined) ? urls[0] : undefined;
    };
    /** `HF_ENDPOINT` set to a plain-HTTP URL: `os.environ["HF_ENDPOINT"] = …`, `setdefault`, `putenv`, `update`, `mock.patch.dict`, … */
    const mentionsEndpoint = sc.text.includes('HF_ENDPOINT');
    const reportEndpointWrites = (node: PyNode): boolean => {
      for (const value of sc.environmentWrites(node, 'HF_ENDPOINT')) {
        const v = insecureValue(value);
        if (v) {
          report(node, value, v, 'insecureEndpoint', 'HF_ENDPOINT', 'models');
          return true;
        }
      }
      return false;
    };

    // ---- model-data URLs written in the code
    const written: WrittenUrl[] = [];
    /** Strings inside an implicit concatenation and `+` operands inside a chain: judged as part of the whole. */
    const innerParts = new Set<number>();
    /** Strings and implicit concatenations that are operands of a `+` (no docstring, no bare statement). */
    const operands = new Set<number>();
    /** A model-data URL of any scheme is written in the file (`https://…/wiki.en.vec` in a table a helper downloads). */
    let modelUrlWritten = false;
    /** A string, implicit concatenation or `+` that builds a plain-HTTP URL naming model data. */
    const writtenUrl = (node: PyNode, operand = false) => {
      const text = sc.getText(node);
      if (!text.includes('://') && !MODEL_DATA_TEXT.test(text)) return;
      // a docstring or a bare string statement is no value (an operand of a `+` is neither: its parent is not asked)
      if (!operand && (node.parent?.type === 'expression_statement' || sc.isDocstring(node))) return;
      const pieces = sc.stringPieces(node);
      if (!pieces?.length) return;
      const url = pieces.join('*').trim();
      if (!/^(?:https?|ftp):\/\/\S+$/i.test(url) || !namesModelData(url)) return;
      modelUrlWritten = true;
      // plain HTTP to a host that is no loopback one, or to a host known only at run time
      const hostKnown = isInsecureUrl(pieces[0]);
      if (!hostKnown && !/^\s*(?:http|ftp):\/\/$/i.test(pieces[0])) return;
      if (pinnedBeside(node)) return;
      written.push({ node, url, source: httpLiteral(node) ?? node, confidence: hostKnown && isModelFile(url) ? 'high' : 'medium' });
    };
    /** The string literal whose text starts with the `http://` of a URL expression (`BASE` in `f"{BASE}/m.pth"`). */
    const httpLiteral = (n: PyNode): PyNode | undefined => {
      const source = sc.stringPrefixSource(n);
      return source && LITERAL_HTTP.test(sc.getText(source)) ? source : undefined;
    };
    /**
     * A URL written beside the whole SHA-256 (or SHA-512) of its file: a dict key or entry whose dict, a tuple
     * or list, or the arguments of a call, hold a full digest (`{"url": "http://…/m.pth", "sha256": "…"}`,
     * `_CHECKSUMS = {"http://…/m.pth": "<64 hex>"}`): what downloads it checks the file.
     */
    const pinnedBeside = (node: PyNode): boolean => {
      let container = node.parent;
      while (container && (container.type === 'parenthesized_expression' || container.type === 'pair' || container.type === 'keyword_argument')) container = container.parent;
      if (!container || !['dictionary', 'tuple', 'list', 'argument_list'].includes(container.type)) return false;
      const values = container.namedChildren.flatMap((c) => (c.type === 'pair' ? [c.childForFieldName('value')] : c.type === 'keyword_argument' ? [c.childForFieldName('value')] : [c]));
      return values.some((v) => !!v && !same(v, node) && (v.type === 'string' || v.type === 'identifier' || v.type === 'concatenated_string') && pinnedDigest(sc, v) === 'full');
    };

    // ---- certificate verification
    /** `ssl._create_default_https_context = ssl._create_unverified_context` (also through an alias). */
    const processPatches: PyNode[] = [];
    /**
     * Is a raw download one of a model file: `strong` by its URL, file or loader, `weak` by names. With
     * `kept`, only when the bytes are saved or loaded (not `requests.get(url, verify=False).json()`).
     */
    const evidenceOf = (dl: RawDownload, kept = false): 'strong' | 'weak' | undefined => {
      const url = dl.url.kind === 'string' || dl.url.kind === 'prefix' ? dl.url.value : undefined;
      const sink = downloadSink(sc, dl);
      if (kept && !sink) return undefined;
      return url && isModelFile(url) ? 'strong' : modelEvidence(sc, dl, sink);
    };
    /** The raw downloads of the file that go through urllib. */
    const urllibRaw: RawDownload[] = [];
    /** Model downloads that go through urllib: the first is named by the process-wide finding. */
    const urllibDownloads: Array<{ call: PyNode; api: string; evidence: 'strong' | 'weak' | 'if-model-url' }> = [];
    /** Downloads whose context or session accepts any certificate on some paths only (medium confidence). */
    const offOnSomePaths = new Set<number>();
    /**
     * The write among those of `obj.<attribute>` that may reach `call` (lang-python's
     * `attributeWritesReaching`) that turns verification off (`isOff` of its value), the last such; on
     * some paths only (`offOnSomePaths`) unless every reaching write does and one runs on every path.
     */
    const offByWrite = (object: PyNode, attribute: string, call: PyNode, isOff: (value: PyNode) => boolean): PyNode | undefined => {
      const { writes, everyPath } = sc.attributeWritesReaching(object, attribute, call);
      const off = [...writes].reverse().find((w) => isOff(w.value));
      if (!off) return undefined;
      if (!everyPath || !writes.every((w) => isOff(w.value))) offOnSomePaths.add(call.id);
      return off.target;
    };
    const certNone = (v: PyNode): boolean => {
      const qn = sc.qualifiedName(v);
      return qn === 'ssl.CERT_NONE' || qn === 'ssl.VerifyMode.CERT_NONE' || sc.constant(v) === 0;
    };
    /**
     * How an SSL context given to a download accepts any certificate: made by
     * `ssl._create_unverified_context()`, or its `verify_mode` set to `ssl.CERT_NONE` by a write that
     * may reach the call (`offByWrite`).
     */
    const unverifiedContext = (n: PyNode | undefined, call: PyNode): string | undefined => {
      if (!n) return undefined;
      const isCall = (v: PyNode) => v.type === 'call' && sc.qualifiedName(calleeOf(v)!) === 'ssl._create_unverified_context';
      if (isCall(n) || (n.type === 'identifier' && valuesOf(sc, n).some(isCall))) return 'ssl._create_unverified_context()';
      if (n.type !== 'identifier' && n.type !== 'attribute') return undefined;
      const off = offByWrite(n, 'verify_mode', call, certNone);
      return off && `${sc.getText(off)} = ssl.CERT_NONE`;
    };
    /** How a raw download turns certificate verification off, when it does. */
    const verificationOff = (dl: RawDownload): string | undefined => {
      const call = dl.call;
      if (dl.api === 'curl (subprocess)' || dl.api === 'wget (subprocess)') {
        const tokens = callCommandTokens(sc, call) ?? [];
        const curl = dl.api.startsWith('curl');
        return tokens.find((t) => !!t && (curl ? t === '--insecure' || /^-[a-zA-Z]*k[a-zA-Z]*$/.test(t) : t === '--no-check-certificate')) ?? undefined;
      }
      if (dl.api === 'urlopen') {
        const context = sc.argument(call, { name: 'context' });
        const how = unverifiedContext(context, call);
        return how && (how.startsWith('ssl.') ? `context=${how}` : how);
      }
      if (dl.api.startsWith('session.')) {
        // `s.verify = False` before `s.get(url)`: every request of that session (unless set back first)
        const receiver = calleeOf(call)?.childForFieldName('object');
        const off = receiver && offByWrite(receiver, 'verify', call, (v) => sc.constant(v) === false);
        if (off) return `${sc.getText(off)} = False`;
      }
      for (const key of dl.api.startsWith('session.') ? ['verify', 'ssl', 'verify_ssl'] : ['verify']) {
        const arg = sc.argument(call, { name: key });
        const v = arg ? sc.constant(arg) : undefined;
        if (v === false || v === 0) return `${key}=${arg!.text}`;
        // an SSL context in place of the flag (httpx's `verify=ctx`, aiohttp's `ssl=ctx`)
        const how = arg ? unverifiedContext(arg, call) : undefined;
        if (how) return how.startsWith('ssl.') ? `${key}=${how}` : how;
      }
      return undefined;
    };

    return {
      call(node: PyNode) {
        if (mentionsEndpoint && reportEndpointWrites(node)) return;
        const fn = calleeOf(node);
        if (!fn) return;
        // `"{}/{}.pth".format(BASE, name)`: a URL built from a template
        if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && fn.childForFieldName('object')?.type === 'string') writtenUrl(node);
        const qn = sc.qualifiedName(fn);
        // Hub clients pointed at a plain-HTTP endpoint.
        if (hfPackage(qn)) {
          const ep = sc.argument(node, { name: 'endpoint' });
          const v = insecureValue(ep);
          if (v) return void report(node, ep, v, 'insecureEndpoint', qn!.split('.').pop()!, 'models');
          if (/^datasets\.(?:[\w.]*\.)?load_dataset$/.test(qn!)) {
            for (const a of [sc.argument(node, { name: 'path' }) ?? sc.argument(node, { position: 0 }), sc.argument(node, { name: 'data_files' })]) {
              if (!a) continue;
              const nodes = a.type === 'list' || a.type === 'tuple' ? a.namedChildren : a.type === 'dictionary' ? a.namedChildren.map((p) => p.childForFieldName('value')!).filter(Boolean) : [a];
              for (const n of nodes) {
                const u = insecureValue(n);
                if (u) return void report(node, n, u, 'insecure', 'load_dataset', 'a dataset');
              }
            }
          }
        }
        if (qn) {
          for (const f of MODEL_FETCHERS) {
            if (!f.re.test(qn)) continue;
            let urlNode: PyNode | undefined;
            for (const n of f.names) urlNode ??= sc.argument(node, { name: n });
            urlNode ??= sc.argument(node, { position: f.position });
            const file = typeof f.what === 'string' ? undefined : (sc.argument(node, { name: f.what.file.name }) ?? sc.argument(node, { position: f.what.file.position }));
            const names = (u: string | undefined) => (!!u && isModelFile(u)) || [urlNode, file].some((n) => n && literalPieces(n, sc).some((p) => isModelFile(p)));
            if (f.urllib && (f.what === 'weights' || names(undefined))) urllibDownloads.push({ call: node, api: qn.split('.').pop()!, evidence: 'strong' });
            const u = insecureValue(urlNode);
            if (!u) return;
            // a helper that only downloads, given a file that is evidently no model (`train.csv`, `vocab.txt`):
            // not this rule's concern, as `hf/download-without-hash` judges it
            if (typeof f.what !== 'string' && urlNode && evidentlyNoModel(sc, { urlNode, url: resolve(sc, urlNode), destNode: file, dest: file ? resolve(sc, file) : undefined })) {
              judged.push(urlNode);
              return;
            }
            // the whole SHA-256 of the file pinned: a file replaced in transit fails the check
            const digestNode = f.digest ? (sc.argument(node, { name: f.digest.name }) ?? sc.argument(node, { position: f.digest.position })) : undefined;
            const pin = digestNode ? pinnedDigest(sc, digestNode, urlNode) : undefined;
            if (pin === 'full') {
              if (urlNode) judged.push(urlNode);
              return;
            }
            const what = typeof f.what === 'string' ? f.what : names(u) ? 'a model file' : 'a file';
            report(node, urlNode, u, 'insecure', f.fullName ? qn : qn.split('.').pop()!, what, pin === 'unknown' ? 'medium' : undefined);
            return;
          }
        }
        const dl = rawDownload(sc, node);
        if (!dl) return;
        // what the process-wide patch reaches, judged at the end when the file has one
        if (URLLIB_DOWNLOADS.has(dl.api)) urllibRaw.push(dl);
        const url = dl.url.kind === 'string' || dl.url.kind === 'prefix' ? dl.url.value : undefined;
        if (url && (isInsecureUrl(url) || (dl.url.kind === 'prefix' && insecurePrefix(url)))) {
          if (evidenceOf(dl)) report(node, dl.urlNode, url, 'insecure', dl.api, 'a model file');
          return;
        }
        const how = verificationOff(dl);
        const evidence = how ? evidenceOf(dl, true) : undefined;
        if (!evidence) return;
        const what = dl.url.kind === 'string' ? `"${shorten(dl.url.value)}"` : 'a model file';
        context.report({ node, messageId: 'verificationOff', data: { api: dl.api, what, how }, confidence: evidence === 'strong' && !offOnSomePaths.has(dl.call.id) ? 'high' : 'medium' });
      },
      assignment(node: PyNode) {
        if (mentionsEndpoint) reportEndpointWrites(node);
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type !== 'attribute' || !right || left.childForFieldName('attribute')?.text !== '_create_default_https_context') return;
        if (sc.qualifiedName(left) === 'ssl._create_default_https_context' && sc.qualifiedNames(right).includes('ssl._create_unverified_context')) processPatches.push(node);
      },
      augmented_assignment(node: PyNode) {
        if (mentionsEndpoint) reportEndpointWrites(node);
      },
      // (the traversal enters a node before its children: a part of an implicit concatenation or an operand of a `+`
      // is marked when its parent is entered, never found by `node.parent`, which walks down from the root in
      // web-tree-sitter and made a chain of thousands of `+` quadratic, review nlpclassic P3)
      // (a string operand of a `+` is still judged alone, `"http://h/m.pth" + token()`, but known to be one: each of
      // thousands of `"http://…"` pieces asked its parent and whether it is a docstring, review gnn P3-1)
      string(node: PyNode) {
        if (!innerParts.has(node.id)) writtenUrl(node, operands.has(node.id));
      },
      concatenated_string(node: PyNode) {
        for (const part of node.namedChildren) if (part.type === 'string') innerParts.add(part.id);
        writtenUrl(node, operands.has(node.id));
      },
      binary_operator(node: PyNode) {
        const op = node.childForFieldName('operator')?.text;
        if (op === '+') {
          // the whole of a `+` chain, once: `BASE + "/" + name + ".pth"`
          for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) {
            if (side?.type === 'binary_operator' && side.childForFieldName('operator')?.text === '+') innerParts.add(side.id);
            else if (side?.type === 'string' || side?.type === 'concatenated_string') operands.add(side.id);
          }
          if (!innerParts.has(node.id)) writtenUrl(node);
        }
        // `"%s/alexnet.pth" % BASE`
        else if (op === '%' && node.childForFieldName('left')?.type === 'string') writtenUrl(node);
      },
      'module:exit'() {
        // one finding per literal: a URL built from a literal already judged at its fetch call is not reported again
        const bySource = new Map<number, WrittenUrl[]>();
        for (const w of written) {
          const group = bySource.get(w.source.id);
          if (group) group.push(w);
          else bySource.set(w.source.id, [w]);
        }
        for (const group of bySource.values()) {
          const sources = [group[0].source, ...group.map((w) => w.node)];
          if (judged.some((u) => sc.derivesFrom(u, sources))) continue;
          const w = group[0];
          // a placeholder host of documentation or tests (`UNSAFE_EXAMPLES = ["http://example.com/model.bin"]`) that no
          // fetch of the file reads: most likely never fetched, but not provably so: low
          const confidence = reservedHostUrl(w.url) ? 'low' : w.confidence;
          context.report({ node: w.node, messageId: isFtpUrl(w.url) ? 'insecureLiteralFtp' : 'insecureLiteral', data: { url: shorten(w.url) }, suggest: httpsSuggestion(w.source), confidence });
        }
        // TLS verification off for the whole process, in a file that downloads model files through urllib
        if (!processPatches.length) return;
        for (const dl of urllibRaw) {
          const evidence = evidenceOf(dl);
          if (evidence) urllibDownloads.push({ call: dl.call, api: dl.api, evidence });
          else if (dl.url.kind === 'unknown') urllibDownloads.push({ call: dl.call, api: dl.api, evidence: 'if-model-url' });
        }
        urllibDownloads.sort((a, b) => a.call.startIndex - b.call.startIndex);
        const download = urllibDownloads.find((d) => d.evidence === 'strong') ?? urllibDownloads.find((d) => d.evidence === 'weak') ?? (modelUrlWritten ? urllibDownloads[0] : undefined);
        if (!download) return;
        for (const patch of processPatches) {
          context.report({
            node: patch,
            messageId: 'processUnverified',
            data: { api: download.api, line: sc.lineLabel(download.call) },
            confidence: download.evidence === 'strong' ? 'high' : 'medium',
          });
        }
      },
    };
  },
});

