import { createRule, UNKNOWN } from '@oculum/core';
import { importTrigger, isImportedClass, type ProjectClassPart, type PythonSourceCode } from '@oculum/lang-python';
import { judgeGlobal, judgePickleBytes } from '@oculum/plugin-model-files/pickle';
import { CALLBACK_CALLEE_NAMES, localForwarderNames, handedLoader, callbackArgument, callbackPartial, callbackUse, type CallbackUse } from '../callbacks.js';
import {
  calleeName,
  confidenceFor,
  constantBytes,
  dataOrigin,
  defaultFlagState,
  firstAmong,
  flagState,
  flagStateThroughCallers,
  forwardsOwnSplats,
  isInProcessData,
  isStubFile,
  savedOnSomePathBefore,
  type Node,
  saveLineText,
  splatValuesFromCallers,
  nameAmong,
} from '../utils.js';

const PICKLE_MODULES = ['pickle', '_pickle', 'cPickle', 'six.moves.cPickle', 'pickle5', 'dill', 'cloudpickle'];

/** What `create` needs imported before it reports anything (with the packages that vendor cloudpickle). */
const IMPORTED = ['pickle', '_pickle', 'cPickle', 'six', 'pickle5', 'dill', 'cloudpickle', 'pandas', 'shelve', 'marshal', 'jsonpickle', 'nltk', 'zmq', 'fastai', 'mlflow', 'gensim', 'statsmodels', 'stable_baselines3', 'sb3_contrib', 'rl_zoo3', 'paddle', 'megengine', 'skops', 'pycaret', 'autogluon', 'bentoml', 'surprise', 'darts', 'apache_beam', 'skforecast', 'sktime', 'neuralforecast', 'gluonts', 'flair', 'recbole', 'dgl', 'torch_geometric'];
/**
 * MLflow's loaders of flavors stored as pickles (mlflow/sklearn/__init__.py `load_model(model_uri, dst_path=None)`:
 * `cloudpickle`/`pickle` by the model's `serialization_format`; mlflow/pytorch `load_model`: `torch.load` of the
 * whole pickled module with MLflow's `pickle_module`; statsmodels, fastai (`load_learner`), and a
 * `python_function` model written as a Python class, `cloudpickle`d): whoever can log or register a model
 * under that URI runs code in the process that loads it. `pyfunc.load_model` loads whatever flavor the model
 * has (a pickle for a custom Python model and for the flavors above; not for ONNX): medium confidence. So does
 * `pyfunc.spark_udf(spark, model_uri, …)` (mlflow/pyfunc/__init__.py: the UDF runs `load_model` of the URI, its
 * second argument, on every executor).
 */
const MLFLOW_PICKLED = /^mlflow\.(sklearn|pytorch|statsmodels|fastai|pyfunc)\.(?:load_model|spark_udf)$/;
/**
 * fastai's `load_learner(fname)` (v2: `fastai.learner`, re-exported by `fastai.vision.all` and the other
 * `*.all` modules; v1: `fastai.basic_train`): `torch.load(fname, pickle_module=pickle)` of a whole
 * pickled `Learner`, unsafe whatever `weights_only` says.
 */
const FASTAI_LOAD_LEARNER = /^fastai(?:\.\w+)*\.load_learner$/;

/**
 * Loaders of other libraries that unpickle the file they are given: gensim's `SaveLoad.load` of its models
 * (`KeyedVectors.load`, `Word2Vec.load`, `Dictionary.load`, …: gensim/utils.py `unpickle`; not
 * `load_word2vec_format`, which reads the word2vec format), statsmodels' results (`ARIMAResults.load`,
 * `sm.load`, `load_pickle`: statsmodels/iolib/smpickle.py), stable-baselines3's agents (`PPO.load(path)`:
 * the zip's `data` entries serialized with cloudpickle, stable_baselines3/common/save_util.py
 * `json_to_data`; `VecNormalize.load`: `pickle.load`). gensim's downloader (`api.load("glove-…")`) fetches
 * the model and a Python module from the gensim-data releases, and runs that module to load it.
 */
const LIBRARY_PICKLES: ReadonlyArray<{
  re: RegExp;
  detail: string;
  remediation: string;
  /** Always network data (gensim's downloader). */
  network?: boolean;
  /** The argument that, when passed (not `None`), makes the loader fetch the file itself (PyCaret's `platform=`). */
  fetchedWith?: { name: string; position: number };
  /** The keyword of the loaded file or name, when not `fname`/`path`/`name`. */
  fileKeyword?: string;
  /** At most medium: what is loaded comes from a local store that others fill (BentoML's model store). */
  medium?: boolean;
  /** The loader opens a remote URI itself (Beam's `FileSystems`: `gs://`, `s3://`): such a URI is network data. */
  remote?: boolean;
  /** A name that is not a file path (flair's `"ner"`, a Hub id `"flair/ner-english"`) is downloaded by the loader: network data. */
  fetchesNames?: boolean;
  /** The loader also takes what a `.save()` without a path returns, serialized in memory (sktime's `est.save()`). */
  inMemorySave?: boolean;
  /** Writers of this library's files besides `LIBRARY_WRITERS` (GluonTS's `predictor.serialize(p)`: too common a name to count for every library). */
  writers?: readonly string[];
}> = [
  {
    re: /^gensim\.downloader\.load$/,
    network: true,
    detail: " (gensim's downloader fetches the data and a Python module from the gensim-data releases, and runs that module to load it: some models are pickles, and the module's code runs whatever the format)",
    remediation: 'Download the vectors once, check them against a pinned SHA-256, convert them to the word2vec format (`save_word2vec_format`), and load that file with `KeyedVectors.load_word2vec_format` at run time.',
  },
  {
    re: /^gensim\.(?:[\w.]*\.)?(?:[A-Z]\w*\.load|unpickle)$/,
    detail: ' (gensim saves its models and dictionaries as pickles)',
    remediation: 'Share word vectors in the word2vec format (`KeyedVectors.save_word2vec_format`, read back with `load_word2vec_format`, which runs no pickle), and load gensim pickles only from files this application wrote.',
  },
  {
    re: /^statsmodels\.(?:api\.load(?:_pickle)?|iolib\.(?:smpickle\.)?load_pickle|(?:[\w.]*\.)?[A-Z]\w*Results(?:Wrapper)?\.load)$/,
    detail: ' (statsmodels saves results as pickles)',
    remediation: 'Load only results this application saved, from a place no one else can write; to share a fitted model, store its parameters (`results.params`, as JSON or CSV) and rebuild it.',
  },
  {
    // (`load_from_pkl(path)` and an agent's `load_replay_buffer(path)`, which calls it: the replay buffer as a pickle)
    re: /^(?:stable_baselines3|sb3_contrib)\.(?:[\w.]*\.)?(?:[A-Z][A-Za-z0-9]*\.load|load_from_zip_file|load_from_pkl|[A-Z][A-Za-z0-9]*(?:\.load)?\.load_replay_buffer)$/,
    detail: ' (stable-baselines3 stores parts of an agent with cloudpickle, and `VecNormalize` and replay buffers as pickles)',
    remediation: 'Load agents only from files you trained or reviewed; share a policy as its weights (`model.policy.state_dict()` saved as safetensors), and when loading a zip from elsewhere pass `custom_objects` for every pickled entry.',
  },
  {
    // PaddlePaddle (python/paddle/framework/io.py `load`, static/io.py `load_program_state`): `.pdparams` and
    // `.pdopt` files are pickles, read with `pickle.load` (a restricting unpickler came only in 2026)
    // (`paddle.static.load(program, model_path, executor)` reads the same files: its path is the second argument)
    re: /^paddle\.(?:load|framework\.(?:io\.)?load|static\.(?:io\.)?(?:load|load_program_state)|fluid\.(?:io\.)?load_program_state)$/,
    detail: ' (PaddlePaddle saves `.pdparams` and `.pdopt` files as pickles and reads them back with `pickle.load`)',
    remediation: 'Load Paddle weights only from files you trained or reviewed, kept where no one else can write; share weights as safetensors (PaddleNLP reads and writes them), and use a Paddle release whose `paddle.load` restricts the classes it unpickles.',
  },
  {
    // PyCaret (pycaret/internal/persistence.py `load_model(model_name, platform=None, authentication=None,
    // verbose=True)`: `joblib.load(model_name + ".pkl")`, after downloading it from S3, GCS or Azure when
    // `platform=` is given), re-exported by `pycaret.classification`, `regression`, `clustering`, `anomaly`, `time_series`
    re: /^pycaret\.(?:[\w.]*\.)?load_model$/,
    fetchedWith: { name: 'platform', position: 1 },
    fileKeyword: 'model_name',
    detail: " (PyCaret's `load_model` is `joblib.load` of the saved pipeline, a pickle)",
    remediation: 'Load PyCaret pipelines only from files this application saved, kept where no one else can write (not a bucket others can write when loading with `platform=`); check the file against a pinned SHA-256 before loading it.',
  },
  {
    // AutoGluon (`TabularPredictor.load(path)`: `predictor.pkl` and the learner's pickles through
    // autogluon.common's `load_pkl`; `TimeSeriesPredictor.load` likewise; `MultiModalPredictor.load`
    // (formerly `AutoMMPredictor`): `df_preprocessor.pkl` and `data_processors.pkl` with a `pickle.Unpickler`
    // that only renames modules)
    re: /^autogluon\.(?:[\w.]*\.)?(?:TabularPredictor|MultiModalPredictor|AutoMMPredictor|TimeSeriesPredictor)\.load$/,
    detail: ' (AutoGluon saves a predictor and its models as pickles)',
    remediation: 'Load AutoGluon predictors only from directories this application trained into, kept where no one else can write; a predictor from elsewhere runs its code when loaded.',
  },
  {
    // BentoML's model store (`bentoml.sklearn.load_model(tag)`: `joblib.load`; `picklable_model` and `easyocr`:
    // `cloudpickle.load`; `pytorch`: `torch.load` of the whole module saved with cloudpickle; `fastai`:
    // `load_learner`; `detectron`: the config among the cloudpickled custom objects; `mlflow`:
    // `mlflow.pyfunc.load_model`). Not the flavors stored without pickle (`onnx`, `torchscript`,
    // `pytorch_lightning`, `xgboost`, `lightgbm`, `catboost`, `keras`, `tensorflow`, `transformers`). The store is
    // local, but `bentoml models import`/`pull` fill it from a file or a registry: medium.
    // (also the runner of such a model, `bentoml.sklearn.get(tag).to_runner()`, which calls `load_model` in each runner,
    // and the model's own `bentoml.sklearn.get(tag).load_model()`, its flavor's `load_model`)
    re: /^bentoml\.(?:sklearn|picklable_model|pytorch|fastai|easyocr|detectron|mlflow)\.(?:load_model|get\.(?:to_runner|load_model))$/,
    medium: true,
    fileKeyword: 'bento_model',
    detail: " (BentoML stores this flavor's model as a pickle in its model store, which `bentoml models import` and `pull` fill from a file or a registry)",
    remediation: 'Load only models this application saved into the BentoML store, or imported from a registry whose write access you control (a reviewed version, not `:latest`); save models in a flavor stored without pickle (ONNX, TorchScript, the XGBoost or LightGBM formats).',
  },
  {
    // RecBole (recbole/quick_start/quick_start.py `load_data_and_model(model_file)`: `checkpoint = torch.load(model_file)`
    // without `weights_only`, then the config, dataset and model rebuilt from what the checkpoint holds)
    re: /^recbole\.quick_start(?:\.quick_start)?\.load_data_and_model$/,
    fileKeyword: 'model_file',
    detail: " (RecBole's `load_data_and_model` is `torch.load` of the checkpoint without `weights_only`: the whole pickle, config included)",
    remediation: 'Load RecBole checkpoints only from files this application trained and saved, kept where no one else can write; to share a model, exchange its `state_dict` as safetensors and rebuild the model from a reviewed config.',
  },
  {
    // PyG (torch_geometric/io/fs.py `torch_load(path, map_location=None)`: `torch.load(f, map_location, weights_only=True)`,
    // and on an `UnpicklingError` naming `add_safe_globals` — any global outside the allowlist — a warning and the same
    // file again with `weights_only=False`: a crafted file takes the fallback). Medium: a dataset's own processed files
    // are what it usually reads (`InMemoryDataset.load`, which calls it, is left alone).
    re: /^torch_geometric\.io(?:\.fs)?\.torch_load$/,
    medium: true,
    detail: " (PyG's `fs.torch_load` retries with `weights_only=False` when the restricted load fails on a global outside the allowlist, which a crafted file makes it do)",
    remediation: 'Load files with PyG\'s `torch_load` only from directories this application wrote, kept where no one else can write; for weights from elsewhere, `torch.load(f, weights_only=True)` without a fallback, or safetensors.',
  },
  {
    // DGL (dgl/data/utils.py `load_info(path)`: `pickle.load` of the file `save_info` wrote beside a dataset's graphs)
    re: /^dgl\.data(?:\.utils)?\.load_info$/,
    detail: " (DGL's `load_info` is `pickle.load` of the file)",
    writers: ['dgl.data.utils.save_info', 'dgl.data.save_info'],
    remediation: "Load DGL dataset info only from files this application wrote, kept where no one else can write; store the dataset's extra data as arrays or JSON (`save_graphs` keeps tensors without pickle).",
  },
  {
    // Surprise (surprise/dump.py `load(file_name)`: `pickle.load(open(file_name, "rb"))`, the `(predictions, algo)` dumped by `dump.dump`)
    re: /^surprise\.dump\.load$/,
    fileKeyword: 'file_name',
    detail: " (Surprise's `dump.load` is `pickle.load` of the file)",
    remediation: 'Load Surprise dumps only from files this application wrote, kept where no one else can write; to share a model, retrain it from the ratings, or store what it learned (`algo.pu`, `algo.qi`, … as arrays) in a format without code.',
  },
  {
    // darts (darts/models/forecasting/forecasting_model.py `ForecastingModel.load(path)`: `pickle.load`; a torch
    // model's `TorchForecastingModel.load` `torch.load`s the whole pickled model object and its `.ckpt`;
    // `load_from_checkpoint(model_name, work_dir=None, file_name=None, best=True)`: `torch.load` of the pickled model
    // `{work_dir}/{model_name}/_model.pth.tar` (without `weights_only`, or `weights_only=False` in later releases);
    // a model's `load_weights(path)` and `load_weights_from_checkpoint(model_name, …)`: `torch.load` of the checkpoint
    // and of the pickled model saved beside it, and darts refuses `weights_only=True`)
    re: /^darts\.models\.(?:[\w.]*\.)?[A-Z]\w*\.(?:load|load_from_checkpoint|load_weights|load_weights_from_checkpoint)$/,
    fileKeyword: 'model_name',
    detail: " (darts' `load`, `load_from_checkpoint`, `load_weights` and `load_weights_from_checkpoint` unpickle the saved model object)",
    remediation: 'Load darts models and checkpoints only from files and folders this application saved, kept where no one else can write; none of the darts loaders is safe for a file from elsewhere (`load_weights` and `load_weights_from_checkpoint` unpickle the saved model object too, and darts refuses `weights_only=True`): for such a model, build it in code and load only the network\'s weights, exchanged as safetensors.',
  },
  {
    // Apache Beam's RunInference handlers for scikit-learn (apache_beam/ml/inference/sklearn_inference.py
    // `SklearnModelHandlerNumpy(model_uri, model_file_type=ModelFileType.PICKLE, …)`, `…Pandas` likewise: `_load_model`
    // opens the URI with Beam's `FileSystems` on every worker and runs `pickle.load`, or `joblib.load` for
    // `ModelFileType.JOBLIB`, the only two types): a library entry point, medium
    re: /^apache_beam\.ml\.inference\.(?:sklearn_inference\.)?SklearnModelHandler(?:Numpy|Pandas)$/,
    medium: true,
    remote: true,
    fileKeyword: 'model_uri',
    detail: " (Beam's scikit-learn model handler loads the model on every worker with `pickle.load`, or `joblib.load` for `ModelFileType.JOBLIB`)",
    remediation: 'Load only models your pipeline trained, from a bucket no one else can write, and check the file against a pinned SHA-256 before the pipeline runs; or export the model to ONNX and use `OnnxModelHandlerNumpy`.',
  },
  {
    // skforecast (skforecast/utils/utils.py `load_forecaster(file_name, verbose=True)`: `joblib.load(filename=file_name)`,
    // re-exported by `skforecast.utils`)
    re: /^skforecast\.utils(?:\.utils)?\.load_forecaster$/,
    fileKeyword: 'file_name',
    detail: " (skforecast's `load_forecaster` is `joblib.load` of the saved forecaster, a pickle)",
    remediation: 'Load skforecast forecasters only from files this application saved (`save_forecaster`), kept where no one else can write; check a file from elsewhere against a pinned SHA-256 before loading it.',
  },
  {
    // sktime (sktime/base/_serialize.py `load(serial)`: for a path, `pickle.loads` of the zip's `_metadata`, then the
    // class's `load_from_path`, `pickle.loads` of its `_obj`; for the in-memory `(cls, bytes)` of `est.save()`, `load_from_serial`)
    re: /^sktime\.base(?:\._serialize)?\.load$/,
    fileKeyword: 'serial',
    inMemorySave: true,
    detail: " (sktime's `load` unpickles the saved estimator)",
    remediation: 'Load sktime estimators only from files this application saved, kept where no one else can write; check a file from elsewhere against a pinned SHA-256 before loading it.',
  },
  {
    // NeuralForecast (neuralforecast/core.py `NeuralForecast.load(path, verbose=False, **kwargs)`: `pickle.load` of the
    // directory's `configuration.pkl` and `dataset.pkl`, opened with fsspec, so `s3://`, `gs://` … URIs are fetched)
    re: /^neuralforecast(?:\.core)?\.NeuralForecast\.load$/,
    remote: true,
    detail: " (NeuralForecast's `load` unpickles the directory's `configuration.pkl` and `dataset.pkl`)",
    remediation: 'Load NeuralForecast models only from directories this application saved, in a bucket or folder no one else can write; check the files against pinned SHA-256 digests before loading them.',
  },
  {
    // GluonTS (gluonts/model/predictor.py `Predictor.deserialize(path, **kwargs)`: the class named in the directory's
    // `type.txt`, whose `deserialize` builds the objects `parameters.json` names with `serde.load_json`, and for
    // `PyTorchPredictor` `torch.load`s `prediction_net_state` without `weights_only`)
    re: /^gluonts\.(?:[\w.]*\.)?\w*Predictor\.deserialize$/,
    detail: " (GluonTS's `deserialize` builds whatever classes the directory's `parameters.json` names and `torch.load`s the network's state without `weights_only`)",
    remediation: 'Deserialize GluonTS predictors only from directories this application serialized, kept where no one else can write; a predictor directory from elsewhere names the classes it runs.',
    writers: ['.serialize'],
  },
  {
    // flair (flair/nn/model.py `Model.load(model_path)`: `_fetch_model` turns a short name (`"ner"`) or a Hub id into a
    // download, then flair/file_utils.py `load_torch_state`: `torch.load(f, map_location="cpu")` of the whole pickled model)
    re: /^flair\.(?:models|nn)\.(?:[\w.]*\.)?[A-Z]\w*\.load$/,
    fileKeyword: 'model_path',
    fetchesNames: true,
    detail: " (flair's `load` is `torch.load` of a whole pickled model, downloaded first when given a model name or a Hugging Face id)",
    remediation: 'Load flair models only from files you trained or reviewed, kept where no one else can write: download a published model once with `hf_hub_download(repo_id, filename, revision=<commit sha>)`, check it, and pass that local path to `load`.',
  },
  {
    // MegEngine (megengine/serialization.py `load(f, map_location=None, pickle_module=pickle)`)
    re: /^megengine\.(?:serialization\.)?load$/,
    detail: " (MegEngine's `load` unpickles the file)",
    remediation: 'Load MegEngine checkpoints only from files you trained or reviewed, kept where no one else can write; exchange weights in a format without code (safetensors, or arrays saved with `numpy.save`).',
  },
];
/**
 * RL Zoo's table of stable-baselines3 and sb3_contrib algorithm classes by name (rl_zoo3/utils.py `ALGOS = {"a2c":
 * A2C, …, "ppo": PPO, "sac": SAC, "tqc": TQC, "ppo_lstm": RecurrentPPO}`, re-exported by `rl_zoo3`; `utils.ALGOS`
 * in the zoo's older scripts and its forks): `ALGOS[algo].load(path)` is an SB3 agent's `load`.
 */
