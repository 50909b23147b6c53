import { initParser, parsePython, PythonSourceCode } from '@oculum/lang-python';
import { describe, expect, it, vi } from 'vitest';
import { lintAll } from './helpers.js';
import type { Finding } from '@oculum/core';

// Questions about a function's flow (was there training before this upload? does this dataset reach
// a trainer?) are answered from one walk of the function, or from the statement on, never by walking
// the whole body for each call: each case took minutes when they were, and would not finish within
// the test timeout.
describe('many calls in one function', () => {
  const n = 10_000;

  it('uploads after training', async () => {
    const text = `from transformers import Trainer\ndef f(m, trainer):\n    trainer.train()\n${'    m.push_to_hub("org/x")\n'.repeat(n)}`;
    const findings = await lintAll(text);
    expect(findings).toHaveLength(n);
    expect(findings[0].message).toContain('right after training');
  });

  it('checkpoints saved to a shared place', async () => {
    const text = `import torch\ndef f(m):\n${'    torch.save(m, "/tmp/x.pt")\n'.repeat(n)}`;
    expect(await lintAll(text)).toHaveLength(n);
  });

  it('downloads each on the other branch of a digest comparison', async () => {
    // each comparison reads the file already there, before its own branch's download: none checks a download
    const block = (i: number) => `    if hashlib.sha256(open("model${i}.bin", "rb").read()).hexdigest() == H${i}:\n        pass\n    else:\n        r${i} = requests.get(url + "/model${i}.bin")\n        open("model${i}.bin", "wb").write(r${i}.content)\n`;
    const text = `import hashlib, requests\ndef fetch(p, url):\n${Array.from({ length: 400 }, (_, i) => block(i)).join('')}`;
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unverified-model-download');
    expect(findings).toHaveLength(400);
  });

  // the methods of a class are read once for the `self.<attr>` they train on, not once per stored dataset (review finetune P3-4)
  it('datasets stored in thousands of attributes of one class, one trained on', async () => {
    const n = 3000;
    const stores = Array.from({ length: n }, (_, i) => `        self.d${i} = load_dataset("org/d${i}")\n`).join('');
    const uses = Array.from({ length: n }, (_, i) => `        SFTTrainer(model=m, train_dataset=self.x${i}).train()\n`).join('');
    const text = `from datasets import load_dataset\nfrom trl import SFTTrainer\nclass Runner:\n    def __init__(self):\n${stores}    def run(self, m):\n${uses}        SFTTrainer(model=m, train_dataset=self.d${n - 1}).train()\n`;
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/untrusted-training-data');
    expect(findings.map((f) => f.line)).toEqual([4 + n]);
  });

  // whether a saved file is handed to a loader later is asked of one list per function (review of the whole change: 39 s on 2,000)
  it('downloads each saved to its own file, then one loaded', async () => {
    const text = `import torch\nfrom urllib.request import urlretrieve\ndef f(u):\n${Array.from({ length: 2000 }, (_, i) => `    urlretrieve(u, d${i})\n`).join('')}    return torch.load(d1999)\n`;
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unverified-model-download');
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(2003);
  });

  // a URL built by doubling forty times: past lang-python's cap it is not known (the rule used to fail
  // with a RangeError and lose the file's findings, or take minutes)
  it('a URL built by doubling', async () => {
    const lines = ['import requests', 'a0 = "https://x.org/"'];
    for (let i = 1; i <= 40; i++) lines.push(`a${i} = a${i - 1} + "/" + a${i - 1}`);
    lines.push('r = requests.get(a40 + "/m.pth")', 'open("m.pth", "wb").write(r.content)');
    const findings = (await lintAll(lines.join('\n'))).filter((f) => f.ruleId === 'hf/unverified-model-download');
    expect(findings).toHaveLength(1);
  });

  // aria2c given `--checksum` is both a download and a check: each is verified by its own call and is no
  // check of another download; the other checks are paired with the downloads through an index (review
  // s33py P1-2: 3,000 lines took 47 s, 4,000 `curl -o` + `sha256sum -c` pairs over a minute)
  it('aria2c commands that check their own download', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `subprocess.run(['aria2c', '-d', 'models/checkpoints', '-o', 'm${i}.safetensors', '--checksum=sha-256=abc', URL${i}])\n`);
    const text = `import subprocess\n${lines.join('')}subprocess.run(['curl', '-o', 'models/x.safetensors', URLX])\n`;
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unverified-model-download');
    expect(findings.map((f) => f.line)).toEqual([3002]);
  });

  it('curl downloads each followed by a sha256sum check', async () => {
    const pairs = Array.from({ length: 4000 }, (_, i) => `subprocess.run(['curl', '-o', 'models/m${i}.safetensors', URL${i}])\nsubprocess.run(['sha256sum', '-c', 'm${i}.sha'])\n`);
    const text = `import subprocess\n${pairs.join('')}subprocess.run(['curl', '-o', 'models/x.safetensors', URLX])\n`;
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unverified-model-download');
    expect(findings.map((f) => f.line)).toEqual([8002]);
  });

  it('downloads each compared with its own digest, between aria2c commands', async () => {
    const block = (i: number) => `    subprocess.run(['aria2c', '-o', 'a${i}.safetensors', '--checksum=sha-256=abc', U${i}])\n    urlretrieve(u, 'm${i}.bin')\n    assert hashlib.sha256(open('m${i}.bin', 'rb').read()).hexdigest() == H${i}\n`;
    const text = `import hashlib, subprocess\nfrom urllib.request import urlretrieve\ndef f(u):\n${Array.from({ length: 2000 }, (_, i) => block(i)).join('')}    urlretrieve(u, 'x.bin')\n    torch.load('x.bin')\n`;
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unverified-model-download');
    expect(findings.map((f) => f.line)).toEqual([6004]);
  });

  it('datasets loaded and trained on', async () => {
    const text = `from datasets import load_dataset\nfrom transformers import Trainer\ndef f(m):\n${'    d = load_dataset("org/data")\n    Trainer(model=m, train_dataset=d).train()\n'.repeat(n / 2)}`;
    const findings = await lintAll(text);
    expect(findings.filter((f) => f.ruleId === 'hf/untrusted-training-data')).toHaveLength(n / 2);
  });

  // a loop over a literal of datasets, or a name bound to one: each item is an element however many (past
  // `possibleElements`' 256), and chained loops stay linear (review spaces P3-3)
  it('datasets trained on through a loop over a literal of 300 (or a name bound to one), or 3,000 chained loops', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `d${i}`);
    const loads = names.map((d, i) => `    ${d} = load_dataset("org/a${i}", split="train")\n`).join('');
    const text = `from datasets import load_dataset\nfrom trl import SFTTrainer\ndef f(m):\n${loads}    for ds in (${names.join(', ')}):\n        SFTTrainer(model=m, train_dataset=ds).train()\n`;
    expect((await lintAll(text)).filter((f) => f.ruleId === 'hf/untrusted-training-data')).toHaveLength(300);
    const bound = text.replace(`    for ds in (${names.join(', ')}):`, `    every = [${names.join(', ')}]\n    for ds in every:`);
    expect((await lintAll(bound)).filter((f) => f.ruleId === 'hf/untrusted-training-data')).toHaveLength(300);
    const loops = Array.from({ length: 3000 }, (_, i) => `    for ds${i + 1} in (ds${i}, ds${i}):\n        pass\n`).join('');
    const chained = `from datasets import load_dataset\nfrom trl import SFTTrainer\ndef f(m):\n    ds0 = load_dataset("org/a", split="train")\n${loops}    SFTTrainer(model=m, train_dataset=ds3000).train()\n`;
    expect((await lintAll(chained)).filter((f) => f.ruleId === 'hf/untrusted-training-data')).toHaveLength(1);
  });
});

