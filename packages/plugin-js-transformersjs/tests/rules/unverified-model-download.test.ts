import { ruleTriggersMatch } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import rule, { CLIENTS } from '../../src/rules/unverified-model-download.js';
import { fixture, id, tester } from '../helpers.js';

describe('the triggers', () => {
  // With a model file in sight (the trigger group): the rule reports nothing without one.
  const model = " const p = 'model.onnx';";
  it('let through every client the rule resolves, however it is imported', () => {
    for (const module of Object.keys(CLIENTS)) {
      for (const text of [`import client from '${module}';`, `const c = require("${module}");`, 'const c = await import(`' + module + '`);']) {
        expect(ruleTriggersMatch(rule.meta, text + model), text).toBe(true);
      }
    }
    expect(ruleTriggersMatch(rule.meta, 'const r = await fetch(url);' + model)).toBe(true);
    expect(ruleTriggersMatch(rule.meta, 'const key = likely ? gotten : undefined;' + model)).toBe(false);
    expect(ruleTriggersMatch(rule.meta, 'const r = await fetch(url);')).toBe(false);
  });
});

tester.run(id(rule), rule, {
  valid: [
    `const r = await fetch('https://api.example.com/data.json');`,
    `const r = await fetch('/models/model.onnx');`,
    `const r = await fetch('https://x.example/m.onnx', { integrity: 'sha256-abc' });`,
    `async function f() { const r = await fetch('https://x.example/m.onnx'); const b = await r.arrayBuffer(); const d = await crypto.subtle.digest('SHA-256', b); if (hex(d) !== PINNED) throw new Error('digest'); }`,
    `async function f() { const r = await fetch('https://x.example/m.onnx'); const b = await r.arrayBuffer(); if (hex(await window.crypto.subtle.digest('SHA-256', b)) !== PINNED) throw new Error('digest'); }`,
    `import { createHash } from 'crypto'; async function f() { const r = await fetch('https://x.example/m.bin'); assert.strictEqual(createHash('sha256').update(Buffer.from(await r.arrayBuffer())).digest('hex'), PINNED); }`,
    `import { createHash } from 'crypto'; const sha = (b) => createHash('sha256').update(b).digest('hex'); async function f() { const r = await fetch('https://x.example/m.bin'); if (sha(Buffer.from(await r.arrayBuffer())) !== PINNED) throw new Error('digest'); }`,
    `import { sha256 } from '@noble/hashes/sha256'; async function f() { const r = await fetch('https://x.example/m.bin'); const d = sha256(new Uint8Array(await r.arrayBuffer())); if (!equalBytes(d, PINNED)) throw new Error('digest'); }`,
    `function fetch(u) {} fetch('https://x.example/m.onnx');`,
    `import { verifySha256 } from './integrity.js'; async function f() { const r = await fetch('https://x.example/m.onnx'); await verifySha256(r, 'abc'); }`,
    `client.get('https://x.example/m.onnx');`,
    `import axios from 'axios'; const local = axios.create({ baseURL: '/static' }); local.get('/models/model.onnx');`,
    `const r = await fetch('https://x.example/m.onnx', { method: 'HEAD' });`,
    `async function f(url) { const r = await fetch(url); return r.json(); }`,
  ],
  invalid: [
    { code: `const r = await fetch('https://x.example/m.onnx');`, errors: [{ messageId: 'unverified', data: { callee: 'fetch', url: 'https://x.example/m.onnx' }, confidence: 'high' }] },
    // a digest that is never compared checks nothing: a cache key, a value only logged
    {
      code: `import { createHash } from 'crypto'; import { writeFile } from 'fs/promises'; async function f(url) { const file = \`./cache/\${createHash('sha256').update(url).digest('hex')}.onnx\`; const res = await fetch('https://cdn.example.com/models/encoder.onnx'); await writeFile(file, Buffer.from(await res.arrayBuffer())); }`,
      errors: [{ messageId: 'unverified' }],
    },
    { code: `async function f() { const r = await fetch('https://x.example/m.onnx'); const b = await r.arrayBuffer(); console.log(await crypto.subtle.digest('SHA-256', b)); }`, errors: [{ messageId: 'unverified' }] },
    { code: `const r = await window.fetch('https://huggingface.co/o/n/resolve/main/model.safetensors?download=true');`, errors: [{ messageId: 'unverified' }] },
    { code: `import axios from 'axios'; await axios({ url: 'https://x.example/weights.pt', responseType: 'arraybuffer' });`, errors: [{ messageId: 'unverified' }] },
    { code: `const got = require('got'); got('https://x.example/model.tflite');`, errors: [{ messageId: 'unverified' }] },
    {
      code: `import axios from 'axios'; const http = axios.create({ timeout: 60000 }); async function f() { const { data } = await http.get('https://cdn.example.com/model.safetensors', { responseType: 'arraybuffer' }); return data; }`,
      errors: [{ messageId: 'unverified' }],
    },
    {
      code: `import axios from 'axios'; const client = axios.create({ baseURL: 'https://cdn.example.com' }); async function f() { const { data } = await client.get('/weights/model.safetensors'); return data; }`,
      errors: [{ messageId: 'unverified' }],
    },
    { code: `import { hashPassword } from 'bcrypt-helpers'; async function f() { const r = await fetch('https://x.example/m.onnx'); hashPassword(r); }`, errors: [{ messageId: 'unverified' }] },
    { code: `import fetch from 'node-fetch'; fetch('https://x.example/model.pkl');`, errors: [{ messageId: 'unverified' }] },
    { code: 'async function f(base) { return fetch(`${base}/model.onnx`); }', errors: [{ messageId: 'unverified', confidence: 'medium' }] },
    {
      code: `import * as fs from 'fs';\nasync function f(url) { const r = await fetch(url); fs.writeFileSync('weights.safetensors', Buffer.from(await r.arrayBuffer())); }`,
      errors: [{ messageId: 'unverifiedSink', confidence: 'medium', line: 2 }],
    },
    {
      code: `async function get() { return (await fetch('https://x.example/m.onnx')).arrayBuffer(); }\nasync function other() { const b = await get(); return b; }`,
      errors: [{ messageId: 'unverified' }],
    },
  ],
});

fixture(rule);