const ZOO_ALGOS = /^(?:rl_zoo3(?:\.utils)?|utils)\.ALGOS$/;

/**
 * The methods of a library's instance or class the rule reads through the receiver (`model.load_replay_buffer(b)`,
 * `runner`'s `to_runner`, `exp.load_model(name)`, `w.load(p)` after `w = Word2Vec(…)`, darts' `m.load_weights(p)`).
 */
const INSTANCE_LOADERS = new Set(['load_replay_buffer', 'to_runner', 'load_model', 'load', 'load_from_checkpoint', 'load_weights', 'load_weights_from_checkpoint', 'deserialize']);

/**
 * `C.m` where `C` is a class of the project (`class MyTFT(TFTModel): pass`) that does not define `m` itself: the
 * library loader it inherits (`darts.models.TFTModel.load`), when one of its bases outside the project is one.
 * Also an instance of such a class (`C(…).m`, `x.m(p)` after `x = C(…)` or `with C() as x`, a local factory's
 * result: lang-python's `instanceSubclass`).
 */
function inheritedLoader(sc: PythonSourceCode, callee: Node, method: string): string | undefined {
  const receiver = callee.childForFieldName('object');
  if (!receiver) return undefined;
  const named = receiver.type === 'identifier' || receiver.type === 'attribute' ? sc.projectSubclass(receiver) : undefined;
  const chain = named ?? sc.instanceSubclass(receiver);
  if (!chain || chain.classes.some((c) => sc.bindsMember(c, method))) return undefined;
  return chain.bases.map((b) => `${b}.${method}`).find((q) => LIBRARY_PICKLES.some((l) => l.re.test(q)));
}

/**
 * `est.save()` with no path (sktime: the estimator serialized in memory, as `(class, bytes)`), directly or through the
 * one assignment a name has.
 */
function inMemorySave(sc: PythonSourceCode, expr: Node | undefined): boolean {
  let value = expr;
  if (value?.type === 'identifier') {
    const bound = sc.reachingBindings(value);
    value = bound.length === 1 && bound[0].kind === 'assignment' ? bound[0].value : undefined;
  }
  const fn = value?.type === 'call' ? sc.callee(value) : undefined;
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'save' && sc.positionalArguments(value!).length === 0 && sc.keywordArguments(value!).size === 0 && !sc.hasUnresolvedArguments(value!);
}

/** A file path, as opposed to a model name a loader downloads (flair's `"ner"`, `"flair/ner-english-large"`). */
const FILE_PATH = /^(?:[./~\\]|[A-Za-z]:)|\.(?:pt|pth|bin|ckpt|pkl|pickle|tar|gz|zip)$|\/.*\//i;

/** A known string that is a model name the loader fetches (not a path), as `fetchesNames` says. */
function fetchedName(sc: PythonSourceCode, file: Node | undefined): boolean {
  const v = file ? sc.constant(file) : undefined;
  return typeof v === 'string' && v.length > 0 && !FILE_PATH.test(v);
}

/** The tag of `bentoml.<flavor>.get(tag).to_runner()`: the `get` call's (through a name bound once to it: `m = bentoml.sklearn.get(tag)`). */
function runnerTag(sc: PythonSourceCode, call: Node): Node | undefined {
  let receiver = sc.callee(call)?.childForFieldName('object');
  if (receiver?.type === 'identifier') {
    const bound = sc.reachingBindings(receiver);
    receiver = bound.length === 1 && bound[0].kind === 'assignment' ? bound[0].value : undefined;
  }
  return receiver?.type === 'call' ? (sc.argument(receiver, { position: 0 }) ?? sc.argument(receiver, { name: 'tag_like' })) : undefined;
}

/** `high` lowered to `medium` (a lower confidence kept). */
const lowerToMedium = <C extends string>(c: C): C | 'medium' => (c === 'high' ? 'medium' : c);

/** skops' `get_untrusted_types(...)` result, directly or through the one value a name is bound to. */
function isUntrustedTypesList(sc: PythonSourceCode, expr: Node): boolean {
  const value = expr.type === 'identifier' ? sc.bindingsOf(expr) : [expr];
  return value.length > 0 && value.every((v) => v.type === 'call' && /^skops\.io\.(?:_persist\.)?get_untrusted_types$/.test(sc.qualifiedName(sc.callee(v)!) ?? ''));
}

/** The libraries' savers (`model.save(path)`, `kv.save(path)`, `results.save(path)`): a file saved by the same code. */
const LIBRARY_WRITERS = new Set([
  '.save',
  '.save_replay_buffer',
  // `dump.dump("svd", algo=algo)` … `dump.load("svd")`; PyCaret's `save_model(pipe, "name")` … `load_model("name")`
  // (also `exp.save_model(pipe, "name")` … `exp.load_model("name")` of an experiment)
  'surprise.dump.dump',
  '.save_model',
  ...['classification', 'regression', 'clustering', 'anomaly', 'time_series', 'internal.persistence'].map((m) => `pycaret.${m}.save_model`),
  // AutoGluon's quick-start: `TabularPredictor(label="y", path=p).fit(train)` … `TabularPredictor.load(p)`, the
  // directory its `fit` trained into (a predictor built over a path saves there)
  ...['tabular.TabularPredictor', 'multimodal.MultiModalPredictor', 'timeseries.TimeSeriesPredictor'].map((c) => `autogluon.${c}`),
  // skforecast's `save_forecaster(f, "f.joblib")` … `load_forecaster("f.joblib")` (GluonTS's `.serialize`: its row's `writers`)
  'skforecast.utils.save_forecaster',
  'skforecast.utils.utils.save_forecaster',
]);
/** `LIBRARY_WRITERS` with a library's own `writers`, one set per library row (answers memoized by set stay shared). */
const librarySetsByRow = new WeakMap<object, ReadonlySet<string>>();
function writersOf(library: { writers?: readonly string[] }): ReadonlySet<string> {
  if (!library.writers) return LIBRARY_WRITERS;
  let set = librarySetsByRow.get(library);
  if (!set) librarySetsByRow.set(library, (set = new Set([...LIBRARY_WRITERS, ...library.writers])));
  return set;
}
const MLFLOW_REMEDIATION =
  'Load MLflow models only from runs and registries whose write access you control (a model version you reviewed, not a stage or alias anyone can move), and log models in a flavor stored without pickle: ONNX (`mlflow.onnx`), skops for scikit-learn, safetensors through `mlflow.transformers`.';
