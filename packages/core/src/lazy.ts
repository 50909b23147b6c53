/**
 * Dependencies loaded on first use. A scan that needs no YAML config, no glob and no rule options
 * never pays for loading them (cold start matters for editors and pre-commit hooks).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}

export const loadAjv = lazy(() => {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const formats = require('ajv-formats') as { default?: unknown };
  const addFormats = (formats.default ?? formats) as (ajv: InstanceType<typeof Ajv>) => unknown;
  return { Ajv, addFormats };
});

export const loadYaml = lazy(() => require('yaml') as typeof import('yaml'));

export const loadPicomatch = lazy(() => require('picomatch') as typeof import('picomatch'));

export const loadIgnore = lazy(() => require('ignore') as typeof import('ignore'));

export const loadJsonc = lazy(() => require('jsonc-parser') as typeof import('jsonc-parser'));
