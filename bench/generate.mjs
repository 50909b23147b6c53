// Generates a deterministic Python tree for `pnpm bench` when no path is given: realistic ML
// service code (imports, classes, loaders, training loops) mixed with plain utility modules.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ML = (i) => `"""Module ${i}: model utilities."""
import os
import json
import torch
import numpy as np
from transformers import AutoModel, AutoTokenizer

COMMIT_${i} = "0123456789abcdef0123456789abcdef0123456${String(i % 10)}"


class Loader${i}:
    """Loads checkpoints for component ${i}."""

    def __init__(self, root, device="cpu"):
        self.root = root
        self.device = device
        self.cache = {}

    def path_for(self, name):
        return os.path.join(self.root, f"{name}-${i}.pt")

    def load(self, name):
        if name in self.cache:
            return self.cache[name]
        state = torch.load(self.path_for(name), map_location=self.device, weights_only=True)
        self.cache[name] = state
        return state

    def load_legacy(self, name):
        return torch.load(self.path_for(name))

    def tokenizer(self):
        return AutoTokenizer.from_pretrained("organization/model-${i}", revision=COMMIT_${i})

    def model(self):
        return AutoModel.from_pretrained("organization/model-${i}")


def normalize(batch, eps=1e-6):
    mean = batch.mean(axis=0)
    std = batch.std(axis=0) + eps
    return (batch - mean) / std


def train_step(model, optimizer, batch, labels):
    optimizer.zero_grad()
    logits = model(batch)
    loss = torch.nn.functional.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return float(loss.item())


def evaluate(model, loader):
    total, correct = 0, 0
    with torch.no_grad():
        for batch, labels in loader:
            pred = model(batch).argmax(dim=-1)
            correct += int((pred == labels).sum())
            total += labels.numel()
    return correct / max(total, 1)


def save_metrics(path, metrics):
    with open(path, "w") as fh:
        json.dump(metrics, fh, indent=2)


def load_array(path):
    return np.load(path)
`;

const PLAIN = (i) => `"""Plain helpers ${i}."""
from collections import defaultdict
import itertools
import re

WORD = re.compile(r"[A-Za-z]+")


def tokenize(text):
    return [w.lower() for w in WORD.findall(text)]


def counts(texts):
    table = defaultdict(int)
    for text in texts:
        for word in tokenize(text):
            table[word] += 1
    return dict(table)


def pairs(items):
    return list(itertools.combinations(items, 2))


class Registry${i}:
    def __init__(self):
        self.items = {}

    def register(self, name, value):
        if name in self.items:
            raise KeyError(name)
        self.items[name] = value

    def load(self, name):
        return self.items[name]

    def __len__(self):
        return len(self.items)


def chunks(seq, size):
    for start in range(0, len(seq), size):
        yield seq[start:start + size]


def flatten(rows):
    return [x for row in rows for x in row]
`;

export function generate(dir, files = 2000) {
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, `pkg${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `mod${i}.py`), i % 3 === 0 ? ML(i) : PLAIN(i));
  }
  return dir;
}
