import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { calleeName, callStarting, ident, lastIdent, nodesOfType, parse, valueOf } from './helpers.js';
import type { Node } from 'web-tree-sitter';

const nameOf = (n: { type: string; childForFieldName(f: string): { text: string } | null }) =>
  n.type === 'module' ? '<module>' : (n.childForFieldName('name')?.text ?? n.type);

describe('enclosingFunction / enclosingScope', () => {
  it('finds the innermost def, or the module', async () => {
    const sc = await parse(
      ['top(1)', 'def outer(a=dflt(2)):', '    x(3)', '    def inner():', '        y(4)', '    f = lambda: z(5)', 'class K:', '    k(6)', '    def m(self):', '        w(7)'].join('\n'),
    );
    expect(nameOf(sc.enclosingFunction(callStarting(sc, 'top')))).toBe('<module>');
    expect(nameOf(sc.enclosingFunction(callStarting(sc, 'dflt')))).toBe('<module>'); // defaults are outside
    expect(nameOf(sc.enclosingFunction(callStarting(sc, 'x(')))).toBe('outer');
    expect(nameOf(sc.enclosingFunction(callStarting(sc, 'y(')))).toBe('inner');
    expect(nameOf(sc.enclosingFunction(callStarting(sc, 'z(')))).toBe('outer'); // lambdas are skipped
    expect(nameOf(sc.enclosingFunction(callStarting(sc, 'k(')))).toBe('<module>');
    expect(nameOf(sc.enclosingFunction(callStarting(sc, 'w(')))).toBe('m');
    expect(sc.enclosingScope(callStarting(sc, 'z(')).type).toBe('lambda');
    expect(sc.enclosingScope(callStarting(sc, 'k(')).type).toBe('class_definition');
    // the def node itself is in the enclosing scope
    const inner = nodesOfType(sc, 'function_definition')[1];
    expect(nameOf(sc.enclosingFunction(inner))).toBe('outer');
  });
});

describe('callsIn / callsWithin', () => {
  it('gives the calls a function runs itself, and every call inside it, in source order', async () => {
    const sc = await parse(
      ['top(1)', 'def outer(a=dflt(2)):', '    x(3)', '    def inner():', '        y(4)', '    f = lambda: z(5)', '    [c(i) for i in r(6)]', 'class K:', '    k(7)'].join('\n'),
    );
    const texts = (calls: readonly { text: string }[]) => calls.map((c) => c.text);
    const outer = nodesOfType(sc, 'function_definition')[0];
    expect(texts(sc.callsIn(outer))).toEqual(['x(3)', 'c(i)', 'r(6)']);
    expect(texts(sc.callsIn(sc.ast))).toEqual(['top(1)', 'dflt(2)', 'k(7)']);
    expect(texts(sc.callsWithin(outer))).toEqual(['dflt(2)', 'x(3)', 'y(4)', 'z(5)', 'c(i)', 'r(6)']);
    // Asked again: the same list, kept.
    expect(sc.callsWithin(outer)).toBe(sc.callsWithin(outer));
  });

  it('stays linear on a call nested 20,000 deep', async () => {
    const depth = 20_000;
    const sc = await parse(`x = ${'f('.repeat(depth)}1${')'.repeat(depth)}\n`);
    expect(sc.callsIn(sc.ast)).toHaveLength(depth);
  });
});

describe('ancestors / isInside / descendants', () => {
  it('walks up and down the tree', async () => {
    const sc = await parse(
      ['def f(p):', '    try:', '        return torch.load(p, weights_only=True)', '    except Exception:', '        return torch.load(p, weights_only=False)'].join('\n'),
    );
    const first = callStarting(sc, 'torch.load', 0);
    const second = callStarting(sc, 'torch.load', 1);
    expect(sc.ancestors(first).map((n) => n.type)).toEqual(['return_statement', 'block', 'try_statement', 'block', 'function_definition', 'module']);
    expect(sc.isInside(first, ['except_clause'])).toBe(false);
    expect(sc.isInside(second, ['except_clause'])).toBe(true);
    expect(sc.isInside(second, ['except_clause'], ['function_definition'])).toBe(true);
    expect(sc.isInside(first, ['module'], ['function_definition'])).toBe(false);
    const fn = nodesOfType(sc, 'function_definition')[0];
    expect(sc.descendants(fn, 'call')).toHaveLength(2);
    expect(sc.descendants(fn, ['keyword_argument', 'except_clause']).map((n) => n.type)).toEqual(['keyword_argument', 'except_clause', 'keyword_argument']);
    expect(sc.descendants(first, 'call')).toHaveLength(0); // not the node itself
  });
});

