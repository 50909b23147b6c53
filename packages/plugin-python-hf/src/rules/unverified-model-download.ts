import { createRule } from '@oculum/core';
import type { PyNode, PySourceCode } from '../util/ast.js';
import { downloadSink, hasHashCheck, modelEvidence, rawDownload } from '../util/download.js';
import { docsUrl } from '../util/meta.js';

const name = 'unverified-model-download';

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: ['requests', 'httpx', 'aiohttp', 'urlopen', 'urlretrieve', 'wget', 'curl'],
    docs: {
      description: 'Reports model or weight files downloaded over HTTP and saved or loaded without comparing a checksum.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      unverified: '{{api}} downloads {{what}} and {{action}} it without a checksum comparison: a substituted or tampered file would be used as is.',
    },
    remediation: 'Compare the bytes with a known SHA-256 before saving or loading: `if hashlib.sha256(data).hexdigest() != EXPECTED_SHA256: raise ValueError(...)`, or fetch from the Hub with a pinned revision.',
  },
  create(context) {
    const sc = context.sourceCode;
    const checked = new Map<number, boolean>();
    return {
      call(node: PyNode) {
        const dl = rawDownload(sc, node);
        if (!dl) return;
        const sink = downloadSink(sc, dl);
        if (!sink) return;
        const evidence = modelEvidence(sc, dl, sink);
        if (!evidence) return;
        const fn = sc.enclosingFunction(node);
        let verified = checked.get(fn.id);
        if (verified === undefined) {
          verified = hasHashCheck(sc, fn);
          checked.set(fn.id, verified);
        }
        if (verified) return;
        const what = dl.url.kind === 'string' ? `"${short(dl.url.value)}"` : 'a model file';
        const action = sink.kind === 'loaded' ? 'loads' : 'saves';
        const urlKnown = dl.url.kind === 'string' || dl.url.kind === 'prefix';
        const confidence = evidence === 'strong' ? (urlKnown || sink.kind === 'loaded' || dl.dest ? 'high' : 'medium') : 'medium';
        context.report({ node, messageId: 'unverified', data: { api: dl.api, what, action }, confidence });
      },
    };
  },
});

function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
