import { describe, expect, it } from 'vitest';
import { deepCacheWarning } from '../src/index.js';

// `settings.oculum.depth: "deep"` with `eslint --cache`: the cache re-lints a file only when its own content changes,
// so a finding that depends on an imported module is lost or kept stale (review eslintux P1-1). ESLint does not tell
// a rule whether the cache is on; an `eslint` process's command line does, and the plugin warns once.
describe('deepCacheWarning', () => {
  const node = '/usr/bin/node';
  it.each([
    [[node, '/app/node_modules/.bin/eslint', '--cache', 'src']],
    [[node, '/app/node_modules/eslint/bin/eslint.js', '--cache', '--cache-strategy', 'content', '.']],
    [[node, 'C:\\app\\node_modules\\eslint\\bin\\eslint.js', '--cache']],
  ])('warns at deep under eslint --cache: %j', (argv) => {
    expect(deepCacheWarning('deep', argv)).toMatch(/--cache.*oculum scan --depth deep/s);
  });

  it.each([
    ['standard', [node, '/app/node_modules/.bin/eslint', '--cache']],
    [undefined, [node, '/app/node_modules/.bin/eslint', '--cache']],
    ['deep', [node, '/app/node_modules/.bin/eslint', 'src']],
    ['deep', [node, '/app/node_modules/.bin/eslint', '--cache-location', '.cache']],
    ['deep', [node, '/app/tools/build.js', '--cache']],
  ])('says nothing at %s for %j', (depth, argv) => {
    expect(deepCacheWarning(depth, argv)).toBeUndefined();
  });
});
