import { presetsFor, type Plugin, type Rule } from '@oculum/core';
import { python } from '@oculum/lang-python';
import downloadWithoutHash from './rules/download-without-hash.js';
import insecureModelUrl from './rules/insecure-model-url.js';
import missingSignatureVerification from './rules/missing-signature-verification.js';
import publicCheckpointLocation from './rules/public-checkpoint-location.js';
import publicHubUpload from './rules/public-hub-upload.js';
import safetensorsDisabled from './rules/safetensors-disabled.js';
import torchHubGithubLoad from './rules/torch-hub-github-load.js';
import trustRemoteCode from './rules/trust-remote-code.js';
import unpinnedRevision from './rules/unpinned-revision.js';
import untrustedPublisher from './rules/untrusted-publisher.js';
import untrustedTrainingData from './rules/untrusted-training-data.js';
import unverifiedModelDownload from './rules/unverified-model-download.js';

const list: Rule<any, any>[] = [
  // unverified_model_source
  unpinnedRevision,
  trustRemoteCode,
  safetensorsDisabled,
  torchHubGithubLoad,
  downloadWithoutHash,
  unverifiedModelDownload,
  insecureModelUrl,
  untrustedPublisher,
  missingSignatureVerification,
  // unsafe_finetuning
  publicHubUpload,
  untrustedTrainingData,
  publicCheckpointLocation,
];

export const rules: Record<string, Rule<any, any>> = Object.fromEntries(list.map((r) => [r.name, r]));

const plugin: Plugin = {
  meta: { name: '@oculum/plugin-python-hf', version: '0.1.0', namespace: 'hf' },
  rules,
  languages: { python },
  configs: presetsFor('hf', rules),
};

export default plugin;
