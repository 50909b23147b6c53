import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/joblib-load.js';
import { parsePython, python } from '@oculum/lang-python';
import { confidenceFor, isInProcessData, roundTripUndecided } from '../../src/utils.js';
import { fixture, lintAll, ruleTester } from '../helpers.js';

ruleTester.run('torch/joblib-load', rule, {
  valid: [
    'import joblib\njoblib.dump(m, "m.joblib")',
    'import joblib\nmem = joblib.Memory("/tmp")',
    'import joblib, json\nms = list(map(json.load, paths))',
    'def load(p):\n    return p\nload("m.joblib")',
    // A def that shadows the import calls itself (a recursion bug): joblib's `load` is not called.
    'from joblib import dump, load\n\ndef load(file):\n    return load(file)',
    // round trips: a same-file helper pickling into a private buffer; the same file spelled `Path(p)`, or read through another opener
    'import io, joblib\nfrom joblib.numpy_pickle import NumpyPickler\ndef f(clf):\n    def get():\n        b = io.BytesIO()\n        NumpyPickler(b).dump(clf)\n        b.seek(0)\n        return b\n    return joblib.load(get())',
    'import joblib\nfrom pathlib import Path\ndef f(v, tmpdir):\n    p = tmpdir.join("t.pkl").strpath\n    joblib.dump(v, Path(p))\n    return joblib.load(p)',
    'import bz2, gzip, joblib\ndef f(o, tmpdir):\n    p = tmpdir.join("t.pkl").strpath\n    for opener in (gzip.GzipFile, bz2.BZ2File):\n        with opener(p, "wb") as fh:\n            joblib.dump(o, fh)\n        with opener(p, "rb") as fh:\n            joblib.load(fh)',
    // (review dlscripts P3-1) a parameter declared as a file name (a file-name default, a path annotation): the caller's
    // file, which the function dumps to just before loading it
    // a copy of the dumped file's name (review ray P3-2)
    'import joblib, os\ndef f(m, d):\n    p = os.path.join(d, "m.joblib")\n    joblib.dump(m, p)\n    q = str(p)\n    return joblib.load(q)',
    'import joblib\ndef roundtrip(m, out="model.joblib"):\n    joblib.dump(m, out)\n    return joblib.load(out)',
    'import joblib, os\nfrom pathlib import Path\ndef f(m, out: Path, p: "os.PathLike[str]", q: str | Path = None):\n    joblib.dump(m, out)\n    joblib.dump(m, p)\n    joblib.dump(m, q)\n    return joblib.load(out), joblib.load(p), joblib.load(q)',
  ],
  invalid: [
    // …but not one that may be a stream, one whose default is in a shared place, nor one dumped on some paths only
    {
      code: 'import joblib\nfrom typing import BinaryIO\ndef a(m, out):\n    joblib.dump(m, out)\n    return joblib.load(out)\ndef b(m, out="/tmp/m.joblib"):\n    joblib.dump(m, out)\n    return joblib.load(out)\ndef c(m, out: BinaryIO):\n    joblib.dump(m, out)\n    return joblib.load(out)\ndef d(m, out="m.joblib"):\n    out.seek(0)\n    joblib.dump(m, out)\n    return joblib.load(out)\ndef e(m, out="m.joblib", fresh=False):\n    if fresh:\n        joblib.dump(m, out)\n    return joblib.load(out)',
      errors: [
        { messageId: 'joblibLoad', line: 5, confidence: 'high', data: { callee: 'joblib.load' } },
        { messageId: 'joblibLoad', line: 8, confidence: 'high', data: { callee: 'joblib.load' } },
        { messageId: 'joblibLoad', line: 11, confidence: 'high', data: { callee: 'joblib.load' } },
        { messageId: 'joblibLoad', line: 15, confidence: 'high', data: { callee: 'joblib.load' } },
        { messageId: 'savedOnSomePaths', line: 19, confidence: 'medium', data: { callee: 'joblib.load', line: '18' } },
      ],
    },
    // a file Airflow's S3 hook downloaded: high (review ray P3-5)
    { code: 'import joblib\nfrom airflow.providers.amazon.aws.hooks.s3 import S3Hook\ndef f():\n    hook = S3Hook(aws_conn_id="aws")\n    path = hook.download_file(key="models/clf.joblib", bucket_name="ml")\n    return joblib.load(path)', errors: [{ messageId: 'joblibLoad', line: 6, confidence: 'high', data: { callee: 'joblib.load' } }] },
    { code: 'import joblib\ndef f(*a, **k):\n    return joblib.load(*a, **k)', errors: [{ messageId: 'joblibLoad', line: 3, confidence: 'high' }] },
    { code: 'import joblib\nm = joblib.load("model.joblib")', errors: [{ messageId: 'joblibLoad', line: 2, column: 5, confidence: 'high', data: { callee: 'joblib.load' } }] },
    { code: 'from joblib import load\nm = load(p)', errors: [{ messageId: 'joblibLoad', confidence: 'medium' }] },
    // scikit-learn's vendored joblib is joblib (lang-python reads it as the original)
    { code: 'from sklearn.externals import joblib\nm = joblib.load(p)', errors: [{ messageId: 'joblibLoad', data: { callee: 'joblib.load' } }] },
    {
      code: 'import os, joblib\ndef f(train):\n    if not os.path.exists("m.joblib"):\n        joblib.dump(train(), "m.joblib")\n    return joblib.load("m.joblib")',
      errors: [{ messageId: 'savedOnSomePaths', line: 5, confidence: 'medium', data: { callee: 'joblib.load', line: '4' } }],
    },
    { code: 'import io, joblib\ndef f(blob):\n    def get():\n        return io.BytesIO(blob)\n    return joblib.load(get())', errors: [{ messageId: 'joblibLoad', line: 5 }] },
    { code: 'import joblib\nfrom pathlib import Path\ndef f(v, tmpdir):\n    p = tmpdir.join("t.pkl").strpath\n    joblib.dump(v, Path(p))\n    return joblib.load(p + ".bak")', errors: [{ messageId: 'joblibLoad', line: 6 }] },
    // (review s33py P2-2) a local forwarder of any name
    { code: 'import joblib\ndef retry(func, *args, **kwargs):\n    return func(*args, **kwargs)\ndef f(p):\n    return retry(joblib.load, p)', errors: [{ messageId: 'callback', line: 5, confidence: 'medium', data: { callee: 'joblib.load', via: 'retry' } }] },
    { code: 'import joblib\nms = pool.map(joblib.load, paths)', errors: [{ messageId: 'callback', confidence: 'medium', data: { callee: 'joblib.load', via: '.map' } }] },
    // (reviews automl P2-b, mlops P3-4) a model fetched from a tracker, a registry, a model server's storage or an object store is
    // network data; a local DVC workspace, a local filesystem, and a file under a directory of unknown origin are not
    {
      code: 'import joblib\nfrom clearml import Task, InputModel, StorageManager\na = joblib.load(Task.get_task(task_id=t).artifacts["model"].get_local_copy())\nb = joblib.load(InputModel(model_id=m).get_local_copy())\nc = joblib.load(StorageManager.get_local_copy(remote_url=u))',
      errors: [{ messageId: 'joblibLoad', line: 3, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 4, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 5, confidence: 'high', data: { callee: 'joblib.load' } }],
    },
    {
      code: 'import os, joblib, kserve, mlflow\nfrom seldon_core.storage import Storage\nclass M(kserve.Model):\n    def load(self):\n        d = kserve.Storage.download(self.model_dir)\n        self.a = joblib.load(os.path.join(d, "model.joblib"))\n        self.b = joblib.load(Storage.download(self.uri) + "/model.joblib")\n        self.c = joblib.load(mlflow.artifacts.download_artifacts(self.uri))',
      errors: [{ messageId: 'joblibLoad', line: 6, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 7, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 8, confidence: 'high', data: { callee: 'joblib.load' } }],
    },
    {
      code: 'import io, joblib, boto3, s3fs, fsspec\ns3 = boto3.resource("s3")\ndef f(b, k):\n    obj = s3.Object(b, k)\n    a = joblib.load(io.BytesIO(obj.get()["Body"].read()))\n    fs = s3fs.S3FileSystem()\n    with fs.open(k, "rb") as fh:\n        c = joblib.load(fh)\n    with fsspec.filesystem("gs").open(k) as fh:\n        d = joblib.load(fh)\n    with fsspec.filesystem("file").open(k) as lh:\n        e = joblib.load(lh)\n    return a, c, d, e',
      errors: [{ messageId: 'joblibLoad', line: 5, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 8, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 10, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 12, confidence: 'medium', data: { callee: 'joblib.load' } }],
    },
    {
      code: 'import os, joblib, wandb\nrun = wandb.init(project="p")\na = joblib.load(os.path.join(run.use_model(name="clf:latest"), "m.joblib"))\nb = joblib.load(os.path.join(wandb.run.use_artifact("clf:v2").download(), "m.joblib"))\nc = joblib.load(os.path.join(unknown.use_model(name="clf"), "m.joblib"))',
      errors: [{ messageId: 'joblibLoad', line: 3, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 4, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 5, confidence: 'medium', data: { callee: 'joblib.load' } }],
    },
    // a class of the file used as a config (Kaggle's `CFG`): its attribute's value
    {
      code: 'import joblib\nclass CFG:\n    path = "../input/models/"\ndef f(fold):\n    return joblib.load(CFG.path + f"fold{fold}.joblib")',
      errors: [{ messageId: 'joblibLoad', line: 5, confidence: 'high', data: { callee: 'joblib.load' } }],
    },
    // a file beside the module's own (`__file__`) is a fixed path, also under its directory
    {
      code: 'import os, joblib\nfrom pathlib import Path\na = joblib.load(Path(__file__).parent / "artifacts" / "m.joblib")\nb = joblib.load(os.path.join(os.path.dirname(__file__), "m.joblib"))\nc = joblib.load(Path(__file__).resolve().parent / "m.joblib")',
      errors: [{ messageId: 'joblibLoad', line: 3, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 4, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 5, confidence: 'high', data: { callee: 'joblib.load' } }],
    },
    {
      code: 'import joblib, dvc.api\nwith dvc.api.open("m.pkl", repo="https://github.com/acme/models", mode="rb") as fd:\n    a = joblib.load(fd)\nwith dvc.api.open("m.pkl", mode="rb") as fw:\n    b = joblib.load(fw)\nwith dvc.api.open("m.pkl", repo="../models", mode="rb") as fl:\n    c = joblib.load(fl)',
      errors: [{ messageId: 'joblibLoad', line: 3, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 5, confidence: 'medium', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 7, confidence: 'medium', data: { callee: 'joblib.load' } }],
    },
    {
      code: 'import os, joblib\ndef f(d):\n    a = joblib.load(d + "/m.joblib")\n    b = joblib.load(os.path.join(d, "m.joblib"))\n    return a, b\ndef g():\n    root = find_root()\n    return joblib.load(root + "/m.joblib"), joblib.load(os.path.join(root, "m.joblib"))',
      errors: [{ messageId: 'joblibLoad', line: 3, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 4, confidence: 'high', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 8, confidence: 'medium', data: { callee: 'joblib.load' } }, { messageId: 'joblibLoad', line: 8, confidence: 'medium', data: { callee: 'joblib.load' } }],
    },
  ],
});