// The file names a helper's parameter may take are followed through each call once per depth, not once per
// path: helpers that all call each other took calls^4 walks (review s34py P1-3: 10 helpers 9.2 s, 14 helpers 82.6 s).
describe('helpers that all call each other', () => {
  const helpers = (n: number) => {
    const defs = Array.from({ length: n }, (_, i) => `def h${i}(u, name):\n${Array.from({ length: n }, (_, j) => `    if u: h${j}(u, name)\n`).join('')}    urllib.request.urlretrieve(u, name)\n`).join('');
    const calls = Array.from({ length: n }, (_, i) => `h${i}("https://x/m.bin", "model.pth")\n`).join('');
    return `import urllib.request\n${defs}${calls}`;
  };

  it('follows each parameter a bounded number of times', async () => {
    const spy = vi.spyOn(PythonSourceCode.prototype, 'argumentFor');
    try {
      const findings = (await lintAll(helpers(12))).filter((f) => f.ruleId === 'hf/unverified-model-download');
      expect(findings).toHaveLength(24);
      // 24 parameters × 5 depths × 13 calls each, per walk: far below one walk per path (13·12·11·10 per walk)
      expect(spy.mock.calls.length).toBeLessThan(60_000);
    } finally {
      spy.mockRestore();
    }
  });
});

