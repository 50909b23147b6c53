import { describe, expect, it } from 'vitest';
import { ruleTriggersMatch } from '@oculum/core';
import rule, { PUBLIC_TRIGGERS } from '../../src/rules/public-checkpoint-location.js';
import { publicLocation } from '../../src/util/classify.js';
import { fixture, ruleTester } from '../helpers.js';

describe('the public-place trigger group', () => {
  it('matches every path publicLocation reports, and the chmod and ACL spellings', () => {
    const group = { triggers: [], triggerGroups: [PUBLIC_TRIGGERS] };
    for (const path of ['/tmp/m.pt', '/tmp', '/var/tmp/m.pt', '/dev/shm/m.pt', '/var/www/m', '/srv/www/m', '/srv/http/m', '/srv/ftp/m', '/var/ftp/m', 's3://public-models/m', 'gs://team-Public/m', 'out/public/m', 'out/Public_share/m']) {
      expect(publicLocation(path), path).toBeDefined();
      expect(ruleTriggersMatch(group, `torch.save(m, "${path}")`), path).toBe(true);
    }
    for (const code of ['os.path.join(tempfile.gettempdir(), "m.pt")', 'os.chmod(p, 0o777)', 'put_object(ACL=acl)', 'blob.upload_from_filename(p, predefined_acl=a)', 'ExtraArgs={"GrantRead": g}', 'blob.make_public()']) {
      expect(ruleTriggersMatch(group, code), code).toBe(true);
    }
    // a Windows-style spelling publicLocation also reads, and a directory joined as its own part
    expect(publicLocation('\\tmp\\m.pt')).toBeDefined();
    expect(ruleTriggersMatch(group, 'torch.save(m, "\\\\tmp\\\\m.pt")')).toBe(true);
    expect(ruleTriggersMatch(group, 'torch.save(m, os.path.join("/", "tmp", "m.pt"))')).toBe(true);
    for (const code of ['torch.save(m, "checkpoints/m.pt")', 'tmp = torch.zeros(3)\ntorch.save(tmp, path)', 'from dataclasses import dataclass']) {
      expect(ruleTriggersMatch(group, code), code).toBe(false);
    }
  });
});

