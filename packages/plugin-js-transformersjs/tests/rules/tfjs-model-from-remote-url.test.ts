import rule from '../../src/rules/tfjs-model-from-remote-url.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import * as tf from '@tensorflow/tfjs';\n";

tester.run(id(rule), rule, {
  valid: [
    // react-native-fast-tflite: a bundled model (`require`: Metro's asset id), a file on the device, another module's `loadTensorflowModel` (review jsmobile P2-1)
    "import { loadTensorflowModel } from 'react-native-fast-tflite';\nexport const load = () => loadTensorflowModel(require('./assets/model.tflite'), 'core-ml');",
    "import { useTensorflowModel } from 'react-native-fast-tflite';\nconst MODELS = { a: require('./a.tflite'), b: require('./b.tflite') };\nexport const useModel = (k: 'a' | 'b') => useTensorflowModel(MODELS[k]);",
    "import { loadTensorflowModel } from 'react-native-fast-tflite';\nimport * as FileSystem from 'expo-file-system';\nexport const load = () => loadTensorflowModel({ url: FileSystem.documentDirectory + 'model.tflite' });",
    "import { loadTensorflowModel } from 'react-native-fast-tflite';\nexport const load = () => loadTensorflowModel({ url: 'file:///data/user/0/app/files/model.tflite' });",
    // (a table member the file writes is not read as its literal; two bundled branches are bundled)
    "import { loadTensorflowModel } from 'react-native-fast-tflite';\nconst MODELS = { det: { url: 'https://cdn.example.com/det.tflite' } };\nMODELS.det = require('./det.tflite');\nexport const load = () => loadTensorflowModel(MODELS.det);",
    "import { loadTensorflowModel } from 'react-native-fast-tflite';\ndeclare const big: boolean;\nexport const load = () => loadTensorflowModel(big ? require('./l.tflite') : require('./s.tflite'));",
    "import { loadTensorflowModel } from './my-tflite';\nexport const load = () => loadTensorflowModel({ url: 'https://cdn.example.com/model.tflite' });",
    // an exported helper without a default whose calls in the file pass local URLs only
    imp + "export async function loadModel(path: string) { return tf.loadGraphModel(path); }\nloadModel('/models/pose/model.json');",
    imp + 'export const load = (name) => tf.loadGraphModel(`models/${name}/model.json`);',
    "import * as tf from '@tensorflow/tfjs';\nimport * as FileSystem from 'expo-file-system';\nexport const load = () => tf.loadGraphModel(FileSystem.bundleDirectory + 'model/model.json');",
    "import * as tmImage from '@teachablemachine/image';\nconst m = await tmImage.load('/tm/model.json', '/tm/metadata.json');",
    imp + `await tf.loadLayersModel('localstorage://m');`,
    imp + `await tf.loadLayersModel('downloads://m');`,
    imp + `await tf.loadGraphModel('./model/model.json');`,
    imp + `await tf.loadGraphModel(tf.io.browserFiles([a, b]));`,
    `const tf = require('@tensorflow/tfjs-node'); tf.loadLayersModel('file://' + dir + '/model.json');`,
    `import * as tf from 'not-tf'; tf.loadGraphModel('https://x.example/model.json');`,
    `model.loadGraphModel('https://x.example/model.json');`,
    `import * as mobilenet from '@tensorflow-models/mobilenet'; await mobilenet.load({ version: 2, alpha: 1, modelUrl: '/models/mobilenet/model.json' });`,
    `import * as cocoSsd from '@tensorflow-models/coco-ssd'; function f(config) { return cocoSsd.load(config); }`,
    `import * as m from '@tensorflow-models/mobilenet'; m.infer(x);`,
    // a local `tmImage` / `tmPose` is not Teachable Machine's global; its other loaders are local files
    `function init(tmImage) { return tmImage.load('https://teachablemachine.withgoogle.com/models/abc123/model.json'); }`,
    `import { tmPose } from './poses.js';\ntmPose.load('https://teachablemachine.withgoogle.com/models/abc123/model.json');`,
    `tmImage.loadFromFiles(modelFile, weightsFile, metadataFile);`,
    // a \`file:\` URL made by \`pathToFileURL\`, of any path, inline or held in a variable
    "import * as tf from '@tensorflow/tfjs-node';\nimport { pathToFileURL } from 'node:url';\nexport const model = await tf.loadGraphModel(pathToFileURL('./model/model.json').href);",
    "import * as tf from '@tensorflow/tfjs-node';\nimport * as url from 'url';\nexport function load(dir) { const modelUrl = url.pathToFileURL(dir + '/model.json').toString(); return tf.loadLayersModel(modelUrl); }",
    "import * as tf from '@tensorflow/tfjs-node';\nimport { pathToFileURL } from 'node:url';\nexport function load(userPath) { return tf.loadLayersModel(pathToFileURL(userPath).href); }",
    // ml5.js look-alikes: a local model, a parameter or local named `ml5`, a user object's `load`,
    // a network's `load` of a relative path, another module's `imageClassifier`
    `ml5.imageClassifier('./model/model.json', modelLoaded);`,
    `const classifier = ml5.soundClassifier('/tm-audio/model.json');`,
    `function setup(ml5) { return ml5.imageClassifier('https://teachablemachine.withgoogle.com/models/abc123/model.json'); }`,
    `const ml5 = { imageClassifier: (u) => u };\nml5.imageClassifier('https://teachablemachine.withgoogle.com/models/abc123/model.json');`,
    `import { imageClassifier } from './my-ml5-shim.js';\nimageClassifier('https://teachablemachine.withgoogle.com/models/abc123/model.json');`,
    `const store = { load: (u) => fetch(u) };\nstore.load('https://models.example.com/model.json');`,
    `function restore(nn) { return nn.load('https://models.example.com/model.json'); }`,
    `let nn;\nfunction setup() {\n  nn = ml5.neuralNetwork({ task: 'classification' });\n  nn.load('model/model.json', modelReady);\n}`,
    `const nn = ml5.neuralNetwork({ task: 'regression' });\nnn.load({ model: 'model/model.json', metadata: 'model/model_meta.json', weights: 'model/model.weights.bin' }, ready);`,
    `const nn = ml5.neuralNetwork({ task: 'regression' });\nnn.load(fileInput.elt.files, ready);`,
    // a callback or options ml5 cannot be seen to take: not known to be the default model
    `const cartoon = ml5.cartoon(callbackFromElsewhere);`,
    // speech-commands look-alikes: a local model, in-memory artifacts, a local \`speechCommands\`
    `const recognizer = speechCommands.create('BROWSER_FFT', undefined, './my_model/model.json', './my_model/metadata.json');`,
    `import * as speechCommands from '@tensorflow-models/speech-commands';\nconst r = speechCommands.create('BROWSER_FFT', null, { modelTopology, weightSpecs, weightData }, metadata);`,
    `function make(speechCommands) { return speechCommands.create('BROWSER_FFT', undefined, 'https://x.example/model.json', 'https://x.example/metadata.json'); }`,
    `const r = speechCommands.create('https://x.example/model.json');`,
    // another object's classification().load()
    `const classifier = ml5.imageClassifier('./model/model.json');\nfunction restore(extractor) { return extractor.classification().load('https://models.example.com/fe/model.json'); }`,
    `const classifier = ml5.imageClassifier('./model/model.json');\nconst fe = { classification: () => fe, load: (u) => u };\nfe.classification().load('https://models.example.com/fe/model.json');`,
    // every model an ml5 loader fetches given as the app's own files (its built-in default is not downloaded)
    `const detector = ml5.objectDetector('cocossd', { modelUrl: 'models/coco-ssd/model.json' });`,
    `const yolo = ml5.YOLO(video, { modelUrl: './models/yolo/model.json' });`,
    `const poseNet = ml5.poseNet(video, { architecture: 'MobileNetV1', modelUrl: '/models/posenet/model.json' }, modelReady);`,
    `const fe = ml5.featureExtractor('MobileNet', { mobilenetURL: '/models/mobilenet/model.json', graphModelURL: '/models/graph/model.json' }, modelReady);`,
    `const unet = ml5.uNet(video, { modelPath: './models/unet/model.json' });`,
    `const sentiment = ml5.sentiment('./models/sentiment/', modelReady);`,
    `const faceApi = ml5.faceApi(video, { TinyFaceDetectorModel: '/faceapi/tiny_face_detector_model-weights_manifest.json', FaceLandmark68TinyNet: '/faceapi/face_landmark_68_tiny_model-weights_manifest.json', FaceRecognitionModel: '/faceapi/face_recognition_model-weights_manifest.json' });`,
    `const bodyPose = ml5.bodyPose({ modelUrl: './models/movenet/model.json' });`,
    `const bodyPose = ml5.bodyPose('BlazePose', { runtime: 'mediapipe', solutionPath: '/mediapipe/pose' });`,
    `const handPose = ml5.handPose({ detectorModelUrl: '/models/hands/detector/model.json', landmarkModelUrl: '/models/hands/landmark/model.json' });`,
    `const segmenter = ml5.bodySegmentation('SelfieSegmentation', { modelURL: '/models/selfie/model.json' });`,
    // options the analysis cannot see may give the model's URL: its default is not known to be downloaded
    `export function track(video, options) { return ml5.poseNet(video, options, modelReady); }`,
    `export function track(video, config) { return ml5.handPose(video, config); }`,
    `export function track(args) { return ml5.bodyPose(...args); }`,
    // ml5 1.x handPose, faceMesh, bodyPose and bodySegmentation take no media: an argument not known (no
    // function) is options, whatever its name; so is one after ml5 0.x poseNet's media (review s29js P3)
    `export function track(o) { return ml5.faceMesh(o); }`,
    `export function track(o) { return ml5.bodyPose('MoveNet', o); }`,
    `export function track() { return ml5.faceMesh(getOptions()); }`,
    `export function track(cfg) { return [ml5.handPose(cfg.hands, gotHands), ml5.bodySegmentation('BodyPix', cfg.seg)]; }\nfunction gotHands() {}`,
    `export function track(video, poseCfg) { return ml5.poseNet(video, poseCfg); }`,
    `export function track(video, cfg) { return ml5.poseNet(video, cfg.posenet, modelReady); }\nfunction modelReady() {}`,
    // \`@tensorflow-models/*\` detectors: the app's own models, MediaPipe's files next to its script, options
    // not seen, another module's \`createDetector\`
    `import * as handPoseDetection from '@tensorflow-models/hand-pose-detection';\nconst detector = await handPoseDetection.createDetector(handPoseDetection.SupportedModels.MediaPipeHands, { runtime: 'tfjs', detectorModelUrl: '/models/hands/detector/model.json', landmarkModelUrl: '/models/hands/landmark/model.json' });`,
    `import * as handPoseDetection from '@tensorflow-models/hand-pose-detection';\nconst detector = await handPoseDetection.createDetector(handPoseDetection.SupportedModels.MediaPipeHands, { runtime: 'mediapipe' });`,
    `import * as faceLandmarksDetection from '@tensorflow-models/face-landmarks-detection';\nconst detector = await faceLandmarksDetection.createDetector(faceLandmarksDetection.SupportedModels.MediaPipeFaceMesh, { runtime: 'mediapipe', solutionPath: '/mediapipe/face_mesh' });`,
    `import * as poseDetection from '@tensorflow-models/pose-detection';\nexport const make = (config) => poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, config);`,
    `import { createDetector } from './detectors.js';\nconst detector = await createDetector('MoveNet');`,
    // both models of two given, from the app; a segmenter and a depth estimator on the app's own files;
    // face-detection's one detector model
    `import * as poseDetection from '@tensorflow-models/pose-detection';\nconst detector = await poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, { runtime: 'tfjs', detectorModelUrl: '/models/pose/detector/model.json', landmarkModelUrl: '/models/pose/landmark/model.json' });`,
    `import * as faceDetection from '@tensorflow-models/face-detection';\nconst detector = await faceDetection.createDetector(faceDetection.SupportedModels.MediaPipeFaceDetector, { runtime: 'tfjs', detectorModelUrl: '/models/face/model.json' });`,
    `import * as bodySegmentation from '@tensorflow-models/body-segmentation';\nconst segmenter = await bodySegmentation.createSegmenter(bodySegmentation.SupportedModels.BodyPix, { architecture: 'MobileNetV1', modelUrl: '/models/bodypix/model.json' });`,
    `import * as bodySegmentation from '@tensorflow-models/body-segmentation';\nconst segmenter = await bodySegmentation.createSegmenter(bodySegmentation.SupportedModels.MediaPipeSelfieSegmentation, { runtime: 'mediapipe', solutionPath: '/mediapipe/selfie_segmentation' });`,
    `import * as depthEstimation from '@tensorflow-models/depth-estimation';\nconst estimator = await depthEstimation.createEstimator(depthEstimation.SupportedModels.ARPortraitDepth, { segmentationModelUrl: '/models/seg/model.json', depthModelUrl: '/models/depth/model.json' });`,
    // another module's \`createEstimator\`
    `import { createEstimator } from './estimators.js';\nconst estimator = await createEstimator('depth');`,
    // ml5 1.x: an option of the other model or runtime is ignored; a local model
    `const faceMesh = ml5.faceMesh({ maxFaces: 1, runtime: 'tfjs', detectorModelUrl: './models/detector/model.json', landmarkModelUrl: '/models/landmark/model.json' });`,
    // checkpoints: a string that is no \`.json\` URL (ml5 refuses it), the app's own files
    `const model = ml5.sketchRNN('https://models.example.com/sketch/cat', modelReady);`,
    `const rnn = ml5.charRNN('./models/woolf/', modelReady);`,
    `const style = ml5.styleTransfer('models/wave', video, modelLoaded);`,
    `const style = ml5.styleTransfer(location.origin + '/models/wave', video, modelLoaded);`,
    `const p2p = ml5.pix2pix('model/edges2pikachu.pict', modelLoaded);`,
    // another module's \`charRNN\`, a parameter named \`ml5\`
    `import { charRNN } from './rnn.js';\nconst classifier = ml5.imageClassifier('./model/model.json');\ncharRNN('https://models.example.com/lstm/woolf/');`,
    `export function make(ml5) { return ml5.bodyPose({ modelUrl: 'https://models.example.com/movenet/model.json' }); }`,
    // speech-commands' global with an FFT type the analysis cannot see: evidence only on a page that loads it
    `async function createModel(fft) {\n  return speechCommands.create(fft, undefined, 'https://teachablemachine.withgoogle.com/models/Abc-123/model.json');\n}`,
    {
      code: `<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@1.3.1/dist/tf.min.js"></script>\n<script>\nasync function createModel(fft) {\n  return speechCommands.create(fft, undefined, 'https://teachablemachine.withgoogle.com/models/Abc-123/model.json');\n}\n</script>\n`,
      filename: 'index.html',
    },
    // a global the page never declares: judged by its writes only on a page whose <script src> loads ml5,
    // and only when every write is a network
    {
      code: `<script src="sketch-libs.js"></script>\n<script>\nfunction setup() { brain = ml5.neuralNetwork({ task: 'classification' }); }\n</script>\n<script>\nfunction restore() { brain.load('https://models.example.com/nn/model.json'); }\n</script>\n`,
      filename: 'index.html',
    },
    {
      code: `<script src="https://unpkg.com/ml5@0.12.2/dist/ml5.min.js"></script>\n<script>\nfunction setup() { brain = ml5.neuralNetwork({ task: 'classification' }); }\nfunction other() { brain = window.cache; }\nfunction restore() { brain.load('https://models.example.com/nn/model.json'); }\n</script>\n`,
      filename: 'index.html',
    },
    {
      code: `<script src="https://unpkg.com/ml5@0.12.2/dist/ml5.min.js"></script>\n<script>\nfunction setup() { brain = ml5.neuralNetwork({ task: 'classification' }); }\nfunction swap(pair) { [brain] = pair; }\nfunction restore() { brain.load('https://models.example.com/nn/model.json'); }\n</script>\n`,
      filename: 'index.html',
    },
    {
      code: `let brain;\nfunction setup() { brain = ml5.neuralNetwork({ task: 'classification' }); }\nfunction restore() { other.load('https://models.example.com/nn/model.json'); }\n`,
    },
    // (a page that loads it, with a first argument known to be no FFT type)
    {
      code: `<script src="https://cdn.jsdelivr.net/npm/@tensorflow-models/speech-commands@0.4.0/dist/speech-commands.min.js"></script>\n<script>\nspeechCommands.create('https://x.example/model.json');\n</script>\n`,
      filename: 'index.html',
    },
  ],
  invalid: [
    // react-native-fast-tflite fetches `{ url }` and hands it to the TFLite interpreter unchecked (review jsmobile P2-1)
    {
      code: "import { loadTensorflowModel } from 'react-native-fast-tflite';\nexport const load = () => loadTensorflowModel({ url: 'https://cdn.example.com/detect.tflite' });",
      errors: [{ messageId: 'remote', data: { callee: 'loadTensorflowModel', url: '"https://cdn.example.com/detect.tflite"' }, confidence: 'high', suggestions: [] }],
    },
    // ... also through a `?:` (medium beside a bundled branch) or a table member (review s35js P3-3)
    {
      code: "import { loadTensorflowModel } from 'react-native-fast-tflite';\ndeclare const bundled: boolean;\nexport const load = () => loadTensorflowModel(bundled ? require('./m.tflite') : { url: 'https://cdn.example.com/m.tflite' });",
      errors: [{ messageId: 'remote', data: { callee: 'loadTensorflowModel', url: '"https://cdn.example.com/m.tflite"' }, confidence: 'medium', suggestions: [] }],
    },
    {
      code: "import { loadTensorflowModel } from 'react-native-fast-tflite';\nconst MODELS = { det: { url: 'https://cdn.example.com/det.tflite' } };\nexport const load = () => loadTensorflowModel(MODELS.det);",
      errors: [{ messageId: 'remote', data: { callee: 'loadTensorflowModel', url: '"https://cdn.example.com/det.tflite"' }, confidence: 'high', suggestions: [] }],
    },
    {
      code: "import { useTensorflowModel } from 'react-native-fast-tflite';\nexport const useDetector = () => useTensorflowModel({ url: 'http://models.example.com/ssd.tflite' }, 'core-ml');",
      errors: [{
        messageId: 'http', data: { callee: 'useTensorflowModel', url: '"http://models.example.com/ssd.tflite"' }, confidence: 'high',
        suggestions: [{ messageId: 'useHttps', output: "import { useTensorflowModel } from 'react-native-fast-tflite';\nexport const useDetector = () => useTensorflowModel({ url: 'https://models.example.com/ssd.tflite' }, 'core-ml');" }],
      }],
    },
    {
      code: "import * as tflite from 'react-native-fast-tflite';\nconst source = { url: 'https://cdn.example.com/detect.tflite' };\nexport const load = () => tflite.loadTensorflowModel(source);",
      errors: [{ messageId: 'remote', data: { callee: 'tflite.loadTensorflowModel', url: '"https://cdn.example.com/detect.tflite"' }, suggestions: [] }],
    },
    {
      code: "import { loadTensorflowModel } from 'react-native-fast-tflite';\nexport const load = (modelUrl: string) => loadTensorflowModel({ url: modelUrl });",
      errors: [{ messageId: 'remote', data: { callee: 'loadTensorflowModel', url: '`modelUrl`' }, confidence: 'low', suggestions: [] }],
    },
    // an exported helper without a default, given a remote URL by a call of the file: medium (other modules may pass anything)
    {
      code: imp + "export async function loadModel(path: string) { return tf.loadGraphModel(path); }\nloadModel('https://storage.googleapis.com/bucket/pose/model.json');",
      errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://storage.googleapis.com/bucket/pose/model.json"' }, confidence: 'medium', line: 2 }],
    },
    // Deno's npm: specifier names the library as its npm name does
    { code: `import * as tf from 'npm:@tensorflow/tfjs@4.22.0';\nawait tf.loadGraphModel('https://cdn.example.com/graph/model.json');`, errors: [{ messageId: 'remote', confidence: 'high', line: 2 }] },
    // a \`pathToFileURL\` that is not Node's: as before
    {
      code: "import * as tf from '@tensorflow/tfjs-node';\nimport { pathToFileURL } from './cdn-urls';\nexport const model = await tf.loadGraphModel(pathToFileURL('./model/model.json').href);",
      errors: [{ messageId: 'remote', confidence: 'low' }],
    },
    // every value of a loop variable over a constant array is remote
    {
      code: imp + `const MODEL_URLS = ['https://x.example/a/model.json', 'https://x.example/b/model.json'];\nfor (const url of MODEL_URLS) await tf.loadGraphModel(url);`,
      errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://x.example/a/model.json" or "https://x.example/b/model.json"' }, confidence: 'high' }],
    },
    // the default of a URL the environment may override: named, at medium confidence
    {
      code: `import * as tf from '@tensorflow/tfjs-node';\nconst MODEL_URL = process.env.MODEL_URL || 'https://storage.googleapis.com/bucket/model/model.json';\nexport const load = () => tf.loadGraphModel(MODEL_URL);`,
      errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://storage.googleapis.com/bucket/model/model.json"' }, confidence: 'medium' }],
    },
    {
      code: imp + `export const load = (small) => tf.loadLayersModel(process.env.MODEL_URL ?? (small ? 'https://x.example/s/model.json' : 'https://x.example/l/model.json'));`,
      errors: [{ messageId: 'remote', data: { callee: 'tf.loadLayersModel', url: '"https://x.example/s/model.json" or "https://x.example/l/model.json"' }, confidence: 'medium' }],
    },
    // a local default: what may replace it is not known (named like a URL: low, as before)
    { code: imp + `const MODEL_URL = process.env.MODEL_URL || '/model/model.json';\nexport const load = () => tf.loadGraphModel(MODEL_URL);`, errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '`MODEL_URL`' }, confidence: 'low' }] },
    // Teachable Machine's loader is tf.loadLayersModel underneath
    {
      code: "import * as tmImage from '@teachablemachine/image';\nconst m = await tmImage.load('https://teachablemachine.withgoogle.com/models/abc123/model.json', 'https://teachablemachine.withgoogle.com/models/abc123/metadata.json');",
      errors: [{ messageId: 'remote' }],
    },
    // the script-tag build's globals, no import (Teachable Machine's export snippet)
    {
      code: `const URL = "https://teachablemachine.withgoogle.com/models/vgq3k9l7i/";\nasync function init() {\n  return tmImage.load(URL + "model.json", URL + "metadata.json");\n}`,
      errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'tmImage.load', url: '"https://teachablemachine.withgoogle.com/models/vgq3k9l7i/model.json"' } }],
    },
    // TypeScript's ambient declaration of that global (`declare const tmImage: any`) binds nothing
    {
      code: `declare const tmImage: any;
const URL = "https://teachablemachine.withgoogle.com/models/vgq3k9l7i/";
export const model = tmImage.load(URL + "model.json", URL + "metadata.json");`,
      filename: 'app.ts',
      errors: [{ messageId: 'remote', data: { callee: 'tmImage.load', url: '"https://teachablemachine.withgoogle.com/models/vgq3k9l7i/model.json"' } }],
    },
    {
      code: `const tmPose = window.tmPose;\nconst model = await tmPose.load('http://models.example.com/pose/model.json', 'https://models.example.com/pose/metadata.json');`,
      errors: [
        {
          messageId: 'http',
          suggestions: [{ messageId: 'useHttps', output: `const tmPose = window.tmPose;\nconst model = await tmPose.load('https://models.example.com/pose/model.json', 'https://models.example.com/pose/metadata.json');` }],
        },
      ],
    },
    {
      code: imp + `await tf.loadGraphModel('http://example.com/model.json');`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: imp + `await tf.loadGraphModel('https://example.com/model.json');` }] }],
    },
    // a URL built from a template or `+`: the literal piece that holds `http://` is switched, inline or held in a variable
    {
      // (github: persocom01/TestJavaScript, with a remote host)
      code: imp + "export async function run() {\n  const host = 'models.example.com';\n  const MODEL_URL = `http://${host}/linear/model.json`;\n  return tf.loadLayersModel(MODEL_URL);\n}",
      errors: [{
        messageId: 'http', data: { callee: 'tf.loadLayersModel', url: '"http://models.example.com/linear/model.json"' }, confidence: 'high', line: 5,
        suggestions: [{ messageId: 'useHttps', output: imp + "export async function run() {\n  const host = 'models.example.com';\n  const MODEL_URL = `https://${host}/linear/model.json`;\n  return tf.loadLayersModel(MODEL_URL);\n}" }],
      }],
    },
    {
      code: imp + 'export const load = (name: string) => tf.loadGraphModel(`http://models.example.com/${name}/model.json`);',
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + 'export const load = (name: string) => tf.loadGraphModel(`https://models.example.com/${name}/model.json`);' }] }],
    },
    {
      code: imp + "export const load = (name: string) => tf.loadGraphModel('http://models.example.com/' + name + '/model.json');",
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + "export const load = (name: string) => tf.loadGraphModel('https://models.example.com/' + name + '/model.json');" }] }],
    },
    {
      code: imp + "await tf.loadLayersModel(tf.io.http(process.env.MODEL_URL ?? 'http://models.example.com/model.json'));",
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: imp + "await tf.loadLayersModel(tf.io.http(process.env.MODEL_URL ?? 'https://models.example.com/model.json'));" }] }],
    },
    { code: imp + `await tf.loadLayersModel(tf.io.browserHTTPRequest('https://x.example/model.json'));`, errors: [{ messageId: 'remote' }] },
    { code: `const tf = require('@tensorflow/tfjs-node-gpu'); tf.loadGraphModel('https://x.example/model.json');`, errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://x.example/model.json"' } }] },
    { code: `tf.loadLayersModel('https://x.example/model.json');`, errors: [{ messageId: 'remote' }] },
    // an unresolved value is shown as code, a known one in quotes
    { code: `export const load = (modelUrl) => tf.loadGraphModel(modelUrl);`, errors: [{ messageId: 'remote', confidence: 'low', data: { callee: 'tf.loadGraphModel', url: '\`modelUrl\`' } }] },
    { code: `const URL_BASE = 'https://x.example/';\ntf.loadGraphModel(URL_BASE + 'model.json');`, errors: [{ messageId: 'remote', data: { callee: 'tf.loadGraphModel', url: '"https://x.example/model.json"' } }] },
    { code: `import * as mobilenet from '@tensorflow-models/mobilenet'; await mobilenet.load();`, errors: [{ messageId: 'packageDefault', severity: 'medium', data: { callee: 'mobilenet.load', module: '@tensorflow-models/mobilenet' }, confidence: 'medium' }] },
    { code: `import { load } from '@tensorflow-models/coco-ssd'; await load({ base: 'lite_mobilenet_v2' });`, errors: [{ messageId: 'packageDefault', severity: 'medium' }] },
    { code: `import * as qna from '@tensorflow-models/qna'; await qna.load({ modelUrl: 'https://x.example/qna/model.json' });`, errors: [{ messageId: 'remote' }] },
    { code: imp + `await tf.loadGraphModel('google/imagenet/mobilenet/1', { fromTFHub: true });`, errors: [{ messageId: 'remote' }] },
    // ml5.js: the global of its script-tag build, a Teachable Machine model URL
    {
      code: `const imageModelURL = 'https://teachablemachine.withgoogle.com/models/bXy2kDNi/';\nfunction preload() {\n  classifier = ml5.imageClassifier(imageModelURL + 'model.json');\n}`,
      errors: [{ messageId: 'remote', confidence: 'high', line: 3, data: { callee: 'ml5.imageClassifier', url: '"https://teachablemachine.withgoogle.com/models/bXy2kDNi/model.json"' } }],
    },
    // ml5 1.x takes the Teachable Machine folder URL and adds model.json
    {
      code: `import ml5 from 'ml5';\nconst classifier = ml5.imageClassifier('https://teachablemachine.withgoogle.com/models/bXy2kDNi/', { flipped: true });`,
      errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.imageClassifier', url: '"https://teachablemachine.withgoogle.com/models/bXy2kDNi/"' } }],
    },
    {
      code: `const soundModel = 'http://models.example.com/tm-audio/';\nconst classifier = window.ml5.soundClassifier(soundModel + 'model.json', { probabilityThreshold: 0.7 }, modelReady);`,
      errors: [{
        messageId: 'http', confidence: 'high', data: { callee: 'window.ml5.soundClassifier', url: '"http://models.example.com/tm-audio/model.json"' },
        suggestions: [{ messageId: 'useHttps', output: `const soundModel = 'https://models.example.com/tm-audio/';\nconst classifier = window.ml5.soundClassifier(soundModel + 'model.json', { probabilityThreshold: 0.7 }, modelReady);` }],
      }],
    },
    // TypeScript's ambient declaration of the global binds nothing
    {
      code: `declare const ml5: any;\nexport const classifier = ml5.imageClassifier('https://storage.example.com/tm/model.json', () => {});`,
      filename: 'sketch.ts',
      errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.imageClassifier', url: '"https://storage.example.com/tm/model.json"' } }],
    },
    // an unresolved URL named like one: low, shown as code
    { code: `const classifier = ml5.imageClassifier(modelURL, gotModel);`, errors: [{ messageId: 'remote', confidence: 'low', data: { callee: 'ml5.imageClassifier', url: '`modelURL`' } }] },
    // ml5's built-in models are downloaded at run time too (MobileNet is @tensorflow-models/mobilenet's load())
    { code: `const classifier = ml5.imageClassifier('MobileNet', video, modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.imageClassifier', model: 'MobileNet' } }] },
    { code: `const { imageClassifier } = require('ml5');\nconst c = imageClassifier('doodlenet');`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'imageClassifier', model: 'DoodleNet' } }] },
    { code: `const ml = window.ml5;\nconst c = ml.soundClassifier('SpeechCommands18w', { probabilityThreshold: 0.7 });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml.soundClassifier', model: 'SpeechCommands18w' } }] },
    { code: `function modelLoaded() {}\nconst cartoon = ml5.cartoon(modelLoaded);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.cartoon', model: 'CartoonGAN Miyazaki' } }] },
    { code: `const cartoon = ml5.cartoon({ modelUrl: 'https://raw.githubusercontent.com/o/r/main/hosoda/model.json' }, ready);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.cartoon', url: '"https://raw.githubusercontent.com/o/r/main/hosoda/model.json"' } }] },
    // a plain page: the inline script of a page that loads ml5 from a CDN script tag
    {
      code: `<!DOCTYPE html>\n<html><head><script src="https://unpkg.com/ml5@1/dist/ml5.min.js"></script></head>\n<body><script>\n  const URL = "https://teachablemachine.withgoogle.com/models/bXy2kDNi/";\n  let classifier;\n  function preload() { classifier = ml5.soundClassifier(URL + "model.json"); }\n</script></body></html>`,
      filename: 'index.html',
      errors: [{ messageId: 'remote', confidence: 'high', line: 6, data: { callee: 'ml5.soundClassifier', url: '"https://teachablemachine.withgoogle.com/models/bXy2kDNi/model.json"' } }],
    },
    // a network made by ml5.neuralNetwork(): load(url) and load({ model, metadata, weights })
    {
      code: `let nn;\nfunction setup() {\n  nn = ml5.neuralNetwork({ task: 'classification' });\n  nn.load('https://models.example.com/nn/model.json', modelReady);\n}`,
      errors: [{ messageId: 'remote', confidence: 'high', line: 4, data: { callee: 'nn.load', url: '"https://models.example.com/nn/model.json"' } }],
    },
    {
      code: `import ml5 from 'ml5';\nconst nn = ml5.neuralNetwork({ task: 'regression' });\nconst BASE = 'https://models.example.com/nn/';\nnn.load({ model: BASE + 'model.json', metadata: BASE + 'model_meta.json', weights: BASE + 'model.weights.bin' }, ready);`,
      errors: [{ messageId: 'remote', confidence: 'high', line: 4, data: { callee: 'nn.load', url: '"https://models.example.com/nn/model.json"' } }],
    },
    // Teachable Machine's audio export: speech-commands create() with a model URL, global or imported
    {
      code: `const URL = 'https://teachablemachine.withgoogle.com/models/Abc-123/';\nasync function createModel() {\n  const recognizer = speechCommands.create('BROWSER_FFT', undefined, URL + 'model.json', URL + 'metadata.json');\n  await recognizer.ensureModelLoaded();\n  return recognizer;\n}`,
      errors: [{ messageId: 'remote', confidence: 'high', line: 3, data: { callee: 'speechCommands.create', url: '"https://teachablemachine.withgoogle.com/models/Abc-123/model.json"' } }],
    },
    {
      code: `import * as speechCommands from '@tensorflow-models/speech-commands';\nconst MODEL_PATH = 'http://models.example.com/speech';\nconst recognizer = speechCommands.create('BROWSER_FFT', null, MODEL_PATH + '/model.json', MODEL_PATH + '/metadata.json');`,
      errors: [{
        messageId: 'http', confidence: 'high', data: { callee: 'speechCommands.create', url: '"http://models.example.com/speech/model.json"' },
        suggestions: [{ messageId: 'useHttps', output: `import * as speechCommands from '@tensorflow-models/speech-commands';\nconst MODEL_PATH = 'https://models.example.com/speech';\nconst recognizer = speechCommands.create('BROWSER_FFT', null, MODEL_PATH + '/model.json', MODEL_PATH + '/metadata.json');` }],
      }],
    },
    // no model URL: the package's default model, from Google storage
    { code: `import * as speechCommands from '@tensorflow-models/speech-commands';\nconst recognizer = speechCommands.create('BROWSER_FFT');`, errors: [{ messageId: 'packageDefault', severity: 'medium', confidence: 'medium', data: { callee: 'speechCommands.create', module: '@tensorflow-models/speech-commands' } }] },
    { code: `const recognizer = speechCommands.create('BROWSER_FFT', 'directional4w');`, errors: [{ messageId: 'packageDefault', severity: 'medium', confidence: 'medium', data: { callee: 'speechCommands.create', module: '@tensorflow-models/speech-commands' } }] },
    // a page that loads speech-commands by script tag: its global is the library whatever the FFT type
    {
      code: `<script src="https://cdn.jsdelivr.net/npm/@tensorflow-models/speech-commands@0.4.0/dist/speech-commands.min.js"></script>\n<script>\nasync function createModel(fft) {\n  return speechCommands.create(fft, undefined, 'https://teachablemachine.withgoogle.com/models/Abc-123/model.json');\n}\n</script>\n`,
      filename: 'index.html',
      errors: [{ messageId: 'remote', confidence: 'high', line: 4, data: { callee: 'speechCommands.create', url: '"https://teachablemachine.withgoogle.com/models/Abc-123/model.json"' } }],
    },
    {
      code: `<script src="libraries/speech-commands.min.js?v=2"></script>\n<script>\nconst FFT = window.FFT;\nspeechCommands.create(FFT, undefined, 'https://teachablemachine.withgoogle.com/models/Abc-123/model.json');\n</script>\n`,
      filename: 'index.htm',
      errors: [{ messageId: 'remote', confidence: 'high', line: 4, data: { callee: 'speechCommands.create', url: '"https://teachablemachine.withgoogle.com/models/Abc-123/model.json"' } }],
    },
    // ml5 0.x feature extractor: the custom model load() of the extractor or its classification()/regression()
    {
      code: `let featureExtractor, classifier;\nfunction setup() {\n  featureExtractor = ml5.featureExtractor('MobileNet', modelReady);\n  classifier = featureExtractor.classification(video, videoReady);\n  classifier.load('https://models.example.com/fe/model.json', customModelReady);\n}`,
      errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', line: 3, data: { callee: 'ml5.featureExtractor', model: 'MobileNet' } }, { messageId: 'remote', confidence: 'high', line: 5, data: { callee: 'classifier.load', url: '"https://models.example.com/fe/model.json"' } }],
    },
    {
      code: `const regressor = ml5.featureExtractor('MobileNet').regression(video);\nregressor.load('http://models.example.com/fe/model.json');`,
      errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', line: 1, data: { callee: 'ml5.featureExtractor', model: 'MobileNet' } }, {
        messageId: 'http', confidence: 'high', line: 2, data: { callee: 'regressor.load', url: '"http://models.example.com/fe/model.json"' },
        suggestions: [{ messageId: 'useHttps', output: `const regressor = ml5.featureExtractor('MobileNet').regression(video);\nregressor.load('https://models.example.com/fe/model.json');` }],
      }],
    },
    {
      code: `import ml5 from 'ml5';\nconst fe = ml5.featureExtractor('MobileNet');\nfe.load('https://models.example.com/fe/model.json');`,
      errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', line: 2, data: { callee: 'ml5.featureExtractor', model: 'MobileNet' } }, { messageId: 'remote', confidence: 'high', line: 3, data: { callee: 'fe.load', url: '"https://models.example.com/fe/model.json"' } }],
    },
    // its options: the MobileNet it extracts features with, and the graph model, each a download
    {
      code: `const fe = ml5.featureExtractor('MobileNet', { version: 2, alpha: 1, mobilenetURL: 'https://cdn.example.com/mobilenet/model.json', graphModelURL: 'https://cdn.example.com/graph/model.json' }, ready);`,
      errors: [
        { messageId: 'remote', confidence: 'high', data: { callee: 'ml5.featureExtractor', url: '"https://cdn.example.com/graph/model.json"' } },
        { messageId: 'remote', confidence: 'high', data: { callee: 'ml5.featureExtractor', url: '"https://cdn.example.com/mobilenet/model.json"' } },
      ],
    },
    // objectDetector / YOLO and poseNet: a modelUrl option
    { code: `const detector = ml5.objectDetector('cocossd', { modelUrl: 'https://cdn.example.com/coco-ssd/model.json' }, modelReady);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.objectDetector', url: '"https://cdn.example.com/coco-ssd/model.json"' } }] },
    {
      code: `const options = { modelUrl: 'http://cdn.example.com/yolo/model.json', IOUThreshold: 0.4 };\nconst detector = ml5.objectDetector('yolo', video, options, modelReady);`,
      errors: [{
        messageId: 'http', confidence: 'high', line: 2, data: { callee: 'ml5.objectDetector', url: '"http://cdn.example.com/yolo/model.json"' },
        suggestions: [{ messageId: 'useHttps', output: `const options = { modelUrl: 'https://cdn.example.com/yolo/model.json', IOUThreshold: 0.4 };\nconst detector = ml5.objectDetector('yolo', video, options, modelReady);` }],
      }],
    },
    { code: `const yolo = ml5.YOLO(video, { modelUrl: 'https://cdn.example.com/yolo/model.json' }, ready);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.YOLO', url: '"https://cdn.example.com/yolo/model.json"' } }] },
    { code: `const poseNet = ml5.poseNet(video, { architecture: 'MobileNetV1', modelUrl: 'https://cdn.example.com/posenet/model.json' }, modelReady);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.poseNet', url: '"https://cdn.example.com/posenet/model.json"' } }] },
    // (an architecture the analysis cannot see: the URL may be ignored)
    { code: `export function track(video, architecture) { return ml5.poseNet(video, { architecture, modelUrl: 'https://cdn.example.com/posenet/model.json' }); }`, errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'ml5.poseNet', url: '"https://cdn.example.com/posenet/model.json"' } }] },
    // ml5 1.x bodyPose: MoveNet's modelUrl (the default model), BlazePose's runtime options
    { code: `const bodyPose = ml5.bodyPose({ modelUrl: 'https://cdn.example.com/movenet/model.json' });`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.bodyPose', url: '"https://cdn.example.com/movenet/model.json"' } }] },
    { code: `const bodyPose = ml5.bodyPose('movenet', { modelType: 'SINGLEPOSE_THUNDER', modelUrl: 'https://cdn.example.com/movenet/model.json' }, gotModel);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.bodyPose', url: '"https://cdn.example.com/movenet/model.json"' } }] },
    {
      code: `const bodyPose = ml5.bodyPose('BlazePose', { detectorModelUrl: 'https://cdn.example.com/blazepose/detector/model.json', landmarkModelUrl: 'https://cdn.example.com/blazepose/landmark/model.json' });`,
      errors: [
        { messageId: 'remote', confidence: 'high', data: { callee: 'ml5.bodyPose', url: '"https://cdn.example.com/blazepose/detector/model.json"' } },
        { messageId: 'remote', confidence: 'high', data: { callee: 'ml5.bodyPose', url: '"https://cdn.example.com/blazepose/landmark/model.json"' } },
      ],
    },
    { code: `const bodyPose = ml5.bodyPose('BlazePose', { runtime: 'MediaPipe', solutionPath: 'https://cdn.example.com/mediapipe/pose' });`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.bodyPose', url: '"https://cdn.example.com/mediapipe/pose"' } }] },
    // (a model name the analysis cannot see: the option may belong to the other model)
    { code: `export function make(name) { return ml5.bodyPose(name, { modelUrl: 'https://cdn.example.com/movenet/model.json' }); }`, errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'ml5.bodyPose', url: '"https://cdn.example.com/movenet/model.json"' } }] },
    // handPose and faceMesh: the tfjs runtime's models (its default), the mediapipe runtime's solution
    { code: `const handPose = ml5.handPose({ maxHands: 2, detectorModelUrl: 'https://cdn.example.com/hands/detector/model.json' });`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.handPose', url: '"https://cdn.example.com/hands/detector/model.json"' } }] },
    { code: `export function hands(runtime) { return ml5.handPose({ runtime, landmarkModelUrl: 'https://cdn.example.com/hands/landmark/model.json' }); }`, errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'ml5.handPose', url: '"https://cdn.example.com/hands/landmark/model.json"' } }] },
    {
      code: `const faceMesh = ml5.faceMesh({ maxFaces: 1, runtime: 'mediapipe', solutionPath: 'http://cdn.example.com/mediapipe/face_mesh' });`,
      errors: [{
        messageId: 'http', confidence: 'high', data: { callee: 'ml5.faceMesh', url: '"http://cdn.example.com/mediapipe/face_mesh"' },
        suggestions: [{ messageId: 'useHttps', output: `const faceMesh = ml5.faceMesh({ maxFaces: 1, runtime: 'mediapipe', solutionPath: 'https://cdn.example.com/mediapipe/face_mesh' });` }],
      }],
    },
    // ml5 0.x checkpoint loaders given a remote folder or file
    { code: `const rnn = ml5.charRNN('https://raw.githubusercontent.com/o/r/master/models/lstm/woolf/', modelReady);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.charRNN', url: '"https://raw.githubusercontent.com/o/r/master/models/lstm/woolf/"' } }] },
    { code: `const p2p = ml5.pix2pix('https://models.example.com/pix2pix/edges2pikachu.pict', modelLoaded);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.pix2pix', url: '"https://models.example.com/pix2pix/edges2pikachu.pict"' } }] },
    { code: `const MODELS = 'http://models.example.com/style/';\nconst style = ml5.styleTransfer(MODELS + 'wave', video, modelLoaded);`, errors: [{ messageId: 'http', confidence: 'high', data: { callee: 'ml5.styleTransfer', url: '"http://models.example.com/style/wave"' }, suggestions: [{ messageId: 'useHttps', output: `const MODELS = 'https://models.example.com/style/';\nconst style = ml5.styleTransfer(MODELS + 'wave', video, modelLoaded);` }] }] },
    { code: `const model = ml5.sketchRNN('https://storage.googleapis.com/quickdraw-models/sketchRNN/models/cat.gen.json', modelReady);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.sketchRNN', url: '"https://storage.googleapis.com/quickdraw-models/sketchRNN/models/cat.gen.json"' } }] },
    // ml5's built-in models by default (no URL option for them): downloaded at run time, as imageClassifier('MobileNet') is
    { code: `const fe = ml5.featureExtractor('MobileNet', modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.featureExtractor', model: 'MobileNet' } }] },
    { code: `const fe = ml5.featureExtractor('MobileNet', { mobilenetURL: '/models/mobilenet/model.json' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.featureExtractor', model: 'MobileNet' } }] },
    { code: `const detector = ml5.objectDetector('cocossd', modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.objectDetector', model: 'COCO-SSD' } }] },
    { code: `const detector = ml5.objectDetector('YOLO', video, { filterBoxesThreshold: 0.01 }, modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.objectDetector', model: 'YOLO' } }] },
    { code: `const detector = ml5.objectDetector('https://models.example.com/yolo/model.json', modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.objectDetector', model: 'COCO-SSD' } }] },
    { code: `export function detect(name, video) { return ml5.objectDetector(name, video, modelReady); }`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.objectDetector', model: 'COCO-SSD or YOLO' } }] },
    { code: `const yolo = ml5.YOLO(video);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.YOLO', model: 'YOLO' } }] },
    { code: `ml5.poseNet(video, modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.poseNet', model: 'PoseNet' } }] },
    { code: `const poseNet = ml5.poseNet(video, { flipHorizontal: true }, modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.poseNet', model: 'PoseNet' } }] },
    // (ResNet50 ignores `modelUrl`: its built-in model is downloaded)
    { code: `const poseNet = ml5.poseNet(video, { architecture: 'ResNet50', modelUrl: 'https://models.example.com/posenet/model.json' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.poseNet', model: 'PoseNet' } }] },
    { code: `import ml5 from 'ml5';\nconst bodyPose = ml5.bodyPose();`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodyPose', model: 'MoveNet' } }] },
    { code: `const bodyPose = ml5.bodyPose({ modelType: 'SINGLEPOSE_LIGHTNING', flipped: true });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodyPose', model: 'MoveNet' } }] },
    { code: `const bodyPose = ml5.bodyPose('MoveNet', { detectorModelUrl: 'https://models.example.com/detector/model.json' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodyPose', model: 'MoveNet' } }] },
    { code: `const bodyPose = ml5.bodyPose('BlazePose', { modelUrl: 'https://models.example.com/movenet/model.json' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodyPose', model: 'BlazePose' } }] },
    { code: `const bodyPose = ml5.bodyPose('BlazePose', { detectorModelUrl: './models/detector/model.json' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodyPose', model: 'BlazePose' } }] },
    { code: `const bodyPose = ml5.bodyPose('BlazePose', { runtime: 'mediapipe' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodyPose', model: 'BlazePose' } }] },
    { code: `export function make(name) { return ml5.bodyPose(name, gotModel); }`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodyPose', model: 'MoveNet or BlazePose' } }] },
    { code: `const handPose = ml5.handPose(gotModel);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.handPose', model: 'HandPose' } }] },
    // (the mediapipe runtime's solution is on the jsDelivr CDN by default; the tfjs runtime ignores \`solutionPath\`)
    { code: `const handPose = ml5.handPose({ runtime: 'mediapipe', detectorModelUrl: 'https://models.example.com/detector/model.json' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.handPose', model: 'HandPose' } }] },
    { code: `const handPose = ml5.handPose({ solutionPath: 'https://cdn.jsdelivr.net/npm/@mediapipe/hands' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.handPose', model: 'HandPose' } }] },
    // the media (first) and a callback of ml5 0.x poseNet, not known, are no options
    { code: `export function track(video) { return ml5.poseNet(video, modelReady); }\nfunction modelReady() {}`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.poseNet', model: 'PoseNet' } }] },
    { code: `export function track(onReady) { return ml5.handPose(() => onReady()); }`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.handPose', model: 'HandPose' } }] },
    { code: `const faceMesh = ml5.faceMesh({ maxFaces: 1, refineLandmarks: false, flipped: false });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.faceMesh', model: 'FaceMesh' } }] },
    { code: `const faceMesh = ml5.faceMesh({ runtime: 'tfjs', detectorModelUrl: './models/detector/model.json' });`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.faceMesh', model: 'FaceMesh' } }] },
    { code: `const model = ml5.sketchRNN('cat', modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.sketchRNN', model: 'SketchRNN cat' } }] },
    { code: `const sentiment = ml5.sentiment('movieReviews', modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.sentiment', model: 'MovieReviews' } }] },
    { code: `const sentiment = ml5.sentiment();`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.sentiment', model: 'MovieReviews' } }] },
    { code: `const bodypix = ml5.bodyPix(video, { outputStride: 16 }, modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodyPix', model: 'BodyPix' } }] },
    { code: `const unet = ml5.uNet('face');`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.uNet', model: 'UNET' } }] },
    { code: `const faceapi = ml5.faceApi(video, { withLandmarks: true, withDescriptors: false }, modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.faceApi', model: 'FaceApi' } }] },
    { code: `const handpose = ml5.handpose(video, modelReady);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.handpose', model: 'Handpose' } }] },
    { code: `const facemesh = ml5.facemesh(video);`, errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.facemesh', model: 'Facemesh' } }] },
    // ml5 1.x bodySegmentation: SelfieSegmentation by default, BodyPix by name; a \`modelURL\` it may not use: medium
    { code: "const segmenter = ml5.bodySegmentation('SelfieSegmentation', { maskType: 'background' });", errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodySegmentation', model: 'SelfieSegmentation' } }] },
    { code: "const segmenter = ml5.bodySegmentation('BodyPix', { maskType: 'parts' }, gotModel);", errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', data: { callee: 'ml5.bodySegmentation', model: 'BodyPix' } }] },
    { code: "const segmenter = ml5.bodySegmentation('BodyPix', { modelURL: 'https://cdn.example.com/bodypix/model.json' });", errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'ml5.bodySegmentation', url: '"https://cdn.example.com/bodypix/model.json"' } }] },
    // once per call: a URL the call is reported for says it already (MobileNet's graph model is still ml5's)
    { code: `const fe = ml5.featureExtractor('MobileNet', { mobilenetURL: 'https://cdn.example.com/mobilenet/model.json' });`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.featureExtractor', url: '"https://cdn.example.com/mobilenet/model.json"' } }] },
    { code: `const faceapi = ml5.faceApi(video, { withTinyNet: false, Mobilenetv1Model: 'https://cdn.example.com/faceapi/ssd_mobilenetv1_model-weights_manifest.json' });`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.faceApi', url: '"https://cdn.example.com/faceapi/ssd_mobilenetv1_model-weights_manifest.json"' } }] },
    { code: `const sentiment = ml5.sentiment('https://models.example.com/sentiment/', modelReady);`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'ml5.sentiment', url: '"https://models.example.com/sentiment/"' } }] },
    { code: `const unet = ml5.uNet(video, { modelPath: 'http://models.example.com/unet/model.json' });`, errors: [{ messageId: 'http', confidence: 'high', data: { callee: 'ml5.uNet', url: '"http://models.example.com/unet/model.json"' }, suggestions: [{ messageId: 'useHttps', output: `const unet = ml5.uNet(video, { modelPath: 'https://models.example.com/unet/model.json' });` }] }] },
    // the \`@tensorflow-models/*\` detectors ml5 1.x wraps: createDetector() as load() (default weights, a model URL, MediaPipe's solution)
    { code: `import * as handPoseDetection from '@tensorflow-models/hand-pose-detection';\nconst detector = await handPoseDetection.createDetector(handPoseDetection.SupportedModels.MediaPipeHands, { runtime: 'tfjs', modelType: 'full' });`, errors: [{ messageId: 'packageDefault', severity: 'medium', confidence: 'medium', data: { callee: 'handPoseDetection.createDetector', module: '@tensorflow-models/hand-pose-detection' } }] },
    { code: `import * as poseDetection from '@tensorflow-models/pose-detection';\nconst detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet);`, errors: [{ messageId: 'packageDefault', severity: 'medium', confidence: 'medium', data: { callee: 'poseDetection.createDetector', module: '@tensorflow-models/pose-detection' } }] },
    { code: `import { createDetector, SupportedModels } from '@tensorflow-models/face-landmarks-detection';\nconst config = { runtime: 'tfjs', refineLandmarks: true };\nconst detector = await createDetector(SupportedModels.MediaPipeFaceMesh, config);`, errors: [{ messageId: 'packageDefault', severity: 'medium', confidence: 'medium', data: { callee: 'createDetector', module: '@tensorflow-models/face-landmarks-detection' } }] },
    { code: `import * as poseDetection from '@tensorflow-models/pose-detection';\nconst detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, { modelUrl: 'https://cdn.example.com/movenet/model.json' });`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'poseDetection.createDetector', url: '"https://cdn.example.com/movenet/model.json"' } }] },
    { code: `import * as handPoseDetection from '@tensorflow-models/hand-pose-detection';\nconst detector = await handPoseDetection.createDetector(handPoseDetection.SupportedModels.MediaPipeHands, { runtime: 'mediapipe', solutionPath: 'https://cdn.jsdelivr.net/npm/@mediapipe/hands' });`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'handPoseDetection.createDetector', url: '"https://cdn.jsdelivr.net/npm/@mediapipe/hands"' } }] },
    // createSegmenter / createEstimator as createDetector; one of two models' URLs given: the other is the package's
    { code: `import * as bodySegmentation from '@tensorflow-models/body-segmentation';\nconst segmenter = await bodySegmentation.createSegmenter(bodySegmentation.SupportedModels.MediaPipeSelfieSegmentation, { runtime: 'tfjs', modelType: 'general' });`, errors: [{ messageId: 'packageDefault', severity: 'medium', confidence: 'medium', data: { callee: 'bodySegmentation.createSegmenter', module: '@tensorflow-models/body-segmentation' } }] },
    { code: `import * as bodySegmentation from '@tensorflow-models/body-segmentation';\nconst segmenter = await bodySegmentation.createSegmenter(bodySegmentation.SupportedModels.BodyPix, { architecture: 'ResNet50', outputStride: 32, quantBytes: 2 });`, errors: [{ messageId: 'packageDefault', severity: 'medium', confidence: 'medium', data: { callee: 'bodySegmentation.createSegmenter', module: '@tensorflow-models/body-segmentation' } }] },
    { code: `import * as bodySegmentation from '@tensorflow-models/body-segmentation';\nconst segmenter = await bodySegmentation.createSegmenter(bodySegmentation.SupportedModels.MediaPipeSelfieSegmentation, { runtime: 'mediapipe', solutionPath: 'https://cdn.jsdelivr.net/npm/@mediapipe/selfie_segmentation' });`, errors: [{ messageId: 'remote', confidence: 'high', data: { callee: 'bodySegmentation.createSegmenter', url: '"https://cdn.jsdelivr.net/npm/@mediapipe/selfie_segmentation"' } }] },
    { code: `import * as depthEstimation from '@tensorflow-models/depth-estimation';\nconst estimator = await depthEstimation.createEstimator(depthEstimation.SupportedModels.ARPortraitDepth);`, errors: [{ messageId: 'packageDefault', severity: 'medium', confidence: 'medium', data: { callee: 'depthEstimation.createEstimator', module: '@tensorflow-models/depth-estimation' } }] },
    { code: `import * as depthEstimation from '@tensorflow-models/depth-estimation';\nconst estimator = await depthEstimation.createEstimator(depthEstimation.SupportedModels.ARPortraitDepth, { depthModelUrl: '/models/depth/model.json' });`, errors: [{ messageId: 'partnerDefault', severity: 'medium', confidence: 'medium', data: { callee: 'depthEstimation.createEstimator', module: '@tensorflow-models/depth-estimation', option: 'segmentationModelUrl' } }] },
    { code: `import * as handPoseDetection from '@tensorflow-models/hand-pose-detection';\nconst detector = await handPoseDetection.createDetector(handPoseDetection.SupportedModels.MediaPipeHands, { runtime: 'tfjs', detectorModelUrl: 'https://cdn.example.com/hands/detector/model.json' });`, errors: [
      { messageId: 'remote', confidence: 'high', data: { callee: 'handPoseDetection.createDetector', url: '"https://cdn.example.com/hands/detector/model.json"' } },
      { messageId: 'partnerDefault', severity: 'medium', confidence: 'medium', data: { callee: 'handPoseDetection.createDetector', module: '@tensorflow-models/hand-pose-detection', option: 'landmarkModelUrl' } },
    ] },
    { code: `import * as faceLandmarksDetection from '@tensorflow-models/face-landmarks-detection';\nexport const make = (runtime) => faceLandmarksDetection.createDetector(faceLandmarksDetection.SupportedModels.MediaPipeFaceMesh, { runtime, detectorModelUrl: 'https://cdn.example.com/face/detector/model.json' });`, errors: [{ messageId: 'remote', confidence: 'medium', data: { callee: 'faceLandmarksDetection.createDetector', url: '"https://cdn.example.com/face/detector/model.json"' } }] },
    // a page that loads ml5 by script tag: a global it never declares, made a network in one inline
    // script (`window.` too) and loaded in another
    {
      code: `<script src="https://unpkg.com/ml5@0.12.2/dist/ml5.min.js"></script>\n<script>\nfunction setup() { brain = ml5.neuralNetwork({ task: 'classification' }); }\n</script>\n<script>\nfunction restore() { brain.load('https://models.example.com/nn/model.json', ready); }\n</script>\n`,
      filename: 'index.html',
      errors: [{ messageId: 'remote', confidence: 'high', line: 6, data: { callee: 'brain.load', url: '"https://models.example.com/nn/model.json"' } }],
    },
    {
      code: `<script src="libraries/ml5.min.js"></script>\n<script>\nwindow.fe = null;\nfunction setup() { window.fe = ml5.featureExtractor('MobileNet').classification(video); }\nfunction restore() { fe.load('http://models.example.com/fe/model.json'); }\n</script>\n`,
      filename: 'index.html',
      errors: [{ messageId: 'builtinModel', severity: 'medium', confidence: 'medium', line: 4, data: { callee: 'ml5.featureExtractor', model: 'MobileNet' } }, {
        messageId: 'http', confidence: 'high', line: 5, data: { callee: 'fe.load', url: '"http://models.example.com/fe/model.json"' },
        suggestions: [{ messageId: 'useHttps', output: `<script src="libraries/ml5.min.js"></script>\n<script>\nwindow.fe = null;\nfunction setup() { window.fe = ml5.featureExtractor('MobileNet').classification(video); }\nfunction restore() { fe.load('https://models.example.com/fe/model.json'); }\n</script>\n` }],
      }],
    },
    // a page that loads ml5 by script tag: the sketch's loads are read in its inline script
    {
      code: `<script src="https://unpkg.com/ml5@0.12.2/dist/ml5.min.js"></script>\n<script>\nlet style;\nfunction setup() { style = ml5.styleTransfer('https://models.example.com/style/wave', video, modelLoaded); }\n</script>\n`,
      filename: 'index.html',
      errors: [{ messageId: 'remote', confidence: 'high', line: 4, data: { callee: 'ml5.styleTransfer', url: '"https://models.example.com/style/wave"' } }],
    },
  ],
});

fixture(rule);
