import { describe, expect, it } from 'vitest';
import { javascript, jsCodeText, jsPrefilterText } from '../src/index.js';

/**
 * The characters the string scans read while `run` runs: every pattern run (`RegExp.prototype.exec`, which `test`,
 * `replace`, `match` and `split` go through) from where it starts to where it matched or to the end (a sticky one that
 * fails: one), every `indexOf` the same way, and one per `charCodeAt`. A deterministic count of the scanning work.
 */
function charactersScannedBy(run: () => void): number {
  const { exec } = RegExp.prototype;
  const { indexOf, charCodeAt } = String.prototype;
  let scanned = 0;
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = exec.call(this, s);
    scanned += m ? m.index + m[0].length - from : this.sticky ? 1 : String(s).length - from;
    return m;
  };
  String.prototype.indexOf = function (this: string, search: string, position?: number) {
    const from = Math.max(0, Math.trunc(position ?? 0));
    const at = indexOf.call(this, search, position);
    scanned += (at === -1 ? this.length : at + String(search).length) - Math.min(from, this.length);
    return at;
  };
  String.prototype.charCodeAt = function (this: string, i: number) {
    scanned++;
    return charCodeAt.call(this, i);
  };
  try {
    run();
  } finally {
    RegExp.prototype.exec = exec;
    String.prototype.indexOf = indexOf;
    String.prototype.charCodeAt = charCodeAt;
  }
  return scanned;
}

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
