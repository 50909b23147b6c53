import { readFileSync } from 'node:fs';
import { lintText, ruleTriggersMatch, type Depth } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import rule, { LOADER_NAMES, LOADERS, NAMED_BY_MODULE } from '../../src/rules/pickle-load.js';
import { python } from '@oculum/lang-python';
import { runFixture } from '@oculum/rule-tester';
import { fixture, fixturesDir, ruleTester } from '../helpers.js';

describe('the trigger groups', () => {
  it('let through every loader the rule reports, imported as the rule needs', () => {
    for (const qn of LOADERS) {
      const dot = qn.lastIndexOf('.');
      const text = `import ${qn.slice(0, dot)}\n${qn}(data)`;
      expect(ruleTriggersMatch(rule.meta, text), qn).toBe(true);
    }
    // a vendored cloudpickle reached through its package's plain import
    for (const [pkg, path] of [['ray', 'ray.cloudpickle'], ['joblib', 'joblib.externals.cloudpickle'], ['pyspark', 'pyspark.cloudpickle'], ['srsly', 'srsly.cloudpickle']]) {
      expect(ruleTriggersMatch(rule.meta, `import ${pkg}\nx = ${path}.loads(blob)`), path).toBe(true);
    }
    expect(ruleTriggersMatch(rule.meta, 'import joblib\nm = joblib.load(p)')).toBe(false);
    expect(ruleTriggersMatch(rule.meta, 'import pickle\nblob = pickle.dumps(obj)')).toBe(false);
    expect(ruleTriggersMatch(rule.meta, 'raise TypeError("cannot be pickled")\nx = loads')).toBe(false);
    // pyzmq's recv_pyobj
    expect(ruleTriggersMatch(rule.meta, 'import zmq\nmsg = sock.recv_pyobj()')).toBe(true);
    // fastai's load_learner, also through a star import
    expect(ruleTriggersMatch(rule.meta, 'from fastai.vision.all import *\nlearn = load_learner("export.pkl")')).toBe(true);
    // NLTK's resource loaders: the resource name holds `pickle`
    expect(ruleTriggersMatch(rule.meta, 'import nltk\nt = nltk.data.load("tokenizers/punkt/english.pickle")')).toBe(true);
    expect(ruleTriggersMatch(rule.meta, 'from nltk.data import LazyLoader\nt = LazyLoader("t/english.pickle")')).toBe(true);
    // (reviews automl P2-a, mlops P2-2, tabular P2-2) the libraries' loaders: the file is not prefiltered
    for (const text of [
      'from pycaret.classification import load_model\nmodel = load_model("final_lightgbm_pipeline")',
      'from autogluon.tabular import TabularPredictor\npredictor = TabularPredictor.load("AutogluonModels/ag")',
      'import bentoml\nclf = bentoml.sklearn.load_model("iris_clf:latest")',
      'import bentoml\nrunner = bentoml.sklearn.get("iris_clf:latest").to_runner()',
      'from surprise import dump\n_, algo = dump.load("svd_dump")',
      'from darts.models import TFTModel\ntft = TFTModel.load("tft_model.pt")',
    ]) {
      expect(ruleTriggersMatch(rule.meta, text), text).toBe(true);
    }
    // at deep, an Unpickler subclass of another module of the project, in a file that imports no pickle module
    expect(ruleTriggersMatch(rule.meta, 'from .safe import SafeUnpickler\nu = SafeUnpickler(f)')).toBe(true);
  });
  // (review rl P1) the gate and the triggers come from one list: a file whose only loader is any name of the gate is read
  it('let through a file whose only loader is any name the callee gate accepts', () => {
    for (const name of LOADER_NAMES) {
      const word = NAMED_BY_MODULE[name];
      const text = word ? `import ${word}\nx = ${word}.${name}(p)` : `import stable_baselines3\nfrom somewhere import ${name} as f\nx = f(p)`;
      expect(ruleTriggersMatch(rule.meta, text), name).toBe(true);
    }
    for (const text of [
      'from stable_baselines3.common.save_util import load_from_pkl\nreplay_buffer = load_from_pkl("dopamine_sb3_buffer.pkl")',
      'from stable_baselines3 import DQN\nmodel = DQN("MlpPolicy", "CartPole-v1")\nmodel.load_replay_buffer("dqn_replay_buffer.pkl")',
      'import paddle\nstate = paddle.static.load_program_state("model/ppo_actor")',
    ]) {
      expect(ruleTriggersMatch(rule.meta, text), text).toBe(true);
    }
  });
});

const MPI_DETAIL = " (mpi4py pickles the lowercase methods' objects; use the uppercase buffer methods such as `Recv`/`Bcast` for arrays)";
const TORCH_DIST_DETAIL = ' (torch.distributed unpickles the objects the other ranks send)';
const MP_DETAIL = ' (a `Connection` unpickles each message it receives)';

