/**
 * What a pickle may import. Lists are data: defaults below, extended through `settings.model`
 * (`allowGlobals`, `denyGlobals`, `allowModulePrefixes`).
 *
 * A global is judged on its full dotted path (module + '.' + name, e.g. `pathlib.os.system`):
 *   1. an exact user/default allow entry wins (e.g. `joblib.numpy_pickle.NumpyArrayWrapper`);
 *   2. dangerous when any dotted prefix of the path is on the dangerous list, when any component
 *      names a dangerous module (`torch.serialization.os.system`), when a dotted dangerous name is
 *      reached through another module (`torch.nn.modules.module.torch.load`), or when a component
 *      reaches object internals (`__globals__`, `__builtins__`, `__subclasses__`, …);
 *   3. safe when on the allowlist (exact or module-prefix, with a class-like name);
 *   4. otherwise suspicious.
 *
 * `builtins.getattr` is judged on how the pickle used it too (`judgeGetattr`): Python pickles a
 * bound method (`scheduler.anneal_func`) as `getattr(<object>, '<method name>')`.
 */

import type { GetattrUse, GetattrUsage } from './pickle/machine.js';

export type Verdict = 'safe' | 'dangerous' | 'suspicious';

export interface GlobalJudgement {
  verdict: Verdict;
  /** Which entry decided it (for messages). */
  reason: string;
}