fixture(rule);

describe('round trips in a long function (reviews mlops P3-3, tabular P3-1)', () => {
  it('reads each load against the writes of its own path, so 600 dump-then-load pairs are all read back', async () => {
    const n = 600;
    const lines = ['import joblib', 'def f(xs):'];
    for (let i = 0; i < n; i++) lines.push(`    joblib.dump(xs[${i}], "p${i}.joblib")`);
    for (let i = 0; i < n; i++) lines.push(`    y${i} = joblib.load("p${i}.joblib")`);
    const findings = (await lintAll(lines.join('\n') + '\n')).filter((f) => f.ruleId === 'torch/joblib-load');
    // (the budget used to run out about half-way, and every load after it was reported at high confidence)
    expect(findings).toEqual([]);
  });

  it('tells writes of a path name rebound between them apart by what the name reaches, so 500 of each are decided', async () => {
    const lines = ['import joblib', 'def f(xs, k):'];
    for (let i = 0; i < 500; i++) lines.push(`    p = "m${i}_%d.joblib" % k`, `    joblib.dump(xs[${i}], p)`);
    for (let i = 0; i < 500; i++) lines.push(`    p = "n${i}_%d.joblib" % k`, `    y${i} = joblib.load(p)`);
    const findings = (await lintAll(lines.join('\n') + '\n')).filter((f) => f.ruleId === 'torch/joblib-load');
    // (each load used to be compared with every write of `p`: the budget ran out after 200 and the rest were capped)
    expect(findings).toHaveLength(500);
    expect(findings.every((f) => f.confidence === 'high')).toBe(true);
  }, 60_000);

  it('caps at medium a load whose round-trip question the budget cut short', async () => {
    await python.init?.();
    const sc = parsePython('import joblib\ndef f(m):\n    joblib.dump(m, "model.joblib")\n    return joblib.load("model.joblib")\n');
    const call = sc.descendants(sc.ast, 'call').find((c) => c.text.startsWith('joblib.load'))!;
    const file = sc.argument(call, { position: 0 });
    // the budget spent by earlier questions of the file
    while (sc.spend('torch/round-trips', 200_000));
    expect(isInProcessData(sc, file, new Set(['joblib.dump']))).toBe(false);
    expect(roundTripUndecided(sc, file)).toBe(true);
    // (a literal path: high when decided)
    expect(confidenceFor(sc, file, call)).toBe('medium');
  });

  it('still reads a decided round trip of the same file', async () => {
    await python.init?.();
    const sc = parsePython('import joblib\ndef f(m):\n    joblib.dump(m, "model.joblib")\n    return joblib.load("model.joblib")\n');
    const call = sc.descendants(sc.ast, 'call').find((c) => c.text.startsWith('joblib.load'))!;
    const file = sc.argument(call, { position: 0 });
    expect(isInProcessData(sc, file, new Set(['joblib.dump']))).toBe(true);
    expect(roundTripUndecided(sc, file)).toBe(false);
  });
});
