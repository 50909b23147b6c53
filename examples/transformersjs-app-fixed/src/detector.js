import * as ort from 'onnxruntime-web';

// Built and reviewed with the app, served from its own origin.
const MODEL_PATH = '/models/yolov8n.onnx';
const CONFIG_URL = 'https://cdn.example.com/models/yolov8n.config.json';
const CONFIG_SRI = 'sha256-3y7hD0XjvGzS2PQ6p0Q9bqmFq0H5t2iC0m4cE8w1s5U=';

/** Post-processing steps the app ships; the config can only pick one by name. */
const POSTPROCESSORS = {
  nms: (outputs, threshold) => outputs.filter((box) => box.score >= threshold),
  identity: (outputs) => outputs,
};

export async function createDetector() {
  const session = await ort.InferenceSession.create(MODEL_PATH);
  const config = await (await fetch(CONFIG_URL, { integrity: CONFIG_SRI })).json();
  const postprocess = POSTPROCESSORS[config.postprocess];
  if (!postprocess) throw new Error(`unknown post-processor ${config.postprocess}`);
  return async (tensor) => postprocess(await session.run({ images: tensor }), config.threshold);
}
