import type { Rule } from '@oculum/core';
import evalOfLoadedConfig from './eval-of-loaded-config.js';
import hubLoadWithoutWeightsOnly from './hub-load-without-weights-only.js';
import joblibLoad from './joblib-load.js';
import kerasSafeModeDisabled from './keras-safe-mode-disabled.js';
import loadWithoutWeightsOnly from './load-without-weights-only.js';
import numpyLoadAllowPickle from './numpy-load-allow-pickle.js';
import pickleLoad from './pickle-load.js';
import weightsOnlyDisabledGlobally from './weights-only-disabled-globally.js';
import yamlUnsafeLoad from './yaml-unsafe-load.js';

/** Every rule of the plugin, keyed by rule name (the id is `torch/<name>`). */
export const rules: Record<string, Rule<any, any>> = Object.fromEntries(
  [
    loadWithoutWeightsOnly,
    hubLoadWithoutWeightsOnly,
    weightsOnlyDisabledGlobally,
    pickleLoad,
    joblibLoad,
    numpyLoadAllowPickle,
    kerasSafeModeDisabled,
    yamlUnsafeLoad,
    evalOfLoadedConfig,
  ].map((rule) => [rule.name, rule]),
);
