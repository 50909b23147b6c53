import { createRule } from '@oculum/core';
import type { JsNode, JsSourceCode } from '@oculum/lang-js';
import { importsAny, isTransformersModule, shown } from '../utils/libraries.js';
import { httpLiterals, httpsSuggestion } from '../utils/http-literals.js';
import { classifyLocation, classifyString, hostOf, isHubHost, isLoopback } from '../utils/locations.js';
import { docsUrl } from '../utils/meta.js';
import { envWrites, isPlainHttpHost, ownServerAfter, type EnvWrite } from '../utils/remote-models.js';

interface Options {
  /** Hosts of mirrors you operate and trust (`models.example.com`); subdomains included. */
  allowedHosts?: string[];
}

/** The path template transformers.js uses for the Hub: `{model}/resolve/{revision}/`. */
const HUB_TEMPLATE = /^\/?\{model\}\/resolve\/\{revision\}\/?$/;

/** What to do about a template without `{revision}` (`templateDropsRevision`): the template, not the host. */
const TEMPLATE_DROPS_REVISION_REMEDIATION =
  'Keep `{revision}` in `env.remotePathTemplate` (the default, `{model}/resolve/{revision}/`) so that revision pins apply, or leave the setting at its default.';

export default createRule<[Options?], JsSourceCode>({
  name: 'insecure-remote-host',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['remoteHost', 'remotePathTemplate'],
    docs: {
      description:
        'Reports transformers.js `env.remoteHost` set to a plain-HTTP or non-Hub host, and `env.remotePathTemplate` pointing off the Hub or dropping `{revision}`.',
      recommended: true,
      url: docsUrl('insecure-remote-host'),
    },
    messages: {
      insecureHost: '`env.remoteHost` downloads every model over plain HTTP ("{{host}}"): anyone on the network path can swap the weights.',
      insecureOffHubHost:
        '`env.remoteHost` downloads every model over plain HTTP from "{{host}}", a host other than the Hugging Face Hub: anyone on the network path can swap the weights, and even over HTTPS that mirror is trusted blindly.',
      offHubHost: '`env.remoteHost` sends every model download to "{{host}}" instead of the Hugging Face Hub; that mirror is trusted blindly.',
      unknownHost: '`env.remoteHost` is set to a value the analysis cannot resolve; make sure it is an HTTPS Hub URL.',
      absoluteTemplate: '`env.remotePathTemplate` is an absolute URL ("{{template}}"): models are fetched from wherever it points, not the Hub.',
      templateDropsRevision: '`env.remotePathTemplate` ("{{template}}") has no `{revision}`: every revision pin in the app is silently ignored.',
      unknownTemplate: '`env.remotePathTemplate` is set to a value the analysis cannot resolve; the Hub layout is `{model}/resolve/{revision}/`.',
      useHttps: 'Use https://',
    },
    remediation:
      'Leave `env.remoteHost` at its default (`https://huggingface.co/`) or point it at an HTTPS mirror you control (then list it in `allowedHosts`), and keep `env.remotePathTemplate` at `{model}/resolve/{revision}/` so revision pins apply.',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: { allowedHosts: { type: 'array', items: { type: 'string' }, description: 'Trusted mirror hosts.' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowedHosts: [] }],
  },
  create(context, [options]: [Options?] = []) {
    const sc = context.sourceCode;
    if (!importsAny(sc, isTransformersModule)) return {};
    const allowed = (options?.allowedHosts ?? []).map((h) => h.toLowerCase());
    const isAllowed = (host: string): boolean => {
      const h = host.toLowerCase();
      return isHubHost(h) || allowed.some((a) => h === a || h.endsWith(`.${a}`));
    };

    /**
     * One of several known hosts: each is judged; the first plain-HTTP one, else the first off-Hub
     * one, is reported, at medium confidence unless every value is as bad (and none may replace them).
     */
    const judgeValues = (node: JsNode, values: readonly string[], overridable: boolean) => {
      const judged = values.map((value) => ({ value, ...classifyString(value, false) }));
      const http = judged.filter((j) => j.kind === 'remote' && j.http);
      const offHub = judged.filter((j) => j.kind === 'remote' && !j.http && j.host && !isAllowed(j.host));
      const all = (list: unknown[]) => list.length === judged.length && !overridable;
      if (http.length > 0) context.report({ node, messageId: 'insecureHost', data: { host: shown(http[0].value) }, confidence: all(http) ? 'high' : 'medium' });
      else if (offHub.length > 0) context.report({ node, messageId: 'offHubHost', data: { host: offHub[0].host! }, confidence: all(offHub) ? undefined : 'medium' });
    };

    const check = (field: string, value: JsNode, node: JsNode, write: EnvWrite) => {
      if (field === 'env.remoteHost') {
        const location = classifyLocation(sc, value);
        if (location.kind === 'unknown' || location.overridable) {
          // known values that point different ways (`prod ? "https://huggingface.co/" :
          // "http://localhost:8000/"`, also held in a variable): each is judged, a local model
          // server (loopback, relative) among them as it is alone
          const known = sc.knownValues(value);
          const values = known && !known.others && known.values.every((v): v is string => typeof v === 'string') ? (known.values as string[]) : undefined;
          if (values && values.every((v) => ['local', 'remote'].includes(classifyString(v, false).kind))) {
            judgeValues(node, values, false);
            return;
          }
        }
        if (location.kind === 'unknown' || (location.kind === 'remote' && location.partial && !location.http && !location.host)) {
          context.report({ node, messageId: 'unknownHost', confidence: 'low' });
          return;
        }
        if (location.kind !== 'remote') return; // loopback or relative: a local model server
        const host = location.host ?? (location.value ? hostOf(location.value) : '');
        if (isPlainHttpHost(location)) {
          context.report({
            node,
            // a known host off the Hub: both problems, so that switching to https:// is not taken for the whole fix
            messageId: host && location.value !== undefined && !isAllowed(host) ? 'insecureOffHubHost' : 'insecureHost',
            data: { host: shown(location.value ?? `http://${host}…`) },
            confidence: location.partial || location.overridable ? 'medium' : 'high',
            suggest: httpsSuggestion(sc, httpLiterals(sc, value)),
          });
          return;
        }
        if (location.value === undefined && location.values) {
          // (`for (const host of MIRRORS) env.remoteHost = host`)
          judgeValues(node, location.values, location.overridable === true);
          return;
        }
        if (host && !isAllowed(host)) context.report({ node, messageId: 'offHubHost', data: { host }, confidence: location.overridable ? 'medium' : undefined });
        return;
      }
      if (field === 'env.remotePathTemplate') {
        const template = sc.constant(value);
        if (typeof template !== 'string') {
          context.report({ node, messageId: 'unknownTemplate', confidence: 'low' });
          return;
        }
        if (/^[a-z][a-z0-9+.-]*:\/\/|^\/\//i.test(template)) {
          const host = hostOf(template);
          if (host && isLoopback(host)) return; // a model server on this machine
          if (host && isAllowed(host) && /\{revision\}/.test(template)) return;
          context.report({ node, messageId: 'absoluteTemplate', data: { template: shown(template) } });
          return;
        }
        if (HUB_TEMPLATE.test(template) || /\{revision\}/.test(template)) return;
        // the layout of the app's own model server (`env.remoteHost = "http://127.0.0.1:8080"`,
        // `"/models/"`, `` `${location.origin}/models/` ``, `chrome.runtime.getURL("models/")` set
        // before): the app serves its own files, there is no Hub revision to drop
        if (ownServerAfter(sc, write)) return;
        context.report({ node, messageId: 'templateDropsRevision', data: { template: shown(template) }, remediation: TEMPLATE_DROPS_REVISION_REMEDIATION });
      }
    };
    return {
      // `env.remoteHost = '…'` (also `??=`, `||=`) and `Object.assign(env, { remoteHost: '…' })`.
      Program() {
        for (const w of envWrites(sc)) {
          if (w.operator !== '=' && w.operator !== '??=' && w.operator !== '||=') continue;
          check(`env.${w.field}`, w.value, w.at, w);
        }
      },
    };
  },
});
