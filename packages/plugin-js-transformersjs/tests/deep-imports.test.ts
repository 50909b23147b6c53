import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintText, type Depth, type Rule } from '@oculum/core';
import { javascript } from '@oculum/lang-js';
import onnxRemote from '../src/rules/onnx-model-from-remote-url.js';
import unpinnedRevision from '../src/rules/unpinned-model-revision.js';
import { id } from './helpers.js';

// At --depth deep a name imported from a relative module of the project has the value that module
// exports: every rule reads it as it reads a constant of the file itself.

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'oculum-deep-imports-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes the project's `files` and lints `main` with `rule` at `depth`: `<line> <confidence> <message>` per finding. */
async function findings(rule: Rule<any, any>, name: string, files: Record<string, string>, main: string, depth: Depth): Promise<string[]> {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const file = path.join(dir, 'src/main.ts');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, main);
  const result = await lintText({ path: file, text: main, language: javascript, rules: [{ id: id(rule), rule, level: 'error' }], depth, cwd: dir });
  expect(result.diagnostics.filter((d) => d.kind === 'internal' || d.kind === 'parse-error')).toEqual([]);
  return result.findings.map((f) => `${f.line} ${f.confidence} ${f.message}`);
}

const ORT = "import * as ort from 'onnxruntime-web';\n";

describe('transformersjs/onnx-model-from-remote-url with a URL imported from the project', () => {
  const config = { 'src/config.ts': 'export const CDN = "https://cdn.example.com/models";\nexport const MODEL_URL = `${CDN}/yolo.onnx`;\nexport const LOCAL_MODEL_URL = "./models/yolo.onnx";\n' };

  it('reports a remote URL at the confidence of a constant of the file itself (low at standard: only its name says URL)', async () => {
    const main = `${ORT}import { MODEL_URL } from './config.js';\nexport const session = await ort.InferenceSession.create(MODEL_URL);\n`;
    expect(await findings(onnxRemote, 'o1', config, main, 'standard')).toEqual([
      '3 low ort.InferenceSession.create downloads the model from `MODEL_URL` and runs it without checking its integrity.',
    ]);
    const deep = await findings(onnxRemote, 'o1', config, main, 'deep');
    expect(deep).toEqual(['3 high ort.InferenceSession.create downloads the model from "https://cdn.example.com/models/yolo.onnx" and runs it without checking its integrity.']);
    const sameFile = `${ORT}const CDN = "https://cdn.example.com/models";\nconst MODEL_URL = \`\${CDN}/yolo.onnx\`;\nexport const session = await ort.InferenceSession.create(MODEL_URL);\n`;
    expect((await findings(onnxRemote, 'o1', config, sameFile, 'standard')).map((f) => f.split(' ').slice(1).join(' '))).toEqual(deep.map((f) => f.split(' ').slice(1).join(' ')));
  });

  it('through a namespace import, a require and a re-export', async () => {
    const files = { ...config, 'src/index.ts': 'export * from "./config";\n', 'src/legacy.js': 'module.exports = { MODEL_URL: "https://legacy.example.com/m.onnx" };\n' };
    expect(await findings(onnxRemote, 'o2', files, `${ORT}import * as cfg from './config';\nort.InferenceSession.create(cfg.MODEL_URL);\n`, 'deep')).toEqual([
      '3 high ort.InferenceSession.create downloads the model from "https://cdn.example.com/models/yolo.onnx" and runs it without checking its integrity.',
    ]);
    expect(await findings(onnxRemote, 'o2', files, `${ORT}import { MODEL_URL } from '.';\nort.InferenceSession.create(MODEL_URL);\n`, 'deep')).toEqual([
      '3 high ort.InferenceSession.create downloads the model from "https://cdn.example.com/models/yolo.onnx" and runs it without checking its integrity.',
    ]);
    expect(await findings(onnxRemote, 'o2', files, `${ORT}const { MODEL_URL } = require('./legacy');\nort.InferenceSession.create(MODEL_URL);\n`, 'deep')).toEqual([
      '3 high ort.InferenceSession.create downloads the model from "https://legacy.example.com/m.onnx" and runs it without checking its integrity.',
    ]);
  });

  it('stays quiet for an imported local path (reported low at standard, where it is not known)', async () => {
    const main = `${ORT}import { LOCAL_MODEL_URL } from './config.js';\nexport const session = await ort.InferenceSession.create(LOCAL_MODEL_URL);\n`;
    expect(await findings(onnxRemote, 'o3', config, main, 'standard')).toEqual([
      '3 low ort.InferenceSession.create downloads the model from `LOCAL_MODEL_URL` and runs it without checking its integrity.',
    ]);
    expect(await findings(onnxRemote, 'o3', config, main, 'deep')).toEqual([]);
  });

  it('does not follow a package, nor a module that is not there', async () => {
    const main = `${ORT}import { MODEL_URL } from 'my-config';\nimport { OTHER_URL } from './missing.js';\nort.InferenceSession.create(MODEL_URL);\nort.InferenceSession.create(OTHER_URL);\n`;
    const files = { ...config, 'node_modules/my-config/index.js': 'export const MODEL_URL = "./local.onnx";\n' };
    expect(await findings(onnxRemote, 'o4', files, main, 'deep')).toEqual(await findings(onnxRemote, 'o4', files, main, 'standard'));
  });
});