describe('bindings / bindingsOf / parameterOf', () => {
  it('returns the right-hand sides of assignments in the resolved scope', async () => {
    const sc = await parse(
      [
        'data = load_dataset("x")',
        'def train(model):',
        '    data = load_dataset("someone/corpus")',
        '    data = data.filter(validate)',
        '    split = data["train"]',
        '    with open(p) as fh, ctx() as (a, b):',
        '        pass',
        '    Trainer(model=model, train_dataset=split, f=fh)',
      ].join('\n'),
    );
    const use = lastIdent(sc, 'split');
    expect(sc.bindingsOf(use).map((n) => sc.getText(n))).toEqual(['data["train"]']);
    const data = sc.bindingsOf(ident(sc, 'data', 4)); // `data` inside data["train"]
    expect(data.map((n) => sc.getText(n))).toEqual(['load_dataset("someone/corpus")', 'data.filter(validate)']);
    expect(sc.bindingsOf(lastIdent(sc, 'fh')).map((n) => sc.getText(n))).toEqual(['open(p)']);
    expect(sc.bindingsOf(lastIdent(sc, 'model'))).toEqual([]);
    expect(sc.bindings(lastIdent(sc, 'model')).map((b) => b.kind)).toEqual(['parameter']);
    expect(sc.bindings(lastIdent(sc, 'a')).map((b) => b.kind)).toEqual(['with']);
    expect(sc.bindings(ident(sc, 'data', 0)).map((b) => b.kind)).toEqual(['assignment']);
  });

  it('gates calls on the last name of their callee, aliases included (calleeGate)', async () => {
    const sc = await parse(
      [
        'import torch',
        'from torch import load as L',
        'f = torch.load',
        'torch.load(p)',
        'L(p)',
        'f(p)',
        'load(p)',
        'other(p)',
        'x.loads(p)',
        'getattr(torch, "load")(p)',
      ].join('\n'),
    );
    const gate = sc.calleeGate(['load']);
    expect(sc.calleeGate(['load'])).toBe(gate); // memoized per list of names
    const passes = (start: string) => gate(callStarting(sc, start));
    expect(['torch.load(', 'L(', 'f(', 'load(', 'getattr('].map(passes)).toEqual([true, true, true, true, true]);
    expect(['other(', 'x.loads('].map(passes)).toEqual([false, false]);
    // a name never bound by a statement that mentions the word: no alias
    const plain = await parse('def helper(p):\n    return p\nhelper(1)\n');
    expect(plain.calleeGate(['load'])(callStarting(plain, 'helper(1'))).toBe(false);
  });

  it('follows a local class to the bases it inherits (localSubclass, definedMethod)', async () => {
    const sc = await parse(
      [
        'import pickle',
        'class A(pickle.Unpickler):',
        '    def find_class(self, module, name):',
        '        raise ValueError(name)',
        'class B(A, metaclass=Meta):',
        '    pass',
        'C = B',
        'A(f)',
        'C(f)',
        'pickle.Unpickler(f)',
      ].join('\n'),
    );
    const callee = (start: string) => sc.callee(callStarting(sc, start))!;
    const b = sc.localSubclass(callee('C('))!;
    expect(b.classes.map((c) => c.childForFieldName('name')!.text)).toEqual(['B', 'A']);
    expect(b.bases).toEqual(['pickle.Unpickler']);
    expect(sc.definedMethod(b.classes[0], 'find_class')).toBeUndefined();
    expect(sc.definedMethod(b.classes[1], 'find_class')?.type).toBe('function_definition');
    expect(sc.localSubclass(callee('A('))!.bases).toEqual(['pickle.Unpickler']);
    expect(sc.localSubclass(callee('pickle.Unpickler('))).toBeUndefined();
    // the gate lets a subclass through by its bases
    expect(sc.calleeGate(['Unpickler'])(callStarting(sc, 'C('))).toBe(true);
  });

  it('finds the class of the file an instance holds, with its bases (instanceSubclass)', async () => {
    const sc = await parse(
      [
        'from darts.models import TFTModel',
        'class Mine(TFTModel):',
        '    def __enter__(self):',
        '        return self',
        'class Other:',
        '    pass',
        'class Session(TFTModel):',
        '    def __enter__(self):',
        '        return Other()',
        'def build():',
        '    return Mine()',
        'if c:',
        '    a = Mine(1)',
        'else:',
        '    a = build()',
        'with Mine() as w:',
        '    pass',
        'if c:',
        '    mixed = Mine()',
        'else:',
        '    mixed = Other()',
        'x = TFTModel()',
        'with Session() as s:',
        '    pass',
        'a.m(w, build(), mixed, Mine, x, Mine().f, s)',
      ].join('\n'),
    );
    const args = sc.positionalArguments(callStarting(sc, 'a.m('));
    const of = (n: Node | undefined) => n && sc.instanceSubclass(n);
    const receiver = sc.callee(callStarting(sc, 'a.m('))!.childForFieldName('object')!;
    for (const n of [receiver, args[0], args[1]]) {
      const chain = of(n)!;
      expect(chain.classes.map((c) => (c as Node).childForFieldName('name')!.text)).toEqual(['Mine']);
      expect(chain.bases).toEqual(['darts.models.TFTModel']);
    }
    expect(of(args[2])).toBeUndefined(); // two different classes
    expect(of(args[3])).toBeUndefined(); // the class itself: projectSubclass's question
    expect(of(args[4])).toBeUndefined(); // a library's instance
    expect(of(args[5].childForFieldName('object')!)?.bases).toEqual(['darts.models.TFTModel']);
    expect(of(args[6])).toBeUndefined(); // `with`: what `__enter__` returns, here another object
  });

  it('answers a name bound many times to the same thing once for the scope, not by walking back at each use', async () => {
    const n = 600;
    const text = ['import json', 'import sys', 'loads = json.loads', ...Array.from({ length: n }, (_, i) => `if len(sys.argv) > ${i}:\n    loads = json.loads`), ...Array.from({ length: 3 * n }, () => 'f(x=loads)')].join('\n');
    const sc = await parse(text);
    const uses = nodesOfType(sc, 'keyword_argument').map((k) => k.childForFieldName('value')!);
    const scopes = sc.scopes as unknown as { resolve: (...a: unknown[]) => unknown };
    const original = scopes.resolve;
    let resolved = 0;
    // `reachingBindings` would walk back through up to 600 bindings at each of the 1,800 uses; resolving the name's
    // scope once per use is all the shortcut does (counted: the bindings handed to the walk back, and scope lookups)
    const spy = (sc as unknown as { reachingFrom: (...a: unknown[]) => unknown });
    const reaching = spy.reachingFrom;
    let walks = 0;
    spy.reachingFrom = function (this: unknown, ...a: unknown[]) {
      walks += (a[2] as unknown[]).length; // the bindings it may walk back through
      return reaching.apply(this, a);
    };
    scopes.resolve = function (this: unknown, ...a: unknown[]) {
      resolved++;
      return original.apply(this, a);
    };
    try {
      expect(uses.every((u) => sc.qualifiedNames(u).join() === 'json.loads')).toBe(true);
    } finally {
      spy.reachingFrom = reaching;
      scopes.resolve = original;
    }
    expect(uses).toHaveLength(3 * n);
    expect(walks).toBeLessThan(2 * n); // the values' own names (`json`), once each; 3n × n with a walk per use
    expect(resolved).toBeLessThan(4 * 3 * n);
    // bound to two different things: the walk back decides, per use
    const mixed = await parse(['import json, pickle, sys', 'loads = json.loads', ...Array.from({ length: 10 }, (_, i) => `if len(sys.argv) > ${i}:\n    loads = json.loads`), 'loads = pickle.loads', 'f(x=loads)'].join('\n'));
    expect(mixed.qualifiedNames(nodesOfType(mixed, 'keyword_argument')[0].childForFieldName('value')!)).toEqual(['pickle.loads']);
  });

  it('says when a chain of local classes is longer than the 16 it keeps (cut)', async () => {
    const chain = (n: number) => ['import lightning as L', 'class C0(L.LightningModule):', '    pass', ...Array.from({ length: n }, (_, i) => `class C${i + 1}(C${i}):\n    pass`), `C${n}(f)`, 'C15(f)'].join('\n');
    const long = await parse(chain(16));
    const longCall = (start: string) => long.callee(callStarting(long, start))!;
    const cut = long.projectSubclass(longCall('C16('))!;
    expect(cut.classes).toHaveLength(16);
    expect(cut.bases).toEqual([]);
    expect(cut.cut).toBe(true);
    const whole = long.projectSubclass(longCall('C15('))!;
    expect(whole.bases).toEqual(['lightning.LightningModule']);
    expect(whole.cut).toBeUndefined();
  });

  it('tells whether a statement certainly runs before another (certainlyRunsBefore)', async () => {
    const sc = await parse(
      [
        'def f(p, c):',
        '    with open(p, "wb") as fh:',
        '        a(fh)',
        '    if c:',
        '        b(p)',
        '    try:',
        '        d(p)',
        '    except OSError:',
        '        pass',
        '    e(p)',
        '    if c:',
        '        g(p)',
        '        h(p)',
      ].join('\n'),
    );
    const call = (name: string) => callStarting(sc, `${name}(`);
    expect(sc.certainlyRunsBefore(call('a'), call('e'))).toBe(true); // a with body always runs
    expect(sc.certainlyRunsBefore(call('b'), call('e'))).toBe(false); // inside an if
    expect(sc.certainlyRunsBefore(call('d'), call('e'))).toBe(false); // inside a try
    expect(sc.certainlyRunsBefore(call('g'), call('h'))).toBe(true); // the same block
    expect(sc.certainlyRunsBefore(call('e'), call('a'))).toBe(false); // after it
  });

  it('sees through an `if` that is always taken (`if 1:`, `if True:`, a notebook\'s `%time stmt`)', async () => {
    const sc = await parse(['if 1: a(p)', 'if True:', '    b(p)', 'if 1:', '    c(p)', 'else:', '    pass', 'if 0: d(p)', 'e(p)'].join('\n'));
    const call = (name: string) => callStarting(sc, `${name}(`);
    expect(sc.certainlyRunsBefore(call('a'), call('e'))).toBe(true);
    expect(sc.certainlyRunsBefore(call('b'), call('e'))).toBe(true);
    // another branch, or a false condition: may not have run
    expect(sc.certainlyRunsBefore(call('c'), call('e'))).toBe(false);
    expect(sc.certainlyRunsBefore(call('d'), call('e'))).toBe(false);
  });

  it('lists the assignments to a member of an imported module (memberWrites)', async () => {
    const sc = await parse(
      ['import pickle', 'import pickle as pk', 'import other', 'def patch():', '    pickle.Unpickler = Lazy', 'pk.Unpickler = Other', 'other.Unpickler = Third', 'self.Unpickler = Fourth', 'pickle.load = fast_load'].join('\n'),
    );
    expect(sc.memberWrites('pickle.Unpickler').map((w) => w.value.text)).toEqual(['Lazy', 'Other']);
    expect(sc.memberWrites('pickle.load').map((w) => w.value.text)).toEqual(['fast_load']);
    expect(sc.memberWrites('pickle.dumps')).toEqual([]);
  });

  it('lists the attribute writes that may reach a place (attributeWritesReaching)', async () => {
    const sc = await parse(
      [
        'import ssl',
        'def f(c):',
        '    ctx = ssl.create_default_context()',
        '    ctx.verify_mode = ssl.CERT_NONE',
        '    ctx.verify_mode = ssl.CERT_REQUIRED',
        '    a(ctx)',
        '    if c:',
        '        ctx.verify_mode = ssl.CERT_NONE',
        '    b(ctx)',
        '    if c:',
        '        ctx.verify_mode = 0',
        '    else:',
        '        ctx.verify_mode = 1',
        '    d(ctx)',
        '    other = ssl.create_default_context()',
        '    other.verify_mode = ssl.CERT_NONE',
        '    e(ctx)',
        'class S:',
        '    def g(self):',
        '        self.session.verify = False',
        '        h(self.session)',
      ].join('\n'),
    );
    const call = (name: string) => callStarting(sc, `${name}(`);
    const arg = (name: string) => call(name).childForFieldName('arguments')!.namedChildren[0]!;
    const reaching = (name: string, attribute = 'verify_mode') => {
      const { writes, everyPath } = sc.attributeWritesReaching(arg(name), attribute, call(name));
      return { values: writes.map((w) => w.value.text), everyPath };
    };
    // the last certain write; not the one it replaced
    expect(reaching('a')).toEqual({ values: ['ssl.CERT_REQUIRED'], everyPath: true });
    // and a later write on one path
    expect(reaching('b')).toEqual({ values: ['ssl.CERT_REQUIRED', 'ssl.CERT_NONE'], everyPath: true });
    // an if/else that writes in each branch: every path, and the earlier certain one still before them
    expect(reaching('d')).toEqual({ values: ['ssl.CERT_REQUIRED', 'ssl.CERT_NONE', '0', '1'], everyPath: true });
    // another object's write does not count
    expect(reaching('e')).toEqual(reaching('d'));
    // an attribute chain as the object
    expect(reaching('h', 'verify')).toEqual({ values: ['False'], everyPath: true });
    // nothing written
    expect(reaching('a', 'check_hostname')).toEqual({ values: [], everyPath: false });
  });

  it('tells whether one of several nodes certainly runs before another (certainlyRunsBefore)', async () => {
    const sc = await parse(
      [
        'def f(p, c, k):',
        '    if c:',
        '        a(p)',
        '    elif k:',
        '        with open(p) as fh:',
        '            b(p)',
        '    else:',
        '        raise ValueError(p)',
        '    if c:',
        '        d(p)',
        '    elif k:',
        '        e(p)',
        '    try:',
        '        pass',
        '    finally:',
        '        g(p)',
        '    for x in p:',
        '        h(x)',
      ].join('\n'),
    );
    const call = (name: string) => callStarting(sc, `${name}(`);
    // every branch of an if/elif/else runs one, or leaves the function (`raise`); a with body runs
    expect(sc.certainlyRunsBefore([call('a'), call('b')], call('h'))).toBe(true);
    expect(sc.certainlyRunsBefore([call('a')], call('h'))).toBe(false);
    // no `else`: neither may have run
    expect(sc.certainlyRunsBefore([call('d'), call('e')], call('h'))).toBe(false);
    // a finally always runs
    expect(sc.certainlyRunsBefore([call('e'), call('g')], call('h'))).toBe(true);
    // not before: the nodes come after
    expect(sc.certainlyRunsBefore([call('a'), call('b')], call('a'))).toBe(false);
  });

  it('tells whether two nodes sit in exclusive branches (inExclusiveBranches)', async () => {
    const sc = await parse(
      [
        'def f(p, c, k):',
        '    if c:',
        '        a(p)',
        '        if k:',
        '            b(p)',
        '    elif k:',
        '        d(p)',
        '    else:',
        '        e(p)',
        '    g(p)',
        '    if h(p):',
        '        i(p)',
        '    match k:',
        '        case 1:',
        '            j(p)',
        '        case _:',
        '            l(p)',
      ].join('\n'),
    );
    const call = (name: string) => callStarting(sc, `${name}(`);
    expect(sc.inExclusiveBranches(call('a'), call('e'))).toBe(true); // if / else
    expect(sc.inExclusiveBranches(call('a'), call('d'))).toBe(true); // if / elif
    expect(sc.inExclusiveBranches(call('d'), call('e'))).toBe(true); // elif / else
    expect(sc.inExclusiveBranches(call('b'), call('e'))).toBe(true); // nested in one branch, the other branch
    expect(sc.inExclusiveBranches(call('j'), call('l'))).toBe(true); // two cases of a match
    expect(sc.inExclusiveBranches(call('a'), call('b'))).toBe(false); // the same branch
    expect(sc.inExclusiveBranches(call('a'), call('g'))).toBe(false); // after the if
    expect(sc.inExclusiveBranches(call('h'), call('i'))).toBe(false); // the condition and its body
  });

  it('tells whether a node never runs after another (neverRunsAfter)', async () => {
    const sc = await parse(
      [
        'def f(p, c, k):',
        '    if ok(p) and c:',
        '        a(p)',
        '    elif chk(p):',
        '        d(p)',
        '    else:',
        '        e(p)',
        '    g(p)',
        '    for i in range(3):',
        '        if again(p):',
        '            m(p)',
        '        else:',
        '            n(p)',
      ].join('\n'),
    );
    const call = (name: string) => callStarting(sc, `${name}(`);
    expect(sc.neverRunsAfter(call('ok'), call('e'))).toBe(true); // the condition, then the else branch
    expect(sc.neverRunsAfter(call('ok'), call('a'))).toBe(true); // the condition, then its own branch
    expect(sc.neverRunsAfter(call('chk'), call('d'))).toBe(true); // an elif's condition and its branch
    expect(sc.neverRunsAfter(call('a'), call('e'))).toBe(true); // another branch
    expect(sc.neverRunsAfter(call('e'), call('a'))).toBe(true);
    expect(sc.neverRunsAfter(call('g'), call('a'))).toBe(false); // after the if
    expect(sc.neverRunsAfter(call('a'), call('ok'))).toBe(false); // the branch runs after its condition
    expect(sc.neverRunsAfter(call('again'), call('n'))).toBe(false); // a loop runs the condition again
    expect(sc.neverRunsAfter(call('m'), call('n'))).toBe(false);
    // written before, with no loop around both: it ran before
    expect(sc.neverRunsAfter(call('a'), call('g'))).toBe(true);
    expect(sc.neverRunsAfter(call('g'), call('m'))).toBe(true); // (the loop holds only the later one)
    expect(sc.neverRunsAfter(call('again'), call('m'))).toBe(false); // the loop runs the condition again after the branch
    // a function that calls itself runs its body again
    const rec = await parse(['def fetch(url, n):', '    if ok(url):', '        return', '    get(url)', '    return fetch(url, n - 1)'].join('\n'));
    expect(rec.neverRunsAfter(callStarting(rec, 'ok('), callStarting(rec, 'get('))).toBe(false);
  });

  it('lists what is written into a container (containerWrites)', async () => {
    const sc = await parse(
      [
        'import json',
        'def f(path, other):',
        '    config = {}',
        '    config["a"] = 1',
        '    config.update(json.load(open(path)))',
        '    config.update(b=2)',
        '    config.setdefault("c", 3)',
        '    config |= {"d": 4}',
        '    other["x"] = 5',
        '    items = []',
        '    items.append(6)',
        '    items.insert(0, 7)',
        '    return config, items',
      ].join('\n'),
    );
    const writes = (name: string) => sc.containerWrites(lastIdent(sc, name)).map((w) => `${w.key ? sc.getText(w.key) : (w.keyword ?? '-')}:${sc.getText(w.value)}`);
    expect(writes('config')).toEqual(['"a":1', '-:json.load(open(path))', 'b:2', '"c":3', '-:{"d": 4}']);
    expect(writes('items')).toEqual(['-:6', '-:7']);
  });

  it('finds a class nested in a class body through self, cls or the outer class (localSubclass)', async () => {
    const sc = await parse(
      ['import yaml', 'class Config:', '    class J(yaml.SafeLoader):', '        pass', '    def m(self):', '        self.J(s)', '        Config.J(s)', '        self.K(s)'].join('\n'),
    );
    const callee = (start: string) => sc.callee(callStarting(sc, start))!;
    expect(sc.localSubclass(callee('self.J('))!.bases).toEqual(['yaml.SafeLoader']);
    expect(sc.localSubclass(callee('Config.J('))!.classes[0].childForFieldName('name')!.text).toBe('J');
    expect(sc.localSubclass(callee('self.K('))).toBeUndefined();
  });

  it('reads the known end of a string built at run time (stringSuffix)', async () => {
    const sc = await parse(['a = f"{d}/config.json"', 'b = path + "_config.txt"', 'c = f"{d}"', 'g = d + (e + ".yaml")', 'h = "x.json"'].join('\n'));
    const rights = nodesOfType(sc, 'assignment').map((a) => a.childForFieldName('right')!);
    expect(rights.map((r) => sc.stringSuffix(r))).toEqual(['/config.json', '_config.txt', undefined, '.yaml', 'x.json']);
  });

  it('lists the values a loop variable takes when the loop writes them out (loopValues)', async () => {
    const sc = await parse(
      [
        'from pathlib import Path',
        'NAMES = ("org/a", "org/b")',
        'GROWS = ["x"]',
        'GROWS.append(y)',
        'for p in [Path(f"{d}/a"), Path("b")]:',
        '    use(p)',
        'for n in NAMES:',
        '    use(n)',
        'for key, (url, sha) in [("a", ("u1", "s1")), ("b", ("u2", "s2"))]:',
        '    use(key, url, sha)',
        'for i in range(3):',
        '    use(i)',
        'for g in GROWS:',
        '    use(g)',
        'for s in {"x", "y"}:',
        '    use(s)',
        'for a, b in [(1, 2), (3,)]:',
        '    use(a)',
        'q = [Path(z) for z in ["u", "v"]]',
        'r = "fixed"',
        'for w in ["one"]:',
        '    w = "other"',
        '    use(w)',
        'if big:',
        '    urls = ["x4.pth"]',
        'else:',
        '    urls = ("x2.pth", "x1.pth")',
        'for u in urls:',
        '    use(u)',
        'if big:',
        '    mixed = ["a"]',
        'else:',
        '    mixed = make()',
        'for m in mixed:',
        '    use(m)',
        'openers = [bz2.BZ2File, gzip.GzipFile]',
        'if lzma is not None:',
        '    openers += [lzma.LZMAFile]',
        'openers.extend((zipfile.ZipFile,))',
        'for o in openers:',
        '    use(o)',
        'table = {"a": 1}',
        'table.update(other)',
        'for t in table:',
        '    use(t)',
        'late = ["a"]',
        'late += compute()',
        'for l in late:',
        '    use(l)',
      ].join('\n'),
    );
    const values = (name: string, nth: number) => sc.loopValues(ident(sc, name, nth))?.map((v) => v.text);
    expect(values('p', 1)).toEqual(['Path(f"{d}/a")', 'Path("b")']);
    expect(values('n', 1)).toEqual(['"org/a"', '"org/b"']);
    expect(values('key', 1)).toEqual(['"a"', '"b"']);
    expect(values('url', 1)).toEqual(['"u1"', '"u2"']);
    expect(values('sha', 1)).toEqual(['"s1"', '"s2"']);
    expect(values('i', 1)).toBeUndefined(); // range(3)
    expect(values('g', 1)).toEqual(['"x"', 'y']); // GROWS gains an item: every item it may hold
    // `+=` and `extend` of literals (under an `if`: a superset of one run's items)
    expect(values('o', 1)).toEqual(['bz2.BZ2File', 'gzip.GzipFile', 'lzma.LZMAFile', 'zipfile.ZipFile']);
    expect(values('t', 1)).toBeUndefined(); // `update` of something unknown
    expect(values('l', 1)).toBeUndefined(); // `+=` of something unknown
    expect(values('s', 1)).toEqual(['"x"', '"y"']);
    expect(values('a', 1)).toBeUndefined(); // an item of another length
    expect(values('z', 0)).toEqual(['"u"', '"v"']); // a comprehension
    expect(values('r', 0)).toBeUndefined(); // no loop
    expect(values('w', 2)).toBeUndefined(); // re-bound in the body
    expect(values('u', 1)).toEqual(['"x4.pth"', '"x2.pth"', '"x1.pth"']); // a literal in each branch
    expect(values('m', 1)).toBeUndefined(); // one branch is no literal
  });

  it('reads the items of a list a function of the file returns (loopValues)', async () => {
    const sc = await parse(
      [
        'class D:',
        '    def links(self, model):',
        '        out = []',
        '        for f in ["a.bin", "b.bin"]:',
        '            out.append(f"https://huggingface.co/{model}/resolve/main/{f}")',
        '        return out',
        '    def some(self, c):',
        '        if c:',
        '            return ["x"]',
        '        return fetch()',
        '    def run(self, model):',
        '        for url in self.links(model):',
        '            use(url)',
        '        for y in self.some(1):',
        '            use(y)',
        'def top():',
        '    return ("p", "q")',
        'for t in top():',
        '    use(t)',
      ].join('\n'),
    );
    const values = (name: string, nth: number) => sc.loopValues(ident(sc, name, nth))?.map((v) => v.text);
    expect(values('url', 1)).toEqual(['f"https://huggingface.co/{model}/resolve/main/{f}"']);
    expect(values('t', 1)).toEqual(['"p"', '"q"']);
    // one `return` gives something else: not known
    expect(values('y', 1)).toBeUndefined();
  });

  it('names the literal that begins a string built at run time (stringPrefixSource)', async () => {
    const sc = await parse(
      [
        'BASE = "http://download.example.com/models"',
        'a = BASE + "/resnet50.pth"',
        'b = f"{BASE}/vgg16.pth"',
        'c = ("http://x.org/"',
        '     "model.onnx")',
        'd = "{}/{}.pth".format(BASE, name)',
        'e = "{base}/m.pth".format(base=BASE)',
        'f = "%s/m.pth" % (BASE,)',
        'g = str(BASE)',
        'h = f"http://{host}/m.pth"',
        'i = f"{host}/m.pth"',
        'def fetch(root):',
        '    j = root + "/m.pth"',
        'k = ""',
        'l = "{0}/m.pth".format(BASE)',
      ].join('\n'),
    );
    const source = (name: string) => {
      const node = sc.stringPrefixSource(ident(sc, name, 0).parent!.childForFieldName('right')!);
      return node && `${node.startPosition.row + 1}:${node.text}`;
    };
    const base = '1:"http://download.example.com/models"';
    expect([source('a'), source('b'), source('d'), source('e'), source('f'), source('g'), source('l')]).toEqual([base, base, base, base, base, base, base]);
    expect(source('c')).toBe('4:"http://x.org/"'); // the part that holds the start
    expect(source('h')).toBe('10:f"http://{host}/m.pth"');
    expect(source('i')).toBeUndefined(); // starts with a name that is no constant
    expect(source('j')).toBeUndefined(); // a parameter
    expect(source('k')).toBeUndefined(); // empty
  });

  it('splits a string built at run time at the parts that are not known (stringPieces)', async () => {
    const sc = await parse(
      [
        'BASE = "https://huggingface.co"',
        'a = f"https://huggingface.co/{repo}/resolve/main/{fname}"',
        'b = f"{BASE}/{repo}/resolve/main/m.bin"',
        'c = "https://huggingface.co/" + repo + "/resolve/main/" + fname',
        'd = "https://huggingface.co/{}/resolve/{rev}/{}".format(repo, name, rev="main")',
        'e = "%s/%s/resolve/main/%s" % (BASE, repo, f)',
        'g = f"{x!r}/{y:>4}/z"',
        'h = "whole"',
        'i = f"{x}"',
        'j = x + y',
        'def fetch(repo):',
        '    url = f"https://huggingface.co/{repo}/resolve/main/w.bin"',
        '    k = url',
        '    if cond:',
        '        url2 = "a"',
        '    else:',
        '        url2 = "b" + repo',
        '    l = url2',
        'm = str(f"{BASE}/{x}")',
        'import os',
        'n = os.path.join(base_url, voice, "en_US-" + voice + ".onnx")',
        'o = os.path.join("https://x.org/models/", name, "m.onnx")',
        'p = os.path.join(d, "/abs", "m.bin")',
        'q = os.path.join(*parts)',
        'r = os.path.abspath(os.path.join(out_dir, "ggml-model.bin"))',
        's = os.path.abspath("/opt/models/m.bin")',
        't = os.path.expanduser("~/models/" + name + ".pth")',
        'u = os.path.normpath(f"{out_dir}/w.safetensors")',
      ].join('\n'),
    );
    const value = (name: string) => sc.stringPieces(ident(sc, name, 0).parent!.childForFieldName('right')!);
    expect(value('a')).toEqual(['https://huggingface.co/', '/resolve/main/', '']);
    expect(value('b')).toEqual(['https://huggingface.co/', '/resolve/main/m.bin']);
    expect(value('c')).toEqual(['https://huggingface.co/', '/resolve/main/', '']);
    expect(value('d')).toEqual(['https://huggingface.co/', '/resolve/main/', '']);
    expect(value('e')).toEqual(['https://huggingface.co/', '/resolve/main/', '']);
    expect(value('g')).toEqual(['', '/', '/z']);
    expect(value('h')).toEqual(['whole']);
    expect(value('i')).toBeUndefined();
    expect(value('j')).toBeUndefined();
    // through the one assignment that reaches the use; not where branches give several
    expect(value('k')).toEqual(['https://huggingface.co/', '/resolve/main/w.bin']);
    expect(value('l')).toBeUndefined();
    expect(value('m')).toEqual(['https://huggingface.co/', '']);
    // os.path.join: parts joined by `/`, none added after one that ends with it; an absolute part resets
    expect(value('n')).toEqual(['', '/', '/en_US-', '.onnx']);
    expect(value('o')).toEqual(['https://x.org/models/', '/m.onnx']);
    expect(value('p')).toEqual(['/abs/m.bin']);
    expect(value('q')).toBeUndefined();
    // abspath / realpath / normpath / expanduser keep the file name; a relative path gets an unknown start
    expect(value('r')).toEqual(['', '/ggml-model.bin']);
    expect(value('s')).toEqual(['/opt/models/m.bin']);
    expect(value('t')).toEqual(['', '/models/', '.pth']);
    expect(value('u')).toEqual(['', '/w.safetensors']);
  });

  it('gives up on strings built by doubling past 4 Mi characters, and asks each part once', async () => {
    const lines = ['a0 = "https://x.org/"', 'b0 = base'];
    for (let i = 1; i <= 40; i++) lines.push(`a${i} = a${i - 1} + a${i - 1}`, `b${i} = b${i - 1} + "/" + b${i - 1}`);
    const sc = await parse(lines.join('\n'));
    const value = (name: string) => ident(sc, name, 0).parent!.childForFieldName('right')!;
    expect(sc.constant(value('a10'))).toBe('https://x.org/'.repeat(1024));
    expect(sc.constant(value('a40'))).toBe(UNKNOWN);
    expect(sc.stringPieces(value('a40'))).toBeUndefined();
    expect(sc.stringPieces(value('b3'))).toEqual(['', '/', '/', '/', '/', '/', '/', '/', '']);
    // past the caps, the parts that grew too long are not known: a short list, never millions of pieces
    expect(sc.stringPieces(value('b40'))?.length ?? 0).toBeLessThanOrEqual(4096);
  });

  it('reads the known start of a string built at run time (stringPrefix)', async () => {
    const sc = await parse(
      ['BASE = "http://x.org"', 'a = f"{BASE}/{name}.pth"', 'b = f"http://{host}/m.bin"', 'c = f"{host}/m.bin"', 'd = "http://a" f"/{p}"', 'e = f"{BASE}/m"'].join('\n'),
    );
    const value = (name: string) => sc.stringPrefix(ident(sc, name, 0).parent!.childForFieldName('right')!);
    expect(['a', 'b', 'c', 'd', 'e'].map(value)).toEqual(['http://x.org/', 'http://', undefined, 'http://a/', 'http://x.org/m']);
  });

  it("reads a parameter's default as what it holds when not passed (defaultQualifiedNames)", async () => {
    const sc = await parse('import torch\ndef f(p, load_fn=torch.load, other=None, plain=x):\n    load_fn(p)\n    other(p)\n    plain(p)\n    torch.load(p)\n');
    const names = (start: string) => sc.defaultQualifiedNames(sc.callee(callStarting(sc, start))!);
    expect(names('load_fn(')).toEqual(['torch.load']);
    expect(names('other(')).toEqual([]);
    expect(names('plain(')).toEqual([]);
    expect(names('torch.load(')).toEqual([]); // not a parameter: `qualifiedName` answers
    expect(sc.qualifiedName(sc.callee(callStarting(sc, 'load_fn('))!)).toBeUndefined();
  });

  it('defaultQualifiedNames reads a default through what a class stores, and members of a module default (review federated P3-5)', async () => {
    const sc = await parse(
      [
        'import pickle, torch',
        'class Channel:',
        '    def __init__(self, sock, serializer=pickle, load_fn=torch.load, none=None):',
        '        self.serializer = serializer',
        '        self.load_fn = load_fn',
        '        self.none = none',
        '        self.fixed = json',
        '    def use(self, b):',
        '        self.serializer.loads(b)',
        '        self.load_fn(b)',
        '        self.none.loads(b)',
        '        self.fixed.loads(b)',
        'def plain(b, serializer=pickle):',
        '    serializer.loads(b)',
      ].join('\n'),
    );
    const names = (start: string) => sc.defaultQualifiedNames(sc.callee(callStarting(sc, start))!);
    expect(names('self.serializer.loads(')).toEqual(['pickle.loads']);
    expect(names('self.load_fn(')).toEqual(['torch.load']);
    expect(names('self.none.loads(')).toEqual([]);
    expect(names('self.fixed.loads(')).toEqual([]);
    expect(names('serializer.loads(')).toEqual(['pickle.loads']);
  });

  it('mappingValue with stable: not of a table written by a key not known, and a parenthesized name written is written (review w37b P2-2)', async () => {
    const sc = await parse(
      ['def i(keys):', '    a = {"model": "org/i"}', '    a[keys[0]] = "./local"', '    a', 'def j():', '    b = {"model": "org/j"}', '    (b)["model"] = "./local"', '    b', 'def k():', '    c = {"model": "org/k"}', '    c'].join('\n'),
    );
    const use = (name: string) => nodesOfType(sc, 'identifier').filter((n) => n.text === name).at(-1)!;
    expect(sc.mappingValue(use('a'), 'model', { stable: true })).toBeUndefined();
    expect(sc.mappingValue(use('b'), 'model', { stable: true })?.text).toBe('"./local"');
    expect(sc.mappingValue(use('c'), 'model', { stable: true })?.text).toBe('"org/k"');
  });

  it('says whether a class body binds a member itself, by def or otherwise (bindsMember)', async () => {
    const sc = await parse(['class A(Base):', '    load = staticmethod(f)', '    def save(self):', '        pass', '    from x import fetch', 'class B(A):', '    pass'].join('\n'));
    const cls = (name: string) => nodesOfType(sc, 'class_definition').find((c) => c.childForFieldName('name')!.text === name)!;
    expect(['load', 'save', 'fetch', 'other'].map((m) => sc.bindsMember(cls('A'), m))).toEqual([true, true, true, false]);
    expect(sc.bindsMember(cls('B'), 'load')).toBe(false); // inherited, not its own
  });

  it('lists the values a class attribute may hold (attributeValues)', async () => {
    const sc = await parse(
      ['class Net:', '    cfg = None', '    def __init__(self, f):', '        self.cfg = load(f)', '    def m(self):', '        pass', '    def use(self):', '        self.cfg', '        self.m', '        self.other', 'Net.cfg'].join('\n'),
    );
    const attr = (text: string, nth = 0) => nodesOfType(sc, 'attribute').filter((n) => n.text === text)[nth];
    expect(sc.attributeValues(attr('self.cfg', 1))?.map((v) => v.text)).toEqual(['None', 'load(f)']);
    expect(sc.attributeValues(attr('Net.cfg'))?.map((v) => v.text)).toEqual(['None', 'load(f)']);
    expect(sc.attributeValues(attr('self.m'))).toBeUndefined(); // a method
    expect(sc.attributeValues(attr('self.other'))).toBeUndefined();
  });

  it('attributeValues reads the local classes a class inherits from (optuna\'s tuner and its subclass)', async () => {
    const sc = await parse(
      [
        'class Base:',
        '    def __init__(self, model_dir=None):',
        '        self._model_dir = model_dir',
        'class Sub(Base):',
        '    def best(self):',
        '        self._model_dir',
        'class Other:',
        '    def best(self):',
        '        self._model_dir',
        'class Deeper(Sub):',
        '    limit = 3',
        '    def __init__(self):',
        '        self._model_dir = "models"',
        '    def best(self):',
        '        self._model_dir',
      ].join('\n'),
    );
    const uses = nodesOfType(sc, 'attribute').filter((n) => n.text === 'self._model_dir');
    expect(sc.attributeValues(uses[1])?.map((v) => v.text)).toEqual(['model_dir']);
    expect(sc.attributeValues(uses[2])).toBeUndefined(); // not a subclass
    // the class's own assignment shadows its bases' (the first class of the chain that assigns it)
    expect(sc.attributeValues(uses[4])?.map((v) => v.text)).toEqual(['"models"']);
  });

  it('lists every binding of a name in any scope (bindingsNamed)', async () => {
    const sc = await parse('from torch import load as L\ndef f(L):\n    return L\nclass C:\n    L = 1\nuse(L)\n');
    expect(sc.bindingsNamed('L').map((b) => b.kind).sort()).toEqual(['assignment', 'import', 'parameter']);
    expect(sc.bindingsNamed('nothing')).toEqual([]);
    // a use still resolves to its own scope's bindings only
    expect(sc.bindings(lastIdent(sc, 'L')).map((b) => b.kind)).toEqual(['import']);
  });

  it('reports binding kinds and import targets', async () => {
    const sc = await parse('import torch as t\nfrom x import y\ndef f(): pass\nclass C: pass\nfor i in r: pass\nuse(t, y, f, C, i)\n');
    const kinds = ['t', 'y', 'f', 'C', 'i'].map((n) => sc.bindings(lastIdent(sc, n)).map((b) => `${b.kind}:${b.qualified ?? ''}`));
    expect(kinds).toEqual([['import:torch'], ['import:x.y'], ['def:'], ['class:'], ['for:']]);
    expect(sc.bindings(ident(sc, 'use'))).toEqual([]); // free name
  });

  it('parameterOf gives the parameter, its default and index', async () => {
    const sc = await parse('def f(self, path, /, weights_only: bool = True, *args, key, **kw):\n    use(path, weights_only, key, kw, other)\nother = 1\n');
    const wo = sc.parameterOf(lastIdent(sc, 'weights_only'))!;
    expect(wo.name).toBe('weights_only');
    expect(sc.getText(wo.default!)).toBe('True');
    expect(wo.index).toBe(2);
    expect(wo.function.type).toBe('function_definition');
    expect(sc.parameterOf(lastIdent(sc, 'path'))!.default).toBeUndefined();
    expect(sc.parameterOf(lastIdent(sc, 'kw'))!.name).toBe('kw');
    expect(sc.parameterOf(ident(sc, 'other', 0))).toBeUndefined();
  });
});

