import { describe, expect, it, vi } from 'vitest';
import { lintText } from '@oculum/core';
import { JsSourceCode, javascript, parseJs } from '@oculum/lang-js';
import { remoteHostOf } from '../src/utils/remote-models.js';
import unpinnedRevision from '../src/rules/unpinned-model-revision.js';
import unverifiedDownload from '../src/rules/unverified-model-download.js';
import insecureRemoteHost from '../src/rules/insecure-remote-host.js';
import { id } from './helpers.js';
import { nodesVisitedBy, sourceCodeCallsBy } from './work-counters.js';

// Hostile but valid JS/TS (a hostile-input review): every load of the file is still reported, on
// the line ECMAScript puts it, and what is not analysed is said.

const HEAD = "import { pipeline } from '@huggingface/transformers';\n";
const LOAD = (model: string) => `await pipeline('text-generation', '${model}');`;

/** `<line>:<column> <model id> [suppressed]` per finding, and the diagnostics as `<line> <message>`. */
async function lint(text: string, path = 'main.mjs'): Promise<{ findings: string[]; diagnostics: string[] }> {
  const result = await lintText({ path, text, language: javascript, rules: [{ id: id(unpinnedRevision), rule: unpinnedRevision, level: 'error' }] });
  return {
    findings: result.findings.map((f) => `${f.line}:${f.column} ${/"([^"]+)"/.exec(f.message)?.[1] ?? '?'}${f.suppressed ? ' suppressed' : ''}`),
    diagnostics: result.diagnostics.map((d) => `${d.line ?? '-'} ${d.message}`),
  };
}

describe('deep chains (P0)', () => {
  it('reports the loads of a file with a 20,000-term concatenation, and one inside a 10,000-link .then chain', async () => {
    const text = `${HEAD}${LOAD('org/a')}\nconst x = ${Array(20_000).fill('1').join('+')};\n${LOAD('org/b')}\nawait pipeline('text-generation', 'org/c')${'.then((x) => x)'.repeat(10_000)};\n`;
    expect(await lint(text)).toEqual({ findings: ['2:7 org/a', '4:7 org/b', '5:7 org/c'], diagnostics: [] });
  });

  it('loses only a statement nested deeper than the parser can go, and says which', async () => {
    const text = `${HEAD}${LOAD('org/a')}\nconst x = ${'['.repeat(50_000)}${']'.repeat(50_000)};\n${LOAD('org/b')}\n`;
    expect(await lint(text)).toEqual({
      findings: ['2:7 org/a', '4:7 org/b'],
      diagnostics: ['3 Nested too deeply to parse (Maximum call stack size exceeded): line 3 not analysed'],
    });
  });
});

describe('alias chains (P4)', () => {
  it('reports a loader reached through 40 and 10,000 aliases, with the model id read through 40', async () => {
    const chain = (name: string, n: number) => Array.from({ length: n }, (_, i) => `const ${name}${i + 1} = ${name}${i};\n`).join('');
    const text = `${HEAD}const p0 = pipeline;\n${chain('p', 40)}const m0 = 'org/model';\n${chain('m', 40)}await p40('text-generation', m40);\nconst q0 = pipeline;\n${chain('q', 10_000)}await q10000('text-generation', 'org/b');\n`;
    expect((await lint(text)).findings).toEqual(['84:7 org/model', '10086:7 org/b']);
  });
});