/** Modules (and all their submodules and attributes) whose import alone means code execution. */
export const DANGEROUS_MODULES: readonly string[] = [
  'os', 'posix', 'nt', 'posixpath', 'ntpath', 'subprocess', 'sys', 'pty', 'commands', 'popen2',
  'runpy', 'code', 'codeop', 'importlib', 'imp', 'zipimport', 'inspect', 'pkgutil', 'pydoc', 'marshal', 'types',
  'ctypes', '_ctypes', 'cffi', 'pip', 'setuptools', 'distutils', 'ensurepip', 'timeit', 'cProfile', 'profile', 'trace', 'pdb', 'bdb',
  'socket', '_socket', 'socketserver', 'ssl', 'http', 'urllib', 'urllib2', 'urllib3', 'requests', 'httpx', 'aiohttp', 'ftplib', 'telnetlib',
  'webbrowser', 'smtplib', 'poplib', 'imaplib', 'nntplib', 'xmlrpc', 'asyncio', 'shutil', 'tempfile', 'glob', 'fileinput',
  'multiprocessing', 'concurrent', 'threading', '_thread', 'signal', 'atexit', 'gc', 'builtins.__import__',
  'pickle', '_pickle', 'cPickle', 'pickletools', 'shelve', 'dill', 'cloudpickle', 'joblib',
  'idlelib', 'lib2to3', 'venv', 'sysconfig', 'platform', 'mmap', 'resource', 'pwd', 'grp', 'crypt', 'fcntl', 'termios',
  'numpy.f2py', 'numpy.testing', 'numpy.distutils', 'numpy.ctypeslib', 'numpy.load', 'numpy.lib.npyio', 'numpy.lib.format.read_array',
  'numpy.testing._private.utils.runstring',
  'torch.load', 'torch.serialization', 'torch.hub', 'torch._dynamo', 'torch._inductor', 'torch.jit', 'torch.package',
  'torch.utils.cpp_extension', 'torch.utils.data.datapipes', 'torch.distributed.rpc', 'torch.distributed.run', 'torch.distributed.launch', 'torch.distributed.elastic', 'torch._C._jit', 'torch.ops', 'torch.classes',
  'torch.fx', 'torch.compile', 'torch.library', 'torch.cuda.nvtx', 'torch._ops',
  'tensorflow.io', 'tensorflow.compat.v1.io', 'keras.utils.get_file', 'tf.io',
  'operator.attrgetter', 'operator.itemgetter', 'operator.methodcaller', 'functools.partial', 'functools.reduce',
  '_operator.attrgetter', '_operator.itemgetter', '_operator.methodcaller', '_functools.partial', '_functools.reduce',
  'io.open', '_io.open', 'io.FileIO', '_io.FileIO', 'io.open_code', '_io.open_code', 'codecs.open', 'linecache', 'zipfile', 'tarfile',
  'logging.config', 'sqlite3', 'cgi', 'site', 'sympy.sympify', 'sympy.core.sympify', 'torch.utils.collect_env',
  'uuid._get_command_stdout', 'uuid._popen', 'uuid._find_mac', 'uuid._ifconfig_getnode', 'uuid._ip_getnode',
  'uuid._arp_getnode', 'uuid._lanscan_getnode', 'uuid._netstat_getnode', 'uuid._ipconfig_getnode', 'uuid._netbios_getnode',
  '_posixsubprocess', '_winapi', 'msvcrt', 'winreg', '_winreg', 'win32api', 'win32process',
  'pandas.read_pickle', 'pandas.io.pickle', 'sklearn.utils._testing', 'transformers.dynamic_module_utils',
  'transformers.utils.hub', 'huggingface_hub', 'jinja2', 'yaml.load', 'yaml.unsafe_load', 'yaml.full_load',
  // Run code strings, shell commands or nested pickles: `doctest.debug_script(src)`,
  // `torch.testing._internal.common_utils.shell(cmd)`, `ConfigModule.load_config(pickled)`,
  // `torch.utils.bottleneck.__main__.run_cprofile(code)`, benchmark `Timer(stmt)`, `numexpr.evaluate`.
  'doctest', 'torch.testing._internal', 'torch.utils._config_module', 'torch.utils.bottleneck', 'torch.utils.benchmark',
  'numexpr', 'IPython', 'pexpect', 'sh', 'plumbum', 'invoke', 'fabric', 'paramiko', 'pkg_resources',
  // Dangerous callables other modules bind under their own names (protocol 4 resolves the dotted
  // path at load time): `tokenize._builtin_open` is `open`, `numpy.lib.load` is `numpy.load`,
  // `six.exec_` is `exec`, `torch.utils.model_zoo.load_url` is `torch.hub.load_state_dict_from_url`
  // (downloads, then `torch.load` with `weights_only=False`), `sklearn.utils._joblib` re-exports joblib.
  'tokenize._builtin_open', 'bz2._builtin_open', '_pyio.open', '_pyio.open_code', '_pyio.FileIO', 'numpy.lib._datasource',
  'numpy.lib.load', 'six.exec_', 'sklearn.utils._joblib', 'sklearn.utils.discovery.import_module',
  'torch.distributed.distributed_c10d._unpickler', 'torch.distributed.distributed_c10d._tensor_to_object', 'torch.utils.model_zoo',
  // The extension registry EXT1/EXT2/EXT4 read: the unpickler looks codes up in the live
  // `copyreg._inverted_registry` (and `_extension_cache`), so a pickle that writes into it
  // (`add_extension('os', 'system', 42)`, SETITEM on the dict) turns a later `EXT1 42` into `os.system`.
  'copyreg.add_extension', 'copyreg._inverted_registry', 'copyreg._extension_cache', 'copyreg._extension_registry',
  // Standard-library internals that run commands, load code or reach files and sockets:
  // `_osx_support._read_output(cmd)` and `_aix_support._read_cmd_output(cmd)` run a shell command,
  // `_bootsubprocess` is subprocess for the build, `_pyrepl.pager.pipe_pager` pipes to a command,
  // `operator.call(f, …)` calls anything, `_imp.create_dynamic` loads a native library,
  // `_frozen_importlib(_external)` is importlib itself (`SourceFileLoader(...).load_module()` runs a
  // .py file), `_sitebuiltins` is `help()`/`license()`, `_sqlite3` is sqlite3, `logging.handlers`
  // opens files and sockets.
  '_osx_support', '_aix_support', '_bootsubprocess', '_pyrepl', 'operator.call', '_operator.call', '_imp',
  '_frozen_importlib', '_frozen_importlib_external', '_sitebuiltins', '_sqlite3', 'logging.handlers',
  // Inside allowed prefixes: classes whose constructor unpickles a file (transformers < 4.36:
  // `LegacyIndex(vector_size, index_path)` and the RAG retriever's indexes, CVE-2023-6730;
  // `TransfoXLTokenizer(…, pretrained_vocab_file)` and `TransfoXLCorpus`, CVE-2023-7018), the
  // torch.fx machinery quantization keeps under its own names (FX graph modules generate and exec
  // code, as `torch.fx` does), and scikit-learn's dataset fetchers (network, temporary directories,
  // joblib caches).
  'transformers.models.rag.retrieval_rag', 'transformers.models.transfo_xl', 'transformers.models.deprecated.transfo_xl',
  'torch.ao.quantization.fx', 'torch.quantization.fx', 'torch.ao.quantization.quantize_fx', 'torch.quantization.quantize_fx',
  'torch.ao.quantization.pt2e', 'torch.ao.quantization.quantize_pt2e', 'torch.ao.quantization.quantization_types',
  'sklearn.datasets',
  // Run code strings or shell commands: `mailcap.findmatch` runs a mailcap entry's `test` command
  // through os.system, `_xxsubinterpreters.run_string`/`_interpreters.exec` run source in a
  // subinterpreter, mlflow runs project entry points and loads cloudpickled models, the test suite's
  // helpers spawn interpreters, pandas evaluates expressions.
  'mailcap', '_xxsubinterpreters', '_interpreters', '_xxinterpchannels', '_interpchannels', '_interpqueues', 'test.support',
  'mlflow', 'pandas.eval', 'pandas.core.computation',
  // Write, create or truncate files, or read them from a path or URL the pickle chooses (as
  // `distutils.file_util.write_file`, `io.FileIO` and `numpy.load` are): `logging.FileHandler` and
  // `basicConfig(filename=…)`, numpy's savers and text readers (`loadtxt`/`genfromtxt` fetch http(s)
  // URLs through `numpy.lib._datasource`), `fromfile`, `tofile`, `numpy.lib.format.open_memmap`,
  // `torch.save`, TensorBoard writers, pandas' readers (URLs) and stores.
  'logging.FileHandler', 'logging.basicConfig', 'numpy.save', 'numpy.savez', 'numpy.savez_compressed', 'numpy.savetxt',
  'numpy.loadtxt', 'numpy.genfromtxt', 'numpy.fromfile', 'numpy.fromregex', 'numpy.recfromtxt', 'numpy.recfromcsv',
  'numpy.DataSource', 'numpy.ndarray.tofile', 'numpy.ndarray.dump', 'numpy.lib.format', 'numpy.lib._npyio_impl',
  'numpy.core.records.fromfile', 'numpy._core.records.fromfile', 'numpy.rec.fromfile', 'numpy.core.multiarray.fromfile',
  'numpy._core.multiarray.fromfile', 'numpy.core._multiarray_umath.fromfile', 'numpy._core._multiarray_umath.fromfile',
  'torch.save', 'torch.utils.tensorboard', 'pandas.io', 'pandas.read_csv', 'pandas.read_table', 'pandas.read_fwf',
  'pandas.read_json', 'pandas.read_html', 'pandas.read_xml', 'pandas.read_excel', 'pandas.read_parquet', 'pandas.read_feather',
  'pandas.read_orc', 'pandas.read_hdf', 'pandas.read_sas', 'pandas.read_spss', 'pandas.read_stata', 'pandas.read_sql',
  'pandas.read_sql_query', 'pandas.read_sql_table', 'pandas.read_clipboard', 'pandas.read_gbq', 'pandas.HDFStore',
  'pandas.ExcelWriter', 'pandas.ExcelFile', 'pandas.to_pickle',
  // Universal import helpers: they return any module attribute they are given by name, as
  // `pkgutil.resolve_name` does. Judged on their use (`RESOLVERS`): one whose names are all constants
  // is followed to what it returns (`numpy.core._ufunc_reconstruct('numpy', 'log1p')`, how numpy < 1.19
  // pickled ufuncs, is `numpy.log1p`).
  'numpy.core._ufunc_reconstruct', 'numpy._core._ufunc_reconstruct', 'torch._utils._import_dotted_name',
  'scipy._lib._uarray._backend.unpickle_function',
];

/**
 * Universal import helpers and the module and name each call resolves, from its arguments:
 * `numpy.core._ufunc_reconstruct(module, name)` is `getattr(__import__(module), name)`,
 * `torch._utils._import_dotted_name('a.b.c')` imports `a` and follows `.b.c`,
 * `scipy._lib._uarray._backend.unpickle_function(module, qualname, self)` likewise. The pickle machine
 * records what a call with constant strings returns as a global of its own (judged as any other);
 * the helper itself is dangerous when any use is not such a call (`GlobalPolicy.judgeResolver`).
 */