describe('localFunction', () => {
  it('resolves module functions, methods through self/cls and class names, aliases', async () => {
    const sc = await parse(
      [
        'def helper(p):',
        '    return p',
        'class Store:',
        '    def load(self, key):',
        '        return key',
        '    @classmethod',
        '    def make(cls):',
        '        return cls.load(None, 1)',
        '    def use(self):',
        '        return self.load("model")',
        'h = helper',
        'helper(1)',
        'h(2)',
        'Store.load(None, 3)',
        'unknown(4)',
        'def outer():',
        '    def nested():',
        '        pass',
        '    nested()',
      ].join('\n'),
    );
    const name = (n: ReturnType<typeof sc.localFunction>) => n?.childForFieldName('name')?.text;
    expect(name(sc.localFunction(callStarting(sc, 'helper(1)')))).toBe('helper');
    expect(name(sc.localFunction(callStarting(sc, 'h(2)')))).toBe('helper');
    expect(name(sc.localFunction(callStarting(sc, 'self.load')))).toBe('load');
    expect(name(sc.localFunction(callStarting(sc, 'cls.load')))).toBe('load');
    expect(name(sc.localFunction(callStarting(sc, 'Store.load')))).toBe('load');
    expect(sc.localFunction(callStarting(sc, 'unknown'))).toBeUndefined();
    expect(name(sc.localFunction(callStarting(sc, 'nested()')))).toBe('nested');
    expect(name(sc.localFunction(ident(sc, 'helper', 2)))).toBe('helper');
  });

  it('resolves a method called on an instance of a class of the file, and methods inherited from local bases', async () => {
    const sc = await parse(
      [
        'class Base:',
        '    def save(self, name):',
        '        return name',
        'class Flow(Base):',
        '    def run(self):',
        '        return self.save(None)',
        'class Other:',
        '    def save(self, name):',
        '        return name',
        'def default_flow():',
        '    return Flow()',
        'def test(cond):',
        '    flow = Flow()',
        '    a = flow.save(1)',
        '    made = default_flow()',
        '    b = made.save(2)',
        '    with Flow() as w:',
        '        c = w.save(3)',
        '    either = Flow() if cond else Other()',
        '    d = either.save(4)',
        '    mixed = Flow()',
        '    if cond:',
        '        mixed = Other()',
        '    e = mixed.save(5)',
        '    loaded = load()',
        '    f = loaded.save(6)',
        '    g = Flow().save(7)',
      ].join('\n'),
    );
    const owner = (start: string) => {
      const fn = sc.localFunction(callStarting(sc, start));
      return fn ? `${fn.parent?.parent?.childForFieldName('name')?.text}.${fn.childForFieldName('name')?.text}` : undefined;
    };
    expect(owner('self.save')).toBe('Base.save'); // inherited
    expect(owner('flow.save')).toBe('Base.save');
    expect(owner('made.save')).toBe('Base.save'); // through a local factory
    expect(owner('w.save')).toBe('Base.save'); // `with Flow() as w`
    expect(owner('either.save')).toBeUndefined(); // not a construction
    expect(owner('mixed.save')).toBeUndefined(); // two classes reach the use
    expect(owner('loaded.save')).toBeUndefined();
    expect(owner('Flow().save')).toBe('Base.save');
  });

  it('answers an instance rebound on both branches of many ifs once per node (not once per path)', async () => {
    // 40 if/else pairs: 4^40 paths if each binding were asked again along each (review of the whole change)
    const lines = ['class Ckpt:', '    def a(self):', '        return Ckpt()', '    def b(self):', '        return Ckpt()', '    def path(self):', '        return "m.pt"', 'def run(flags):', '    c = Ckpt()'];
    for (let i = 0; i < 40; i++) lines.push(`    if flags[${i}]:`, '        c = c.a()', '    else:', '        c = c.b()');
    lines.push('    return c.path()');
    const sc = await parse(lines.join('\n'));
    expect(sc.localFunction(callStarting(sc, 'c.path'))?.childForFieldName('name')?.text).toBe('path');
  });

  it('self outside a method and imported functions are not local', async () => {
    const sc = await parse('from m import helper\nhelper(1)\ndef f(self):\n    self.load(2)\n');
    expect(sc.localFunction(callStarting(sc, 'helper'))).toBeUndefined();
    expect(sc.localFunction(callStarting(sc, 'self.load'))).toBeUndefined();
  });
});

