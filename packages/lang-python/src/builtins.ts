/** Names of Python 3 builtins (module `builtins`). Free names in this set resolve to `builtins.<name>`. */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set([
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes',
  'callable', 'chr', 'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict', 'dir',
  'divmod', 'enumerate', 'eval', 'exec', 'exit', 'filter', 'float', 'format', 'frozenset', 'getattr',
  'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass', 'iter',
  'len', 'license', 'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open',
  'ord', 'pow', 'print', 'property', 'quit', 'range', 'repr', 'reversed', 'round', 'set', 'setattr',
  'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip', '__import__',
  '__build_class__', '__debug__', '__name__', '__file__', '__doc__', '__spec__', '__loader__', '__package__',
  // exceptions
  'BaseException', 'BaseExceptionGroup', 'Exception', 'ExceptionGroup', 'ArithmeticError', 'AssertionError',
  'AttributeError', 'BlockingIOError', 'BrokenPipeError', 'BufferError', 'ChildProcessError',
  'ConnectionAbortedError', 'ConnectionError', 'ConnectionRefusedError', 'ConnectionResetError',
  'EOFError', 'EnvironmentError', 'FileExistsError', 'FileNotFoundError', 'FloatingPointError',
  'GeneratorExit', 'IOError', 'ImportError', 'IndentationError', 'IndexError', 'InterruptedError',
  'IsADirectoryError', 'KeyError', 'KeyboardInterrupt', 'LookupError', 'MemoryError',
  'ModuleNotFoundError', 'NameError', 'NotADirectoryError', 'NotImplementedError', 'OSError',
  'OverflowError', 'PermissionError', 'ProcessLookupError', 'RecursionError', 'ReferenceError',
  'RuntimeError', 'StopAsyncIteration', 'StopIteration', 'SyntaxError', 'SystemError', 'SystemExit',
  'TabError', 'TimeoutError', 'TypeError', 'UnboundLocalError', 'UnicodeDecodeError',
  'UnicodeEncodeError', 'UnicodeError', 'UnicodeTranslateError', 'ValueError', 'ZeroDivisionError',
  'Warning', 'UserWarning', 'DeprecationWarning', 'PendingDeprecationWarning', 'SyntaxWarning',
  'RuntimeWarning', 'FutureWarning', 'ImportWarning', 'UnicodeWarning', 'BytesWarning',
  'ResourceWarning', 'EncodingWarning', 'Ellipsis', 'NotImplemented',
  // Python 2 builtins still met in old code
  'execfile', 'file', 'raw_input', 'reload', 'unicode', 'basestring', 'long', 'xrange', 'unichr', 'cmp',
]);

/**
 * Modules only Python 2 has (their Python 3 names differ): where a file or module binds a name by
 * `try: import cPickle as pickle` / `except ImportError: import pickle`, Python 3 runs the other one.
 */
export const PYTHON2_ONLY_MODULES: ReadonlySet<string> = new Set([
  'cPickle',
  'cStringIO',
  'StringIO',
  'urllib2',
  'urlparse',
  'httplib',
  '__builtin__',
  'ConfigParser',
  'Queue',
  'SocketServer',
  'HTMLParser',
  'Tkinter',
  'commands',
  'thread',
  'cookielib',
  'xmlrpclib',
  'copy_reg',
]);

/**
 * Members only Python 2's version of a module has (Python 3 moved them): `try: from urllib import
 * urlretrieve` / `except ImportError: from urllib.request import urlretrieve`, Python 3 runs the other one.
 */
const PYTHON2_ONLY_MEMBERS: ReadonlySet<string> = new Set([
  'urllib.urlretrieve',
  'urllib.urlopen',
  'urllib.urlencode',
  'urllib.quote',
  'urllib.quote_plus',
  'urllib.unquote',
  'urllib.unquote_plus',
  'urllib.urlcleanup',
  'urllib.pathname2url',
  'urllib.url2pathname',
  'urllib.URLopener',
  'urllib.FancyURLopener',
  'itertools.izip',
  'itertools.imap',
  'itertools.ifilter',
]);

/** Is this qualified name (`cPickle.loads`, `urllib.urlretrieve`) one only Python 2 has? */
export function isPython2Only(name: string): boolean {
  const dot = name.indexOf('.');
  if (PYTHON2_ONLY_MODULES.has(dot < 0 ? name : name.slice(0, dot))) return true;
  if (!PYTHON2_ONLY_MEMBERS.has(name)) {
    // a member of one of them (`urllib.urlretrieve.__call__` is not asked; `urllib.URLopener.retrieve` is)
    const second = dot < 0 ? -1 : name.indexOf('.', dot + 1);
    return second >= 0 && PYTHON2_ONLY_MEMBERS.has(name.slice(0, second));
  }
  return true;
}
