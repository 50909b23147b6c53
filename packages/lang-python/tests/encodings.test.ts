/** PEP 263 declarations: the encoding a file declares, and UTF-7 (which TextDecoder lacks). */
import { describe, expect, it } from 'vitest';
import { declaredEncoding, decodeDeclared, decodeUtf7, python } from '../src/index.js';

const ascii = (text: string) => Buffer.from(text, 'latin1');

describe('declaredEncoding', () => {
  it('names the declared encoding as a TextDecoder label, on the first or second line only', () => {
    expect(declaredEncoding(ascii('# -*- coding: latin-1 -*-\n'))).toBe('latin1');
    expect(declaredEncoding(ascii('#!/usr/bin/env python\n# coding=UTF_7\n'))).toBe('utf-7');
    expect(declaredEncoding(ascii('# coding: utf-8\n'))).toBe('utf-8');
    expect(declaredEncoding(ascii('import os\n# coding: utf-7\n'))).toBeUndefined();
    expect(declaredEncoding(ascii('x = 1\n'))).toBeUndefined();
    expect(python.declaredEncoding).toBe(declaredEncoding);
  });
});

describe('UTF-7, as CPython decodes it', () => {
  // each expectation checked with CPython 3.11: bytes.decode('utf-7')
  it('decodes shifted base64 runs to UTF-16 code units, and `+-` to a plus sign', () => {
    expect(decodeUtf7(ascii('#+AAo-x'))).toBe('#\nx');
    expect(decodeUtf7(ascii('a+-b'))).toBe('a+b');
    expect(decodeUtf7(ascii('+AAo'))).toBe('\n');
    expect(decodeUtf7(ascii('+AAoAAA-'))).toBe('\n\x00');
    expect(decodeUtf7(ascii('+2D3cAA-'))).toBe('🐀');
    expect(decodeUtf7(ascii('+ZeVnLIqe-'))).toBe('日本語');
    expect(decodeUtf7(ascii('x+'))).toBe('x');
    expect(decodeUtf7(ascii('+AAAAAAAAAAA-'))).toBe('\x00\x00\x00\x00');
  });

  it('refuses what CPython refuses: a partial character, `+` then neither base64 nor `-`, non-ASCII bytes', () => {
    expect(decodeUtf7(ascii('+AAoA-'))).toBeUndefined();
    expect(decodeUtf7(ascii('+AA-'))).toBeUndefined();
    expect(decodeUtf7(ascii('+!'))).toBeUndefined();
    expect(decodeUtf7(Buffer.from([0x61, 0xe9]))).toBeUndefined();
  });

  it('reads a file declared UTF-7 the way CPython runs it: code hidden in a comment to a UTF-8 reader', () => {
    expect(decodeDeclared(ascii('# coding: utf-7\nimport torch #+AAo-torch.load(path)\n'))).toBe('# coding: utf-7\nimport torch #\ntorch.load(path)\n');
  });

  it('is linear on a long shifted run', () => {
    const run = `+${'A'.repeat(800_000)}-`; // 300,000 NUL code units
    expect(decodeUtf7(ascii(run))).toHaveLength(300_000);
  });
});