describe('strings, docstrings and comments', () => {
  it('stringValue reads literals only', async () => {
    const sc = await parse('a = "x" \'y\'\nb = f"{z}"\nc = name\nd = 1\n');
    const values = nodesOfType(sc, 'assignment').map((n) => sc.stringValue(n.childForFieldName('right')!));
    expect(values).toEqual(['xy', undefined, undefined, undefined]);
  });

  it('isDocstringOrString / isDocstring', async () => {
    const sc = await parse(
      ['"""Module doc torch.load(p)."""', 'def f():', '    """Function doc."""', '    s = "torch.load(q)"', '    t = f"{torch.load(r)}"', '    return s', 'x = 1  # comment'].join('\n'),
    );
    const strings = nodesOfType(sc, 'string');
    expect(strings.map((s) => sc.isDocstringOrString(s))).toEqual([true, true, true, true]);
    expect(strings.map((s) => sc.isDocstring(s))).toEqual([true, true, false, false]);
    const content = nodesOfType(sc, 'string_content')[0];
    expect(sc.isDocstringOrString(content)).toBe(true);
    // code inside an f-string interpolation is code
    const inner = callStarting(sc, 'torch.load');
    expect(sc.getText(inner)).toBe('torch.load(r)');
    expect(sc.isDocstringOrString(inner)).toBe(false);
    expect(sc.isDocstringOrString(nodesOfType(sc, 'comment')[0])).toBe(true);
    expect(sc.isDocstringOrString(nodesOfType(sc, 'integer')[0])).toBe(false);
  });
});