/**
 * LangChain vector stores whose `load_local` unpickles the saved index once `allow_dangerous_deserialization`
 * is set, and the TF-IDF retriever, whose `load_local` then joblib-loads its vectorizer and unpickles its
 * documents (langchain_community/retrievers/tfidf.py).
 */
const PICKLED_VECTOR_STORES = /^langchain(?:_community)?\.(?:vectorstores\.(?:[\w.]*\.)?(?:FAISS|Annoy|ScaNN)|retrievers\.(?:[\w.]*\.)?TFIDFRetriever)\.load_local$/;
/** A store's `save_local` (`FAISS.from_documents(docs, emb).save_local(p)`, `vs = FAISS.load_local(…)` … `vs.save_local(p)`). */
const VECTOR_STORE_SAVE = /^langchain(?:_community)?\.(?:vectorstores\.(?:[\w.]*\.)?(?:FAISS|Annoy|ScaNN)|retrievers\.(?:[\w.]*\.)?TFIDFRetriever)\.\w+\.save_local$/;
/** The TF-IDF retriever's `load_local`/`save_local` name their files `file_name=` (default `"tfidf_vectorizer"`; keyword-only in `load_local`). */
const isRetriever = (qualifiedName: string) => qualifiedName.includes('TFIDFRetriever');

/**
 * Whether the `.save_local(...)` calls of the load's function may count as writing the index it loads: each
 * is a LangChain vector store's (`VECTOR_STORE_SAVE`), saving the index name the load reads (`index_name=`,
 * default `"index"`). A `.save_local` of anything else, or of another index name, leaves the load judged as
 * any other.
 */
function ownIndexSaves(sc: PythonSourceCode, load: Node, store: string, use?: CallbackUse): boolean {
  const retriever = isRetriever(store);
  const indexName = (call: Node, position: number | undefined): unknown => {
    const query = retriever ? { name: 'file_name', position } : { name: 'index_name', position };
    // (a load handed to an API: what the API calls it with)
    const arg = use && call === load ? callbackArgument(sc, use, query) : sc.argument(call, query);
    if (arg === UNKNOWN) return UNKNOWN;
    return arg ? sc.constant(arg) : retriever ? 'tfidf_vectorizer' : 'index';
  };
  const wanted = indexName(load, retriever ? undefined : 2);
  if (typeof wanted !== 'string') return false;
  // the function's saves, read once per function and kind (3,000 loads in one function each read them all)
  let byFunction = ownSavesMemo.get(sc);
  if (!byFunction) ownSavesMemo.set(sc, (byFunction = new Map()));
  const fn = sc.enclosingFunction(load);
  const key = `${fn.id}:${retriever}`;
  let saves = byFunction.get(key);
  if (!saves) {
    saves = sc
      .callsIn(fn)
      .filter((c) => sc.callee(c)?.type === 'attribute' && sc.callee(c)!.childForFieldName('attribute')?.text === 'save_local')
      .map((c) => {
        const callee = sc.callee(c)!;
        const saver = [...sc.instanceQualifiedNames(callee), ...sc.qualifiedNames(callee)].find((q) => VECTOR_STORE_SAVE.test(q));
        return saver && isRetriever(saver) === retriever ? indexName(c, 1) : UNKNOWN;
      });
    byFunction.set(key, saves);
  }
  return saves.every((name) => name === wanted);
}

/** Per file, function and kind of store: the index name each `.save_local` of the function writes (`UNKNOWN`: not one of this kind's). */
const ownSavesMemo = new WeakMap<PythonSourceCode, Map<string, unknown[]>>();

/** What writes the file PySpark's `pickleFile` reads: `rdd.saveAsPickleFile(path)`. */
const SPARK_PICKLE_WRITERS = new Set<string>(['.saveAsPickleFile']);

/** What writes such an index: `store.save_local(folder)` (a method of that name on any receiver, a folder by its API). */
const VECTOR_STORE_WRITERS = new Set<string>(['.save_local']);
/** What to do instead of loading a pickled vector store from a folder that may not be this application's own. */
const VECTOR_STORE_REMEDIATION =
  'Load only indexes this application built, from a directory no one else can write (not a download, upload or shared folder); otherwise rebuild the index from the source documents, or use a store that keeps no pickle (e.g. Chroma, or FAISS with the docstore saved as JSON).';
/**
 * NLTK's resource loaders: `nltk.data.load("tokenizers/punkt/english.pickle")` unpickles a file of
 * `nltk_data`, which `nltk.download` fetches from the network (CVE-2024-39705; NLTK 3.9 stopped
 * loading pickles). `LazyLoader` loads the same way on first use.
 */
const NLTK_LOADERS = new Set(['nltk.data.load', 'nltk.data.LazyLoader', 'nltk.load']);
/** Packages that vendor cloudpickle (`ray.cloudpickle`, `joblib.externals.cloudpickle`…): the language resolves their names to cloudpickle's. */
const VENDORING = ['ray.cloudpickle', 'joblib.externals', 'pyspark.cloudpickle', 'srsly.cloudpickle'];

/** Deserializers of the pickle family (and formats as unsafe: marshal, shelve, jsonpickle). */
export const LOADERS = new Set<string>();
for (const m of PICKLE_MODULES) {
  LOADERS.add(`${m}.load`);
  LOADERS.add(`${m}.loads`);
  LOADERS.add(`${m}.Unpickler`);
  LOADERS.add(`${m}._Unpickler`);
  LOADERS.add(`${m}._load`);
  LOADERS.add(`${m}._loads`);
}
LOADERS.add('dill.load_session');
LOADERS.add('dill.load_module');
LOADERS.add('pandas.read_pickle');
LOADERS.add('pandas.io.pickle.read_pickle');
LOADERS.add('shelve.open');
LOADERS.add('shelve.DbfilenameShelf');
LOADERS.add('shelve.Shelf');
LOADERS.add('marshal.load');
LOADERS.add('marshal.loads');
LOADERS.add('jsonpickle.decode');
LOADERS.add('jsonpickle.loads');
LOADERS.add('jsonpickle.unpickler.decode');
/** The last names of `LOADERS` (`loads`, `Unpickler`, `read_pickle`), to pass over other values cheaply. */
const LOADER_LAST_NAMES = new Set([...LOADERS].map((q) => q.slice(q.lastIndexOf('.') + 1)));

/** The pickle loaders whose data can be a pickle written into the source (`pickle.loads(b"…")`). */
const PICKLE_READER = new RegExp(`^(?:${PICKLE_MODULES.map((m) => m.replace(/\./g, '\\.')).join('|')})\\.(?:_?loads?|_?Unpickler)$`);

/** pandas' writers, which take a file name as `read_pickle` does (`.to_pickle`: the method of a DataFrame or Series, whatever the receiver). */
const PANDAS_WRITERS = new Set<string>(['pandas.to_pickle', 'pandas.io.pickle.to_pickle', '.to_pickle']);
/** pandas' readers of a file name. */
const PANDAS_READERS = new Set<string>(['pandas.read_pickle', 'pandas.io.pickle.read_pickle']);
/** A URL pandas opens itself: http(s) and ftp through urllib, object stores through fsspec. */
const REMOTE_URL = /^(?:https?|ftp|s3a?|gs|gcs|az|abfs|adl):\/\//i;

/** A known string, or one whose start is known, that is such a URL. */
function remoteUrl(sc: PythonSourceCode, data: Node | undefined): boolean {
  if (!data) return false;
  const v = sc.constant(data);
  const text = typeof v === 'string' ? v : sc.stringPieces(data)?.[0];
  return text !== undefined && REMOTE_URL.test(text);
}

/**
 * Serializers: data they produced in this process is a deep copy, not outside input. A `Pickler`
 * built over a file or buffer writes to it (`pickle.Pickler(buf).dump(x)`); dill's `dump_module` and
 * `dump_session` write a module's state.
 */
const DUMPERS = new Set<string>(['marshal.dump', 'marshal.dumps', 'jsonpickle.encode', 'jsonpickle.dumps', 'dill.dump_module', 'dill.dump_session', ...PANDAS_WRITERS]);
for (const m of PICKLE_MODULES) for (const f of ['dump', 'dumps', '_dump', '_dumps', 'Pickler', '_Pickler']) DUMPERS.add(`${m}.${f}`);

/**
 * `nltk.data.load(resource, format)` that unpickles: `format="pickle"`, or the default `"auto"` with a
 * resource named `….pickle`. The resource, or `undefined` when the call loads another format.
 */
function nltkPickleResource(sc: PythonSourceCode, call: Node): Node | undefined {
  const resource = sc.argument(call, { name: 'resource_url', position: 0 }) ?? sc.argument(call, { name: 'resource_name', position: 0 });
  const format = sc.argument(call, { name: 'format', position: 1 });
  const value = format ? sc.constant(format) : 'auto';
  if (value === 'pickle') return resource ?? call;
  if (value !== 'auto' || !resource) return undefined;
  return sc.stringSuffix(resource)?.endsWith('.pickle') ? resource : undefined;
}

/**
 * A shelf that holds nothing it did not put there itself: `shelve.open(p, "n")` (flag `n`: always a
 * new, empty database) or `shelve.Shelf({})` over an empty dict written in the call.
 */
function isNewShelf(sc: PythonSourceCode, call: Node, callee: string): boolean {
  if (callee === 'shelve.open' || callee === 'shelve.DbfilenameShelf') {
    const flag = sc.argument(call, { name: 'flag', position: 1 });
    // not a parameter's default (`def open_db(p, flag="n")`): a caller may pass "r"
    if (!flag || (flag.type === 'identifier' && sc.reachingBindings(flag).some((b) => b.kind === 'parameter'))) return false;
    const value = sc.constant(flag);
    return typeof value === 'string' && value.startsWith('n');
  }
  if (callee === 'shelve.Shelf') {
    const dict = sc.argument(call, { name: 'dict', position: 0 });
    if (dict?.type === 'dictionary') return dict.namedChildren.every((c) => c?.type === 'comment');
    return dict?.type === 'call' && calleeName(sc, dict) === 'builtins.dict' && sc.positionalArguments(dict).length === 0 && sc.keywordArguments(dict).size === 0 && !sc.hasUnresolvedArguments(dict);
  }
  return false;
}

/**
 * A library loader's name for messages: `gensim.models.KeyedVectors.load` → `KeyedVectors.load`, a class built
 * (`apache_beam.ml.inference.sklearn_inference.SklearnModelHandlerNumpy`) by its name, `gensim.downloader.load` as is.
 */
function shortCallee(qn: string): string {
  const parts = qn.split('.');
  if (parts.length >= 2 && /^[A-Z]/.test(parts[parts.length - 1])) return parts[parts.length - 1];
  return parts.length >= 2 && /^[A-Z]/.test(parts[parts.length - 2]) ? parts.slice(-2).join('.') : qn;
}

/** Why this particular format is unsafe (empty for the pickle modules themselves; marshal has messages of its own). */
function detail(callee: string): string {
  if (callee.startsWith('jsonpickle.')) return ' (jsonpickle rebuilds arbitrary objects; plain json does not)';
  if (callee.startsWith('shelve.')) return ' (a shelf is pickle on disk)';
  if (callee.startsWith('pandas.')) return ' (a pickled DataFrame is a pickle)';
  if (FASTAI_LOAD_LEARNER.test(callee)) return ' (`torch.load` of the whole pickled `Learner`, with a `pickle_module`, so `weights_only` cannot apply)';
  return '';
}

/** A parameter named like a message a connection delivers (Pyro's `protocolmsg`, a handler's `request`, `packet`). */
const MESSAGE_NAME = /(?:msg|message|packet|request|response)s?$/i;

/**
 * The loaded data can come from the network, as far as the code shows: a download or a response
 * (`dataOrigin`, also on one branch, or through `smart_open.open`), what a socket received
 * (`sock.recv(n)`), or a part of a parameter named like a message (`def deserialize(protocolmsg):
 * marshal.loads(protocolmsg.annotations["BLBI"])`). Only the wording of the message depends on it.
 */
function fromNetwork(sc: PythonSourceCode, data: Node | undefined): boolean {
  if (!data) return false;
  if (dataOrigin(sc, data) === 'network') return true;
  let n: Node | null | undefined = data;
  for (let depth = 0; n && n.type !== 'identifier' && depth < 8; depth++) {
    if (n.type === 'attribute') n = n.childForFieldName('object');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'parenthesized_expression') n = n.namedChildren.find((c) => !!c && c.type !== 'comment');
    else if (n.type === 'call') {
      // `zlib.decompress(msg.payload)`: the first argument of a function; `msg.read()`: a method's receiver
      const fn = sc.callee(n);
      n = calleeName(sc, n) || fn?.type !== 'attribute' ? sc.argument(n, { position: 0 }) : fn.childForFieldName('object');
    } else return false;
  }
  const param = n?.type === 'identifier' ? sc.parameterOf(n) : undefined;
  return !!param && MESSAGE_NAME.test(param.name);
}