export const RESOLVERS: Readonly<Record<string, (argv: readonly unknown[]) => { module: string; name: string } | undefined>> = {
  'numpy.core._ufunc_reconstruct': moduleAndName,
  'numpy._core._ufunc_reconstruct': moduleAndName,
  'scipy._lib._uarray._backend.unpickle_function': (argv) => (argv.length === 3 ? moduleAndName(argv.slice(0, 2)) : undefined),
  'torch._utils._import_dotted_name': (argv) => {
    const [dotted] = argv;
    if (argv.length !== 1 || typeof dotted !== 'string' || !dotted) return undefined;
    const i = dotted.indexOf('.');
    return i < 0 ? { module: dotted, name: '*' } : { module: dotted.slice(0, i), name: dotted.slice(i + 1) };
  },
};

function moduleAndName(argv: readonly unknown[]): { module: string; name: string } | undefined {
  const [module, name] = argv;
  return argv.length === 2 && typeof module === 'string' && typeof name === 'string' && module && name ? { module, name } : undefined;
}

/**
 * Allowed classes whose constructor opens a file by the name it is given, creating or truncating it
 * (`numpy.memmap(path, mode='w+')`): harmless as a pickled class (`_reconstruct(numpy.memmap, …)`
 * rebuilds an array), dangerous when the pickle calls them with arguments, which the pickle machine
 * records as an import of `<class>.__init__` (as for `HUB_LOADING_CLASSES`).
 */
export const FILE_OPENING_CLASSES: readonly string[] = ['numpy.memmap', 'numpy.core.memmap.memmap', 'numpy._core.memmap.memmap'];

/**
 * torch.fx's classes (`torch.fx` is dangerous: a GraphModule generates and execs code), which modules
 * under allowed torch prefixes import by name (`torch.ao.quantization.fx.utils.Graph`,
 * `…pt2e.utils.GraphModule`): under any `torch.` module, a class of this name is judged as torch.fx's.
 */
export const TORCH_FX_CLASS_NAMES: readonly string[] = ['GraphModule', 'Graph', 'Node', 'Tracer', 'Proxy', 'Interpreter'];

/**
 * Class-like names under allowed prefixes that are the object of a dangerous module, bound there by
 * an import (found by importing the allowed packages and comparing each class-like name's
 * `__module__`; torch.fx's classes are `TORCH_FX_CLASS_NAMES`): judged as the object they are.
 */
export const REEXPORTED_NAMES: Readonly<Record<string, string>> = {
  'sklearn.utils.validation.Parameter': 'inspect.Parameter',
};

/**
 * Allowed classes whose constructor downloads a model from the Hugging Face Hub and may run the
 * repository's code (`SentenceTransformer('owner/repo', …, trust_remote_code=True)`, positional in
 * every version). A pickle rebuilds an ordinary instance without calling the constructor (NEWOBJ,
 * `copyreg._reconstructor(cls, object, None)` and BUILD); one that calls the class with arguments
 * (REDUCE, OBJ, INST, or an allowed helper that calls it: `copyreg._reconstructor(cls, <class>,
 * state)`, `__randomstate_ctor(name, <class>)`, `_rebuild_from_type_v2(<class>, …)`) is recorded by
 * the pickle machine as an import of `<class>.__init__`, which is dangerous.
 */
export const HUB_LOADING_CLASSES: readonly string[] = [
  'sentence_transformers.SentenceTransformer.SentenceTransformer', 'sentence_transformers.SentenceTransformer',
  'sentence_transformers.models.Transformer.Transformer', 'sentence_transformers.models.Transformer',
  'sentence_transformers.models.CLIPModel.CLIPModel', 'sentence_transformers.models.CLIPModel',
  'sentence_transformers.cross_encoder.CrossEncoder.CrossEncoder', 'sentence_transformers.CrossEncoder',
];

/**
 * Names under which modules keep a dangerous module for their own use (`random._os`,
 * `argparse._sys`, `enum.bltns`, `numpy._builtins`, `scipy._importlib`): reached through another
 * module (`random._os.system`), each is that module. Keys are attribute names, values the module.
 */
export const DANGEROUS_MODULE_ALIASES: Readonly<Record<string, string>> = {
  _os: 'os', _sys: 'sys', bltns: 'builtins', _builtins: 'builtins', _importlib: 'importlib', _shutil: 'shutil',
  _socket: 'socket',
};

/** Modules that are dangerous even when reached as an attribute of another module (`pathlib.os`). */
export const REACHABLE_DANGEROUS_MODULES: readonly string[] = [
  'os', 'posix', 'nt', 'subprocess', 'sys', 'pty', 'runpy', 'socket', 'shutil', 'importlib', 'ctypes', 'marshal',
  'pickle', '_pickle', 'webbrowser', 'pip', 'commands', 'builtins', '__builtin__', '_posixsubprocess', 'posixpath', 'ntpath',
];

/** builtins that run code, reach the filesystem or object internals. */
export const DANGEROUS_BUILTINS: readonly string[] = [
  'eval', 'exec', 'execfile', 'compile', 'open', 'file', 'getattr', 'setattr', 'delattr', '__import__', 'globals',
  'locals', 'vars', 'input', 'raw_input', 'breakpoint', 'help', 'memoryview', 'reload', 'exit', 'quit', 'copyright', 'credits', 'license', 'apply',
];

/** Attribute names that reach object internals; any component equal to one makes a path dangerous. */
export const DANGEROUS_ATTRIBUTES: readonly string[] = [
  '__globals__', '__builtins__', '__subclasses__', '__import__', '__code__', '__closure__', '__class__',
  '__mro__', '__bases__', '__base__', '__getattribute__', '__dict__', '__func__', '__self__', '__loader__',
  '__spec__', '__reduce__', '__reduce_ex__', '__init_subclass__', '__call__', '__getattr__', 'gi_frame', 'f_globals', 'f_builtins',
  'f_locals', 'co_code', 'func_globals', '__setattr__', '__delattr__', '__getitem__',
];

/**
 * NumPy's mathematical ufuncs: element-wise arithmetic on numbers (`np.abs` is `absolute`), no I/O,
 * no imports. Named one by one, never by module: `numpy.core._multiarray_umath` also holds
 * `fromfile`, and `numpy.clip` is a Python function that calls `obj.clip` (not on the list).
 */