describe('sameVariable / references', () => {
  it('identifies uses of one variable across nested scopes, not its shadows', async () => {
    const sc = await parse(
      [
        'import io, torch',
        'buf = io.BytesIO()',
        'def save(m):',
        '    torch.save(m, buf)',
        'def other():',
        '    buf = open("x")',
        '    return buf',
        's = "buf"  # buf in a comment',
        'obj.buf = 1',
        'f(buf=2)',
        'torch.load(buf)',
      ].join('\n'),
    );
    const bufs = nodesOfType(sc, 'identifier').filter((n) => n.text === 'buf');
    // module buf: binding, use in save(), use in torch.load(); other() has its own buf
    const refs = sc.references(bufs[0]);
    expect(refs.map((n) => sc.positionAt(n.startIndex).line)).toEqual([2, 4, 11]);
    expect(sc.sameVariable(bufs[0], bufs[bufs.length - 1])).toBe(true);
    const localBuf = bufs.find((n) => sc.positionAt(n.startIndex).line === 6)!;
    expect(sc.sameVariable(bufs[0], localBuf)).toBe(false);
    expect(sc.references(localBuf).map((n) => sc.positionAt(n.startIndex).line)).toEqual([6, 7]);
    const attrName = bufs.find((n) => sc.positionAt(n.startIndex).line === 9)!;
    expect(sc.sameVariable(bufs[0], attrName)).toBe(false);
    expect(sc.references(attrName)).toEqual([]);
  });

  it('works with non-ASCII names', async () => {
    const sc = await parse('données = 1\nprint(données)\nx = "données"\n');
    const first = ident(sc, 'données');
    expect(sc.references(first)).toHaveLength(2);
  });
});