// Work counted, not timed (review s34py P1-1, P1-2): each use read every write, or every table, of the file again.
describe('many uses of one big class attribute or table', () => {
  // `CFG.model` with many values outside the class body: the write that overrides the class's own value cannot
  // be one alone, so the walk over the writes reaching the use (quadratic: 3.4 s -> 19.8 s) is not asked
  it('a class attribute written under many ifs, then used: the writes reaching a use are not asked', async () => {
    const n = 300;
    const uses = 20;
    const text = `from transformers import AutoModel\nclass CFG:\n    model = "org/x"\n${Array.from({ length: n }, (_, i) => `if flag${i}:\n    CFG.model = "org/y${i}"\n`).join('')}${'AutoModel.from_pretrained(CFG.model)\n'.repeat(uses)}`;
    const reaching = vi.spyOn(PythonSourceCode.prototype, 'attributeWritesReaching');
    try {
      const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision');
      expect(findings).toHaveLength(uses);
      expect(findings.every((f) => f.confidence === 'low')).toBe(true);
      expect(reaching).not.toHaveBeenCalled();
    } finally {
      reaching.mockRestore();
    }
  });

  it('a class attribute written once at module level is still read through the write', async () => {
    const text = `from transformers import AutoModel\nclass CFG:\n    model = "org/x"\nCFG.model = "/kaggle/input/x"\nAutoModel.from_pretrained(CFG.model)\n`;
    expect((await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision')).toHaveLength(0);
  });

  // `REMOTE[kind]["repo_id"]` at each of many uses: the tables are read once per file (0.75 s -> 10.4 s and
  // 652 MB before), and past 64 distinct ids the id is not known (low), as any other unknown
  it('a table of tables read at many uses: each table read once, thousands of ids not known', async () => {
    const n = 500;
    const uses = 40;
    const text = `from huggingface_hub import hf_hub_download\nREMOTE = {\n${Array.from({ length: n }, (_, i) => `    "k${i}": {"repo_id": "org/m${i}", "file_name": "f.pt"},\n`).join('')}}\n${'hf_hub_download(REMOTE[kind]["repo_id"], "x.bin")\n'.repeat(uses)}`;
    const mappingValue = vi.spyOn(PythonSourceCode.prototype, 'mappingValue');
    try {
      const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision');
      expect(findings).toHaveLength(uses);
      expect(findings.every((f) => f.confidence === 'low')).toBe(true);
      expect(mappingValue.mock.calls.length).toBeLessThan(3 * n); // it was n at each use
    } finally {
      mappingValue.mockRestore();
    }
  });

  // A revision or id read from a table by a key not known here, at each of many loads (review w37hf P1-1: every
  // load read each inner table, and classified every value, again: 1.5 s -> 4-7 s). Silent: every value is a commit.
  it('a table of tables of commits read in many loops: each table and value read once', async () => {
    const n = 400;
    const uses = 200;
    const sha = 'a'.repeat(40);
    const text = `from transformers import AutoModel\nMODELS = {\n${Array.from({ length: n }, (_, i) => `    "m${i}": {"path": "org/m${i}", "revision": "${sha}"},\n`).join('')}}\n${'for name, spec in MODELS.items():\n    AutoModel.from_pretrained(spec["path"], revision=spec["revision"])\n'.repeat(uses)}`;
    const constant = vi.spyOn(PythonSourceCode.prototype, 'constant');
    const table = vi.spyOn(PythonSourceCode.prototype, 'tableOfTablesValues');
    try {
      expect((await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision')).toHaveLength(0);
      expect(table).toHaveBeenCalled();
      expect(constant.mock.calls.length).toBeLessThan(20 * n + 50 * uses); // it was about 2n at each load
    } finally {
      constant.mockRestore();
      table.mockRestore();
    }
  });

  it('a flat table of commits read by an unknown key at many loads: each value classified once', async () => {
    const n = 400;
    const uses = 200;
    const text = `import sys\nfrom transformers import AutoModel\nREVISIONS = {\n${Array.from({ length: n }, (_, i) => `    "m${i}": "${i.toString(16).padStart(40, 'a')}",\n`).join('')}}\n${Array.from({ length: uses }, (_, i) => `AutoModel.from_pretrained("org/m", revision=REVISIONS[sys.argv[${i}]])\n`).join('')}`;
    const constant = vi.spyOn(PythonSourceCode.prototype, 'constant');
    try {
      expect((await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision')).toHaveLength(0);
      expect(constant.mock.calls.length).toBeLessThan(20 * n + 50 * uses);
    } finally {
      constant.mockRestore();
    }
  });

  it('a table of tables with one branch among commits is still reported at each load', async () => {
    const sha = 'a'.repeat(40);
    const text = `from transformers import AutoModel\nMODELS = {\n${Array.from({ length: 100 }, (_, i) => `    "m${i}": {"path": "org/m${i}", "revision": "${i === 70 ? 'main' : sha}"},\n`).join('')}}\n${'for name, spec in MODELS.items():\n    AutoModel.from_pretrained(spec["path"], revision=spec["revision"])\n'.repeat(3)}`;
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision');
    expect(findings).toHaveLength(3);
  });

  it('a table of a few tables still names its ids as choices', async () => {
    const text = `from huggingface_hub import hf_hub_download\nREMOTE = {\n    "a": {"repo_id": "org/a", "file_name": "f.pt"},\n    "b": {"repo_id": "org/b", "file_name": "f.pt"},\n}\nhf_hub_download(REMOTE[kind]["repo_id"], "x.bin")\nhf_hub_download(REMOTE[kind]["repo_id"], "x.bin")\n`;
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision');
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.confidence === 'high')).toBe(true);
  });
});

// A left-nested `+` chain is as deep as it is long: asking each operand for its parent (web-tree-sitter walks down
// from the root for it) was quadratic, 18 s for 10,000 pieces (review nlpclassic P3). The parts are marked as the
// traversal enters their chain, and the chain is judged once.
describe('a long + chain of string pieces', () => {
  it('asks for a bounded number of parents, and reports the chain once', async () => {
    const n = 4_000;
    await parentsAsked(`import urllib.request\nU = 'http://host/models/' + ${Array.from({ length: n }, () => "'a'").join(' + ')} + 'model.bin'\nurllib.request.urlretrieve(U, 'model.bin')\n`, n);
  }, 60_000);

  // pieces that each look like a URL were each still judged alone, asking their parent and whether they were a
  // docstring (8,000 pieces: 5.5 s of CPU, review gnn P3-1)
  it('pieces that each hold "http://": no parent asked per piece', async () => {
    const n = 4_000;
    await parentsAsked(`import urllib.request\nU = ${Array.from({ length: n }, () => "'http://a'").join(' + ')} + '/model.bin'\nurllib.request.urlretrieve(U, 'model.bin')\n`, n);
  }, 60_000);

  it('a URL literal that is one operand of a + is still judged alone', async () => {
    const findings = (await lintAll(`import os\nU = "http://host/models/model.pth" + os.environ["TOKEN"]\n`)).filter((f) => f.ruleId === 'hf/insecure-model-url');
    expect(findings.map((f) => f.line)).toEqual([2]);
  });
});

/** Lints `text`, expecting one `hf/insecure-model-url` finding, with fewer than n/10 parents asked of string and `+` nodes. */
async function parentsAsked(text: string, n: number): Promise<void> {
  {
    await initParser();
    const proto = Object.getPrototypeOf(parsePython('x = 1').ast) as object;
    const owner = (function find(o: object | null): object | undefined {
      return !o ? undefined : Object.getOwnPropertyDescriptor(o, 'parent') ? o : find(Object.getPrototypeOf(o));
    })(proto);
    // the parents asked of the chain's pieces (a call of the getter on a string or `+` node)
    const original = owner ? Object.getOwnPropertyDescriptor(owner, 'parent') : undefined;
    let asked = 0;
    if (owner && original?.get) {
      const get = original.get;
      Object.defineProperty(owner, 'parent', {
        ...original,
        get(this: { type: string }) {
          if (this.type === 'string' || this.type === 'binary_operator') asked++;
          return get.call(this);
        },
      });
    }
    try {
      const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/insecure-model-url');
      expect(findings).toHaveLength(1);
      expect(original?.get).toBeDefined();
      // (it was one per piece and per operator, each a walk as deep as the chain)
      expect(asked).toBeLessThan(n / 10);
    } finally {
      if (owner && original) Object.defineProperty(owner, 'parent', original);
    }
  }
}

// lm-eval's `model_args` string was checked by one regex whose `[^=,]*` and trailing `\s*$` both take spaces: a string
// that fails after thousands of spaces backtracked quadratically (48 ms each, three times per call: review w37hf P2-1).
describe('lm-eval argument strings of many spaces', () => {
  it('are read piece by piece, once per call', async () => {
    const bad = `a=${' '.repeat(4000)}=`;
    const text = `import lm_eval\n${Array.from({ length: 100 }, () => `lm_eval.simple_evaluate(model="hf", model_args="${bad}")\n`).join('')}lm_eval.simple_evaluate(model="hf", model_args="pretrained=org/m,${' '.repeat(4000)}")\n`;
    // the pieces' pattern (one quantifier before its end: linear) runs on each piece of each call once, not on the
    // whole string nor once per rule that asks
    const exec = RegExp.prototype.exec;
    const runs: string[] = [];
    const spy = vi.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, s: string) {
      if (s.includes('    ') && /=/.test(this.source) && this.source.startsWith('^')) runs.push(this.source);
      return exec.call(this, s);
    });
    let findings: Finding[];
    try {
      findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision');
    } finally {
      spy.mockRestore();
    }
    expect(new Set(runs)).toEqual(new Set(['^[A-Za-z_]\\w*=[^=]*$']));
    expect(runs.length).toBeLessThanOrEqual(102); // a piece of spaces per call; the last call's second piece
    expect(findings).toHaveLength(1);
    expect(findings[0].line).toBe(102);
  });
});

// (review webupload P1) `model_id = model_id if v is None else model_id + "-" + v` read its own value as what the
// name held (the value starts before the use), and a `+` chain's first piece, re-read past the depth bound at a lower
// depth, went round that cycle until the stack overflowed: the rule failed and lost every finding of the file.
describe('a name rebound from a conditional over itself', () => {
  it('reads the earlier binding, and the rule keeps its other findings', async () => {
    const text = [
      'from transformers import AutoModel, AutoTokenizer',
      'import requests',
      'def load(name, variant=None):',
      '    model_id = name',
      '    model_id = model_id if variant is None else model_id + "-" + variant',
      '    return AutoModel.from_pretrained(model_id)',
      'def fetch(url, name=None):',
      '    url = url if name is None else url + "/" + name',
      '    return requests.get(url)',
      'tok = AutoTokenizer.from_pretrained("org/other-model")',
      'def grab():',
      '    r = requests.get("http://example.com/weights.bin")',
      '    open("weights.bin", "wb").write(r.content)',
    ].join('\n');
    const findings = await lintAll(text);
    const of = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => `${f.line}:${f.confidence}`);
    expect(of('hf/unpinned-revision')).toEqual(['6:low', '10:high']);
    expect(of('hf/insecure-model-url')).toEqual(['12:high']);
    expect(of('hf/unverified-model-download')).toEqual(['12:high']);
  });

  it('ends a cycle through a + chain re-read past the depth bound, 400 times over', async () => {
    const body = Array.from({ length: 400 }, (_, i) => `    model_id = model_id if v${i} is None else model_id + "-" + v${i}`);
    const text = ['from transformers import AutoModel', 'def load(name, **v):', '    model_id = name', ...body, '    return AutoModel.from_pretrained(model_id)', 'm = AutoModel.from_pretrained("org/other-model")'].join('\n');
    const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/unpinned-revision');
    expect(findings.map((f) => `${f.line}:${f.confidence}`)).toEqual(['404:low', '405:high']);
  });
});

// (whole-change review w38hf P1-2) a name rebuilt by `+` a thousand times and loaded a thousand times: each load's
// URL was read again through the whole chain by each rule (172 s); what a value holds is read once per file
describe('a URL rebuilt by + many times, loaded many times', () => {
  it('reads each binding once for the file, not once per load', async () => {
    const n = 200;
    const text = ['import torch', "p = 'http://x.org/m'", ...Array.from({ length: n }, () => "p = p + 'a'"), ...Array.from({ length: n }, () => 'm = torch.hub.load_state_dict_from_url(p)')].join('\n');
    const original = PythonSourceCode.prototype.bindingsOf;
    let reads = 0;
    PythonSourceCode.prototype.bindingsOf = function (this: PythonSourceCode, ...args: Parameters<typeof original>) {
      reads++;
      return original.apply(this, args);
    };
    let findings: Finding[];
    try {
      findings = await lintAll(text);
    } finally {
      PythonSourceCode.prototype.bindingsOf = original;
    }
    expect(findings.filter((f) => f.ruleId === 'hf/insecure-model-url')).toHaveLength(n);
    expect(findings.filter((f) => f.ruleId === 'hf/download-without-hash')).toHaveLength(n);
    // a few reads per binding and per load (n × n = 40,000 and more with a walk per load)
    expect(reads).toBeLessThan(40 * n);
  });
});

// Work counted, not timed (review w38hf P1-1): Keras's `model.save("hf://…")` resolved the argument of every
// `.save(x)` of a file that mentions `hf://` anywhere, walking a name's whole `+` chain at each (1000 rebinds ×
// 1000 saves: 159 s); only an argument whose text, or a binding of its name, mentions `hf://` is resolved now.
describe('many saves of a name rebound many times', () => {
  const chain = (n: number, saves: string, start = 'hf://me/x') => `import keras\nu = "hf://me/other"\nm = keras.Sequential()\np = '${start}'\n${"p = p + 'a'\n".repeat(n)}${saves.repeat(n)}`;
  const count = async (text: string, method: 'bindings' | 'reachingBindings'): Promise<{ findings: Finding[]; calls: number }> => {
    const spy = vi.spyOn(PythonSourceCode.prototype, method);
    try {
      const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/public-hub-upload');
      return { findings, calls: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  };

  it('the value of a name is resolved once for all the saves that read it', async () => {
    const n = 400;
    const { findings, calls } = await count(chain(n, 'm.save(p)\n'), 'reachingBindings');
    expect(findings).toHaveLength(n);
    expect(calls).toBeLessThan(30 * n);
  });

  it('a save whose argument cannot hold hf:// is not resolved', async () => {
    const n = 400;
    const { findings, calls } = await count(chain(n, 'm.save(p)\n', 'out/x'), 'bindings');
    expect(findings).toHaveLength(0);
    expect(calls).toBeLessThan(n / 4); // it was 6 at each save
  });

  it('a copy of a name bound to an hf:// path is still read', async () => {
    const { findings } = await count(chain(3, 'm.save(q)\n').replace("p = 'hf://me/x'\n", "p = 'hf://me/x'\nq = p\n"), 'bindings');
    expect(findings).toHaveLength(3);
  });
});

// Work counted, not timed (review w38hf P2-3): a name rebound by `get_file(...)` in thousands of branches was read
// again, each `get_file` call resolved, for each reader of the name (3000 branches, 300 readers: 5.5 s).
describe('many readers of a name rebound by get_file in many branches', () => {
  it('each get_file call is read once', async () => {
    const n = 1000;
    const readers = 100;
    const branches = Array.from({ length: n }, (_, i) => `    if xs[${i}]:\n        p = keras.utils.get_file('a${i}.csv', 'https://x/a${i}.csv')\n`).join('');
    const reads = Array.from({ length: readers }, (_, i) => `    df${i} = pd.read_csv(p)\n    model.fit(df${i})\n`).join('');
    const text = `import pandas as pd\nfrom tensorflow import keras\ndef f(xs, model):\n    p = keras.utils.get_file('a.csv', 'https://x/a.csv')\n${branches}${reads}`;
    const spy = vi.spyOn(PythonSourceCode.prototype, 'argument');
    try {
      const findings = (await lintAll(text)).filter((f) => f.ruleId === 'hf/untrusted-training-data');
      expect(findings).toHaveLength(readers);
      expect(spy.mock.calls.length).toBeLessThan(40 * n); // it was about 5n at each reader
    } finally {
      spy.mockRestore();
    }
  });
});
