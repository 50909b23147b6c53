import rule from '../../src/rules/pickle-load-through-python-bridge.js';
import { fixture, id, tester } from '../helpers.js';

tester.run(id(rule), rule, {
  valid: [
    `import { python } from 'pythonia'; const np = await python('numpy'); await np.load(p);`,
    `import { python } from 'pythonia'; const pickle = await python('pickle'); await pickle.dump(x, f);`,
    `import { python } from 'other'; const pickle = await python('pickle'); await pickle.load(f);`,
    `import { python } from 'pythonia'; function f(pickle) { return pickle.load(x); }`,
    `import pythonBridge from 'python-bridge'; const py = pythonBridge(); await py\`print(1)\`;`,
    `const sql = (s) => s; sql\`pickle.load(x)\`;`,
    // a child process that is not Python, a script file's arguments, torch.load with weights_only=True, no unpickler
    `import { execFileSync } from 'node:child_process'; execFileSync('node', ['-e', 'pickle.loads(x)']);`,
    `import { spawn } from 'node:child_process'; spawn('python3', ['train.py', '-c', 'pickle.load']);`,
    `import { spawn } from 'node:child_process'; spawn('python3', ['-c', 'import torch; torch.load(p, weights_only=True)']);`,
    `import { execSync } from 'node:child_process'; execSync('python3 -c "import json; print(json.load(open(p)))"');`,
    `import { execFileSync } from 'node:child_process'; execFileSync('curl', ['-c', 'cookies.txt', 'https://example.com/pickle.loads']);`,
    `const { PythonShell } = require('python-shell'); PythonShell.run('predict.py', { args: [modelPath] });`,
    // the value of -W is no script: \`-c\` after it is Python's, \`python -X dev train.py -c x\` is the script's
    `import { spawn } from 'node:child_process'; spawn('python3', ['-X', 'dev', 'train.py', '-c', 'pickle.load(f)']);`,
    // the unpickler named in a string or a comment of the Python source, not called (review s28js)
    `import { execFileSync } from 'node:child_process'; execFileSync('python3', ['-c', 'print("never call pickle.loads(x) on untrusted data")']);`,
    `import { spawn } from 'node:child_process'; spawn('python3', ['-c', '# pickle.load(f) was removed\\nimport json; print(json.dumps({}))']);`,
    `import { spawn } from 'node:child_process'; spawn('python3', ['-c', '"""pickle.load(f)"""\\nprint(1)']);`,
    // torch.load with weights_only=True after arguments holding calls and strings (review s28js)
    `import { spawn } from 'node:child_process'; spawn('python3', ['-c', "import torch; m = torch.load('m.pt', map_location=torch.device('cpu'), weights_only=True)"]);`,
    `import { spawn } from 'node:child_process'; spawn('python3', ['-c', "import torch, os; m = torch.load(os.path.join('d', 'm.pt'), weights_only=True)"]);`,
    `import pythonBridge from 'python-bridge'; const py = pythonBridge(); await py.ex\`m = torch.load(open(\${p}, 'rb'), weights_only=True)\`;`,
    // execa without a shell passes words as it splits them: \`-c\` gets \`import\` only; an interpolation is one
    // argument however many spaces it holds (here not \`-c\`); a script's \`-c\`; a tag not execa's
    "import { $ } from 'execa';\nawait $`python3 -c import pickle; pickle.load(open('m.pkl', 'rb'))`;",
    "import { $ } from 'execa';\nawait $`python3 ${\"-c import pickle; pickle.load(open('m.pkl', 'rb'))\"}`;",
    "import { $ } from 'execa';\nconst code = \"import pickle; pickle.load(open('m.pkl', 'rb'))\";\nawait $`python3 train.py -c ${code}`;",
    "import { $ } from 'execa';\nawait $`python3 -c ${'import torch; torch.load(p, weights_only=True)'}`;",
    "import { $ } from 'execa';\nexport const run = (src) => $`python3 -c ${src}`;",
    "import { execaCommand } from 'execa';\nawait execaCommand('python3 -c import pickle; pickle.load(f)');",
    "import { execa } from 'execa';\nconst $ = (s) => s;\n$`python3 -c ${'import pickle; pickle.load(f)'}`;",
    "import { $ } from 'other-shell';\nawait $`python3 -c ${'import pickle; pickle.load(f)'}`;",
    // (called with a command, execa runs it: its result is no tag)
    "import { execa } from 'execa';\nconst sub = execa('ls');\nsub`python3 -c ${'import pickle; pickle.load(f)'}`;",
  ],
  invalid: [
    { code: `import { python } from 'pythonia'; const pickle = await python('pickle'); await pickle.loads(data);`, errors: [{ messageId: 'unpickle', data: { api: 'pickle.loads', target: 'pickle.loads' }, severity: 'critical' }] },
    { code: `const { python } = require('pythonia'); python('dill').then(() => 0); const dill = await python('dill'); dill.load(f);`, errors: [{ messageId: 'unpickle' }] },
    { code: `import { pymport } from 'pymport'; pymport('pickle').get('loads').call(b);`, errors: [{ messageId: 'unpickle', data: { api: "pymport('pickle').get('loads').call", target: 'pickle.loads' } }] },
    { code: `import { pymport, proxify } from 'pymport'; const torch = proxify(pymport('torch')); torch.load(p, { weights_only: false });`, errors: [{ messageId: 'unpickle' }] },
    { code: `import pythonBridge from 'python-bridge'; const py = pythonBridge(); await py.ex\`model = joblib.load(\${p})\`;`, errors: [{ messageId: 'unpickleSource', data: { target: 'joblib.load' } }] },
    // Python source run by a child process (\`python -c\`) or by python-shell (review jsnode P5)
    {
      code: `import { execFileSync } from 'node:child_process';\nexport const mean = (bytes) => execFileSync('python3', ['-c', "import pickle,sys; print(pickle.loads(sys.stdin.buffer.read())['mean'])"], { input: bytes });`,
      errors: [{ messageId: 'unpickleRun', data: { api: 'execFileSync', target: 'pickle.loads' }, confidence: 'high', severity: 'critical', line: 2 }],
    },
    { code: `import { spawn } from 'node:child_process';\nexport const load = (ckpt) => spawn('python', ['-u', '-c', \`import torch; m = torch.load("\${ckpt}"); print(type(m))\`]);`, errors: [{ messageId: 'unpickleRun', data: { api: 'spawn', target: 'torch.load' }, confidence: 'high' }] },
    { code: `const cp = require('child_process');\ncp.execSync(\`python3 -c "import joblib; joblib.load('\${path}')"\`);`, errors: [{ messageId: 'unpickleRun', data: { api: 'cp.execSync', target: 'joblib.load' } }] },
    { code: `import { spawnSync } from 'node:child_process';\nspawnSync('bash', ['-c', 'python3 -c "import pandas as pd; pd.read_pickle(\\'m.pkl\\')"']);`, errors: [{ messageId: 'unpickleRun', data: { api: 'spawnSync', target: 'pd.read_pickle' } }] },
    { code: `import { execa } from 'execa';\nawait execa('/usr/bin/python3.12', ['-c', 'import dill; dill.load(open("m.pkl", "rb"))']);`, errors: [{ messageId: 'unpickleRun', data: { api: 'execa', target: 'dill.load' } }] },
    // torch.load(…, weights_only=True) but a pickle_module, a flag inside a nested call only, an unpickler after a comment line (review s28js)
    { code: `import { spawn } from 'node:child_process';\nspawn('python3', ['-c', "import torch, dill; torch.load('m.pt', pickle_module=dill, weights_only=True)"]);`, errors: [{ messageId: 'unpickleRun', data: { api: 'spawn', target: 'torch.load' }, confidence: 'high' }] },
    { code: `import { spawn } from 'node:child_process';\nspawn('python3', ['-c', "import torch; torch.load(f(weights_only=True))"]);`, errors: [{ messageId: 'unpickleRun', data: { api: 'spawn', target: 'torch.load' }, confidence: 'high' }] },
    { code: `import { spawn } from 'node:child_process';\nspawn('python3', ['-c', "# load it\\nimport pickle; pickle.load(open('m.pkl', 'rb'))  # 'quoted'"]);`, errors: [{ messageId: 'unpickleRun', data: { api: 'spawn', target: 'pickle.load' }, confidence: 'high' }] },
    // the flag is a part not known: low
    { code: `import { spawn } from 'node:child_process';\nexport const load = (wo) => spawn('python3', ['-c', \`import torch; torch.load('m.pt', weights_only=\${wo})\`]);`, errors: [{ messageId: 'unpickleRun', data: { api: 'spawn', target: 'torch.load' }, confidence: 'low' }] },
    // an option with a value before `-c`, a shell's `-c` among other flags, a shell inside a command line (review s28js)
    { code: `import { spawn } from 'node:child_process';\nspawn('python3', ['-W', 'ignore', '-c', 'import pickle; pickle.load(open("m.pkl", "rb"))']);`, errors: [{ messageId: 'unpickleRun', data: { api: 'spawn', target: 'pickle.load' }, confidence: 'high' }] },
    { code: `import { spawn } from 'node:child_process';\nspawn('bash', ['-lc', 'python3 -c "import pickle; pickle.load(open(\\'m.pkl\\', \\'rb\\'))"']);`, errors: [{ messageId: 'unpickleRun', data: { api: 'spawn', target: 'pickle.load' }, confidence: 'high' }] },
    { code: `import { exec } from 'node:child_process';\nexec(\`bash -c "python3 -c 'import joblib; joblib.load(\\\\"m.pkl\\\\")'"\`);`, errors: [{ messageId: 'unpickleRun', data: { api: 'exec', target: 'joblib.load' }, confidence: 'high' }] },
    // a program the analysis cannot resolve runs a source that is Python only by its text: medium
    { code: `import { execFileSync } from 'node:child_process';\nexecFileSync(process.env.PYTHON, ['-c', 'import pickle,sys; pickle.loads(sys.stdin.buffer.read())']);`, errors: [{ messageId: 'unpickleRun', confidence: 'medium' }] },
    {
      code: `const { PythonShell } = require('python-shell');\nexport const predict = (modelPath) => PythonShell.runString(\`import joblib\\nm = joblib.load(\${JSON.stringify(modelPath)})\`, null);`,
      errors: [{ messageId: 'unpickleRun', data: { api: 'PythonShell.runString', target: 'joblib.load' }, confidence: 'high' }],
    },
    // execa's template form: each \`${…}\` is one argument, the tag bound to options (\`$(options)\`, held in a variable), \`.sync\`
    { code: "import { $ } from 'execa';\nconst code = \"import pickle; pickle.load(open('m.pkl', 'rb'))\";\nawait $`python3 -c ${code}`;", errors: [{ messageId: 'unpickleRun', data: { api: '$`…`', target: 'pickle.load' }, confidence: 'high', line: 3 }] },
    { code: "import { $ } from 'execa';\nawait $({ stdio: 'inherit' })`python -c ${\"import joblib; joblib.load('m.joblib')\"}`;", errors: [{ messageId: 'unpickleRun', data: { api: "$({stdio:'inherit'})`…`", target: 'joblib.load' }, confidence: 'high' }] },
    { code: "import { $ } from 'execa';\nconst $$ = $({ stdio: 'inherit', cwd: 'models' });\nexport const load = (f) => $$.sync`python3 -u -c ${`import torch; torch.load(${JSON.stringify(f)})`}`;", errors: [{ messageId: 'unpickleRun', data: { api: '$$.sync`…`', target: 'torch.load' }, confidence: 'high' }] },
    { code: "import { $ } from 'execa';\n$.sync`python3 -c ${'import dill; dill.load(open(\"m.pkl\", \"rb\"))'}`;", errors: [{ messageId: 'unpickleRun', data: { api: '$.sync`…`', target: 'dill.load' }, confidence: 'high' }] },
    { code: "import { execa, execaSync } from 'execa';\nexecaSync`/usr/bin/python3 -c ${'import pickle; pickle.loads(blob)'}`;\nawait execa({ cwd: 'x' })`python -c ${'import pickle; pickle.loads(blob)'}`;", errors: [{ messageId: 'unpickleRun', data: { api: 'execaSync`…`', target: 'pickle.loads' }, line: 2 }, { messageId: 'unpickleRun', data: { api: "execa({cwd:'x'})`…`", target: 'pickle.loads' }, line: 3 }] },
    // whitespace written as an escape (\`\\u0020\`) is part of a word, as execa reads the template's raw text
    { code: "import { $ } from 'execa';\nawait $`python3 -c import\\u0020pickle;pickle.load(f)`;", errors: [{ messageId: 'unpickleRun', data: { api: '$`…`', target: 'pickle.load' }, confidence: 'high' }] },
    { code: "import { $ } from 'execa';\nawait $`bash -c ${\"python3 -c 'import pickle; pickle.load(f)'\"}`;", errors: [{ messageId: 'unpickleRun', data: { api: '$`…`', target: 'pickle.load' }, confidence: 'high' }] },
    // quotes in the text: execa passes them on (Python gets \`\"import\`), so the code they mean is reported low;
    // with \`shell: true\` a shell reads them: high
    { code: "import { $ } from 'execa';\nawait $`python3 -c \"import pickle; pickle.load(open('m.pkl','rb'))\"`;", errors: [{ messageId: 'unpickleRunQuoted', data: { api: '$`…`', target: 'pickle.load' }, confidence: 'low' }] },
    { code: "import { $ } from 'execa';\nawait $({ shell: true })`python3 -c \"import pickle; pickle.load(open('m.pkl','rb'))\"`;", errors: [{ messageId: 'unpickleRun', data: { api: '$({shell:true})`…`', target: 'pickle.load' }, confidence: 'high' }] },
    // the last options win: an explicit \`shell: false\` after \`shell: true\` runs no shell (review s29js P4.4)
    { code: "import { $ } from 'execa';\nawait $({ shell: true })({ shell: false })`python3 -c \"import pickle; pickle.load(open('m.pkl','rb'))\"`;", errors: [{ messageId: 'unpickleRunQuoted', confidence: 'low' }] },
    { code: "import { $ } from 'execa';\nawait $({ shell: true })({ cwd: 'x' })`python3 -c \"import pickle; pickle.load(open('m.pkl','rb'))\"`;", errors: [{ messageId: 'unpickleRun', confidence: 'high' }] },
    // the runner in the message: spaces inside strings kept, cut between tokens (review s29js P4.2)
    { code: "import { $ } from 'execa';\nconst SRC = \"import pickle; pickle.load(open('m.pkl', 'rb'))\";\nawait $({ cwd: 'my models' })`python3 -c ${SRC}`;", errors: [{ messageId: 'unpickleRun', data: { api: "$({cwd:'my models'})`…`", target: 'pickle.load' } }] },
    { code: "import { $ } from 'execa';\nimport path from 'node:path';\nconst SRC = \"import pickle; pickle.load(open('m.pkl', 'rb'))\";\nawait $({ stdio: 'inherit', cwd: path.join(import.meta.dirname, '..', 'python scripts') })`python3 -c ${SRC}`;", errors: [{ messageId: 'unpickleRun', data: { api: "$({stdio:'inherit',cwd:path.join(import…`…`", target: 'pickle.load' } }] },
    // execa's command string: split on spaces, \`\\ \` keeps one in its word; quotes as above
    { code: "import { execaCommand } from 'execa';\nawait execaCommand('python3 -c import\\\\ pickle;\\\\ pickle.load(f)');", errors: [{ messageId: 'unpickleRun', data: { api: 'execaCommand', target: 'pickle.load' }, confidence: 'high' }] },
    { code: "import { execaCommand } from 'execa';\nawait execaCommand('python -c \"import pickle; pickle.load(open(m))\"');", errors: [{ messageId: 'unpickleRunQuoted', data: { api: 'execaCommand', target: 'pickle.load' }, confidence: 'low' }] },
    // options not seen, a \`shell\` not known (review s29js P2): read both as a shell reads the words (the
    // quotes are shell quoting, as in the old reading) and as execa does with no shell (\`-c\` gets \`code\` whole)
    { code: "import { execaCommand } from 'execa';\nexport const f = (opts) => execaCommand('python -c \"import pickle; pickle.load(open(m))\"', opts);", errors: [{ messageId: 'unpickleRun', data: { api: 'execaCommand', target: 'pickle.load' }, confidence: 'high' }] },
    { code: "import { $ } from 'execa';\nconst code = \"import pickle; pickle.load(open('m.pkl', 'rb'))\";\nexport const f = () => $({ shell: process.env.USE_SHELL })`python3 -c ${code}`;", errors: [{ messageId: 'unpickleRun', confidence: 'high' }] },
    { code: "import { execaCommandSync } from 'execa';\nexecaCommandSync('python3 -c \"import joblib; joblib.load(m)\"', { shell: true });", errors: [{ messageId: 'unpickleRun', data: { api: 'execaCommandSync', target: 'joblib.load' }, confidence: 'high' }] },
  ],
});