describe('sameReference', () => {
  it('matches a name with the same reaching bindings, and attribute or constant-key paths on it', async () => {
    const sc = await parse(
      [
        'def merge(trainer, output_dir, args, cfg):',
        '    trainer.save_model(output_dir)',
        '    load(output_dir)',
        '    trainer.save_model(args.output_dir)',
        '    load(args.output_dir)',
        '    save(cfg["out"])',
        '    load(cfg["out"])',
        '    load(cfg["other"])',
        '    output_dir = "elsewhere"',
        '    load(output_dir)',
        '    load(args.other_dir)',
        'class T:',
        '    def train(self):',
        '        save(self.out_dir)',
        '    def merge(self):',
        '        load((self.out_dir))',
        'def other(output_dir):',
        '    load(output_dir)',
      ].join('\n'),
    );
    const argOf = (line: number) => {
      const call = nodesOfType(sc, 'call').find((c) => sc.positionAt(c.startIndex).line === line && /^(?:load|save|trainer)/.test(c.text))!;
      return sc.argument(call, { position: 0 })!;
    };
    expect(sc.sameReference(argOf(2), argOf(3))).toBe(true);
    expect(sc.sameReference(argOf(4), argOf(5))).toBe(true);
    expect(sc.sameReference(argOf(6), argOf(7))).toBe(true);
    expect(sc.sameReference(argOf(6), argOf(8))).toBe(false);
    // rebound in between: another value
    expect(sc.sameReference(argOf(2), argOf(10))).toBe(false);
    expect(sc.sameReference(argOf(4), argOf(11))).toBe(false);
    // the instance of one class, in two of its methods
    expect(sc.sameReference(argOf(14), argOf(16))).toBe(true);
    // a parameter of another function is another variable
    expect(sc.sameReference(argOf(2), argOf(18))).toBe(false);
  });
});

describe('callSites / argumentFor / decoratorNames', () => {
  const text = [
    'import torch',
    'def load(path, weights_only=True, *, strict=False):',
    '    return torch.load(path, weights_only=weights_only)',
    'class Loader:',
    '    def read(self, path, safe):',
    '        return torch.load(path, weights_only=safe)',
    '    @staticmethod',
    '    def static(path, safe):',
    '        return path',
    '    @classmethod',
    '    def build(cls, flag):',
    '        return cls.read(None, "p", flag)',
    '    def run(self):',
    '        self.read("a.pt", False)',
    '        self.static("b.pt", True)',
    '        return Loader.build(False)',
    'load("m.pt", False)',
    'load("n.pt", weights_only=False, strict=True)',
    'alias = load',
    'alias("o.pt")',
    'load(*args)',
  ].join('\n');

  it('finds the calls of a local function', async () => {
    const sc = await parse(text);
    const [load, read, stat, build] = nodesOfType(sc, 'function_definition');
    expect(sc.callSites(load).map((c) => sc.getText(c))).toEqual(['load("m.pt", False)', 'load("n.pt", weights_only=False, strict=True)', 'alias("o.pt")', 'load(*args)']);
    expect(sc.callSites(read).map((c) => sc.getText(c))).toEqual(['cls.read(None, "p", flag)', 'self.read("a.pt", False)']);
    expect(sc.callSites(stat)).toHaveLength(1);
    expect(sc.callSites(build)).toHaveLength(1);
  });

  it("finds a class's calls as the call sites of its __init__, `self` bound by them", async () => {
    const sc = await parse(
      [
        'class Config:',
        '    def __init__(self, filename, strict=False):',
        '        self.f = filename',
        '    def reload(self):',
        '        return Config(self.f)',
        'c = Config("config.dat", strict=True)',
        'Other = Config',
        'def build(Config):',
        '    return Config("x")', // a parameter named like the class: not it
        'print(Config)',
      ].join('\n'),
    );
    const [init] = nodesOfType(sc, 'function_definition');
    expect(sc.callSites(init).map((c) => sc.getText(c))).toEqual(['Config(self.f)', 'Config("config.dat", strict=True)']);
    const filename = sc.parameterOf(ident(sc, 'filename', 0))!;
    const strict = sc.parameterOf(ident(sc, 'strict', 0))!;
    const [, site] = sc.callSites(init);
    expect(sc.getText(sc.argumentFor(site, filename)!)).toBe('"config.dat"');
    expect(sc.getText(sc.argumentFor(site, strict)!)).toBe('True');
  });

  it('argumentFor reads a key of a `**{...}` mapping the call unpacks (review s36hf P2-2)', async () => {
    const sc = await parse(['REV = "a" * 40', 'def load(name, revision=None, *, local=False):', '    return name', 'load("x", **{"revision": REV, "local": True})', 'load("y")'].join('\n'));
    const [fn] = nodesOfType(sc, 'function_definition');
    const [first, second] = sc.callSites(fn);
    const revision = sc.parameterOf(ident(sc, 'revision', 0))!;
    const local = sc.parameterOf(ident(sc, 'local', 0))!;
    expect(sc.getText(sc.argumentFor(first, revision)!)).toBe('REV');
    expect(sc.getText(sc.argumentFor(first, local)!)).toBe('True');
    expect(sc.argumentFor(second, revision)).toBeUndefined();
  });

  it('reads what an unpacked name takes from a function of the file (unpackedValues)', async () => {
    const sc = await parse(
      [
        'import yaml',
        'def ordered():',
        '    if fast:',
        '        return yaml.CLoader, yaml.Dumper',
        '    return (yaml.Loader, yaml.Dumper)',
        'Loader, Dumper = ordered()',
        'a, *rest = ordered()',
        '(b, c), d = ordered()',
        'e, f = unknown()',
        'g, h, i = ordered()',
      ].join('\n'),
    );
    const values = (name: string) => {
      const b = sc.bindingsNamed(name)[0];
      return sc.unpackedValues(b)?.map((v) => sc.getText(v));
    };
    expect(values('Loader')).toEqual(['yaml.CLoader', 'yaml.Loader']);
    expect(values('Dumper')).toEqual(['yaml.Dumper', 'yaml.Dumper']);
    expect(values('a')).toBeUndefined(); // a `*` beside it
    expect(values('b')).toBeUndefined(); // a nested pattern
    expect(values('d')).toEqual(['yaml.Dumper', 'yaml.Dumper']);
    expect(values('e')).toBeUndefined(); // not a function of the file
    expect(values('g')).toBeUndefined(); // three names, two values
  });

  it('reads a keyword a call passes into a **kwargs parameter', async () => {
    const sc = await parse(
      'import torch, pickle\ndef load_fsspec(path, map_location=None, **kwargs):\n    return torch.load(path, map_location=map_location, **kwargs)\nload_fsspec("a", pickle_module=pickle)\nload_fsspec("b", map_location="cpu", **{"weights_only": False})\n',
    );
    const kwargs = sc.parameterOf(ident(sc, 'kwargs', 1))!;
    const [c1, c2] = sc.callSites(kwargs.function);
    expect(sc.getText(sc.splatArgumentFor(c1, kwargs, 'pickle_module')!)).toBe('pickle');
    expect(sc.getText(sc.splatArgumentFor(c2, kwargs, 'weights_only')!)).toBe('False');
    expect(sc.splatArgumentFor(c2, kwargs, 'map_location')).toBeUndefined(); // a named parameter takes it
    expect(sc.splatArgumentFor(c1, kwargs, 'weights_only')).toBeUndefined();
    const path = sc.parameterOf(ident(sc, 'path', 1))!;
    expect(sc.splatArgumentFor(c1, path, 'pickle_module')).toBeUndefined(); // not a ** parameter
  });

  it('maps call arguments to parameters', async () => {
    const sc = await parse(text);
    const wo = sc.parameterOf(ident(sc, 'weights_only', 2))!; // use inside load()
    expect(wo.name).toBe('weights_only');
    const [c1, c2, c3, c4] = sc.callSites(wo.function);
    expect(sc.getText(sc.argumentFor(c1, wo)!)).toBe('False');
    expect(sc.getText(sc.argumentFor(c2, wo)!)).toBe('False');
    expect(sc.argumentFor(c3, wo)).toBeUndefined(); // default applies
    expect(sc.argumentFor(c4, wo)).toBeUndefined(); // hidden by *args
    const strict = sc.parameterOf(nodesOfType(sc, 'identifier').find((n) => n.text === 'strict')!)!;
    expect(sc.getText(sc.argumentFor(c2, strict)!)).toBe('True');
    expect(sc.argumentFor(c1, strict)).toBeUndefined(); // keyword-only: never positional

    const safe = sc.parameterOf(ident(sc, 'safe', 1))!; // `safe` used inside read(self, path, safe)
    const reads = sc.callSites(safe.function);
    expect(reads.map((c) => sc.getText(sc.argumentFor(c, safe)!))).toEqual(['flag', 'False']); // cls.read(None, …) passes self explicitly
  });

  it('static and class methods', async () => {
    const sc = await parse(text);
    const fns = nodesOfType(sc, 'function_definition');
    const stat = fns[2];
    const build = fns[3];
    expect(sc.decoratorNames(stat)).toEqual(['staticmethod']);
    expect(sc.decoratorNames(build)).toEqual(['classmethod']);
    expect(sc.decoratorNames(fns[0])).toEqual([]);
    const statSafe = sc.parameterOf(nodesOfType(sc, 'identifier').filter((n) => n.text === 'safe')[2])!;
    expect(statSafe.function.id).toBe(stat.id);
    expect(sc.getText(sc.argumentFor(sc.callSites(stat)[0], statSafe)!)).toBe('True');
    const flag = sc.parameterOf(nodesOfType(sc, 'identifier').filter((n) => n.text === 'flag')[1])!;
    expect(sc.getText(sc.argumentFor(sc.callSites(build)[0], flag)!)).toBe('False');
  });
});

