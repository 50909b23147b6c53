import rule from '../../src/rules/mediapipe-model-from-remote-url.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import { FilesetResolver, ImageClassifier, HandLandmarker } from '@mediapipe/tasks-vision';\nconst vision = await FilesetResolver.forVisionTasks('/wasm');\n";
const TFLITE = 'https://storage.googleapis.com/mediapipe-models/ic/1/efficientnet_lite0.tflite';

tester.run(id(rule), rule, {
  valid: [
    // the app's own origin, a file of the extension, bytes the app has
    imp + `export const c = await ImageClassifier.createFromModelPath(vision, '/models/efficientnet_lite0.tflite');`,
    imp + `export const h = await HandLandmarker.createFromOptions(vision, { baseOptions: { modelAssetPath: './models/hand_landmarker.task' } });`,
    imp + `export const h = await HandLandmarker.createFromModelPath(vision, chrome.runtime.getURL('models/hand_landmarker.task'));`,
    imp + `export const load = (bytes) => HandLandmarker.createFromOptions(vision, { baseOptions: { modelAssetBuffer: bytes } });`,
    imp + `export const load = (bytes) => HandLandmarker.createFromModelBuffer(vision, bytes);`,
    // FilesetResolver loads MediaPipe's WebAssembly runtime, not a model
    "import { FilesetResolver } from '@mediapipe/tasks-vision';\nexport const v = await FilesetResolver.forVisionTasks('https://cdn.jsdelivr.net/npm/@mediapipe/tasks-vision@0.10.14/wasm');",
    // a class of another package, or of the app, with a method of the same name
    `import { ImageClassifier } from './classifier';\nexport const c = await ImageClassifier.createFromModelPath(null, '${TFLITE}');`,
    `class ImageClassifier { static createFromModelPath(f, p) { return p; } }\nImageClassifier.createFromModelPath(null, '${TFLITE}');`,
    // a path nothing is known of, not named like a URL
    imp + `export const load = (p) => ImageClassifier.createFromModelPath(vision, p);`,
  ],
  invalid: [
    {
      code: imp + `export const c = await ImageClassifier.createFromModelPath(vision, '${TFLITE}');`,
      errors: [{ messageId: 'remote', data: { callee: 'ImageClassifier.createFromModelPath', url: `"${TFLITE}"` }, confidence: 'high', line: 3 }],
    },
    {
      code: imp + `const options = { baseOptions: { modelAssetPath: '${TFLITE}' }, maxResults: 3 };\nexport const c = await ImageClassifier.createFromOptions(vision, options);`,
      errors: [{ messageId: 'remote', data: { callee: 'ImageClassifier.createFromOptions', url: `"${TFLITE}"` }, confidence: 'high', line: 4 }],
    },
    // plain HTTP: its own message, and a suggestion
    {
      code: imp + `export const h = await HandLandmarker.createFromOptions(vision, { baseOptions: { modelAssetPath: 'http://models.lan/hand_landmarker.task' } });`,
      errors: [{ messageId: 'http', confidence: 'high', line: 3, suggestions: [{ messageId: 'useHttps', output: imp + `export const h = await HandLandmarker.createFromOptions(vision, { baseOptions: { modelAssetPath: 'https://models.lan/hand_landmarker.task' } });` }] }],
    },
    // a namespace import, tasks-genai, a CDN specifier
    {
      code: "import * as genai from '@mediapipe/tasks-genai';\nconst fs = await genai.FilesetResolver.forGenAiTasks('/wasm');\nexport const llm = await genai.LlmInference.createFromModelPath(fs, 'https://cdn.example.com/gemma3-1b-it-int4.task');",
      errors: [{ messageId: 'remote', confidence: 'high', line: 3 }],
    },
    {
      code: "import { TextClassifier, FilesetResolver } from 'https://cdn.jsdelivr.net/npm/@mediapipe/tasks-text@0.10.0';\nconst t = await FilesetResolver.forTextTasks('/wasm');\nexport const c = await TextClassifier.createFromModelPath(t, 'https://storage.googleapis.com/mediapipe-models/text_classifier/bert_classifier/float32/1/bert_classifier.tflite');",
      errors: [{ messageId: 'remote', confidence: 'high', line: 3 }],
    },
    // a URL named like one that is not known: low
    { code: imp + `export const load = (modelUrl) => ImageClassifier.createFromModelPath(vision, modelUrl);`, errors: [{ messageId: 'remote', confidence: 'low', line: 3 }] },
  ],
});

fixture(rule);
