import { readFileSync } from 'node:fs';
import { UNKNOWN } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { parse } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** line → "qualified name | key argument constants" for every call with a resolvable callee. */
async function summary(text: string, keys: string[]): Promise<Map<number, string[]>> {
  const sc = await parse(text);
  const out = new Map<number, string[]>();
  sc.traverse((node, phase) => {
    if (phase !== 'enter') return;
    const callee = sc.callee(node)!;
    const q = sc.qualifiedName(callee) ?? sc.instanceQualifiedName(callee);
    if (!q) return;
    const parts = [q];
    for (const k of keys) {
      const arg = sc.argument(node, { name: k });
      if (arg) {
        const v = sc.constant(arg);
        parts.push(`${k}=${v === UNKNOWN ? '?' : JSON.stringify(v)}`);
      }
    }
    if (sc.hasUnresolvedArguments(node)) parts.push('*unresolved*');
    const line = sc.positionAt(node.startIndex).line;
    out.set(line, [...(out.get(line) ?? []), parts.join(' ')]);
  }, ['call']);
  return out;
}

describe('realistic files', () => {
  it('model loading spellings (conformance cases of unsafe_model_load)', async () => {
    const s = await summary(fixture('model-loading.py'), ['weights_only', 'allow_pickle', 'Loader', 'safe_mode', 'pickle_module']);
    const at = (line: number) => s.get(line) ?? [];
    expect(at(31)).toEqual(['torch.load']);
    expect(at(33)).toEqual(['torch.load']);
    expect(at(35)).toEqual(['torch.load']);
    expect(at(37)).toEqual(['torch.serialization.load']);
    expect(at(39)).toEqual(['torch.load weights_only=false']);
    expect(at(41)).toEqual(['torch.load weights_only=true']);
    expect(at(43)).toEqual(['torch.load weights_only=true']); // SAFE = True
    expect(at(45)).toEqual(['torch.load weights_only=true pickle_module=?']);
    expect(at(47)).toEqual(['torch.load', 'builtins.getattr']);
    expect(at(49)).toEqual(['torch.load', 'importlib.import_module']);
    expect(at(56)).toEqual(['torch.load weights_only=false']); // **opts
    expect(at(58)).toEqual(['functools.partial weights_only=false']);
    expect(at(61)).toEqual(['torch.load']); // alias
    expect(at(76)).toEqual(['torch.load weights_only=true']); // parameter default
    expect(at(90)).toEqual(['pickle.Unpickler.load', 'pickle.Unpickler', 'io.BytesIO']); // the .load() through the instance
    expect(at(106)).toEqual(['numpy.load allow_pickle=true']);
    expect(at(120)).toEqual(['yaml.load Loader=?']);
    expect(at(135)).toEqual(['keras.models.load_model safe_mode=false']); // import inside the function
    expect(at(145)).toEqual(['builtins.eval']);
    expect(at(158)).toEqual(['safetensors.torch.load_file']);
    expect(at(166)).toEqual([]); // self.load("model"): a method
    expect(at(173)).toEqual([]); // a string, not a call
    expect(at(183)).toEqual(['torch.load weights_only=false *unresolved*']); // _original_load(*args, **kwargs) after kwargs["weights_only"] = False
  });

  it('model sources (conformance cases of unverified_model_source)', async () => {
    const s = await summary(fixture('model-sources.py'), ['revision', 'trust_remote_code', 'use_safetensors', 'repo_id', 'model']);
    const at = (line: number) => s.get(line) ?? [];
    expect(at(20)).toEqual(['transformers.AutoModel.from_pretrained']);
    expect(at(26)).toEqual(['transformers.AutoModel.from_pretrained revision="0123456789abcdef0123456789abcdef01234567"']);
    expect(at(28)).toEqual(['transformers.AutoModel.from_pretrained revision=?']);
    expect(at(32)).toEqual(['transformers.AutoModel.from_pretrained', 'os.path.join']);
    expect(at(36)).toEqual(['transformers.AutoModelForCausalLM.from_pretrained revision="0123456789abcdef0123456789abcdef01234567" trust_remote_code=true']);
    expect(at(44)).toEqual(['transformers.pipeline model="organization/model-name"']);
    expect(at(50)).toEqual(['huggingface_hub.hf_hub_download repo_id="organization/model-name"']);
    expect(at(89)).toEqual(['transformers.AutoModel.from_pretrained revision="0123456789abcdef0123456789abcdef01234567" trust_remote_code=true']);
  });
});