fixture(rule);

// zx: the template is a command line a shell reads (its quotes are read, not passed on as execa passes
// them), each `${…}` quoted into one word: `python3 -c` gets the code whole.
const run = (api: string, target: string, confidence: 'high' | 'low' = 'high') => [{ messageId: 'unpickleRun', data: { api, target }, confidence }];

tester.run(`${id(rule)} (zx)`, rule, {
  valid: [
    // torch.load with weights_only=True, code that loads no pickle, a script's \`-c\`, a command that is no Python
    `import { $ } from 'zx';\nawait $\`python3 -c "import torch; torch.load('m.pt', weights_only=True)"\`;`,
    `import { $ } from 'zx';\nawait $\`python3 -c "import json; print(json.load(open('m.json')))"\`;`,
    `import { $ } from 'zx';\nconst CODE = 'import pickle; pickle.load(f)';\nawait $\`python3 train.py -c \${CODE}\`;`,
    `import { $ } from 'zx';\nawait $\`node -e "pickle.loads(x)"\`;`,
    // the quoted code is an argument of echo, not of python
    `import { $ } from 'zx';\nawait $\`echo "python3 -c 'import pickle; pickle.load(f)'"\`;`,
    // look-alikes: jQuery's \`$\`, a \`$\` of another module, a global \`$\` in a file that is no zx script
    `import $ from 'jquery';\n$\`python3 -c "import pickle; pickle.load(f)"\`;`,
    `import { $ } from './sh.js';\nawait $\`python3 -c "import pickle; pickle.load(f)"\`;`,
    `import { readFileSync } from 'node:fs';\nawait $\`python3 -c "import pickle; pickle.load(f)"\`;`,
    `#!/usr/bin/env node\nimport { spawn } from 'node:child_process';\nawait $\`python3 -c "import pickle; pickle.load(f)"\`;`,
  ],
  invalid: [
    // quotes read by the shell: high (execa, with no shell, passes them to Python: low)
    { code: `import { $ } from 'zx';\nawait $\`python3 -c "import pickle; pickle.load(open('m.pkl', 'rb'))"\`;`, errors: run('$`…`', 'pickle.load') },
    { code: `import { $ } from 'execa';\nawait $\`python3 -c "import pickle; pickle.load(open('m.pkl', 'rb'))"\`;`, errors: [{ messageId: 'unpickleRunQuoted', data: { api: '$`…`', target: 'pickle.load' }, confidence: 'low' }] },
    // a \`\${…}\` quoted by zx into one word, whatever spaces and quotes it holds; a part not known
    { code: `import { $ } from 'zx';\nconst CODE = "import torch; torch.load('m.pt')";\nawait $\`python3 -c \${CODE}\`;`, errors: run('$`…`', 'torch.load') },
    { code: `import { $ } from 'zx/core';\nexport const load = (p) => $\`python -c \${\`import joblib; joblib.load('\${p}')\`}\`;`, errors: run('$`…`', 'joblib.load') },
    { code: `import { $ } from 'zx';\nexport const load = (p) => $.sync\`python3 -c "import dill; dill.load(open('\${p}', 'rb'))"\`;`, errors: run('$.sync`…`', 'dill.load') },
    // through \`bash -c\`, a bound \`$\`, the global \`$\` of a zx script
    { code: `import { $ } from 'zx';\nawait $\`bash -c "python3 -c 'import pickle; pickle.load(f)'"\`;`, errors: run('$`…`', 'pickle.load') },
    { code: `import { $ } from 'zx';\nconst sh = $({ cwd: 'models' });\nawait sh\`python3 -c "import pickle; pickle.load(f)"\`;`, errors: run('sh`…`', 'pickle.load') },
    { code: `#!/usr/bin/env zx\nawait $\`python3 -c "import pickle; pickle.load(f)"\`;`, errors: run('$`…`', 'pickle.load') },
    { code: `import 'zx/globals';\nawait $\`cd models && python3 -c "import pickle; pickle.load(f)"\`;`, errors: run('$`…`', 'pickle.load') },
  ],
});