describe('references of a binding (def-use)', () => {
  it('reads of a binding exclude shadows in comprehensions and nested functions', async () => {
    const sc = await parse(
      [
        'def f(model, rows):',
        '    data = load_dataset("someone/corpus")',
        '    clean = [data for data in rows]',
        '    def inner(data): return data',
        '    train = data["train"]',
        '    Trainer(model=model, train_dataset=train).train()',
      ].join('\n'),
    );
    const binding = sc.bindings(ident(sc, 'data', 0))[0];
    expect(binding.kind).toBe('assignment');
    const reads = sc.references(binding, { readsOnly: true });
    expect(reads.map((n) => sc.positionAt(n.startIndex).line)).toEqual([5]);
    expect(sc.references(binding).map((n) => sc.positionAt(n.startIndex).line)).toEqual([2, 5]);
    const train = sc.bindings(ident(sc, 'train', 0))[0];
    expect(sc.references(train, { readsOnly: true }).map((n) => sc.positionAt(n.startIndex).line)).toEqual([6]);
  });
});

describe('reachingBindings (straight-line flow)', () => {
  it('the last dominating assignment wins; constant follows it', async () => {
    const sc = await parse(
      [
        'def f():',
        '    name = "./local"',
        '    AutoModel.from_pretrained(name)',
        '    name = "org/x"',
        '    AutoModel.from_pretrained(name)',
        '    if c:',
        '        name = "org/y"',
        '    AutoModel.from_pretrained(name)',
        '    def later():',
        '        return name',
      ].join('\n'),
    );
    const uses = nodesOfType(sc, 'identifier').filter((n) => n.text === 'name' && sc.parameterOf(n) === undefined);
    const args = nodesOfType(sc, 'call').map((c) => sc.argument(c, { position: 0 })!);
    expect(args.map((a) => sc.constant(a))).toEqual(['./local', 'org/x', UNKNOWN]);
    expect(sc.reachingBindings(args[2]).map((b) => sc.getText(b.value!))).toEqual(['"org/x"', '"org/y"']);
    const inLater = uses[uses.length - 1];
    // `later` runs once its def has: what reaches the def's end ("./local" no longer does).
    expect(sc.reachingBindings(inLater).map((b) => sc.getText(b.value!))).toEqual(['"org/x"', '"org/y"']);
    expect(sc.bindingsOf(inLater)).toHaveLength(3); // every value assigned in the scope
  });

  it('a use in a function sees what reaches the end of its def, and every later binding', async () => {
    const sc = await parse(
      [
        'from joblib import dump, load',
        'def load(file):',
        '    return load(file)', // the def itself: joblib's `load` can no longer be the name here
        'def helper(p):',
        '    return dump(p)', // `dump` is rebound below, maybe before helper runs
        'dump = wrap',
        'def g():',
        '    global load',
        '    load = other',
        'def h(p):',
        '    return load(p)', // the def, or what `g` rebinds it to at any time
        'class K:',
        '    def m(self, p):',
        '        return load(p)',
        'lam = lambda p: load(p)',
      ].join('\n'),
    );
    const callee = (text: string, nth = 0) => sc.callee(nodesOfType(sc, 'call').filter((c) => sc.getText(c) === text)[nth])!;
    expect(sc.reachingBindings(callee('load(file)')).map((b) => b.kind)).toEqual(['def', 'assignment']);
    expect(sc.possibleQualifiedNames(callee('load(file)'))).toEqual([]);
    expect(sc.reachingBindings(callee('dump(p)')).map((b) => b.kind)).toEqual(['import', 'assignment']);
    expect(sc.reachingBindings(callee('load(p)', 0)).map((b) => b.kind)).toEqual(['def', 'assignment']);
    expect(sc.reachingBindings(callee('load(p)', 1)).map((b) => b.kind)).toEqual(['def', 'assignment']);
    expect(sc.reachingBindings(callee('load(p)', 2)).map((b) => b.kind)).toEqual(['def', 'assignment']);
  });

  it('for, with, except, parameters and try/except imports', async () => {
    const sc = await parse(
      [
        'def g(p=True):',
        '    use(p)',
        '    p = False',
        '    use(p)',
        '    for p in xs:',
        '        use(p)',
        '    use(p)',
        'try:',
        '    import cPickle as pickle',
        'except ImportError:',
        '    import pickle',
        'pickle.loads(a)',
        'from pickle import loads',
        'def loads(s):',
        '    return s',
        'loads(b)',
        'def loads2(s): pass',
        'from json import loads as loads2',
        'loads2(c)',
      ].join('\n'),
    );
    const ps = nodesOfType(sc, 'call').filter((c) => sc.getText(c).startsWith('use(')).map((c) => sc.argument(c, { position: 0 })!);
    expect(sc.constant(ps[0])).toBe(true); // the parameter default
    expect(sc.constant(ps[1])).toBe(false);
    expect(sc.reachingBindings(ps[2]).map((b) => b.kind)).toEqual(['for']);
    expect(sc.reachingBindings(ps[3]).map((b) => b.kind)).toEqual(['assignment', 'for']); // the loop may not run
    expect(sc.qualifiedNames(sc.callee(callStarting(sc, 'pickle.loads'))!)).toEqual(['pickle.loads', 'cPickle.loads']);
    expect(calleeName(sc, 'loads(b)')).toBeUndefined(); // the later def shadows the import
    expect(calleeName(sc, 'loads2(c)')).toBe('json.loads'); // the later import rebinds the def
  });

  it('with-as binding reaches its body and what follows', async () => {
    const sc = await parse('f = None\nwith opener() as f:\n    f.read()\nf.close()\n');
    const reads = nodesOfType(sc, 'attribute').map((a) => a.childForFieldName('object')!);
    expect(reads.map((r) => sc.reachingBindings(r).map((b) => b.kind))).toEqual([['with'], ['with']]);
  });

  it('a binding in a with body, or in a try body whose handlers all leave, dominates what follows', async () => {
    const sc = await parse(
      [
        'def f(ds, c):',
        '    with PartialState().local_main_process_first():',
        '        ds = ds.filter(ok)',
        '    use(ds)',
        '    try:',
        '        ds = ds.map(g)',
        '    except Exception:',
        '        log()',
        '        raise',
        '    use(ds)',
        '    with contextlib.suppress(KeyError):',
        '        ds = ds[c]',
        '    use(ds)',
        '    try:',
        '        ds = ds.map(h)',
        '    except ValueError:',
        '        pass',
        '    use(ds)',
        '    with pytest.raises(ValueError), opener() as fh:',
        '        ds = fh.read()',
        '    use(ds)',
      ].join('\n'),
    );
    const uses = nodesOfType(sc, 'call').filter((c) => sc.getText(c).startsWith('use(')).map((c) => sc.argument(c, { position: 0 })!);
    const values = (n: Parameters<typeof sc.reachingBindings>[0]) => sc.reachingBindings(n).map((b) => (b.value ? sc.getText(b.value) : b.kind));
    expect(values(uses[0])).toEqual(['ds.filter(ok)']);
    expect(values(uses[1])).toEqual(['ds.map(g)']);
    // a context manager that may swallow the exception, a handler that goes on: the body may have stopped
    expect(values(uses[2])).toEqual(['ds.map(g)', 'ds[c]']);
    expect(values(uses[3])).toEqual(['ds.map(g)', 'ds[c]', 'ds.map(h)']);
    expect(values(uses[4])).toEqual(['ds.map(g)', 'ds[c]', 'ds.map(h)', 'fh.read()']);
  });

  it('a context manager that may swallow an exception by its qualified name, or a contextmanager of this file', async () => {
    const sc = await parse(
      [
        'import contextlib',
        'from contextlib import suppress as quiet',
        '@contextlib.contextmanager',
        'def ignored(*exc):',
        '    try:',
        '        yield',
        '    except exc:',
        '        pass',
        '@contextlib.contextmanager',
        'def timer():',
        '    yield',
        'def f(x):',
        '    with quiet(KeyError):',
        '        x = x[0]',
        '    use(x)',
        '    with ignored(Exception):',
        '        x = x[1]',
        '    use(x)',
        '    with timer():',
        '        x = x[2]',
        '    use(x)',
      ].join('\n'),
    );
    const uses = nodesOfType(sc, 'call').filter((c) => sc.getText(c).startsWith('use(')).map((c) => sc.argument(c, { position: 0 })!);
    const kinds = (n: Parameters<typeof sc.reachingBindings>[0]) => sc.reachingBindings(n).map((b) => (b.value ? sc.getText(b.value) : b.kind));
    expect(kinds(uses[0])).toEqual(['parameter', 'x[0]']);
    expect(kinds(uses[1])).toEqual(['parameter', 'x[0]', 'x[1]']);
    expect(kinds(uses[2])).toEqual(['x[2]']);
  });
});