describe('ECMAScript line terminators (P5)', () => {
  it('puts a statement after U+2028 on the next line, out of reach of a trailing directive', async () => {
    const text = `${HEAD}${LOAD('a/b')} // oculum-ignore -- ok\u2028${LOAD('evil/model')}\n`;
    expect((await lint(text)).findings).toEqual(['2:7 a/b suppressed', '3:7 evil/model']);
  });

  it('counts U+2029 and lone CRs as line ends, also for ignore-next-line and ignore-start/end', async () => {
    const text = `${HEAD}${LOAD('a/b')}\u2029// oculum-ignore-next-line\r${LOAD('c/d')}\r\r${LOAD('e/f')}\r// oculum-ignore-start\r${LOAD('g/h')}\r// oculum-ignore-end\r${LOAD('i/j')}\r`;
    expect((await lint(text)).findings).toEqual(['2:7 a/b', '4:7 c/d suppressed', '6:7 e/f', '8:7 g/h suppressed', '10:7 i/j']);
  });

  it('keeps the lines of CRLF and LF files', async () => {
    const text = `${HEAD}${LOAD('a/b')} // oculum-ignore\r\n${LOAD('c/d')}\r\n`;
    expect((await lint(text)).findings).toEqual(['2:7 a/b suppressed', '3:7 c/d']);
  });
});

describe('escapes in a module specifier (P8 b)', () => {
  it.each([
    ['\\u0065', "import { pipeline } from '@huggingface/transform\\u0065rs';"],
    ['\\x65', "import { pipeline } from '@huggingface/transform\\x65rs';"],
    ['\\u{65}', "import { pipeline } from '@huggingface/transform\\u{65}rs';"],
    ['an identity escape', "import { pipeline } from '@huggingface/transform\\ers';"],
    ['a line continuation', "import { pipeline } from '@huggingface/transform\\\ners';"],
  ])('reports the load of a module spelled with %s (the prefilter decodes it)', async (_name, line) => {
    const text = `${line}\n${LOAD('org/model')}\n`;
    expect((await lint(text)).findings).toEqual([`${text.split('\n').length - 1}:7 org/model`]);
  });
});

describe('scripts the parser gives up on (P8 c)', () => {
  it('reports the load after nine HTML-like comment lines in a .cjs script', async () => {
    const text = `const { pipeline } = require('@huggingface/transformers');\n${'<!-- x\n'.repeat(9)}pipeline('text-generation', 'org/model');\n`;
    expect(await lint(text, 'main.cjs')).toEqual({ findings: ['11:1 org/model'], diagnostics: [] });
  });

  it('reports the loads around a dozen syntax errors', async () => {
    const text = `${HEAD}${LOAD('org/a')}\n${'let = ;\n'.repeat(12)}${LOAD('org/b')}\n`;
    const { findings, diagnostics } = await lint(text, 'main.ts');
    expect(findings).toEqual(['2:7 org/a', '15:7 org/b']);
    expect(diagnostics).toEqual(['3 Expression expected.', '11 Too many syntax errors to recover from: the rest of the file is read as the parser recovered it']);
  });
});

