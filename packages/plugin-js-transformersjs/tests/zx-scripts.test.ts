import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintText, ruleTriggersMatch, scan } from '@oculum/core';
import { javascript } from '@oculum/lang-js';
import plugin from '../src/index.js';
import pickleBridge from '../src/rules/pickle-load-through-python-bridge.js';
import unverifiedDownload from '../src/rules/unverified-model-download.js';
import { id } from './helpers.js';
import { nodesVisitedBy, sourceCodeCallsBy } from './work-counters.js';

// A zx script (`#!/usr/bin/env zx`) names no module that runs programs: its `#!` line is what lets its
// commands through the prefilter (the JS prefilter text keeps the `#!` line). End to end through `scan()`,
// as the CLI runs it.

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'oculum-zx-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SCRIPT = [
  '#!/usr/bin/env zx',
  "const URL = 'https://example.com/m/model.onnx';",
  'await $`curl -L -o models/m.onnx ${URL}`;',
  'await $`python3 -c "import pickle; pickle.load(open(\'m.pkl\', \'rb\'))"`;',
  'await $`npx -y node-llama-cpp pull hf:o/n/m.gguf`;',
  '',
].join('\n');

async function findings(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(path.join(root, 'p-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const result = await scan({ cwd: dir, paths: ['.'], plugins: [plugin], workers: 0, noConfig: true });
  expect(result.diagnostics.filter((d) => d.kind === 'internal' || d.kind === 'parse-error')).toEqual([]);
  return result.files.flatMap((f) => f.findings.map((x) => `${path.basename(f.file)}:${x.line} ${x.ruleId} ${x.confidence}`)).sort();
}

describe('zx scripts through scan()', () => {
  it('reports the downloads and the unpickling of a `#!/usr/bin/env zx` script', async () => {
    expect(await findings({ 'scripts/fetch-models.mjs': SCRIPT })).toEqual([
      'fetch-models.mjs:3 transformersjs/unverified-model-download high',
      'fetch-models.mjs:4 transformersjs/pickle-load-through-python-bridge high',
      'fetch-models.mjs:5 transformersjs/hub-download-without-revision high',
    ]);
  });

  it('reports nothing for the same lines under another `#!` line (a `$` that is not zx)', async () => {
    expect(await findings({ 'scripts/fetch-models.mjs': SCRIPT.replace('#!/usr/bin/env zx', '#!/usr/bin/env node') })).toEqual([]);
  });

  it('the prefilter lets the `#!` line through, not the word in a comment', () => {
    const text = javascript.prefilterText!(SCRIPT);
    expect(text.startsWith('#!/usr/bin/env zx\n')).toBe(true);
    expect(ruleTriggersMatch(unverifiedDownload.meta, text)).toBe(true);
    expect(ruleTriggersMatch(pickleBridge.meta, text)).toBe(true);
    const commented = SCRIPT.replace('#!/usr/bin/env zx', '// run with zx').replace(/\$`/g, 'run`');
    expect(ruleTriggersMatch(pickleBridge.meta, javascript.prefilterText!(commented))).toBe(false);
  });
});

// zx templates are read in time linear in their length: the command line is built once and read by
// `shellWords` once (quotes that never close, many that do, many `${…}` holding quotes).
async function lint(text: string, rule: typeof pickleBridge | typeof unverifiedDownload): Promise<string[]> {
  const result = await lintText({ path: 'main.mjs', text, language: javascript, rules: [{ id: id(rule), rule, level: 'error' }] });
  return result.findings.map((f) => `${f.line}:${f.column} ${f.confidence}`);
}

describe('a `$` the zx script binds itself', () => {
  it('is not zx: a local parameter, jQuery', async () => {
    const curl = '$`curl -L -o models/m.onnx https://example.com/m.onnx`';
    expect(await lint(`#!/usr/bin/env zx\nawait ${curl};\n`, unverifiedDownload)).toEqual(['2:7 high']);
    expect(await lint(`#!/usr/bin/env zx\nexport async function run($) {\n  await ${curl};\n}\n`, unverifiedDownload)).toEqual([]);
    expect(await lint(`#!/usr/bin/env -S npx zx\nimport $ from 'jquery';\nawait ${curl};\n`, unverifiedDownload)).toEqual([]);
  });
});

describe('zx templates in linear time', () => {
  it('reads a template with 60,000 quotes that never close, and 120,000 that do', async () => {
    const open = `import { $ } from 'zx';\nawait $\`python3 -c "import pickle; pickle.load(f)"${' "a'.repeat(60_000)}\`;\n`;
    expect(await lint(open, pickleBridge)).toEqual(['2:7 high']);
    const closed = `import { $ } from 'zx';\nawait $\`python3 -c "import pickle; pickle.load(f)"${" 'a'".repeat(120_000)}\`;\n`;
    expect(await lint(closed, pickleBridge)).toEqual(['2:7 high']);
  });

  it('reads a download with 20,000 interpolations of a value holding quotes', async () => {
    const text = `import { $ } from 'zx';\nconst Q = "it's";\nawait $\`curl -L -o m.bin https://example.com/model.bin${' ${Q}'.repeat(20_000)}\`;\n`;
    expect(await lint(text, unverifiedDownload)).toEqual(['3:7 high']);
  });

  it('reads a template over names built of names once (146 s at 4 levels when each use was read again)', async () => {
    let text = "import { $ } from 'zx';\nconst a0 = process.env.X;\n";
    for (let i = 1; i <= 6; i++) text += `const a${i} = \`${Array.from({ length: 63 }, () => `\${a${i - 1}}`).join('/')}\`;\n`;
    text += 'await $`curl -L -o models/m.onnx ${a6}`;\n';
    const steps = await sourceCodeCallsBy(async () => {
      expect(await lint(text, unverifiedDownload)).toEqual(['9:7 medium']);
    });
    // a bounded number of steps per name use (6 × 63 of them), not 63^levels
    expect(steps).toBeLessThan(200 * 6 * 63);
  });

  it('looks for a checksum command once per region, not once per download (quadratic: 98 s for 2,000)', async () => {
    const n = 3000;
    const lines = Array.from({ length: n }, (_, i) => `await $\`curl -L -o models/m${i}.onnx \${process.env.U${i}}/m${i}.onnx\`;\nawait $\`echo ${i}\`;\n`);
    const calls = Array.from({ length: n }, (_, i) => `execSync(\`curl -L -o models/m${i}.onnx \${process.env.U${i}}/m${i}.onnx\`);\nexecSync('echo ${i}');\n`);
    const visits = await nodesVisitedBy(async () => {
      expect(await lint(`import { $ } from 'zx';\n${lines.join('')}`, unverifiedDownload)).toHaveLength(n);
      expect(await lint(`import { execSync } from 'child_process';\n${calls.join('')}`, unverifiedDownload)).toHaveLength(n);
    });
    // each file's 2 × 3,000 statements walked a bounded number of times, not once per download
    expect(visits).toBeLessThan(100 * 2 * 2 * n);
  });
});

// Scripts without an extension (`scripts/fetch-models`) are JavaScript by their `#!` line (lang-js's
// `interpreters`): end to end through the real CLI, as a user runs it.
describe('extensionless scripts through the CLI', () => {
  const bin = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));
  const cli = (files: Record<string, string>): { findings: string[]; languages: string[] } => {
    const dir = mkdtempSync(path.join(root, 'cli-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const run = spawnSync(process.execPath, [bin, 'scan', dir, '--no-config', '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(run.stdout) as { files: Array<{ path: string; language: string; findings: Array<{ line: number; ruleId: string }> }> };
    return {
      findings: report.files.flatMap((f) => f.findings.map((x) => `${path.relative(dir, f.path)}:${x.line} ${x.ruleId}`)).sort(),
      languages: report.files.map((f) => `${path.relative(dir, f.path)} ${f.language}`).sort(),
    };
  };
  const NODE_SCRIPT = (shebang: string) =>
    `${shebang}\nconst fs = require('fs');\n(async () => {\n  const r = await fetch('https://example.com/m/model.onnx');\n  fs.writeFileSync('m.onnx', Buffer.from(await r.arrayBuffer()));\n})();\n`;

  it.skipIf(!existsSync(bin))('scans `#!/usr/bin/env zx`, node, deno and bun scripts as JavaScript', () => {
    const { findings, languages } = cli({
      'scripts/fetch-models': SCRIPT,
      'bin/get-node': NODE_SCRIPT('#!/usr/bin/env node'),
      'bin/get-node20': NODE_SCRIPT('#!/usr/local/bin/node20'),
      'bin/get-deno': NODE_SCRIPT('#!/usr/bin/env -S deno run --allow-net --allow-write'),
      'bin/get-bun': NODE_SCRIPT('#!/usr/bin/env bun'),
      // zx through a package runner
      'bin/get-npx-zx': "#!/usr/bin/env -S npx -y zx@8\nawait $`curl -L -o models/m.onnx https://example.com/m.onnx`;\n",
      'bin/get-bunx-zx': "#!/usr/bin/env -S bunx zx\nawait $`curl -L -o models/m.onnx https://example.com/m.onnx`;\n",
      // not JavaScript: a shell script, and a script with no `#!` line
      'bin/get-sh': "#!/bin/sh\ncurl -L -o m.onnx 'https://example.com/m/model.onnx'\n",
      'bin/notes': "const r = await fetch('https://example.com/m/model.onnx');\n",
    });
    expect(languages).toEqual(['bin/get-bun javascript', 'bin/get-bunx-zx javascript', 'bin/get-deno javascript', 'bin/get-node javascript', 'bin/get-node20 javascript', 'bin/get-npx-zx javascript', 'scripts/fetch-models javascript']);
    expect(findings).toEqual([
      'bin/get-bun:4 transformersjs/unverified-model-download',
      'bin/get-bunx-zx:2 transformersjs/unverified-model-download',
      'bin/get-deno:4 transformersjs/unverified-model-download',
      'bin/get-node20:4 transformersjs/unverified-model-download',
      'bin/get-node:4 transformersjs/unverified-model-download',
      'bin/get-npx-zx:2 transformersjs/unverified-model-download',
      'scripts/fetch-models:3 transformersjs/unverified-model-download',
      'scripts/fetch-models:4 transformersjs/pickle-load-through-python-bridge',
      'scripts/fetch-models:5 transformersjs/hub-download-without-revision',
    ]);
  });
});
