/**
 * @oculum/plugin-python-torch — detector `unsafe_model_load` for Python: torch.load and friends,
 * the pickle family, joblib, numpy, Keras, PyYAML and eval of loaded configuration.
 */
import { createRequire } from 'node:module';
import { presetsFor, type Plugin } from '@oculum/core';
import { python } from '@oculum/lang-python';
import { rules } from './rules/index.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };

export { rules };

const plugin: Plugin = {
  meta: { name: '@oculum/plugin-python-torch', version, namespace: 'torch' },
  rules,
  languages: { python },
  configs: presetsFor('torch', rules),
};

export default plugin;