describe('many uses of one options object (review s32js P1)', () => {
  const COMMIT = "const COMMIT = '0123456789abcdef0123456789abcdef01234567';\n";
  /** The findings, and the steps of the analysis (`sourceCodeCallsBy`). */
  const counted = async (text: string) => {
    let result: Awaited<ReturnType<typeof lint>> = { findings: [], diagnostics: [] };
    const steps = await sourceCodeCallsBy(async () => {
      result = await lint(text);
    });
    return { ...result, steps };
  };

  it('reads 1,500 spreads of one const options object in linear time (no per-read walk of its uses)', async () => {
    const loads = Array.from({ length: 1500 }, (_, i) => `await pipeline('t', 'org/m${i}', { ...options, dtype: 'q8' });\n`).join('');
    const { findings, steps } = await counted(`${HEAD}const options = { device: 'webgpu' };\n${loads}`);
    expect(findings).toHaveLength(1500);
    // a bounded number of steps per load, not a walk of the object's 1,500 uses per read
    expect(steps).toBeLessThan(400 * 1500);
  });

  it('reads 2,000 loads of an object written 2,000 times and pinned by a helper, each once', async () => {
    const writes = Array.from({ length: 2000 }, (_, i) => `options.d${i} = ${i};\n`).join('');
    const loads = Array.from({ length: 2000 }, (_, i) => `await pipeline('t', 'org/m${i}', options);\n`).join('');
    const text = `${HEAD}${COMMIT}function pin(o) { o.revision = COMMIT; }\nconst options = { device: 'webgpu' };\n${writes}pin(options);\n${loads}`;
    const { findings, steps } = await counted(text);
    // (the first load is pinned; it is a call given the object, which may change it for the others)
    expect(findings).toHaveLength(1999);
    expect(findings[0]).toBe('2007:7 org/m1');
    // a bounded number of steps per load and write, not the 2,000 writes read again for each load
    expect(steps).toBeLessThan(400 * 2 * 2000);
  });

  it('reads a 2,000-statement helper called 200 times once (helperWrite is kept per parameter and key)', async () => {
    const body = Array.from({ length: 2000 }, (_, i) => `  o.x${i} = o.y${i};\n`).join('');
    const loads = Array.from({ length: 200 }, (_, i) => `await pipeline('t', 'org/m${i}', options);\n`).join('');
    const text = `${HEAD}${COMMIT}function pin(o) {\n${body}  o.revision = COMMIT;\n}\nconst options = { device: 'webgpu' };\n${'pin(options);\n'.repeat(200)}${loads}`;
    const { findings, steps } = await counted(text);
    expect(findings).toHaveLength(199);
    expect(findings[0]).toMatch(/ org\/m1$/);
    // the helper's 2,000 statements read once, and a bounded number of steps per call and load: not 200 × 2,000
    expect(steps).toBeLessThan(400 * (2000 + 400));
  });
});

describe('many downloads and hashes in one function (review s32js P1 1c)', () => {
  it('matches 600 RNFS downloads against 600 hashes of other files once per function (the region is walked once)', async () => {
    const lines = Array.from({ length: 600 }, (_, i) => `  await RNFS.downloadFile({ fromUrl: 'https://cdn.example.com/m${i}.onnx', toFile: \`\${RNFS.DocumentDirectoryPath}/m${i}.onnx\` }).promise;\n`).join('');
    const hashes = Array.from({ length: 600 }, (_, i) => `  if ((await RNFS.hash(\`\${RNFS.DocumentDirectoryPath}/c${i}.onnx\`, 'sha256')) !== 'abc') throw new Error('x');\n`).join('');
    const text = `import RNFS from 'react-native-fs';\nexport async function all() {\n${lines}${hashes}}\n`;
    let findings = 0;
    const visits = await nodesVisitedBy(async () => {
      const result = await lintText({ path: 'main.mjs', text, language: javascript, rules: [{ id: id(unverifiedDownload), rule: unverifiedDownload, level: 'error' }] });
      findings = result.findings.length;
    });
    // (each hash reads another file than each download: none is the check of one)
    expect(findings).toBe(600);
    // the function's 1,200 statements walked a bounded number of times, not once per download (600 walks)
    expect(visits).toBeLessThan(100 * 1200);
  });
});

describe('many module-level env.allowRemoteModels writes (review jsdesk P3-b)', () => {
  it('reads 3,000 alternating writes, each with a load after it, by the write in force for each load', async () => {
    const pairs = Array.from({ length: 3000 }, (_, i) => `env.allowRemoteModels = ${i % 2 === 0};\nexport const p${i} = pipeline('t', 'org/m${i}');\n`).join('');
    const { findings } = await lint(`import { env, pipeline } from '@huggingface/transformers';\n${pairs}`);
    // (each load after `= true` only: the last module-level write before it decides)
    expect(findings).toHaveLength(1500);
    expect(findings.slice(0, 2)).toEqual(['3:19 org/m0', '7:19 org/m2']);
    expect(findings[1499]).toBe('5999:22 org/m2998');
  });
});

