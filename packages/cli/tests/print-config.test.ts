/** `oculum scan --print-config FILE`: the config a file would be scanned with, and no scan. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, run, VULNERABLE } from './helpers.js';

const RULE = 'torch/load-without-weights-only';

const printed = async (args: string[], cwd: string) => {
  const r = await run(['scan', '--print-config', ...args], { cwd });
  return { ...r, config: r.code === 2 && !r.stdout ? undefined : JSON.parse(r.stdout) };
};

describe('oculum scan --print-config', () => {
  it('names the configs that apply in order, with the override blocks that match, and each rule as it ends up', async () => {
    const dir = project({
      '.oculumrc': JSON.stringify({ overrides: [{ files: ['tests/**'], rules: { [RULE]: 'warn' } }, { files: ['docs/**'], rules: { [RULE]: 'off' } }], settings: { trustedPublishers: ['acme'] } }),
      'tests/.oculumrc': JSON.stringify({ rules: { 'hf/unpinned-revision': 'off' } }),
      'tests/test_load.py': VULNERABLE,
    });
    const { code, config } = await printed(['tests/test_load.py'], dir);
    expect(code).toBe(0);
    expect(config).toMatchObject({ file: 'tests/test_load.py', language: 'python', depth: 'standard', configs: ['.oculumrc', '.oculumrc overrides[0]', 'tests/.oculumrc'], settings: { trustedPublishers: ['acme'] } });
    expect(config.rules[RULE]).toEqual({ level: 'warn' });
    // a config inside the tree cannot turn a rule off: it runs, its findings kept as suppressed
    expect(config.rules['hf/unpinned-revision']).toEqual({ level: 'error', suppressed: 'disabled by tests/.oculumrc' });
    expect(config.ignored).toBeUndefined();
    // nothing was scanned: no report, no cache
    expect(fs.existsSync(path.join(dir, '.oculumcache'))).toBe(false);
  });

  it('follows --no-config, --config, --depth, --rule and --detector as a scan would', async () => {
    const dir = project({ '.oculumrc': JSON.stringify({ rules: { [RULE]: 'off' } }), 'ci.oculumrc': JSON.stringify({ rules: { [RULE]: ['warn'] } }), 'train.py': VULNERABLE });
    expect((await printed(['train.py'], dir)).config.rules[RULE]).toEqual({ level: 'off' });
    const none = (await printed(['train.py', '--no-config'], dir)).config;
    expect(none.configs).toEqual(['default config (oculum:recommended)']);
    expect(none.rules[RULE]).toEqual({ level: 'error' });
    const ci = (await printed(['train.py', '--config', 'ci.oculumrc'], dir)).config;
    expect(ci.configs).toEqual(['ci.oculumrc']);
    expect(ci.rules[RULE]).toEqual({ level: 'warn' });
    const only = (await printed(['train.py', '--no-config', '--rule', RULE], dir)).config;
    expect(only.rules[RULE]).toEqual({ level: 'error' });
    expect(only.rules['hf/unpinned-revision']).toEqual({ level: 'error', notRun: 'not selected by the rule filter (--rule)' });
    const detector = (await printed(['train.py', '--no-config', '--detector', 'unsafe_finetuning'], dir)).config;
    expect(detector.rules[RULE].notRun).toBe('not selected by the detector filter (--detector): a unsafe_model_load rule');
    const models = project({});
    fs.writeFileSync(path.join(models, 'model.pkl'), Buffer.from([0x80, 0x04, 0x4b, 0x01, 0x2e])); // pickle: the int 1
    expect((await printed(['model.pkl', '--no-config'], models)).config.language).toBe('model');
    const quick = (await printed(['model.pkl', '--no-config', '--depth', 'quick'], models)).config;
    expect(quick).toMatchObject({ language: null, depth: 'quick' });
    expect(quick.notRead).toMatch(/--depth quick reads source files only/);
  });

  it('says when a directory walk would leave the file out', async () => {
    const dir = project({ '.gitignore': 'build/\n', 'build/gen.py': VULNERABLE, '.oculumrc': JSON.stringify({ ignorePatterns: ['legacy.py'] }), 'legacy.py': VULNERABLE, 'node_modules/pkg/x.py': VULNERABLE });
    expect((await printed(['build/gen.py'], dir)).config.ignored).toBe('ignored by .gitignore');
    expect((await printed(['legacy.py'], dir)).config.ignored).toBe('ignored by ignorePatterns');
    expect((await printed(['node_modules/pkg/x.py'], dir)).config.ignored).toBe('inside node_modules/, a directory never walked into');
  });

  it('writes to --output, and refuses paths, directories and missing files', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    const out = await run(['scan', '--print-config', 'train.py', '-o', 'config.json'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).file).toBe('train.py');
    const withPaths = await run(['scan', '--print-config', 'train.py', 'src'], { cwd: dir });
    expect(withPaths.code).toBe(2);
    expect(withPaths.stderr).toContain('--print-config takes one file and scans nothing');
    const missing = await run(['scan', '--print-config', 'nope.py'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file: nope.py');
    const directory = await run(['scan', '--print-config', '.'], { cwd: dir });
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('Not a file');
  });

  it('exits 2 and still prints when a config of the tree is broken', async () => {
    const dir = project({ 'sub/.oculumrc': '{ "rules": ', 'sub/a.py': VULNERABLE });
    const { code, config } = await printed(['sub/a.py'], dir);
    expect(code).toBe(2);
    expect(config.diagnostics.some((d: { kind: string; severity: string }) => d.kind === 'config' && d.severity === 'error')).toBe(true);
    expect(config.configs).toEqual(['default config (oculum:recommended)']);
  });
});
