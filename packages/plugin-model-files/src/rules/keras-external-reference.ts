import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { FILE_LOC, policyFor, where } from './util.js';

export default createRule({
  name: 'keras-external-reference',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'medium',
    languages: ['model'],
    triggers: [],
    docs: {
      description:
        'Reports Keras model configs that name modules or functions outside Keras, which the loader imports (references to dangerous modules are critical), and configs that make the loader reach files outside the model: a TFSMLayer\'s SavedModel, a lookup layer\'s vocabulary file, a layer name that leaves the assets directory (high).',
      recommended: true,
    },
    messages: {
      dangerous: 'Keras model{{where}} makes the loader import `{{target}}` (layer `{{layer}}`), a dangerous module or function.',
      foreign: 'Keras model{{where}} makes the loader import `{{target}}` (layer `{{layer}}`), which is outside Keras.',
      savedModel:
        'Keras model{{where}} has a TFSMLayer `{{layer}}` that loads the TensorFlow SavedModel at `{{target}}` when the model is loaded, even with safe_mode (CVE-2026-1462): its graph runs with the loader\'s rights.',
      vocabularyFile:
        'Keras model{{where}} has a {{layerClass}} layer `{{layer}}` whose vocabulary is the file `{{target}}`: loading the model reads that path (a local file, or a URL through tf.io.gfile) into the model (CVE-2025-12058).',
      layerPath:
        'Keras model{{where}} has a layer named `{{layer}}`, a path that leaves the directory Keras extracts the archive\'s assets to: loading the model reads or writes files there (CVE-2026-12479).',
    },
    remediation:
      'Only load Keras models whose custom objects come from code you trust; pass them explicitly with custom_objects and keep safe_mode=True.',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        const policy = policyFor(context.settings);
        const judge = (target: string, internal: boolean): 'safe' | 'suspicious' | 'dangerous' => {
          if (internal && KERAS_UNSAFE.test(target)) return 'dangerous';
          let worst: 'safe' | 'suspicious' | 'dangerous' = 'safe';
          // `keras.src.utils.file_utils.get_file` is `keras.utils.get_file`: Keras imports the module
          // path of its own sources too, so a dangerous function is judged under its public name as well.
          for (const t of internal ? [target, ...publicAliases(target)] : [target]) {
            const i = t.lastIndexOf('.');
            const v = i > 0 ? policy.judge(t.slice(0, i), t.slice(i + 1)).verdict : 'suspicious';
            if (v === 'dangerous') return v;
            if (v !== 'safe') worst = 'suspicious';
          }
          return worst;
        };
        for (const k of file.keras) {
          // Files outside the model that the loader reaches (high: no import, but the loader reads or
          // writes where the config says).
          const file = k.kind === 'savedmodel' ? 'savedModel' : k.kind === 'vocabulary' ? 'vocabularyFile' : k.kind === 'layer-path' ? 'layerPath' : undefined;
          if (file) {
            context.report({
              loc: FILE_LOC,
              messageId: file,
              data: { where: where(k.member), layer: k.layer, target: k.target, layerClass: k.layerClass ?? 'lookup' },
              severity: 'high',
              confidence: 'high',
            });
            continue;
          }
          if (k.kind !== 'reference') continue;
          const internal = !!k.internal;
          // The name, then the names Keras falls back to (`registered_name`): the worst one is reported.
          let target = k.target;
          let verdict = judge(k.target, internal);
          for (const alt of k.also ?? []) {
            const v = judge(alt, internal);
            if (v === 'dangerous' && verdict !== 'dangerous') {
              target = alt;
              verdict = v;
            } else if (v === 'suspicious' && verdict === 'safe') {
              target = alt;
              verdict = v;
            }
          }
          if (verdict === 'safe' || (internal && verdict !== 'dangerous')) continue;
          const dangerous = verdict === 'dangerous';
          context.report({
            loc: FILE_LOC,
            messageId: dangerous ? 'dangerous' : 'foreign',
            data: { where: where(k.member), target, layer: k.layer },
            severity: dangerous ? 'critical' : undefined,
            confidence: dangerous ? 'high' : 'medium',
          });
        }
      },
    };
  },
});

/** Keras functions that turn its safe mode off for everything loaded after them (CVE-2025-9906). */
const KERAS_UNSAFE = /(?:^|\.)enable_unsafe_deserialization$/;

/**
 * The public names of a function of Keras' sources: `keras.src.utils.file_utils.get_file` is exported
 * as `keras.utils.get_file` (the package under `src`, then the name); `tf_keras` alike.
 */
export function publicAliases(target: string): string[] {
  const m = /^(keras|tf_keras)\.src\.(\w+)\.(?:[\w.]+\.)?(\w+)$/.exec(target);
  return m ? [`${m[1]}.${m[2]}.${m[3]}`, `keras.${m[2]}.${m[3]}`] : [];
}
