import { describe, expect, it, vi } from 'vitest';
import { UNKNOWN } from '@oculum/core';
import { PythonSourceCode, callbackArgument, callbackUse, initParser, localForwarderNames, parsePython } from '../src/index.js';

await initParser();

const calls = (code: string) => {
  const sc = parsePython(code, 'cb.py');
  return { sc, calls: sc.ast.descendantsOfType('call') };
};

describe('callbackUse / callbackArgument', () => {
  it('reads what an executor, a pool, map and a thread pass the function they are handed', () => {
    const { sc, calls: cs } = calls(
      [
        'import threading',
        'from concurrent.futures import ThreadPoolExecutor',
        'ex.submit(fetch, url, dst=d)',
        'threading.Thread(target=fetch, args=(url2, "w.pt"), kwargs={"timeout": 5})',
        'threading.Thread(None, fetch, "t", (url3,))',
        'pool.apply_async(fetch, (url4,), {"dst": "x"})',
        'map(fetch, urls)',
        'loop.run_in_executor(None, fetch, url5)',
      ].join('\n'),
    );
    const use = (prefix: string) => callbackUse(sc, cs.find((c) => c.text.startsWith(prefix))!)!;
    const text = (v: ReturnType<typeof callbackArgument>) => (v === UNKNOWN ? 'UNKNOWN' : v?.text);
    const submit = use('ex.submit');
    expect(submit.fn.text).toBe('fetch');
    expect(submit.via).toBe('.submit');
    expect(text(callbackArgument(sc, submit, { name: 'url', position: 0 }))).toBe('url');
    expect(text(callbackArgument(sc, submit, { name: 'dst', position: 1 }))).toBe('d');
    const thread = use('threading.Thread(target');
    expect(thread.fn.text).toBe('fetch');
    expect(thread.via).toBe('Thread');
    expect(text(callbackArgument(sc, thread, { name: 'url', position: 0 }))).toBe('url2');
    expect(text(callbackArgument(sc, thread, { name: 'dst', position: 1 }))).toBe('"w.pt"');
    expect(text(callbackArgument(sc, thread, { name: 'timeout', position: 2 }))).toBe('5');
    const positional = use('threading.Thread(None');
    expect(positional.fn.text).toBe('fetch');
    expect(text(callbackArgument(sc, positional, { name: 'url', position: 0 }))).toBe('url3');
    const apply = use('pool.apply_async');
    expect(text(callbackArgument(sc, apply, { name: 'url', position: 0 }))).toBe('url4');
    expect(text(callbackArgument(sc, apply, { name: 'dst', position: 1 }))).toBe('"x"');
    expect(text(callbackArgument(sc, use('map('), { name: 'url', position: 0 }))).toBe('UNKNOWN'); // an item of urls
    expect(text(callbackArgument(sc, use('loop.run_in_executor'), { name: 'url', position: 0 }))).toBe('url5');
  });

  it("reads dask's delayed as joblib's: the outer call's arguments", () => {
    const { sc, calls: cs } = calls(['import pickle', 'import dask', 'from dask import delayed', 'delayed(pickle.load)(f1)', 'dask.delayed(pickle.load)(f2)'].join('\n'));
    for (const [prefix, arg] of [['delayed(pickle.load)(f1)', 'f1'], ['dask.delayed(pickle.load)(f2)', 'f2']]) {
      const use = callbackUse(sc, cs.find((c) => c.text === prefix.slice(0, prefix.lastIndexOf('(')))!)!;
      expect(use.fn.text, prefix).toBe('pickle.load');
      const v = callbackArgument(sc, use, { name: 'file', position: 0 });
      expect(v === UNKNOWN ? 'UNKNOWN' : v?.text).toBe(arg);
    }
  });

  it("reads rl_games' safe_filesystem_op, and a local function that calls its parameter with its own *args, **kwargs", () => {
    const { sc, calls: cs } = calls(
      [
        'import torch',
        'from rl_games.algos_torch import torch_ext',
        'torch_ext.safe_filesystem_op(torch.load, fn1, weights_only=False)',
        'def safe_filesystem_op(func, *args, **kwargs):',
        '    for attempt in range(5):',
        '        try:',
        '            return func(*args, **kwargs)',
        '        except OSError:',
        '            pass',
        'safe_filesystem_op(torch.load, fn2, map_location="cpu")',
        'def retry(n, func, *a, **kw):',
        '    return func(*a, **kw)',
        'retry(3, torch.load, fn3)',
        'def tweaks(func, *args, **kwargs):',
        '    return func(*args, weights_only=True, **kwargs)',
        'tweaks(torch.load, fn4)',
        'def reports(func, *args, **kwargs):',
        '    try:',
        '        return func(*args, **kwargs)',
        '    except OSError as exc:',
        '        print(f"{func} failed with args:{args} and kwargs:{kwargs}", exc)',
        'reports(torch.load, fn8)',
        'def drops(func, *args, **kwargs):',
        '    del kwargs["weights_only"]',
        '    return func(*args, **kwargs)',
        'drops(torch.load, fn9)',
        'def sets(func, *args, **kwargs):',
        '    kwargs["weights_only"] = True',
        '    return func(*args, **kwargs)',
        'sets(torch.load, fn6)',
        'def defaults(func, *args, **kwargs):',
        '    kwargs.setdefault("weights_only", True)',
        '    return func(*args, **kwargs)',
        'defaults(torch.load, fn7)',
        'def rebinds(func, *args, **kwargs):',
        '    func = torch.load',
        '    return func(*args, **kwargs)',
        'rebinds(pickle.load, fn5)',
        'class C:',
        '    def submit(self, func, *args, **kwargs):',
        '        return func(*args, **kwargs)',
      ].join('\n'),
    );
    const text = (v: ReturnType<typeof callbackArgument>) => (v === UNKNOWN ? 'UNKNOWN' : v?.text);
    const of = (prefix: string) => callbackUse(sc, cs.find((c) => c.text.startsWith(prefix))!);
    const library = of('torch_ext.safe_filesystem_op')!;
    expect(library.fn.text).toBe('torch.load');
    expect(text(callbackArgument(sc, library, { name: 'f', position: 0 }))).toBe('fn1');
    expect(text(callbackArgument(sc, library, { name: 'weights_only' }))).toBe('False');
    const local = of('safe_filesystem_op(torch.load, fn2')!;
    expect(local.via).toBe('safe_filesystem_op');
    expect(text(callbackArgument(sc, local, { name: 'f', position: 0 }))).toBe('fn2');
    expect(callbackArgument(sc, local, { name: 'weights_only' })).toBeUndefined();
    const later = of('retry(3')!;
    expect(later.fn.text).toBe('torch.load');
    expect(text(callbackArgument(sc, later, { name: 'f', position: 0 }))).toBe('fn3');
    // it adds arguments of its own, or calls something else: not a plain forwarder
    expect(of('tweaks(torch.load')).toBeUndefined();
    expect(of('rebinds(pickle.load')).toBeUndefined();
    // it changes the keywords it passes on: not a plain forwarder
    expect(of('sets(torch.load')).toBeUndefined();
    expect(of('defaults(torch.load')).toBeUndefined();
    expect(of('drops(torch.load')).toBeUndefined();
    // reading them (rl_games prints them when a try fails) changes nothing
    expect(text(callbackArgument(sc, of('reports(torch.load')!, { name: 'f', position: 0 }))).toBe('fn8');
  });

  it("names the file's local forwarders, for a rule's callee gate (localForwarderNames)", () => {
    const sc = parsePython(
      [
        'import torch',
        'def retry(func, *args, **kwargs):',
        '    return func(*args, **kwargs)',
        'def outer():',
        '    def with_log(fn, *a, **kw):',
        '        print("calling", fn)',
        '        return fn(*a, **kw)',
        '    return with_log',
        'def tweaks(func, *args, **kwargs):',
        '    return func(*args, weights_only=True, **kwargs)',
        'class C:',
        '    def submit(self, func, *args, **kwargs):',
        '        return func(*args, **kwargs)',
      ].join('\n'),
      'fw.py',
    );
    expect([...localForwarderNames(sc)].sort()).toEqual(['retry', 'with_log']);
    expect(localForwarderNames(sc)).toBe(localForwarderNames(sc));
    expect(localForwarderNames(parsePython('def f(x):\n    return x', 'n.py'))).toEqual([]);
  });

  it("reads Gradio's Interface, ChatInterface and event listeners as calling fn with the input components' values (review spaces P3-1)", () => {
    const { sc, calls: cs } = calls(
      [
        'import gradio as gr',
        'import torch, pickle',
        'from stable_baselines3 import PPO',
        'demo = gr.Interface(fn=torch.load, inputs=gr.File(type="filepath"), outputs="text")',
        'with gr.Blocks() as app:',
        '    f = gr.File()',
        '    out = gr.Textbox()',
        '    btn = gr.Button("go")',
        '    btn.click(torch.load, inputs=[f], outputs=out).then(pickle.load, f, out)',
        '    app.load(fn=pickle.loads, inputs=None, outputs=out)',
        'chat = gr.ChatInterface(pickle.loads, additional_inputs=[f])',
        'agent = PPO.load(path)',
        'x = registry.load(path)',
      ].join('\n'),
    );
    const text = (v: ReturnType<typeof callbackArgument>) => (v === UNKNOWN ? 'UNKNOWN' : v?.text);
    const of = (prefix: string) => callbackUse(sc, cs.find((c) => c.text.startsWith(prefix))!);
    const iface = of('gr.Interface')!;
    expect(iface.fn.text).toBe('torch.load');
    expect(iface.via).toBe('Interface');
    // one input component: its value (a user's upload) first, nothing after it, no keywords
    expect(text(callbackArgument(sc, iface, { name: 'f', position: 0 }))).toBe('UNKNOWN');
    expect(callbackArgument(sc, iface, { name: 'map_location', position: 1 })).toBeUndefined();
    expect(callbackArgument(sc, iface, { name: 'weights_only' })).toBeUndefined();
    const click = callbackUse(sc, cs.find((c) => c.text === 'btn.click(torch.load, inputs=[f], outputs=out)')!)!;
    expect(click.fn.text).toBe('torch.load');
    expect(click.via).toBe('.click');
    // `.then` of a listener's result, and the app's own `load` event
    expect(of('btn.click(torch.load, inputs=[f], outputs=out).then')!.fn.text).toBe('pickle.load');
    // the app's `load` event with no inputs calls its function with no value: no use of it (review s36b_py P2)
    expect(of('app.load')).toBeUndefined();
    const chat = of('gr.ChatInterface')!;
    expect(text(callbackArgument(sc, chat, { name: 'x', position: 2 }))).toBe('UNKNOWN'); // message, history, then f's value
    expect(callbackArgument(sc, chat, { name: 'x', position: 3 })).toBeUndefined();
    // a method of the same name on anything else is no Gradio listener
    expect(of('PPO.load')).toBeUndefined();
    expect(of('registry.load')).toBeUndefined();
  });

  it("reads a Spark RDD's per-element methods and Ray's remote tasks (review ray P3-3)", () => {
    const { sc, calls: cs } = calls(
      [
        'import pickle, ray, torch',
        'rdd.mapValues(pickle.loads)',
        'rdd.values().flatMap(pickle.loads)',
        'ray.remote(torch.load).remote(p1, weights_only=False)',
        'ray.remote(num_cpus=1)(torch.load).remote(p2)',
        'task = ray.remote(torch.load)',
        'ref = task.remote(p3, map_location="cpu")',
        'loose = ray.remote(torch.load)',
        'a = loose.remote(p4)',
        'b = loose.remote(p5)',
        'ray.remote(4)(torch.load)',
      ].join('\n'),
    );
    const text = (v: ReturnType<typeof callbackArgument>) => (v === UNKNOWN ? 'UNKNOWN' : v?.text);
    const of = (exact: string) => callbackUse(sc, cs.find((c) => c.text === exact)!);
    const values = of('rdd.mapValues(pickle.loads)')!;
    expect(values.via).toBe('.mapValues');
    expect(text(callbackArgument(sc, values, { name: 'data', position: 0 }))).toBe('UNKNOWN'); // each value
    expect(callbackArgument(sc, values, { name: 'encoding' })).toBeUndefined();
    expect(of('rdd.values().flatMap(pickle.loads)')!.fn.text).toBe('pickle.loads');
    const remote = of('ray.remote(torch.load)')!;
    expect(remote.via).toBe('ray.remote');
    expect(text(callbackArgument(sc, remote, { name: 'f', position: 0 }))).toBe('p1');
    expect(text(callbackArgument(sc, remote, { name: 'weights_only' }))).toBe('False');
    // the options call first
    const options = of('ray.remote(num_cpus=1)(torch.load)')!;
    expect(options.fn.text).toBe('torch.load');
    expect(text(callbackArgument(sc, options, { name: 'f', position: 0 }))).toBe('p2');
    expect(callbackArgument(sc, options, { name: 'weights_only' })).toBeUndefined();
    // a name bound to the task, its one `.remote(...)` call; several: not one answer
    const named = callbackUse(sc, cs.filter((c) => c.text === 'ray.remote(torch.load)')[1])!;
    expect(text(callbackArgument(sc, named, { name: 'map_location', position: 1 }))).toBe('"cpu"');
    const several = callbackUse(sc, cs.filter((c) => c.text === 'ray.remote(torch.load)')[2])!;
    expect(callbackArgument(sc, several, { name: 'weights_only' })).toBe(UNKNOWN);
    // an options call with a positional argument is no options call
    expect(of('ray.remote(4)(torch.load)')).toBeUndefined();
  });

  it('reads every link of a long chain of Gradio listeners, each once', () => {
    const chain = 'b.click(pickle.load, b, b)' + '.then(pickle.load, b, b)'.repeat(600);
    const { sc, calls: cs } = calls(['import gradio as gr', 'import pickle', 'b = gr.Button("x")', `x = ${chain}`].join('\n'));
    const listeners = cs.filter((c) => c.text.startsWith('b.click'));
    expect(listeners.length).toBe(601);
    // the receivers asked what they hold: each link about once (it was the chain below each link, again at each: n²/2)
    const instanceTypes = vi.spyOn(PythonSourceCode.prototype, 'instanceTypes');
    try {
      expect(listeners.every((c) => callbackUse(sc, c)?.fn.text === 'pickle.load')).toBe(true);
      expect(instanceTypes.mock.calls.length).toBeLessThan(4 * listeners.length);
    } finally {
      instanceTypes.mockRestore();
    }
  });

  it('is no callback use for other calls', () => {
    const { sc, calls: cs } = calls('fetch(url)\nthreading.Thread()\nex.submit(*jobs)');
    expect(cs.map((c) => callbackUse(sc, c))).toEqual([undefined, undefined, undefined]);
  });
});