export const NUMPY_MATH_UFUNCS: readonly string[] = [
  'add', 'subtract', 'multiply', 'divide', 'true_divide', 'floor_divide', 'negative', 'positive', 'power', 'float_power',
  'remainder', 'mod', 'fmod', 'divmod', 'absolute', 'abs', 'fabs', 'rint', 'sign', 'heaviside', 'conjugate', 'conj',
  'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'logaddexp', 'logaddexp2', 'sqrt', 'square', 'cbrt', 'reciprocal',
  'gcd', 'lcm', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'arctan2', 'hypot', 'sinh', 'cosh', 'tanh', 'arcsinh',
  'arccosh', 'arctanh', 'deg2rad', 'rad2deg', 'degrees', 'radians', 'floor', 'ceil', 'trunc', 'maximum', 'minimum', 'fmax',
  'fmin', 'isfinite', 'isinf', 'isnan', 'signbit', 'copysign', 'nextafter', 'spacing', 'modf', 'ldexp', 'frexp',
  'greater', 'greater_equal', 'less', 'less_equal', 'equal', 'not_equal', 'logical_and', 'logical_or', 'logical_xor',
  'logical_not', 'bitwise_and', 'bitwise_or', 'bitwise_xor', 'invert', 'left_shift', 'right_shift',
];

/**
 * Allowed classes whose objects have methods that reach files, the network or other code
 * (`Path.unlink`, `ndarray.tofile`, `DataFrame.to_pickle`, `PreTrainedModel.from_pretrained` and
 * `push_to_hub`, `Booster.save_model`, storages' `from_file`). A method read from one of them is a
 * capability that the loading program may call later (a scheduler calls its `anneal_func`), so
 * `getattr` on them stays dangerous. Matched on the class's dotted path (prefix), plus torch's storages.
 */
export const CAPABILITY_CLASS_PREFIXES: readonly string[] = [
  'pathlib', 'numpy', 'pandas', 'scipy', 'torch.Tensor', 'torch.storage', 'torch.cuda', 'torch.nn.parameter', 'torch.utils.data',
  'transformers', 'tokenizers', 'peft', 'sentence_transformers', 'accelerate', 'huggingface_hub', 'xgboost', 'lightgbm',
  'catboost', 'omegaconf', 'joblib',
];

/**
 * Method names that run code or processes, load serialized data, or touch files or the network,
 * whatever object they are read from. `getattr(<object>, '<one of these>')` stays dangerous even
 * when nothing calls it (with the names on the dangerous lists above, one dotted component at a time).
 */
export const DANGEROUS_METHOD_NAMES: readonly string[] = [
  'system', 'popen', 'Popen', 'spawn', 'spawnl', 'spawnv', 'spawnve', 'fork', 'forkpty', 'execl', 'execle', 'execlp', 'execv',
  'execve', 'execvp', 'startfile', 'run', 'call', 'check_call', 'check_output', 'getoutput', 'getstatusoutput', 'load', 'loads',
  'import_module', 'reload', 'runcode', 'runsource', 'run_path', 'run_module', 'from_pretrained', 'save_pretrained',
  'push_to_hub', 'from_file', 'tofile', 'dump', 'save', 'unlink', 'remove', 'rmtree', 'rmdir', 'write', 'write_text',
  'write_bytes', 'urlopen', 'urlretrieve', 'download', 'connect', 'send', 'sendall',
];

