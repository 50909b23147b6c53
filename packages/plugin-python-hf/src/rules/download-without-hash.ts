import { createRule, UNKNOWN } from '@oculum/core';
import { importTrigger } from '@oculum/lang-python';
import { calleeOf, receiverOf, type PyNode, type PySourceCode } from '../util/ast.js';
import { datasetArchive, downloadBytes, downloadVerifier, evidentlyNoModel, KERAS_GET_FILE, literalPieces, modelEvidence, poochDownload, poochModelEvidence } from '../util/download.js';
import { isModelFile, isUrl, mentionsModel, pythonTruthy } from '../util/classify.js';
import { docsUrl } from '../util/meta.js';
import { resolve } from '../util/resolve.js';

const name = 'download-without-hash';

interface Helper {
  api: string;
  /** Keyword (and position) that carries the hash check; the first present truthy one verifies. */
  hashArgs: Array<{ name: string; position?: number; kind: 'flag' | 'value' }>;
  fix: string;
  /** The remediation of a finding on this helper: how to turn its own check on. */
  remediation: string;
  /**
   * The helper only downloads (nothing is loaded yet): a hash the function checks afterwards still
   * protects, and a file that is evidently no model is not this rule's concern.
   */
  downloadOnly?: { url: { name: string; position: number }; file: { name: string; position: number } };
  /**
   * The helper mostly fetches datasets (torchvision's `download_url`): reported only with evidence that the file
   * is a model's (its URL or file name, `modelEvidence`), at medium confidence when that evidence is weak.
   */
  modelOnly?: boolean;
}

/**
 * torchvision's dataset download helpers (torchvision/datasets/utils.py: `download_url(url, root, filename=None,
 * md5=None, max_redirect_attempts=3)`, `download_and_extract_archive(url, download_root, extract_root=None,
 * filename=None, md5=None, remove_finished=False)`, `download_file_from_google_drive(file_id, root, filename=None,
 * md5=None)`), which check the file's MD5 only when given one (`check_integrity(fpath, md5)` is true for
 * `md5=None`), also as torchgeo imports them into `torchgeo.datasets.utils` (review geo P3-1).
 */
const TORCHVISION_DOWNLOAD = /^(?:torchvision|torchgeo)\.datasets\.utils\.(download_url|download_and_extract_archive|download_file_from_google_drive)$/;
const TORCHVISION_POSITIONS: Readonly<Record<string, { file: number; md5: number }>> = {
  download_url: { file: 2, md5: 3 },
  download_and_extract_archive: { file: 3, md5: 4 },
  download_file_from_google_drive: { file: 2, md5: 3 },
};

/** keras's `get_file(fname, origin, untar, md5_hash, file_hash, cache_subdir, hash_algorithm, extract, archive_format, cache_dir)`. */
const GET_FILE: Helper = {
  api: 'get_file',
  hashArgs: [{ name: 'file_hash', position: 4, kind: 'value' }, { name: 'md5_hash', position: 3, kind: 'value' }],
  fix: 'file_hash=',
  remediation: 'Pass `file_hash=` the SHA-256 of the reviewed file (`get_file(fname, origin, file_hash="<sha256>")`): Keras checks the download against it and refuses a file that does not match.',
  downloadOnly: { url: { name: 'origin', position: 1 }, file: { name: 'fname', position: 0 } },
};

/**
 * The graph-learning libraries' download helpers (review gnn P3-2), which mostly fetch datasets: PyG's
 * `torch_geometric.data.download_url(url, folder, log=True, filename=None)` (torch_geometric/data/download.py), which
 * has no hash check at all and saves `folder/filename` (the URL's last part by default), and DGL's
 * `dgl.data.utils.download(url, path=None, overwrite=True, sha1_hash=None, retries=5, verify_ssl=True, log=True)`
 * (python/dgl/data/utils.py), which checks the file's SHA-1 only when given `sha1_hash` (`if sha1_hash and not
 * check_sha1(fname, sha1_hash): raise`). Both are reported only for a model's file, as torchvision's are.
 */
const PYG_DOWNLOAD_URL = /^torch_geometric\.data\.(?:download\.)?download_url$/;
const DGL_DOWNLOAD = /^dgl\.data\.(?:utils\.)?download$/;