describe('transformersjs/unpinned-model-revision with a model id and revision imported from the project', () => {
  const config = {
    'src/models.ts': [
      'export const MODEL_ID = "Xenova/all-MiniLM-L6-v2";',
      'export const REVISION = "main";',
      'export const PINNED = "0123456789abcdef0123456789abcdef01234567";',
      'export const OPTIONS = { revision: PINNED };',
      '',
    ].join('\n'),
  };
  const TJS = "import { pipeline } from '@huggingface/transformers';\n";

  it('reports a branch imported as the revision (not known at standard: a variable counts as pinned)', async () => {
    const main = `${TJS}import { MODEL_ID, REVISION } from './models';\nexport const embed = await pipeline('feature-extraction', MODEL_ID, { revision: REVISION });\n`;
    expect(await findings(unpinnedRevision, 'r1', config, main, 'standard')).toEqual([]);
    expect(await findings(unpinnedRevision, 'r1', config, main, 'deep')).toEqual([
      '3 high pipeline loads "Xenova/all-MiniLM-L6-v2" at revision "main", a branch that moves with every push; pin a full commit hash.',
    ]);
  });

  it('is quiet for an imported commit hash, and keeps an imported options object opaque', async () => {
    const pinned = `${TJS}import { MODEL_ID, PINNED } from './models';\nexport const embed = await pipeline('feature-extraction', MODEL_ID, { revision: PINNED });\n`;
    expect(await findings(unpinnedRevision, 'r2', config, pinned, 'deep')).toEqual([]);
    // the options' properties are in another file: not read, so the revision may be there (low)
    const opaque = `${TJS}import { MODEL_ID, OPTIONS } from './models';\nexport const embed = await pipeline('feature-extraction', MODEL_ID, OPTIONS);\n`;
    expect(await findings(unpinnedRevision, 'r2', config, opaque, 'deep')).toEqual([
      '3 low pipeline loads "Xenova/all-MiniLM-L6-v2" from the Hugging Face Hub with options the analysis cannot see (`OPTIONS`): unless they pin `revision` to a commit, it follows `main`, and the files can change under you.',
    ]);
    expect(await findings(unpinnedRevision, 'r2', config, opaque, 'standard')).toEqual([
      '3 low pipeline loads `MODEL_ID` from the Hugging Face Hub with options the analysis cannot see (`OPTIONS`): unless they pin `revision` to a commit, it follows `main`, and the files can change under you.',
    ]);
  });

  it('reads nothing outside the project: a revision imported by `..` or through a link out of it is not known', async () => {
    const branch = 'export const REVISION = "main";\n';
    const BRANCH = '3 high pipeline loads "Xenova/all-MiniLM-L6-v2" at revision "main", a branch that moves with every push; pin a full commit hash.';
    const at = (specifier: string) => `${TJS}import { REVISION } from '${specifier}';\nexport const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: REVISION });\n`;
    // (the project is the repository; `r4-outside` is next to it)
    const files = { '.git/HEAD': 'ref: refs/heads/main\n', 'src/models.ts': branch, '../r4-outside/models.ts': branch };
    expect(await findings(unpinnedRevision, 'r4', files, at('./models'), 'deep')).toEqual([BRANCH]);
    // read, the branch would be reported; not read, the revision is a value the analysis cannot see
    expect(await findings(unpinnedRevision, 'r4', files, at('../../r4-outside/models'), 'deep')).toEqual([]);
    expect(await findings(unpinnedRevision, 'r4', files, at(`${'../'.repeat(30)}${path.join(root, 'r4-outside').slice(1)}/models.js`), 'deep')).toEqual([]);
    symlinkSync(path.join(root, 'r4-outside'), path.join(root, 'r4/src/ext'), 'dir');
    symlinkSync(path.join(root, 'r4-outside/models.ts'), path.join(root, 'r4/src/linked.ts'));
    expect(await findings(unpinnedRevision, 'r4', files, at('./ext/models'), 'deep')).toEqual([]);
    expect(await findings(unpinnedRevision, 'r4', files, at('./linked'), 'deep')).toEqual([]);
  });

  it('reads an enum imported from the project (a branch in a string enum is not pinned)', async () => {
    const files = { 'src/models.ts': "export enum Branch { Main = 'main' }\nexport const enum Models { Vit = 'Xenova/vit-base-patch16-224' }\n" };
    const main = "import { AutoModel } from '@huggingface/transformers';\nimport { Branch, Models } from './models';\nexport const m = await AutoModel.from_pretrained(Models.Vit, { revision: Branch.Main });\n";
    expect(await findings(unpinnedRevision, 'r3', files, main, 'deep')).toEqual([
      '3 high AutoModel.from_pretrained loads "Xenova/vit-base-patch16-224" at revision "main", a branch that moves with every push; pin a full commit hash.',
    ]);
    // below deep the imported revision is a value the analysis cannot see: it counts as pinned
    expect(await findings(unpinnedRevision, 'r3', files, main, 'standard')).toEqual([]);
  });
});

