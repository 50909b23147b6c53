import { describe, expect, it } from 'vitest';
import { lintAll } from './helpers.js';

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

  it('datasets loaded and trained on', async () => {
    const text = `from datasets import load_dataset\nfrom transformers import Trainer\ndef f(m):\n${'    d = load_dataset("org/data")\n    Trainer(model=m, train_dataset=d).train()\n'.repeat(n / 2)}`;
    const findings = await lintAll(text);
    expect(findings.filter((f) => f.ruleId === 'hf/untrusted-training-data')).toHaveLength(n / 2);
  });
});