ruleTester.run('torch/pickle-load', rule, {
  valid: [
    // `with C() as x` binds what `C.__enter__` returns: here another object, whose `load` is its own (review w38py P2-2)
    'from darts.models import TFTModel\nclass Store:\n    def load(self, p):\n        return open(p).read()\nclass Session(TFTModel):\n    def __enter__(self):\n        return Store()\nwith Session() as s:\n    s.load("notes.txt")',
    // a writer handed as a keyword, a module (torch's `pickle_module=`), a local function named `loads`
    'import pickle, redis_cache\nc = redis_cache.RedisCache(client, serializer=pickle.dumps)',
    'import pickle, torch\nm = torch.load(p, pickle_module=pickle, weights_only=True)',
    'import pickle\ndef loads(b):\n    return b\nc = Cache(deserializer=loads)',
    // (review federated P2-1, P3-1, P3-2) mpi4py's uppercase buffer methods, a plain socket's recv, a comm-less recv
    'from mpi4py import MPI\nimport numpy as np\nbuf = np.empty(10)\nMPI.COMM_WORLD.Recv(buf, source=0)\nMPI.COMM_WORLD.Bcast(buf, root=0)\nMPI.COMM_WORLD.Allreduce(buf, buf)',
    'import socket\nimport multiprocessing\ns = socket.socket()\ndata = s.recv(1024)',
    'from mpi4py import MPI\ndef f(sock):\n    return sock.recv(10)',
    'import multiprocessing\nq = multiprocessing.Queue()\ndef f(conn):\n    return conn.recv()',
    'import torch.distributed as dist\nimport torch\nt = torch.zeros(2)\ndist.broadcast(t, src=0)\ndist.all_gather([t], t)',
    // (reviews automl P2-a, mlops P2-1/P2-2, tabular P2-2) BentoML flavors stored without pickle; a Surprise dump and a PyCaret
    // pipeline this code has just saved; an MLflow loader picked from a table of flavors stored without pickle
    'import bentoml\nm = bentoml.onnx.load_model("m:latest")\nt = bentoml.torchscript.load_model("t:latest")\nx = bentoml.xgboost.load_model("x:latest")\nl = bentoml.pytorch_lightning.load_model("l:latest")',
    'from surprise import dump\ndef f(algo):\n    dump.dump("svd_dump", algo=algo)\n    return dump.load("svd_dump")',
    'from pycaret.classification import save_model, load_model\ndef f(pipe):\n    save_model(pipe, "final")\n    return load_model("final")',
    'from pycaret.classification import ClassificationExperiment\nexp = ClassificationExperiment()\nexp.save_model(pipe, "final")\nloaded = exp.load_model("final")',
    'import mlflow\nL = {"onnx": mlflow.onnx.load_model, "keras": mlflow.keras.load_model}\ndef f(uri, k):\n    return L[k](uri)',
    // AutoGluon's quick-start: the directory this code's predictor has just trained into
    'from autogluon.tabular import TabularPredictor\nsave_path = "model"\npredictor = TabularPredictor(label="y", path=save_path).fit(train)\npredictor = TabularPredictor.load(save_path)',
    // (review rl P2-2) a table of classes none of which is a pickling library's; the table the code writes into
    'import pickle\nimport mylib\nfrom stable_baselines3 import PPO\nT = {"a": mylib.A, "b": mylib.B}\ndef f(k, p):\n    return T[k].load(p)',
    // skops with an allowlist of types, or none (it refuses what is not trusted)
    'import skops.io as sio\ndef load(path):\n    a = sio.load(path, trusted=["sklearn.linear_model._logistic.LogisticRegression"])\n    b = sio.load(path)\n    return a, b',
    // the file this code just saved; a project's own `load`
    'import paddle\ndef roundtrip(layer):\n    paddle.save(layer.state_dict(), "w.pdparams")\n    return paddle.load("w.pdparams")',
    'import paddle\nfrom utils import load\nstate = load("w.pdparams")',
    // a load_learner of the file's own, and one of another library
    'from fastai.vision.all import *\ndef load_learner(p):\n    return None\nlearn = load_learner("export.pkl")',
    'from mylib import load_learner\nimport pickle\nlearn = load_learner("export.pkl")',
    'from langchain_community.vectorstores import FAISS\ndb = FAISS.load_local("faiss_index", emb)',
    'from langchain_community.vectorstores import FAISS\ndb = FAISS.load_local("faiss_index", emb, allow_dangerous_deserialization=False)',
    // the index this code has just saved (LangChain's own FAISS examples): read back, nothing from outside
    'from langchain_community.vectorstores import FAISS\nvs = FAISS.from_texts(["a"], emb)\nvs.save_local("my_index")\ndb = FAISS.load_local("my_index", emb, allow_dangerous_deserialization=True)',
    'from langchain_community.vectorstores import FAISS\nvs = FAISS.from_texts(["a"], emb)\nvs.save_local("my_index", "mine")\ndb = FAISS.load_local("my_index", emb, "mine", allow_dangerous_deserialization=True)',
    'from langchain_community.vectorstores import FAISS\ndef rebuild(docs, emb, folder):\n    FAISS.from_documents(docs, emb).save_local(folder)\n    return FAISS.load_local(folder, emb, allow_dangerous_deserialization=True)',
    // a helper whose flag no caller sets: its default `False` (the call raises rather than unpickle)
    'from langchain_community.vectorstores import FAISS\ndef load_index(emb, path, allow_dangerous_deserialization=False):\n    return FAISS.load_local(path, emb, allow_dangerous_deserialization=allow_dangerous_deserialization)\ndef main(emb):\n    return load_index(emb, "idx")',
    'from langchain_community.vectorstores import FAISS\ndef _load_store(path, emb, **kwargs):\n    return FAISS.load_local(path, emb, **kwargs)\nstore = _load_store("idx", None, allow_dangerous_deserialization=False)',
    'from langchain_community.vectorstores import FAISS\nkw = {"index_name": "docs"}\nvs = FAISS.load_local("idx", None, **kw)',
    // a public wrapper forwarding its own `**kwargs`, whose callers here pass no flag (or that has none here)
    'from langchain_community.vectorstores import FAISS\ndef load_kw(path, emb, **kwargs):\n    return FAISS.load_local(path, emb, **kwargs)',
    'from langchain_community.vectorstores import FAISS\ndef load_kw(path, emb, **kwargs):\n    return FAISS.load_local(path, emb, **kwargs)\nload_kw("idx", None, index_name="x")',
    'from langchain_community.retrievers import TFIDFRetriever\ndef f(docs):\n    TFIDFRetriever.from_documents(docs).save_local("r")\n    return TFIDFRetriever.load_local("r", allow_dangerous_deserialization=True)',
    'from langchain_community.retrievers import TFIDFRetriever\nr = TFIDFRetriever.load_local("retriever")',
    // (review rag P2-1) a store's load_local handed to an API without the flag (run_in_executor passes no keywords), or with
    // it off; the index the function has just saved; a wrapper whose callers pass no flag into the `**kw` it forwards
    'import asyncio\nfrom langchain_community.vectorstores import FAISS\nasync def f(p, emb):\n    return await asyncio.to_thread(FAISS.load_local, p, emb)',
    'import asyncio\nfrom langchain_community.vectorstores import FAISS\nasync def f(p, emb):\n    return await asyncio.to_thread(FAISS.load_local, p, emb, allow_dangerous_deserialization=False)',
    'import asyncio\nfrom langchain_community.vectorstores import FAISS\nasync def f(p, emb):\n    loop = asyncio.get_running_loop()\n    return await loop.run_in_executor(None, FAISS.load_local, p, emb)',
    'import asyncio\nfrom langchain_community.vectorstores import FAISS\nasync def f(docs, emb):\n    FAISS.from_documents(docs, emb).save_local("own")\n    return await asyncio.to_thread(FAISS.load_local, "own", emb, allow_dangerous_deserialization=True)',
    'from concurrent.futures import ThreadPoolExecutor\nfrom langchain_community.vectorstores import FAISS\ndef f(p, emb, **kw):\n    with ThreadPoolExecutor() as ex:\n        return ex.submit(FAISS.load_local, p, emb, **kw).result()\nf("idx", None)',
    // (review ray P2-2) Beam's other model handlers (PyTorch's passes its own load arguments to torch.load; ONNX holds no pickle)
    'from apache_beam.ml.inference.pytorch_inference import PytorchModelHandlerTensor\nfrom apache_beam.ml.inference.onnx_inference import OnnxModelHandlerNumpy\nimport pickle\nt = PytorchModelHandlerTensor(state_dict_path="gs://x/m.pth")\no = OnnxModelHandlerNumpy("gs://x/m.onnx")',
    // (review ray P3-3) the RDD this code has just saved; a `pickleFile` method of a class of the file, or in a file without pyspark
    'from pyspark import SparkContext\nsc = SparkContext.getOrCreate()\ndef f(rdd, p):\n    rdd.saveAsPickleFile(p)\n    return sc.pickleFile(p)',
    'import pyspark, pickle\nclass Store:\n    def pickleFile(self, p):\n        return p\ns = Store()\nx = s.pickleFile("x")',
    'import pickle\nx = store.pickleFile("x")',
    // (review spaces P3-1) Gradio's listeners given a function of the file; a `load` method of another library in a Gradio app
    'import gradio as gr\nimport pickle\ndef show(x):\n    return x\nwith gr.Blocks() as demo:\n    demo.load(fn=show, inputs=None, outputs=None)\n    gr.Button("b").click(show, None, None)\nstate = registry.load("cfg")',
    // a loader a UI calls with no value: it is given no file (review s36py P3-4)
    'import gradio as gr\nimport pickle\nwith gr.Blocks() as demo:\n    out = gr.JSON()\n    demo.load(pickle.load, None, out)',
    // (review spaces P3-2) the options call of a cache names no loader; a cache over a function of the file is that function
    'import functools, pickle\ncache = functools.lru_cache(maxsize=None)\ndef parse(s):\n    return s\nx = functools.cache(parse)(blob)',
    'import pickle\npickle.dump(obj, f)',
    // A def that shadows the import: once it runs, the name is the def (its own call included).
    'from pickle import loads\n\ndef loads(data):\n    return loads(data)',
    'import pickle\nx = pickle.loads(pickle.dumps(obj))',
    'import pickle\ns = pickle.dumps(obj)\nx = pickle.loads(s)',
    'import pickle, io\nbuf = io.BytesIO()\npickle.dump(obj, buf)\nbuf.seek(0)\nx = pickle.load(buf)',
    'import pickle, io\nx = pickle.Unpickler(io.BytesIO(pickle.dumps(obj))).load()',
    'import pickle as p\nx = p.loads(p.dumps(obj, protocol=4))',
    'import pickle\nclass R(pickle.Unpickler):\n    def find_class(self, m, n):\n        raise ValueError(n)\nx = R(f).load()',
    // every pass-through to the base behind an allowlist test: a positive test on its branch, or an earlier refusal of what is not listed
    'import pickle\nclass R(pickle.Unpickler):\n    def find_class(self, module, name):\n        if module == "a":\n            return 1\n        elif (module, name) in SAFE:\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\nx = R(f).load()',
    'import pickle\nclass R(pickle.Unpickler):\n    def find_class(self, module, name):\n        if (module, name) not in SAFE:\n            return None\n        return super().find_class(module, name)\nx = R(f).load()',
    'import pickle\nclass R(pickle.Unpickler):\n    def find_class(self, module, name):\n        if not module.startswith("torch"):\n            raise pickle.UnpicklingError(name)\n        return super().find_class(module, name)\nx = R(f).load()',
    // (review s33py P3-1) a same-file helper's verdict has the polarity of its returns; (P3-2) a result held in a name
    // and checked before it is returned
    'import pickle\nSAFE = {("collections", "OrderedDict")}\nclass R(pickle.Unpickler):\n    def find_class(self, module, name):\n        if not self._allowed(module, name):\n            raise pickle.UnpicklingError(name)\n        return super().find_class(module, name)\n    def _allowed(self, module, name):\n        return (module, name) in SAFE\nx = R(f).load()',
    'import pickle\ndef allowed(module, name):\n    return module == "torch" and name in NAMES\nclass R(pickle.Unpickler):\n    def find_class(self, module, name):\n        if allowed(module, name):\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\nx = R(f).load()',
    'import pickle\nclass R(pickle.Unpickler):\n    def find_class(self, module, name):\n        klass = super().find_class(module, name)\n        if klass not in SAFE:\n            raise pickle.UnpicklingError(name)\n        return klass\nx = R(f).load()',
    // (review hardened P3-2) an allowlist of 20 `or` clauses is one chain, not 20 levels of nesting; (P3-1) allowlists
    // whose entries the policy does not judge dangerous: pairs, a dict of modules to names, `startswith` of a safe prefix
    'import pickle\nclass U(pickle.Unpickler):\n    def find_class(self, module, name):\n        if (module == "m0" and name == "n0") or (module == "m1" and name == "n1") or (module == "m2" and name == "n2") or (module == "m3" and name == "n3") or (module == "m4" and name == "n4") or (module == "m5" and name == "n5") or (module == "m6" and name == "n6") or (module == "m7" and name == "n7") or (module == "m8" and name == "n8") or (module == "m9" and name == "n9") or (module == "m10" and name == "n10") or (module == "m11" and name == "n11") or (module == "m12" and name == "n12") or (module == "m13" and name == "n13") or (module == "m14" and name == "n14") or (module == "m15" and name == "n15") or (module == "m16" and name == "n16") or (module == "m17" and name == "n17") or (module == "m18" and name == "n18") or (module == "m19" and name == "n19"):\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(f):\n    return U(f).load()',
    'import pickle\nclass M(pickle.Unpickler):\n    _allowed = {"collections": frozenset({"OrderedDict"}), "torch._utils": frozenset({"_rebuild_tensor_v2"})}\n    def find_class(self, module, name):\n        if module in self._allowed and name in self._allowed[module]:\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(f):\n    return M(f).load()',
    'import pickle\nclass U(pickle.Unpickler):\n    def find_class(self, module, name):\n        if module.startswith("collections") or module.startswith("numpy"):\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(f):\n    return U(f).load()',
    // (review federated P2-3) a module test narrowed by a name test: `builtins.dict` and `builtins.list` only
    'import io, pickle\nclass R(pickle.Unpickler):\n    def find_class(self, module, name):\n        if module == "builtins" and name in {"dict", "list"}:\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef loads(s):\n    return R(io.BytesIO(s)).load()',
    // entries added to an allowlist that the policy does not judge dangerous
    'import io, pickle\nALLOWED = {("collections", "OrderedDict")}\nALLOWED.add(("numpy", "dtype"))\nALLOWED.update({("torch._utils", "_rebuild_tensor_v2")})\nclass A(pickle.Unpickler):\n    def find_class(self, module, name):\n        if (module, name) in ALLOWED:\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(b):\n    return A(io.BytesIO(b)).load()',
    // at --depth deep, one of another module of the project that restricts (fixtures/project/unpicklers.py); one
    // whose name does not end in `Unpickler`, in a file that imports no pickle module: not read (the triggers)
    { code: 'import pickle\nfrom unpicklers import ChildOfRestricted\nx = ChildOfRestricted(f).load()', filename: 'project/snippet.py' },
    { code: 'from unpicklers import PlainLoader\nx = PlainLoader(f).load()', filename: 'project/snippet.py' },
    'import pickle\ndef loads(b):\n    return b\nx = loads(data)',
    'import json\nx = json.loads(s)',
    'import pandas as pd\nx = pd.read_csv(p)',
    '"""pickle.loads(b)"""\nimport pickle',
    // Pickles written into the source that import nothing beyond plain data.
    'import pickle\nx = pickle.loads(b"\\x80\\x04N.")',
    'import pickle\nDATA = b"I1\\n."\nx = pickle.loads(DATA)',
    'import pickle\nx = pickle.loads(b"cnumpy\\ndtype\\n(S\'f8\'\\ntR.")',
    'import pickle, io\nx = pickle.Unpickler(io.BytesIO(b"N.")).load()',
    { code: 'import pickle\nx = pickle.loads(b"cmypkg\\nModel\\n)R.")', settings: { model: { allowGlobals: ['mypkg.Model'] } } },
    // round trips: dumpers held by parameters' defaults (celery), a same-file helper that pickles into a
    // private buffer or returns dumped bytes (also through a private cache), the same file opened another way
    'import pickle\ndef probe(cls, loads=pickle.loads, dumps=pickle.dumps):\n    return loads(dumps(cls))',
    'import io, pickle\ndef f(clf):\n    def get():\n        b = io.BytesIO()\n        pickle.Pickler(b).dump(clf)\n        b.seek(0)\n        return b\n    return pickle.load(get())',
    'import pickle, cloudpickle\ndef dumps_function(func):\n    return pickle.dumps(func)\ndef test(inc):\n    a = dumps_function(inc)\n    return cloudpickle.loads(a)',
    'import pickle\n_cache = {}\ndef dumps(f):\n    try:\n        r = _cache[f]\n    except KeyError:\n        r = pickle.dumps(f)\n        _cache[f] = r\n    return r\nx = pickle.loads(dumps(g))',
    'import gzip, pickle\ndef f(obj, p):\n    with open(p, "wb") as fh:\n        pickle.dump(obj, fh)\n    with gzip.GzipFile(p, "rb") as fh:\n        return pickle.load(fh)',
    // gensim's word2vec and fastText formats run no pickle; a class of this file named like a library's
    'from gensim.models import KeyedVectors\nkv = KeyedVectors.load_word2vec_format("GoogleNews-vectors-negative300.bin", binary=True)',
    'from gensim.models.fasttext import load_facebook_model\nft = load_facebook_model("cc.en.300.bin")',
    'class PPO:\n    @classmethod\n    def load(cls, path):\n        return cls()\nagent = PPO.load("agent.json")',
    // gensim's downloader asked for the path only; the quick-start's own round trip (review s30)
    'import gensim.downloader as api\npath = api.load("glove-wiki-gigaword-50", return_path=True)',
    'from stable_baselines3 import PPO\nmodel = PPO("MlpPolicy", "CartPole-v1")\nmodel.learn(total_timesteps=10_000)\nmodel.save("ppo_cartpole")\ndel model\nmodel = PPO.load("ppo_cartpole")',
  ],
  invalid: [
    // (review federated P2-1) mpi4py's lowercase methods pickle: a peer's object runs code when received (as pyzmq's recv_pyobj)
    {
      code: 'from mpi4py import MPI\ncomm = MPI.COMM_WORLD\nglobal_model = comm.bcast(None, root=0)\nupdate = comm.recv(source=MPI.ANY_SOURCE)\nparts = MPI.COMM_WORLD.Dup().allgather(1)\ndef agg(comm):\n    return comm.gather(1), comm.sendrecv(1, dest=0)',
      errors: [
        { messageId: 'networkDeserialization', line: 3, confidence: 'medium', data: { callee: 'mpi4py.MPI.Comm.bcast', detail: MPI_DETAIL, imports: '' } },
        { messageId: 'networkDeserialization', line: 4, confidence: 'medium', data: { callee: 'mpi4py.MPI.Comm.recv', detail: MPI_DETAIL, imports: '' } },
        { messageId: 'networkDeserialization', line: 5, confidence: 'medium', data: { callee: 'mpi4py.MPI.Comm.allgather', detail: MPI_DETAIL, imports: '' } },
        // (an unannotated parameter: only the name no socket or queue has, at low)
        { messageId: 'networkDeserialization', line: 7, column: 28, confidence: 'low', data: { callee: 'mpi4py.MPI.Comm.sendrecv', detail: MPI_DETAIL, imports: '' } },
      ],
    },
    // (review federated P3-2) torch.distributed's object collectives unpickle what the other ranks send (low: the job's own peers)
    {
      code: 'import torch.distributed as dist\nfrom torch.distributed import recv_object_list\nobjs = [None]\ndist.broadcast_object_list(objs, src=0)\nout = [None] * dist.get_world_size()\ndist.all_gather_object(out, {"loss": 0.1})\nrecv_object_list(objs, src=1)',
      errors: [
        { messageId: 'networkDeserialization', line: 4, confidence: 'low', data: { callee: 'torch.distributed.broadcast_object_list', detail: TORCH_DIST_DETAIL, imports: '' } },
        { messageId: 'networkDeserialization', line: 6, confidence: 'low', data: { callee: 'torch.distributed.all_gather_object', detail: TORCH_DIST_DETAIL, imports: '' } },
        { messageId: 'networkDeserialization', line: 7, confidence: 'low', data: { callee: 'torch.distributed.recv_object_list', detail: TORCH_DIST_DETAIL, imports: '' } },
      ],
    },
    // (review federated P3-1) multiprocessing's Connection.recv() is pickle.loads(recv_bytes()): of Listener().accept(), Client() (high), Pipe() (low: a child of this process)
    {
      code: 'from multiprocessing import Pipe\nfrom multiprocessing.connection import Client, Listener\nlistener = Listener(("0.0.0.0", 6000), authkey=b"secret")\nconn = listener.accept()\nupdate = conn.recv()\nparent, child = Pipe()\nx = parent.recv()\nwith Client(("h", 1)) as c:\n    y = c.recv()',
      errors: [
        { messageId: 'networkDeserialization', line: 5, confidence: 'high', data: { callee: 'multiprocessing.connection.Connection.recv', detail: MP_DETAIL, imports: '' } },
        { messageId: 'networkDeserialization', line: 7, confidence: 'low', data: { callee: 'multiprocessing.connection.Connection.recv', detail: MP_DETAIL, imports: '' } },
        { messageId: 'networkDeserialization', line: 9, confidence: 'high', data: { callee: 'multiprocessing.connection.Connection.recv', detail: MP_DETAIL, imports: '' } },
      ],
    },
    // skops with `trusted=True` builds every type the file names
    {
      code: 'import skops.io as sio\nfrom skops.io import loads\ndef load(path, blob):\n    return sio.load(path, trusted=True), loads(blob, True)',
      errors: [
        { messageId: 'unsafeDeserialization', line: 4, column: 12, data: { callee: 'skops.io.load', detail: ' with `trusted=True` (skops then builds every type the file names, as pickle would)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 4, data: { callee: 'skops.io.loads', detail: ' with `trusted=True` (skops then builds every type the file names, as pickle would)', source: '', imports: '' } },
      ],
    },
    // every type `get_untrusted_types` lists, trusted unreviewed (medium: the list may have been looked at)
    {
      code: 'import skops.io as sio\ndef load(path):\n    unknown = sio.get_untrusted_types(file=path)\n    return sio.load(path, trusted=sio.get_untrusted_types(file=path)), sio.load(path, trusted=unknown)',
      errors: [
        { messageId: 'unsafeDeserialization', line: 4, column: 12, confidence: 'medium', data: { callee: 'skops.io.load', detail: ' trusting every type `get_untrusted_types` lists, unreviewed (skops then builds whatever the file names, as pickle would)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'medium' },
      ],
    },
    // `paddle.static.load(program, model_path, executor)`: the path is the second argument
    { code: 'import paddle\ndef restore(prog, exe, url):\n    paddle.static.load(prog, "model/w", exe)', errors: [{ messageId: 'unsafeDeserialization', line: 3, confidence: 'high' }] },
    // PaddlePaddle's and MegEngine's loaders unpickle the file (a download's: network data)
    {
      code: 'import wget\nimport paddle\nimport megengine as mge\ndef load_model(model, url):\n    wget.download(url, out="w.pdparams")\n    model.set_dict(paddle.load("w.pdparams"))\ndef load_local(path):\n    state = paddle.static.load_program_state(path)\n    return mge.load(path), state',
      errors: [
        { messageId: 'networkDeserialization', line: 6, confidence: 'high' },
        { messageId: 'unsafeDeserialization', line: 8, data: { callee: 'paddle.static.load_program_state', detail: ' (PaddlePaddle saves `.pdparams` and `.pdopt` files as pickles and reads them back with `pickle.load`)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 9, data: { callee: 'megengine.load', detail: " (MegEngine's `load` unpickles the file)", source: '', imports: '' } },
      ],
    },
    // a name bound again after the download is another file; a literal path in either quote is the same file
    {
      code: "import pickle\nimport wget\nimport urllib.request\ndef prepare(url, path):\n    urllib.request.urlretrieve(url, path)\n    path = 'cache/local.pkl'\n    with open(path, 'rb') as f:\n        a = pickle.load(f)\n    wget.download(url, out=\"w.pkl\")\n    return a, pickle.load(open('w.pkl', 'rb'))",
      errors: [
        { messageId: 'unsafeDeserialization', line: 8 },
        { messageId: 'networkDeserialization', line: 10 },
      ],
    },
    // (review federated P3-6) what an asyncio stream's peer sent: `await reader.readexactly(n)`, `readuntil(sep)`
    {
      code: 'import asyncio\nimport pickle\nasync def handle(reader: asyncio.StreamReader, writer):\n    size = int.from_bytes(await reader.readexactly(4), "big")\n    update = pickle.loads(await reader.readexactly(size))\n    return pickle.loads(await reader.readuntil(b"END"))',
      errors: [
        { messageId: 'networkDeserialization', line: 5, confidence: 'high' },
        { messageId: 'networkDeserialization', line: 6, confidence: 'high' },
      ],
    },
    // a file a cloud download wrote (GCS `download_to_filename(tmp.name)`, boto3 `download_file(bucket, key, path)`): network data
    {
      code: 'import pickle\nfrom google.cloud import storage\nfrom tempfile import NamedTemporaryFile\ndef load_blob(bucket, path):\n    with NamedTemporaryFile(mode="rb") as tmp:\n        storage.Client().bucket(bucket).blob(path).download_to_filename(tmp.name)\n        return pickle.load(tmp)',
      errors: [{ messageId: 'networkDeserialization', line: 7, confidence: 'high' }],
    },
    {
      code: 'import boto3\nimport pickle\ns3 = boto3.client("s3")\ndef load(bucket, key, file_path):\n    s3.download_file(bucket, key, file_path)\n    with open(file_path, "rb") as f:\n        return pickle.load(f)\ndef load_local(file_path):\n    with open(file_path, "rb") as f:\n        return pickle.load(f)',
      errors: [
        { messageId: 'networkDeserialization', line: 7, confidence: 'high' },
        { messageId: 'unsafeDeserialization', line: 10, confidence: 'high' },
      ],
    },
    // MLflow's flavors stored as pickles; pyfunc whatever the flavor (medium); not ONNX or Keras
    {
      code: 'import mlflow\nimport mlflow.sklearn\nm = mlflow.sklearn.load_model("models:/churn/Production")\np = mlflow.pyfunc.load_model("runs:/abc/model")\ndef f(uri):\n    return mlflow.pytorch.load_model(uri)\no = mlflow.onnx.load_model("models:/x/1")\nk = mlflow.keras.load_model("models:/y/1")',
      errors: [
        { messageId: 'mlflowPickle', line: 3, confidence: 'high', data: { callee: 'mlflow.sklearn.load_model', flavor: 'sklearn' } },
        { messageId: 'mlflowPyfunc', line: 4, confidence: 'medium', data: { callee: 'mlflow.pyfunc.load_model' } },
        { messageId: 'mlflowPickle', line: 6, confidence: 'high', data: { callee: 'mlflow.pytorch.load_model', flavor: 'pytorch' } },
      ],
    },
    // (review spaces P3-2) a caching or ZeroGPU decorator used as a call over a loader is the loader
    {
      code: 'import functools, pickle, spaces\nimport streamlit as st\nload = st.cache_resource(pickle.load)\nm = load(f)\nn = functools.lru_cache(maxsize=None)(pickle.loads)(blob)\no = spaces.GPU(duration=60)(pickle.loads)(blob)',
      errors: [
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'medium', data: { callee: 'pickle.load', detail: '', source: 'data', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'medium', data: { callee: 'pickle.loads', detail: '', source: 'data', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 6, confidence: 'medium', data: { callee: 'pickle.loads', detail: '', source: 'data', imports: '' } },
      ],
    },
    // (review ray P2-1) `pyfunc.spark_udf(spark, model_uri)` loads the model as `pyfunc.load_model` does, on every executor:
    // its URI is the second argument (the session first)
    {
      code: 'import mlflow\nfrom mlflow.pyfunc import spark_udf\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\npredict = mlflow.pyfunc.spark_udf(spark, model_uri="models:/churn/Production")\ndef score(uri):\n    return spark_udf(spark, uri, result_type="double")',
      errors: [
        { messageId: 'mlflowPyfunc', line: 5, confidence: 'medium', data: { callee: 'mlflow.pyfunc.spark_udf', flavor: 'pyfunc', detail: " (MLflow's pyfunc flavor is stored as a pickle)", source: '', imports: '' } },
        { messageId: 'mlflowPyfunc', line: 7, confidence: 'medium', data: { callee: 'mlflow.pyfunc.spark_udf', flavor: 'pyfunc', detail: " (MLflow's pyfunc flavor is stored as a pickle)", source: '', imports: '' } },
      ],
    },
    // (review mlops P2-1) an MLflow loader picked from a table or by a conditional: medium unless every choice is a
    // pickled flavor's (pyfunc's model may be of any flavor)
    {
      code: 'import mlflow\nLOADERS = {"sklearn": mlflow.sklearn.load_model, "pyfunc": mlflow.pyfunc.load_model}\nPICKLED = {"sklearn": mlflow.sklearn.load_model, "pytorch": mlflow.pytorch.load_model}\nMIXED = {"sklearn": mlflow.sklearn.load_model, "onnx": mlflow.onnx.load_model}\ndef load(uri, flavor, framework):\n    a = LOADERS[flavor](uri)\n    b = PICKLED[flavor](uri)\n    c = MIXED.get(flavor)(uri)\n    fn = mlflow.sklearn.load_model if framework == "sklearn" else mlflow.onnx.load_model\n    return a, b, c, fn(uri)',
      errors: [
        { messageId: 'mlflowPickle', line: 6, confidence: 'medium', data: { callee: 'LOADERS[flavor]', flavor: 'sklearn', detail: " (MLflow's sklearn flavor is stored as a pickle)", source: '', imports: '' } },
        { messageId: 'mlflowPickle', line: 7, confidence: 'high', data: { callee: 'PICKLED[flavor]', flavor: 'sklearn', detail: " (MLflow's sklearn flavor is stored as a pickle)", source: '', imports: '' } },
        { messageId: 'mlflowPickle', line: 8, confidence: 'medium', data: { callee: 'MIXED.get(flavor)', flavor: 'sklearn', detail: " (MLflow's sklearn flavor is stored as a pickle)", source: '', imports: '' } },
        { messageId: 'mlflowPickle', line: 10, confidence: 'medium', data: { callee: 'fn', flavor: 'sklearn', detail: " (MLflow's sklearn flavor is stored as a pickle)", source: '', imports: '' } },
      ],
    },
    // (review automl P2-a) PyCaret's `load_model` (joblib; from a bucket with `platform=`) and AutoGluon's predictors (pickles)
    {
      code: 'from pycaret.classification import load_model\nmodel = load_model("final_lightgbm_pipeline")\nimport pycaret.regression as reg\nr = reg.load_model("pipe", platform="aws", authentication={"bucket": "b"})\nn = reg.load_model(model_name="pipe", platform=None)',
      errors: [
        { messageId: 'unsafeDeserialization', line: 2, confidence: 'high', data: { callee: 'pycaret.classification.load_model', detail: " (PyCaret's `load_model` is `joblib.load` of the saved pipeline, a pickle)", source: '', imports: '' } },
        { messageId: 'networkDeserialization', line: 4, confidence: 'high', data: { callee: 'pycaret.regression.load_model', detail: " (PyCaret's `load_model` is `joblib.load` of the saved pipeline, a pickle)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'high', data: { callee: 'pycaret.regression.load_model', detail: " (PyCaret's `load_model` is `joblib.load` of the saved pipeline, a pickle)", source: '', imports: '' } },
      ],
    },
    {
      code: 'from autogluon.tabular import TabularPredictor\nfrom autogluon.multimodal import MultiModalPredictor\nfrom autogluon.timeseries import TimeSeriesPredictor\ndef serve(path):\n    a = TabularPredictor.load(path)\n    b = MultiModalPredictor.load(path)\n    c = TimeSeriesPredictor.load(path=path)\n    return a, b, c',
      errors: [5, 6, 7].map((line, i) => ({
        messageId: 'unsafeDeserialization',
        line,
        confidence: 'high',
        data: { callee: `${['TabularPredictor', 'MultiModalPredictor', 'TimeSeriesPredictor'][i]}.load`, detail: ' (AutoGluon saves a predictor and its models as pickles)', source: '', imports: '' },
      })),
    },
    // (review mlops P2-2) BentoML's pickled flavors, from its local store (filled from a registry): medium
    {
      code: 'import bentoml\nclf = bentoml.sklearn.load_model("iris_clf:latest")\nm = bentoml.picklable_model.load_model("summarizer:latest")\nt = bentoml.pytorch.load_model("resnet:latest")\nf = bentoml.fastai.load_model(bento_model="fai:latest")',
      errors: ['sklearn', 'picklable_model', 'pytorch', 'fastai'].map((flavor, i) => ({
        messageId: 'unsafeDeserialization',
        line: i + 2,
        confidence: 'medium',
        data: { callee: `bentoml.${flavor}.load_model`, detail: " (BentoML stores this flavor's model as a pickle in its model store, which `bentoml models import` and `pull` fill from a file or a registry)", source: '', imports: '' },
      })),
    },
    // the runner of such a model (BentoML 1.x services), not of a flavor stored without pickle nor of a model of unknown flavor
    {
      code: 'import bentoml\nrunner = bentoml.sklearn.get("iris_clf:latest").to_runner()\nm = bentoml.picklable_model.get("s:latest")\nr2 = m.to_runner()\nr3 = bentoml.onnx.get("o:latest").to_runner()\nr4 = bentoml.models.get("x:latest").to_runner()',
      errors: ['sklearn', 'picklable_model'].map((flavor, i) => ({
        messageId: 'unsafeDeserialization',
        line: 2 * i + 2,
        confidence: 'medium',
        data: { callee: `bentoml.${flavor}.get(…).to_runner`, detail: " (BentoML stores this flavor's model as a pickle in its model store, which `bentoml models import` and `pull` fill from a file or a registry)", source: '', imports: '' },
      })),
    },
    // a PyCaret experiment's `load_model`; a BentoML model's own `load_model()` (its flavor's)
    {
      code: 'from pycaret.classification import ClassificationExperiment\nimport bentoml\nexp = ClassificationExperiment()\npipe = exp.load_model("final")\nm = bentoml.sklearn.get("iris_clf:latest")\nclf = m.load_model()',
      errors: [
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'high', data: { callee: 'exp.load_model', detail: " (PyCaret's `load_model` is `joblib.load` of the saved pipeline, a pickle)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 6, confidence: 'medium', data: { callee: 'bentoml.sklearn.get(…).load_model', detail: " (BentoML stores this flavor's model as a pickle in its model store, which `bentoml models import` and `pull` fill from a file or a registry)", source: '', imports: '' } },
      ],
    },
    // (review tabular P2-2) Surprise's `dump.load` and darts' `<Model>.load`: pickles
    {
      code: 'from surprise import dump\nfrom darts.models import TFTModel, ExponentialSmoothing\n_, algo = dump.load("svd_dump")\ntft = TFTModel.load("tft_model.pt")\nes = ExponentialSmoothing.load("es_model.pkl")',
      errors: [
        { messageId: 'unsafeDeserialization', line: 3, confidence: 'high', data: { callee: 'surprise.dump.load', detail: " (Surprise's `dump.load` is `pickle.load` of the file)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'high', data: { callee: 'TFTModel.load', detail: " (darts' `load`, `load_from_checkpoint`, `load_weights` and `load_weights_from_checkpoint` unpickle the saved model object)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'high', data: { callee: 'ExponentialSmoothing.load', detail: " (darts' `load`, `load_from_checkpoint`, `load_weights` and `load_weights_from_checkpoint` unpickle the saved model object)", source: '', imports: '' } },
      ],
    },
    // fastai's load_learner: the whole pickled Learner (the Hugging Face Spaces template; review github3 P6)
    {
      code: 'from fastai.vision.all import *\nimport gradio as gr\nlearn = load_learner("export.pkl")',
      errors: [{ messageId: 'unsafeDeserialization', line: 3, data: { callee: 'fastai.load_learner', detail: ' (`torch.load` of the whole pickled `Learner`, with a `pickle_module`, so `weights_only` cannot apply)' } }],
    },
    {
      code: 'from fastai.learner import load_learner\nfrom huggingface_hub import hf_hub_download\nlearn = load_learner(hf_hub_download("org/pets", "model.pkl"))',
      errors: [{ messageId: 'networkDeserialization', confidence: 'high' }],
    },
    {
      code: 'import nltk\ntok = nltk.data.load("tokenizers/punkt/english.pickle")',
      errors: [{ messageId: 'nltkPickle', line: 2, confidence: 'high', data: { callee: 'nltk.data.load' } }],
    },
    {
      // written on some paths only (a cache built when missing): this code's own file there, whatever is on disk elsewhere
      code: 'import os, pickle\ndef cached(compute):\n    if not os.path.exists("c.pkl"):\n        with open("c.pkl", "wb") as f:\n            pickle.dump(compute(), f)\n    with open("c.pkl", "rb") as f:\n        return pickle.load(f)',
      errors: [{ messageId: 'savedOnSomePaths', line: 7, confidence: 'medium', data: { callee: 'pickle.load', line: '5' } }],
    },
    {
      // a path parameter with a `None` default is still the file this code writes (nltk/tbl/demo.py)
      code: 'import os, pickle\ndef load_cached(data, p=None):\n    if not os.path.exists(p):\n        with open(p, "w") as f:\n            pickle.dump(data, f)\n    with open(p) as f:\n        return pickle.load(f)',
      errors: [{ messageId: 'savedOnSomePaths', line: 7, confidence: 'medium', data: { callee: 'pickle.load', line: '5' } }],
    },
    {
      // nltk/tbl/demo.py: a message naming the path in between only reads its name
      code: 'import os, pickle\ndef demo(data, cache=None):\n    if cache:\n        if not os.path.exists(cache):\n            with open(cache, "w") as f:\n                pickle.dump(data, f)\n            print("Pickled it to {}".format(cache))\n        with open(cache) as f:\n            return pickle.load(f)',
      errors: [{ messageId: 'savedOnSomePaths', line: 9, confidence: 'medium', data: { callee: 'pickle.load', line: '6' } }],
    },
    {
      // pandas: written under an `if`, whatever the path's binding (`with … as path`)
      code: 'import pandas as pd\nimport pandas._testing as tm\ndef f(df, fresh):\n    with tm.ensure_clean("x") as path:\n        if fresh:\n            df.to_pickle(path)\n        return pd.read_pickle(path)',
      errors: [{ messageId: 'savedOnSomePaths', line: 7, confidence: 'medium', data: { callee: 'pandas.read_pickle', line: '6' } }],
    },
    {
      // written in the other branch only: the load reads whatever is on disk (high, not savedOnSomePaths)
      code: 'import os, pickle\ndef emb(build, reload=False):\n    if reload or not os.path.isfile("e.pkl"):\n        pickle.dump(build(), open("e.pkl", "wb"))\n    else:\n        return pickle.load(open("e.pkl", "rb"))',
      errors: [{ messageId: 'unsafeDeserialization', line: 6, confidence: 'high' }],
    },
    // a loader handed to an API that calls it on every item: medium
    {
      code: 'import pickle\nxs = list(map(pickle.loads, blobs))',
      errors: [{ messageId: 'callback', line: 2, confidence: 'medium', data: { callee: 'pickle.loads', via: 'map', detail: '' } }],
    },
    // (review s33py P2-2) a local forwarder of any name
    { code: 'import pickle\ndef retry(func, *args, **kwargs):\n    return func(*args, **kwargs)\ndef f(b):\n    return retry(pickle.loads, b)', errors: [{ messageId: 'callback', line: 5, confidence: 'medium', data: { callee: 'pickle.loads', via: 'retry', detail: '' } }] },
    // (review ray P2-2) Beam's scikit-learn model handlers unpickle the model at the URI on every worker (pickle, or joblib):
    // a library entry point, medium; a bucket URI is network data
    {
      code: 'from apache_beam.ml.inference.sklearn_inference import ModelFileType, SklearnModelHandlerNumpy, SklearnModelHandlerPandas\nhandler = SklearnModelHandlerNumpy(model_uri="gs://apache-beam-ml/models/mnist_model_svm.pickle", model_file_type=ModelFileType.PICKLE)\ndef make(uri):\n    return SklearnModelHandlerPandas(uri, ModelFileType.JOBLIB)',
      errors: [
        { messageId: 'networkDeserialization', line: 2, confidence: 'medium', data: { callee: 'SklearnModelHandlerNumpy', detail: " (Beam's scikit-learn model handler loads the model on every worker with `pickle.load`, or `joblib.load` for `ModelFileType.JOBLIB`)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'medium', data: { callee: 'SklearnModelHandlerPandas', detail: " (Beam's scikit-learn model handler loads the model on every worker with `pickle.load`, or `joblib.load` for `ModelFileType.JOBLIB`)", source: '', imports: '' } },
      ],
    },
    // (review ray P3-3) a Spark RDD's per-element methods and Ray's remote tasks call the loader; `sc.pickleFile` unpickles
    // every element of the saved RDD (from a bucket: network data)
    {
      code: 'import pickle, ray\nfrom pyspark import SparkContext\nsc = SparkContext.getOrCreate()\na = sc.binaryFiles("s3a://b/m/").mapValues(pickle.loads)\nb = sc.binaryFiles("s3a://b/m/").values().flatMap(pickle.loads)\nc = sc.pickleFile("s3a://shared-bucket/models/ensemble")\nd = ray.remote(num_cpus=1)(pickle.load).remote(f)\ndef load(path):\n    return sc.pickleFile(path)',
      errors: [
        { messageId: 'callback', line: 4, confidence: 'medium', data: { callee: 'pickle.loads', via: '.mapValues', detail: '' } },
        { messageId: 'callback', line: 5, confidence: 'medium', data: { callee: 'pickle.loads', via: '.flatMap', detail: '' } },
        { messageId: 'networkDeserialization', line: 6, confidence: 'high', data: { callee: 'SparkContext.pickleFile', detail: " (PySpark's `pickleFile` unpickles every element of the saved RDD)", source: '', imports: '' } },
        { messageId: 'callback', line: 7, confidence: 'medium', data: { callee: 'pickle.load', via: 'ray.remote', detail: '' } },
        { messageId: 'unsafeDeserialization', line: 9, confidence: 'high', data: { callee: 'SparkContext.pickleFile', detail: " (PySpark's `pickleFile` unpickles every element of the saved RDD)", source: '', imports: '' } },
      ],
    },
    {
      code: 'from pyspark import SparkContext\nsc = SparkContext.getOrCreate()\ndef f(rdd, p, fresh):\n    if fresh:\n        rdd.saveAsPickleFile(p)\n    return sc.pickleFile(p)',
      errors: [{ messageId: 'savedOnSomePaths', line: 6, confidence: 'medium', data: { callee: 'SparkContext.pickleFile', line: '5' } }],
    },
    // (review spaces P3-1) a loader handed to Gradio as the callback of an interface or an event listener: called with what a user uploads
    {
      code: 'import gradio as gr\nimport pickle\ndemo = gr.Interface(fn=pickle.load, inputs=gr.File(), outputs="text")\nwith gr.Blocks() as app:\n    f = gr.File()\n    out = gr.JSON()\n    gr.Button("load").click(fn=pickle.loads, inputs=f, outputs=out)',
      errors: [
        { messageId: 'callback', line: 3, confidence: 'medium', data: { callee: 'pickle.load', via: 'Interface', detail: '' } },
        { messageId: 'callback', line: 7, confidence: 'medium', data: { callee: 'pickle.loads', via: '.click', detail: '' } },
      ],
    },
    {
      code: 'import marshal\nfrom joblib import delayed\nxs = [delayed(marshal.loads)(b) for b in blobs]',
      errors: [{ messageId: 'callbackMarshal', line: 3, data: { callee: 'marshal.loads', via: 'delayed' } }],
    },
    // `*args` of the function: its parameters, high
    {
      code: 'import pickle\ndef a(*args):\n    return pickle.load(*args)',
      errors: [{ messageId: 'unsafeDeserialization', line: 3, confidence: 'high' }],
    },
    {
      code: 'import pickle\n\nwith open("model.pkl", "rb") as f:\n    model = pickle.load(f)',
      errors: [{ messageId: 'unsafeDeserialization', line: 4, column: 13, confidence: 'high', data: { callee: 'pickle.load', detail: '' } }],
    },
    { code: 'import pickle\nx = pickle.loads(blob)', errors: [{ messageId: 'unsafeDeserialization', confidence: 'medium' }] },
    // data known to come from the network: a response, a socket, a parameter named like a message (messages say so)
    {
      code: 'import pickle, requests\nx = pickle.loads(requests.get(u).content)',
      errors: [
        {
          messageId: 'networkDeserialization',
          confidence: 'high',
          message:
            '`pickle.loads` deserializes data that can come from the network (a download, a socket, a remote message), and such data can run arbitrary code when it is loaded: a crafted response or message executes on this machine. Exchange data as JSON (weights as safetensors), or authenticate it (an HMAC over the bytes) before loading.',
        },
      ],
    },
    { code: 'import pickle\ndef serve(sock):\n    while True:\n        obj = pickle.loads(sock.recv(4096))', errors: [{ messageId: 'networkDeserialization', line: 4, confidence: 'high' }] },
    // an object read from cloud storage (review serve, P3): S3's `get_object`, Azure's `download_blob`, GCS's `download_as_bytes`
    { code: 'import pickle, io, boto3\ns3 = boto3.client("s3")\nobj = s3.get_object(Bucket="models", Key="model.pkl")\nmodel = pickle.load(io.BytesIO(obj["Body"].read()))', errors: [{ messageId: 'networkDeserialization', confidence: 'high' }] },
    { code: 'import pickle\nfrom azure.storage.blob import BlobServiceClient\nclient = BlobServiceClient.from_connection_string(cs).get_blob_client(container="m", blob="model.pkl")\nmodel = pickle.loads(client.download_blob().readall())', errors: [{ messageId: 'networkDeserialization', confidence: 'high' }] },
    { code: 'import pickle\nfrom google.cloud import storage\nblob = storage.Client().bucket("models").blob("model.pkl")\nmodel = pickle.loads(blob.download_as_bytes())', errors: [{ messageId: 'networkDeserialization', confidence: 'high' }] },
    // mergekit's lazy loader (review convert): `pickle.Unpickler` replaced by an allowlisting subclass while a
    // context manager runs; the direct call is restricted only while the patch is in force (medium)
    {
      code: 'import contextlib, pickle\nclass Allow(pickle.Unpickler):\n    def find_class(self, module, name):\n        if (module, name) in ALLOWED:\n            return ALLOWED[(module, name)]\n        raise pickle.UnpicklingError(name)\n@contextlib.contextmanager\ndef lazy():\n    old = pickle.Unpickler\n    try:\n        def load_patch(*args, **kwargs):\n            return pickle.Unpickler(*args, **kwargs).load()\n        pickle.Unpickler = Allow\n        pickle.load = load_patch\n        yield\n    finally:\n        pickle.Unpickler = old',
      errors: [{ messageId: 'unsafeDeserialization', line: 12, confidence: 'medium', data: { callee: 'pickle.Unpickler', detail: ' (this file replaces `pickle.Unpickler` with `Allow`, which restricts `find_class`: while that patch is in force the load is restricted, outside it not)' } }],
    },
    // a patch with a subclass that lets every global through restricts nothing
    {
      code: 'import pickle\nclass Remap(pickle.Unpickler):\n    def find_class(self, module, name):\n        return super().find_class(module.replace("old", "new"), name)\npickle.Unpickler = Remap\nobj = pickle.Unpickler(open(p, "rb")).load()',
      errors: [{ messageId: 'unsafeDeserialization', confidence: 'medium', data: { callee: 'pickle.Unpickler', detail: '' } }],
    },
    // loaders of other libraries that unpickle (review persist): gensim, statsmodels, stable-baselines3
    {
      code: 'from gensim.models import KeyedVectors, Word2Vec\nkv = KeyedVectors.load("vectors.kv", mmap="r")\nw2v = Word2Vec.load(path)',
      errors: [
        { messageId: 'unsafeDeserialization', line: 2, confidence: 'high', data: { callee: 'KeyedVectors.load', detail: ' (gensim saves its models and dictionaries as pickles)' } },
        { messageId: 'unsafeDeserialization', line: 3, confidence: 'medium', data: { callee: 'Word2Vec.load', detail: ' (gensim saves its models and dictionaries as pickles)' } },
      ],
    },
    {
      code: 'import gensim.downloader as api\nwv = api.load("glove-wiki-gigaword-50")',
      errors: [{ messageId: 'networkDeserialization', confidence: 'high', data: { callee: 'gensim.downloader.load', detail: " (gensim's downloader fetches the data and a Python module from the gensim-data releases, and runs that module to load it: some models are pickles, and the module's code runs whatever the format)" } }],
    },
    {
      code: 'import statsmodels.api as sm\nfrom statsmodels.tsa.arima.model import ARIMAResults\nres = ARIMAResults.load("arima.pkl")\nold = sm.load("ols.pickle")',
      errors: [
        { messageId: 'unsafeDeserialization', line: 3, confidence: 'high', data: { callee: 'ARIMAResults.load', detail: ' (statsmodels saves results as pickles)' } },
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'high', data: { callee: 'statsmodels.api.load', detail: ' (statsmodels saves results as pickles)' } },
      ],
    },
    {
      code: 'from huggingface_sb3 import load_from_hub\nfrom stable_baselines3 import PPO\nfrom stable_baselines3.common.vec_env import VecNormalize\ncheckpoint = load_from_hub(repo_id="sb3/ppo-CartPole-v1", filename="ppo-CartPole-v1.zip")\nmodel = PPO.load(checkpoint)\nenv = VecNormalize.load("vecnormalize.pkl", venv)',
      errors: [
        { messageId: 'networkDeserialization', line: 5, confidence: 'high', data: { callee: 'PPO.load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)' } },
        { messageId: 'unsafeDeserialization', line: 6, confidence: 'high' },
      ],
    },
    // a buffer appended to in a receive loop (review net)
    { code: 'import pickle, socket\ndef receive(sk):\n    rev_data = bytes()\n    while True:\n        temp = sk.recv(10485760)\n        rev_data += temp\n        if rev_data.endswith(b"end"):\n            rev_data = rev_data[:-3]\n            break\n    return pickle.loads(rev_data)', errors: [{ messageId: 'networkDeserialization', line: 10, confidence: 'high' }] },
    { code: 'import pickle, socket\nsk = socket.socket()\nbuf = bytes()\nwhile True:\n    chunk = sk.recv(4096)\n    buf += chunk\n    if not chunk:\n        break\nobj = pickle.loads(buf)', errors: [{ messageId: 'networkDeserialization', line: 9, confidence: 'high' }] },
    // pandas fetches a URL itself (review persist)
    { code: 'import pandas as pd\nURL = "https://example.com/models/model.pkl"\ndf = pd.read_pickle(URL)', errors: [{ messageId: 'networkDeserialization', confidence: 'high', data: { callee: 'pandas.read_pickle', detail: ' (a pickled DataFrame is a pickle)' } }] },
    { code: 'import pandas as pd\ndf = pd.read_pickle(f"s3://{bucket}/frames/df.pkl")', errors: [{ messageId: 'networkDeserialization' }] },
    { code: 'import pandas as pd\ndf = pd.read_pickle("cache/df.pkl")', errors: [{ messageId: 'unsafeDeserialization', confidence: 'high' }] },
    // (review s30) gensim's own unpickler; an agent saved on one branch only; a method of this file named like a cloud read
    { code: 'import gensim.utils\nu = gensim.utils.unpickle("model.pkl")', errors: [{ messageId: 'unsafeDeserialization', confidence: 'high', data: { callee: 'gensim.utils.unpickle', detail: ' (gensim saves its models and dictionaries as pickles)' } }] },
    {
      code: 'from stable_baselines3 import PPO\ndef run(train):\n    if train:\n        model = PPO("MlpPolicy", "CartPole-v1")\n        model.learn(1000)\n        model.save("ppo_cartpole")\n    return PPO.load("ppo_cartpole")',
      errors: [{ messageId: 'savedOnSomePaths', line: 7, confidence: 'medium', data: { callee: 'PPO.load', line: '6' } }],
    },
    { code: 'import pickle, boto3\nclass View:\n    def get_object(self):\n        return self.cache\n    def handle(self):\n        return pickle.loads(self.get_object())', errors: [{ messageId: 'unsafeDeserialization', confidence: 'medium' }] },
    // (review s30, tests) statsmodels' load_pickle, stable-baselines3's zip reader and sb3_contrib, Azure's content_as_bytes
    { code: 'from statsmodels.iolib.smpickle import load_pickle\nres = load_pickle("ols.pickle")', errors: [{ messageId: 'unsafeDeserialization', confidence: 'high', data: { callee: 'statsmodels.iolib.smpickle.load_pickle', detail: ' (statsmodels saves results as pickles)' } }] },
    {
      code: 'from stable_baselines3 import SAC\nfrom stable_baselines3.common.save_util import load_from_pkl\ndef resume(a, b):\n    buf = load_from_pkl(b)\n    model = SAC.load(a)\n    model.load_replay_buffer(b)\n    fresh = SAC("MlpPolicy", "Pendulum-v1")\n    fresh.save_replay_buffer("buf.pkl")\n    fresh.load_replay_buffer("buf.pkl")\n    a.load_replay_buffer(b)',
      errors: [
        { messageId: 'unsafeDeserialization', line: 4, data: { callee: 'stable_baselines3.common.save_util.load_from_pkl', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 5 },
        { messageId: 'unsafeDeserialization', line: 6, data: { callee: 'model.load_replay_buffer', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
      ],
    },
    // (review rl P2-2) RL Zoo's `ALGOS[algo].load(p)`, and a class picked from a local table of SB3 classes; one that may
    // also be a class of another package: medium
    {
      code: 'from rl_zoo3 import ALGOS\nfrom rl_zoo3.utils import ALGOS as ZOO\nfrom stable_baselines3 import PPO, SAC\nimport mylib\nalgos = {"ppo": PPO, "sac": SAC}\nmixed = {"ppo": PPO, "mine": mylib.Agent}\ndef enjoy(algo, model_path):\n    a = ALGOS[algo].load(model_path, custom_objects={}, device="cpu")\n    b = ZOO[algo].load(model_path)\n    c = algos[algo].load(model_path)\n    d = mixed[algo].load(model_path)\n    return a, b, c, d',
      errors: [
        { messageId: 'unsafeDeserialization', line: 8, confidence: 'high', data: { callee: 'ALGOS[algo].load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 9, confidence: 'high', data: { callee: 'ZOO[algo].load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 10, confidence: 'high', data: { callee: 'algos[algo].load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 11, confidence: 'medium', data: { callee: 'mixed[algo].load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
      ],
    },
    // (review s33py P3-3) the class picked through a name or with `.get`
    {
      code: 'from rl_zoo3 import ALGOS\ndef enjoy(algo, model_path):\n    cls = ALGOS[algo]\n    a = cls.load(model_path)\n    b = ALGOS.get(algo).load(model_path)\n    return a, b',
      errors: [
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'high', data: { callee: 'cls.load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'high', data: { callee: 'ALGOS.get(algo).load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
      ],
    },
    {
      code: 'from stable_baselines3 import PPO, SAC\nALGOS = {"ppo": PPO, "sac": SAC}\ndef load_agent(algo, path):\n    cls = ALGOS[algo]\n    b = cls.load(path)\n    c = ALGOS.get(algo).load(path)\n    return b, c',
      errors: [
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'high', data: { callee: 'cls.load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 6, confidence: 'high', data: { callee: 'ALGOS.get(algo).load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } },
      ],
    },
    // (review rl P1) a file whose only loader is `load_from_pkl`, `load_replay_buffer` or `load_program_state` is not prefiltered away
    { code: 'from stable_baselines3.common.save_util import load_from_pkl\nreplay_buffer = load_from_pkl("dopamine_sb3_buffer.pkl")', errors: [{ messageId: 'unsafeDeserialization', line: 2, confidence: 'high', data: { callee: 'stable_baselines3.common.save_util.load_from_pkl', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } }] },
    { code: 'from stable_baselines3 import DQN\nmodel = DQN("MlpPolicy", "CartPole-v1")\nmodel.load_replay_buffer("dqn_replay_buffer.pkl")', errors: [{ messageId: 'unsafeDeserialization', line: 3, confidence: 'high', data: { callee: 'model.load_replay_buffer', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)', source: '', imports: '' } }] },
    { code: 'import paddle\nstate = paddle.static.load_program_state("model/ppo_actor")', errors: [{ messageId: 'unsafeDeserialization', line: 2, confidence: 'high', data: { callee: 'paddle.static.load_program_state', detail: ' (PaddlePaddle saves `.pdparams` and `.pdopt` files as pickles and reads them back with `pickle.load`)', source: '', imports: '' } }] },
    { code: 'from stable_baselines3.common.save_util import load_from_zip_file\nfrom sb3_contrib import RecurrentPPO\ndata, params, _ = load_from_zip_file("agent.zip")\nagent = RecurrentPPO.load("lstm_agent.zip")', errors: [{ messageId: 'unsafeDeserialization', line: 3 }, { messageId: 'unsafeDeserialization', line: 4, data: { callee: 'RecurrentPPO.load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)' } }] },
    { code: 'import pickle\nfrom azure.storage.blob import BlobClient\nblob = BlobClient.from_blob_url(url)\nmodel = pickle.loads(blob.download_blob().content_as_bytes())', errors: [{ messageId: 'networkDeserialization', confidence: 'high' }] },
    // a `get_object` of anything else (a Django view's): data of unknown origin
    { code: 'import pickle\ndef get(self, request, pk):\n    obj = self.get_object()\n    return pickle.loads(obj.payload)', errors: [{ messageId: 'unsafeDeserialization', confidence: 'medium' }] },
    { code: 'import pickle\ndef handle(request):\n    return pickle.loads(request.body)', errors: [{ messageId: 'networkDeserialization', confidence: 'high' }] },
    { code: 'import pickle, zlib\ndef on_message(self, msg):\n    return pickle.loads(zlib.decompress(msg.payload))', errors: [{ messageId: 'networkDeserialization' }] },
    { code: 'import pickle\ndef restore(event):\n    return pickle.loads(event.data)', errors: [{ messageId: 'unsafeDeserialization' }] },
    // Pyro4: `pickle` is the Python 3 module the except branch imports; marshal builds code objects, it runs none
    {
      code: 'import marshal\ntry:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\nclass PickleSerializer:\n    def loads(self, data):\n        return pickle.loads(data)\ndef deserialize_blob_args(protocolmsg):\n    blobinfo, objId, method = marshal.loads(protocolmsg.annotations["BLBI"])\n    return objId, method',
      errors: [
        { messageId: 'unsafeDeserialization', line: 8, data: { callee: 'pickle.loads', detail: '' } },
        {
          messageId: 'unsafeMarshal',
          line: 10,
          message:
            '`marshal.loads` reads data that can come from the network with marshal, which is not secure against erroneous or malicious data: crafted bytes can crash the interpreter, and a code object it rebuilds runs whatever it holds once the program executes it. Exchange data as JSON.',
        },
      ],
    },
    // an entry of a parameter (MLflow's `load_context`): high; of `self`: not followed
    {
      code: 'import pickle\nclass W:\n    def load_context(self, context):\n        with open(context.artifacts["model"], "rb") as f:\n            self.m = pickle.load(f)\n        with open(self.paths["x"], "rb") as g:\n            self.x = pickle.load(g)',
      errors: [
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'high' },
        { messageId: 'unsafeDeserialization', line: 7, confidence: 'medium' },
      ],
    },
    // a file uploaded to a web handler: what a client sent (read as `.file`, `.stream` or `await .read()`)
    {
      code: 'import pickle\nfrom fastapi import UploadFile, File\nfrom werkzeug.datastructures import FileStorage\nasync def upload(model_upload: UploadFile):\n    return pickle.load(model_upload.file)\nasync def b(file: UploadFile = File(...)):\n    data = await file.read()\n    return pickle.loads(data)\ndef c(f: FileStorage):\n    return pickle.load(f.stream)\ndef d(upload):\n    return pickle.load(upload.file)',
      errors: [
        { messageId: 'networkDeserialization', line: 5, confidence: 'high' },
        { messageId: 'networkDeserialization', line: 8, confidence: 'high' },
        { messageId: 'networkDeserialization', line: 10, confidence: 'high' },
        { messageId: 'unsafeDeserialization', line: 12, confidence: 'high' },
      ],
    },
    { code: 'import pickle\nimport streamlit as st\nup = st.file_uploader("model")\nm = pickle.load(up)', errors: [{ messageId: 'unsafeDeserialization', confidence: 'high' }] },
    // what a client sent: a web request's body, a model server's request batch (TorchServe, KServe)
    {
      code: 'import pickle\nfrom fastapi import FastAPI, Request\napp = FastAPI()\n@app.post("/p")\nasync def predict(request: Request):\n    return pickle.loads(await request.body())',
      errors: [{ messageId: 'networkDeserialization', confidence: 'high' }],
    },
    {
      code: 'import pickle\nfrom ts.torch_handler.base_handler import BaseHandler\nclass H(BaseHandler):\n    def preprocess(self, data):\n        return [pickle.loads(row.get("data") or row.get("body")) for row in data]',
      errors: [{ messageId: 'networkDeserialization', confidence: 'high' }],
    },
    {
      code: 'import pickle\nimport kserve\nclass M(kserve.Model):\n    def predict(self, payload, headers=None):\n        return pickle.loads(payload["instances"][0])',
      errors: [{ messageId: 'networkDeserialization', confidence: 'high' }],
    },
    // a method of the same name in a class that serves nothing: its caller's data, not known
    {
      code: 'import pickle\nclass Cache:\n    def preprocess(self, data):\n        return [pickle.loads(row.get("body")) for row in data]',
      errors: [{ messageId: 'unsafeDeserialization', confidence: 'medium' }],
    },
    // unpacked from a parameter (distributed's event handlers): the caller's data, as `event[1]` is
    {
      code: 'import pickle\ndef handle(event):\n    _, msg = event\n    a = pickle.loads(msg["message"])\n    b = pickle.loads(event[1]["message"])',
      errors: [
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'high' },
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'high' },
      ],
    },
    { code: 'import pickle\nclass H:\n    def handle(self):\n        _, msg = self.event\n        return pickle.loads(msg)', errors: [{ messageId: 'unsafeDeserialization', confidence: 'medium' }] },
    // a file the user picks in an "open" dialog (nltk's chart parser app): user input
    {
      code: 'import pickle\nfrom tkinter.filedialog import askopenfilename\ndef load_chart_cb():\n    filename = askopenfilename(filetypes=[("Pickle file", ".pickle")])\n    if not filename:\n        return None\n    with open(filename, "rb") as infile:\n        return pickle.load(infile)',
      errors: [{ messageId: 'unsafeDeserialization', line: 8, confidence: 'high' }],
    },
    {
      code: 'import pickle\nfrom PyQt5.QtWidgets import QFileDialog\ndef open_model(parent):\n    name, _ = QFileDialog.getOpenFileName(parent, "Open model")\n    with open(name, "rb") as f:\n        return pickle.load(f)',
      errors: [{ messageId: 'unsafeDeserialization', line: 6, confidence: 'high' }],
    },
    // what pytest hands a test (a fixture of the suite, here one that pickles into its private tmp dir): medium
    {
      code: 'import pickle\nimport pytest\n@pytest.fixture\ndef pickled_net_path(tmp_path):\n    path = str(tmp_path / "net.pkl")\n    with open(path, "wb") as f:\n        pickle.dump({"w": [1]}, f)\n    return path\ndef test_pickle_load(pickled_net_path):\n    with open(pickled_net_path, "rb") as f:\n        return pickle.load(f)',
      errors: [{ messageId: 'unsafeDeserialization', line: 11, confidence: 'medium' }],
    },
    {
      code: 'import pickle\nimport pytest\n@pytest.fixture(scope="module")\ndef model(model_path):\n    with open(model_path, "rb") as f:\n        return pickle.load(f)',
      errors: [{ messageId: 'unsafeDeserialization', line: 6, confidence: 'medium' }],
    },
    {
      code: 'import os, pickle\ndef test_load(tmp_path):\n    with open(os.path.join(tmp_path, "m.pkl"), "rb") as f:\n        return pickle.load(f)',
      filename: 'tests/test_io.py',
      errors: [{ messageId: 'unsafeDeserialization', line: 4, confidence: 'medium' }],
    },
    // the same outside a test module, and a library function of a test module: a caller's data, high
    { code: 'import os, pickle\ndef test_load(tmp_path):\n    with open(os.path.join(tmp_path, "m.pkl"), "rb") as f:\n        return pickle.load(f)', errors: [{ messageId: 'unsafeDeserialization', line: 4, confidence: 'high' }] },
    {
      code: 'import pickle\ndef load_model(path):\n    with open(path, "rb") as f:\n        return pickle.load(f)',
      filename: 'tests/helpers.py',
      errors: [{ messageId: 'unsafeDeserialization', line: 4, confidence: 'high' }],
    },
    // an attribute a subclass inherits from a base class of the file, set from a constructor parameter
    // (optuna's LightGBM tuners): the same confidence in both classes
    {
      code: 'import os, pickle\nclass Base:\n    def __init__(self, model_dir=None):\n        self._model_dir = model_dir\n    def best(self, n):\n        with open(os.path.join(self._model_dir, f"{n}.pkl"), "rb") as f:\n            return pickle.load(f)\nclass Sub(Base):\n    def best(self, n):\n        with open(os.path.join(self._model_dir, f"{n}.pkl"), "rb") as f:\n            return pickle.load(f)',
      errors: [
        { messageId: 'unsafeDeserialization', line: 7, confidence: 'high' },
        { messageId: 'unsafeDeserialization', line: 11, confidence: 'high' },
      ],
    },
    // an attribute of `self` is the object's own state: no more certain than before
    { code: 'import pickle\nclass C:\n    def load(self):\n        return pickle.load(self.file)', errors: [{ messageId: 'unsafeDeserialization', confidence: 'medium' }] },
    { code: 'import pickle, io\nx = pickle.Unpickler(io.BytesIO(b)).load()', errors: [{ messageId: 'unsafeDeserialization', column: 5 }] },
    { code: 'from pickle import loads as L\nx = L(b)', errors: [{ messageId: 'unsafeDeserialization', data: { callee: 'pickle.loads', detail: '' } }] },
    { code: 'import dill\nx = dill.loads(b)', errors: [{ messageId: 'unsafeDeserialization' }] },
    { code: 'import cloudpickle\nx = cloudpickle.load(f)', errors: [{ messageId: 'unsafeDeserialization' }] },
    // a LangChain vector store that unpickles its saved index once allowed to
    {
      code: 'from langchain_community.vectorstores import FAISS\ndef load(path, emb):\n    return FAISS.load_local(path, emb, allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStore', confidence: 'high', line: 3 }],
    },
    // (review rag P3-3) a class attribute or settings field that is True unless changed: medium, not low
    {
      code: 'from langchain_community.vectorstores import FAISS\nclass Store:\n    ALLOW = True\n    def load(self, emb):\n        return FAISS.load_local(self.path, emb, allow_dangerous_deserialization=self.ALLOW)',
      errors: [{ messageId: 'vectorStore', confidence: 'medium', line: 5 }],
    },
    {
      code: 'from langchain_community.vectorstores import FAISS\nfrom pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    allow_pickle: bool = True\nsettings = Settings()\ndb = FAISS.load_local("idx", emb, allow_dangerous_deserialization=settings.allow_pickle)',
      errors: [{ messageId: 'vectorStore', confidence: 'medium', line: 6 }],
    },
    // the flag a same-file caller passes to the helper's parameter, or into the `**kwargs` it forwards
    {
      code: 'from langchain_community.vectorstores import FAISS\ndef load_index(emb, path="idx", allow_dangerous_deserialization=False):\n    return FAISS.load_local(path, emb, allow_dangerous_deserialization=allow_dangerous_deserialization)\ndef main(emb):\n    return load_index(emb, "uploads/user_index", allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStore', confidence: 'high', line: 3 }],
    },
    {
      code: 'from langchain_community.vectorstores import FAISS\ndef load_store(path, emb, **kwargs):\n    return FAISS.load_local(path, emb, **kwargs)\nstore = load_store("idx", None, allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStore', confidence: 'high', line: 3 }],
    },
    // a mapping that cannot be read (options from a JSON file): the call fails without the flag, so it most likely sets it
    {
      code: 'import json\nfrom langchain_community.vectorstores import FAISS\nopts = json.load(open("cfg.json"))\nvs = FAISS.load_local(opts["path"], None, **opts["load_kwargs"])',
      errors: [{ messageId: 'vectorStore', confidence: 'low' }],
    },
    // the flag four merges down (`{**d0, …}` chains are read as deep as 16 levels)
    {
      code: "from langchain_community.vectorstores import FAISS\nd0 = {'allow_dangerous_deserialization': True}\nd1 = {**d0, 'k1': 1}\nd2 = {**d1, 'k2': 2}\nd3 = {**d2, 'k3': 3}\nd4 = {**d3, 'k4': 4}\nv = FAISS.load_local('idx', None, **d4)",
      errors: [{ messageId: 'vectorStore', confidence: 'high' }],
    },
    // (review rag P2-1) a store's load_local handed to an API that calls it: the flag among the keywords the API passes on,
    // in the partial it is handed, or in the `**kw` it forwards from a caller
    {
      code: 'import asyncio\nfrom langchain_community.vectorstores import FAISS\nasync def aload(path, emb):\n    return await asyncio.to_thread(FAISS.load_local, path, emb, allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStore', confidence: 'high', line: 4, data: { callee: 'FAISS.load_local' } }],
    },
    {
      code: 'import asyncio, functools\nfrom langchain_community.vectorstores import FAISS\nasync def aload(path, emb):\n    loop = asyncio.get_running_loop()\n    return await loop.run_in_executor(None, functools.partial(FAISS.load_local, path, emb, allow_dangerous_deserialization=True))',
      errors: [{ messageId: 'vectorStore', confidence: 'high', line: 5, data: { callee: 'FAISS.load_local' } }],
    },
    {
      code: 'from concurrent.futures import ThreadPoolExecutor\nfrom langchain_community.vectorstores import FAISS\ndef f(p, emb, **kw):\n    with ThreadPoolExecutor() as ex:\n        return ex.submit(FAISS.load_local, p, emb, **kw).result()\nf("idx", None, allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStore', confidence: 'high', line: 5, data: { callee: 'FAISS.load_local' } }],
    },
    // a partial bound to a name; a folder taken from an iterable (not known: medium); a mapping that cannot be read (low)
    {
      code: 'import asyncio, functools\nfrom langchain_community.retrievers import TFIDFRetriever\nLOAD = functools.partial(TFIDFRetriever.load_local, allow_dangerous_deserialization=True)\nasync def aload(path):\n    return await asyncio.to_thread(LOAD, path)',
      errors: [{ messageId: 'pickledRetriever', confidence: 'high', line: 5, data: { callee: 'TFIDFRetriever.load_local' } }],
    },
    {
      code: 'import functools\nfrom langchain_community.vectorstores import FAISS\nstores = list(map(functools.partial(FAISS.load_local, embeddings=emb, allow_dangerous_deserialization=True), folders))',
      errors: [{ messageId: 'vectorStore', confidence: 'medium', line: 3, data: { callee: 'FAISS.load_local' } }],
    },
    {
      code: 'import asyncio, json\nfrom langchain_community.vectorstores import FAISS\nopts = json.load(open("cfg.json"))\nasync def aload(path, emb):\n    return await asyncio.to_thread(FAISS.load_local, path, emb, **opts["load_kwargs"])',
      errors: [{ messageId: 'vectorStore', confidence: 'low', line: 5, data: { callee: 'FAISS.load_local' } }],
    },
    // LangChain's TF-IDF retriever: a joblib-pickled vectorizer and pickled documents
    {
      code: 'from langchain_community.retrievers import TFIDFRetriever\nr = TFIDFRetriever.load_local("retriever", allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'pickledRetriever', confidence: 'high', data: { callee: 'TFIDFRetriever.load_local' } }],
    },
    {
      code: 'from langchain_community.retrievers import TFIDFRetriever\ndef f(docs):\n    TFIDFRetriever.from_documents(docs).save_local("r", file_name="mine")\n    return TFIDFRetriever.load_local("r", allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'pickledRetriever', confidence: 'high' }],
    },
    // an index saved on some paths only, or under /tmp (another user can swap the folder in between)
    {
      code: 'from langchain_community.vectorstores import FAISS\nif rebuild:\n    FAISS.from_texts(texts, emb).save_local("idx")\ndb = FAISS.load_local("idx", emb, allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStoreSavedOnSomePaths', confidence: 'medium', data: { callee: 'FAISS.load_local', line: '3' } }],
    },
    // another index name than the one saved, or a `.save_local` of something that is no vector store: not this code's index
    {
      code: 'from langchain_community.vectorstores import FAISS\ndef f(docs, emb):\n    FAISS.from_documents(docs, emb).save_local("faiss_index", index_name="mine")\n    return FAISS.load_local("faiss_index", emb, index_name="theirs", allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStore', confidence: 'high' }],
    },
    {
      code: 'from langchain_community.vectorstores import FAISS\ndef f(emb, cfg):\n    cfg.save_local("faiss_index")\n    return FAISS.load_local("faiss_index", emb, allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStore', confidence: 'high' }],
    },
    {
      code: 'from langchain_community.vectorstores import FAISS\nvs.save_local("/tmp/idx")\ndb = FAISS.load_local("/tmp/idx", emb, allow_dangerous_deserialization=True)',
      errors: [{ messageId: 'vectorStore', confidence: 'high' }],
    },
    // vendored copies of cloudpickle (Ray Tune's checkpoints, joblib, PySpark, spaCy's srsly)
    { code: 'import ray.cloudpickle as pickle\nwith open(p, "rb") as fp:\n    x = pickle.load(fp)', errors: [{ messageId: 'unsafeDeserialization', message: '`cloudpickle.load` deserializes data that can run arbitrary code when it is loaded: a malicious model or cache file executes on this machine. Load data as JSON, scikit-learn models with skops, weights and arrays from safetensors (a PyTorch checkpoint with `torch.load(..., weights_only=True)`).' }] },
    { code: 'from joblib.externals import cloudpickle\nx = cloudpickle.loads(b)', errors: [{ messageId: 'unsafeDeserialization' }] },
    { code: 'from joblib.externals.cloudpickle import loads\nx = loads(b)', errors: [{ messageId: 'unsafeDeserialization' }] },
    { code: 'from pyspark import cloudpickle\nx = cloudpickle.loads(b)', errors: [{ messageId: 'unsafeDeserialization' }] },
    { code: 'import ray\ndef restore(blob):\n    return ray.cloudpickle.loads(blob)', errors: [{ messageId: 'unsafeDeserialization', confidence: 'high' }] },
    { code: 'import joblib\nx = joblib.externals.cloudpickle.loads(b)', errors: [{ messageId: 'unsafeDeserialization' }] },
    { code: 'import pandas as pd\nx = pd.read_pickle("frame.pkl")', errors: [{ messageId: 'unsafeDeserialization', confidence: 'high' }] },
    { code: 'import shelve\ndb = shelve.open(p)', errors: [{ messageId: 'unsafeDeserialization' }] },
    { code: 'import marshal\nc = marshal.loads(b)', errors: [{ messageId: 'unsafeMarshal', data: { callee: 'marshal.loads', detail: '', source: 'data' } }] },
    { code: 'import jsonpickle\no = jsonpickle.decode(s)', errors: [{ messageId: 'unsafeDeserialization' }] },
    { code: 'import _pickle\no = _pickle.loads(s)', errors: [{ messageId: 'unsafeDeserialization' }] },
    // six's `cPickle` is Python 3's pickle (lang-python reads six.moves' names as the modules they stand for)
    { code: 'from six.moves import cPickle\no = cPickle.loads(s)', errors: [{ messageId: 'unsafeDeserialization', data: { callee: 'pickle.loads', detail: '' } }] },
    {
      code: 'import pickle\nx = pickle.loads(b"cos\\nsystem\\n(S\'id\'\\ntR.")',
      errors: [{ messageId: 'embeddedPayload', confidence: 'high', data: { callee: 'pickle.loads', imports: 'os.system' } }],
    },
    {
      code: 'import pickle\nx = pickle.loads(b"cmypkg\\nModel\\n)R.")',
      settings: { model: { denyGlobals: ['mypkg.*'] } },
      errors: [{ messageId: 'embeddedPayload', confidence: 'high' }],
    },
    {
      code: 'import pickle\nx = pickle.loads(b"csympy.core.numbers\\nHalf\\n)R.")',
      errors: [{ messageId: 'embeddedForeign', confidence: 'medium', data: { callee: 'pickle.loads', imports: 'sympy.core.numbers.Half' } }],
    },
    { code: 'import pickle\nx = pickle.loads(b"\\x80\\x04Nxx")', errors: [{ messageId: 'unsafeDeserialization', confidence: 'high' }] },
    { code: 'import pickle\nx = pickle.loads("\u20acN.")', errors: [{ messageId: 'unsafeDeserialization' }] },
    { code: 'import pickle\nbuf = io.BytesIO()\nbuf.write(blob)\npickle.dump(o, buf)\nx = pickle.loads(buf.getvalue())', errors: [{ messageId: 'unsafeDeserialization', line: 5 }] },
    // a helper that returns outside data on some path, a public cache other modules may fill, a default loader of other data
    {
      code: 'import pickle\ndef get(f, sock):\n    if f is None:\n        return sock.recv(9)\n    return pickle.dumps(f)\nx = pickle.loads(get(g, s))',
      errors: [{ messageId: 'networkDeserialization', line: 6, confidence: 'high' }],
    },
    {
      code: 'import pickle\nCACHE = {}\ndef dumps(f):\n    try:\n        r = CACHE[f]\n    except KeyError:\n        r = pickle.dumps(f)\n        CACHE[f] = r\n    return r\nx = pickle.loads(dumps(g))',
      errors: [{ messageId: 'unsafeDeserialization', line: 10 }],
    },
    { code: 'import pickle\ndef probe(blob, loads=pickle.loads, dumps=pickle.dumps):\n    return loads(blob)', errors: [{ messageId: 'unsafeDeserialization', line: 3, confidence: 'medium' }] },
    // (review federated P3-5) a serializer module a class stores from a parameter's default
    {
      code: 'import pickle\nclass Channel:\n    def __init__(self, sock, serializer=pickle):\n        self.sock = sock\n        self.serializer = serializer\n    def receive(self):\n        return self.serializer.loads(self.sock.recv(1 << 20))',
      errors: [{ messageId: 'networkDeserialization', line: 7, confidence: 'medium' }],
    },
    {
      code: 'import gzip, pickle\ndef f(obj, p, q):\n    with open(p, "wb") as fh:\n        pickle.dump(obj, fh)\n    with gzip.GzipFile(q, "rb") as fh:\n        return pickle.load(fh)',
      errors: [{ messageId: 'unsafeDeserialization', line: 6 }],
    },
    // an early pass-through to the base for all but `torch*` globals (llama.cpp's LazyUnpickler), a table lookup
    // falling back to the base, and one after a test that leaves the function for the listed names only
    {
      code: 'import pickle\nclass LazyUnpickler(pickle.Unpickler):\n    def find_class(self, module, name):\n        if not module.startswith("torch"):\n            return super().find_class(module, name)\n        return {}[(module, name)]\ndef read(fp):\n    return LazyUnpickler(fp).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 8, confidence: 'high', data: { callee: 'LazyUnpickler', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` lets every global through)' } }],
    },
    {
      code: 'import pickle\nclass T(pickle.Unpickler):\n    def find_class(self, module, name):\n        try:\n            return SAFE[(module, name)]\n        except KeyError:\n            return super().find_class(module, name)\nx = T(f).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 8, data: { callee: 'T', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` lets every global through)' } }],
    },
    {
      code: 'import pickle\nclass P(pickle.Unpickler):\n    def find_class(self, module, name):\n        if module.startswith("torch"):\n            return {}[(module, name)]\n        return super().find_class(module, name)\nx = P(f).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 7, data: { callee: 'P', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` lets every global through)' } }],
    },
    // a pass-through behind a test that is neither an allowlist nor its opposite (a helper's verdict): medium
    // (review hardened P3-1) an allowlist is a restriction only when what it admits runs no code: `("builtins", "eval")`
    // in a set, a prefix of `builtins`, a dict of modules to names holding `getattr` (Megatron's shape), `==` on `"os"`
    {
      code: 'import io, pickle\nALLOWED = {("collections", "OrderedDict"), ("builtins", "eval")}\nclass A(pickle.Unpickler):\n    def find_class(self, module, name):\n        if (module, name) in ALLOWED:\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(b):\n    return A(io.BytesIO(b)).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 9, confidence: 'high', data: { callee: 'A', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` allowlist admits a global that runs code, such as `builtins.eval` or a whole module like `builtins`)' } }],
    },
    // entries the scope adds to the allowlist: `.add(...)`, `.update(...)`, `SAFE[module] = ...`
    {
      code: 'import io, pickle\nALLOWED = {("collections", "OrderedDict")}\nALLOWED.add(("builtins", "eval"))\nclass A(pickle.Unpickler):\n    def find_class(self, module, name):\n        if (module, name) in ALLOWED:\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(b):\n    return A(io.BytesIO(b)).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 10, confidence: 'high', data: { callee: 'A', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` allowlist admits a global that runs code, such as `builtins.eval` or a whole module like `builtins`)' } }],
    },
    {
      code: 'import io, pickle\nALLOWED = {"collections": {"OrderedDict"}}\nALLOWED["builtins"] = {"getattr"}\nclass A(pickle.Unpickler):\n    def find_class(self, module, name):\n        if module in ALLOWED and name in ALLOWED[module]:\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(b):\n    return A(io.BytesIO(b)).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 10, confidence: 'high', data: { callee: 'A', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` allowlist admits a global that runs code, such as `builtins.eval` or a whole module like `builtins`)' } }],
    },
    // the deny form, `if (module, name) not in SAFE: raise`, of the same list (review s35py P2)
    {
      code: 'import io, pickle\nSAFE = {("collections", "OrderedDict"), ("builtins", "eval")}\nclass D(pickle.Unpickler):\n    def find_class(self, module, name):\n        if (module, name) not in SAFE:\n            raise pickle.UnpicklingError(name)\n        return super().find_class(module, name)\ndef load(b):\n    return D(io.BytesIO(b)).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 9, confidence: 'high', data: { callee: 'D', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` allowlist admits a global that runs code, such as `builtins.eval` or a whole module like `builtins`)' } }],
    },
    {
      code: 'import pickle\nclass U(pickle.Unpickler):\n    def find_class(self, module, name):\n        if module.startswith("builtins") or module.startswith("collections"):\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(f):\n    return U(f).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 8, confidence: 'high', data: { callee: 'U', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` allowlist admits a global that runs code, such as `builtins.eval` or a whole module like `builtins`)' } }],
    },
    {
      code: 'import pickle\nclass M(pickle.Unpickler):\n    _allowed = {"builtins": frozenset({"list", "dict", "getattr"}), "collections": frozenset({"OrderedDict"})}\n    def find_class(self, module, name):\n        if module in self._allowed and name in self._allowed[module]:\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\ndef load(f):\n    return M(f).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 9, confidence: 'high', data: { callee: 'M', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` allowlist admits a global that runs code, such as `builtins.eval` or a whole module like `builtins`)' } }],
    },
    {
      code: 'import pickle\nclass U(pickle.Unpickler):\n    def find_class(self, module, name):\n        if not (module == "os" and name == "system"):\n            raise pickle.UnpicklingError(name)\n        return super().find_class(module, name)\ndef load(f):\n    return U(f).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 8, confidence: 'high', data: { callee: 'U', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` allowlist admits a global that runs code, such as `builtins.eval` or a whole module like `builtins`)' } }],
    },
    {
      // (review s33py P3-2) delegating through a name: `klass = super().find_class(…)`; `return klass`
      code: 'import pickle\nclass Remap(pickle.Unpickler):\n    def find_class(self, module, name):\n        if module.startswith("old_pkg"):\n            module = module.replace("old_pkg", "new_pkg")\n        klass = super().find_class(module, name)\n        return klass\ndef load(f):\n    return Remap(f).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 9, data: { callee: 'Remap', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` lets every global through)', source: '', imports: '' } }],
    },
    {
      // a same-file helper whose returns do not agree: not read as an allowlist (medium)
      code: 'import pickle\nclass H(pickle.Unpickler):\n    def find_class(self, module, name):\n        if self._ok(module, name):\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\n    def _ok(self, module, name):\n        if module in SAFE:\n            return name in SAFE[module]\n        return module not in BLOCKED\nx = H(f).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 11, confidence: 'medium', data: { callee: 'H', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` hands names to the base class behind a test that is not read as an allowlist)', source: '', imports: '' } }],
    },
    {
      code: 'import pickle\nfrom helpers import allowed\nclass H(pickle.Unpickler):\n    def find_class(self, module, name):\n        if allowed(module, name):\n            return super().find_class(module, name)\n        raise pickle.UnpicklingError(name)\nx = H(f).load()',
      errors: [{ messageId: 'unsafeDeserialization', line: 8, confidence: 'medium', data: { callee: 'H', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` hands names to the base class behind a test that is not read as an allowlist)' } }],
    },
    // at --depth deep, a subclass of another module of the project whose name does not say it is one (fixtures/project/unpicklers.py)
    {
      code: 'import pickle\nfrom unpicklers import PlainLoader\nx = PlainLoader(f).load()',
      filename: 'project/snippet.py',
      errors: [{ messageId: 'unsafeDeserialization', line: 3, data: { callee: 'PlainLoader', detail: ' (a subclass of `pickle.Unpickler` whose `find_class` lets every global through)' } }],
    },
  ],
});

// (reviews timeseries P2-1, P2-2, P3-1; nlpclassic P2, P3) darts' checkpoint and weight loaders, the time-series libraries'
// loaders, flair's `Model.load`, a library class's loader inherited by a class of the file or reached through an instance
const DARTS = " (darts' `load`, `load_from_checkpoint`, `load_weights` and `load_weights_from_checkpoint` unpickle the saved model object)";
const FLAIR = " (flair's `load` is `torch.load` of a whole pickled model, downloaded first when given a model name or a Hugging Face id)";
const GENSIM = ' (gensim saves its models and dictionaries as pickles)';
const DARTS_REMEDIATION =
  'Load darts models and checkpoints only from files and folders this application saved, kept where no one else can write; none of the darts loaders is safe for a file from elsewhere (`load_weights` and `load_weights_from_checkpoint` unpickle the saved model object too, and darts refuses `weights_only=True`): for such a model, build it in code and load only the network\'s weights, exchanged as safetensors.';
ruleTester.run('torch/pickle-load (library loaders)', rule, {
  valid: [
    // a class of the file that defines its own `load`; a class with no library base; flair's embeddings (no pickle)
    'from darts.models import TFTModel\nclass OwnLoad(TFTModel):\n    @classmethod\n    def load(cls, p):\n        return cls()\na = OwnLoad.load("x.pt")',
    // (whole-change review P3-1) or binds it otherwise: `load = staticmethod(safe_load)`
    'from darts.models import TFTModel\ndef safe_load(p):\n    return None\nclass MyTFT(TFTModel):\n    load = staticmethod(safe_load)\nm = MyTFT.load("tft.pt")',
    'import darts\nclass Plain:\n    pass\nb = Plain.load("x.pt")',
    'from flair.embeddings import WordEmbeddings\nemb = WordEmbeddings("glove")',
    // round trips: what this code has just saved, and sktime's in-memory serialization
    'from skforecast.utils import load_forecaster, save_forecaster\ndef f(forecaster):\n    save_forecaster(forecaster, file_name="f.joblib")\n    return load_forecaster("f.joblib")',
    'from sktime.base import load\ndef f(est):\n    pkl = est.save()\n    return load(pkl)',
    'from pathlib import Path\nfrom gluonts.model.predictor import Predictor\ndef f(predictor):\n    predictor.serialize(Path("m"))\n    return Predictor.deserialize(Path("m"))',
    'from neuralforecast import NeuralForecast\ndef f(nf):\n    nf.save(path="./ckpt")\n    return NeuralForecast.load(path="./ckpt")',
    'from flair.models import SequenceTagger\ndef f(tagger):\n    tagger.save("m.pt")\n    return SequenceTagger.load("m.pt")',
  ],
  invalid: [
    {
      code: 'from darts.models import NBEATSModel, TFTModel\nbest = NBEATSModel.load_from_checkpoint(model_name="nbeats_run", work_dir="darts_logs", best=True)\nfresh = TFTModel(input_chunk_length=24, output_chunk_length=12)\nfresh.load_weights_from_checkpoint(model_name="tft_run", best=True)\nfresh.load_weights("tft_manual.pt")\ntft = TFTModel.load("tft.pt")',
      errors: [
        { messageId: 'unsafeDeserialization', line: 2, confidence: 'high', data: { callee: 'NBEATSModel.load_from_checkpoint', detail: DARTS, source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'high', data: { callee: 'fresh.load_weights_from_checkpoint', detail: DARTS, source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'high', data: { callee: 'fresh.load_weights', detail: DARTS, source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 6, confidence: 'high', data: { callee: 'TFTModel.load', detail: DARTS, source: '', imports: '' } },
      ],
    },
    // a class of the file inheriting a library's loader; gensim through an instance
    {
      code: 'from darts.models import TFTModel\nfrom gensim.models import Word2Vec\nclass MyTFT(TFTModel):\n    pass\nclass DomainW2V(Word2Vec):\n    pass\nm = MyTFT.load("tft.pt")\na = DomainW2V.load("a.model")\nw = Word2Vec(vector_size=100)\nb = w.load("b.model")',
      errors: [
        { messageId: 'unsafeDeserialization', line: 7, confidence: 'high', data: { callee: 'MyTFT.load', detail: DARTS, source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 8, confidence: 'high', data: { callee: 'DomainW2V.load', detail: GENSIM, source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 10, confidence: 'high', data: { callee: 'w.load', detail: GENSIM, source: '', imports: '' } },
      ],
    },
    // an instance of a class of the file inheriting a library's loader, however the name comes to hold it: bound on
    // both branches of an `if`, by a local factory, by `with` (lang-python's `instanceSubclass`)
    {
      code: 'from darts.models import TFTModel\nclass MyTFT(TFTModel):\n    def __enter__(self):\n        return self\ndef build():\n    return MyTFT(input_chunk_length=24)\nif fast:\n    m = MyTFT(input_chunk_length=12)\nelse:\n    m = MyTFT(input_chunk_length=48)\nm.load_weights("a.pt")\nbuild().load_weights("b.pt")\nf = build()\nf.load_weights("c.pt")\nwith MyTFT() as t:\n    t.load_weights("d.pt")',
      errors: ([[11, 'm'], [12, 'build()'], [14, 'f'], [16, 't']] as const).map(([line, receiver]) => ({ messageId: 'unsafeDeserialization', line, confidence: 'high' as const, data: { callee: `${receiver}.load_weights`, detail: DARTS, source: '', imports: '' } })),
    },
    // (whole-change review P3-4) GluonTS's `.serialize` counts as a save for its own `deserialize` only: any object's
    // `.serialize(p)` is no save of a stable-baselines3 agent
    {
      code: 'from stable_baselines3 import PPO\npath = "agent.zip"\nthing.serialize(path)\nmodel = PPO.load(path)',
      errors: [{ messageId: 'unsafeDeserialization', line: 4, confidence: 'high', data: { callee: 'PPO.load', detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)' } }],
    },
    {
      code: 'from pathlib import Path\nfrom gluonts.model.predictor import Predictor\nfrom gluonts.torch.model.predictor import PyTorchPredictor\nfrom neuralforecast import NeuralForecast\nfrom skforecast.utils import load_forecaster\nfrom sktime.base import load as sktime_load\nnf = NeuralForecast.load(path="./checkpoints/test_run/")\nforecaster = load_forecaster("forecaster_001.joblib", verbose=True)\ntheta = sktime_load("saved_theta.zip")\npredictor = Predictor.deserialize(Path("deepar_model"))\ntorch_predictor = PyTorchPredictor.deserialize(Path("deepar_model"), device="cpu")\nremote = NeuralForecast.load(path="s3://bucket/run")',
      errors: [
        { messageId: 'unsafeDeserialization', line: 7, confidence: 'high', data: { callee: 'NeuralForecast.load', detail: " (NeuralForecast's `load` unpickles the directory's `configuration.pkl` and `dataset.pkl`)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 8, confidence: 'high', data: { callee: 'skforecast.utils.load_forecaster', detail: " (skforecast's `load_forecaster` is `joblib.load` of the saved forecaster, a pickle)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 9, confidence: 'high', data: { callee: 'sktime.base.load', detail: " (sktime's `load` unpickles the saved estimator)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 10, confidence: 'high', data: { callee: 'Predictor.deserialize', detail: " (GluonTS's `deserialize` builds whatever classes the directory's `parameters.json` names and `torch.load`s the network's state without `weights_only`)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 11, confidence: 'high', data: { callee: 'PyTorchPredictor.deserialize', detail: " (GluonTS's `deserialize` builds whatever classes the directory's `parameters.json` names and `torch.load`s the network's state without `weights_only`)", source: '', imports: '' } },
        { messageId: 'networkDeserialization', line: 12, confidence: 'high', data: { callee: 'NeuralForecast.load', detail: " (NeuralForecast's `load` unpickles the directory's `configuration.pkl` and `dataset.pkl`)", source: '', imports: '' } },
      ],
    },
    // RecBole's `load_data_and_model` (torch.load without weights_only) and DGL's `load_info` (pickle.load) (review gnn P2-1, P3-2)
    {
      code: 'from recbole.quick_start import load_data_and_model\nfrom dgl.data.utils import load_info, save_info\nconfig, model, dataset, tr, va, te = load_data_and_model(model_file="saved/BPR.pth")\ninfo = load_info("processed/info.pkl")\nsave_info("own.pkl", {"n": 3})\nown = load_info("own.pkl")',
      errors: [
        { messageId: 'unsafeDeserialization', line: 3, confidence: 'high', data: { callee: 'recbole.quick_start.load_data_and_model', detail: " (RecBole's `load_data_and_model` is `torch.load` of the checkpoint without `weights_only`: the whole pickle, config included)", source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 4, confidence: 'high', data: { callee: 'dgl.data.utils.load_info', detail: " (DGL's `load_info` is `pickle.load` of the file)", source: '', imports: '' } },
      ],
    },
    // PyG's `fs.torch_load`: weights-only first, then a fallback without it on a global outside the allowlist (review gnn P3-3)
    {
      code: 'from torch_geometric.io import fs\nimport torch_geometric\na = fs.torch_load(path)\nb = torch_geometric.io.fs.torch_load("processed/data.pt", map_location="cpu")',
      errors: [3, 4].map((line) => ({ messageId: 'unsafeDeserialization', line, confidence: 'medium' as const, data: { callee: 'torch_geometric.io.fs.torch_load', detail: " (PyG's `fs.torch_load` retries with `weights_only=False` when the restricted load fails on a global outside the allowlist, which a crafted file makes it do)", source: '', imports: '' } })),
    },
    // a loader handed to a library as a keyword: a cache's deserializer, a codec's `loads=` (review webupload P3-1)
    {
      code: 'import pickle, dill\nimport redis_cache\nc = redis_cache.RedisCache(client, serializer=pickle.dumps, deserializer=pickle.loads)\nk = Codec(loads=dill.loads)',
      errors: [
        { messageId: 'callback', line: 3, column: 61, confidence: 'medium', data: { callee: 'pickle.loads', via: 'redis_cache.RedisCache(deserializer=…)', detail: '' } },
        { messageId: 'callback', line: 4, column: 11, confidence: 'medium', data: { callee: 'dill.loads', via: 'Codec(loads=…)', detail: '' } },
      ],
    },
    // the loader under an alias, and a builtin that calls it shown by its own name (review w38py P2-1, P3-3)
    {
      code: 'import pickle\nfrom pickle import loads as pl\ndecode = pickle.loads\na = make_cache(deserializer=pl)\nb = make_cache(deserializer=decode)\nc = sorted(blobs, key=pickle.loads)',
      errors: [
        { messageId: 'callback', line: 4, confidence: 'medium', data: { callee: 'pickle.loads', via: 'make_cache(deserializer=…)', detail: '' } },
        { messageId: 'callback', line: 5, confidence: 'medium', data: { callee: 'pickle.loads', via: 'make_cache(deserializer=…)', detail: '' } },
        { messageId: 'callback', line: 6, confidence: 'medium', data: { callee: 'pickle.loads', via: 'sorted(key=…)', detail: '' } },
      ],
    },
    // flair: a Hub id and a short name are downloaded first (network data); a local file is a file
    {
      code: 'from flair.models import SequenceTagger, TextClassifier\nfrom flair.nn import Classifier\ntagger = SequenceTagger.load("flair/ner-english-large")\nner = Classifier.load("ner")\nclf = TextClassifier.load("resources/classifiers/best-model.pt")',
      errors: [
        { messageId: 'networkDeserialization', line: 3, confidence: 'high', data: { callee: 'SequenceTagger.load', detail: FLAIR, source: '', imports: '' } },
        { messageId: 'networkDeserialization', line: 4, confidence: 'high', data: { callee: 'Classifier.load', detail: FLAIR, source: '', imports: '' } },
        { messageId: 'unsafeDeserialization', line: 5, confidence: 'high', data: { callee: 'TextClassifier.load', detail: FLAIR, source: '', imports: '' } },
      ],
    },
  ],
});

describe('the darts loaders', () => {
  it('say that load_weights is no safe alternative', async () => {
    const result = await lintText({ path: `${fixturesDir}snippet.py`, text: 'from darts.models import TFTModel\nm = TFTModel(input_chunk_length=24, output_chunk_length=12)\nm.load_weights("tft_manual.pt")', language: python, rules: [{ id: 'torch/pickle-load', rule, level: 'error', options: [] }], cwd: fixturesDir });
    expect(result.findings.map((f) => f.remediation)).toEqual([DARTS_REMEDIATION]);
  });
  it('are let through by the triggers', () => {
    for (const text of [
      'from darts.models import NBEATSModel\nbest = NBEATSModel.load_from_checkpoint("nbeats_run", best=True)',
      'from skforecast.utils import load_forecaster\nf = load_forecaster("f.joblib")',
      'from sktime.base import load\ne = load("saved")',
      'from neuralforecast import NeuralForecast\nnf = NeuralForecast.load(path="ckpt")',
      'from gluonts.model.predictor import Predictor\np = Predictor.deserialize(path)',
      'from flair.models import SequenceTagger\nt = SequenceTagger.load("ner")',
    ]) {
      expect(ruleTriggersMatch(rule.meta, text), text).toBe(true);
    }
  });
});

fixture(rule);

// At --depth deep, Unpickler subclasses imported from another module of the project (fixtures/project)
runFixture({ file: `${fixturesDir}project/loaders.py`, language: python, rules: { 'torch/pickle-load': rule } });

// Files whose only loader is one name of the rule's callee gate (scripts/check-triggers.mjs runs them with and without the prefilter)
runFixture({ file: `${fixturesDir}pickle-load-only-loader.py`, language: python, rules: { 'torch/pickle-load': rule } });

describe('an Unpickler subclass of another module of the project (--depth deep)', () => {
  const dir = `${fixturesDir}project/`;
  const imported = readFileSync(`${dir}loaders.py`, 'utf8');
  const classes = readFileSync(`${dir}unpicklers.py`, 'utf8');
  /** What the rule reports in `text` (as `project/<file>`): the reported code, message, confidence and detail. */
  async function reported(text: string, file: string, depth: Depth): Promise<string[]> {
    const result = await lintText({ path: `${dir}${file}`, text, language: python, rules: [{ id: 'torch/pickle-load', rule, level: 'error', options: [] }], depth, cwd: dir });
    const lines = text.split('\n');
    return result.findings.map((f) => `${lines[f.line - 1].trim()} | ${f.messageId} | ${f.confidence} | ${f.message}`);
  }

  it('is judged as the same class defined in the file', async () => {
    const local = `${classes}\n${imported.replace(/^from unpicklers import .*$/m, '')}`;
    const deep = await reported(imported, 'loaders.py', 'deep');
    expect(deep).toHaveLength(3);
    expect(deep).toEqual(await reported(local, 'local.py', 'deep'));
    expect(deep).toEqual(await reported(local, 'local.py', 'standard'));
  });

  it('is not known below deep', async () => {
    expect(await reported(imported, 'loaders.py', 'standard')).toEqual([]);
  });
});