function helperFor(qn: string | undefined): Helper | undefined {
  if (!qn) return undefined;
  if (/^torch\.(?:hub|utils\.model_zoo)\.(?:load_state_dict_from_url|load_url)$/.test(qn)) {
    return {
      api: qn.split('.').pop()!,
      hashArgs: [{ name: 'check_hash', position: 4, kind: 'flag' }],
      fix: 'check_hash=True',
      remediation: 'Pass `check_hash=True` with a file name that ends in the first digits of the file\'s SHA-256 (`resnet18-f37072fd.pth`): torch checks the download against that prefix and refuses a file that does not match.',
    };
  }
  if (/^torch\.hub\.download_url_to_file$/.test(qn)) {
    return {
      api: 'download_url_to_file',
      hashArgs: [{ name: 'hash_prefix', position: 2, kind: 'value' }],
      fix: 'hash_prefix=',
      remediation: 'Pass `hash_prefix=` the SHA-256 of the reviewed file (or its first digits): torch checks the download against it and refuses a file that does not match.',
      downloadOnly: { url: { name: 'url', position: 0 }, file: { name: 'dst', position: 1 } },
    };
  }
  if (KERAS_GET_FILE.test(qn)) return GET_FILE;
  const tv = TORCHVISION_DOWNLOAD.exec(qn);
  if (tv) {
    const at = TORCHVISION_POSITIONS[tv[1]];
    return {
      api: tv[1],
      hashArgs: [{ name: 'md5', position: at.md5, kind: 'value' }],
      fix: 'md5=',
      remediation: `Pass \`md5=\` the MD5 of the reviewed file (\`${tv[1]}(..., md5="<hex>")\`): torchvision checks the download against it and raises on a file that does not match.`,
      // (Google Drive's file id is no URL: the file name is the evidence)
      downloadOnly: { url: { name: tv[1] === 'download_file_from_google_drive' ? 'file_id' : 'url', position: 0 }, file: { name: 'filename', position: at.file } },
      modelOnly: true,
    };
  }
  if (PYG_DOWNLOAD_URL.test(qn)) {
    return {
      api: 'download_url',
      hashArgs: [],
      fix: '',
      remediation: 'PyG\'s `download_url` cannot check what it downloads: compare the SHA-256 of the returned file with the reviewed one before using it (`hashlib.sha256(open(path, "rb").read()).hexdigest() != EXPECTED: raise`), or fetch with a helper that checks it (`torch.hub.download_url_to_file(url, dst, hash_prefix=...)`).',
      downloadOnly: { url: { name: 'url', position: 0 }, file: { name: 'filename', position: 3 } },
      modelOnly: true,
    };
  }
  if (DGL_DOWNLOAD.test(qn)) {
    return {
      api: 'download',
      hashArgs: [{ name: 'sha1_hash', position: 3, kind: 'value' }],
      fix: 'sha1_hash=',
      remediation: 'Pass `sha1_hash=` the SHA-1 of the reviewed file (`download(url, path, sha1_hash="<hex>")`): DGL checks the download against it and raises on a file that does not match.',
      downloadOnly: { url: { name: 'url', position: 0 }, file: { name: 'path', position: 1 } },
      modelOnly: true,
    };
  }
  return undefined;
}

/** Keywords only keras's `get_file` takes among the `get_file` methods: with one, the call is keras's by its shape. */
const KERAS_ONLY_KEYWORDS = ['cache_subdir', 'cache_dir', 'untar', 'extract', 'archive_format', 'hash_algorithm'];

// (pooch's `retrieve`/`fetch` by `pooch`, which a file that calls them imports: the words alone made 34 more of
// PyTorch's files parsed, five times this rule's share)
const RULE_TRIGGERS = ['load_state_dict_from_url', 'load_url', 'download_url', 'get_file', 'download_and_extract_archive', 'download_file_from_google_drive', /\bpooch\b/, importTrigger(['dgl'])];
/** What `create` needs imported before it reports a helper it can name. */
const FRAMEWORKS = ['torch', 'tensorflow', 'keras', 'tf_keras', 'torchvision', 'torchgeo', 'pooch', 'torch_geometric', 'dgl'];