const UNPICKLERS = new Set([...LOADERS].filter((q) => /\._?Unpickler$/.test(q)));

/**
 * A name that ends in `Unpickler`: at `--depth deep`, a file that imports none of the pickle modules
 * may still construct an `Unpickler` subclass of another module of the project (`from .safe import
 * SafeUnpickler`); the rule reads it when it names one so.
 */
const UNPICKLER_NAME = /Unpickler\b/;

/**
 * `L(f)` where `L` is a subclass of an `Unpickler` defined in this file (at `--depth deep`, in the
 * project: `from .safe import SafeUnpickler`, as its module defines it) that does not restrict what
 * it loads: the base it inherits from (the callee to report) and whether that is certain, or
 * `undefined`. A subclass restricts when every way its `find_class` hands a name to the base class
 * (`return super().find_class(module, name)`) is behind an allowlist test; an override that remaps a
 * module or forces CPU tensors and hands every other global to the base (also under
 * `if not module.startswith("torch"):`, llama.cpp's `LazyUnpickler`) restricts nothing (see `findClassAccess`).
 */
function unrestrictedUnpickler(sc: PythonSourceCode, call: Node): { base: string; unclear: boolean; dangerous: boolean } | undefined {
  const fn = sc.callee(call);
  const sub = fn && sc.projectSubclass(fn);
  const base = sub?.bases.find((b) => UNPICKLERS.has(b));
  if (!sub || !base) return undefined;
  const access = findClassAccess(sc, sub);
  return access === 'restricted' ? undefined : { base, unclear: access === 'unclear', dangerous: access === 'dangerous' };
}

/**
 * What the first `find_class` along the subclass's classes (its own, then the project's bases) lets
 * through: `open` when it is not overridden or some pass-through to the base is behind no allowlist test,
 * `unclear` when the tests before one cannot be read as an allowlist or its opposite, else `restricted`.
 */
function findClassAccess(sc: PythonSourceCode, sub: { classes: readonly ProjectClassPart[] }): FindClassAccess {
  for (const cls of sub.classes) {
    const findClass = sc.definedMethod(cls, 'find_class');
    // (a helper of this file is read for its verdict; one of another module's class is not resolved from here)
    if (findClass) return delegationAccess(findClass, isImportedClass(cls) ? undefined : helperPolarity(sc), allowlistJudge(sc));
  }
  return 'open';
}

/**
 * The class this file puts in place of `<module>.Unpickler` when that class restricts what it loads
 * (mergekit's `pickle.Unpickler = LazyTorchUnpickler` inside a context manager, with `pickle.load`
 * redirected to it): the name of that class, or `undefined`. While the patch is in force the direct
 * call loads through the allowlist; outside it, it does not (which of the two a call is, is not known here).
 */
function restrictingPatch(sc: PythonSourceCode, unpickler: string): string | undefined {
  for (const write of sc.memberWrites(unpickler)) {
    const sub = write.value.type === 'identifier' || write.value.type === 'attribute' ? sc.projectSubclass(write.value) : undefined;
    if (sub && sub.bases.some((b) => UNPICKLERS.has(b)) && findClassAccess(sc, sub) !== 'open' && findClassAccess(sc, sub) !== 'dangerous') return sc.getText(write.value);
  }
  return undefined;
}

/** (`dangerous`: every pass-through is behind an allowlist, but one that admits a global that runs code) */
type FindClassAccess = 'open' | 'unclear' | 'restricted' | 'dangerous';
const NO_NAMES: ReadonlySet<string> = new Set();
/** What a test admits where it holds: only listed names (`in`, `==`, `startswith`), all but listed ones (`not …`, `not in`, `!=`), or not known. */
type Polarity = 'allow' | 'deny' | 'unclear' | 'allowDangerous' | 'denyDangerous';
// (`allowDangerous`: an allowlist test whose list admits a global that runs code, `("builtins", "eval")`,
// `module.startswith("builtins")`; `denyDangerous` its negation)
const MAX_FIND_CLASS_NESTING = 16;

function negated(p: Polarity): Polarity {
  switch (p) {
    case 'allow':
      return 'deny';
    case 'deny':
      return 'allow';
    case 'allowDangerous':
      return 'denyDangerous';
    case 'denyDangerous':
      return 'allowDangerous';
    default:
      return 'unclear';
  }
}
const allowing = (p: Polarity): boolean => p === 'allow' || p === 'allowDangerous';
const denying = (p: Polarity): boolean => p === 'deny' || p === 'denyDangerous';

/** Whether an allowlist test (`x in LIST`, `x == "…"`, `x.startswith("…")`) admits a global the policy judges dangerous. */
type AllowlistJudge = ((test: Node) => boolean) & {
  /** Whether some pair of strings the tests list (`module == "os" and name == "system"`), one from each of two, is a dangerous global. */
  pairs(tests: readonly Node[]): boolean;
};

/** The settings of the run, per file, for the policy `allowlistJudge` reads (`settings.model`). */
const runSettings = new WeakMap<PythonSourceCode, Record<string, unknown>>();
const allowlistJudges = new WeakMap<PythonSourceCode, AllowlistJudge>();
/** Names of the builtins module: a module-wide entry for it admits `eval`, `exec`, `getattr`. */
const BUILTIN_MODULES = ['builtins', '__builtin__', '__builtins__'];
const MAX_ALLOWLIST_STEPS = 8;
const MAX_ALLOWLIST_ENTRIES = 2000;
/** Expressions read per file for allowlists, all tests together (a hostile table of tables stays cheap). */
const MAX_ALLOWLIST_NODES = 20_000;

/**
 * Reads the list an allowlist test names when it resolves (a set, frozenset, list, tuple or dict of
 * string constants, through names, class attributes `self.SAFE`, `D[module]`, `D.get(module, ())`,
 * `A | B`; `==` against a constant; a `startswith` prefix) and judges each entry with the
 * dangerous-globals policy of the model-file scanner (`judgeGlobal`, `settings.model`): a pair
 * `("builtins", "eval")` or dotted `"builtins.eval"` as the global, a bare string as a whole module
 * (`"os"`, `"builtins"`) or a builtin's name (`"getattr"`), a prefix as every module it starts.
 * An entry it cannot read is not judged (the test stays an allowlist). Bounded in steps and entries.
 */
function allowlistJudge(sc: PythonSourceCode): AllowlistJudge {
  let known = allowlistJudges.get(sc);
  if (known) return known;
  const settings = runSettings.get(sc);
  const bad = (module: string, name: string): boolean => judgeGlobal(module, name, settings) === 'dangerous';
  const badString = (s: string): boolean => {
    if (BUILTIN_MODULES.includes(s) || bad(s, '*')) return true;
    const dot = s.lastIndexOf('.');
    return dot > 0 ? bad(s.slice(0, dot), s.slice(dot + 1)) : /^[A-Za-z_]\w*$/.test(s) && bad('builtins', s);
  };
  const badEntry = (e: unknown): boolean => {
    if (typeof e === 'string') return badString(e);
    if (Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string') return bad(e[0], e[1]) || (e[1] === '*' && badString(e[0]));
    return false;
  };
  const badPrefix = (p: string): boolean => {
    const module = p.endsWith('.') ? p.slice(0, -1) : p;
    return module === '' || BUILTIN_MODULES.some((b) => b.startsWith(p)) || bad(module, '*');
  };
  /** The entries a container expression holds: strings, pairs, or `[module, '*']` for a dict key whose names are not read. */
  let spent = 0;
  const entries = (expr: Node, steps: number, out: unknown[]): void => {
    if (steps > MAX_ALLOWLIST_STEPS || out.length > MAX_ALLOWLIST_ENTRIES || ++spent > MAX_ALLOWLIST_NODES) return;
    const parts = expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    switch (expr.type) {
      case 'parenthesized_expression':
        for (const p of parts) entries(p, steps + 1, out);
        return;
      case 'set':
      case 'list':
      case 'tuple':
        for (const item of parts) {
          if (out.length > MAX_ALLOWLIST_ENTRIES) return;
          const v = sc.constant(item);
          if (v !== UNKNOWN) out.push(v);
        }
        return;
      case 'dictionary':
        for (const pair of parts) {
          if (pair.type !== 'pair') continue;
          const key = sc.constant(pair.childForFieldName('key') ?? pair);
          if (typeof key !== 'string') continue;
          const value = pair.childForFieldName('value');
          const names: unknown[] = [];
          if (value) entries(value, steps + 1, names);
          const strings = names.filter((n): n is string => typeof n === 'string');
          if (strings.length) for (const n of strings) out.push([key, n]);
          else out.push([key, '*']);
        }
        return;
      case 'call': {
        const fn = expr.childForFieldName('function');
        const args = expr.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
        if (fn?.type === 'identifier' && ['set', 'frozenset', 'list', 'tuple', 'dict', 'sorted'].includes(fn.text)) {
          if (args[0]) entries(args[0], steps + 1, out);
        } else if (fn?.type === 'attribute' && ['get', 'keys', 'copy', 'union'].includes(fn.childForFieldName('attribute')?.text ?? '')) {
          const object = fn.childForFieldName('object');
          if (object) entries(object, steps + 1, out);
          // (`D.get(module, SAFE_DEFAULT)`: what the default holds too)
          if (fn.childForFieldName('attribute')?.text !== 'keys') for (const a of args.slice(fn.childForFieldName('attribute')?.text === 'get' ? 1 : 0)) entries(a, steps + 1, out);
        }
        return;
      }
      case 'binary_operator':
        for (const p of parts) entries(p, steps + 1, out);
        return;
      case 'subscript': {
        const value = expr.childForFieldName('value');
        if (value) entries(value, steps + 1, out);
        return;
      }
      case 'identifier': {
        for (const b of sc.reachingBindings(expr)) if (b.value && b.value !== expr) entries(b.value, steps + 1, out);
        // what the scope adds to the table: `SAFE.add(("builtins", "eval"))`, `SAFE.update({...})`, `SAFE["os"] = {...}`
        for (const w of sc.containerWrites(expr)) {
          if (out.length > MAX_ALLOWLIST_ENTRIES) return;
          const method = w.node.type === 'call' ? sc.callee(w.node)?.childForFieldName('attribute')?.text : undefined;
          if (w.key) {
            const key = sc.constant(w.key);
            if (typeof key !== 'string') continue;
            const names: unknown[] = [];
            entries(w.value, steps + 1, names);
            const strings = names.filter((n): n is string => typeof n === 'string');
            if (strings.length) for (const n of strings) out.push([key, n]);
            else out.push([key, '*']);
          } else if (method === 'append' || method === 'add' || method === 'insert') {
            const v = sc.constant(w.value);
            if (v !== UNKNOWN) out.push(v);
          } else if (!w.keyword) entries(w.value, steps + 1, out);
        }
        return;
      }
      case 'attribute':
        for (const v of sc.attributeValues(expr) ?? []) entries(v, steps + 1, out);
        return;
      default:
        return;
    }
  };
  /** The strings an `==` or `in` test lists (bounded), for `pairs`. */
  const strings = (test: Node): string[] => {
    if (test.type !== 'comparison_operator') return [];
    const operands = test.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (operands.length !== 2) return [];
    const out: unknown[] = [];
    if (test.children.some((c) => c?.type === 'in')) entries(operands[1], 0, out);
    else for (const o of operands) out.push(sc.constant(o));
    return out.filter((x): x is string => typeof x === 'string').slice(0, 16);
  };
  /**
   * Which of `find_class(self, module, name)`'s parameters a test compares (`module == "builtins"`: the module),
   * when the test is in such a method and compares a bare parameter name; undefined otherwise.
   */
  const roleOf = (test: Node): 'module' | 'name' | undefined => {
    const fn = sc.enclosingFunction(test);
    const params = fn.type === 'function_definition' ? (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((c): c is Node => !!c && c.type === 'identifier').map((c) => c.text) : [];
    const [module, name] = params[0] === 'self' || params[0] === 'cls' ? params.slice(1, 3) : params.slice(0, 2);
    const operands = test.type === 'comparison_operator' ? test.namedChildren.filter((c): c is Node => !!c && c.type === 'identifier').map((c) => c.text) : [];
    return module !== undefined && operands.includes(module) ? 'module' : name !== undefined && operands.includes(name) ? 'name' : undefined;
  };
  const pairs = (tests: readonly Node[]): boolean => {
    const lists = tests.slice(0, 4).map((t) => ({ strings: strings(t), role: roleOf(t) }));
    for (let i = 0; i < lists.length; i++)
      for (let j = 0; j < lists.length; j++) {
        // (a module list against a name list, in that order, when the tests say which they compare:
        // `module == "builtins" and name in {"dict", "list"}` admits `builtins.dict`, not a module `dict`)
        if (i === j || lists[i].role === 'name' || lists[j].role === 'module') continue;
        for (const m of lists[i].strings) for (const n of lists[j].strings) if (bad(m, n)) return true;
      }
    return false;
  };
  const verdicts = new Map<number, boolean>(); // (per test: a class's find_class is read at every construction)
  const judge = ((test: Node): boolean => {
    let known = verdicts.get(test.id);
    if (known === undefined) verdicts.set(test.id, (known = judgeTest(test)));
    return known;
  }) as AllowlistJudge;
  const judgeTest = (test: Node): boolean => {
    if (test.type === 'call') {
      const fn = test.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'startswith') return false;
      const first = test.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
      if (!first) return false;
      const v = sc.constant(first);
      const prefixes = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
      return prefixes.some(badPrefix);
    }
    if (test.type !== 'comparison_operator') return false;
    const operands = test.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const op = test.children.find((c) => !!c && !c.isNamed && c.type !== '(' && c.type !== ')')?.type;
    if (operands.length !== 2) return false;
    // (`not in`: the deny form, `if (module, name) not in SAFE: raise`, lets through the same list)
    if (op === 'in' || op === 'not in') {
      const out: unknown[] = [];
      entries(operands[1], 0, out);
      return out.some(badEntry);
    }
    // `module == "builtins"`, `(module, name) == ("builtins", "eval")`
    return operands.some((o) => {
      const v = sc.constant(o);
      return v !== UNKNOWN && badEntry(v);
    });
  };
  judge.pairs = pairs;
  allowlistJudges.set(sc, judge);
  return judge;
}

/** The polarity of a call of a function or method of the file (`self._allowed(module, name)`), as its returns read. */
type HelperPolarity = (call: Node, depth: number) => Polarity;

const helperPolarities = new WeakMap<PythonSourceCode, HelperPolarity>();

/**
 * `if not self._allowed(module, name): raise …` with `def _allowed(self, module, name): return (module, name) in SAFE`:
 * a call of a function or method of this file has the polarity its `return` expressions share (lang-python's
 * `returnValues`; `unclear` when they differ, when it returns no value, or for a helper that calls itself). Once
 * per function and file.
 */
function helperPolarity(sc: PythonSourceCode): HelperPolarity {
  let known = helperPolarities.get(sc);
  if (known) return known;
  const memo = new Map<number, Polarity>();
  const of: HelperPolarity = (call, depth) => {
    const def = sc.localFunction(call);
    if (!def || def.type !== 'function_definition') return 'unclear';
    const cached = memo.get(def.id);
    if (cached) return cached;
    memo.set(def.id, 'unclear'); // (a recursive helper: not known)
    let result: Polarity | undefined;
    // (a bare `return`, or running off the end, gives `None`: a refusal, whichever way the others go)
    for (const value of sc.returnValues(def)) {
      const p = polarity(value, depth + 1, of, allowlistJudge(sc));
      result = result === undefined || result === p ? p : 'unclear';
      if (result === 'unclear') break;
    }
    const answer = result ?? 'unclear';
    memo.set(def.id, answer);
    return answer;
  };
  helperPolarities.set(sc, of);
  return of;
}

/**
 * The operands of a chain of one boolean operator (`a or b or c …`, which the parser nests left-deep), read
 * iteratively: a long allowlist of `or` clauses is one level, not one per clause.
 */
function booleanOperands(test: Node): { and: boolean; operands: Node[] } {
  const and = test.children.some((c) => c?.type === 'and');
  const operands: Node[] = [];
  const stack: Node[] = [test];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'boolean_operator' && n.children.some((c) => c?.type === 'and') === and) {
      const parts = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    } else operands.push(n);
  }
  return { and, operands };
}

