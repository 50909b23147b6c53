import { describe, expect, it } from 'vitest';
import { lintText } from '@oculum/core';
import { javascript } from '@oculum/lang-js';
import pickleBridge from '../src/rules/pickle-load-through-python-bridge.js';
import unverifiedDownload from '../src/rules/unverified-model-download.js';
import { id } from './helpers.js';

// Review s29js P1 / P4.1: the words of execa templates and command strings are read in time linear in
// their number (quotes that never close, well-formed quotes, escaped spaces). Each of these inputs took
// longer than the test timeout (some, minutes) when each closing quote was searched from the first
// word and a word was rebuilt per escaped space; they take about a second now.

async function lint(text: string, rule: typeof pickleBridge | typeof unverifiedDownload): Promise<string[]> {
  const result = await lintText({ path: 'main.mjs', text, language: javascript, rules: [{ id: id(rule), rule, level: 'error' }] });
  return result.findings.map((f) => `${f.line}:${f.column} ${f.confidence}`);
}

describe('execa words in linear time (review s29js P1)', () => {
  it('reads an execaCommand string with 20,000 quotes that never close', async () => {
    const text = `import { execaCommand } from 'execa';\nawait execaCommand('python3 -c "import pickle; pickle.load(f)"${' "a'.repeat(20_000)}');\n`;
    expect(await lint(text, pickleBridge)).toEqual(['2:7 low']);
  });

  it('reads an execa template with 60,000 quotes that never close', async () => {
    const text = `import { $ } from 'execa';\nawait $\`python3 -c "import pickle; pickle.load(f)"${' "a'.repeat(60_000)}\`;\n`;
    expect(await lint(text, pickleBridge)).toEqual(['2:7 low']);
  });

  it('reads an execaCommand download with 20,000 quotes that never close, and 120,000 that do', async () => {
    const open = `import { execaCommand } from 'execa';\nawait execaCommand('curl -L -o model.bin https://example.com/model.bin${' "a'.repeat(20_000)}');\n`;
    expect(await lint(open, unverifiedDownload)).toHaveLength(1);
    const closed = `import { $ } from 'execa';\nawait $\`python3 -c "import pickle; pickle.load(f)"${' "a"'.repeat(120_000)}\`;\n`;
    expect(await lint(closed, pickleBridge)).toEqual(['2:7 low']);
  });

  it('reads an execaCommand word holding 400,000 escaped spaces (review s29js P4.1)', async () => {
    const text = `import { execaCommand } from 'execa';\nawait execaCommand('python3 -c import\\\\ pickle;\\\\ pickle.load(f)${'\\\\ aa'.repeat(400_000)}');\n`;
    expect(await lint(text, pickleBridge)).toEqual(['2:7 high']);
  });
});
