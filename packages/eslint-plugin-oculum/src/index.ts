import type { ESLint, Linter, Rule as ESLintRule } from 'eslint';
import { checkPluginRules, presetsFor, type Plugin } from '@oculum/core';
import transformersjs from '@oculum/plugin-js-transformersjs';
import pkg from '../package.json' with { type: 'json' };
import { adaptRule } from './adapter.js';

export { adaptRule, checkOculumSettings, deepCacheWarning, OculumSettingsError, saysWhatToDo, sourceCodeFor, toEslintReport } from './adapter.js';

/** The Oculum plugins whose JS/TS rules this ESLint plugin carries. */
export const oculumPlugins: Plugin[] = [transformersjs];

const PRESETS = ['recommended', 'strict', 'all'] as const;
type PresetName = (typeof PRESETS)[number];

export interface OculumEslintPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, ESLintRule.RuleModule>;
  configs: Record<PresetName, Linter.Config>;
}

/**
 * Builds the ESLint plugin from Oculum plugins. Rule names keep the Oculum id, so
 * `transformersjs/unpinned-model-revision` becomes `oculum/transformersjs/unpinned-model-revision`
 * (and that is what `eslint-disable` comments name). Presets are the Oculum presets, prefixed.
 */
export function createEslintPlugin(plugins: Plugin[] = oculumPlugins): OculumEslintPlugin {
  checkPlugins(plugins);
  const rules: Record<string, ESLintRule.RuleModule> = {};
  const jsRules = plugins.flatMap((plugin) =>
    Object.entries(plugin.rules ?? {})
      .filter(([, rule]) => rule.meta.languages.includes('javascript'))
      .map(([name, rule]) => ({ id: `${plugin.meta.namespace}/${name}`, rule })),
  );
  // Every setting a carried rule reads, so a near miss of any of them is caught whichever rule runs first.
  const knownSettings = [...new Set(jsRules.flatMap(({ rule }) => rule.meta.requiresSettings ?? []))];
  for (const { id, rule } of jsRules) rules[id] = adaptRule(id, rule, knownSettings);
  const eslintPlugin: OculumEslintPlugin = {
    meta: { name: pkg.name, version: pkg.version, namespace: 'oculum' },
    rules,
    configs: {} as Record<PresetName, Linter.Config>,
  };
  for (const preset of PRESETS) {
    const entries: Linter.RulesRecord = {};
    for (const plugin of plugins) {
      // A plugin without presets gets those of its rules' `meta.docs`, as in an Oculum scan.
      const presetConfig = plugin.configs?.[preset] ?? presetsFor(plugin.meta.namespace, plugin.rules ?? {})[preset];
      for (const [id, level] of Object.entries(presetConfig?.rules ?? {})) {
        if (rules[id]) entries[`oculum/${id}`] = level as Linter.RuleEntry;
      }
    }
    eslintPlugin.configs[preset] = {
      name: `oculum/${preset}`,
      plugins: { oculum: eslintPlugin as unknown as ESLint.Plugin },
      rules: entries,
    };
  }
  return eslintPlugin;
}

/**
 * Throws, saying what is wrong, unless `plugins` is an array of Oculum plugins (`meta.namespace`, rules
 * keyed by name and each a rule as `createRule` makes it), no namespace given twice.
 */
function checkPlugins(plugins: unknown): asserts plugins is Plugin[] {
  if (!Array.isArray(plugins)) throw new TypeError(`createEslintPlugin(plugins): plugins must be an array of Oculum plugins (e.g. [...oculumPlugins, myPlugin]), not ${plugins === null ? 'null' : typeof plugins}`);
  const seen = new Set<string>();
  plugins.forEach((p, i) => {
    const namespace = (p as Plugin | undefined)?.meta?.namespace;
    if (typeof namespace !== 'string' || namespace === '') throw new TypeError(`createEslintPlugin(plugins): plugins[${i}] needs meta.namespace (an Oculum plugin: { meta: { name, version, namespace }, rules })`);
    if (seen.has(namespace)) throw new TypeError(`createEslintPlugin(plugins): the namespace "${namespace}" is given twice (plugins[${i}]): rule ids would collide`);
    seen.add(namespace);
    checkPluginRules(p as Plugin, `plugins[${i}] ("${namespace}")`, 'createEslintPlugin');
  });
}

const plugin = createEslintPlugin();

export default plugin;
// `require('eslint-plugin-oculum')` (an `eslint.config.cjs`, Node 20.19+ / 22.12+, which can require an ES
// module) returns the plugin itself, as `import oculum from` does, not the module namespace
export { plugin as 'module.exports' };