/** How a test restricts the names that pass it (through `not`, `and`, `or`, parentheses and same-file helpers, bounded). */
function polarity(test: Node, depth = 0, helper?: HelperPolarity, judge?: AllowlistJudge): Polarity {
  if (depth > MAX_FIND_CLASS_NESTING) return 'unclear';
  const parts = test.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const allowed = (): Polarity => (judge?.(test) ? 'allowDangerous' : 'allow');
  switch (test.type) {
    case 'parenthesized_expression':
      return parts.length === 1 ? polarity(parts[0], depth + 1, helper, judge) : 'unclear';
    case 'not_operator':
      return parts.length === 1 ? negated(polarity(parts[0], depth + 1, helper, judge)) : 'unclear';
    case 'boolean_operator': {
      const { and, operands } = booleanOperands(test);
      const all = operands.map((c) => polarity(c, depth + 1, helper, judge));
      // `a and b` passes only what a restricting test passes (a clean one: only clean names); `a or b` lets
      // through what either lets through (a dangerous name when one list admits one)
      // (`module == "os" and name == "system"`: a whole dangerous module narrowed by a clean-looking name)
      if (and && all.includes('allow') && all.includes('allowDangerous') && judge?.pairs(operands.filter((_, i) => allowing(all[i])))) return 'allowDangerous';
      if (and) return all.includes('allow') ? 'allow' : all.includes('allowDangerous') ? 'allowDangerous' : all.every(denying) ? 'deny' : 'unclear';
      if (all.some(denying)) return 'deny';
      return all.every((b) => b === 'allow') ? 'allow' : all.every(allowing) ? 'allowDangerous' : 'unclear';
    }
    case 'comparison_operator': {
      const ops = test.children.filter((c): c is Node => !!c && !c.isNamed && c.type !== '(' && c.type !== ')');
      if (ops.length !== 1) return 'unclear';
      const op = ops[0].type;
      return op === 'in' || op === '==' || op === 'is' ? allowed() : op === 'not in' || op === '!=' || op === 'is not' ? (judge?.(test) ? 'denyDangerous' : 'deny') : 'unclear';
    }
    case 'call': {
      const method = test.childForFieldName('function');
      const name = method?.type === 'attribute' ? method.childForFieldName('attribute')?.text : undefined;
      if (name === 'startswith') return allowed();
      if (name === 'endswith') return 'allow';
      return helper ? helper(test, depth) : 'unclear';
    }
    default:
      return 'unclear';
  }
}

function isFindClassCall(value: Node | null | undefined): boolean {
  return value?.type === 'call' && /\.find_class$/.test(value.childForFieldName('function')?.text ?? '');
}

/** `return super().find_class(…)`, or `return klass` with `klass` one of `held` (names assigned such a call on the way). */
function isDelegatingReturn(statement: Node, held: ReadonlySet<string>): boolean {
  if (statement.type !== 'return_statement') return false;
  const value = statement.namedChildren.find((c) => c && c.type !== 'comment');
  return isFindClassCall(value) || (value?.type === 'identifier' && held.has(value.text));
}

/** `klass = super().find_class(module, name)`: the name, and whether the value is such a call (else the name is rebound). */
function assignedName(statement: Node): { name: string; delegates: boolean } | undefined {
  const a = statement.type === 'expression_statement' ? statement.namedChildren.find((c) => c && c.type !== 'comment') : undefined;
  if (a?.type !== 'assignment') return undefined;
  const left = a.childForFieldName('left');
  return left?.type === 'identifier' ? { name: left.text, delegates: isFindClassCall(a.childForFieldName('right')) } : undefined;
}

/**
 * Every reachable `return <base>.find_class(...)` of the function, with the tests on the way to it: the
 * conditions of the `if`/`elif`/`else` branches it is in (negated for the branches not taken), and those
 * of earlier `if`s that leave the function (`if (module, name) not in ALLOWED: raise …`, kupfer's
 * `ConservativeUnpickler`; `if module.startswith("torch"): return …`, whose rest reaches the base).
 * One behind no allowlist test lets every other global through (`open`); one behind a test that is
 * neither (a helper's verdict, a flag) is `unclear`.
 */
function delegationAccess(fn: Node, helper?: HelperPolarity, judge?: AllowlistJudge): FindClassAccess {
  const state: { access: FindClassAccess } = { access: 'restricted' };
  const isOpen = (): boolean => state.access === 'open';
  // (the worst way through wins: open, then a dangerous allowlist, then a test not read)
  const RANK: Record<FindClassAccess, number> = { restricted: 0, unclear: 1, dangerous: 2, open: 3 };
  const worsen = (access: FindClassAccess): void => {
    if (RANK[access] > RANK[state.access]) state.access = access;
  };
  const statementsOf = (block: Node | null | undefined): Node[] => (block ? block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : []);
  const exits = (block: Node | null | undefined): boolean => statementsOf(block).some((s) => s.type === 'raise_statement' || s.type === 'return_statement');
  const visit = (block: Node | null | undefined, path: readonly Polarity[], depth: number, outer: ReadonlySet<string> = NO_NAMES): void => {
    if (isOpen()) return;
    if (depth > MAX_FIND_CLASS_NESTING) {
      worsen('unclear');
      return;
    }
    const on = [...path];
    // names holding the base's `find_class(...)` result here (`klass = super().find_class(module, name)`; `return klass`):
    // their return delegates, under the tests on the way to it (`if klass not in SAFE: raise` after the call included)
    let held = outer;
    for (const s of statementsOf(block)) {
      const assigned = assignedName(s);
      if (assigned && (assigned.delegates || held.has(assigned.name))) {
        const next = new Set(held);
        if (assigned.delegates) next.add(assigned.name);
        else next.delete(assigned.name);
        held = next;
      }
      if (isDelegatingReturn(s, held)) {
        // (behind a list that admits a global that runs code: as open as no list)
        if (!on.includes('allow')) {
          worsen(on.includes('allowDangerous') ? 'dangerous' : on.includes('unclear') ? 'unclear' : 'open');
        }
        return; // what follows in this block does not run
      }
      switch (s.type) {
        case 'if_statement': {
          const taken = new Set<Polarity>(); // (the distinct tests of the branches before: a long elif chain stays cheap)
          const condition = s.childForFieldName('condition');
          const first = condition ? polarity(condition, 0, helper, judge) : 'unclear';
          visit(s.childForFieldName('consequence'), [...on, first], depth + 1, held);
          taken.add(first);
          let hasElse = false;
          for (const alt of s.childrenForFieldName('alternative')) {
            if (!alt) continue;
            const notBefore = [...taken].map(negated);
            if (alt.type === 'elif_clause') {
              const c = alt.childForFieldName('condition');
              const p = c ? polarity(c, 0, helper, judge) : 'unclear';
              visit(alt.childForFieldName('consequence'), [...on, ...notBefore, p], depth + 1, held);
              taken.add(p);
            } else {
              hasElse = true;
              visit(alt.childForFieldName('body'), [...on, ...notBefore], depth + 1, held);
            }
          }
          // `if C: raise …` / `if C: return …`: the statements after it run where C does not hold
          if (!hasElse && taken.size === 1 && s.childrenForFieldName('alternative').length === 0 && exits(s.childForFieldName('consequence')) && !on.includes(negated(first))) on.push(negated(first));
          break;
        }
        case 'try_statement':
          visit(s.childForFieldName('body'), on, depth + 1, held);
          for (const clause of s.namedChildren) {
            if (!clause || (clause.type !== 'except_clause' && clause.type !== 'else_clause' && clause.type !== 'finally_clause' && clause.type !== 'except_group_clause')) continue;
            visit(clause.namedChildren.find((c) => c?.type === 'block'), on, depth + 1, held);
          }
          break;
        case 'with_statement':
        case 'for_statement':
        case 'while_statement':
          visit(s.childForFieldName('body'), on, depth + 1, held);
          if (s.type !== 'with_statement') visit(s.childForFieldName('alternative')?.childForFieldName('body'), on, depth + 1, held);
          break;
        case 'match_statement':
          for (const clause of s.childForFieldName('body')?.namedChildren ?? []) {
            if (clause?.type === 'case_clause') visit(clause.childForFieldName('consequence') ?? clause.namedChildren.find((c) => c?.type === 'block'), [...on, 'unclear'], depth + 1, held);
          }
          break;
        case 'return_statement':
        case 'raise_statement':
          return;
        default:
          break;
      }
      if (isOpen()) return;
    }
  };
  visit(fn.childForFieldName('body'), [], 0);
  return state.access;
}

/**
 * The last names of the calls the rule looks at (its callee gate), and so the words of its prefilter: one list,
 * so that a loader the rule knows cannot be missing from the triggers (a file whose only loader it is would be
 * skipped unread). A handed loader (`map(pickle.loads, xs)`) names the loader too.
 */
/** mpi4py's `Comm` methods that pickle their objects (and multiprocessing's `Connection.recv`). */
const MPI_PICKLED = ['recv', 'irecv', 'bcast', 'scatter', 'gather', 'allgather', 'alltoall', 'sendrecv', 'reduce', 'allreduce'];
/** Of those, the names a socket, queue or connection does not have: an unresolved receiver in an mpi4py file is a `Comm`. */
const MPI_ONLY = new Set(['irecv', 'bcast', 'allgather', 'alltoall', 'sendrecv', 'allreduce']);
const TORCH_OBJECT_COLLECTIVES = ['broadcast_object_list', 'all_gather_object', 'gather_object', 'scatter_object_list', 'recv_object_list'];
const TORCH_OBJECT_COLLECTIVE = new RegExp(`^torch\\.distributed\\.(?:distributed_c10d\\.)?(${TORCH_OBJECT_COLLECTIVES.join('|')})$`);
/** A multiprocessing connection: `Listener(…).accept()`, `Client(…)`, `Pipe()` (its either end). */
const MP_CONNECTION = /^multiprocessing\.(?:connection\.(?:Listener\.accept|Client|Pipe)|Pipe)$/;
/** Modules whose peer messages the rule reads (see `peerMessage`). */
const PEER_IMPORTED = ['mpi4py', 'multiprocessing', 'torch'];
/**
 * A multiprocessing `Connection.recv()` (no argument; a socket's `recv(n)` takes one), for the triggers: a file
 * of PyTorch that names `multiprocessing` or imports torch is not parsed for it alone (that made 59 more of
 * PyTorch's files parsed, doubling a scan's CPU).
 */