// Pyodide: the Python source `runPython` / `runPythonAsync` runs, read like the `python -c` source of a child process.
tester.run(`${id(rule)} (Pyodide)`, rule, {
  valid: [
    // no unpickling in the source, or only in a string or a comment of it
    'async function main() {\n  const pyodide = await loadPyodide();\n  await pyodide.runPython(`import json, js\\nscaler = json.loads(js.scaler)`);\n}',
    'async function main() {\n  const pyodide = await loadPyodide();\n  pyodide.runPython(`print("never pickle.loads(x)")  # pickle.load(f) was removed`);\n}',
    // a method of the same name on something that is not Pyodide
    'export const run = (engine) => engine.runPython(`import pickle\\npickle.loads(data)`);',
    // torch.load with weights_only=True
    "import { loadPyodide } from 'pyodide';\nconst py = await loadPyodide();\npy.runPython('import torch\\nm = torch.load(p, weights_only=True)');",
  ],
  invalid: [
    {
      code: 'async function main() {\n  const pyodide = await loadPyodide();\n  await pyodide.runPython(`\nimport pickle, js\nscaler = pickle.loads(js.scaler.to_py())\n`);\n}\nmain();',
      errors: [{ messageId: 'unpickleRun', data: { api: 'pyodide.runPython', target: 'pickle.loads' }, confidence: 'high', severity: 'critical', line: 3 }],
    },
    {
      code: "import { loadPyodide } from 'pyodide';\nconst py = await loadPyodide({ indexURL: '/pyodide/' });\nconst SRC = 'import joblib\\nmodel = joblib.load(\"/model.joblib\")';\nawait py.runPythonAsync(SRC);",
      errors: [{ messageId: 'unpickleRun', data: { api: 'py.runPythonAsync', target: 'joblib.load' }, confidence: 'high', line: 4 }],
    },
    // a receiver only named Pyodide: medium
    {
      code: 'export class Worker {\n  pyodide;\n  load(path) {\n    return this.pyodide.runPython(`import pickle\\nwith open("${path}", "rb") as f:\\n    m = pickle.load(f)`);\n  }\n}',
      errors: [{ messageId: 'unpickleRun', data: { api: 'this.pyodide.runPython', target: 'pickle.load' }, confidence: 'medium', line: 4 }],
    },
  ],
});