describe('values imported through a TypeScript path alias (`@/config`, tsconfig `paths`)', () => {
  const project = {
    'tsconfig.json': '{\n  // as Next.js writes it\n  "compilerOptions": {\n    "baseUrl": ".",\n    "paths": { "@/*": ["./src/*"] },\n  },\n}\n',
    'src/config.ts': [
      'export const MODEL_ID = "Xenova/all-MiniLM-L6-v2";',
      'export const REVISION = "main";',
      'export const MODEL_URL = "https://cdn.example.com/models/yolo.onnx";',
      '',
    ].join('\n'),
  };
  const TJS = "import { pipeline } from '@huggingface/transformers';\n";

  it('reads an aliased revision and model id as it reads a relative import', async () => {
    const main = `${TJS}import { MODEL_ID, REVISION } from '@/config';\nexport const embed = await pipeline('feature-extraction', MODEL_ID, { revision: REVISION });\n`;
    expect(await findings(unpinnedRevision, 'alias1', project, main, 'standard')).toEqual([]);
    expect(await findings(unpinnedRevision, 'alias1', project, main, 'deep')).toEqual([
      '3 high pipeline loads "Xenova/all-MiniLM-L6-v2" at revision "main", a branch that moves with every push; pin a full commit hash.',
    ]);
    const relative = `${TJS}import { MODEL_ID, REVISION } from './config';\nexport const embed = await pipeline('feature-extraction', MODEL_ID, { revision: REVISION });\n`;
    expect(await findings(unpinnedRevision, 'alias1', project, main, 'deep')).toEqual(await findings(unpinnedRevision, 'alias1', project, relative, 'deep'));
  });

  it('names the aliased model id instead of an unknown variable', async () => {
    const main = `${TJS}import { MODEL_ID } from '@/config';\nexport const embed = await pipeline('feature-extraction', MODEL_ID);\n`;
    expect(await findings(unpinnedRevision, 'alias2', project, main, 'standard')).toEqual([
      '3 low pipeline loads `MODEL_ID` from the Hugging Face Hub without a pinned `revision`: it follows `main`, so the files can change under you.',
    ]);
    expect(await findings(unpinnedRevision, 'alias2', project, main, 'deep')).toEqual([
      '3 high pipeline loads "Xenova/all-MiniLM-L6-v2" from the Hugging Face Hub without a pinned `revision`: it follows `main`, so the files can change under you.',
    ]);
  });

  it('reads an aliased model URL; without a config the alias is not followed', async () => {
    const main = `${ORT}import { MODEL_URL } from '@/config';\nexport const session = await ort.InferenceSession.create(MODEL_URL);\n`;
    expect(await findings(onnxRemote, 'alias3', project, main, 'deep')).toEqual([
      '3 high ort.InferenceSession.create downloads the model from "https://cdn.example.com/models/yolo.onnx" and runs it without checking its integrity.',
    ]);
    const { 'tsconfig.json': _config, ...withoutConfig } = project;
    expect(await findings(onnxRemote, 'alias4', withoutConfig, main, 'deep')).toEqual([
      '3 low ort.InferenceSession.create downloads the model from `MODEL_URL` and runs it without checking its integrity.',
    ]);
  });
});
