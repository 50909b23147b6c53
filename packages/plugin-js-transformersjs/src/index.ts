import { presetsFor, type Plugin, type Rule } from '@oculum/core';
import { javascript } from '@oculum/lang-js';
import pkg from '../package.json' with { type: 'json' };
import dynamicCodeFromModelData from './rules/dynamic-code-from-model-data.js';
import httpModelUrl from './rules/http-model-url.js';
import hubDownloadWithoutRevision from './rules/hub-download-without-revision.js';
import insecureRemoteHost from './rules/insecure-remote-host.js';
import mediapipeModelFromRemoteUrl from './rules/mediapipe-model-from-remote-url.js';
import missingSignatureVerification from './rules/missing-signature-verification.js';
import onnxModelFromRemoteUrl from './rules/onnx-model-from-remote-url.js';
import pickleLoadThroughPythonBridge from './rules/pickle-load-through-python-bridge.js';
import publicModelUpload from './rules/public-model-upload.js';
import tfjsModelFromRemoteUrl from './rules/tfjs-model-from-remote-url.js';
import unpinnedModelRevision from './rules/unpinned-model-revision.js';
import untrustedPublisher from './rules/untrusted-publisher.js';
import unverifiedModelDownload from './rules/unverified-model-download.js';
import wllamaModelFromRemoteUrl from './rules/wllama-model-from-remote-url.js';

export const namespace = 'transformersjs';

/** Every rule of the pack by name (ids are `transformersjs/<name>`). */
export const rules: Record<string, Rule<any, any>> = Object.fromEntries(
  [
    unpinnedModelRevision,
    insecureRemoteHost,
    onnxModelFromRemoteUrl,
    tfjsModelFromRemoteUrl,
    wllamaModelFromRemoteUrl,
    mediapipeModelFromRemoteUrl,
    unverifiedModelDownload,
    hubDownloadWithoutRevision,
    httpModelUrl,
    dynamicCodeFromModelData,
    pickleLoadThroughPythonBridge,
    publicModelUpload,
    untrustedPublisher,
    missingSignatureVerification,
  ].map((rule) => [rule.name, rule]),
);

const plugin: Plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace },
  rules,
  languages: { javascript },
  configs: presetsFor(namespace, rules),
};

export default plugin;
