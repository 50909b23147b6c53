import { describe, expect, it } from 'vitest';
import { requiredLiteralSets, requiredLiterals } from '../src/literals.js';

const IMPORT_OF = (modules: string) =>
  new RegExp(String.raw`(?:\bimport\b(?:(?!\bimport\b)(?:[^\n;\\]|\\[\s\S]))*?|\bfrom(?:[ \t\f]|\\\r?\n)+|["'])\b(?:${modules})\b`);

describe('requiredLiterals', () => {
  it('reads words, alternations, optional parts and groups', () => {
    expect(requiredLiterals(/\bload\b/)).toEqual(['load']);
    expect(requiredLiterals(/\b(?:curl|wget)\b/)).toEqual(['curl', 'wget']);
    // Strings that contain another one of the set add nothing.
    expect(requiredLiterals(/\b(?:_?loads?|_?Unpickler|load_session|read_pickle)\b/)).toEqual(['Unpickler', 'load', 'read_pickle']);
    expect(requiredLiterals(/\bsave(?:_pretrained|_model)?\b/)).toEqual(['save']);
    expect(requiredLiterals(/read_(?:csv|json)/)).toEqual(['read_csv', 'read_json']);
    expect(requiredLiterals(/(?<name>torch)\.load/)).toEqual(['torch.load']);
    expect(requiredLiterals(/\/resolve\b/)).toEqual(['/resolve']);
    expect(requiredLiterals(IMPORT_OF('pickle|dill'))).toEqual(['dill', 'pickle']);
  });

  it('takes the best literal of a sequence across classes, wildcards and repeats', () => {
    expect(requiredLiterals(/[\\/'"](?:tmp|www)\b/)).toEqual(['tmp', 'www']);
    expect(requiredLiterals(/^(?=[\s\S]*?\bpipeline\b)[\s\S]*?\btransformers\b/)).toEqual(['transformers']);
    expect(requiredLiterals(/ab\d+longer_word/)).toEqual(['longer_word']);
    expect(requiredLiterals(/(?:model)+\.jsonl/)).toEqual(['.jsonl']);
    expect(requiredLiterals(/x(?:abc)+/)).toEqual(['abc']);
    expect(requiredLiterals(/a{3}bcd/)).toEqual(['bcd']);
    expect(requiredLiterals(/a{,3}bcd/)).toEqual(['a{,3}bcd']); // not a quantifier: literal braces
    expect(requiredLiterals(/fit\(\s*model\.eval\n/)).toEqual(['model.eval\n']);
  });

  it('knows nothing where an alternative, a repeat or the flags guarantee no literal', () => {
    expect(requiredLiterals(/load|\d+/)).toBeUndefined();
    expect(requiredLiterals(/(?:model)*x/)).toBeUndefined();
    expect(requiredLiterals(/(?:abc)?/)).toBeUndefined();
    expect(requiredLiterals(/\w+\(/)).toBeUndefined();
    expect(requiredLiterals(/a.b/)).toBeUndefined(); // one character is no use
    expect(requiredLiterals(/public/i)).toBeUndefined(); // case-insensitive: not a literal
    expect(requiredLiterals(/load/u)).toBeUndefined();
    expect(requiredLiterals(/(?<=torch)/)).toBeUndefined();
    expect(requiredLiterals(/(load)\1x/)).toEqual(['load']);
  });

  it('never reads an escape it does not know as the letters it is made of', () => {
    expect(requiredLiterals(/\x41BCD/)).toEqual(['BCD']);
    expect(requiredLiterals(/\u0041BCD/)).toEqual(['BCD']);
    expect(requiredLiterals(/\cJxyz/)).toEqual(['xyz']);
    expect(requiredLiterals(/(?<n>a)\k<n>xyz/)).toEqual(['xyz']);
    expect(requiredLiterals(/[]]abc/)).toEqual([']abc']); // "[]" is an empty class in JS
    expect(requiredLiterals(/[^]]abc/)).toEqual([']abc']);
    expect(requiredLiterals(/\t\nab/)).toEqual(['\t\nab']);
    expect(requiredLiterals(/\'model\.json\'/)).toEqual(["'model.json'"]); // escaped punctuation is itself
  });

  // Soundness: whenever the pattern matches, one of its literals occurs in the text.
  const PATTERNS: RegExp[] = [
    /\bload\b/,
    /\b(?:_?loads?|_?Unpickler|load_session|load_module|read_pickle)\b/,
    /(?<![\w.])(?:eval|exec|compile)(?!\w)/,
    /\bsave(?:_pretrained|_model|_state)?\b/,
    /[\\/'"](?:tmp|shm|www)\b/,
    /^(?=[\s\S]*?\bpipeline\b)[\s\S]*?\btransformers\b/,
    /\b(?:fit|finetune|fine_tune|train|train_model|backward|step)\b/,
    /a(?:b|cd)?e(?:fg|h)+i/,
    /(?:xx|yz)(?:w|vu)?t{2,}s/,
    /['"`](?:axios|got|ky)['"`]/,
    IMPORT_OF('torch|numpy'),
    /\.(?:save|load)s?\(\s*\'/,
    /\bfrom(?:\s|\\)+(?:torch|numpy)(?:\s|\\)+import(?:\s|\\|\()*\*/,
    /(?:load|save)\s*\((?:train|step)\.(?:fit|eval)/,
    /x(?:ab|cd)(?:yz|w)+.*(?:save|fit)s?_?(?:model)?/,
  ];
  const PIECES = ['load', 'loads', '_', 'Unpickler', 'eval', 'exec', '.', 'save', '_model', '/', 'tmp', "'", 'pipeline', 'transformers', ' ', '\n', 'fit', 'train', 'step', 'a', 'b', 'cd', 'e', 'fg', 'h', 'i', 'x', 'yz', 'w', 'vu', 't', 's', '"', 'axios', 'ky', 'import', 'from', 'torch', 'numpy', 'os', ',', '\\', 'z', '(', '.load(', " '", '*', 'model', 'ab', 'xab', 'from torch', ' import *', 'save('];

  it('is sound: every text a pattern matches contains one of its literals (random texts)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let matched = 0;
    for (const pattern of PATTERNS) {
      const literals = requiredLiterals(pattern);
      expect(literals, String(pattern)).toBeDefined();
      for (let n = 0; n < 4000; n++) {
        let text = '';
        const length = 1 + Math.floor(random() * 12);
        for (let k = 0; k < length; k++) text += PIECES[Math.floor(random() * PIECES.length)];
        if (!pattern.test(text)) continue;
        matched++;
        expect(literals!.some((word) => text.includes(word)), `${pattern} matches ${JSON.stringify(text)}`).toBe(true);
        for (const set of requiredLiteralSets(pattern)!) expect(set.some((word) => text.includes(word)), `${pattern} matches ${JSON.stringify(text)}: ${set}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(500); // the texts do reach the patterns
  });
});

describe('requiredLiteralSets', () => {
  it('gives every set a match needs, the best first, each once', () => {
    expect(requiredLiteralSets(/\bfrom(?:\s|\\)+(?:numpy|numpy\.lib\.npyio)(?:\s|\\)+import(?:\s|\\|\()*\*/)).toEqual([['import'], ['numpy'], ['from']]);
    expect(requiredLiteralSets(/\bload\b/)).toEqual([['load']]);
    expect(requiredLiteralSets(/x(?:abc|abd)y.*zzz/)).toEqual([['xabcy', 'xabdy'], ['zzz']]);
    // A set every string of a kept one holds adds nothing.
    expect(requiredLiteralSets(/(?:foo|bar)baz/)).toEqual([['barbaz', 'foobaz']]);
    // Across an alternation only what each alternative guarantees: one set.
    expect(requiredLiteralSets(/from torch|import numpy/)).toEqual([['from torch', 'import numpy']]);
    // Inside a required group, the group's own sets count; inside an optional one, not.
    expect(requiredLiteralSets(/(?:from\s+torch\s+)import/)).toEqual([['import'], ['torch'], ['from']]);
    expect(requiredLiteralSets(/(?:from\s+torch\s+)?import/)).toEqual([['import']]);
    expect(requiredLiteralSets(/one\s+two\s+three\s+four\s+five\s+six/)?.length).toBe(4); // at most four
    expect(requiredLiteralSets(/load|\d+/)).toBeUndefined();
    expect(requiredLiteralSets(/public/i)).toBeUndefined();
  });
});

describe('requiredLiterals on hostile patterns', () => {
  it('answers undefined, never throws, for a pattern nested deeper than the stack', () => {
    const deep = new RegExp(`${'(?:'.repeat(20_000)}load${')'.repeat(20_000)}`);
    expect(() => requiredLiterals(deep)).not.toThrow();
    expect(requiredLiterals(new RegExp(`${'(?:a|b)?'.repeat(200)}tail`))).toEqual(['tail']);
  });
});
