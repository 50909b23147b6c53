import { describe, expect, it } from 'vitest';
import { GlobalPolicy } from '../src/policy.js';
import { scanPickleBytes } from '../src/pickle/machine.js';
import { bytes, su } from './helpers.js';

const p = new GlobalPolicy();
const v = (module: string, name: string) => p.judge(module, name).verdict;

describe('global policy', () => {
  it.each([
    ['os', 'system'], ['posix', 'system'], ['nt', 'system'], ['subprocess', 'Popen'], ['builtins', 'eval'], ['builtins', 'exec'],
    ['builtins', 'getattr'], ['builtins', '__import__'], ['builtins', 'open'], ['builtins', 'compile'], ['builtins', 'globals'],
    ['runpy', 'run_path'], ['pty', 'spawn'], ['socket', 'socket'], ['importlib', 'import_module'], ['inspect', 'getsource'],
    ['pkgutil', 'resolve_name'], ['pydoc', 'pipepager'], ['marshal', 'loads'], ['types', 'FunctionType'], ['ctypes', 'CDLL'],
    ['pip', 'main'], ['timeit', 'timeit'], ['cProfile', 'run'], ['profile', 'run'], ['trace', 'Trace'], ['pdb', 'run'], ['bdb', 'Bdb'],
    ['ssl', 'wrap_socket'], ['http.client', 'HTTPConnection'], ['urllib.request', 'urlopen'], ['requests.api', 'get'],
    ['webbrowser', 'open'], ['smtplib', 'SMTP'], ['asyncio.subprocess', 'create_subprocess_shell'], ['shutil', 'rmtree'],
    ['tempfile', 'mktemp'], ['operator', 'attrgetter'], ['operator', 'itemgetter'], ['operator', 'methodcaller'],
    ['functools', 'partial'], ['pickle', 'loads'], ['_pickle', 'loads'], ['dill', 'loads'], ['cloudpickle', 'loads'],
    ['joblib', 'load'], ['torch', 'load'], ['torch.serialization', 'load'], ['torch.hub', 'load'], ['torch._dynamo', 'optimize'],
    ['torch._inductor.codecache', 'PyCodeCache'], ['torch.jit', 'load'], ['numpy.f2py', 'compile'],
    ['numpy.testing._private.utils', 'runstring'], ['idlelib.pyshell', 'main'], ['lib2to3.main', 'main'],
    ['uuid', '_get_command_stdout'], ['code', 'InteractiveInterpreter'], ['_operator', 'methodcaller'], ['_functools', 'partial'],
    ['io', 'open'], ['_io', 'FileIO'], ['codecs', 'open'], ['zipfile', 'ZipFile'], ['logging.config', 'listen'],
    ['doctest', 'debug_script'], ['torch.testing._internal.common_utils', 'shell'],
    ['torch.utils._config_module', 'ConfigModule.load_config'], ['torch.utils.bottleneck.__main__', 'run_cprofile'],
    ['torch.utils.benchmark', 'Timer'], ['numexpr', 'evaluate'], ['IPython.utils.process', 'system'], ['pexpect', 'spawn'],
    ['pkg_resources', 'EntryPoint.load'],
    // standard-library internals that run commands or load code
    ['_osx_support', '_read_output'], ['_aix_support', '_read_cmd_output'], ['_bootsubprocess', '_check_cmd'],
    ['_pyrepl.pager', 'pipe_pager'], ['operator', 'call'], ['_operator', 'call'], ['_imp', 'create_dynamic'],
    ['_frozen_importlib_external', 'SourceFileLoader'], ['_frozen_importlib', '_load'], ['_sitebuiltins', '_Helper'],
    ['_sqlite3', 'connect'], ['logging.handlers', 'SocketHandler'],
  ])('%s.%s is dangerous', (m, n) => expect(v(m, n)).toBe('dangerous'));

  it('checks every dotted component', () => {
    expect(p.judge('pathlib', 'os.system')).toMatchObject({ verdict: 'dangerous' });
    expect(v('builtins', 'eval.__call__')).toBe('dangerous');
    expect(v('torch.serialization', 'os.system')).toBe('dangerous');
    expect(v('collections', 'OrderedDict.__globals__')).toBe('dangerous');
    expect(v('os.path', 'join')).toBe('dangerous');
    expect(v('os', '*')).toBe('dangerous');
    expect(v('builtins', '<computed>')).toBe('dangerous');
    expect(v('torch.serialization', '_load')).toBe('dangerous');
    expect(v('torch.serialization', '_get_layout')).toBe('safe');
    // a dotted dangerous name reached through a module that imports it (protocol 4 resolves the dots)
    expect(p.judge('torch.nn.modules.module', 'torch.load')).toMatchObject({ verdict: 'dangerous', reason: 'torch.load (reached through torch.nn.modules.module)' });
    expect(v('torch.nn.modules.module', 'functools.partial')).toBe('dangerous');
    expect(v('pathlib', 'io.open')).toBe('dangerous');
    expect(v('mylib.code', 'Encoder')).toBe('suspicious'); // a one-word module name alone stays as it was
  });

  it.each([
    // dangerous modules kept under private names (protocol 4 resolves `random` + `_os.system`)
    ['random', '_os.system'], ['argparse', '_os.system'], ['_frozen_importlib_external', '_os.system'], ['collections', '_sys.modules'],
    ['enum', 'bltns.eval'], ['numpy', '_builtins.exec'], ['scipy', '_importlib.import_module'], ['tempfile', '_shutil.rmtree'],
    ['ssl', '_socket.socket'], ['scipy._lib._bunch', '_sys.modules'],
    // dangerous callables bound under other modules' names
    ['six', 'exec_'], ['numpy.lib', 'load'], ['sklearn.utils._joblib', 'load'], ['sklearn.utils.discovery', 'import_module'],
    ['torch.distributed.distributed_c10d', '_unpickler'], ['torch.utils.model_zoo', 'load_url'], ['tokenize', '_builtin_open'],
    ['bz2', '_builtin_open'], ['_pyio', 'open_code'], ['numpy.lib._datasource', '_open'],
  ])('the alias %s.%s is dangerous', (m, n) => expect(v(m, n)).toBe('dangerous'));

  it('judges writes into the extension registry dangerous, a plain EXT code suspicious', () => {
    expect(v('copyreg', 'add_extension')).toBe('dangerous');
    expect(v('copyreg', '_inverted_registry')).toBe('dangerous');
    expect(v('copyreg', '_inverted_registry.__setitem__')).toBe('dangerous');
    expect(v('copyreg', '_extension_cache')).toBe('dangerous');
    expect(v('copyreg', '_extension_registry')).toBe('dangerous');
    // what the machine records for `EXT1 42`, which imports whatever the registry holds
    expect(v('copyreg', '_extension_registry[42]')).toBe('suspicious');
    expect(v('copyreg', '_reconstructor')).toBe('safe');
  });

  it('names an alias in the reason', () => {
    expect(p.judge('random', '_os.system')).toEqual({ verdict: 'dangerous', reason: '_os is os (reached through random)' });
    // a private name at the top level is a module of its own, judged as before
    expect(v('_sys', 'thing')).toBe('suspicious');
  });

  it.each([
    ['numpy', 'float64'], ['numpy', 'int64'], ['sklearn.neighbors._kd_tree', 'newObj'], ['sklearn.metrics._dist_metrics', 'newObj'],
    ['torch.nn.functional', 'relu'], ['torch._C._nn', 'gelu'], ['numpy.matrixlib.defmatrix', 'matrix'], ['numpy', 'recarray'],
    ['numpy', 'record'],
  ])('%s.%s (everyday models) is safe', (m, n) => expect(v(m, n)).toBe('safe'));

  it.each([
    ['torch._utils', '_rebuild_tensor_v2'], ['torch._utils', '_rebuild_parameter'], ['torch', 'FloatStorage'], ['torch', 'Size'],
    ['torch', 'device'], ['torch', 'bfloat16'], ['collections', 'OrderedDict'], ['numpy.core.multiarray', '_reconstruct'],
    ['numpy', 'dtype'], ['numpy', 'ndarray'], ['numpy.dtypes', 'Float64DType'], ['joblib.numpy_pickle', 'NumpyArrayWrapper'],
    ['torch.nn.modules.linear', 'Linear'], ['torch.optim.adam', 'Adam'], ['sklearn.linear_model._logistic', 'LogisticRegression'],
    ['sklearn.tree._tree', 'Tree'], ['transformers.models.bert.configuration_bert', 'BertConfig'],
    ['transformers.training_args', 'TrainingArguments'], ['peft.tuners.lora.config', 'LoraConfig'], ['_codecs', 'encode'],
    ['torch.storage', '_load_from_bytes'], ['argparse', 'Namespace'], ['builtins', 'set'],
    ['pandas.core.frame', 'DataFrame'], ['pandas.core.internals.managers', 'BlockManager'], ['pandas._libs.internals', '_unpickle_block'],
  ])('%s.%s is safe', (m, n) => expect(v(m, n)).toBe('safe'));

  it('allows only class-like names under an allowed prefix', () => {
    expect(v('transformers.modeling_utils', 'PreTrainedModel')).toBe('safe');
    expect(v('transformers.modeling_utils', 'PreTrainedModel.from_pretrained')).toBe('suspicious');
    expect(v('torch.nn.modules.module', 'Module.__getattr__')).toBe('dangerous');
    expect(v('sklearn.utils', 'some_function')).toBe('suspicious');
  });

  it.each([['__main__', 'MyModel'], ['statistics', 'mean'], ['builtins', 'type'], ['copyreg', '_extension_registry[7]']])(
    '%s.%s is suspicious',
    (m, n) => expect(v(m, n)).toBe('suspicious'),
  );

  it('is extended through settings', () => {
    const q = new GlobalPolicy({ allowGlobals: ['__main__.MyModel', 'my_pkg.*', 'numpy.testing._private.utils.runstring'], denyGlobals: ['collections.OrderedDict'] });
    expect(q.judge('__main__', 'MyModel').verdict).toBe('safe');
    expect(q.judge('my_pkg.layers', 'thing').verdict).toBe('safe');
    expect(q.judge('numpy.testing._private.utils', 'runstring').verdict).toBe('safe');
    expect(q.judge('collections', 'OrderedDict').verdict).toBe('dangerous');
    const r = new GlobalPolicy({ allowModulePrefixes: ['my_models'] });
    expect(r.judge('my_models.net', 'Net').verdict).toBe('safe');
  });
});

