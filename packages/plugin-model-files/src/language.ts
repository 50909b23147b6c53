/**
 * The `model` language: binary model files, chosen by magic bytes, read (streamed) by `parse`
 * itself. Its SourceCode has no text; the AST is a single `ModelFile` node holding everything
 * the scanner found, and rules report on it with an explicit location (line 1, column 1).
 */
import type { AstNode, Comment, Language, Position, Range, SourceCode, SourceLocation } from '@oculum/core';
import type { ModelFile } from './ast.js';
import { isModelFile } from './formats/detect.js';
import { MODEL_EXTENSIONS } from './formats/names.js';
import { scanModelFile } from './scanner.js';

export const FILE_LOC: SourceLocation = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export class ModelSourceCode implements SourceCode<ModelFile> {
  readonly text = '';
  readonly parseErrors: ReadonlyArray<{ message: string; loc: SourceLocation }> = [];
  constructor(readonly path: string, readonly ast: ModelFile) {}
  traverse(visit: (node: ModelFile, phase: 'enter' | 'exit') => void): void {
    visit(this.ast, 'enter');
    visit(this.ast, 'exit');
  }
  getRange(_node?: AstNode): Range {
    return [0, 0];
  }
  getLoc(_node?: AstNode): SourceLocation {
    return FILE_LOC;
  }
  getText(_node?: AstNode): string {
    return '';
  }
  getComments(): readonly Comment[] {
    return [];
  }
  positionAt(_offset?: number): Position {
    return { line: 1, column: 1 };
  }
}

/** Every model file extension (`names.ts`: the one list detection and the Git LFS claim use too). */
export { MODEL_EXTENSIONS };

export const modelLanguage: Language<ModelSourceCode> = {
  id: 'model',
  extensions: MODEL_EXTENSIONS,
  readsFile: true,
  detect(head: Uint8Array, path: string): boolean {
    return isModelFile(head, path);
  },
  async parse({ path, settings }) {
    const ast = await scanModelFile(path, settings);
    return new ModelSourceCode(path, ast);
  },
};