const CONNECTION_RECV = /\.\s*recv\s*\(\s*\)/;

export const LOADER_NAMES: readonly string[] = [
  ...new Set([...LOADERS].map((q) => q.slice(q.lastIndexOf('.') + 1))),
  ...['load_local', 'LazyLoader', 'recv_pyobj', 'load_learner', 'load_model', 'unpickle', 'load_pickle'],
  // MLflow's `pyfunc.spark_udf(spark, model_uri)`; PySpark's `sc.pickleFile(path)`; Beam's scikit-learn model handlers
  'spark_udf',
  'pickleFile',
  'SklearnModelHandlerNumpy',
  'SklearnModelHandlerPandas',
  // stable-baselines3 (`load_from_pkl`, an agent's `load_replay_buffer`), PaddlePaddle's `load_program_state`
  ...['load_from_zip_file', 'load_from_pkl', 'load_replay_buffer', 'load_program_state'],
  // BentoML's runner of a model of its store (`bentoml.sklearn.get(tag).to_runner()`)
  'to_runner',
  // darts' checkpoint and weight loaders, skforecast's `load_forecaster`, GluonTS's `Predictor.deserialize`
  ...['load_from_checkpoint', 'load_weights', 'load_weights_from_checkpoint', 'load_forecaster', 'deserialize'],
  // RecBole's `load_data_and_model`, DGL's `load_info`
  ...['load_data_and_model', 'load_info'],
  // PyG's `fs.torch_load`
  'torch_load',
  // mpi4py's lowercase (pickle-based) communication of a `Comm`, multiprocessing's `Connection.recv()`
  ...MPI_PICKLED,
  // torch.distributed's object collectives (each unpickles what the other ranks send)
  ...TORCH_OBJECT_COLLECTIVES,
];
/**
 * Gate names too common to be a trigger word (`open`, `decode`), with the word that must occur for the call to
 * be the loader: the module it is reached through (`shelve.open`, `from shelve import open`).
 */
export const NAMED_BY_MODULE: Readonly<Record<string, string>> = {
  open: 'shelve',
  Shelf: 'shelve',
  DbfilenameShelf: 'shelve',
  decode: 'jsonpickle',
  // (a file that names mpi4py, or multiprocessing for `Connection.recv`: see the trigger groups)
  ...Object.fromEntries(MPI_PICKLED.map((n) => [n, 'mpi4py'])),
};
const LOADER_NAME_TRIGGER = new RegExp(`\\b(?:${LOADER_NAMES.filter((n) => !Object.hasOwn(NAMED_BY_MODULE, n)).join('|')})\\b`);

