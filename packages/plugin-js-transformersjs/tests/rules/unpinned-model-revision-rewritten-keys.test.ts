import rule from '../../src/rules/unpinned-model-revision.js';
import { id, tester } from '../helpers.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const imp = "import { pipeline } from '@huggingface/transformers';\n";
const table = `const o = { a: { revision: '${COMMIT}' }, b: { revision: '${COMMIT}' } };\n`;
const unseen = (line: number) => ({
  messageId: 'unseenOptions' as const,
  data: { callee: 'pipeline', model: '"org/model"', source: 'the Hugging Face Hub', options: '`o.b`' },
  confidence: 'low' as const,
  line,
});

// a write keyed by a member the file rewrites (`o[K.a].revision = 'main'` after `K.a = 'b'`): the key was read as
// its initial value ('a'), and the pinned `o.b` passed silently (review w38js P2-1); it is reported at low
// confidence as the plain spelling `o['b'].revision = 'main'` is
tester.run(id(rule), rule, {
  valid: [
    // the key is not rewritten (or another member of `K` is): the write is under `o.a`, `o.b` stays pinned
    imp + `const K = { a: 'a' };\n${table}o[K.a].revision = 'main';\nexport const p = await pipeline('text-classification', 'org/model', o.b);`,
    imp + `const K = { a: 'a' };\nK.z = 'b';\n${table}o[K.a].revision = 'main';\nexport const p = await pipeline('text-classification', 'org/model', o.b);`,
  ],
  invalid: [
    {
      code: imp + `const K = { a: 'a' };\nK.a = 'b';\n${table}o[K.a].revision = 'main';\nexport const p = await pipeline('text-classification', 'org/model', o.b);`,
      errors: [unseen(6)],
    },
    // the plain spelling
    {
      code: imp + `${table}o['b'].revision = 'main';\nexport const p = await pipeline('text-classification', 'org/model', o.b);`,
      errors: [unseen(4)],
    },
    // a direct write keyed by the rewritten member, and one through an alias of the key's object
    {
      code: imp + `const K = { a: 'a' };\nK.a = 'b';\n${table}o[K.a] = { revision: 'main' };\nexport const p = await pipeline('text-classification', 'org/model', o.b);`,
      errors: [unseen(6)],
    },
    {
      code: imp + `const K = { a: 'a' };\nconst K2 = K;\nK2.a = 'b';\n${table}o[K.a].revision = 'main';\nexport const p = await pipeline('text-classification', 'org/model', o.b);`,
      errors: [unseen(7)],
    },
  ],
});