ruleTester.run('hf/public-checkpoint-location', rule, {
  valid: [
    // a file a client uploaded, staged before it is read: decided by what the receiver is, not by "model" in its key (review webupload P2-1)
    'import os\nfrom flask import request\nfrom werkzeug.datastructures import FileStorage\ndef upload():\n    model_file = request.files["model"]\n    model_file.save(os.path.join("/tmp", model_file.filename))\n    request.files["model"].save("/tmp/upload.keras")\n    request.files.get("model").save("/tmp/upload2.keras")\n    for f in request.files.getlist("models"):\n        f.save(os.path.join("/tmp", f.filename))\ndef stage(model_upload: FileStorage):\n    model_upload.save("/tmp/staged.pt")',
    'from django.core.files.storage import FileSystemStorage\ndef view(request):\n    FileSystemStorage().save("/tmp/model.pt", request.FILES["model"])',
    // the same upload in a function named for reports, in a file that writes no model
    'import os\nimport boto3\ns3 = boto3.client("s3")\ndef publish_reports(local_dir, bucket, prefix):\n    for name in os.listdir(local_dir):\n        s3.upload_file(os.path.join(local_dir, name), bucket, f"{prefix}/{name}", ExtraArgs={"ACL": "public-read"})',
    // a walk of a directory that names no model or output, in a file that saves none (review finetune P3-3)
    'import os\nDATA = "./data/images"\nfor root, dirs, files in os.walk(DATA):\n    for name in files:\n        os.chmod(os.path.join(root, name), 0o666)',
    // an f-string whose literal end names no model (a log), also when the code it interpolates names one (review s34py P2-1)
    'import os\ndef log(epoch):\n    path = f"/srv/share/train{epoch}.log"\n    os.chmod(path, 0o777)',
    'import os\nmodel_name = os.environ["MODEL"]\nlog = f"/srv/share/{model_name}_train.log"\nos.chmod(f"/srv/share/{model_name}_train.log", 0o666)\nos.chmod(log, 0o666)',
    // …not in a file that writes no models, nor when a known name says what it is
    'import os\nimport boto3\ndef upload(path):\n    boto3.client("s3").upload_file(path, "site-assets", os.path.basename(path), ExtraArgs={"ACL": "public-read"})',
    'import boto3\nimport torch\ntorch.save(m, "ckpt.pt")\ndef upload(path):\n    boto3.client("s3").upload_file(path, "site-assets", "site/index.html", ExtraArgs={"ACL": "public-read"})',
    'import os, tempfile\ndef f(model):\n    with tempfile.TemporaryDirectory() as work:\n        model.save_pretrained(os.path.join(work, "scratch"))',
    'from transformers import TrainingArguments\na = TrainingArguments(output_dir="./private_output", save_strategy="epoch")',
    'def f(img):\n    img.save("/tmp/x.png")',
    // `save_to` is a generic name: NeMo's only where NeMo is imported or the path is a `.nemo` file (review speech P3-2)
    'def f(cfg):\n    cfg.save_to("/tmp/settings.json")',
    'from nemo.collections.asr.models import ASRModel\ndef f(m):\n    m.save_to("./checkpoints/asr.nemo")',
    // a join read as the save sites read it: a log file (review speech P2-3)
    'import os\ndef f():\n    log_path = os.path.join("logs", "train.log")\n    os.chmod(log_path, 0o777)',
    'import os\nLOG_DIR = "/data/logs"\ndef f(step):\n    log_path = os.path.join(LOG_DIR, f"run_{step}.txt")\n    os.chmod(log_path, 0o777)',
  ],
  invalid: [
    // a call, parenthesized or walrus receiver is read by the callee's or the walrus's name (review w38hf P2-2)
    {
      code: 'import keras\ndef build_model():\n    return keras.Sequential([keras.layers.Dense(1)])\nbuild_model().save("/tmp/export/ckpt")\n(model := build_model()).save("/tmp/export/ckpt2")\nkeras.models.load_model("base.keras").save("/tmp/export/ckpt3")\n(model).save("/tmp/export/ckpt4")\n(m := build_model()).save("/tmp/export/ckpt5")',
      errors: [
        { messageId: 'publicPath', line: 4, confidence: 'high', data: { api: 'build_model().save', path: '/tmp/export/ckpt', where: 'a shared temporary directory', extra: '' } },
        { messageId: 'publicPath', line: 5, confidence: 'high', data: { api: '(model := build_model()).save', path: '/tmp/export/ckpt2', where: 'a shared temporary directory', extra: '' } },
        { messageId: 'publicPath', line: 6, confidence: 'high', data: { api: 'model.save', path: '/tmp/export/ckpt3', where: 'a shared temporary directory', extra: '' } },
        { messageId: 'publicPath', line: 7, confidence: 'high', data: { api: '(model).save', path: '/tmp/export/ckpt4', where: 'a shared temporary directory', extra: '' } },
        { messageId: 'publicPath', line: 8, confidence: 'high', data: { api: '(m := build_model()).save', path: '/tmp/export/ckpt5', where: 'a shared temporary directory', extra: '' } },
      ],
    },
    // a receiver that is no upload is still read by its own name, or by its path
    {
      code: 'def f(model, files, models, request):\n    model.save("/tmp/finetuned")\n    files["model"].save("/tmp/x.pt")\n    models["bert"].save("/tmp/bert")\n    request.cache["m"].save("/tmp/y.pt")',
      errors: [
        { messageId: 'publicPath', line: 2, confidence: 'high', data: { api: 'model.save', path: '/tmp/finetuned', where: 'a shared temporary directory', extra: '' } },
        { messageId: 'publicPath', line: 3, confidence: 'medium', data: { api: '.save', path: '/tmp/x.pt', where: 'a shared temporary directory', extra: '' } },
        { messageId: 'publicPath', line: 4, confidence: 'high', data: { api: 'models["bert"].save', path: '/tmp/bert', where: 'a shared temporary directory', extra: '' } },
        { messageId: 'publicPath', line: 5, confidence: 'medium', data: { api: '.save', path: '/tmp/y.pt', where: 'a shared temporary directory', extra: '' } },
      ],
    },
    // nothing names what is uploaded and the file writes no model, but the function is named for checkpoints (review mlops P3-1): low
    {
      code: 'import os\nimport boto3\ns3 = boto3.client("s3")\ndef publish_checkpoint(local_dir, bucket, prefix):\n    for name in os.listdir(local_dir):\n        s3.upload_file(os.path.join(local_dir, name), bucket, f"{prefix}/{name}", ExtraArgs={"ACL": "public-read"})',
      errors: [{ messageId: 'publicAcl', data: { api: 'upload_file', acl: 'public-read' }, line: 6, confidence: 'low' }],
    },
    // each `root` of `os.walk(OUTPUT_DIR)` lies under OUTPUT_DIR (review finetune P3-3): its known start names the
    // adapter (high), or its name says an output directory of a file that saves models (medium)
    {
      code: 'import os\nOUTPUT_DIR = "./outputs/llama-lora"\ndef share(trainer):\n    trainer.save_model(OUTPUT_DIR)\n    for root, dirs, files in os.walk(OUTPUT_DIR):\n        for name in files:\n            os.chmod(os.path.join(root, name), 0o666)',
      errors: [{ messageId: 'worldWritable', confidence: 'high', line: 7, data: { api: 'os.chmod', path: 'os.path.join(root, name)', mode: '0o666' } }],
    },
    {
      code: 'import os\nOUTPUT_DIR = "./outputs/run1"\ndef share(trainer):\n    trainer.save_model(OUTPUT_DIR)\n    for root, dirs, files in os.walk(OUTPUT_DIR):\n        os.chmod(root, 0o777)',
      errors: [{ messageId: 'worldWritableOutput', confidence: 'medium', line: 6, data: { api: 'os.chmod', path: 'root', mode: '0o777' } }],
    },
    // a public upload of a file nothing names, in a file that writes models: maybe one of them (low)
    {
      code: 'import os\nimport boto3\nimport torch\ndef save(model, step):\n    torch.save(model.state_dict(), f"ckpt_{step}.pt")\ndef upload(path):\n    boto3.client("s3").upload_file(path, "tts-artifacts", os.path.basename(path), ExtraArgs={"ACL": "public-read"})',
      errors: [{ messageId: 'publicAcl', data: { api: 'upload_file', acl: 'public-read' }, line: 7, confidence: 'low' }],
    },
    {
      // a key assignment sets the ACL (repro: boto3 ExtraArgs filled before the upload)
      code: 'import boto3\ns3 = boto3.client("s3")\nextra = {}\nextra["ACL"] = "public-read"\ns3.upload_file("checkpoints/model.pt", "bucket", "model.pt", ExtraArgs=extra)',
      errors: [{ messageId: 'publicAcl', data: { api: 'upload_file', acl: 'public-read' }, line: 5, confidence: 'high' }],
    },
    {
      // set in a branch: it may not be
      code: 'import boto3\ndef up(public):\n    s3 = boto3.client("s3")\n    extra = {}\n    if public:\n        extra["ACL"] = "public-read"\n    s3.upload_file("checkpoints/model.pt", "bucket", "model.pt", ExtraArgs=extra)',
      errors: [{ messageId: 'publicAcl', line: 7, confidence: 'medium' }],
    },
    {
      // a removal in a branch, a call given the mapping, a key not known: the ACL may be gone (lower); another key removed: it stays
      code: 'import boto3\ndef up(strip, key):\n    s3 = boto3.client("s3")\n    a = {}\n    a["ACL"] = "public-read"\n    if strip:\n        a.pop("ACL")\n    s3.upload_file("checkpoints/model.pt", "bucket", "model.pt", ExtraArgs=a)\n    b = {}\n    b["ACL"] = "public-read"\n    sanitize(b)\n    s3.upload_file("checkpoints/model.pt", "bucket", "model.pt", ExtraArgs=b)\n    c = {}\n    c["ACL"] = "public-read"\n    c.pop(key)\n    s3.upload_file("checkpoints/model.pt", "bucket", "model.pt", ExtraArgs=c)\n    d = {}\n    d["ACL"] = "public-read"\n    d.pop("Metadata", None)\n    d.get("ACL")\n    s3.upload_file("checkpoints/model.pt", "bucket", "model.pt", ExtraArgs=d)',
      errors: [
        { messageId: 'publicAcl', line: 8, confidence: 'medium' },
        { messageId: 'publicAcl', line: 12, confidence: 'medium' },
        { messageId: 'publicAcl', line: 16, confidence: 'medium' },
        // another key removed: the ACL stays
        { messageId: 'publicAcl', line: 21, confidence: 'high' },
      ],
    },
    // optimum-habana's TRL configs, like trl's own
    { code: 'from optimum.habana.trl import GaudiSFTConfig\nargs = GaudiSFTConfig(output_dir="/tmp")', errors: [{ messageId: 'publicPath', line: 2 }] },
    {
      code: 'def f(model):\n    model.save_pretrained("/tmp/finetuned")',
      errors: [{ messageId: 'publicPath', data: { api: 'save_pretrained', path: '/tmp/finetuned', where: 'a shared temporary directory', extra: '' }, line: 2, column: 5 }],
    },
    // RLlib's `algo.save(dir)` writes a checkpoint as `algo.save_checkpoint(dir)` does (review rl P3-2)
    {
      code: 'from ray.rllib.algorithms.ppo import PPOConfig\nalgo = PPOConfig().environment("CartPole-v1").build()\nalgo.save("/tmp/ppo_cartpole")',
      errors: [{ messageId: 'publicPath', confidence: 'high', line: 3, data: { api: 'algo.save', path: '/tmp/ppo_cartpole', where: 'a shared temporary directory', extra: '' } }],
    },
    {
      // the product brief's vulnerable fine-tuning example
      code: 'def run(model, training_data):\n    model.finetune(training_data)\n    model.save("./public_model")  # Saved without review',
      errors: [{ messageId: 'publicPath', data: { api: 'model.save', path: './public_model', where: 'a directory named public', extra: ', right after training with no evaluation or review step' } }],
    },
    {
      code: 'import os\ndef f(checkpoint_dir):\n    os.chmod(checkpoint_dir, 0o777)',
      errors: [{ messageId: 'worldWritable', confidence: 'high' }],
    },
    // an f-string whose literal end names the checkpoint (`yolo_epoch{epoch}.pt`; review vision P3-1)
    {
      code: 'import os\nimport torch\ndef save(model, epoch):\n    path = f"/srv/share/yolo_epoch{epoch}.pt"\n    torch.save(model.state_dict(), path)\n    os.chmod(path, 0o777)',
      errors: [{ messageId: 'worldWritable', confidence: 'high', line: 6, data: { api: 'os.chmod', path: 'path', mode: '0o777' } }],
    },
    // a path built with os.path.join: its known start, and the name it ends in (review speech P2-3)
    {
      code: 'import os\nimport torch\ndef save_checkpoint(model):\n    path = os.path.join("checkpoints", "glowtts.pth")\n    torch.save(model.state_dict(), path)\n    os.chmod(path, 0o777)',
      errors: [{ messageId: 'worldWritable', confidence: 'high', line: 6, data: { api: 'os.chmod', path: 'path', mode: '0o777' } }],
    },
    {
      code: 'import os\nimport torch\nCKPT_DIR = "/data/runs"\ndef save_checkpoint(model, step):\n    path = os.path.join(CKPT_DIR, f"glowtts_{step}.pth")\n    torch.save(model.state_dict(), path)\n    os.chmod(path, 0o777)\n    os.chmod(os.path.join("checkpoints", f"glowtts_{step}.json"), 0o666)',
      errors: [
        { messageId: 'worldWritable', confidence: 'high', line: 7, data: { api: 'os.chmod', path: 'path', mode: '0o777' } },
        { messageId: 'worldWritable', confidence: 'high', line: 8, data: { api: 'os.chmod', path: 'path', mode: '0o666' } },
      ],
    },
    // NeMo's `save_to` writes a `.nemo` archive (review speech P3-2)
    {
      code: 'from nemo.collections.asr.models import EncDecCTCModelBPE\ndef finish(asr_model: EncDecCTCModelBPE):\n    asr_model.save_to("/tmp/conformer_ctc_finetuned.nemo")',
      errors: [{ messageId: 'publicPath', confidence: 'high', line: 3, data: { api: 'save_to', path: '/tmp/conformer_ctc_finetuned.nemo', where: 'a shared temporary directory', extra: '' } }],
    },
    {
      code: 'def f(m):\n    m.save_to(save_path="/tmp/asr.nemo")',
      errors: [{ messageId: 'publicPath', confidence: 'high', line: 2, data: { api: 'save_to', path: '/tmp/asr.nemo', where: 'a shared temporary directory', extra: '' } }],
    },
    {
      code: 'import nemo.collections.asr as nemo_asr\ndef f(obj):\n    obj.save_to("/tmp/export")',
      errors: [{ messageId: 'publicPath', confidence: 'medium', line: 3, data: { api: 'save_to', path: '/tmp/export', where: 'a shared temporary directory', extra: '' } }],
    },
    // named only as an output directory: a checkpoint's where the file trains or saves models, else any output
    {
      code: 'import os, docker\noutput_dir = os.path.abspath("./output")\nos.chmod(output_dir, 0o777)\ndocker.from_env().containers.run("sandbox", volumes={output_dir: {"bind": "/output"}})',
      errors: [{ messageId: 'worldWritableOutput', confidence: 'low', data: { api: 'os.chmod', path: 'output_dir', mode: '0o777' } }],
    },
    {
      code: 'import os\nfrom transformers import Trainer, TrainingArguments\nargs = TrainingArguments(output_dir="./out")\nos.chmod(args.output_dir, 0o777)',
      errors: [{ messageId: 'worldWritableOutput', confidence: 'medium', data: { api: 'os.chmod', path: 'args.output_dir', mode: '0o777' } }],
    },
    {
      code: 'import boto3\ns3 = boto3.client("s3")\ns3.upload_file("model.safetensors", "b", "k/model.safetensors", ExtraArgs={"ACL": "public-read"})',
      errors: [{ messageId: 'publicAcl', data: { api: 'upload_file', acl: 'public-read' } }],
    },
    {
      code: 'import os, tempfile\ndef f(model):\n    model.save_pretrained(os.path.join(tempfile.gettempdir(), "ckpt"))',
      errors: [{ messageId: 'publicPath', confidence: 'medium' }],
    },
  ],
});

fixture(rule);