describe('reachingBindings in loops', () => {
  it('a binding later in the loop body reaches an earlier use on the next iteration', async () => {
    const sc = await parse(
      ['import torch', 'loader = None', 'for p in paths:', '    if loader:', '        loader(p)', '    loader = torch.load', 'after = 1', 'x = after', 'after = 2'].join('\n'),
    );
    const use = callStarting(sc, 'loader(p)');
    expect(sc.reachingBindings(sc.callee(use)!).map((b) => (b.value ? sc.getText(b.value) : b.kind))).toEqual(['None', 'torch.load']);
    expect(calleeName(sc, 'loader(p)')).toBe('torch.load'); // None placeholders are ignored
    expect(sc.constant(valueOf(sc, 'x'))).toBe(1); // not in a loop: the later binding does not reach
  });

  it('not when a binding that runs first on every iteration is in the loop: its own for target, an assignment at the top of its body', async () => {
    const sc = await parse(
      [
        'for i, (label, text) in enumerate(blocks):',
        '    if label == "code":',
        '        exec(text)',
        '    else:',
        '        text = text.replace(cfg.tag, link)',
        'while more():',
        '    t = fresh()',
        '    run(t)',
        '    t = stale()',
        'u = first()',
        'for q in qs:',
        '    for r in rs:',
        '        keep(u)',
        '        u = later()',
        '    u = outer_later()',
      ].join('\n'),
    );
    const reaching = (call: string) => sc.reachingBindings(callStarting(sc, call).childForFieldName('arguments')!.namedChildren[0]!).map((b) => (b.value ? sc.getText(b.value) : b.kind));
    expect(reaching('exec(text)')).toEqual(['for']);
    expect(reaching('run(t)')).toEqual(['fresh()']);
    // the binding before both loops: every later one in either loop reaches the next iteration
    expect(reaching('keep(u)')).toEqual(['first()', 'later()', 'outer_later()']);
  });
});

describe('returnValues', () => {
  it('lists the expressions of the function\'s own return statements', async () => {
    const sc = await parse(
      ['def f(a):', '    if a:', '        return "./local"', '    def g():', '        return "nested"', '    h = lambda: "lam"', '    for x in a:', '        return x', '    return', 'def k():', '    pass'].join('\n'),
    );
    const [f, , k] = nodesOfType(sc, 'function_definition');
    expect(sc.returnValues(f).map((n) => n.text)).toEqual(['"./local"', 'x']);
    expect(sc.returnValues(k)).toEqual([]);
  });
});

describe('branchConditions', () => {
  it('lists the conditions that hold where a node runs', async () => {
    const sc = await parse(
      ['def f(p, q):', '    if a(p):', '        x(1)', '    elif b(p):', '        x(2)', '    else:', '        x(3)', '    while c(q):', '        y = x(4) if d(q) else x(5)', '    x(6)'].join('\n'),
    );
    const at = (n: number) =>
      sc.branchConditions(nodesOfType(sc, 'call').find((c) => c.text === `x(${n})`)!).map(({ condition, holds }) => `${holds ? '' : 'not '}${condition.text}`);
    expect(at(1)).toEqual(['a(p)']);
    expect(at(2)).toEqual(['b(p)', 'not a(p)']);
    expect(at(3)).toEqual(['not a(p)', 'not b(p)']);
    expect(at(4)).toEqual(['d(q)', 'c(q)']);
    expect(at(5)).toEqual(['not d(q)', 'c(q)']);
    expect(at(6)).toEqual([]);
  });
});

describe('derivesFrom', () => {
  it('follows an expression\'s parts and the bindings that reach its names back to the sources', async () => {
    const sc = await parse(
      [
        'def f(root, expected):',
        '    enc = os.path.join(root, "encoder.pt")',
        '    dec = "decoder.pt"',
        '    download_url_to_file(URL_E, enc)',
        '    r = requests.get(URL_D)',
        '    data = r.content',
        '    with open(dec, "rb") as fh:',
        '        blob = fh.read()',
        '    check(hashlib.sha256(data))',
        '    check(hashlib.sha256(blob))',
        '    check(hashlib.sha256(open("decoder.pt", "rb").read()))',
        '    check(hashlib.sha256(other))',
        '    check(lambda: data)',
      ].join('\n'),
    );
    const checks = nodesOfType(sc, 'call').filter((c) => c.text.startsWith('check('));
    const arg = (i: number) => checks[i].childForFieldName('arguments')!.namedChildren[0]!;
    const get = callStarting(sc, 'requests.get');
    const download = callStarting(sc, 'download_url_to_file');
    const enc = download.childForFieldName('arguments')!.namedChildren[1]!;
    const dec = nodesOfType(sc, 'call').find((c) => c.text.startsWith('open(dec'))!.childForFieldName('arguments')!.namedChildren[0]!;
    expect(checks.map((_, i) => sc.derivesFrom(arg(i), [get]))).toEqual([true, false, false, false, false]);
    // the file a download wrote: the same variable, or a string with its known value
    expect(checks.map((_, i) => sc.derivesFrom(arg(i), [dec]))).toEqual([false, true, true, false, false]);
    expect(checks.map((_, i) => sc.derivesFrom(arg(i), [enc]))).toEqual([false, false, false, false, false]);
    expect(sc.derivesFrom(arg(3), [get], { values: ['x'] })).toBe(false);
    expect(sc.derivesFrom(arg(0), [get], { depth: 0 })).toBe(false); // `data` is one binding away
  });
});

describe('loopSources', () => {
  it('names the iterable a loop variable takes its items from, through zip by position, enumerate and item-passing builtins', async () => {
    const sc = await parse(
      [
        'for a, b in zip(xs, ys):',
        '    use(a, b)',
        'for i, c in enumerate(sorted(zs)):',
        '    use(i, c)',
        'for d in list(reversed(ws)):',
        '    use(d)',
        'for e, f in pairs:',
        '    use(e)',
        'for g in zip(*rows):',
        '    use(g)',
        'h = 1',
        'use(h)',
      ].join('\n'),
    );
    const at = (name: string) => sc.loopSources(lastIdent(sc, name))?.map((n) => n.text);
    expect(at('a')).toEqual(['xs']);
    expect(at('b')).toEqual(['ys']);
    expect(at('i')).toEqual([]); // a counter takes no container's items
    expect(at('c')).toEqual(['zs']);
    expect(at('d')).toEqual(['ws']);
    expect(at('e')).toEqual(['pairs']); // unpacked from pairs' items
    expect(at('g')).toEqual(['zip(*rows)']);
    expect(at('h')).toBeUndefined();
  });
});
