import rule from '../../src/rules/http-model-url.js';
import { fixture, id, tester } from '../helpers.js';

tester.run(id(rule), rule, {
  valid: [
    `const u = 'https://x.example/model.onnx';`,
    `const u = 'http://localhost/model.onnx';`,
    `const u = 'http://127.0.0.1:9000/model.onnx';`,
    `const u = 'http://x.example/index.html';`,
    `import x from 'http://x.example/model.onnx';`,
    '// http://x.example/model.onnx\nconst a = 1;',
    '/** http://x.example/model.onnx */\nconst a = 1;',
    'const q = gql`http://x.example/model.onnx`;',
    `import * as ort from 'onnxruntime-web'; ort.InferenceSession.create('http://x.example/model.onnx');`,
    `import { env } from '@huggingface/transformers'; env.remoteHost = 'http://huggingface.co/';`,
  ],
  invalid: [
    {
      code: `const u = 'http://x.example/model.onnx';`,
      errors: [{ messageId: 'http', data: { url: 'http://x.example/model.onnx' }, line: 1, column: 11, suggestions: [{ messageId: 'useHttps', output: `const u = 'https://x.example/model.onnx';` }] }],
    },
    {
      code: `const u = "HTTP://huggingface.co/o/n/resolve/main/config.json";`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: `const u = "https://huggingface.co/o/n/resolve/main/config.json";` }] }],
    },
    {
      // any case of the scheme (the prefilter too)
      code: `const u = "Http://x.example/model.onnx";`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: `const u = "https://x.example/model.onnx";` }] }],
    },
    {
      code: 'const u = `http://${host}/model.onnx`;',
      errors: [{ messageId: 'http', confidence: 'medium', suggestions: [{ messageId: 'useHttps', output: 'const u = `https://${host}/model.onnx`;' }] }],
    },
    {
      code: `fetch('http://x.example/model.bin?x=1');`,
      errors: [{ messageId: 'http', suggestions: [{ messageId: 'useHttps', output: `fetch('https://x.example/model.bin?x=1');` }] }],
    },
  ],
});

fixture(rule);
