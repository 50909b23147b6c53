import { createRule, type SuggestionDescriptor } from '@oculum/core';
import { importTrigger } from '@oculum/lang-python';
import { calleeOf, type PyNode, type PySourceCode } from '../util/ast.js';
import { isInsecureUrl, isModelFile } from '../util/classify.js';
import { downloadSink, literalPieces, modelEvidence, pinnedDigest, RAW_DOWNLOAD_TRIGGERS, rawDownload } from '../util/download.js';
import { HF_PACKAGES, hfPackage } from '../util/hub.js';
import { docsUrl } from '../util/meta.js';
import { literalStringNode, resolve } from '../util/resolve.js';

const name = 'insecure-model-url';

type ArgSpec = { name: string; position: number };

/**
 * Model-specific fetchers: the argument that holds the URL, what they fetch (`weights` for the loaders
 * of a state dict; for the helpers that only download, a model file or a file by the URL and the file
 * written), and the argument that can pin the file's whole digest.
 */
const MODEL_FETCHERS: Array<{ re: RegExp; names: string[]; position: number; what: string | { file: ArgSpec }; digest?: ArgSpec }> = [
  { re: /^torch\.(?:hub|utils\.model_zoo)\.(?:load_state_dict_from_url|load_url)$/, names: ['url'], position: 0, what: 'weights' },
  { re: /^torch\.hub\.download_url_to_file$/, names: ['url'], position: 0, what: { file: { name: 'dst', position: 1 } }, digest: { name: 'hash_prefix', position: 2 } },
  {
    re: /^(?:tensorflow\.(?:python\.)?keras|tf_keras|keras)\.(?:src\.)?utils\.(?:data_utils\.)?get_file$/,
    names: ['origin'],
    position: 1,
    what: { file: { name: 'fname', position: 0 } },
    // keras reads a 64-digit `file_hash` as SHA-256 (`hash_algorithm="auto"`); `md5_hash` never pins
    digest: { name: 'file_hash', position: 4 },
  },
  { re: /^diffusers\.[\w.]*\.from_single_file$/, names: ['pretrained_model_link_or_path'], position: 0, what: 'a checkpoint' },
  { re: /^onnxruntime\.InferenceSession$/, names: ['path_or_bytes'], position: 0, what: 'a model' },
];

/** URL schemes are case-insensitive (`isInsecureUrl` too): `HTTP://` and `Http://` count. */
const RULE_TRIGGERS = [/http:\/\//i];
/**
 * And something that fetches: a Hub package or an HTTP client imported (`rawDownload`'s clients; the
 * word alone would also match prose such as "evaluate"), a `MODEL_FETCHERS` function by name,
 * `HF_ENDPOINT`, or curl/wget in a command.
 */
export const FETCHER_TRIGGERS = [
  importTrigger(HF_PACKAGES),
  /\b(?:load_state_dict_from_url|load_url|download_url_to_file|get_file|from_single_file|InferenceSession|HF_ENDPOINT)\b/,
  ...RAW_DOWNLOAD_TRIGGERS,
];

/** The known start of a URL whose rest is not known: plain HTTP to a host we can see is not a loopback one, or to a host we cannot see. */
function insecurePrefix(value: string): boolean {
  return isInsecureUrl(value) || /^\s*http:\/\/$/i.test(value);
}

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    triggerGroups: [FETCHER_TRIGGERS],
    docs: {
      description: 'Reports models, weights and datasets fetched over plain `http://`, where anyone on the network path can substitute them.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      insecure: '{{api}} fetches {{what}} over plain HTTP ("{{url}}"): anyone on the network path can replace it. Use https:// and verify a checksum.',
      insecureEndpoint: '{{api}} talks to the model hub at "{{url}}" over plain HTTP: every model and file it fetches can be replaced in transit.',
      useHttps: 'Use https://',
    },
    remediation: 'Fetch over `https://` and verify a SHA-256 checksum of what you downloaded.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    const report = (node: PyNode, urlNode: PyNode | undefined, url: string, messageId: string, api: string, what: string, atMost?: 'medium') => {
      // `f"http://{host}/…"`: plain HTTP whatever the host, unless it is a loopback one we cannot see;
      // a hash that cannot be resolved may pin the file.
      const confidence = isInsecureUrl(url) && !atMost ? 'high' : 'medium';
      const lit = literalStringNode(sc, urlNode);
      const suggest: SuggestionDescriptor[] = [];
      if (lit) {
        const [start] = sc.getRange(lit);
        const i = lit.text.search(/http:\/\//i);
        if (i >= 0) suggest.push({ messageId: 'useHttps', fix: (fixer) => fixer.replaceText([start + i, start + i + 7], 'https://') });
      }
      const shown = isInsecureUrl(url) ? url : `${url}…`;
      context.report({ node, messageId, data: { api, what, url: shown.length > 80 ? `${shown.slice(0, 77)}...` : shown }, suggest, confidence });
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
    return {
      call(node: PyNode) {
        if (mentionsEndpoint && reportEndpointWrites(node)) return;
        const fn = calleeOf(node);
        if (!fn) return;
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
            const u = insecureValue(urlNode);
            if (!u) return;
            // the whole SHA-256 of the file pinned: a file replaced in transit fails the check
            const digestNode = f.digest ? (sc.argument(node, { name: f.digest.name }) ?? sc.argument(node, { position: f.digest.position })) : undefined;
            const pin = digestNode ? pinnedDigest(sc, digestNode, urlNode) : undefined;
            if (pin === 'full') return;
            let what: string;
            if (typeof f.what === 'string') what = f.what;
            else {
              const file = sc.argument(node, { name: f.what.file.name }) ?? sc.argument(node, { position: f.what.file.position });
              what = isModelFile(u) || [urlNode, file].some((n) => n && literalPieces(n, sc).some((p) => isModelFile(p))) ? 'a model file' : 'a file';
            }
            report(node, urlNode, u, 'insecure', qn.split('.').pop()!, what, pin === 'unknown' ? 'medium' : undefined);
            return;
          }
        }
        const dl = rawDownload(sc, node);
        if (!dl) return;
        const url = dl.url.kind === 'string' || dl.url.kind === 'prefix' ? dl.url.value : undefined;
        if (!url || !(isInsecureUrl(url) || (dl.url.kind === 'prefix' && insecurePrefix(url)))) return;
        const sink = downloadSink(sc, dl);
        if (!isModelFile(url) && !modelEvidence(sc, dl, sink)) return;
        report(node, dl.urlNode, url, 'insecure', dl.api, 'a model file');
      },
      assignment(node: PyNode) {
        if (mentionsEndpoint) reportEndpointWrites(node);
      },
      augmented_assignment(node: PyNode) {
        if (mentionsEndpoint) reportEndpointWrites(node);
      },
    };
  },
});
