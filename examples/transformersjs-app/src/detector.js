import * as ort from 'onnxruntime-web';

const MODEL_URL = 'http://cdn.example.com/models/yolov8n.onnx';
const CONFIG_URL = 'https://cdn.example.com/models/yolov8n.config.json';

export async function createDetector() {
  const session = await ort.InferenceSession.create(MODEL_URL);
  const config = await (await fetch(CONFIG_URL)).json();
  // The model's config ships its post-processing as JavaScript source.
  const postprocess = new Function('outputs', 'threshold', config.postprocess);
  return async (tensor) => postprocess(await session.run({ images: tensor }), config.threshold);
}
