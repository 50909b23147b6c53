import { createRule, UNKNOWN } from '@oculum/core';
import { importTrigger } from '@oculum/lang-python';
import { calleeOf, type PyNode, type PySourceCode } from '../util/ast.js';
import { downloadBytes, downloadVerifier, evidentlyNoModel } from '../util/download.js';
import { pythonTruthy } from '../util/classify.js';
import { docsUrl } from '../util/meta.js';
import { resolve } from '../util/resolve.js';

const name = 'download-without-hash';

interface Helper {
  api: string;
  /** Keyword (and position) that carries the hash check; the first present truthy one verifies. */
  hashArgs: Array<{ name: string; position?: number; kind: 'flag' | 'value' }>;
  fix: string;
  /**
   * The helper only downloads (nothing is loaded yet): a hash the function checks afterwards on the file
   * it writes still protects, and a file that is evidently no model is not this rule's concern.
   */
  downloadOnly?: { url: { name: string; position: number }; file: { name: string; position: number } };
}

function helperFor(qn: string | undefined): Helper | undefined {
  if (!qn) return undefined;
  if (/^torch\.(?:hub|utils\.model_zoo)\.(?:load_state_dict_from_url|load_url)$/.test(qn)) {
    return { api: qn.split('.').pop()!, hashArgs: [{ name: 'check_hash', position: 4, kind: 'flag' }], fix: 'check_hash=True' };
  }
  if (/^torch\.hub\.download_url_to_file$/.test(qn)) {
    return { api: 'download_url_to_file', hashArgs: [{ name: 'hash_prefix', position: 2, kind: 'value' }], fix: 'hash_prefix=', downloadOnly: { url: { name: 'url', position: 0 }, file: { name: 'dst', position: 1 } } };
  }
  if (/^(?:tensorflow\.(?:python\.)?keras|tf_keras|keras)\.(?:src\.)?utils\.(?:data_utils\.|file_utils\.)?get_file$/.test(qn)) {
    return { api: 'get_file', hashArgs: [{ name: 'file_hash', position: 3, kind: 'value' }, { name: 'md5_hash', position: 2, kind: 'value' }], fix: 'file_hash=', downloadOnly: { url: { name: 'origin', position: 1 }, file: { name: 'fname', position: 0 } } };
  }
  return undefined;
}

const RULE_TRIGGERS = ['load_state_dict_from_url', 'load_url', 'download_url_to_file', 'get_file'];
/** What `create` needs imported before it reports anything. */
const FRAMEWORKS = ['torch', 'tensorflow', 'keras', 'tf_keras', 'torchvision'];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    triggerGroups: [[importTrigger(FRAMEWORKS)]],
    docs: {
      description: 'Reports library download helpers (`load_state_dict_from_url`, `download_url_to_file`, `keras.utils.get_file`) called without their built-in hash check.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      missing: '{{api}} downloads a file without its built-in hash check (no {{fix}}): a tampered or substituted file is used as is.',
      disabled: '{{api}} is called with its hash check turned off ({{arg}}); a tampered or substituted file is used as is.',
      unknown: '{{api}} takes its hash check from `{{expr}}`, which could not be resolved.',
    },
    remediation: 'Verify downloads: `load_state_dict_from_url(url, check_hash=True)` with the SHA-256 prefix in the file name, `download_url_to_file(url, dst, hash_prefix=...)`, `get_file(..., file_hash=<sha256>)`.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (!FRAMEWORKS.some((m) => sc.imports.has(m))) return {};
    // a hash comparison afterwards counts for the download whose file it compares (or for all when it names none)
    const verifier = downloadVerifier(sc);
    return {
      call(node: PyNode) {
        // Every name the callee may denote (`try: from torchvision.models.utils import
        // load_state_dict_from_url` / `except ImportError: from torch.utils.model_zoo import load_url as …`)
        // must be a helper with the same hash argument.
        const helpers = sc.qualifiedNames(calleeOf(node)!).map(helperFor);
        const helper = helpers[0];
        if (!helper || helpers.some((h) => h?.fix !== helper.fix)) return;
        let sawUnknown: PyNode | undefined;
        let sawDisabled: PyNode | undefined;
        for (const h of helper.hashArgs) {
          const arg = sc.argument(node, { name: h.name }) ?? (h.position !== undefined ? sc.argument(node, { position: h.position }) : undefined);
          if (!arg) continue;
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
        if (helper.downloadOnly) {
          const { url, file } = helper.downloadOnly;
          const urlNode = sc.argument(node, { name: url.name }) ?? sc.argument(node, { position: url.position });
          const destNode = sc.argument(node, { name: file.name }) ?? sc.argument(node, { position: file.position });
          // a split list, a vocabulary, a page: not a model (the notion hf/unverified-model-download uses)
          if (evidentlyNoModel(sc, { urlNode, url: resolve(sc, urlNode), destNode, dest: destNode ? resolve(sc, destNode) : undefined })) return;
          // `download_url_to_file(url, dst)` then `if sha256(open(dst, "rb").read()).hexdigest() != expected: raise`
          if (verifier.verified(downloadBytes(sc, node, [destNode]))) return;
        }
        if (sawUnknown) {
          context.report({ node, messageId: 'unknown', data: { api: helper.api, expr: sawUnknown.text }, confidence: 'low' });
          return;
        }
        if (sawDisabled) {
          context.report({ node, messageId: 'disabled', data: { api: helper.api, arg: sawDisabled.parent?.type === 'keyword_argument' ? sawDisabled.parent.text : sawDisabled.text } });
          return;
        }
        const confidence = sc.hasUnresolvedArguments(node) ? 'low' : 'high';
        context.report({ node, messageId: 'missing', data: { api: helper.api, fix: helper.fix }, confidence });
      },
    };
  },
});