describe('numpy ufuncs', () => {
  it.each([
    ['numpy.core._multiarray_umath', 'log1p'], ['numpy.core._multiarray_umath', 'expm1'], ['numpy.core._multiarray_umath', 'log'],
    ['numpy.core._multiarray_umath', 'exp'], ['numpy.core._multiarray_umath', 'sqrt'], ['numpy.core._multiarray_umath', 'absolute'],
    ['numpy.core._multiarray_umath', 'square'], ['numpy.core._multiarray_umath', 'arcsinh'], ['numpy._core._multiarray_umath', 'log1p'],
    ['numpy.core.umath', 'tanh'], ['numpy', 'log1p'], ['numpy', 'abs'],
  ])('%s.%s (a math ufunc) is safe', (m, n) => expect(v(m, n)).toBe('safe'));

  it.each([
    ['numpy', 'load'], ['numpy', 'fromfile'], ['numpy.core._multiarray_umath', 'fromfile'], ['numpy', 'memmap'], ['numpy', 'loadtxt'],
    ['numpy', 'save'], ['numpy', 'clip'], ['numpy.testing', 'assert_equal'], ['numpy.testing._private.utils', 'runstring'],
    ['numpy.f2py', 'compile'], ['numpy.distutils.exec_command', 'exec_command'], ['numpy.ctypeslib', 'load_library'],
    ['numpy.core._multiarray_umath', 'log1p.__globals__'], ['numpy.core._multiarray_umath', '_reload_guard'],
    ['numpy.core', '_ufunc_reconstruct'], ['numpy.lib.npyio', 'log1p'], ['mypkg', 'log1p'],
  ])('%s.%s is not allowed', (m, n) => expect(v(m, n)).not.toBe('safe'));
});

