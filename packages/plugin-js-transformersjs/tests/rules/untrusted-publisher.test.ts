import { RuleTester } from '@oculum/rule-tester';
import { javascript } from '@oculum/lang-js';
import rule from '../../src/rules/untrusted-publisher.js';
import { fixture, id } from '../helpers.js';

const settings = { trustedPublishers: ['Xenova', 'acme'] };
const imp = "import { pipeline, AutoTokenizer } from '@huggingface/transformers';\n";

new RuleTester({ language: javascript, settings }).run(id(rule), rule, {
  valid: [
    imp + `await pipeline('x', 'Xenova/bert');`,
    imp + `await AutoTokenizer.from_pretrained('acme/tok');`,
    imp + `await pipeline('x', '/models/bert');`,
    imp + `await pipeline('x', 'other/bert', { local_files_only: true });`,
    { code: imp + `await pipeline('x', 'other/bert');`, settings: { trustedPublishers: 'not-a-list' } },
    { code: imp + `await pipeline('x', 'other/bert');`, settings: { trustedPublishers: [] } },
  ],
  invalid: [
    { code: imp + `await pipeline('x', 'other/bert');`, errors: [{ messageId: 'unknownPublisher', data: { api: 'pipeline', id: 'other/bert', owner: 'other', trusted: 'xenova, acme' } }] },
    { code: imp + `await pipeline('x', 'bert-base-uncased');`, errors: [{ messageId: 'noOwner', confidence: 'medium' }] },
    { code: imp + `function f(id) { return pipeline('x', id); }`, errors: [{ messageId: 'unresolved', confidence: 'low' }] },
    { code: `import * as hub from '@huggingface/hub'; hub.snapshotDownload({ repo: { type: 'model', name: 'other/x' }, revision: r });`, errors: [{ messageId: 'unknownPublisher' }] },
  ],
});

fixture(rule, undefined, { trustedPublishers: ['Xenova', 'acme', 'other-org/one-model'] });
