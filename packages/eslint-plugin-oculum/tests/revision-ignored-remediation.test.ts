import { describe, expect, it } from 'vitest';
import * as eslint9 from 'eslint';
import transformersjs from '@oculum/plugin-js-transformersjs';
import oculum from '../src/index.js';

// `unpinned-model-revision/revisionIgnored` says a `revision` pin would be ignored (the path template drops
// `{revision}`): the " Fix: " it ends with is its own remediation, not the rule's "Pass `{ revision: … }`"
// (review w38js P2-2)
const ruleRemediation = transformersjs.rules!['unpinned-model-revision'].meta.remediation!;

describe('revisionIgnored ends with a remediation that does not ask for the pin it says is ignored', () => {
  const linter = new eslint9.Linter({ configType: 'flat' });
  const lint = (code: string) => linter.verify(code, [oculum.configs.recommended], { filename: 'app.js' });

  it.each([
    ['a named model', `await pipeline('text-classification', 'org/model');`, 'pipeline loads "org/model"'],
    ['the default model of a task', `await pipeline('text-classification');`, 'the default model of the "text-classification" task'],
  ])('%s', (_, load, said) => {
    const messages = lint(`import { pipeline, env } from '@huggingface/transformers';\nenv.remotePathTemplate = '{model}/resolve/main/';\n${load}\n`);
    const ignored = messages.find((m) => m.messageId === 'revisionIgnored');
    expect(ignored?.message).toContain(said);
    expect(ignored?.message).toMatch(/a `revision` pin would be ignored\. Fix: Keep `\{revision\}` in `env\.remotePathTemplate` \(the default, `\{model\}\/resolve\/\{revision\}\/`\), then pin/);
    expect(ignored?.message).not.toContain(ruleRemediation);
  });
});

describe('templateDropsRevision ends with a remediation about the template, not the host (review w38js P2-2)', () => {
  const linter = new eslint9.Linter({ configType: 'flat' });
  const ruleRemediation = transformersjs.rules!['insecure-remote-host'].meta.remediation!;

  it('says to keep {revision} in the template', () => {
    const messages = linter.verify(`import { env } from '@huggingface/transformers';\nenv.remotePathTemplate = '{model}/resolve/main/';\n`, [oculum.configs.recommended], { filename: 'app.js' });
    const dropped = messages.find((m) => m.messageId === 'templateDropsRevision');
    expect(dropped?.message).toMatch(/every revision pin in the app is silently ignored\. Fix: Keep `\{revision\}` in `env\.remotePathTemplate`/);
    expect(dropped?.message).not.toContain(ruleRemediation);
  });
});