/** Exact globals that ordinary checkpoints reference. */
export const SAFE_GLOBALS: readonly string[] = [
  // PyTorch tensor and storage rebuild
  'torch._utils._rebuild_tensor', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_parameter', 'torch._utils._rebuild_parameter_with_state', 'torch._utils._rebuild_sparse_tensor',
  'torch._utils._rebuild_sparse_csr_tensor', 'torch._utils._rebuild_qtensor', 'torch._utils._rebuild_meta_tensor_no_storage',
  'torch._utils._rebuild_wrapper_subclass', 'torch._utils._rebuild_device_tensor_from_numpy', 'torch._utils._rebuild_nested_tensor',
  'torch._utils._rebuild_xla_tensor', 'torch._utils._rebuild_mlc_tensor', 'torch._utils._rebuild_device_tensor_from_cpu_tensor',
  'torch._tensor._rebuild_from_type', 'torch._tensor._rebuild_from_type_v2', 'torch._utils._set_obj_state',
  'torch.storage._load_from_bytes', 'torch.serialization._get_layout', 'torch.Tensor', 'torch.nn.parameter.Parameter',
  'torch.nn.parameter.Buffer', 'torch.nn.parameter.UninitializedParameter', 'torch.nn.parameter.UninitializedBuffer',
  'torch.Size', 'torch.device', 'torch.dtype', 'torch.layout', 'torch.memory_format', 'torch.finfo', 'torch.iinfo',
  'torch.strided', 'torch.sparse_coo', 'torch.sparse_csr', 'torch.sparse_csc', 'torch.sparse_bsr', 'torch.sparse_bsc', 'torch._mkldnn',
  'torch.contiguous_format', 'torch.channels_last', 'torch.channels_last_3d', 'torch.preserve_format',
  'torch.per_tensor_affine', 'torch.per_channel_affine', 'torch.per_tensor_symmetric', 'torch.per_channel_symmetric',
  'torch.per_channel_affine_float_qparams', 'torch.quint8', 'torch.qint8', 'torch.qint32', 'torch.quint4x2', 'torch.quint2x4',
  'torch.float', 'torch.float16', 'torch.float32', 'torch.float64', 'torch.bfloat16', 'torch.half', 'torch.double',
  'torch.complex32', 'torch.complex64', 'torch.complex128', 'torch.cfloat', 'torch.cdouble', 'torch.chalf',
  'torch.uint8', 'torch.uint16', 'torch.uint32', 'torch.uint64', 'torch.int8', 'torch.int16', 'torch.int32', 'torch.int64',
  'torch.short', 'torch.int', 'torch.long', 'torch.bool', 'torch.float8_e4m3fn', 'torch.float8_e5m2',
  'torch.float8_e4m3fnuz', 'torch.float8_e5m2fnuz', 'torch.bits8', 'torch.bits16',
  'torch.FloatStorage', 'torch.DoubleStorage', 'torch.HalfStorage', 'torch.BFloat16Storage', 'torch.LongStorage',
  'torch.IntStorage', 'torch.ShortStorage', 'torch.CharStorage', 'torch.ByteStorage', 'torch.BoolStorage',
  'torch.ComplexFloatStorage', 'torch.ComplexDoubleStorage', 'torch.QUInt8Storage', 'torch.QInt8Storage',
  'torch.QInt32Storage', 'torch.QUInt4x2Storage', 'torch.QUInt2x4Storage', 'torch.UntypedStorage', 'torch.TypedStorage',
  'torch.storage.UntypedStorage', 'torch.storage.TypedStorage', 'torch.storage._TypedStorage', 'torch.storage._UntypedStorage',
  'torch.cuda.FloatStorage', 'torch.cuda.HalfStorage', 'torch.cuda.DoubleStorage', 'torch.cuda.LongStorage',
  'torch.cuda.IntStorage', 'torch.cuda.ByteStorage', 'torch.cuda.BoolStorage', 'torch.cuda.BFloat16Storage',
  'torch.cuda.amp.grad_scaler.GradScaler', 'torch.amp.grad_scaler.GradScaler', 'torch.torch_version.TorchVersion',
  // Python containers and plain values
  'collections.OrderedDict', 'collections.defaultdict', 'collections.Counter', 'collections.deque',
  'builtins.set', 'builtins.frozenset', 'builtins.list', 'builtins.dict', 'builtins.tuple', 'builtins.bytearray',
  'builtins.bytes', 'builtins.str', 'builtins.int', 'builtins.float', 'builtins.complex', 'builtins.bool', 'builtins.slice',
  'builtins.range', 'builtins.object', 'builtins.Ellipsis', 'builtins.NotImplemented',
  'builtins.ValueError', 'builtins.KeyError', 'builtins.RuntimeError', 'builtins.Exception',
  'copyreg._reconstructor', 'copyreg.__newobj__', 'copyreg.__newobj_ex__', '_codecs.encode', 'codecs.encode',
  'datetime.datetime', 'datetime.date', 'datetime.time', 'datetime.timedelta', 'datetime.timezone', 'decimal.Decimal',
  'fractions.Fraction', 'uuid.UUID', 'enum.Enum', 'argparse.Namespace', 'types.SimpleNamespace', 're._compile',
  'pathlib.Path', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'pathlib.PurePath', 'pathlib.PurePosixPath', 'pathlib.PureWindowsPath',
  'random.Random', '_random.Random',
  // NumPy reconstruct, dtypes and random state
  'numpy.core.multiarray._reconstruct', 'numpy._core.multiarray._reconstruct', 'numpy.core.multiarray.scalar',
  'numpy._core.multiarray.scalar', 'numpy.core.numeric._frombuffer', 'numpy._core.numeric._frombuffer', 'numpy.dtype',
  'numpy.ndarray', 'numpy.ma.core._mareconstruct', 'numpy.ma.core.MaskedArray', 'numpy.matrix', 'numpy.core.records.recarray',
  // the same classes where they are defined (numpy < 1.16 pickled `numpy.matrixlib.defmatrix.matrix`), and record arrays
  'numpy.matrixlib.defmatrix.matrix', 'numpy.matrixlib.matrix', 'numpy.recarray', 'numpy.record', 'numpy.core.records.record',
  'numpy._core.records.recarray', 'numpy._core.records.record',
  'numpy.random._pickle.__randomstate_ctor', 'numpy.random._pickle.__bit_generator_ctor', 'numpy.random._pickle.__generator_ctor',
  'numpy.random._mt19937.MT19937', 'numpy.random._pcg64.PCG64', 'numpy.random._pcg64.PCG64DXSM', 'numpy.random._philox.Philox',
  'numpy.random._sfc64.SFC64', 'numpy.random.mtrand.RandomState', 'numpy.random._generator.Generator',
  'numpy.random.bit_generator.SeedSequence', 'numpy.random.mtrand._rand',
  // NumPy scalar types (a fitted estimator's `dtype=np.float64`, a pickled scalar)
  ...['bool_', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'intc', 'uintc', 'intp', 'uintp',
    'longlong', 'ulonglong', 'byte', 'ubyte', 'short', 'ushort', 'float16', 'float32', 'float64', 'float128', 'half',
    'single', 'double', 'longdouble', 'complex64', 'complex128', 'complex256', 'csingle', 'cdouble', 'clongdouble',
    'str_', 'bytes_', 'object_', 'void', 'datetime64', 'timedelta64',
    // the abstract ones (`make_column_selector(dtype_include=np.number)`)
    'generic', 'number', 'integer', 'signedinteger', 'unsignedinteger', 'inexact', 'floating', 'complexfloating', 'flexible',
    'character'].map((t) => `numpy.${t}`),
  // scikit-learn's Cython trees and metrics rebuild themselves through `newObj(cls)` (`cls.__new__(cls)`)
  'sklearn.neighbors._kd_tree.newObj', 'sklearn.neighbors._ball_tree.newObj', 'sklearn.neighbors._binary_tree.newObj',
  'sklearn.metrics._dist_metrics.newObj', 'sklearn.neighbors._dist_metrics.newObj', 'sklearn.neighbors.kd_tree.newObj',
  'sklearn.neighbors.ball_tree.newObj', 'sklearn.neighbors.dist_metrics.newObj',
  // … and the loss classes of histogram gradient boosting through Cython's `__pyx_unpickle_<Class>`
  ...['CyHalfSquaredError', 'CyAbsoluteError', 'CyPinballLoss', 'CyHuberLoss', 'CyHalfPoissonLoss', 'CyHalfGammaLoss',
    'CyHalfTweedieLoss', 'CyHalfTweedieLossIdentity', 'CyHalfBinomialLoss', 'CyExponentialLoss', 'CyHalfMultinomialLoss']
    .map((c) => `sklearn._loss._loss.__pyx_unpickle_${c}`),
  // The scorers a fitted search keeps (`GridSearchCV(scoring=...)`): sklearn's metric functions, arithmetic on arrays
  'sklearn.metrics._scorer._passthrough_scorer', 'sklearn.compose._column_transformer.make_column_selector',
  ...['accuracy_score', 'balanced_accuracy_score', 'f1_score', 'fbeta_score', 'precision_score', 'recall_score', 'jaccard_score',
    'log_loss', 'matthews_corrcoef', 'hamming_loss', 'zero_one_loss', 'brier_score_loss', 'top_k_accuracy_score']
    .map((f) => `sklearn.metrics._classification.${f}`),
  ...['r2_score', 'mean_squared_error', 'mean_absolute_error', 'median_absolute_error', 'mean_absolute_percentage_error',
    'mean_squared_log_error', 'explained_variance_score', 'max_error', 'root_mean_squared_error', 'mean_pinball_loss',
    'mean_poisson_deviance', 'mean_gamma_deviance', 'd2_absolute_error_score'].map((f) => `sklearn.metrics._regression.${f}`),
  ...['roc_auc_score', 'average_precision_score', 'ndcg_score', 'dcg_score', 'top_k_accuracy_score']
    .map((f) => `sklearn.metrics._ranking.${f}`),
  // NumPy's mathematical ufuncs (`FunctionTransformer(np.log1p)`, `TransformedTargetRegressor(func=np.log)`): pure
  // element-wise arithmetic, pickled by name from the module that defines them. Not the rest of those modules.
  ...NUMPY_MATH_UFUNCS.flatMap((f) => ['numpy.core._multiarray_umath', 'numpy._core._multiarray_umath', 'numpy.core.umath', 'numpy._core.umath', 'numpy']
    .map((m) => `${m}.${f}`)),
  // Activation functions a whole layer keeps (`nn.TransformerEncoderLayer(activation=...)`): tensor math only
  ...['relu', 'relu6', 'gelu', 'silu', 'mish', 'elu', 'selu', 'celu', 'leaky_relu', 'tanh', 'sigmoid', 'softplus',
    'softsign', 'hardtanh', 'hardswish', 'hardsigmoid', 'glu', 'softmax', 'log_softmax', 'logsigmoid', 'tanhshrink']
    .flatMap((f) => [`torch.nn.functional.${f}`, `torch._C._nn.${f}`, `torch.${f}`]),
  // joblib's array placeholders (joblib itself is dangerous)
  'joblib.numpy_pickle.NumpyArrayWrapper', 'joblib.numpy_pickle.NDArrayWrapper', 'joblib.numpy_pickle_compat.NDArrayWrapper',
  'joblib.numpy_pickle_compat.ZNDArrayWrapper',
  // pandas objects (data pickles next to models)
  'pandas._libs.internals._unpickle_block', 'pandas.core.indexes.base._new_Index', 'pandas._libs.tslibs.timestamps._unpickle_timestamp',
  'pandas._libs.tslibs.timedeltas._timedelta_unpickle', 'pandas.core.internals.blocks.new_block', 'pandas._libs.arrays.__pyx_unpickle_NDArrayBacked',
  // scipy sparse matrices inside sklearn models
  'scipy.sparse._csr.csr_matrix', 'scipy.sparse._csc.csc_matrix', 'scipy.sparse.csr.csr_matrix', 'scipy.sparse.csc.csc_matrix',
  'scipy.sparse._coo.coo_matrix', 'scipy.sparse._csr.csr_array', 'scipy.sparse._csc.csc_array',
  // Training arguments and configs
  'transformers.training_args.TrainingArguments', 'transformers.training_args_seq2seq.Seq2SeqTrainingArguments',
  'transformers.trainer_utils.IntervalStrategy', 'transformers.trainer_utils.SchedulerType', 'transformers.trainer_utils.HubStrategy',
  'transformers.trainer_utils.SaveStrategy', 'transformers.trainer_utils.EvaluationStrategy', 'transformers.utils.generic.ExplicitEnum',
  'transformers.training_args.OptimizerNames', 'transformers.debug_utils.DebugOption', 'transformers.trainer_pt_utils.AcceleratorConfig',
  'accelerate.state.PartialState', 'accelerate.utils.dataclasses.DistributedType', 'accelerate.state.AcceleratorState',
  'pytorch_lightning.utilities.parsing.AttributeDict', 'lightning_fabric.utilities.data.AttributeDict',
  'omegaconf.dictconfig.DictConfig', 'omegaconf.listconfig.ListConfig', 'omegaconf.base.ContainerMetadata',
  'omegaconf.base.Metadata', 'omegaconf.nodes.AnyNode', 'omegaconf.nodes.StringNode', 'omegaconf.nodes.IntegerNode',
  'typing.Any', 'typing.Dict', 'typing.List', 'typing.Optional', 'typing.Union', 'typing.Tuple',
];

