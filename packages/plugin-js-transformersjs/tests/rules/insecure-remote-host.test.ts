import rule from '../../src/rules/insecure-remote-host.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import { env } from '@huggingface/transformers';\n";

tester.run(id(rule), rule, {
  valid: [
    imp + `env.remoteHost = 'https://huggingface.co/';`,
    imp + `env.remoteHost = 'https://hf.co';`,
    imp + `env.remoteHost = 'http://127.0.0.1:5000/';`,
    imp + `env.remoteHost = '/mirror/';`,
    imp + `env.remotePathTemplate = '{model}/resolve/{revision}/';`,
    imp + `env.remotePathTemplate = 'models/{model}/{revision}/';`,
    imp + `if (env.remoteHost === 'http://x/') {}`,
    imp + `const host = env.remoteHost;`,
    imp + `Object.assign(env, { remoteHost: 'https://huggingface.co/' });`,
    imp + `Object.assign(other, { remoteHost: 'http://x.example/' });`,
    `const env = {}; env.remoteHost = 'http://x.example.com/';`,
    { code: imp + `env.remoteHost = 'https://models.corp.example/';`, options: [{ allowedHosts: ['corp.example'] }] },
    { code: imp + `env.remotePathTemplate = 'https://models.corp.example/{model}/{revision}/';`, options: [{ allowedHosts: ['models.corp.example'] }] },
    // every host a loop tries is the Hub
    imp + `for (const host of ['https://huggingface.co/', 'https://hf.co/']) env.remoteHost = host;`,
    // a dev guard between the Hub and a local model server: each value is judged, loopback is fine
    imp + `env.remoteHost = process.env.NODE_ENV === 'production' ? 'https://huggingface.co/' : 'http://localhost:8000/';`,
    imp + `const HOST = import.meta.env.DEV ? 'http://localhost:5173/hf/' : 'https://huggingface.co/';\nenv.remoteHost = HOST;`,
    imp + `env.remoteHost = dev ? '/models/' : 'https://hf.co/';`,
    // the layout of a model server on this machine: no Hub revision to drop
    imp + `env.remoteHost = 'http://127.0.0.1:8080';\nenv.remotePathTemplate = '{model}';`,
    imp + `Object.assign(env, { remoteHost: 'http://localhost:3000/', remotePathTemplate: '{model}/' });`,
    imp + `export function local() {\n  env.remoteHost = 'http://[::1]:8080/';\n  env.remotePathTemplate = 'models/{model}/';\n}`,
    imp + `env.remotePathTemplate = 'http://localhost:8080/{model}/';`,
    imp + `env.remotePathTemplate = 'http://0.0.0.0:8080/{model}/';`,
    // the app's own origin or an extension's packaged files: the app serves its own files, no Hub revision to drop
    imp + 'env.remoteHost = `${self.location.origin}/api/voice/models/`;\nenv.remotePathTemplate = \'{model}/\';',
    imp + `env.remoteHost = chrome.runtime.getURL('models/');\nenv.remotePathTemplate = '{model}/';`,
    imp + `env.remoteHost = '/models/';\nenv.remotePathTemplate = '{model}/';`,
    imp + `env.remoteHost = new URL('models/', self.location.href).href;\nenv.remotePathTemplate = '{model}/';`,
    imp + 'env.remoteHost = `${window.location.origin}`;\nenv.remotePathTemplate = \'{model}/\';',
    imp + `export function selfHosted() {\n  env.remoteHost = window.location.origin + '/models/';\n  env.remotePathTemplate = '{model}/';\n}`,
    imp + `const BASE = browser.runtime.getURL('/models/');\nObject.assign(env, { remoteHost: BASE, remotePathTemplate: '{model}/' });`,
  ],
  invalid: [
    // plain HTTP to a host off the Hub: the message says both, so that https:// is not taken for the whole fix
    {
      code: imp + `env.remoteHost = 'http://81.71.85.68:7010/';`,
      errors: [{ messageId: 'insecureOffHubHost', data: { host: 'http://81.71.85.68:7010/' }, confidence: 'high', suggestions: [{ messageId: 'useHttps', output: imp + `env.remoteHost = 'https://81.71.85.68:7010/';` }] }],
    },
    // plain HTTP to the Hub itself: only plain HTTP
    { code: imp + `env.remoteHost = 'http://huggingface.co/';`, errors: [{ messageId: 'insecureHost', data: { host: 'http://huggingface.co/' }, suggestions: [{ messageId: 'useHttps', output: imp + `env.remoteHost = 'https://huggingface.co/';` }] }] },
    { code: imp + `env.remoteHost = 'http://models.corp.example/';`, options: [{ allowedHosts: ['corp.example'] }], errors: [{ messageId: 'insecureHost', suggestions: [{ messageId: 'useHttps', output: imp + `env.remoteHost = 'https://models.corp.example/';` }] }] },
    // a template set before the loopback host, or with the Hub still possible: the Hub's revisions are dropped
    { code: imp + `env.remotePathTemplate = '{model}';\nenv.remoteHost = 'http://127.0.0.1:8080';`, errors: [{ messageId: 'templateDropsRevision' }] },
    { code: imp + `env.remoteHost = dev ? 'http://localhost:8000/' : 'https://huggingface.co/';\nenv.remotePathTemplate = '{model}/';`, errors: [{ messageId: 'templateDropsRevision' }] },
    { code: imp + `export function local() { env.remoteHost = 'http://localhost:8000/'; }\nenv.remotePathTemplate = '{model}/';`, errors: [{ messageId: 'templateDropsRevision' }] },
    // ... also with the app's own origin: the Hub may still be in force, or another host set in a function
    { code: imp + `env.remoteHost = dev ? '/models/' : 'https://huggingface.co/';\nenv.remotePathTemplate = '{model}/';`, errors: [{ messageId: 'templateDropsRevision', data: { template: '{model}/' } }] },
    { code: imp + `export function own() { env.remoteHost = location.origin + '/models/'; }\nenv.remotePathTemplate = '{model}/';`, errors: [{ messageId: 'templateDropsRevision', data: { template: '{model}/' } }] },
    { code: imp + `env.remoteHost = '/models/';\nexport function other() { env.remoteHost = 'https://mirror.example.com/'; }\nenv.remotePathTemplate = '{model}/';`, errors: [{ messageId: 'offHubHost', data: { host: 'mirror.example.com' } }, { messageId: 'templateDropsRevision', data: { template: '{model}/' } }] },
    { code: imp + `export function f() {\n  env.remotePathTemplate = '{model}/';\n  env.remoteHost = chrome.runtime.getURL('models/');\n}`, errors: [{ messageId: 'templateDropsRevision', data: { template: '{model}/' }, line: 3 }] },
    // a remote URL handed to an extension's getURL stays remote (Firefox): a mirror, whose layout drops the Hub's revisions
    {
      code: imp + `env.remoteHost = chrome.runtime.getURL('https://mirror.example.com/');\nenv.remotePathTemplate = '{model}/';`,
      errors: [{ messageId: 'offHubHost', data: { host: 'mirror.example.com' } }, { messageId: 'templateDropsRevision', data: { template: '{model}/' } }],
    },
    // ... a plain-HTTP mirror on one branch is plain HTTP, at medium confidence (the other branch is fine)
    {
      code: imp + `env.remoteHost = process.env.NODE_ENV === 'production' ? 'http://mirror.example.com/' : 'http://localhost:8000/';`,
      errors: [{ messageId: 'insecureHost', data: { host: 'http://mirror.example.com/' }, confidence: 'medium', line: 2 }],
    },
    { code: imp + `env.remoteHost = dev ? 'http://localhost:8000/' : 'https://mirror.example.com/';`, errors: [{ messageId: 'offHubHost', data: { host: 'mirror.example.com' }, confidence: 'medium' }] },
    // a branch that is not known leaves the value unknown
    { code: imp + `env.remoteHost = dev ? 'http://localhost:8000/' : process.env.HOST;`, errors: [{ messageId: 'unknownHost', confidence: 'low' }] },
    // Object.assign: each finding on the property that sets its field
    {
      code: imp + `Object.assign(env, {\n  allowLocalModels: false,\n  remoteHost: 'http://mirror.example.com/',\n  remotePathTemplate: '{model}/resolve/main/',\n});`,
      errors: [
        { messageId: 'insecureOffHubHost', line: 4, column: 3, endLine: 4, endColumn: 43, suggestions: [{ messageId: 'useHttps', output: imp + `Object.assign(env, {\n  allowLocalModels: false,\n  remoteHost: 'https://mirror.example.com/',\n  remotePathTemplate: '{model}/resolve/main/',\n});` }] },
        { messageId: 'templateDropsRevision', line: 5, column: 3 },
      ],
    },
    {
      code: imp + `env.remoteHost = 'http://mirror.example.com/';`,
      errors: [{
        messageId: 'insecureOffHubHost',
        data: { host: 'http://mirror.example.com/' },
        line: 2, column: 1, endColumn: 46,
        suggestions: [{ messageId: 'useHttps', output: imp + `env.remoteHost = 'https://mirror.example.com/';` }],
      }],
    },
    {
      code: imp + `const MIRROR = 'http://mirror.example.com/';\nenv.remoteHost = MIRROR;`,
      errors: [{ messageId: 'insecureOffHubHost', line: 3, suggestions: [{ messageId: 'useHttps', output: imp + `const MIRROR = 'https://mirror.example.com/';\nenv.remoteHost = MIRROR;` }] }],
    },
    // an absolute URL handed to an extension's getURL stays what it is (Firefox)
    {
      code: imp + `env.remoteHost = browser.runtime.getURL('http://mirror.example.com/');`,
      errors: [{ messageId: 'insecureOffHubHost', suggestions: [{ messageId: 'useHttps', output: imp + `env.remoteHost = browser.runtime.getURL('https://mirror.example.com/');` }] }],
    },
    // the literal that holds `http://` is switched, whatever follows it (as transformersjs/http-model-url does)
    {
      code: imp + 'env.remoteHost = `http://${host}/`;',
      errors: [{ messageId: 'insecureHost', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + 'env.remoteHost = `https://${host}/`;' }] }],
    },
    { code: `import * as T from '@xenova/transformers'; T.env.remoteHost = 'https://mirror.example.com/';`, errors: [{ messageId: 'offHubHost', data: { host: 'mirror.example.com' } }] },
    { code: imp + `env.remoteHost = process.env.HOST;`, errors: [{ messageId: 'unknownHost', confidence: 'low' }] },
    // the default of a host the environment may override (medium)
    {
      code: imp + `env.remoteHost = process.env.HOST || 'http://mirror.example.com/';`,
      errors: [{
        messageId: 'insecureOffHubHost', data: { host: 'http://mirror.example.com/' }, confidence: 'medium',
        suggestions: [{ messageId: 'useHttps', output: imp + `env.remoteHost = process.env.HOST || 'https://mirror.example.com/';` }],
      }],
    },
    { code: imp + `env.remoteHost = process.env.HOST ?? 'https://mirror.example.com/';`, errors: [{ messageId: 'offHubHost', data: { host: 'mirror.example.com' }, confidence: 'medium' }] },
    { code: imp + `env.remotePathTemplate = '{model}/';`, errors: [{ messageId: 'templateDropsRevision', data: { template: '{model}/' } }] },
    { code: imp + `env.remotePathTemplate = '//evil.example/{model}/resolve/{revision}/';`, errors: [{ messageId: 'absoluteTemplate' }] },
    { code: imp + `env.remotePathTemplate = tpl;`, errors: [{ messageId: 'unknownTemplate', confidence: 'low' }] },
    { code: imp + `Object.assign(env, { allowLocalModels: false, remoteHost: 'https://mirror.example.com/' });`, errors: [{ messageId: 'offHubHost', line: 2 }] },
    // one of the hosts a loop over mirrors tries (the loop variable has each of the array's values)
    {
      code: imp + `export async function load(build) {\n  const hosts = ['https://hf-mirror.com', 'https://huggingface.co'];\n  for (const host of hosts) {\n    env.remoteHost = host;\n    try { return await build(); } catch {}\n  }\n}`,
      errors: [{ messageId: 'offHubHost', data: { host: 'hf-mirror.com' }, confidence: 'medium', line: 5 }],
    },
    {
      code: imp + `const MIRRORS = ['https://a.example.com/', 'http://b.example.com/'];\nMIRRORS.forEach((m) => { env.remoteHost = m; });`,
      errors: [{ messageId: 'insecureHost', data: { host: 'http://b.example.com/' }, confidence: 'medium', suggestions: [] }],
    },
    { code: imp + `for (const host of ['https://a.example.com/', 'https://b.example.com/']) env.remoteHost = host;`, errors: [{ messageId: 'offHubHost', data: { host: 'a.example.com' }, confidence: 'high' }] },
    // a mirror the file may add to the list: not known
    { code: imp + `const hosts = ['https://huggingface.co/'];\nexport const add = (h) => hosts.push(h);\nfor (const host of hosts) env.remoteHost = host;`, errors: [{ messageId: 'unknownHost', confidence: 'low' }] },
  ],
});

fixture(rule);
