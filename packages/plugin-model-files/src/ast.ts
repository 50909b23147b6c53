/**
 * The `ModelFile` AST: the facts the scanner found, for rules to judge. One root node per file;
 * archives flatten into `members` and every fact names the member it came from
 * (`archive/data.pkl`, `model.npz/arr_0.npy`, `model.pkl#bytes@120`).
 */
import type { AstNode } from '@oculum/core';
import type { FormatId } from './formats/detect.js';
import type { GetattrUsage } from './pickle/machine.js';

export type RiskLevel = 'critical' | 'high' | 'medium' | 'low';

export interface ModelMember {
  /** Path of the member inside the file ('' for the file itself). */
  path: string;
  format: FormatId | 'data' | 'text' | 'torchscript-code' | 'json';
  size: number;
  /** True when the member was only listed (raw tensor data, TorchScript code), not parsed. */
  listed?: boolean;
}

export interface PickleGlobalFact {
  member: string;
  module: string;
  name: string;
  opcode: string;
  offset: number;
  /** Inside a TorchScript archive, where `__torch__.*` names TorchScript classes, not Python imports. */
  torchscript?: boolean;
  /** For `builtins.getattr`: how the pickle used it (bound methods of objects it built, or otherwise). */
  getattr?: GetattrUsage;
}

export interface PickleCallFact {
  member: string;
  callee: string;
  opcode: string;
  offset: number;
  args: string;
}

/**
 * `absent`: the file holds no model to inspect (a Git LFS pointer left in its place); `unopened`: an
 * archive the scanner does not open (7z, RAR), whose content was not inspected at all.
 */
export type ProblemKind = 'malformed' | 'limit' | 'ambiguous' | 'unsupported' | 'absent' | 'unopened';

export interface ProblemFact {
  member: string;
  kind: ProblemKind;
  message: string;
  /** Found while reading a pickle stream (a limit there is reported as high: see `model/model-scan-limit`). */
  pickle?: boolean;
  /** A chat template the time limit cut short (reported as high, as in pickle data). */
  template?: boolean;
  /** For `unopened`: what was not inspected is named as a model (`archive/data.pkl` in a 7z folder not decoded). */
  model?: boolean;
}

export interface KerasFact {
  member: string;
  /** See `KerasHit.kind` (`formats/keras.ts`). */
  kind: 'lambda' | 'reference' | 'savedmodel' | 'vocabulary' | 'layer-path';
  layer: string;
  target: string;
  /** A reference inside Keras or TensorFlow itself: reported only when it is a dangerous function. */
  internal?: boolean;
}

export interface TemplateFact {
  member: string;
  key: string;
  indicators: string[];
  length: number;
}

export interface OnnxExternalDataFact {
  member: string;
  tensor: string;
  location: string;
}

export interface OnnxDomainFact {
  member: string;
  domain: string;
  ops: string[];
  /** The model defines functions in this domain itself. */
  local: boolean;
}

export interface ModelFile extends AstNode {
  readonly type: 'ModelFile';
  path: string;
  /** The file's own format (after looking inside: a zip with data.pkl is `pytorch-zip`). */
  format: FormatId;
  size: number;
  /** Hex sha256 of the whole file, or null when over `model.sha256MaxBytes`. */
  sha256: string | null;
  members: ModelMember[];
  globals: PickleGlobalFact[];
  calls: PickleCallFact[];
  problems: ProblemFact[];
  keras: KerasFact[];
  templates: TemplateFact[];
  externalData: OnnxExternalDataFact[];
  domains: OnnxDomainFact[];
  /** Extra facts for the inventory (tensor counts, protocol, producer…). */
  details: Record<string, string | number | boolean>;
  durationMs: number;
}
