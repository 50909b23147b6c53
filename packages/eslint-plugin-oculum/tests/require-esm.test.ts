import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// An `eslint.config.cjs` (a CommonJS package: `npm init -y`) `require`s the plugin. Node 20.19+ / 22.12+ can require()
// an ES module, once the package's "exports" has a condition `require` matches ("default"): with "import" alone it
// stopped with ERR_PACKAGE_PATH_NOT_EXPORTED (review eslintux P2-1). Reads the built package (dist), as ESLint does.
const canRequireEsm = Boolean((process as unknown as { features: { require_module?: boolean } }).features.require_module);

describe.runIf(canRequireEsm)('require() of the ES module (Node 20.19+ / 22.12+)', () => {
  const require = createRequire(import.meta.url);

  it('gives the plugin itself, presets and rules, with no `.default`', () => {
    const plugin = require('eslint-plugin-oculum') as { meta: { name: string }; configs: Record<string, unknown>; rules: Record<string, unknown> };
    expect(plugin.meta.name).toBe('eslint-plugin-oculum');
    expect(Object.keys(plugin.configs)).toEqual(['recommended', 'strict', 'all']);
    expect(plugin.rules['transformersjs/unpinned-model-revision']).toBeDefined();
  });

  it.each(['@oculum/core', '@oculum/lang-js', '@oculum/plugin-js-transformersjs'])('resolves %s for require', (name) => {
    expect(require.resolve(name)).toMatch(/dist[\\/]index\.js$/);
  });
});
