import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';

/**
 * MediaPipe Tasks' packages (`@mediapipe/tasks-vision`, `-audio`, `-text`, `-genai`; npm, versioned,
 * CDN and `npm:` specifiers, and files of the package: `…/@mediapipe/tasks-vision@0.10.14/vision_bundle.mjs`).
 */
export const isMediapipeTasksModule = (m: string): boolean => /(^|\/|npm:)@mediapipe\/tasks-(?:vision|audio|text|genai)(@[^/?#]*)?(\/|$)/.test(m);

/** Prefilter trigger: the loaders' names (a call of one is what the rule reports). */
export const MEDIAPIPE_TRIGGER = /\bcreateFrom(?:ModelPath|Options)\b/;

/**
 * A MediaPipe Tasks model load whose model MediaPipe fetches itself: the static
 * `XxxTask.createFromModelPath(fileset, url)` of a task class (`ImageClassifier`, `HandLandmarker`,
 * `LlmInference`, …) or `XxxTask.createFromOptions(fileset, { baseOptions: { modelAssetPath: url } })`,
 * the task class imported from a MediaPipe Tasks package. The URL or path the model comes from;
 * undefined for anything else (a model given as bytes, `modelAssetBuffer`, `createFromModelBuffer`).
 */
export function mediapipeModelSource(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode | undefined {
  const m = sc.importedMember(call.callee);
  if (!m || !isMediapipeTasksModule(m.module) || m.path.length !== 2 || m.path[0] === 'FilesetResolver') return undefined;
  if (m.path[1] === 'createFromModelPath') return sc.argument(call, { position: 1 });
  if (m.path[1] !== 'createFromOptions') return undefined;
  const options = sc.argument(call, { position: 1 });
  const literal = options ? sc.objectLiteral(options) : undefined;
  const base = literal ? sc.property(literal, 'baseOptions') : undefined;
  const baseLiteral = base ? sc.objectLiteral(base) : undefined;
  return baseLiteral ? sc.property(baseLiteral, 'modelAssetPath') : undefined;
}
