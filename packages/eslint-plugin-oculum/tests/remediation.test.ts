import { describe, expect, it } from 'vitest';
import * as eslint9 from 'eslint';
import * as eslint10 from 'eslint-v10';
import transformersjs from '@oculum/plugin-js-transformersjs';
import oculum, { saysWhatToDo } from '../src/index.js';

// ESLint shows only the message: one that says what is wrong but not what to do ends with the remediation the
// CLI's JSON, SARIF and Markdown reports carry (review eslintux P2-2).
const MAJORS = [eslint9, eslint10 as unknown as typeof eslint9];
const remediation = (name: string) => transformersjs.rules![name].meta.remediation;

describe.each(MAJORS.map((m) => [m.ESLint.version.split('.')[0], m] as const))('ESLint %s: remediation in the message', (_major, { Linter, RuleTester }) => {
  const linter = new Linter({ configType: 'flat' });
  const lint = (code: string) => linter.verify(code, [oculum.configs.recommended], { filename: 'app.js' });

  it('ends a message that only states the problem with what to do', () => {
    const messages = lint(`import { createRepo } from '@huggingface/hub';\nawait createRepo({ repo: 'my-org/finetuned', accessToken: t });\n`);
    expect(messages.map((m) => [m.messageId, m.message])).toEqual([
      ['publicRepo', `createRepo creates "my-org/finetuned" as a public repository: whatever is uploaded is published before anyone reviews it. Fix: ${remediation('public-model-upload')}`],
    ]);
  });

  it('leaves a message that already says what to do as it is, and a suggestion\'s text', () => {
    const messages = lint(`import { pipeline } from '@huggingface/transformers';\nawait pipeline('x', 'org/m', { revision: 'main' });\nfetch('http://models.example.com/m.onnx');\n`);
    const branch = messages.find((m) => m.messageId === 'branch')!;
    expect(branch.message).toBe('pipeline loads "org/m" at revision "main", a branch that moves with every push; pin a full commit hash.');
    for (const m of messages) for (const s of m.suggestions ?? []) expect(s.desc).not.toMatch(/Fix:|\{\{/);
  });

  it('uses the remediation a finding gives over the rule\'s', () => {
    const messages = lint(`import { getLlama, resolveModelFile } from 'node-llama-cpp';\nawait resolveModelFile('hf:org/repo/model.gguf');\n`);
    const uri = messages.find((m) => m.messageId === 'uriMissing');
    expect(uri?.message).toMatch(/ Fix: Pin the commit you reviewed: `hf:<owner>\/<repo>\/<file>\.gguf#<40-character commit hash>`/);
    expect(uri?.message).not.toContain(remediation('hub-download-without-revision'));
  });

  it('keeps RuleTester cases that name the messageId and data', () => {
    new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } }).run('public-model-upload', oculum.rules['transformersjs/public-model-upload'], {
      valid: [`import { createRepo } from '@huggingface/hub'; await createRepo({ repo: 'o/r', private: true });`],
      invalid: [
        {
          code: `import { createRepo } from '@huggingface/hub'; await createRepo({ repo: 'o/r' });`,
          errors: [{ messageId: 'publicRepo', data: { callee: 'createRepo', repo: '"o/r"', oculumRemediation: ` Fix: ${remediation('public-model-upload')}` } }],
        },
      ],
    });
  });
});

describe('saysWhatToDo', () => {
  it.each([
    ['{{callee}} loads {{model}} at revision "{{revision}}", a branch that moves with every push; pin a full commit hash.', true],
    ['Use https://', true],
    ['`env.remoteHost` is set to a value the analysis cannot resolve; make sure it is an HTTPS Hub URL.', true],
    ['{{callee}} downloads the model from {{url}} and runs it without checking its integrity.', false],
    ['{{callee}} creates {{repo}} as a public repository: whatever is uploaded is published before anyone reviews it.', false],
    ['{{callee}} loads {{model}} at tag "{{revision}}"; tags can be moved, a full commit hash cannot.', false],
  ])('%s → %s', (text, says) => expect(saysWhatToDo(text)).toBe(says));
});
