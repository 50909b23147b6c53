import rule from '../../src/rules/public-model-upload.js';
import { fixture, id, tester } from '../helpers.js';

const imp = "import { createRepo, uploadFile, uploadFiles } from '@huggingface/hub';\n";
const UNKNOWN = 'a repository whose name is not known statically';

tester.run(id(rule), rule, {
  valid: [
    imp + `await createRepo({ repo: 'o/n', accessToken, private: true });`,
    imp + `const PRIVATE = true; await createRepo({ repo: 'o/n', accessToken, private: PRIVATE });`,
    imp + `await createRepo({ repo: 'o/n', private: true });\nawait uploadFile({ repo: 'o/n', file });`,
    imp + `await createRepo({ repo: name, private: true });\nawait uploadFiles({ repo: name, files });`,
    `import { uploadFile } from './storage'; uploadFile({ repo: 'o/n' });`,
    `s3.uploadFile({ repo: 'o/n' });`,
    // the same repo, written as a typed string or as a { type, name } object
    imp + `await createRepo({ repo: 'datasets/o/d', private: true });\nawait uploadFile({ repo: { type: 'dataset', name: 'o/d' }, file });`,
    imp + `await createRepo({ repo: { type: 'space', name: 'o/s' }, private: true });\nawait uploadFile({ repo: 'spaces/o/s', file });`,
    // an unknown create may be the repo an unknown upload goes to
    imp + `async function a(name) { await createRepo({ repo: name, private: true }); }\nasync function b(to) { await uploadFile({ repo: to, file }); }`,
  ],
  invalid: [
    // a Storage Bucket whose name is not resolved: named by its type, not by the known prefix ("buckets/"); kept at low confidence (buckets hold checkpoints too, and may be public)
    {
      code: `const { uploadFiles } = require('@huggingface/hub');\nconst HF_BUCKET = process.env.HF_BUCKET || '';\nasync function upload(files) {\n  await uploadFiles({ repo: \`buckets/\${HF_BUCKET}\`, repoType: 'bucket', files, accessToken: TOKEN });\n}\nmodule.exports = { upload };`,
      errors: [{ messageId: 'upload', data: { callee: 'uploadFiles', repo: 'a Storage Bucket whose name is not known statically' }, confidence: 'low' }],
    },
    { code: imp + `await uploadFile({ repo: \`datasets/\${process.env.DS ?? ''}\`, file });`, errors: [{ messageId: 'upload', data: { callee: 'uploadFile', repo: 'a dataset repository whose name is not known statically' }, confidence: 'low' }] },
    { code: imp + `await uploadFile({ repo: process.env.REPO || '', file });`, errors: [{ messageId: 'upload', data: { callee: 'uploadFile', repo: UNKNOWN }, confidence: 'low' }] },
    { code: imp + `await uploadFile({ repo: 'buckets/acme/checkpoints', file });`, errors: [{ messageId: 'upload', data: { callee: 'uploadFile', repo: '"buckets/acme/checkpoints"' }, confidence: 'low' }] },
    { code: imp + `await createRepo({ repo: 'o/n', accessToken });`, errors: [{ messageId: 'publicRepo', data: { callee: 'createRepo', repo: '"o/n"' }, confidence: 'high', severity: 'high' }] },
    { code: imp + `await createRepo({ repo: 'o/n', private: false });`, errors: [{ messageId: 'publicRepo' }] },
    { code: imp + `await createRepo({ repo: 'o/n', private: flag });`, errors: [{ messageId: 'unknownVisibility', confidence: 'low' }] },
    { code: imp + `function f(opts) { return createRepo(opts); }`, errors: [{ messageId: 'unknownVisibility', data: { callee: 'createRepo', repo: UNKNOWN }, confidence: 'low' }] },
    { code: `import { commit } from '@huggingface/hub'; await commit({ repo: 'o/n', operations, title: 'x' });`, errors: [{ messageId: 'upload', confidence: 'low' }] },
    { code: imp + `await uploadFile({ repo: 'o/n', file });`, errors: [{ messageId: 'upload', data: { callee: 'uploadFile', repo: '"o/n"' }, confidence: 'low' }] },
    { code: imp + `await createRepo({ repo: 'o/a', private: true });\nawait uploadFile({ repo: 'o/b', file });`, errors: [{ messageId: 'upload', line: 3 }] },
    { code: imp + `await createRepo({ repo: 'o/n' });\nawait uploadFile({ repo: 'o/n', file });`, errors: [{ messageId: 'publicRepo', line: 2 }] },
    // a private create of a named repo does not cover an upload whose repo is unknown
    {
      code: imp + `export async function createScratch() { await createRepo({ repo: 'org/scratch', private: true }); }\nexport async function upload(file, to) { await uploadFile({ repo: to, file }); }`,
      errors: [{ messageId: 'upload', data: { callee: 'uploadFile', repo: UNKNOWN }, confidence: 'low', line: 3 }],
    },
    // a model repo and a dataset repo of the same name are different repos
    { code: imp + `await createRepo({ repo: 'o/n', private: true });\nawait uploadFile({ repo: 'datasets/o/n', file });`, errors: [{ messageId: 'upload', data: { callee: 'uploadFile', repo: '"datasets/o/n"' }, line: 3 }] },
    { code: imp + `await createRepo({ repo: 'datasets/o/n' });`, errors: [{ messageId: 'publicRepo', data: { callee: 'createRepo', repo: '"datasets/o/n"' } }] },
    // only a resolved constant is printed as a repository name: not a parameter, not a template literal
    {
      code: `import { uploadFile } from '@huggingface/hub';\nexport async function publish(file, to) {\n  await uploadFile({ repo: to, file: { path: 'model.onnx', content: file } });\n}`,
      errors: [{ messageId: 'upload', data: { callee: 'uploadFile', repo: UNKNOWN } }],
    },
    { code: imp + `await createRepo({ repo: \`\${user}/finetuned\` });`, errors: [{ messageId: 'publicRepo', data: { callee: 'createRepo', repo: UNKNOWN } }] },
    { code: imp + `const OWNER = 'org';\nawait createRepo({ repo: \`\${OWNER}/finetuned\` });`, errors: [{ messageId: 'publicRepo', data: { callee: 'createRepo', repo: '"org/finetuned"' } }] },
    { code: imp + `await createRepo({ repo: { type: 'model', name: 'o/n' } });`, errors: [{ messageId: 'publicRepo', data: { callee: 'createRepo', repo: '"o/n"' } }] },
  ],
});

fixture(rule);