/**
 * Module prefixes whose classes ordinary checkpoints reference (full nn.Module pickles, optimizers,
 * scikit-learn estimators, transformers/accelerate/peft configs). Only class-like names (a
 * capitalised last component, no internals) are allowed this way; dangerous submodules are on the
 * dangerous list, which is checked first.
 */
export const SAFE_MODULE_PREFIXES: readonly string[] = [
  'torch.nn.modules', 'torch.nn.parameter', 'torch.nn.utils.parametrize', 'torch.nn.utils.weight_norm', 'torch.nn.utils.spectral_norm', 'torch.optim',
  'torch.ao.nn', 'torch.nn.intrinsic', 'torch.nn.quantized', 'torch.ao.quantization', 'torch.quantization',
  'torch.distributions', 'torch.utils.data.sampler', 'torch.utils.data.dataset',
  'torchvision.models', 'torchvision.ops', 'torchvision.transforms', 'torchaudio.models', 'torchaudio.transforms', 'timm.models', 'timm.layers',
  'sklearn', 'scipy.sparse', 'scipy.stats._distn_infrastructure', 'xgboost.sklearn', 'xgboost.core', 'lightgbm.sklearn', 'lightgbm.basic',
  'catboost.core',
  'transformers.models', 'transformers.configuration_utils', 'transformers.generation.configuration_utils',
  'transformers.tokenization_utils', 'transformers.tokenization_utils_base', 'transformers.tokenization_utils_fast', 'transformers.modeling_utils',
  'transformers.activations', 'transformers.pytorch_utils', 'transformers.utils.quantization_config', 'transformers.integrations',
  'transformers.trainer_callback', 'transformers.training_args', 'transformers.trainer_utils', 'transformers.debug_utils',
  'transformers.trainer_pt_utils', 'tokenizers', 'pytorch_lightning.utilities', 'lightning.pytorch.utilities',
  'lightning.fabric.utilities', 'lightning_fabric.utilities',
  'accelerate.utils.dataclasses', 'peft.tuners', 'peft.utils.peft_types', 'peft.config', 'peft.peft_model',
  'sentence_transformers.models', 'sentence_transformers.SentenceTransformer',
  'numpy.dtypes', 'numpy.core.multiarray', 'numpy._core.multiarray',
  'pandas.core.frame', 'pandas.core.series', 'pandas.core.internals', 'pandas.core.indexes', 'pandas.core.arrays',
  'pandas.core.dtypes', 'pandas._libs.tslibs',
];

