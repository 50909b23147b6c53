import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as eslint9 from 'eslint';
import oculum from '../src/index.js';

// The deep + `eslint --cache` warning is printed once per run, also when the files the run re-lints have none of
// the rules' triggers (it was printed after the prefilter: the run that lost a finding said nothing; review w38js
// P3-2). A file of its own, so that the plugin's module (and its once-per-run flag) is fresh.
describe('deep + eslint --cache warning (warnDeepCacheOnce)', () => {
  const argv = process.argv;
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  beforeEach(() => {
    process.argv = [argv[0], '/app/node_modules/.bin/eslint', '--cache', 'src'];
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.argv = argv;
    process.off('warning', onWarning);
  });

  it('warns for a run that lints only files without triggers, and once', async () => {
    const linter = new eslint9.Linter({ configType: 'flat' });
    const config = [oculum.configs.recommended, { settings: { oculum: { depth: 'deep' } } }];
    // no model loader, no import of one: every rule is skipped by the prefilter
    expect(linter.verify(`export const MODEL = 'evil/m';\n`, config, { filename: 'c.js' })).toEqual([]);
    expect(linter.verify(`export const OTHER = 'org/m';\n`, config, { filename: 'd.js' })).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => (w as Error & { code?: string }).code === 'OCULUM_DEEP_ESLINT_CACHE')).toHaveLength(1);
  });
});
