import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oculum, root } from './helpers.js';

interface JsonFile {
  file: string;
  findings: Array<{ ruleId: string; line: number; column: number; endLine: number; endColumn: number; fix?: unknown; suggestions?: unknown[] }>;
  diagnostics: Array<{ kind: string; message: string }>;
}

function scanJson(args: string[], cwd = root): { status: number | null; files: JsonFile[]; stderr: string } {
  const r = oculum(['scan', ...args, '--format', 'json'], cwd);
  return { status: r.status, files: JSON.parse(r.stdout).files, stderr: r.stderr };
}

/** 1-based line and column of `needle` in `text`. */
function where(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oculum-nb-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('Jupyter notebooks (.ipynb)', () => {
  it("the vulnerable example's notebook is reported at the notebook's own lines and columns", () => {
    const file = 'examples/vulnerable-python/explore.ipynb';
    const text = readFileSync(path.join(root, file), 'utf8');
    const { files } = scanJson([file]);
    const found = files[0].findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`);
    const load = where(text, 'torch.load(\\"checkpoints/finetuned.pt\\")');
    const tokenizer = where(text, 'AutoTokenizer.from_pretrained(');
    const model = where(text, 'AutoModelForCausalLM.from_pretrained(');
    expect(found).toEqual([
      `torch/load-without-weights-only@${load.line}:${load.column}`,
      `hf/unpinned-revision@${tokenizer.line}:${tokenizer.column}`,
      `hf/trust-remote-code@${model.line}:${model.column}`,
      `hf/unpinned-revision@${model.line}:${model.column}`,
    ]);
    // the end of the reported call, through the JSON escapes of its quotes
    expect(files[0].findings[0].endColumn).toBe(load.column + 'torch.load(\\"checkpoints/finetuned.pt\\")'.length);
    // no fix is offered: its offsets would be the code's, not the notebook file's
    expect(files[0].findings.every((f) => f.fix === null || f.fix === undefined)).toBe(true);
  });

  it('its fixed twin is clean', () => {
    const { status, files } = scanJson(['examples/fixed-python/explore.ipynb']);
    expect(files.flatMap((f) => f.findings)).toEqual([]);
    expect(status).toBe(0);
  });

  it('--fix leaves a notebook as it was', () => {
    const dir = tempDir();
    const file = path.join(dir, 'explore.ipynb');
    const text = readFileSync(path.join(root, 'examples/vulnerable-python/explore.ipynb'), 'utf8');
    writeFileSync(file, text);
    oculum(['scan', '.', '--fix', '--no-config'], dir);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a notebook that is not valid JSON is a parse error naming the place; the scan goes on', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.ipynb'), '{\n "cells": [\n  {"cell_type": "code", "source": ["x = 1\\n"]\n');
    writeFileSync(path.join(dir, 'load.py'), 'import pickle\npickle.load(open("m.pkl", "rb"))\n');
    const { files } = scanJson(['.', '--no-config'], dir);
    const broken = files.find((f) => f.file === 'broken.ipynb');
    expect(broken?.diagnostics.map((d) => d.kind)).toEqual(['parse-error']);
    expect(broken?.diagnostics[0].message).toMatch(/not a readable Jupyter notebook: invalid JSON at line 4, column 1/);
    expect(files.find((f) => f.file === 'load.py')?.findings.map((f) => f.ruleId)).toEqual(['torch/pickle-load']);
  });

  it('a notebook with 3 MB of outputs is read; a 3 MB Python file is skipped with a note', () => {
    const dir = tempDir();
    const outputs = [{ output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo'.repeat(300_000) }, metadata: {} }];
    const notebook = { cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, outputs, source: ['import torch\n', 'state = torch.load("model.pt")\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    writeFileSync(path.join(dir, 'plots.ipynb'), JSON.stringify(notebook, null, 1));
    writeFileSync(path.join(dir, 'big.py'), `import torch\nstate = torch.load("model.pt")\n${'x = 1\n'.repeat(550_000)}`);
    const { files } = scanJson(['.', '--no-config'], dir);
    expect(files.find((f) => f.file === 'plots.ipynb')?.findings.map((f) => f.ruleId)).toEqual(['torch/load-without-weights-only']);
    expect(files.find((f) => f.file === 'big.py')?.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/larger than the 2 MiB limit/)]);
  });

  it('a cell may run alone: a save in a cell above is not certainly what a later cell loads; %time runs its statement', () => {
    const dir = tempDir();
    const cell = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source.split(/(?<=\n)/) });
    const notebook = {
      cells: [
        cell('import torch\nmodel = Net()'),
        cell("torch.save(model.state_dict(), 'checkpoint.pth')"),
        cell("state = torch.load('checkpoint.pth')"),
        cell("torch.save(model.state_dict(), 'two.pth')\nstate2 = torch.load('two.pth')"),
        cell("%time m = torch.load('timed.pt')"),
        cell("%time torch.save(model.state_dict(), 'three.pth')\nstate3 = torch.load('three.pth')"),
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const text = JSON.stringify(notebook, null, 1);
    writeFileSync(path.join(dir, 'train.ipynb'), text);
    const { files } = scanJson(['.', '--no-config'], dir);
    const found = files[0].findings.map((f) => [f.ruleId, f.line, f.column, (f as { confidence?: string }).confidence]);
    // the message says why a save above is not on every path
    expect((files[0].findings[0] as { message?: string }).message).toContain('in a notebook cell above (a cell can be run alone');
    // and names the save's line with its cell, as a notebook's reader finds it
    const save = where(text, "torch.save(model.state_dict(), 'checkpoint.pth')");
    expect((files[0].findings[0] as { message?: string }).message).toContain(`saves at line ${save.line} (cell 2), in a notebook cell above`);
    const crossCell = where(text, "torch.load('checkpoint.pth')");
    const timed = where(text, "torch.load('timed.pt')");
    // the same cell's save: its own file, nothing; a cell above: on some paths only (medium)
    expect(found).toEqual([
      ['torch/load-without-weights-only', crossCell.line, crossCell.column, 'medium'],
      ['torch/load-without-weights-only', timed.line, timed.column, 'high'],
    ]);
  });

  it('reads shell lines as the commands they run: downloads over plain HTTP, unpinned Hub downloads, curl -k', () => {
    const dir = tempDir();
    const cell = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source.split(/(?<=\n)/) });
    const notebook = {
      cells: [
        cell('!pip install -q torch\n!wget -q http://example.com/models/resnet50.pth'),
        cell('if not os.path.exists("llama.gguf"):\n    !huggingface-cli download TheBloke/Llama-2-7B-GGUF llama-2-7b.Q4_K_M.gguf --local-dir .'),
        cell('%%bash\ncurl -k -L -o model.safetensors https://example.com/model.safetensors'),
        cell('!huggingface-cli download org/pinned --revision 0123456789abcdef0123456789abcdef01234567'),
        // continued with backslashes: one command (IPython joins the lines), no parse error for its lines
        cell('!wget -q \\\n    http://example.com/models/vgg16.pth \\\n    -O vgg16.pth'),
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const text = JSON.stringify(notebook, null, 1);
    writeFileSync(path.join(dir, 'setup.ipynb'), text);
    const { files } = scanJson(['.', '--no-config'], dir);
    const found = files.flatMap((f) => f.findings).map((f) => `${f.ruleId}@${f.line}:${f.column}`);
    const wget = where(text, '!wget');
    const hf = where(text, '!huggingface-cli download TheBloke');
    const curl = where(text, 'curl -k');
    const continued = where(text, '!wget -q \\\\');
    expect(found).toEqual([
      `hf/insecure-model-url@${wget.line}:${wget.column}`,
      `hf/unverified-model-download@${wget.line}:${wget.column}`,
      `hf/unpinned-revision@${hf.line}:${hf.column}`,
      `hf/insecure-model-url@${curl.line}:${curl.column}`,
      `hf/unverified-model-download@${curl.line}:${curl.column}`,
      `hf/insecure-model-url@${continued.line}:${continued.column}`,
      `hf/unverified-model-download@${continued.line}:${continued.column}`,
    ]);
    expect(files.flatMap((f) => f.diagnostics)).toEqual([]);
  });

  it('messages about the top level speak of the notebook', () => {
    const dir = tempDir();
    const cell = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source.split(/(?<=\n)/) });
    const notebook = {
      cells: [
        cell('from huggingface_hub import HfApi\nfrom transformers import Trainer'),
        cell('Trainer(model=model, train_dataset=data).train()'),
        cell('HfApi().upload_folder(folder_path="./out", repo_id="org/m")'),
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(path.join(dir, 'publish.ipynb'), JSON.stringify(notebook, null, 1));
    const r = oculum(['scan', '.', '--no-config', '--format', 'json'], dir);
    const messages = (JSON.parse(r.stdout).files as Array<{ findings: Array<{ ruleId: string; message: string }> }>).flatMap((f) => f.findings).filter((f) => f.ruleId === 'hf/public-hub-upload').map((f) => f.message);
    expect(messages).toEqual(['upload_folder(...) uploads right after training in this notebook with no evaluation or review step in between.']);
  });

  it('SARIF regions point into the notebook file', () => {
    const r = oculum(['scan', 'examples/vulnerable-python/explore.ipynb', '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    const results = sarif.runs[0].results;
    expect(results.length).toBe(4);
    const text = readFileSync(path.join(root, 'examples/vulnerable-python/explore.ipynb'), 'utf8');
    const line = where(text, 'torch.load(').line;
    const first = results.find((x: { ruleId: string }) => x.ruleId === 'torch/load-without-weights-only');
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toMatch(/explore\.ipynb$/);
    expect(first.locations[0].physicalLocation.region.startLine).toBe(line);
    expect(first.fixes ?? []).toEqual([]);
  });
});