export const SAFE_BUILTIN_NAMES = new Set(
  SAFE_GLOBALS.filter((g) => g.startsWith('builtins.')).map((g) => g.slice('builtins.'.length)),
);

export interface PolicyInput {
  allowGlobals?: string[];
  denyGlobals?: string[];
  allowModulePrefixes?: string[];
}

export class GlobalPolicy {
  private readonly exactAllow: Set<string>;
  private readonly defaultAllow: Set<string>;
  private readonly prefixAllow: string[];
  private readonly userPrefixAllow: string[];
  private readonly dangerous: Set<string>;
  private readonly dangerousModules: Set<string>;
  private readonly builtins: Set<string>;
  private readonly attributes: Set<string>;
  /** Every name on the lists above, one dotted component at a time: never a plain method name. */
  private readonly listedNames: Set<string>;
  private readonly cache = new Map<string, GlobalJudgement>();

  constructor(input: PolicyInput = {}) {
    const userAllow = (input.allowGlobals ?? []).filter((s) => typeof s === 'string');
    this.exactAllow = new Set(userAllow.filter((s) => !s.endsWith('.*')));
    this.userPrefixAllow = [
      ...userAllow.filter((s) => s.endsWith('.*')).map((s) => s.slice(0, -2)),
      ...(input.allowModulePrefixes ?? []).filter((s) => typeof s === 'string'),
    ];
    this.defaultAllow = new Set(SAFE_GLOBALS);
    this.prefixAllow = [...SAFE_MODULE_PREFIXES];
    const deny = (input.denyGlobals ?? []).filter((s) => typeof s === 'string').map((s) => (s.endsWith('.*') ? s.slice(0, -2) : s));
    this.dangerous = new Set([...DANGEROUS_MODULES, ...deny, ...DANGEROUS_BUILTINS.map((b) => `builtins.${b}`), ...[...HUB_LOADING_CLASSES, ...FILE_OPENING_CLASSES].map((c) => `${c}.__init__`)]);
    this.dangerousModules = new Set(REACHABLE_DANGEROUS_MODULES);
    this.builtins = new Set(DANGEROUS_BUILTINS);
    this.attributes = new Set(DANGEROUS_ATTRIBUTES);
    this.listedNames = new Set([...this.dangerous, ...REACHABLE_DANGEROUS_MODULES, ...Object.keys(DANGEROUS_MODULE_ALIASES), ...DANGEROUS_ATTRIBUTES, ...DANGEROUS_METHOD_NAMES].flatMap((d) => d.split('.')));
    for (const d of deny) this.defaultAllow.delete(d);
  }

  /**
   * `builtins.getattr` as the pickle used it. Python pickles a bound method `obj.method` as
   * `getattr(obj, 'method')` (a OneCycleLR's `anneal_func`). That is safe when every use reads a
   * plain method name (no dunder, nothing on the lists here) from an object the pickle built from
   * an allowed class without file/network/code methods, the pickle never calls the result nor hands
   * it to code that might (callee, argument, `__setstate__`), and only allowed classes keep it.
   * Anything else is judged like any `builtins.getattr`: dangerous.
   */
  judgeGetattr(usage: GetattrUsage): GlobalJudgement {
    const base = this.judge('builtins', 'getattr');
    if (base.verdict !== 'dangerous' || !usage.uses.length) return base;
    const why = usage.other ?? this.boundMethodProblem(usage.uses);
    return why ? { verdict: 'dangerous', reason: `builtins.getattr: ${why}` } : { verdict: 'safe', reason: 'bound methods of allowed objects' };
  }

  /**
   * A global the pickle machine followed (`builtins.getattr` and the universal import helpers of
   * `RESOLVERS`), judged on how the pickle used it.
   */
  judgeUsage(module: string, name: string, usage: GetattrUsage): GlobalJudgement {
    return Object.hasOwn(RESOLVERS, `${module}.${name}`) ? this.judgeResolver(module, name, usage) : this.judgeGetattr(usage);
  }

  /**
   * A universal import helper (`RESOLVERS`): each call with constant names was recorded as the global
   * it returns, judged on its own; any other use (names computed while loading, the helper kept or
   * passed as a value) reaches whatever the pickle wants, so the helper is dangerous.
   */
  judgeResolver(module: string, name: string, usage: GetattrUsage): GlobalJudgement {
    const base = this.judge(module, name);
    // allowed by settings, or dangerous for another reason than being a resolver (denyGlobals)
    if (base.verdict !== 'dangerous' || base.reason !== `${module}.${name}`) return base;
    if (usage.other) return { verdict: 'dangerous', reason: `${module}.${name}: imports any name it is given; ${usage.other}` };
    return { verdict: 'safe', reason: `${module}.${name} with constant names: what it returns is judged` };
  }

  private boundMethodProblem(uses: GetattrUse[]): string | undefined {
    for (const u of uses) {
      const cls = `${u.module}.${u.name}`;
      if (u.called) return `the method ${u.attr} of a ${cls} is ${u.called}`;
      if (!this.plainMethodName(u.attr)) return `reads ${u.attr} from a ${cls}`;
      if (!isClassLike(u.name) || this.judge(u.module, u.name).verdict !== 'safe') return `reads ${u.attr} from a ${cls}, which the allowlist does not name as a class`;
      if (isCapabilityClass(cls)) return `reads ${u.attr} from a ${cls}, whose methods reach files, the network or code`;
      for (const h of u.holders ?? []) {
        const i = h.lastIndexOf('.');
        if (i < 0 || this.judge(h.slice(0, i), h.slice(i + 1)).verdict !== 'safe') return `the method ${u.attr} of a ${cls} is kept by ${h}, whose code is not on the allowlist`;
      }
    }
    return undefined;
  }

