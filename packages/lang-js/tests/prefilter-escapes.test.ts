import { describe, expect, it } from 'vitest';
import { javascript, jsCodeText, jsPrefilterText } from '../src/index.js';
import { charactersScannedBy } from './work-counters.js';

// A trigger word spelled with escapes must still make the file parsed (P8 b).
describe('jsPrefilterText', () => {
  it('is the prefilter text of the language (of a component, `.vue` / `.svelte`: its script blocks only)', () => {
    const text = "// pipeline\nimport { pipeline } from '@huggingface/transform\\u0065rs';\n";
    for (const file of [undefined, 'a.js', '/p/a.ts', 'a.tsx']) expect(javascript.prefilterText!(text, file)).toBe(jsPrefilterText(text));
    const component = `<template><p>env.remoteHost</p></template>\n<script>\n${text}</script>\n`;
    expect(javascript.prefilterText!(component, '/p/A.vue')).toContain('@huggingface/transformers');
    expect(javascript.prefilterText!(component, '/p/A.vue')).not.toContain('remoteHost');
    expect(javascript.prefilterText!(component, '/p/A.svelte')).not.toContain('remoteHost');
  });

  it.each([
    ['\\u0065', "import { pipeline } from '@huggingface/transform\\u0065rs';"],
    ['\\u{65}', "import { pipeline } from '@huggingface/transform\\u{65}rs';"],
    ['\\u{000065}', 'const t = require("@huggingface/transform\\u{000065}rs");'],
    ['\\x65', "const t = require('@huggingface/transform\\x65rs');"],
    ['an octal escape', "const t = require('@huggingface/transform\\145rs');"],
    ['an identity escape', "const t = require('@huggingface/transform\\ers');"],
    ['a line continuation', "const t = require('@huggingface/transform\\\ners');"],
    ['a line continuation (CRLF)', "const t = require('@huggingface/transform\\\r\ners');"],
    ['a line continuation (U+2028)', "const t = require('@huggingface/transform\\\u2028ers');"],
    ['an escaped identifier', "import * as t from 'x'; t.tr\\u0061nsformers;"],
  ])('decodes %s', (_name, text) => {
    expect(jsCodeText(text)).not.toContain('transformers');
    expect(jsPrefilterText(text)).toContain('transformers');
  });

  it('keeps the code as it is, and a comment out, without such escapes', () => {
    const text = "const s = 'a\\nb\\t\\'c\\\\d'; const r = /https?:\\/\\//; // transform\\u0065rs\n";
    expect(jsPrefilterText(text)).toBe(jsCodeText(text));
    expect(jsPrefilterText(text)).not.toContain('transformers');
  });

  it('reads an escaped backslash as one', () => {
    expect(jsPrefilterText("const s = '\\\\u0065\\d';")).toBe("const s = '\\\\u0065\\d';\nconst s = '\\u0065d';");
  });

  it('stays linear', () => {
    const text = `const s = '${'\\u0061'.repeat(300_000)}';`;
    let out = '';
    const scanned = charactersScannedBy(() => {
      out = jsPrefilterText(text);
    });
    expect(out.length).toBe(text.length + 1 + 'const s = \'\';'.length + 300_000);
    expect(scanned).toBeLessThan(20 * text.length);
  });
});
