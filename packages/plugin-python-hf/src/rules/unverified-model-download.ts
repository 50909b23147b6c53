import { createRule, UNKNOWN } from '@oculum/core';
import { callbackArgument, callbackUse, type CallbackUse } from '@oculum/lang-python';
import { argList, calleeName, calleeOf, identifiersIn, statementOf, walkBody, type PyNode, type PySourceCode } from '../util/ast.js';
import { isModelFile, mentionsModel } from '../util/classify.js';
import { resolve } from '../util/resolve.js';
import { isNonModelFile } from '../util/classify.js';
import { downloadBytes, downloadBytesOf, downloadSink, downloadVerifier, literalPieces, modelEvidence, modelEvidenceCutShort, RAW_DOWNLOAD_TRIGGERS, rawDownload, rawDownloadBytes, type RawDownload } from '../util/download.js';
import { docsUrl } from '../util/meta.js';

const name = 'unverified-model-download';

const RULE_TRIGGERS = ['requests', 'httpx', 'aiohttp', 'urlopen', 'urlretrieve', 'wget', 'curl', 'gdown', 'aria2c', 'load_file_from_url', 'load_models'];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    triggerGroups: [RAW_DOWNLOAD_TRIGGERS], // every report starts from a `rawDownload`
    docs: {
      description: 'Reports model or weight files downloaded over HTTP and saved or loaded without comparing a checksum.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      unverified: '{{api}} downloads {{what}} and {{action}} it without a checksum comparison: a substituted or tampered file would be used as is.',
      unverifiedUnresolved: '{{api}} downloads a file whose URL and destination reach it through more calls than are followed here, and {{action}} it without a checksum comparison: when it is a model, a substituted or tampered file would be used as is.',
      unverifiedHelper: '{{helper}}(...) downloads {{what}} and saves it, and neither it nor this function compares a checksum: a substituted or tampered file would be used as is.',
    },
    remediation: 'Compare the bytes with a known SHA-256 before saving or loading: `if hashlib.sha256(data).hexdigest() != EXPECTED_SHA256: raise ValueError(...)`, or fetch from the Hub with a pinned revision.',
  },
  create(context) {
    const sc = context.sourceCode;
    /** `rawDownload` of each call, once (the handler and the helper search both ask). */
    const downloads = new Map<number, RawDownload | undefined>();
    const downloadOf = (call: PyNode): RawDownload | undefined => {
      if (downloads.has(call.id)) return downloads.get(call.id);
      const dl = rawDownload(sc, call);
      downloads.set(call.id, dl);
      return dl;
    };
    // a hash comparison counts for the download whose bytes it compares (or for all when it names none)
    const verifier = downloadVerifier(sc, downloadOf);
    const helpers = new Map<number, boolean>();
    /** A same-file function that downloads a caller-given URL and saves it (`download_file(url, dest)`). */
    const isDownloadHelper = (fn: PyNode): boolean => {
      let v = helpers.get(fn.id);
      if (v !== undefined) return v;
      v = false;
      const body = fn.childForFieldName('body');
      if (body) {
        walkBody(body, (n) => {
          if (v || n.type !== 'call') return;
          const inner = downloadOf(n);
          if (!inner || inner.url.kind !== 'unknown') return;
          const sink = downloadSink(sc, inner);
          // a helper whose own download is evidently a model is reported there, not at each caller
          if (sink?.kind === 'saved' && !modelEvidence(sc, inner, sink)) v = true;
        });
      }
      helpers.set(fn.id, v);
      return v;
    };
    const returners = new Map<number, { name: string; position: number } | null>();
    /**
     * A same-file function that downloads a caller-given URL and returns what it fetched, saving nothing
     * (`def fetch(u): return requests.get(u).content`): the parameter that names the URL. The caller's use of
     * the call's value is then read as that of the download (review federated P2-2).
     */
    const returnedDownload = (fn: PyNode): { name: string; position: number } | undefined => {
      const known = returners.get(fn.id);
      if (known !== undefined) return known ?? undefined;
      let out: { name: string; position: number } | null = null;
      const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
      const paramNames = params.map((p) => (p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.namedChildren[0])?.text ?? ''));
      const body = fn.childForFieldName('body');
      if (body) {
        // the names returned in this function's own body (not nested functions')
        const returned = new Set<string>();
        const returns: PyNode[] = [];
        walkBody(body, (n) => {
          if (n.type === 'return_statement') {
            returns.push(n);
            for (const id of identifiersIn(n)) returned.add(id);
          }
        });
        walkBody(body, (n) => {
          if (out || n.type !== 'call') return;
          const inner = downloadOf(n);
          if (!inner || inner.savesDirectly || inner.url.kind !== 'unknown' || inner.urlNode?.type !== 'identifier') return;
          const position = paramNames.indexOf(inner.urlNode.text);
          if (position < 0 || downloadSink(sc, inner)) return;
          const stmt = statementOf(n);
          let flows = returns.some((r) => n.startIndex >= r.startIndex && n.endIndex <= r.endIndex);
          if (!flows && stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'assignment') {
            const left = stmt.namedChildren[0].childForFieldName('left');
            flows = left?.type === 'identifier' && returned.has(left.text);
          }
          if (flows) out = { name: inner.urlNode.text, position };
        });
      }
      returners.set(fn.id, out);
      return out ?? undefined;
    };
    // Flow between functions of the same file: the model URL or file name is given by the caller.
    let helperNames: Set<string> | undefined;
    /**
     * Names of same-file functions that contain a raw download (computed once per file, in one walk over the
     * calls): every function around each download.
     */
    const downloadFunctionNames = (): Set<string> => {
      if (!helperNames) {
        helperNames = new Set();
        for (const c of sc.descendants(sc.ast, 'call')) {
          if (!downloadOf(c)) continue;
          for (let p = c.parent; p; p = p.parent) {
            const name = p.type === 'function_definition' ? p.childForFieldName('name') : null;
            if (name) helperNames.add(sc.getText(name));
          }
        }
      }
      return helperNames;
    };
    const helperCall = (node: PyNode) => {
      if (context.depth === 'quick') return;
      const helperNames = downloadFunctionNames();
      if (!helperNames.size) return;
      // the helper called, or handed to an API that calls it (`executor.submit(download, url, dst)`,
      // `Thread(target=download, args=(url, dst))`, `pool.map(download, urls)`) with what it passes on
      let given: Array<PyNode | undefined>;
      let local: PyNode | undefined;
      let handed = false;
      if (helperNames.has(calleeName(node) ?? '')) {
        local = sc.localFunction(node);
        given = argList(node).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') ?? undefined : a));
      } else {
        const use = callbackUse(sc, node);
        const helperName = use?.fn.type === 'attribute' ? use.fn.childForFieldName('attribute')?.text : use?.fn.type === 'identifier' ? use.fn.text : undefined;
        if (!use || !helperName || !helperNames.has(helperName)) return;
        local = sc.localFunction(use.fn);
        given = handedArguments(use);
        handed = true;
      }
      if (!local || local.type !== 'function_definition' || !isDownloadHelper(local)) return;
      let evidence: 'strong' | 'weak' | undefined;
      let what = 'a model file';
      let notModel = false;
      // each argument, and for a loop variable each value it takes (`for url in links: self.fetch(url, d)`
      // with `links` a list of model URLs, built here or returned by a function of this file)
      const candidates = given.flatMap((v) => (v?.type === 'identifier' ? [v, ...(sc.loopValues(v) ?? [])] : v ? [v] : []));
      for (const v of candidates) {
        const r = resolve(sc, v);
        const str = r.kind === 'string' || r.kind === 'prefix' ? r.value : r.kind === 'local' ? r.prefix : undefined;
        const pieces = literalPieces(v, sc);
        if ((str && isModelFile(str)) || pieces.some((p) => isModelFile(p))) {
          evidence = 'strong';
          // a URL quoted only when whole (not the known start of one built at run time)
          if (r.kind === 'string' && /^[a-z]+:\/\//i.test(r.value)) what = `"${short(r.value)}"`;
        } else {
          if ((str && isNonModelFile(str)) || pieces.some(isNonModelFile)) notModel = true;
          if (!evidence && ((str && mentionsModel(str)) || mentionsModel(v.text))) evidence = 'weak';
        }
      }
      // names alone (`MODELS_URL`) do not outweigh a file that is evidently no model (`table.csv`)
      if (!evidence || (evidence === 'weak' && notModel)) return;
      const caller = sc.enclosingFunction(node);
      if (verifier.anyCheck(local)) return;
      // what the helper fetched, named by what it is given (for a handed helper, what the API passes it)
      const bytes = handed ? downloadBytes(sc, node, given) : downloadBytesOf(sc, node, downloadOf);
      if (bytes && verifier.verified(bytes, caller)) return;
      const helper = local.childForFieldName('name')?.text ?? 'helper';
      // a check past the helper walk's depth bound may verify it (`verifier.undecided`)
      const undecided = verifier.undecided(local) || verifier.undecided(caller);
      context.report({ node, messageId: 'unverifiedHelper', data: { helper, what }, confidence: evidence === 'strong' && !undecided ? 'high' : 'medium' });
    };
    /**
     * What an API that calls a handed function passes it, as far as it can be read: its later arguments
     * (`submit(f, url, dst)`), the items of an args tuple (`Thread(target=f, args=(url, dst))`), or the
     * iterables whose items it passes (`map(f, urls)`: the list stands for its items).
     */
    const handedArguments = (use: CallbackUse): Array<PyNode | undefined> => {
      const out: Array<PyNode | undefined> = [];
      for (let position = 0; position < 16; position++) {
        const value = callbackArgument(sc, use, { name: '', position });
        if (value === undefined) break;
        if (value !== UNKNOWN) out.push(value);
        else if (use.api.forwards === 'items' || use.api.forwards === 'spread') {
          const iterable = sc.argument(use.call, { position: use.api.position + 1 + position });
          if (!iterable) break;
          out.push(iterable);
        }
      }
      return out;
    };
    /** A call of a same-file function that returns what it downloads, read as the download (`returnedDownload`). */
    const returnedDownloadCall = (node: PyNode): RawDownload | undefined => {
      if (context.depth === 'quick') return undefined;
      const helper = calleeName(node);
      if (!helper || !downloadFunctionNames().has(helper)) return undefined;
      const local = sc.localFunction(node);
      if (local?.type !== 'function_definition') return undefined;
      const ret = returnedDownload(local);
      if (!ret) return undefined;
      // a method called on its instance or class: `self`/`cls` is not passed
      const first = local.childForFieldName('parameters')?.namedChildren[0]?.text;
      const shift = calleeOf(node)?.type === 'attribute' && (first === 'self' || first === 'cls') ? 1 : 0;
      if (ret.position < shift) return undefined;
      const urlNode = sc.argument(node, { name: ret.name }) ?? sc.argument(node, { position: ret.position - shift });
      if (!urlNode) return undefined;
      return { call: node, api: `${helper}(...)`, urlNode, url: resolve(sc, urlNode), savesDirectly: false };
    };
    return {
      call(node: PyNode) {
        const dl = downloadOf(node) ?? returnedDownloadCall(node);
        if (!dl) {
          helperCall(node);
          return;
        }
        // a helper that returns its download: a check in it counts for what it returns
        if (dl.call === node && !downloads.get(node.id)) {
          const local = sc.localFunction(node);
          if (local && verifier.anyCheck(local)) return;
        }
        const sink = downloadSink(sc, dl);
        if (!sink) return;
        const evidence = modelEvidence(sc, dl, sink);
        if (!evidence) {
          // the walk from the URL and destination stopped at its depth bound (a chain of wrapper functions):
          // not known to be a model, not known not to be one, so reported at low confidence
          if (modelEvidenceCutShort(sc, dl, sink) && !verifier.verified(rawDownloadBytes(sc, dl, sink))) {
            context.report({ node, messageId: 'unverifiedUnresolved', data: { api: dl.api, action: sink.kind === 'loaded' ? 'loads' : 'saves' }, confidence: 'low' });
          }
          return;
        }
        if (verifier.verified(rawDownloadBytes(sc, dl, sink))) return;
        const what = dl.url.kind === 'string' ? `"${short(dl.url.value)}"` : 'a model file';
        const action = sink.kind === 'loaded' ? 'loads' : 'saves';
        const urlKnown = dl.url.kind === 'string' || dl.url.kind === 'prefix';
        // a model file by its URL, by where it is saved (`open("weights/x.pth", "wb")`), or by its loader
        // a same-file helper past the check walk's depth bound may compare the digest: not known, so not at full confidence
        const undecided = verifier.undecided(sc.enclosingFunction(dl.call));
        const confidence = evidence === 'strong' && !undecided ? (urlKnown || sink.kind === 'loaded' || dl.dest || sink.dest ? 'high' : 'medium') : 'medium';
        context.report({ node, messageId: 'unverified', data: { api: dl.api, what, action }, confidence });
      },
    };
  },
});

function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
