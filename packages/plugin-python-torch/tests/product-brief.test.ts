import { describe, expect, it } from 'vitest';
import { lintAll } from './helpers.js';

/** All rules of the plugin on one snippet, as `oculum scan` runs them. */
async function scan(text: string) {
  return (await lintAll(text, { file: 'brief.py', depth: 'deep' })).map((f) => `${f.line}:${f.ruleId}`);
}

// Verbatim from product-brief-model-supply-chain.txt.
const VULNERABLE_PICKLE = `# VULNERABLE: Pickle can execute arbitrary code
import pickle

with open("model.pkl", "rb") as f:
    model = pickle.load(f)  # Could run malicious code!
`;
const VULNERABLE_TORCH = `# VULNERABLE: PyTorch default allows pickle
import torch

model = torch.load("model.pt")  # Unsafe by default
`;
const REMEDIATION = `# SAFE: Use weights_only mode
import torch

# PyTorch 2.0+
model = torch.load("model.pt", weights_only=True)

# Or use safetensors (recommended)
from safetensors.torch import load_model

load_model(model, "model.safetensors")
`;

describe('product brief examples', () => {
  it('reports the vulnerable pickle.load example', async () => {
    expect(await scan(VULNERABLE_PICKLE)).toEqual(['5:torch/pickle-load']);
  });
  it('reports the vulnerable torch.load example', async () => {
    expect(await scan(VULNERABLE_TORCH)).toEqual(['4:torch/load-without-weights-only']);
  });
  it('leaves the remediation code alone', async () => {
    expect(await scan(REMEDIATION)).toEqual([]);
  });
});
