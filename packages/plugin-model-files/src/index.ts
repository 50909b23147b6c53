import { presetsFor, type Plugin, type Rule } from '@oculum/core';
import { modelLanguage } from './language.js';
import ambiguousModelArchive from './rules/ambiguous-model-archive.js';
import dangerousPickleGlobal from './rules/dangerous-pickle-global.js';
import ggufChatTemplateInjection from './rules/gguf-chat-template-injection.js';
import kerasExternalReference from './rules/keras-external-reference.js';
import kerasLambdaLayer from './rules/keras-lambda-layer.js';
import malformedModelFile from './rules/malformed-model-file.js';
import modelFormatInventory from './rules/model-format-inventory.js';
import modelScanLimit from './rules/model-scan-limit.js';
import onnxCustomOperatorDomain from './rules/onnx-custom-operator-domain.js';
import onnxExternalDataEscape from './rules/onnx-external-data-escape.js';
import suspiciousPickleGlobal from './rules/suspicious-pickle-global.js';

export const rules: Record<string, Rule<any, any>> = {
  [dangerousPickleGlobal.name]: dangerousPickleGlobal,
  [suspiciousPickleGlobal.name]: suspiciousPickleGlobal,
  [kerasLambdaLayer.name]: kerasLambdaLayer,
  [kerasExternalReference.name]: kerasExternalReference,
  [ggufChatTemplateInjection.name]: ggufChatTemplateInjection,
  [onnxExternalDataEscape.name]: onnxExternalDataEscape,
  [onnxCustomOperatorDomain.name]: onnxCustomOperatorDomain,
  [ambiguousModelArchive.name]: ambiguousModelArchive,
  [malformedModelFile.name]: malformedModelFile,
  [modelScanLimit.name]: modelScanLimit,
  [modelFormatInventory.name]: modelFormatInventory,
};

const plugin: Plugin = {
  meta: { name: '@oculum/plugin-model-files', version: '0.1.0', namespace: 'model' },
  rules,
  languages: { model: modelLanguage },
  configs: presetsFor('model', rules),
};

export default plugin;
export { modelLanguage, ModelSourceCode } from './language.js';
export { scanModelFile, scanModelBytes, DEFAULT_LIMITS, type ScanLimits } from './scanner.js';
export { detectFormat, isModelFile, type FormatId } from './formats/detect.js';
export {
  GlobalPolicy, policyFromSettings, DANGEROUS_MODULES, DANGEROUS_MODULE_ALIASES, SAFE_GLOBALS, SAFE_MODULE_PREFIXES, NUMPY_MATH_UFUNCS, DANGEROUS_METHOD_NAMES,
  CAPABILITY_CLASS_PREFIXES,
} from './policy.js';
export { PickleMachine, scanPickleBytes } from './pickle/machine.js';
export type * from './ast.js';
