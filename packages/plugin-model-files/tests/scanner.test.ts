import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelLanguage } from '../src/language.js';
import { scanModelBytes, scanModelFile } from '../src/scanner.js';
import { FIXTURES, fixtures } from './helpers.js';

const facts = (f: Awaited<ReturnType<typeof scanModelFile>>) => ({
  format: f.format,
  globals: f.globals.map((g) => `${g.member}|${g.module}.${g.name}`),
  problems: f.problems.map((p) => `${p.member}|${p.kind}|${p.message}`),
  keras: f.keras,
  templates: f.templates,
  externalData: f.externalData,
  domains: f.domains,
  sha256: f.sha256,
});

describe('scanner', () => {
  const all = [...fixtures('benign'), ...fixtures('malicious'), ...fixtures('review'), ...fixtures('malformed')];
  it.each(all)('%s: reading from disk and from memory give the same facts', async (rel) => {
    const path = join(FIXTURES, rel);
    const fromDisk = await scanModelFile(path);
    const fromMemory = await scanModelBytes(readFileSync(path), path);
    expect(facts(fromMemory)).toEqual(facts(fromDisk));
    expect(fromDisk.size).toBe(readFileSync(path).length);
  });

  it('the language parses into a text-less SourceCode with one ModelFile node', async () => {
    const sc = await modelLanguage.parse({ path: join(FIXTURES, 'benign/torch_state_dict.pt'), settings: {}, depth: 'standard' });
    expect(sc.text).toBe('');
    expect(sc.getComments()).toEqual([]);
    expect(sc.ast.type).toBe('ModelFile');
    expect(sc.ast.format).toBe('pytorch-zip');
    const seen: string[] = [];
    sc.traverse((node, phase) => seen.push(`${node.type}:${phase}`));
    expect(seen).toEqual(['ModelFile:enter', 'ModelFile:exit']);
    expect(sc.getLoc(sc.ast)).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
    expect(sc.ast.members.map((m) => m.path)).toEqual(expect.arrayContaining(['torch_state_dict/data.pkl']));
  });

  it('lists TorchScript code files without flagging them', async () => {
    const f = await scanModelFile(join(FIXTURES, 'benign/torchscript.pt'));
    expect(f.format).toBe('torchscript');
    expect(f.members.some((m) => m.format === 'torchscript-code' && m.listed)).toBe(true);
    expect(f.problems).toEqual([]);
  });

  it('the language claims model files by bytes, not by name', () => {
    const head = readFileSync(join(FIXTURES, 'malicious/reduce_os_system_protocol4.pkl')).subarray(0, 512);
    expect(modelLanguage.detect?.(head, 'README.txt')).toBe(true);
    expect(modelLanguage.detect?.(new TextEncoder().encode('import torch\n'), 'model.pt')).toBe(false);
  });
});