describe('getattr: bound methods of objects the pickle built', () => {
  const use = (o: Record<string, unknown> = {}) => ({ module: 'torch.optim.lr_scheduler', name: 'OneCycleLR', attr: '_annealing_cos', offset: 0, ...o });
  const judge = (uses: ReturnType<typeof use>[], other?: string, q = p) => q.judgeGetattr({ uses, other });

  it('is safe for plain methods of allowed classes that the pickle never calls', () => {
    expect(judge([use(), use({ attr: '_annealing_linear', holders: ['torch.optim.lr_scheduler.OneCycleLR', 'collections.OrderedDict'] })]))
      .toEqual({ verdict: 'safe', reason: 'bound methods of allowed objects' });
    expect(judge([use({ module: 'sklearn.pipeline', name: 'Pipeline', attr: 'predict' })]).verdict).toBe('safe');
  });

  it('judges a getattr with no use on an object as before', () => {
    expect(judge([])).toEqual(p.judge('builtins', 'getattr'));
    expect(judge([], 'read from the module os')).toEqual({ verdict: 'dangerous', reason: 'builtins.getattr' });
  });

  it.each([
    '__globals__', '__reduce__', '__reduce_ex__', '__class__', '__init__', '__setstate__', '__dict__', '__getattribute__', '__call__',
    '__func__', '__self__', 'eval', 'exec', 'system', 'popen', 'getattr', 'open', 'format', 'load', 'os', 'subprocess', 'builtins',
    'f_globals', 'gi_frame', 'co_code', 'func_globals', 'run', 'check_output', 'from_pretrained', 'unlink', 'write_text', 'a.b', '', '1x', 'x y',
  ])('reading %j stays dangerous', (attr) => {
    expect(judge([use({ attr })]).verdict).toBe('dangerous');
  });

  it('stays dangerous when the result is called, or for classes that are not allowed or reach files', () => {
    expect(judge([use({ called: 'called by REDUCE' })])).toEqual({
      verdict: 'dangerous', reason: 'builtins.getattr: the method _annealing_cos of a torch.optim.lr_scheduler.OneCycleLR is called by REDUCE',
    });
    expect(judge([use(), use({ called: 'passed to torch._tensor._rebuild_from_type' })]).verdict).toBe('dangerous');
    expect(judge([use({ module: '__main__', name: 'Sched' })]).reason).toBe('builtins.getattr: reads _annealing_cos from a __main__.Sched, which the allowlist does not name as a class');
    expect(judge([use({ module: 'builtins', name: 'object' })]).verdict).toBe('dangerous'); // not a class-like name
    expect(judge([use({ module: 'numpy', name: 'ndarray' })]).verdict).toBe('dangerous');
    expect(judge([use({ module: 'os', name: 'PathLike' })]).verdict).toBe('dangerous');
    for (const [module, name] of [['pathlib', 'PosixPath'], ['numpy.ma.core', 'MaskedArray'], ['torch', 'FloatStorage'], ['torch.storage', 'UntypedStorage'],
      ['torch', 'Tensor'], ['pandas.core.frame', 'DataFrame'], ['transformers.models.bert.configuration_bert', 'BertConfig']]) {
      expect(judge([use({ module, name, attr: 'touch' })]).reason).toMatch(/whose methods reach files, the network or code$/);
    }
    expect(judge([use({ holders: ['__main__.Hooks'] })]).reason).toBe(
      'builtins.getattr: the method _annealing_cos of a torch.optim.lr_scheduler.OneCycleLR is kept by __main__.Hooks, whose code is not on the allowlist',
    );
    expect(judge([use()], 'used as a value by STOP')).toEqual({ verdict: 'dangerous', reason: 'builtins.getattr: used as a value by STOP' });
  });

  it('follows settings', () => {
    expect(judge([use({ called: 'called by REDUCE' })], undefined, new GlobalPolicy({ allowGlobals: ['builtins.getattr'] })).verdict).toBe('safe');
    expect(judge([use()], undefined, new GlobalPolicy({ denyGlobals: ['torch.optim.lr_scheduler.OneCycleLR'] })).verdict).toBe('dangerous');
    expect(judge([use({ module: '__main__', name: 'Sched' })], undefined, new GlobalPolicy({ allowGlobals: ['__main__.Sched'] })).verdict).toBe('safe');
    expect(judge([use({ holders: ['__main__.Hooks'] })], undefined, new GlobalPolicy({ allowModulePrefixes: ['__main__'] })).verdict).toBe('safe');
  });
});