describe('env.allowRemoteModels written at module level and in many functions (review s34js P2-a)', () => {
  it('finds the setup functions and reads the hosts of functions once per file, not at each load', async () => {
    const n = 120;
    const steps = Array.from(
      { length: n },
      (_, i) =>
        `env.allowRemoteModels = ${i % 2 === 1};\nfunction w${i}() { env.allowRemoteModels = ${i % 3 !== 0}; env.remoteHost = 'https://h${i}/'; }\nexport const p${i} = pipeline('t', 'org/m${i}');\n`,
    ).join('');
    const climbs = vi.spyOn(JsSourceCode.prototype, 'enclosingFunction');
    const reads = vi.spyOn(JsSourceCode.prototype, 'constant');
    try {
      const { findings } = await lint(`import { env, pipeline } from '@huggingface/transformers';\n${steps}`);
      // (a load after a module-level `= false` is still reported: functions set it back to `true`)
      expect(findings).toHaveLength(n);
      // a bounded number of climbs per load (about 90), not one per write in a function per load
      // (each of the 80 `= false` in functions against each of the 80 other writes: 687,360 before)
      expect(climbs.mock.calls.length).toBeLessThan(200 * n);
      // each host written in a function classified once, not again for each load's own limit (15,120 before)
      expect(reads.mock.calls.length).toBeLessThan(20 * n);
    } finally {
      climbs.mockRestore();
      reads.mockRestore();
    }
  });
});

describe('env.remoteHost written only in functions, many loads at module level (review s34js P2-a)', () => {
  it('works out the host once for all the loads between the same module-level writes', () => {
    const loads = Array.from({ length: 50 }, (_, i) => `export const p${i} = pipeline('t', 'org/m${i}');`).join('\n');
    const sc = parseJs(`import { env, pipeline } from '@huggingface/transformers';\nfunction w() { env.remoteHost = 'https://mirror.example.com/'; }\n${loads}\nenv.remoteHost = 'https://other.example.com/';\nexport const q = pipeline('t', 'org/q');\n`, 'main.mjs');
    const calls = sc.ast.body.flatMap((s) => (s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'VariableDeclaration' ? [s.declaration.declarations[0].init!] : []));
    expect(calls).toHaveLength(51);
    const hosts = calls.map((c) => remoteHostOf(sc, c));
    // one answer (the same object) for the 50 loads before the module-level write, not one per load
    expect(new Set(hosts.slice(0, 50)).size).toBe(1);
    expect(hosts[0]).toEqual({ kind: 'hosts', hosts: ['mirror.example.com'] });
    expect(hosts[50]).toEqual({ kind: 'hosts', hosts: ['mirror.example.com', 'other.example.com'] });
  });
});

describe('many functions that each set env.remoteHost and env.remotePathTemplate (review jsedge P3-d)', () => {
  it('compares each template only with the host writes of its own function (4,000 functions: 26 s before)', async () => {
    const n = 400;
    const fns = (host: string) => Array.from({ length: n }, (_, i) => `export function f${i}() { env.remoteHost = ${host}; env.remotePathTemplate = '{model}/'; }\n`).join('');
    const climbs = vi.spyOn(JsSourceCode.prototype, 'enclosingFunction');
    try {
      for (const [host, count] of [["'http://127.0.0.1:8000/'", 0], ["location.origin + '/models/'", 0], ["'https://mirror.example.com/'", 2 * n]] as const) {
        climbs.mockClear();
        const text = `import { env } from '@huggingface/transformers';\n${fns(host)}`;
        const result = await lintText({ path: 'main.mjs', text, language: javascript, rules: [{ id: id(insecureRemoteHost), rule: insecureRemoteHost, level: 'error' }] });
        expect(result.findings).toHaveLength(count);
        // a bounded number of climbs per function, not one per host write of the file per template (2 × 400² before)
        expect(climbs.mock.calls.length).toBeLessThan(20 * n);
      }
    } finally {
      climbs.mockRestore();
    }
  });
});