/** What to do about a pooch download that skips its check. */
const POOCH_REMEDIATION =
  'Give pooch the hash of the reviewed file: `pooch.retrieve(url, known_hash="sha256:<hex>")`, a registry entry `{"weights.pth": "sha256:<hex>"}` (or `"md5:<hex>"`): pooch checks each download against it and deletes a file that does not match.';
/** Or a `.get_file(` call on a receiver the file may not import (keras.utils injected at run time). */
const GET_FILE_METHOD = /\.\s*get_file\s*\(/;

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    triggerGroups: [[importTrigger(FRAMEWORKS), GET_FILE_METHOD]],
    docs: {
      description: 'Reports library download helpers (`load_state_dict_from_url`, `download_url_to_file`, `keras.utils.get_file`, pooch\'s `retrieve` and `fetch`) called without their built-in hash check.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      missing: '{{api}} downloads a file without its built-in hash check (no {{fix}}): a tampered or substituted file is used as is.',
      noCheck: '{{api}} downloads the model file "{{file}}" and has no hash check of its own, and nothing compares its digest afterwards: a tampered or substituted file is used as is.',
      missingLikely: '`{{callee}}` has the shape of keras.utils.get_file fetching the model file "{{file}}", and is called without its built-in hash check (no file_hash=): a tampered or substituted file is used as is.',
      disabled: '{{api}} is called with its hash check turned off ({{arg}}); a tampered or substituted file is used as is.',
      unknown: '{{api}} takes its hash check from `{{expr}}`, which could not be resolved.',
      poochRegistry: '{{api}} fetches {{file}}, whose registry entry is None: pooch skips its hash check, and a tampered or substituted file is used as is.',
    },
    remediation: 'Verify downloads: `load_state_dict_from_url(url, check_hash=True)` with the SHA-256 prefix in the file name, `download_url_to_file(url, dst, hash_prefix=...)`, `get_file(..., file_hash=<sha256>)`, `pooch.retrieve(url, known_hash="sha256:<hex>")`.',
  },
  create(context) {
    const sc = context.sourceCode;
    const frameworks = FRAMEWORKS.some((m) => sc.imports.has(m));
    // a hash comparison afterwards counts for the download whose file it compares (or for all when it names none)
    const verifier = downloadVerifier(sc);
    const argumentOf = (node: PyNode, a: { name: string; position: number }) => sc.argument(node, { name: a.name }) ?? sc.argument(node, { position: a.position });

    /**
     * A `get_file` method on a receiver the analysis cannot name (`keras_utils.get_file(...)` with
     * `keras_utils` from `get_submodules_from_kwargs(kwargs)`), whose arguments are keras's: an `origin`
     * URL and a model file named by it or by `fname`. The model file's name, and the confidence.
     */
    const likelyKerasGetFile = (node: PyNode): { file: string; confidence: 'low' | 'medium' } | undefined => {
      const fn = calleeOf(node);
      const recv = receiverOf(node);
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get_file' || !recv) return undefined;
      // a method of this file's class, or anything the model can name, is not an unknown keras
      if ((recv.type === 'identifier' && (recv.text === 'self' || recv.text === 'cls')) || sc.localFunction(node)) return undefined;
      // (strict names: in a file that imports nothing, any free name may be a module of that name)
      if (sc.qualifiedNames(fn).length || sc.instanceQualifiedNames(fn).length) return undefined;
      const origin = argumentOf(node, GET_FILE.downloadOnly!.url);
      const fname = argumentOf(node, GET_FILE.downloadOnly!.file);
      const url = origin ? resolve(sc, origin) : undefined;
      if (!url || (url.kind !== 'string' && url.kind !== 'prefix') || !isUrl(url.value)) return undefined;
      for (const n of [fname, origin]) {
        if (!n) continue;
        const c = sc.constant(n);
        const file = (typeof c === 'string' ? [c] : literalPieces(n, sc)).find((s) => isModelFile(s));
        if (!file) continue;
        const keras = KERAS_ONLY_KEYWORDS.some((k) => sc.argument(node, { name: k }));
        return { file: file.replace(/[?#].*$/, '').split('/').pop()!, confidence: keras ? 'medium' : 'low' };
      }
      return undefined;
    };

    /**
     * Keras's `get_file` of what is evidently a dataset (review keras P2-3: the TF tutorials' `flower_photos.tgz`,
     * `aclImdb_v1.tar.gz`, `jena_climate_2009_2016.csv.zip`): still reported (DETECTION lists `get_file` without
     * `file_hash`), at lower confidence. `packed-data` for text or table data compressed alone, kept in any cache
     * folder whose name says nothing of models; `archive` for an archive left in Keras's default `cache_subdir`
     * ("datasets", or given so). Neither when anything says model: the URL or file name, the names of the call's
     * arguments, of the variable given the path or of the function (`modelEvidence`), the path handed to a model
     * loader, or `cache_subdir="models"` (keras-applications' weights).
     */
    const kerasDataset = (node: PyNode): 'packed-data' | 'archive' | undefined => {
      const d = GET_FILE.downloadOnly!;
      const subdirNode = sc.argument(node, { name: 'cache_subdir' }) ?? sc.argument(node, { position: 5 });
      const subdir = subdirNode ? sc.constant(subdirNode) : 'datasets';
      if (typeof subdir === 'string' && mentionsModel(subdir)) return undefined;
      const urlNode = argumentOf(node, d.url);
      const destNode = argumentOf(node, d.file);
      const url = urlNode ? resolve(sc, urlNode) : { kind: 'unknown' as const };
      const dest = destNode ? resolve(sc, destNode) : undefined;
      const kind = datasetArchive(sc, { urlNode, url, destNode, dest });
      if (!kind || (kind === 'archive' && subdir !== 'datasets')) return undefined;
      // the returned path, as the name it is assigned to (`weights_path = get_file(...)`), read as a saved file
      const asg = node.parent?.type === 'assignment' ? node.parent : undefined;
      const left = asg?.childForFieldName('left');
      const target = left?.type === 'identifier' ? left : undefined;
      const sink = target ? { kind: 'saved' as const, node, dest: target } : undefined;
      return modelEvidence(sc, { call: node, api: 'get_file', urlNode, url, savesDirectly: true, destNode, dest }, sink) ? undefined : kind;
    };

    /** The name of the file a helper saves, when known: its file argument's value, or the last part of its URL. */
    const shownFile = (node: PyNode, d: NonNullable<Helper['downloadOnly']>): string | undefined => {
      for (const a of [d.file, d.url]) {
        const n = argumentOf(node, a);
        const r = n ? resolve(sc, n) : undefined;
        if (r?.kind === 'string') return r.value.replace(/[?#].*$/, '').split('/').pop() || undefined;
      }
      return undefined;
    };

    /**
     * pooch's `retrieve(url, known_hash=None)` and the `fetch` of a file whose registry entry is `None` (review
     * science P2-2): reported when the file is a model's (its URL or name, or the path handed to a model loader),
     * not for the data files pooch mostly fetches, nor when the function compares the file's hash afterwards.
     */
    const pooch = (node: PyNode): boolean => {
      if (!sc.imports.has('pooch')) return false;
      const dl = poochDownload(sc, node);
      if (!dl) return false;
      const found = poochModelEvidence(sc, dl);
      if (!found) return true;
      if (verifier.verified(downloadBytes(sc, node, [found.file]))) return true;
      const confidence = found.evidence === 'strong' && !dl.someEntries ? 'high' : 'medium';
      if (dl.api === 'pooch.retrieve') {
        context.report({ node, messageId: 'disabled', data: { api: dl.api, arg: dl.off.parent?.type === 'keyword_argument' ? dl.off.parent.text : `known_hash=${dl.off.text}` }, confidence, remediation: POOCH_REMEDIATION });
      } else {
        context.report({ node, messageId: 'poochRegistry', data: { api: dl.api, file: found.file ? found.file.text : 'a file' }, confidence, remediation: POOCH_REMEDIATION });
      }
      return true;
    };

    return {
      call(node: PyNode) {
        if (pooch(node)) return;
        // Every name the callee may denote (`try: from torchvision.models.utils import
        // load_state_dict_from_url` / `except ImportError: from torch.utils.model_zoo import load_url as …`)
        // must be a helper with the same hash argument.
        const helpers = frameworks ? sc.qualifiedNames(calleeOf(node)!).map(helperFor) : [];
        let helper = helpers[0];
        if (helper && helpers.some((h) => h?.fix !== helper!.fix)) return;
        const likely = helper ? undefined : likelyKerasGetFile(node);
        if (likely) helper = GET_FILE;
        if (!helper) return;
        let sawUnknown: PyNode | undefined;
        let sawDisabled: PyNode | undefined;
        for (const h of helper.hashArgs) {
          const arg = sc.argument(node, { name: h.name }) ?? (h.position !== undefined ? sc.argument(node, { position: h.position }) : undefined);
          if (!arg) continue;
          // `def load_file_from_url(url, *, hash_prefix=None): download_url_to_file(url, f, hash_prefix=hash_prefix)`:
          // a helper that forwards its caller's hash turns nothing off; its callers are judged (a literal None stays reported)
          if (h.kind === 'value' && arg.type === 'identifier' && sc.parameterOf(arg)) return;
          const v = sc.constant(arg);
          if (v === UNKNOWN) {
            // A hash held in a variable is a hash given; an unresolved on/off flag is not known.
            if (h.kind === 'value') return;
            sawUnknown = arg;
            continue;
          }
          if (h.kind === 'flag' ? pythonTruthy(v) : v !== null && v !== '' && v !== false) return;
          sawDisabled = arg;
        }
        let weakModel = false;
        if (helper.downloadOnly) {
          const urlNode = argumentOf(node, helper.downloadOnly.url);
          const destNode = argumentOf(node, helper.downloadOnly.file);
          if (helper.modelOnly) {
            const url = urlNode ? resolve(sc, urlNode) : { kind: 'unknown' as const };
            const evidence = modelEvidence(sc, { call: node, api: helper.api, urlNode, url, savesDirectly: true, destNode, dest: destNode ? resolve(sc, destNode) : undefined }, undefined);
            if (!evidence) return;
            weakModel = evidence === 'weak';
          }
          // a split list, a vocabulary, a page: not a model (the notion hf/unverified-model-download uses)
          if (evidentlyNoModel(sc, { urlNode, url: resolve(sc, urlNode), destNode, dest: destNode ? resolve(sc, destNode) : undefined })) return;
          // `download_url_to_file(url, dst)` then `if sha256(open(dst, "rb").read()).hexdigest() != expected: raise`
          if (verifier.verified(downloadBytes(sc, node, [destNode]))) return;
        }
        if (likely && !sawDisabled) {
          const callee = calleeOf(node)!;
          context.report({ node, messageId: 'missingLikely', data: { callee: sc.getText(callee), file: likely.file }, confidence: likely.confidence, remediation: helper.remediation });
          return;
        }
        if (sawUnknown) {
          context.report({ node, messageId: 'unknown', data: { api: helper.api, expr: sawUnknown.text }, confidence: 'low', remediation: helper.remediation });
          return;
        }
        if (sawDisabled) {
          context.report({ node, messageId: 'disabled', data: { api: helper.api, arg: sawDisabled.parent?.type === 'keyword_argument' ? sawDisabled.parent.text : sawDisabled.text }, ...(likely ? { confidence: likely.confidence } : weakModel ? { confidence: 'medium' as const } : {}), remediation: helper.remediation });
          return;
        }
        // a helper that only downloads, in a function whose check search stopped at a same-file helper past its
        // depth bound that may compare the digest afterwards: not known either way
        const undecided = !!helper.downloadOnly && verifier.undecided(sc.enclosingFunction(node));
        const dataset = helper === GET_FILE ? kerasDataset(node) : undefined;
        const confidence = sc.hasUnresolvedArguments(node) || dataset === 'packed-data' ? 'low' : undecided || weakModel || dataset === 'archive' ? 'medium' : 'high';
        if (!helper.hashArgs.length) {
          const file = helper.downloadOnly ? shownFile(node, helper.downloadOnly) : undefined;
          context.report({ node, messageId: 'noCheck', data: { api: helper.api, file: file ?? 'a file' }, confidence, remediation: helper.remediation });
          return;
        }
        context.report({ node, messageId: 'missing', data: { api: helper.api, fix: helper.fix }, confidence, remediation: helper.remediation });
      },
    };
  },
});
