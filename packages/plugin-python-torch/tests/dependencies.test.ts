import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  VersionSet,
  clearDependencyCache,
  compareVersions,
  findProjectDependencies,
  parseCondaSpec,
  parseRequirement,
  parseToml,
  poetryToPep440,
  satisfies,
} from '@oculum/lang-python';

const tmp = mkdtempSync(join(tmpdir(), 'oculum-deps-'));
let n = 0;
function project(files: Record<string, string>): string {
  const dir = join(tmp, `p${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => clearDependencyCache());

describe('PEP 440', () => {
  it.each([
    ['2.6', '2.6.0', 0],
    ['2.6.0rc1', '2.6.0', -1],
    ['2.6.0.dev1', '2.6.0a1', -1],
    ['2.6.0.post1', '2.6.0', 1],
    ['2.6.0+cu124', '2.6.0', 1],
    ['1!0.1', '2.6', 1],
    ['2.10.0', '2.9.1', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  it.each([
    ['2.6.0', '>=2.6', true],
    ['2.5.1', '>=2.6', false],
    ['2.6.0+cu124', '==2.6.0', true],
    ['2.6.3', '==2.6.*', true],
    ['2.7.0', '==2.6.*', false],
    ['2.6.9', '~=2.6.1', true],
    ['2.7.0', '~=2.6.1', false],
    ['2.9', '~=2.6', true],
    ['3.0', '~=2.6', false],
    ['2.5.0', '!=2.5.*', false],
    ['2.6.0rc1', '<2.6', false],
    ['2.5.1+cpu', '<=2.5.1', true],
    ['2.5.2', '>2.5.1,<3', true],
  ])('%s satisfies %s: %s', (v, spec, expected) => {
    expect(satisfies(v, spec)).toBe(expected);
  });

  it('answers the rule questions', () => {
    const at = (s: string) => VersionSet.fromSpecifier(s)!;
    expect(at('>=2.6').allAtLeast('2.6')).toBe(true);
    expect(at('==2.6.*').allAtLeast('2.6')).toBe(true);
    expect(at('~=2.6').allAtLeast('2.6')).toBe(true);
    expect(at('>=2.0').allAtLeast('2.6')).toBe(false);
    expect(at('').allAtLeast('2.6')).toBe(false);
    expect(at('>=2.6').someAtMost('2.5.1')).toBe(false);
    expect(at('>=2.6').someAtMost('2.9.1')).toBe(true);
    expect(at('>=2.10').someAtMost('2.9.1')).toBe(false);
    expect(at('>2.9.1').someAtMost('2.9.1')).toBe(false);
    expect(at('==2.9.1+cu124').someAtMost('2.9.1')).toBe(true);
    expect(at('>=2.6,<2.6').isEmpty()).toBe(true);
  });

  it('translates Poetry and conda constraints', () => {
    expect(poetryToPep440('^2.6')).toBe('>=2.6,<3');
    expect(poetryToPep440('^0.4.1')).toBe('>=0.4.1,<0.5');
    expect(poetryToPep440('~2.6')).toBe('>=2.6,<2.7');
    expect(poetryToPep440('2.6.0')).toBe('==2.6.0');
    expect(poetryToPep440('*')).toBe('');
    expect(parseCondaSpec('pytorch=2.6')!).toMatchObject({ name: 'torch', specifier: '==2.6.*' });
    expect(parseCondaSpec('conda-forge::pytorch=2.6.0=py3.11_cuda')!).toMatchObject({ name: 'torch', specifier: '==2.6.0.*' });
    expect(parseCondaSpec('pytorch 2.6.*')!).toMatchObject({ specifier: '==2.6.*' });
    expect(parseCondaSpec('pytorch>=2.6,<3')!).toMatchObject({ specifier: '>=2.6,<3' });
  });

  it('parses PEP 508 requirements', () => {
    expect(parseRequirement('Torch[cuda] >= 2.6 , <3 ; python_version > "3.8"')).toMatchObject({
      name: 'torch',
      specifier: '>=2.6,<3',
      marker: 'python_version > "3.8"',
    });
    const url = parseRequirement('torch @ https://download.pytorch.org/whl/cu121/torch-2.5.1%2Bcu121-cp311-cp311-linux_x86_64.whl')!;
    expect(url.specifier).toBe('==2.5.1+cu121');
    expect(url.versions!.someAtMost('2.5.1')).toBe(true);
  });

  it('reads TOML', () => {
    const { data } = parseToml(`
# comment
[project]
name = "x"  # trailing
dependencies = [
  "torch>=2.6",  # pinned
  'numpy',
]
[project.optional-dependencies]
dev = ["pytest"]
[tool.poetry.dependencies]
torch = { version = "^2.6", source = "pytorch" }
[[tool.poetry.source]]
name = "pytorch"
url = """https://download.pytorch.org/whl/cpu"""
[tool.other]
when = 1979-05-27 07:32:00
`);
    expect((data.project as any).dependencies).toEqual(['torch>=2.6', 'numpy']);
    expect((data.tool as any).poetry.dependencies.torch.version).toBe('^2.6');
    expect((data.tool as any).poetry.source[0].name).toBe('pytorch');
  });
});

describe('project dependency files', () => {
  it('requirements.txt with includes, hashes and comments', () => {
    const dir = project({
      'requirements.txt': '-r requirements/base.txt\nnumpy==1.26 \\\n  --hash=sha256:abc\n',
      'requirements/base.txt': '# base\ntorch>=2.6.0  # safe default\n',
    });
    const deps = findProjectDependencies(join(dir, 'src'), { root: dir });
    expect(deps.requirements('torch')).toHaveLength(2); // via include and via requirements/ folder
    expect(deps.requiresAtLeast('torch', '2.6')).toBe(true);
    expect(deps.allowsAtMost('torch', '2.5.1')).toBe(false);
    expect(deps.allowsAtMost('torch', '2.9.1')).toBe(true);
  });

  it('intersects unconditional requirements across files', () => {
    const dir = project({ 'requirements.txt': 'torch\n', 'constraints.txt': 'torch==2.7.1\n' });
    const deps = findProjectDependencies(dir, { root: dir });
    expect(deps.requiresAtLeast('torch', '2.6')).toBe(true);
  });

  it('unpinned torch allows old versions', () => {
    const dir = project({ 'requirements.txt': 'torch\n' });
    const deps = findProjectDependencies(dir, { root: dir });
    expect(deps.requiresAtLeast('torch', '2.6')).toBe(false);
    expect(deps.allowsAtMost('torch', '2.5.1')).toBe(true);
  });

  it('no torch requirement: no answer', () => {
    const dir = project({ 'requirements.txt': 'numpy\n' });
    const deps = findProjectDependencies(dir, { root: dir });
    expect(deps.requiresAtLeast('torch', '2.6')).toBe(false);
    expect(deps.allowsAtMost('torch', '2.5.1')).toBeUndefined();
  });

  it('pyproject: PEP 621, optional groups and Poetry', () => {
    const a = project({ 'pyproject.toml': '[project]\ndependencies = []\n[project.optional-dependencies]\ngpu = ["torch>=2.6"]\n' });
    expect(findProjectDependencies(a, { root: a }).requiresAtLeast('torch', '2.6')).toBe(true);
    const b = project({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\ntorch = "^2.1"\n' });
    const deps = findProjectDependencies(b, { root: b });
    expect(deps.requiresAtLeast('torch', '2.6')).toBe(false);
    expect(deps.allowsAtMost('torch', '2.5.1')).toBe(true);
    expect(deps.requirements('torch')[0].line).toBe(3);
  });

  it('setup.cfg, setup.py, Pipfile, environment.yml', () => {
    const cfg = project({ 'setup.cfg': '[metadata]\nname = x\n[options]\ninstall_requires =\n    numpy\n    torch>=2.6  # comment\n' });
    expect(findProjectDependencies(cfg, { root: cfg }).requiresAtLeast('torch', '2.6')).toBe(true);
    const py = project({
      'setup.py': 'from setuptools import setup\nREQS = [\n  "torch>=2.6",  # "torch<2"\n]\nsetup(name="x", install_requires=REQS, extras_require={"dev": ["pytest"]})\n',
    });
    const pyDeps = findProjectDependencies(py, { root: py });
    expect(pyDeps.requirements('torch')).toHaveLength(1);
    expect(pyDeps.requiresAtLeast('torch', '2.6')).toBe(true);
    const pip = project({ Pipfile: '[packages]\ntorch = {version = "==2.5.1", index = "pytorch"}\n' });
    expect(findProjectDependencies(pip, { root: pip }).allowsAtMost('torch', '2.5.1')).toBe(true);
    const env = project({
      'environment.yml': 'name: x\nchannels:\n  - pytorch\ndependencies:\n  - python=3.11\n  - pytorch=2.6.0\n  - pip:\n      - numpy\n',
    });
    const envDeps = findProjectDependencies(env, { root: env });
    expect(envDeps.requiresAtLeast('torch', '2.6')).toBe(true);
    expect(envDeps.requirements('numpy')).toHaveLength(1);
  });

  it('lock files pin what is installed', () => {
    const poetry = project({
      'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\ntorch = "^2.1"\n',
      'poetry.lock': '# generated\n[[package]]\nname = "numpy"\nversion = "1.26.4"\n\n[[package]]\nname = "torch"\nversion = "2.7.1"\ndescription = "x"\n',
    });
    const deps = findProjectDependencies(poetry, { root: poetry });
    expect(deps.requiresAtLeast('torch', '2.6')).toBe(true);
    expect(deps.allowsAtMost('torch', '2.5.1')).toBe(false);
    expect(deps.allowsAtMost('torch', '2.9.1')).toBe(true);
    const uv = project({
      'uv.lock': 'version = 1\n\n[[package]]\nname = "torch"\nversion = "2.5.1"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "torch"\nversion = "2.5.1+cpu"\n',
    });
    const uvDeps = findProjectDependencies(uv, { root: uv });
    expect(uvDeps.requirements('torch')).toHaveLength(1);
    expect(uvDeps.allowsAtMost('torch', '2.5.1')).toBe(true);
    const pipenv = project({ 'Pipfile.lock': JSON.stringify({ _meta: {}, default: { torch: { version: '==2.10.0' } }, develop: {} }) });
    const pipenvDeps = findProjectDependencies(pipenv, { root: pipenv });
    expect(pipenvDeps.requiresAtLeast('torch', '2.6')).toBe(true);
    expect(pipenvDeps.allowsAtMost('torch', '2.9.1')).toBe(false);
  });

  it('markers: unconditional requirements decide; otherwise the union', () => {
    const dir = project({ 'requirements.txt': 'torch>=2.6; python_version>="3.9"\ntorch<2; python_version<"3.9"\n' });
    const deps = findProjectDependencies(dir, { root: dir });
    expect(deps.requiresAtLeast('torch', '2.6')).toBe(false);
    expect(deps.allowsAtMost('torch', '2.5.1')).toBe(true);
  });

  it('walks from the file directory up to the root', () => {
    const dir = project({ 'requirements.txt': 'torch>=2.6\n', 'pkg/sub/x.py': '' });
    expect(findProjectDependencies(join(dir, 'pkg', 'sub'), { root: dir }).requiresAtLeast('torch', '2.6')).toBe(true);
    // Outside the root: stops at the nearest directory with dependency files.
    expect(findProjectDependencies(join(dir, 'pkg', 'sub')).requiresAtLeast('torch', '2.6')).toBe(true);
  });
});