describe('allowed classes whose constructor loads from the Hub', () => {
  const ST = ['sentence_transformers.SentenceTransformer', 'SentenceTransformer'] as const;
  const judged = (data: Uint8Array) => scanPickleBytes(data).globals.map((g) => `${g.module}.${g.name}:${p.judge(g.module, g.name).verdict}`);

  it('SentenceTransformer(\'owner/repo\', …, True) called by REDUCE is dangerous (its __init__ downloads and may run remote code)', () => {
    const call = bytes([0x80, 4], su(ST[0]), su(ST[1]), [0x93, 0x28], su('attacker/repo'), 'NNNNNN', [0x88, 0x74, 0x52, 0x2e]);
    expect(judged(call)).toEqual([
      'sentence_transformers.SentenceTransformer.SentenceTransformer:safe',
      'sentence_transformers.SentenceTransformer.SentenceTransformer.__init__:dangerous',
    ]);
  });

  it('an instance rebuilt without its constructor (NEWOBJ, then BUILD) is not', () => {
    const rebuilt = bytes([0x80, 4], su(ST[0]), su(ST[1]), [0x93, 0x29, 0x81, 0x7d, 0x62, 0x2e]);
    expect(judged(rebuilt)).toEqual(['sentence_transformers.SentenceTransformer.SentenceTransformer:safe']);
  });
});
