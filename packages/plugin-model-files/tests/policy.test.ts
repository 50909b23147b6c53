import { describe, expect, it } from 'vitest';
import { GlobalPolicy } from '../src/policy.js';

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
    ['numpy', 'float64'], ['numpy', 'int64'], ['sklearn.neighbors._kd_tree', 'newObj'], ['sklearn.metrics._dist_metrics', 'newObj'],
    ['torch.nn.functional', 'relu'], ['torch._C._nn', 'gelu'],
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
