import { createRule } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { isOnnxSessionCreate, shown, tfjsLoaderName } from '../utils/libraries.js';
import { HUB_HOST_TRIGGER, hostOf, httpsFix, isHubHost, isLoopback, looksLikeModelFile, MODEL_FILE_TRIGGERS } from '../utils/locations.js';
import { docsUrl } from '../utils/meta.js';
import { envWrites } from '../utils/remote-models.js';

/** The largest `+` chain a literal starts (`'http://h/' + name + '.onnx'`). */
function concatenationOf(sc: JsSourceCode, node: JsNode): JsNode {
  let top = node;
  for (let p = sc.parent(top); p && p.type === 'BinaryExpression' && p.operator === '+' && p.left === top; p = sc.parent(top)) top = p;
  return top;
}

/** Places where another rule of the pack reports the same URL with the same fix. */
function reportedElsewhere(sc: JsSourceCode, expr: JsNode): boolean {
  const parent = sc.parent(expr);
  if (!parent) return false;
  if (parent.type === 'CallExpression' && parent.arguments[0] === expr) return isOnnxSessionCreate(sc, parent) || tfjsLoaderName(sc, parent) !== undefined;
  // `env.remoteHost = 'http://…'`, `Object.assign(env, { remoteHost: 'http://…' })`: insecure-remote-host's.
  return envWrites(sc).some((w) => w.field === 'remoteHost' && w.value === expr);
}

const MODULE_SOURCES = new Set(['ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration', 'ImportExpression', 'TSExternalModuleReference']);

export default createRule<[], JsSourceCode>({
  name: 'http-model-url',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: [/http:\/\//i], // URL schemes are case-insensitive, and so is the rule
    // Only a URL that `looksLikeModelFile` or names a Hub host is reported.
    triggerGroups: [[...MODEL_FILE_TRIGGERS, HUB_HOST_TRIGGER]],
    docs: {
      description: 'Reports model and weights URLs over plain `http://`, which anyone on the network path can tamper with.',
      recommended: true,
      url: docsUrl('http-model-url'),
    },
    messages: {
      http: 'Model URL over plain HTTP ("{{url}}"): the download can be tampered with in transit.',
      useHttps: 'Use https://',
    },
    remediation: 'Use `https://` (and pin the file: a revision for Hub files, a hash or Subresource Integrity for other downloads).',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    const check = (node: TSESTree.Literal | TSESTree.TemplateLiteral, head: string) => {
      if (!/^http:\/\//i.test(head)) return;
      const host = hostOf(head);
      if (host && isLoopback(host)) return;
      const parent = sc.parent(node);
      if (parent && MODULE_SOURCES.has(parent.type)) return;
      const whole = concatenationOf(sc, node);
      const bounds = sc.stringBounds(whole);
      const value = bounds.value ?? bounds.suffix;
      const modelish = looksLikeModelFile(bounds.value ?? head) || looksLikeModelFile(value.replace(/[?#].*$/, '')) || (host !== '' && isHubHost(host));
      if (!modelish || reportedElsewhere(sc, whole)) return;
      context.report({
        node,
        messageId: 'http',
        data: { url: shown(bounds.value ?? `${bounds.prefix}…${bounds.suffix === bounds.prefix ? '' : bounds.suffix}`) },
        // The host is not known (`http://${host}/…`): it may be a local server.
        confidence: host ? 'high' : 'medium',
        suggest: [{ messageId: 'useHttps', fix: (fixer) => { const f = httpsFix(node); return fixer.replaceText(f.range, f.text); } }],
      });
    };
    return {
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === 'string' && /^["']http:\/\//i.test(sc.getText(node))) check(node, node.value);
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        const sp = sc.parent(node);
        if (sp?.type === 'TaggedTemplateExpression') return;
        const head = node.quasis[0].value.cooked ?? '';
        if (/^`http:\/\//i.test(sc.getText(node))) check(node, head);
      },
    };
  },
});