export default createRule<[], PythonSourceCode>({
  name: 'pickle-load',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['mpi4py', CONNECTION_RECV, ...TORCH_OBJECT_COLLECTIVES, 'pickle', 'Pickle', 'dill', 'read_pickle', 'shelve', 'marshal', 'jsonpickle', 'allow_dangerous_deserialization', 'load_local', 'recv_pyobj', 'load_learner', /\bmlflow\b/, 'gensim', 'statsmodels', 'stable_baselines3', 'sb3_contrib', 'rl_zoo3', /\bpaddle\b/, 'megengine', 'skops', 'pycaret', 'autogluon', 'bentoml', /\bsurprise\b/, /\bdarts\b/, 'SklearnModelHandler', 'skforecast', 'sktime', 'neuralforecast', 'gluonts', /\bflair\b/, 'recbole', /\bdgl\b/, 'torch_geometric'],
    // (`nltk.data.load("….pickle")` holds `pickle`)
    // What `create` needs imported, and a loader's name (shelve's and jsonpickle's by their module).
    // A vendored cloudpickle reached as an attribute of its package (`import ray` … `ray.cloudpickle.loads(b)`)
    // At deep, an `Unpickler` subclass of another module of the project, imported (see `UNPICKLER_NAME`)
    // A loader's name: each name `create`'s callee gate accepts (`LOADER_NAMES`), or the module word of those too
    // common to be one (`shelve.open`, `jsonpickle.decode`)
    triggerGroups: [
      [importTrigger([...IMPORTED, ...VENDORING, 'langchain', 'langchain_community', 'mpi4py', 'multiprocessing']), ...TORCH_OBJECT_COLLECTIVES, /\b(?:ray|pyspark|srsly|externals)\s*\.\s*cloudpickle\b/, UNPICKLER_NAME, /\.\s*pickleFile\b/],
      [LOADER_NAME_TRIGGER, ...new Set(Object.values(NAMED_BY_MODULE)), CONNECTION_RECV, 'allow_dangerous_deserialization', UNPICKLER_NAME],
    ],
    docs: {
      description:
        'Reports deserialization with pickle and its relatives (`pickle`, `_pickle`, `cPickle`, `dill`, `cloudpickle`, `pandas.read_pickle`, `shelve`, `marshal`, `jsonpickle`, NLTK `.pickle` resources, fastai `load_learner`, MLflow\'s pickled flavors, gensim, statsmodels, stable-baselines3, PaddlePaddle, MegEngine, PyCaret, AutoGluon, BentoML, Surprise, darts, skforecast, sktime, NeuralForecast, GluonTS, flair, RecBole, DGL and PyG models, LangChain vector stores and retrievers loaded with `allow_dangerous_deserialization`), which runs code embedded in the data.',
      recommended: true,
    },
    messages: {
      embeddedPayload:
        '`{{callee}}` loads a pickle written into the source that imports {{imports}}: loading it runs that code. Remove the embedded pickle; keep data as JSON or safetensors, or build the object in code.',
      embeddedForeign:
        '`{{callee}}` loads a pickle written into the source that imports {{imports}}, beyond what plain data needs: loading it imports and may call them. Keep data as JSON or safetensors, build the object in code, or allow these globals in `settings.model.allowGlobals`.',
      unsafeDeserialization:
        '`{{callee}}` deserializes data that can run arbitrary code when it is loaded{{detail}}: a malicious model or cache file executes on this machine. Load data as JSON, scikit-learn models with skops, weights and arrays from safetensors (a PyTorch checkpoint with `torch.load(..., weights_only=True)`).',
      networkDeserialization:
        '`{{callee}}` deserializes data that can come from the network (a download, a socket, a remote message), and such data can run arbitrary code when it is loaded{{detail}}: a crafted response or message executes on this machine. Exchange data as JSON (weights as safetensors), or authenticate it (an HMAC over the bytes) before loading.',
      unsafeMarshal:
        '`{{callee}}`{{detail}} reads {{source}} with marshal, which is not secure against erroneous or malicious data: crafted bytes can crash the interpreter, and a code object it rebuilds runs whatever it holds once the program executes it. Exchange data as JSON.',
      mlflowPickle:
        '`{{callee}}` loads an MLflow model whose {{flavor}} flavor is stored as a pickle: whoever can log or register a model under that URI runs code on this machine when it is loaded. Load models only from runs and registries you control, and log them in a format stored without pickle (ONNX, skops for scikit-learn, safetensors).',
      mlflowPyfunc:
        '`{{callee}}` loads an MLflow model in whatever flavor it was logged, and a Python-class model, or a scikit-learn, PyTorch, statsmodels or fastai one, is stored as a pickle: whoever can log or register a model under that URI runs code on this machine when it is loaded. Load models only from runs and registries you control, and log them in a format stored without pickle (ONNX, skops for scikit-learn, safetensors).',
      nltkPickle:
        '`{{callee}}` unpickles a `.pickle` resource of nltk_data, which `nltk.download` fetches from the network: a tampered data package runs code on this machine (CVE-2024-39705). Upgrade to NLTK 3.9 or later and load `punkt_tab` (`PunktTokenizer()`), which holds no pickles.',
      vectorStore:
        '`{{callee}}` loads a saved index whose docstore is a pickle, which `allow_dangerous_deserialization` lets it unpickle: a folder somebody else wrote or replaced runs code on this machine when it is loaded. Load only an index this application built, from a folder no one else can write; otherwise rebuild it from the source documents, or keep its docstore as JSON.',
      pickledRetriever:
        '`{{callee}}` loads a saved retriever whose vectorizer is a joblib pickle and whose documents are a pickle, which `allow_dangerous_deserialization` lets it unpickle: a folder somebody else wrote or replaced runs code on this machine when it is loaded. Load only a retriever this application built, from a folder no one else can write; otherwise rebuild it at startup from source documents kept as JSON.',
      vectorStoreSavedOnSomePaths:
        '`{{callee}}` loads an index this code saves at line {{line}}, but not on every path before this load: where that save has not run, the folder is whatever is on disk, and its pickled docstore runs code on this machine when it is loaded. Load only an index this application built, from a folder no one else can write; otherwise rebuild it from the source documents, or keep its docstore as JSON.',
      savedOnSomePaths:
        '`{{callee}}` loads a file this code writes at line {{line}}, but not on every path before this load: where that write has not run, the file is whatever is on disk, and a malicious cache or model file executes on this machine. Load data as JSON or safetensors, scikit-learn models with skops.',
      callback:
        '`{{callee}}` is handed to `{{via}}`, which calls it: every item it loads is deserialized by a format that can run arbitrary code{{detail}}, so a malicious model or cache file executes on this machine. Load data as JSON, scikit-learn models with skops, weights and arrays from safetensors (a PyTorch checkpoint with `torch.load(..., weights_only=True)`).',
      callbackMarshal:
        '`{{callee}}` is handed to `{{via}}`, which calls it: every item is read with marshal, which is not secure against erroneous or malicious data (crafted bytes can crash the interpreter; a code object it rebuilds runs once executed). Exchange data as JSON.',
    },
    remediation:
      'Store weights as safetensors and configuration as JSON; for scikit-learn models use skops; if pickle is unavoidable, verify a pinned hash first or restrict Unpickler.find_class.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    runSettings.set(sc, context.settings as Record<string, unknown>);
    const importsLoader = [...IMPORTED, 'ray', 'joblib', 'pyspark', 'srsly', 'langchain', 'langchain_community', ...PEER_IMPORTED].some((m) => sc.imports.has(m));
    if (!importsLoader && !(context.depth === 'deep' && UNPICKLER_NAME.test(sc.text))) return {};

    // (mpi4py's method names, common words such as `gather` and `reduce`, only in a file that imports mpi4py;
    // `recv` only with mpi4py or multiprocessing: elsewhere each `torch.gather(…)` went through the whole handler)
    const peerNames = sc.imports.has('mpi4py') ? [] : MPI_PICKLED.filter((n) => n !== 'recv' || !sc.imports.has('multiprocessing'));
    const loaderNames = peerNames.length ? LOADER_NAMES.filter((n) => !peerNames.includes(n)) : LOADER_NAMES;
    const gate = sc.calleeGate([...loaderNames, ...CALLBACK_CALLEE_NAMES, ...localForwarderNames(sc)]);
    const loaderName = sc.nameGate([...LOADER_LAST_NAMES]);
    /**
     * Whether a vector store's `load_local` call lets it unpickle (`allow_dangerous_deserialization`): as
     * passed, or through the same-file callers of the parameter it passes (`def load_index(p,
     * allow_dangerous_deserialization=False)` called with `True`) or of the `**kwargs` it forwards;
     * `unknown` when a mapping it unpacks cannot be read (the call fails without the flag, so a working
     * call most likely sets it: reported at low confidence).
     */
    const dangerousDeserialization = (call: Node, use?: CallbackUse): 'true' | 'false' | 'unknown' | 'default' => {
      const key = 'allow_dangerous_deserialization';
      // (a load handed to an API, `asyncio.to_thread(FAISS.load_local, p, emb, allow_dangerous_deserialization=True)`,
      // `run_in_executor(None, partial(FAISS.load_local, p, emb, allow_dangerous_deserialization=True))`: what the API
      // calls it with, the partial's own keywords included)
      const flag = use ? callbackArgument(sc, use, { name: key }) : sc.argument(call, { name: key });
      if (flag && flag !== UNKNOWN) {
        const state = flagStateThroughCallers(sc, flag, context.depth, 'true');
        // a command-line option, settings field or class attribute that is True unless someone changes it
        // (`allow_dangerous_deserialization=self.ALLOW`, `ALLOW = True`): `default`, reported at medium
        if (state === 'unknown' && defaultFlagState(sc, flag) === 'true') return 'default';
        return state === 'absent' ? 'false' : state;
      }
      // the calls whose `**kwargs` may carry it: the load's own, or the partial's and the API's call it forwards
      const splatted = use ? [callbackPartial(sc, use.fn), use.forwarded].filter((c): c is Node => !!c && sc.hasUnresolvedArguments(c)) : sc.hasUnresolvedArguments(call) ? [call] : [];
      if (splatted.length === 0) return flag === UNKNOWN ? 'unknown' : 'false';
      const passed = splatted.flatMap((c) => splatValuesFromCallers(sc, c, key, context.depth));
      if (passed.some((v) => flagState(sc, v) === 'true')) return 'true';
      // the `*args`/`**kwargs` of the function, forwarded: what its callers pass (above), as the other
      // flags are read; a wrapper whose callers here pass no such flag, or that has none here, is silent
      if (splatted.every((c) => forwardsOwnSplats(sc, c))) return 'false';
      return 'unknown';
    };
    /**
     * A LangChain vector store's `load_local` handed to an API that calls it (`asyncio.to_thread(FAISS.load_local, p,
     * emb, allow_dangerous_deserialization=True)`, `loop.run_in_executor(None, functools.partial(FAISS.load_local, …,
     * allow_dangerous_deserialization=True))`): judged as the direct call, with the arguments the API passes it.
     */
    const handedVectorStore = (node: Node): void => {
      const use = callbackUse(sc, node);
      const store = use ? sc.qualifiedNames(use.fn).find((q) => PICKLED_VECTOR_STORES.test(q)) : undefined;
      if (!use || !store) return;
      const state = dangerousDeserialization(node, use);
      if (state === 'false') return;
      const given = callbackArgument(sc, use, { name: 'folder_path', position: 0 });
      // (a folder the API takes from an iterable, `map(partial(FAISS.load_local, …), folders)`: not known)
      const folder = given === UNKNOWN ? undefined : given;
      reportVectorStore(node, store, state, folder, !!folder && ownIndexSaves(sc, node, store, use));
    };
    /**
     * A vector store's load that may unpickle (`state` not `false`) of `folder`: silent when it reads the index
     * this code just saved (`saves`: every `.save_local` of the function is a vector store's, of this name),
     * medium when the save runs only on some paths, else reported with the folder's (or the flag's) confidence.
     */
    const reportVectorStore = (node: Node, store: string, state: 'true' | 'unknown' | 'default', folder: Node | undefined, saves: boolean): void => {
      const name = store.split('.').slice(-2).join('.');
      const own = { pathWriters: VECTOR_STORE_WRITERS };
      if (saves && isInProcessData(sc, folder, VECTOR_STORE_WRITERS, 0, own)) return;
      const save = saves ? savedOnSomePathBefore(sc, folder, VECTOR_STORE_WRITERS, own) : undefined;
      if (save) {
        context.report({ node, messageId: 'vectorStoreSavedOnSomePaths', data: { callee: name, line: saveLineText(sc, save, node) }, confidence: 'medium', remediation: VECTOR_STORE_REMEDIATION });
        return;
      }
      const messageId = isRetriever(store) ? 'pickledRetriever' : 'vectorStore';
      context.report({ node, messageId, data: { callee: name }, confidence: state === 'unknown' ? 'low' : state === 'default' ? 'medium' : folder ? confidenceFor(sc, folder) : 'medium', remediation: VECTOR_STORE_REMEDIATION });
    };
    /**
     * Whether a name holds a multiprocessing connection on some path: bound to `listener.accept()` (of a
     * `Listener(…)`), `Client(…)`, or unpacked from `Pipe()`, also by `with … as`.
     */
    // (per bound value, once: a connection rebound in thousands of branches, each followed by `conn.recv()`)
    // ('network': of `Listener(…).accept()` or `Client(…)`, a peer at an address; 'pipe': of `Pipe()`, this process's own child)
    const connectionKinds = new Map<number, 'network' | 'pipe' | null>();
    const connectionOf = (receiver: Node): 'network' | 'pipe' | undefined => {
      if (receiver.type !== 'identifier') return undefined;
      let kind: 'network' | 'pipe' | undefined;
      for (const b of sc.reachingBindings(receiver)) {
        let value = b.kind === 'unpack' ? b.source : b.value;
        if (value?.type === 'await') value = value.namedChildren[0];
        if (!value) continue;
        let known = connectionKinds.get(value.id);
        if (known === undefined) {
          const callee = value.type === 'call' ? sc.callee(value) : undefined;
          const q = callee ? [...sc.qualifiedNames(callee), ...sc.instanceQualifiedNames(callee)].find((n) => MP_CONNECTION.test(n)) : undefined;
          known = q === undefined ? null : /\.Pipe$/.test(q) ? 'pipe' : 'network';
          connectionKinds.set(value.id, known);
        }
        if (known === 'network') return 'network';
        if (known === 'pipe') kind = 'pipe';
      }
      return kind;
    };
    /**
     * A peer's message, unpickled: mpi4py's lowercase `comm.recv()`/`bcast`/`scatter`/`gather`/`allgather`/
     * `alltoall`/`sendrecv`/`reduce`/`allreduce`/`irecv` on a communicator of `mpi4py.MPI` (the uppercase `Recv`/`Bcast`
     * move buffers and are not gated): medium (the peers are the ranks of the same job), low when the receiver is not
     * known to be a communicator and only the method's name, in a file that imports mpi4py, says so;
     * multiprocessing's `Connection.recv()` on a connection of `Listener().accept()` or `Client(…)` (high: a peer at an
     * address) or `Pipe()` (low: this process's own child; a plain socket's `recv` is a source, not this);
     * torch.distributed's object collectives (low: the peers are the training job itself). Whether the call was one
     * of these (reported or not).
     */
    const peerMessage = (node: Node, fn: Node | null | undefined, store: string | undefined): boolean => {
      const collective = store?.match(TORCH_OBJECT_COLLECTIVE);
      if (collective) {
        if (sc.localFunction(node)) return true;
        context.report({ node, messageId: 'networkDeserialization', data: { callee: `torch.distributed.${collective[1]}`, detail: ' (torch.distributed unpickles the objects the other ranks send)', imports: '' }, confidence: 'low' });
        return true;
      }
      if (fn?.type !== 'attribute') return false;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (!MPI_PICKLED.includes(method) || sc.localFunction(node)) return false;
      const receiver = fn.childForFieldName('object');
      const connection = method === 'recv' && sc.imports.has('multiprocessing') && receiver ? connectionOf(receiver) : undefined;
      if (connection) {
        // (a peer at an address: high; the other end of a `Pipe()`, a child this process started: low)
        context.report({ node, messageId: 'networkDeserialization', data: { callee: 'multiprocessing.connection.Connection.recv', detail: ' (a `Connection` unpickles each message it receives)', imports: '' }, confidence: connection === 'network' ? 'high' : 'low' });
        return true;
      }
      if (!sc.imports.has('mpi4py')) return false;
      // (`comm = MPI.COMM_WORLD`; `conn = listener.accept()` after `listener = Listener(…)`)
      const names = receiver ? [...sc.qualifiedNames(receiver), ...sc.instanceTypes(receiver)] : [];
      const comm = names.some((q) => q.startsWith('mpi4py.'));
      // (an unresolved receiver: only the names no socket or queue has)
      if (!comm && (names.length > 0 || !MPI_ONLY.has(method))) return false;
      context.report({ node, messageId: 'networkDeserialization', data: { callee: `mpi4py.MPI.Comm.${method}`, detail: ' (mpi4py pickles the lowercase methods\' objects; use the uppercase buffer methods such as `Recv`/`Bcast` for arrays)', imports: '' }, confidence: comm ? 'medium' : 'low' });
      return true;
    };
    return {
      // `RedisCache(client, serializer=pickle.dumps, deserializer=pickle.loads)`: a loader handed to a library as a
      // keyword (a cache's decoder, a codec's `loads=`) is called on whatever that library reads (review webupload
      // P3-1); the callback APIs whose arguments are known (`executor.submit(fn=…)`) are read at their call
      keyword_argument(node: Node) {
        const value = node.childForFieldName('value');
        if (!value || (value.type !== 'identifier' && value.type !== 'attribute')) return;
        // (under its own name or an alias: `from pickle import loads as pl`, `decode = pickle.loads`)
        if (!loaderName(value)) return;
        const callee = nameAmong(sc, value, LOADERS);
        const call = node.parent?.parent;
        if (!callee || call?.type !== 'call' || callbackUse(sc, call)) return;
        const fn = sc.callee(call);
        const name = fn ? (sc.qualifiedName(fn) ?? fn.text).replace(/^builtins\./, '').split('.').slice(-2).join('.') : 'a call';
        const via = `${name.length <= 40 ? name : '…'}(${node.childForFieldName('name')?.text ?? ''}=…)`;
        const messageId = callee.startsWith('marshal.') ? 'callbackMarshal' : 'callback';
        context.report({ node, messageId, data: { callee, via, detail: detail(callee) }, confidence: 'medium' });
      },
      call(node: Node) {
        if (!gate(node)) return;
        // `map(pickle.loads, blobs)`, `executor.submit(pickle.load, f)`, `delayed(pd.read_pickle)(p)`
        const handed = handedLoader(sc, node, LOADERS, DUMPERS, { name: 'file', position: 0 });
        if (handed) {
          if (handed !== 'other') {
            const messageId = handed.callee.startsWith('marshal.') ? 'callbackMarshal' : 'callback';
            context.report({ node, messageId, data: { ...handed, detail: detail(handed.callee) }, confidence: 'medium' });
          } else handedVectorStore(node);
          return;
        }
        // `FAISS.load_local(path, embeddings, allow_dangerous_deserialization=True)`: the index's docstore is a pickle
        let store = sc.qualifiedName(sc.callee(node)!);
        if (store && PICKLED_VECTOR_STORES.test(store)) {
          const state = dangerousDeserialization(node);
          if (state === 'false') return;
          const folder = sc.argument(node, { position: 0 }) ?? sc.argument(node, { name: 'folder_path' });
          // `vs.save_local("index")` then `FAISS.load_local("index", …)`: the index this code just built
          reportVectorStore(node, store, state, folder, ownIndexSaves(sc, node, store));
          return;
        }
        // PySpark's `sc.pickleFile(path)`: the RDD `saveAsPickleFile` wrote, every element unpickled (a method no other
        // library has, in a file that imports pyspark; not one of a class of this file)
        const fn = sc.callee(node);
        if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'pickleFile') {
          if (!sc.imports.has('pyspark') || sc.localFunction(node)) return;
          const path = sc.argument(node, { name: 'name', position: 0 });
          // `rdd.saveAsPickleFile(p)` … `sc.pickleFile(p)`: what this code has just written
          const own = { pathWriters: SPARK_PICKLE_WRITERS };
          if (isInProcessData(sc, path, SPARK_PICKLE_WRITERS, 0, own)) return;
          const save = savedOnSomePathBefore(sc, path, SPARK_PICKLE_WRITERS, own);
          if (save) {
            context.report({ node, messageId: 'savedOnSomePaths', data: { callee: 'SparkContext.pickleFile', line: saveLineText(sc, save, node) }, confidence: 'medium' });
            return;
          }
          context.report({
            node,
            messageId: fromNetwork(sc, path) || remoteUrl(sc, path) ? 'networkDeserialization' : 'unsafeDeserialization',
            data: { callee: 'SparkContext.pickleFile', detail: " (PySpark's `pickleFile` unpickles every element of the saved RDD)", source: '', imports: '' },
            confidence: confidenceFor(sc, path, node),
          });
          return;
        }
        // pyzmq's `socket.recv_pyobj()`: `pickle.loads` of the next message off the socket (a method no
        // other library has, in a file that imports zmq; not one of a class of this file)
        if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'recv_pyobj') {
          if (sc.imports.has('zmq') && !sc.localFunction(node)) {
            context.report({ node, messageId: 'networkDeserialization', data: { callee: 'zmq.Socket.recv_pyobj', detail: ' (pyzmq unpickles each message)', imports: '' }, confidence: 'high' });
          }
          return;
        }
        // mpi4py's lowercase methods of a `Comm`, multiprocessing's `Connection.recv()`, torch.distributed's object
        // collectives: each unpickles what a peer sends
        if (peerMessage(node, fn, store)) return;
        // fastai's `load_learner("export.pkl")`: the whole pickled Learner (the Spaces template)
        if (store && FASTAI_LOAD_LEARNER.test(store)) {
          const file = sc.argument(node, { position: 0 }) ?? sc.argument(node, { name: 'fname' });
          const network = fromNetwork(sc, file);
          context.report({
            node,
            messageId: network ? 'networkDeserialization' : 'unsafeDeserialization',
            data: { callee: 'fastai.load_learner', detail: detail(store), source: '', imports: '' },
            confidence: confidenceFor(sc, file, node),
          });
          return;
        }
        // skops (`skops.io.load(file, trusted=None)`, `loads(data, trusted=None)`): `trusted=True` (skops < 0.10)
        // lets it build every type the file names, as pickle does; a list of types is its allowlist
        if (store && /^skops\.io\.(?:_persist\.)?loads?$/.test(store)) {
          const trusted = sc.argument(node, { name: 'trusted', position: 1 });
          // `trusted=get_untrusted_types(file=path)` (or a name bound to it): every type the file names, unreviewed
          const everything = !!trusted && (sc.constant(trusted) === true || isUntrustedTypesList(sc, trusted));
          if (!everything) return;
          const data = sc.argument(node, { name: store.endsWith('loads') ? 'data' : 'file', position: 0 });
          const network = fromNetwork(sc, data);
          context.report({
            node,
            messageId: network ? 'networkDeserialization' : 'unsafeDeserialization',
            data: {
              callee: store.replace('._persist', ''),
              detail: sc.constant(trusted!) === true ? ' with `trusted=True` (skops then builds every type the file names, as pickle would)' : ' trusting every type `get_untrusted_types` lists, unreviewed (skops then builds whatever the file names, as pickle would)',
              source: '',
              imports: '',
            },
            confidence: sc.constant(trusted!) === true ? confidenceFor(sc, data, node) : 'medium',
            remediation: 'Pass `trusted=` the list of types you reviewed (`skops.io.get_untrusted_types(file=path)` shows what the file needs), never `True`.',
          });
          return;
        }
        // gensim's `KeyedVectors.load(p)`, statsmodels' `ARIMAResults.load(p)`, stable-baselines3's `PPO.load(p)`
        const named = store;
        let library = named ? LIBRARY_PICKLES.find((l) => l.re.test(named)) : undefined;
        let shown: string | undefined;
        /** Whether the call may also be another class's `load` than the library's (a table of classes). */
        let partial = false;
        // a method of an agent the code built or loaded (`model = SAC.load(p)` … `model.load_replay_buffer(b)`)
        if (!library && !store) {
          const callee = sc.callee(node);
          const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
          // (and BentoML's `bentoml.sklearn.get("iris_clf:latest").to_runner()`, the model's runner; PyCaret's
          // `exp = ClassificationExperiment()` … `exp.load_model(name)`)
          // (also a loader reached through an instance, `w = Word2Vec(…)` … `w.load(p)`, `m = TFTModel(…)` …
          // `m.load_weights(p)`, and a classmethod inherited by a class of the project, `class MyTFT(TFTModel)` …
          // `MyTFT.load(p)`, that does not define it: the base's)
          const instance = method && INSTANCE_LOADERS.has(method) ? (sc.instanceQualifiedNames(callee!).find((q) => LIBRARY_PICKLES.some((l) => l.re.test(q))) ?? inheritedLoader(sc, callee!, method)) : undefined;
          if (instance) {
            store = instance;
            library = LIBRARY_PICKLES.find((l) => l.re.test(instance));
            shown = /^bentoml\.\w+\.get\./.test(instance) ? instance.replace('.get.', '.get(…).') : callee!.text.length <= 40 ? callee!.text : `….${method}`;
          }
          // a class picked from a table (`{"ppo": PPO, "sac": SAC}[algo].load(p)`, RL Zoo's `ALGOS[algo].load(p)`):
          // reported when one of the classes it may be is such a library's, at medium unless every one is
          // (also `ALGOS.get(algo).load(p)`, and `cls = ALGOS[algo]` … `cls.load(p)`)
          const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
          const tableOf = (r: Node | null | undefined): Node | null | undefined => {
            if (r?.type === 'subscript') return r.childForFieldName('value');
            const get = r?.type === 'call' ? sc.callee(r) : undefined;
            return get?.type === 'attribute' && get.childForFieldName('attribute')?.text === 'get' ? get.childForFieldName('object') : undefined;
          };
          let table = tableOf(receiver);
          if (table === undefined && receiver?.type === 'identifier') {
            const bound = sc.reachingBindings(receiver);
            if (bound.length === 1 && bound[0].kind === 'assignment') table = tableOf(bound[0].value);
          }
          if (!instance && method === 'load' && table !== undefined) {
            const zoo = !!table && ZOO_ALGOS.test(sc.qualifiedName(table) ?? '');
            const names = zoo ? ['stable_baselines3.PPO.load'] : sc.possibleQualifiedNames(callee!);
            const known = names.filter((q) => LIBRARY_PICKLES.some((l) => l.re.test(q)));
            if (known.length > 0) {
              store = known[0];
              library = LIBRARY_PICKLES.find((l) => l.re.test(known[0]));
              shown = callee!.text.length <= 40 ? callee!.text : `….${method}`;
              if (known.length < names.length || (!zoo && sc.qualifiedNames(callee!).length === 0)) partial = true;
            }
          }
        }
        if (library) {
          const file = /^paddle\.static\.(?:io\.)?load$/.test(store!)
            ? sc.argument(node, { name: 'model_path', position: 1 })
            : /^bentoml\.\w+\.get\./.test(store!)
              ? runnerTag(sc, node)
              : (sc.argument(node, { position: 0 }) ??
              (library.fileKeyword ? sc.argument(node, { name: library.fileKeyword }) : undefined) ??
              sc.argument(node, { name: 'fname' }) ??
              sc.argument(node, { name: 'path' }) ??
              sc.argument(node, { name: 'name' }));
          // `load_model("pipe", platform="aws", authentication={…})`: PyCaret downloads the file from a bucket first
          const fetchArg = library.fetchedWith ? sc.argument(node, library.fetchedWith) : undefined;
          const fetchValue = fetchArg ? sc.constant(fetchArg) : null;
          const fetched = !!fetchArg && fetchValue !== null && fetchValue !== false && fetchValue !== '';
          // `api.load(name, return_path=True)`: gensim's downloader only downloads (it checks each part's MD5 itself)
          if (library.network) {
            const returnPath = sc.argument(node, { name: 'return_path', position: 1 });
            const v = returnPath ? sc.constant(returnPath) : false;
            if (v !== UNKNOWN && v !== false && v !== null && v !== 0) return;
          } else if (!fetched) {
            // sktime's `pkl = est.save()` … `load(pkl)`: the `(class, bytes)` pair this process serialized in memory
            if (library.inMemorySave && inMemorySave(sc, file)) return;
            // `model.save("ppo")` … `PPO.load("ppo")`: the file this code just saved (the quick-start's round trip)
            const writers = writersOf(library);
            const own = { pathWriters: writers };
            if (isInProcessData(sc, file, writers, 0, own)) return;
            const save = savedOnSomePathBefore(sc, file, writers, own);
            if (save) {
              context.report({ node, messageId: 'savedOnSomePaths', data: { callee: shown ?? shortCallee(store!), line: saveLineText(sc, save, node) }, confidence: 'medium', remediation: library.remediation });
              return;
            }
          }
          const network = library.network || fetched || fromNetwork(sc, file) || ((!!library.remote || !!library.fetchesNames) && remoteUrl(sc, file)) || (!!library.fetchesNames && fetchedName(sc, file));
          const confidence = confidenceFor(sc, file, node);
          context.report({
            node,
            messageId: network ? 'networkDeserialization' : 'unsafeDeserialization',
            data: { callee: shown ?? shortCallee(store!), detail: library.detail, source: '', imports: '' },
            confidence: library.network || fetched ? 'high' : partial || library.medium ? lowerToMedium(confidence) : confidence,
            remediation: library.remediation,
          });
          return;
        }
        // `mlflow.sklearn.load_model("models:/churn/Production")`: a flavor stored as a pickle; also one of the loaders a
        // table or a conditional picks (`LOADERS[flavor](uri)`, `fn = mlflow.sklearn.load_model if c else mlflow.onnx.load_model`),
        // at medium unless every choice is a pickled flavor's (a pickled flavor's loader before `pyfunc`'s)
        const choices = store ? [store] : sc.possibleQualifiedNames(sc.callee(node)!);
        // (`spark_udf` is `pyfunc`'s only: `mlflow.sklearn.spark_udf` names nothing)
        const pickledChoices = choices.filter((q) => MLFLOW_PICKLED.test(q) && (!q.endsWith('.spark_udf') || q.startsWith('mlflow.pyfunc.')));
        const mlflowLoader = pickledChoices.find((q) => !q.startsWith('mlflow.pyfunc.')) ?? pickledChoices[0];
        const mlflow = mlflowLoader ? MLFLOW_PICKLED.exec(mlflowLoader) : null;
        if (mlflow) {
          // (`spark_udf(spark, model_uri, …)`: the URI second)
          const uri = sc.argument(node, { name: 'model_uri', position: mlflowLoader!.endsWith('.spark_udf') ? 1 : 0 });
          const network = fromNetwork(sc, uri);
          const flavor = mlflow[1];
          // some choices not a pickled flavor, or not resolved (`{"s": mlflow.sklearn.load_model, "x": my_loader}`)
          // (or `pyfunc`'s, whose model may be of a flavor stored without pickle)
          const some = !store && (pickledChoices.length < choices.length || pickledChoices.some((q) => q.startsWith('mlflow.pyfunc.')) || sc.qualifiedNames(sc.callee(node)!).length === 0);
          const fn = sc.callee(node)!;
          context.report({
            node,
            messageId: network ? 'networkDeserialization' : flavor === 'pyfunc' ? 'mlflowPyfunc' : 'mlflowPickle',
            data: {
              callee: store ?? (fn.text.length <= 40 ? fn.text : mlflowLoader!),
              flavor,
              detail: ` (MLflow's ${flavor} flavor is stored as a pickle)`,
              source: '',
              imports: '',
            },
            confidence: flavor === 'pyfunc' ? 'medium' : some ? lowerToMedium(confidenceFor(sc, uri, node)) : confidenceFor(sc, uri, node),
            remediation: MLFLOW_REMEDIATION,
          });
          return;
        }
        // `nltk.data.load("tokenizers/punkt/english.pickle")`: nltk_data's pickles, downloaded
        const nltk = calleeName(sc, node, NLTK_LOADERS);
        if (nltk) {
          const resource = nltkPickleResource(sc, node);
          if (resource) context.report({ node, messageId: 'nltkPickle', data: { callee: nltk }, confidence: confidenceFor(sc, resource, node) });
          return;
        }
        const direct = calleeName(sc, node, LOADERS);
        const open = direct ? undefined : unrestrictedUnpickler(sc, node);
        const subclass = open?.base;
        // `def cached(blob, loads=pickle.loads): loads(blob)`: the default, unless a caller passes another
        const byDefault = direct || subclass ? undefined : firstAmong(sc.defaultQualifiedNames(sc.callee(node)!), LOADERS);
        const callee = subclass ? sc.getText(sc.callee(node)!) : (direct ?? byDefault);
        if (!callee) return;
        // `pickle.Unpickler(f).load()` in a file that replaces `pickle.Unpickler` with an allowlisting subclass
        const patch = direct && UNPICKLERS.has(direct) ? restrictingPatch(sc, direct) : undefined;
        // `shelve.open(p, "n")`, `shelve.Shelf({})`: a new, empty shelf, only written here
        if (direct && isNewShelf(sc, node, direct)) return;
        const data = sc.argument(node, { position: 0 }) ?? sc.argument(node, { name: 'data' }) ?? sc.argument(node, { name: 'file' });
        // `pd.read_pickle(path)` after `df.to_pickle(path)`: a file name by both APIs, however `path` is bound
        const paths = PANDAS_READERS.has(callee) ? { pathWriters: PANDAS_WRITERS } : {};
        // `pickle.loads(pickle.dumps(x))`, `s = pickle.dumps(x); pickle.loads(s)`: a deep copy.
        if (isInProcessData(sc, data, DUMPERS, 0, paths)) return;
        // `if not os.path.exists(p): pickle.dump(x, open(p, "wb"))` … `pickle.load(open(p, "rb"))`: this
        // code's own file on some paths, whatever is on disk on the others
        const save = direct ? savedOnSomePathBefore(sc, data, DUMPERS, paths) : undefined;
        if (save) {
          context.report({ node, messageId: 'savedOnSomePaths', data: { callee, line: saveLineText(sc, save, node) }, confidence: 'medium' });
          return;
        }
        // A pickle written into the source is read (never loaded) with the model-file policy: one
        // that imports only what a plain data pickle needs runs nothing; one that imports more is an
        // embedded payload.
        const embedded = PICKLE_READER.test(callee) ? constantBytes(sc, data) : undefined;
        const judged = embedded && judgePickleBytes(embedded, context.settings);
        if (judged && judged.inert) return;
        const imports = judged ? judged.imports : [];
        const dangerous = imports.some((i) => i.verdict === 'dangerous');
        // `pd.read_pickle("https://…/model.pkl")`: pandas fetches a URL itself (urllib, or fsspec for `s3://`, `gs://`)
        const network = imports.length === 0 && (fromNetwork(sc, data) || (PANDAS_READERS.has(callee) && remoteUrl(sc, data)));
        const marshal = callee.startsWith('marshal.');
        const messageId =
          imports.length > 0 ? (dangerous ? 'embeddedPayload' : 'embeddedForeign') : marshal ? 'unsafeMarshal' : network ? 'networkDeserialization' : 'unsafeDeserialization';
        context.report({
          node,
          messageId,
          data: {
            callee,
            detail: open
              ? open.unclear
                ? ` (a subclass of \`${subclass}\` whose \`find_class\` hands names to the base class behind a test that is not read as an allowlist)`
                : open.dangerous
                  ? ` (a subclass of \`${subclass}\` whose \`find_class\` allowlist admits a global that runs code, such as \`builtins.eval\` or a whole module like \`builtins\`)`
                  : ` (a subclass of \`${subclass}\` whose \`find_class\` lets every global through)`
              : patch
                ? ` (this file replaces \`${direct}\` with \`${patch}\`, which restricts \`find_class\`: while that patch is in force the load is restricted, outside it not)`
              : byDefault
                ? ` (the default of \`${sc.getText(sc.callee(node)!)}\`, unless a caller passes another)${detail(callee)}`
                : detail(callee),
            source: network ? 'data that can come from the network' : 'data',
            imports: imports.slice(0, 3).map((i) => i.name).join(', ') + (imports.length > 3 ? ', …' : ''),
          },
          confidence: byDefault || patch || open?.unclear ? (confidenceFor(sc, data, node) === 'low' ? 'low' : 'medium') : imports.length === 0 ? confidenceFor(sc, data, node) : dangerous ? 'high' : 'medium',
        });
      },
    };
  },
});