  /** An identifier that is not a dunder and not a name on the dangerous lists (`__globals__`, `eval`, `system`, `format`…). */
  private plainMethodName(attr: string): boolean {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(attr) && !(attr.startsWith('__') && attr.endsWith('__')) && !this.listedNames.has(attr);
  }

  judge(module: string, name: string): GlobalJudgement {
    const full = name === '*' ? module : `${module}.${name}`;
    let j = this.cache.get(full);
    if (!j) {
      j = this.judgeUncached(module, name, full);
      if (this.cache.size < 10_000) this.cache.set(full, j);
    }
    return j;
  }

  private judgeUncached(module: string, name: string, full: string): GlobalJudgement {
    if (this.exactAllow.has(full)) return { verdict: 'safe', reason: 'allowed by settings' };
    const parts = full.split('.');
    // Any dotted prefix on the dangerous list (`os`, `os.system`, `builtins.eval`, `torch.hub.load`).
    let prefix = '';
    for (let i = 0; i < parts.length; i++) {
      prefix = i ? `${prefix}.${parts[i]}` : parts[i];
      if (this.dangerous.has(prefix) && !(this.defaultAllow.has(full) && !this.dangerous.has(full))) {
        return { verdict: 'dangerous', reason: prefix };
      }
    }
    if (full.includes('<computed>')) return { verdict: 'dangerous', reason: 'name computed while loading' };
    for (let i = 0; i < parts.length; i++) {
      const c = parts[i];
      if (this.attributes.has(c)) return { verdict: 'dangerous', reason: `${c} (object internals)` };
      // A dangerous module reached through another one (`pathlib.os.system`, `torch.serialization.os`).
      if (i > 0 && this.dangerousModules.has(c) && !this.defaultAllow.has(full)) return { verdict: 'dangerous', reason: `${c} (reached through ${parts.slice(0, i).join('.')})` };
      // The same under a private alias (`random._os.system`, `enum.bltns.eval`).
      const aliased = i > 0 && Object.hasOwn(DANGEROUS_MODULE_ALIASES, c) ? DANGEROUS_MODULE_ALIASES[c] : undefined;
      if (aliased && !this.defaultAllow.has(full)) return { verdict: 'dangerous', reason: `${c} is ${aliased} (reached through ${parts.slice(0, i).join('.')})` };
      // A dangerous builtin reached through an attribute chain (`builtins.eval.__call__`, `copyreg.__builtins__.eval`).
      if (i > 0 && this.builtins.has(c) && (parts[i - 1] === 'builtins' || parts[i - 1] === '__builtin__' || parts[i - 1] === '__builtins__')) {
        return { verdict: 'dangerous', reason: `builtins.${c}` };
      }
    }
    // A dangerous dotted name reached through another module that imports it: protocol 4 resolves
    // `torch.nn.modules.module` + `torch.load`, `pathlib` + `io.open` by attribute.
    if (!this.defaultAllow.has(full)) {
      for (let i = 1; i < parts.length - 1; i++) {
        let sub = parts[i];
        for (let j = i + 1; j < parts.length; j++) {
          sub += `.${parts[j]}`;
          if (this.dangerous.has(sub)) return { verdict: 'dangerous', reason: `${sub} (reached through ${parts.slice(0, i).join('.')})` };
        }
      }
    }
    if (module === 'builtins' && this.builtins.has(parts[1] ?? '')) return { verdict: 'dangerous', reason: `builtins.${parts[1]}` };
    if (this.defaultAllow.has(full)) return { verdict: 'safe', reason: 'allowlist' };
    // Another module's object under an allowed name: judged as that object.
    const first = name.split('.')[0];
    if (module.startsWith('torch.') && TORCH_FX_CLASS_NAMES.includes(first)) return { verdict: 'dangerous', reason: `torch.fx.${first} (imported by ${module})` };
    for (const [alias, real] of Object.entries(REEXPORTED_NAMES)) {
      if (full === alias || full.startsWith(`${alias}.`)) {
        const i = real.lastIndexOf('.');
        const j = this.judge(real.slice(0, i), real.slice(i + 1) + full.slice(alias.length));
        if (j.verdict !== 'safe') return { verdict: j.verdict, reason: `${j.reason} (${alias} is ${real})` };
      }
    }
    for (const p of this.userPrefixAllow) {
      if (full === p || full.startsWith(`${p}.`)) return { verdict: 'safe', reason: `allowed prefix ${p}` };
    }
    for (const p of this.prefixAllow) {
      if (module === p || module.startsWith(`${p}.`)) {
        if (isClassLike(name)) return { verdict: 'safe', reason: `allowed prefix ${p}` };
      }
    }
    if (module === 'builtins') {
      return { verdict: 'suspicious', reason: 'builtin outside the allowlist' };
    }
    return { verdict: 'suspicious', reason: 'not on the allowlist' };
  }
}

function isCapabilityClass(full: string): boolean {
  return CAPABILITY_CLASS_PREFIXES.some((p) => full === p || full.startsWith(`${p}.`)) || /^torch\.[A-Za-z0-9_]*Storage$/.test(full);
}

/** `Linear`, `Adam`, `LogisticRegression`, `Foo.Bar` — but not `Module.__getattr__` or `Model.from_pretrained`. */
function isClassLike(name: string): boolean {
  const parts = name.split('.');
  for (const p of parts) {
    if (!/^_?[A-Z][A-Za-z0-9_]*$/.test(p)) return false;
  }
  return true;
}

/** Reads `settings.model` into a policy (unknown shapes are ignored, never thrown). */
export function policyFromSettings(settings: Record<string, unknown> | undefined): GlobalPolicy {
  const model = (settings?.model ?? {}) as Record<string, unknown>;
  const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  return new GlobalPolicy({
    allowGlobals: list(model.allowGlobals),
    denyGlobals: list(model.denyGlobals),
    allowModulePrefixes: list(model.allowModulePrefixes),
  });
}

const policies = new WeakMap<object, GlobalPolicy>();

/** The allow/deny policy for this run's settings (built once per settings object). */
export function policyFor(settings: Record<string, unknown>): GlobalPolicy {
  let p = policies.get(settings);
  if (!p) {
    p = policyFromSettings(settings);
    policies.set(settings, p);
  }
  return p;
}

/** `module.name`, or the module alone for a whole-module reference (`*`). */
export function dotted(g: { module: string; name: string }): string {
  return g.name === '*' ? g.module : `${g.module}.${g.name}`;
}
