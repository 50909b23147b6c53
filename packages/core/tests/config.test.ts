import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../src/errors.js';
import { listRules, scan } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';
import { project, TOY_PLUGIN } from './helpers.js';

/** `file:line ruleId level [suppressed kind: justification]` for every finding, relative to the project. */
function summary(result: ScanResult): string[] {
  return result.files.flatMap((f) =>
    f.findings.map(
      (x) =>
        `${f.file.slice(result.cwd.length + 1)}:${x.line} ${x.ruleId} ${x.level}${x.suppressed ? ` [${x.suppressed.kind}: ${x.suppressed.justification ?? ''}]` : ''}`,
    ),
  );
}

const run = (cwd: string, extra: Record<string, unknown> = {}) => scan({ cwd, plugins: [TOY_PLUGIN], workers: 0, ...extra });

/** A plugin whose one rule records the settings each file's config gives it. */
function settingsProbe(): { seen: unknown[]; plugin: never } {
  const seen: unknown[] = [];
  const plugin = {
    meta: { name: 'p', version: '1', namespace: 'p' },
    rules: {
      s: {
        name: 's',
        meta: { detector: 'unsafe_model_load', severity: 'low', languages: ['toy'], triggers: [], docs: { description: 'd', recommended: true }, messages: { m: 'm' }, remediation: 'r' },
        create: (context: { settings: unknown }) => (seen.push(context.settings), {}),
      },
    },
    languages: {},
  };
  return { seen, plugin: plugin as never };
}

describe('config discovery and merging', () => {
  it('uses oculum:recommended when no config is found', async () => {
    const cwd = project({ 'a.toy': 'danger evil deep\n' });
    expect(summary(await run(cwd))).toEqual(['a.toy:1 toy/no-danger error']);
  });

  it('reads .oculumrc as JSON with comments', async () => {
    const cwd = project({
      '.oculumrc': '// mine\n{ "extends": "oculum:strict", /* c */ "rules": { "toy/no-danger": "warn", }, }\n',
      'a.toy': 'danger evil\n',
    });
    expect(summary(await run(cwd))).toEqual(['a.toy:1 toy/no-danger warn', 'a.toy:1 toy/no-names warn']);
  });

  it('reads .oculumrc as YAML, .oculumrc.yml and the "oculum" key of package.json', async () => {
    const yaml = project({ '.oculumrc': 'extends: oculum:all\nrules:\n  toy/no-names: [error, { names: [good] }]\n', 'a.toy': 'good evil\n' });
    expect(summary(await run(yaml))).toEqual(['a.toy:1 toy/no-names error']);
    const yml = project({ '.oculumrc.yml': 'extends: []\nrules:\n  toy/no-names: 2\n', 'a.toy': 'danger evil\n' });
    expect(summary(await run(yml))).toEqual(['a.toy:1 toy/no-names error']);
    const pkg = project({ 'package.json': JSON.stringify({ name: 'x', oculum: { rules: { 'toy/no-names': 1 } } }), 'a.toy': 'evil\n' });
    // (no `extends`: builds on oculum:recommended)
    expect(summary(await run(pkg))).toEqual(['a.toy:1 toy/no-names warn']);
    const plainPkg = project({ 'package.json': '{"name":"x"}', 'a.toy': 'danger\n' });
    expect(summary(await run(plainPkg))).toEqual(['a.toy:1 toy/no-danger error']);
  });

  it('merges configs from the file directory upward, closer wins', async () => {
    const cwd = project({
      '.oculumrc.json': '{ "extends": ["oculum:recommended"], "rules": { "toy/no-names": "warn" }, "settings": { "a": { "x": 1 } } }',
      'sub/.oculumrc.yaml': 'rules:\n  toy/no-names: error\n',
      'a.toy': 'evil\n',
      'sub/b.toy': 'evil\n',
    });
    expect(summary(await run(cwd))).toEqual(['a.toy:1 toy/no-names warn', 'sub/b.toy:1 toy/no-names error']);
  });

  it('stops looking upward at a config with root: true', async () => {
    const cwd = project({
      'sub/.oculumrc': '{ "rules": { "toy/no-names": "error" } }',
      'sub/inner/.oculumrc': '{ "root": true, "rules": { "toy/no-danger": "error" } }',
      'sub/inner/a.toy': 'danger evil\n',
    });
    // sub/.oculumrc is not read for sub/inner: toy/no-names stays off there
    expect(summary(await run(cwd))).toEqual(['sub/inner/a.toy:1 toy/no-danger error']);
  });

  it('keeps options when a closer config only changes the level', async () => {
    const cwd = project({
      '.oculumrc': '{ "rules": { "toy/no-names": ["warn", { "names": ["good"] }] } }',
      'sub/.oculumrc': '{ "rules": { "toy/no-names": "error" } }',
      'sub/b.toy': 'good evil\n',
    });
    expect(summary(await run(cwd))).toEqual(['sub/b.toy:1 toy/no-names error']);
  });

  it('applies detectors to every enabled rule of the detector', async () => {
    const cwd = project({ '.oculumrc': '{ "extends": "oculum:strict", "detectors": { "unsafe_model_load": "warn", "unverified_model_source": "off" } }', 'a.toy': 'danger evil\n' });
    expect(summary(await run(cwd))).toEqual(['a.toy:1 toy/no-danger warn']);
  });

  it('extends plugin presets <namespace>/<name>', async () => {
    const cwd = project({ '.oculumrc': '{ "extends": "toy/strict" }', 'a.toy': 'danger evil\n' });
    expect(summary(await run(cwd))).toEqual(['a.toy:1 toy/no-danger error', 'a.toy:1 toy/no-names warn']);
  });

  it('applies overrides by glob relative to the config directory', async () => {
    const cwd = project({
      '.oculumrc': JSON.stringify({
        overrides: [
          { files: ['tests/**'], rules: { 'toy/no-danger': 'off' } },
          { files: '*.gen.toy', excludedFiles: 'keep.gen.toy', rules: { 'toy/no-danger': 'warn' } },
        ],
      }),
      'tests/a.toy': 'danger\n',
      'src/b.gen.toy': 'danger\n',
      'src/keep.gen.toy': 'danger\n',
    });
    expect(summary(await run(cwd))).toEqual(['src/b.gen.toy:1 toy/no-danger warn', 'src/keep.gen.toy:1 toy/no-danger error']);
    const none = project({ '.oculumrc': '{ "extends": [] }', 'a.toy': 'danger\n' });
    expect(summary(await run(none))).toEqual([]);
  });

  it('passes merged settings to rules', async () => {
    const { seen, plugin } = settingsProbe();
    const cwd = project({
      '.oculumrc': '{ "settings": { "trusted": ["a"], "nested": { "x": 1, "y": 1 } }, "overrides": [{ "files": ["sub/**"], "settings": { "nested": { "y": 2 } } }] }',
      'sub/a.toy': 'x\n',
    });
    await scan({ cwd, plugins: [TOY_PLUGIN, plugin], workers: 0 });
    expect(seen).toEqual([{ trusted: ['a'], nested: { x: 1, y: 2 } }]);
  });

  it('respects configFile, noConfig and overrideConfig', async () => {
    const cwd = project({
      '.oculumrc': '{ "rules": { "toy/no-danger": "off" } }',
      'ci/oculum.json': '{ "rules": { "toy/no-names": "error" } }',
      'a.toy': 'danger evil\n',
    });
    expect(summary(await run(cwd))).toEqual([]);
    expect(summary(await run(cwd, { noConfig: true }))).toEqual(['a.toy:1 toy/no-danger error']);
    // With --config, the cwd .oculumrc is replaced, not layered above it: only ci/oculum.json applies.
    expect(summary(await run(cwd, { configFile: 'ci/oculum.json' }))).toEqual(['a.toy:1 toy/no-danger error', 'a.toy:1 toy/no-names error']);
    expect(summary(await run(cwd, { noConfig: true, overrideConfig: { rules: { 'toy/no-danger': 'warn' } } }))).toEqual(['a.toy:1 toy/no-danger warn']);
    await expect(run(cwd, { configFile: 'missing.json' })).rejects.toThrow(UsageError);
  });

  it('lets configFile turn off what the working directory\'s config turns on; configs below it still narrow', async () => {
    const plugin = `export { default } from ${JSON.stringify(TOY_PLUGIN)};`;
    const cwd = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      // the project's config: loads a plugin and turns on what the CI config turns off
      '.oculumrc': '{ "extends": ["oculum:all"], "plugins": ["./tools/p.mjs"], "rules": { "toy/no-danger": "error" } }',
      'tools/p.mjs': plugin,
      'ci.json': '{ "extends": ["oculum:recommended"], "rules": { "toy/no-danger": "off" } }',
      'src/a.toy': 'danger evil\n',
      // deeper in-tree config: may turn a rule on, and what it turns off is kept as suppressed
      'lib/.oculumrc': '{ "rules": { "toy/no-names": "error", "toy/no-danger": "error" } }',
      'lib/b.toy': 'danger evil\n',
    });
    const result = await scan({ cwd, configFile: 'ci.json', plugins: [TOY_PLUGIN], workers: 0 });
    expect(summary(result)).toEqual(['lib/b.toy:1 toy/no-danger error', 'lib/b.toy:1 toy/no-names error']);
    // the replaced config is not read: no "plugins ignored" or other warning about it
    expect(result.diagnostics.filter((d) => d.kind === 'config')).toEqual([]);
    // also from a subdirectory: the repository root's config (your own by lookup) is what -c replaces
    const fromSub = await scan({ cwd: join(cwd, 'src'), paths: ['.'], configFile: '../ci.json', plugins: [TOY_PLUGIN], workers: 0 });
    expect(summary(fromSub)).toEqual([]);
    // a broken config in the working directory does not matter with -c
    const broken = project({ '.oculumrc': '{ nope', 'ci.json': '{}', 'a.toy': 'danger\n' });
    const r = await scan({ cwd: broken, configFile: 'ci.json', plugins: [TOY_PLUGIN], workers: 0 });
    expect(summary(r)).toEqual(['a.toy:1 toy/no-danger error']);
    expect(r.diagnostics).toEqual([]);
  });

  // (review config36 P1-1) `cd pkg && oculum scan .`, as pnpm -r, turbo and nx run tasks: the package's config
  // merged over the repository's, not instead of it; a `root: true` config stops the lookup
  it('merges your configs from the working directory up to the repository root, nearest winning', async () => {
    const cwd = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.oculumrc': '{ "settings": { "who": "root" }, "rules": { "toy/no-names": ["error", { "names": ["evil"] }] }, "overrides": [{ "files": ["pkg/legacy.toy"], "rules": { "toy/no-danger": "off" } }] }',
      'pkg/.oculumrc': '{ "ignorePatterns": ["ignored.toy"] }',
      'pkg/a.toy': 'danger evil\n',
      'pkg/legacy.toy': 'danger\n',
      'pkg/ignored.toy': 'danger\n',
      'rooted/.oculumrc': '{ "root": true, "rules": { "toy/no-danger": "warn" } }',
      'rooted/a.toy': 'danger evil\n',
    });
    // the root's rule options and override, the package's ignore
    const fromPkg = await run(join(cwd, 'pkg'), { paths: ['.'] });
    expect(summary(fromPkg)).toEqual(['a.toy:1 toy/no-danger error', 'a.toy:1 toy/no-names error']);
    // `root: true` in the package: the repository's config is not merged (no-names keeps its default, no names)
    expect(summary(await run(join(cwd, 'rooted'), { paths: ['.'] }))).toEqual(['a.toy:1 toy/no-danger warn']);
  });

  // (review s36b_core) a plugin of the repository root's config loads from a package directory inside the repository,
  // not outside one; a nearer config's `"extends": []` keeps what the root's config set (the cascade)
  it('loads the plugins of your configs above the working directory inside a repository only', async () => {
    const plugin = `export { default } from ${JSON.stringify(TOY_PLUGIN)};`;
    const files = { '.oculumrc': '{ "plugins": ["./tools/p.mjs"] }', 'tools/p.mjs': plugin, 'pkg/.oculumrc': '{ "extends": [] }', 'pkg/a.toy': 'danger\n' };
    const inRepo = project({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
    expect(summary(await scan({ cwd: join(inRepo, 'pkg'), paths: ['.'], workers: 0 }))).toEqual(['a.toy:1 toy/no-danger error']);
    const outside = project(files);
    expect(summary(await scan({ cwd: join(outside, 'pkg'), paths: ['.'], workers: 0 }))).toEqual([]);
  });

  it('resolves the globs of configFile from cwd and its plugins from its directory', async () => {
    const cwd = project({
      'ci/plugin.mjs': `export { default } from ${JSON.stringify(TOY_PLUGIN)};`,
      'ci/oculum.json': '{ "plugins": ["./plugin.mjs"], "ignorePatterns": ["vendor/"], "overrides": [{ "files": "src/**", "rules": { "toy/no-danger": "warn" } }] }',
      'vendor/a.toy': 'danger\n',
      'src/b.toy': 'danger\n',
    });
    const result = await scan({ cwd, configFile: 'ci/oculum.json', workers: 0 });
    expect(summary(result)).toEqual(['src/b.toy:1 toy/no-danger warn']);
  });
});

describe('Windows-style globs', () => {
  it('warns on a backslash used as a directory separator in ignorePatterns, overrides[].files and excludedFiles, not on an escape', async () => {
    const cwd = project({
      '.oculumrc': JSON.stringify({
        ignorePatterns: ['third_party\\**', 'gen/\\[id\\].toy'],
        overrides: [{ files: ['tests\\**'], excludedFiles: 'tests\\keep.toy', rules: { 'toy/no-danger': 'off' } }],
      }),
      'third_party/v.toy': 'danger\n',
      'tests/t.toy': 'danger\n',
    });
    const result = await run(cwd);
    // the globs match nothing (as before), and the config says why
    expect(summary(result)).toEqual(['tests/t.toy:1 toy/no-danger error', 'third_party/v.toy:1 toy/no-danger error']);
    expect(result.diagnostics.map((d) => `${d.kind} ${d.severity} ${d.message}`)).toEqual([
      'config warning .oculumrc: ignorePatterns[0]: "third_party\\\\**" has a backslash that reads as a Windows path separator, so it probably does not match what was meant: use / in globs (\\ escapes the next character), e.g. "third_party/**"',
      'config warning .oculumrc: overrides[0].excludedFiles: "tests\\\\keep.toy" has a backslash that reads as a Windows path separator, so it probably does not match what was meant: use / in globs (\\ escapes the next character), e.g. "tests/keep.toy"',
      'config warning .oculumrc: overrides[0].files[0]: "tests\\\\**" has a backslash that reads as a Windows path separator, so it probably does not match what was meant: use / in globs (\\ escapes the next character), e.g. "tests/**"',
    ]);
  });

  it('reads a backslash before a glob metacharacter, another backslash or gitignore punctuation (\\#, \\-, \\ ) as an escape, one at a path-segment boundary as a separator', async () => {
    const { windowsSeparator } = await import('../src/config/resolve.js');
    expect(['src\\**', 'a\\b.py', 'src\\*.py', 'x\\?', 'end\\', 'C:\\work\\x'].map(windowsSeparator)).toEqual([true, true, true, true, true, true]);
    expect(['gen/\\[id\\].py', 'a\\{b\\}', 'lit\\\\name', '\\!keep', 'src/**/*.py', 'a\\(b\\)'].map(windowsSeparator)).toEqual([false, false, false, false, false, false]);
    // gitignore and picomatch escapes that work: a leading # or !, a trailing space, a literal -, and . after a wildcard
    expect(['\\#scratch.py', 'foo\\-bar.py', 'trailing\\ ', 'dir/\\!important.py', '*\\.pyc', 'a/\\b'].map(windowsSeparator)).toEqual([false, false, false, false, false, false]);
    // a separator before a letter, digit, _, *, ?, or . after a name (tests\.venv)
    expect(['tests\\.venv', 'src\\_gen', 'v2\\3', 'a\\-b\\c'].map(windowsSeparator)).toEqual([true, true, true, true]);
    const { separatorBackslashes } = await import('../src/config/resolve.js');
    expect(separatorBackslashes('a\\-b\\c\\#d')).toEqual([4]);
  });
});

describe('config errors', () => {
  const error = async (files: Record<string, string>): Promise<ConfigError> => {
    const cwd = project({ 'a.toy': 'x\n', ...files });
    try {
      await run(cwd);
    } catch (e) {
      return e as ConfigError;
    }
    throw new Error('expected a ConfigError');
  };

  it('names the file, the key path and the expected shape', async () => {
    const e = await error({ '.oculumrc': '{ "rules": { "toy/no-danger": ["on"] } }' });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe('.oculumrc: rules["toy/no-danger"][0]: expected "off" | "warn" | "error" | 0 | 1 | 2, got "on"');
    expect(e.keyPath).toBe('rules["toy/no-danger"][0]');
    expect(e.expected).toBe('"off" | "warn" | "error" | 0 | 1 | 2');
    expect(e.file).toMatch(/\.oculumrc$/);
  });

  it('rejects unknown keys, detectors, bad overrides and malformed files', async () => {
    expect((await error({ '.oculumrc': '{ "rule": {} }' })).message).toMatch(/^\.oculumrc: rule: expected one of the keys .*unknown key/);
    expect((await error({ '.oculumrc.json': '{ "detectors": { "nope": "off" } }' })).message).toMatch(/detectors\.nope: expected a detector/);
    expect((await error({ '.oculumrc.json': '{ "overrides": [{ "rules": {} }] }' })).message).toMatch(/overrides\[0\]\.files: expected a glob/);
    expect((await error({ '.oculumrc.json': '{ "rules": ' })).message).toMatch(/\.oculumrc\.json:1:12: invalid JSON: a value expected/);
    expect((await error({ '.oculumrc.json': '{\n  "rules": { foo: 1 }\n}' })).message).toMatch(/\.oculumrc\.json:2:14: invalid JSON: unexpected character \(keys and strings need double quotes\)/);
    expect((await error({ '.oculumrc.yaml': 'rules: [unclosed' })).message).toBe('.oculumrc.yaml:1:17: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
    // a tag the YAML parser cannot resolve: the config's error, with its place (not a warning the parser prints on stderr)
    expect((await error({ '.oculumrc.yml': 'settings: !!python/object/apply:os.system ["id"]\n' })).message).toBe(
      '.oculumrc.yml:1:11: invalid YAML: a tag that names no YAML type (a config holds plain values)',
    );
    expect((await error({ 'package.json': '{ "oculum": { "rules": { "toy/no-danger": "on" } } }' })).message).toBe(
      'package.json: oculum.rules["toy/no-danger"]: expected "off" | "warn" | "error" | 0 | 1 | 2, got "on"',
    );
  });

  it('a config nested deeper than the parser can read is a config error, not a crash', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    expect((await error({ '.oculumrc': `{ "settings": ${deep} }` })).message).toBe('.oculumrc: nested too deeply to read');
    // inside the scanned tree (a package.json that may hold "oculum"): said, left out, the scan goes on
    const cwd = project({ 'a.toy': 'danger\n', 'sub/package.json': `{ "oculum": ${deep} }`, 'sub/b.toy': 'danger\n' });
    const result = await run(cwd);
    expect(summary(result)).toEqual(['a.toy:1 toy/no-danger error', 'sub/b.toy:1 toy/no-danger error']);
    expect(result.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/^sub\/package\.json: nested too deeply to read\. This config is left out/));
  });

  it('does not parse a package.json that cannot hold an "oculum" key: broken or hostile, it is not a config', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const cwd = project({ 'a.toy': 'danger\n', 'sub/package.json': deep, 'sub/b.toy': 'danger\n', 'other/package.json': '{ "name": ', 'other/c.toy': 'danger\n' });
    const result = await run(cwd);
    expect(summary(result)).toEqual(['a.toy:1 toy/no-danger error', 'other/c.toy:1 toy/no-danger error', 'sub/b.toy:1 toy/no-danger error']);
    expect(result.diagnostics).toEqual([]);
  });

  it('rejects unknown rule ids with suggestions', async () => {
    const e = await error({ '.oculumrc': '{ "rules": { "toy/no-dangr": "error" } }' });
    expect(e.message).toBe('.oculumrc: rules["toy/no-dangr"]: unknown rule "toy/no-dangr"; did you mean "toy/no-danger"?');
    const ns = await error({ '.oculumrc': '{ "rules": { "torch/x": "error" } }' });
    expect(ns.message).toMatch(/unknown rule "torch\/x" \(no loaded plugin has the namespace "torch"; add it to "plugins"\)/);
  });

  it('rejects invalid rule options and unknown presets', async () => {
    expect((await error({ '.oculumrc': '{ "rules": { "toy/no-names": ["error", { "names": 1 }] } }' })).message).toMatch(
      /rules\["toy\/no-names"\]: invalid options for "toy\/no-names": names must be array$/,
    );
    expect((await error({ '.oculumrc': '{ "rules": { "toy/no-names": ["error", { "nme": [] }] } }' })).message).toMatch(/invalid options for "toy\/no-names": unknown property "nme"$/);
    expect((await error({ '.oculumrc': '{ "extends": "oculum:recomended" }' })).message).toMatch(/unknown preset "oculum:recomended"; did you mean "oculum:recommended"/);
    expect((await error({ '.oculumrc': '{ "extends": "toy/nope" }' })).message).toMatch(/unknown preset "toy\/nope"/);
  });

  // (review config36 P3) an unknown preset of a loaded plugin: that plugin's presets, not another's
  it('names the presets of the plugin an unknown preset names', async () => {
    expect((await error({ '.oculumrc': '{ "extends": ["toy/nope"] }' })).message).toMatch(/unknown preset "toy\/nope" \(the "toy" presets are "toy\/recommended"/);
  });

  // (review config36 P2-2) a file in extends, as ESLint's legacy configs took
  it('says that extends takes presets, not files', async () => {
    expect((await error({ '.oculumrc': '{ "extends": ["./base.json"] }' })).message).toMatch(/^\.oculumrc: extends: "\.\/base\.json" is a file: extends takes preset names \(oculum:recommended, oculum:strict, oculum:all or <namespace>\/<preset>\), not files/);
  });

  // (review config36 P1-3) an empty glob crashed the whole scan with an internal error naming nothing
  // (review config36 P1-2) a plugin's `configs.recommended` turning off another plugin's rule rewrote `oculum:recommended`
  it('keeps only a plugin\'s own rules from its presets in oculum:<preset>, and warns about the others', async () => {
    const cwd = project({
      'p.mjs': 'export default { meta: { namespace: "acme" }, rules: {}, configs: { recommended: { rules: { "toy/no-danger": "off" } } } };\n',
      '.oculumrc': '{ "plugins": ["./p.mjs"], "extends": ["oculum:recommended"] }',
      'a.toy': 'danger\n',
    });
    const result = await run(cwd);
    expect(summary(result)).toEqual(['a.toy:1 toy/no-danger error']);
    expect(result.diagnostics.map((d) => d.message)).toContain('plugin "acme": configs.recommended sets "toy/no-danger", a rule of another plugin; left out of "oculum:recommended" (a plugin\'s presets set its own rules only)');
  });

  it('rejects empty, empty-list and malformed override globs, naming the key', async () => {
    expect((await error({ '.oculumrc': '{ "overrides": [{ "files": [""], "rules": {} }] }' })).message).toBe('.oculumrc: overrides[0].files[0]: expected a non-empty glob, got ""');
    expect((await error({ '.oculumrc': '{ "overrides": [{ "files": "./", "rules": {} }] }' })).message).toBe('.oculumrc: overrides[0].files: expected a non-empty glob, got "./"');
    expect((await error({ '.oculumrc': '{ "overrides": [{ "files": [], "rules": {} }] }' })).message).toBe('.oculumrc: overrides[0].files: expected a glob or a non-empty array of globs, got an array (empty: an override for no file)');
    expect((await error({ '.oculumrc': '{ "overrides": [{ "files": ["a.toy"], "excludedFiles": "", "rules": {} }] }' })).message).toBe('.oculumrc: overrides[0].excludedFiles: expected a non-empty glob, got ""');
  });

  it('rejects a plugin that cannot be loaded', async () => {
    expect((await error({ '.oculumrc': '{ "plugins": ["./nope.mjs"] }' })).message).toMatch(/cannot load plugin "\.\/nope\.mjs"/);
  });

  // (review author36) a plugin's mistakes named when it is loaded, with the file, plugin and key
  it('names a plugin named without ./ that is beside the config (the line of a syntax error: packages/cli/tests/process.test.ts)', async () => {
    const bare = await error({ 'p.mjs': 'export default { meta: { namespace: "p" } };\n', '.oculumrc': '{ "plugins": ["p.mjs"] }' });
    expect(bare.message).toMatch(/a file of that name is beside the config: did you mean "\.\/p\.mjs"\?/);
  });

  it('rejects plugin rules given as an array, and a rule not made with createRule that lacks meta', async () => {
    const array = await error({ 'p.mjs': 'export default { meta: { namespace: "p" }, rules: [{}] };\n', '.oculumrc': '{ "plugins": ["./p.mjs"] }' });
    expect(array.message).toContain('plugin "./p.mjs": rules must be an object keyed by rule name (the id is "<namespace>/<key>"), not an array');
    const plain = await error({ 'p.mjs': 'export default { meta: { namespace: "p" }, rules: { plain: { meta: { detector: "unsafe_model_load" }, create() { return {}; } } } };\n', '.oculumrc': '{ "plugins": ["./p.mjs"] }' });
    expect(plain.message).toContain('plugin "./p.mjs": rules["plain"]: Rule "plain" meta.severity is required');
  });

  it('warns about a rule whose languages no loaded plugin reads, and a rule key that is not its name', async () => {
    const rule = (name: string, languages: string) =>
      `{ name: "${name}", meta: { detector: "unsafe_model_load", severity: "high", languages: ["${languages}"], triggers: [], docs: { description: "d" }, messages: { m: "M." }, remediation: "r" }, create() { return {}; } }`;
    const cwd = project({
      'a.toy': 'x\n',
      'p.mjs': `export default { meta: { namespace: "p" }, rules: { ts: ${rule('ts', 'typescript')}, short: ${rule('long-name', 'toy')} } };\n`,
      '.oculumrc': '{ "plugins": ["./p.mjs"] }',
    });
    const result = await run(cwd);
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toContain('rule "p/ts" serves "typescript", which no loaded plugin reads (the languages are "toy", "toybin"): it never runs');
    expect(messages).toContain('plugin "p" registers the rule named "long-name" under the key "short": its id is "p/short" (the key of `rules` names it, not createRule\'s name)');
  });

  it('unknown rules in the rule filter are usage errors', async () => {
    const cwd = project({ 'a.toy': 'x\n' });
    await expect(run(cwd, { onlyRules: ['toy/no-dager'] })).rejects.toThrow(/Unknown rule "toy\/no-dager" in the rule filter; did you mean "toy\/no-danger"/);
    // nothing close: the rules of its namespace, or where to find them
    await expect(run(cwd, { onlyRules: ['toy/nope'] })).rejects.toThrow('Unknown rule "toy/nope" in the rule filter; the "toy" rules are "toy/bad-payload", "toy/deep-only", "toy/no-danger", "toy/no-names"');
    await expect(run(cwd, { onlyRules: ['zzz/qqqqqqqq'] })).rejects.toThrow('Unknown rule "zzz/qqqqqqqq" in the rule filter; list the rules with `oculum rules`');
  });
});

describe('trust of configs inside the scanned tree', () => {
  it('the user config may load plugins relative to its directory', async () => {
    const cwd = project({
      'tools/plugin.mjs': `export { default } from ${JSON.stringify(TOY_PLUGIN)};`,
      '.oculumrc': '{ "plugins": ["./tools/plugin.mjs"], "extends": "oculum:recommended" }',
      'a.toy': 'danger\n',
    });
    const result = await scan({ cwd, workers: 0 });
    expect(summary(result)).toEqual(['a.toy:1 toy/no-danger error']);
  });

  it('a single plugin may be named without a list, as extends may', async () => {
    const cwd = project({
      'tools/plugin.mjs': `export { default } from ${JSON.stringify(TOY_PLUGIN)};`,
      '.oculumrc': '{ "plugins": "./tools/plugin.mjs", "extends": "oculum:recommended" }',
      'a.toy': 'danger\n',
    });
    const result = await scan({ cwd, workers: 0 });
    expect(summary(result)).toEqual(['a.toy:1 toy/no-danger error']);
    const bad = project({ '.oculumrc': '{ "plugins": 3 }', 'a.toy': 'danger\n' });
    await expect(scan({ cwd: bad, workers: 0 })).rejects.toThrow(/plugins: expected a string or an array of strings, got 3/);
  });

  it('nested configs cannot load plugins: warning, plugin ignored', async () => {
    const cwd = project({
      'vendor/evil.mjs': 'throw new Error("must never run")',
      'vendor/.oculumrc': '{ "plugins": ["./evil.mjs"], "rules": { "evil/x": "off" } }',
      'vendor/a.toy': 'danger\n',
    });
    const result = await run(cwd);
    expect(summary(result)).toEqual(['vendor/a.toy:1 toy/no-danger error']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'vendor/.oculumrc: plugins "./evil.mjs" ignored: configs inside the scanned tree cannot load code (name them in your own config: the .oculumrc of the working directory, or a file given with --config)',
      'vendor/.oculumrc: rules["evil/x"]: rule "evil/x" ignored: no loaded plugin has the namespace "evil"',
    ]);
  });

  // (review config36 P2-4) the suppression names the override block that turned the rule off
  it('names the override block of a nested config in a suppression', async () => {
    const cwd = project({
      'vendor/.oculumrc': '{ "overrides": [{ "files": ["*.toy"], "rules": { "toy/no-danger": "off" } }] }',
      'vendor/a.toy': 'danger\n',
    });
    expect(summary(await run(cwd))).toEqual(['vendor/a.toy:1 toy/no-danger error [external: disabled by vendor/.oculumrc overrides[0]]']);
  });

  it('rules a nested config turns off still run, their findings suppressed as external', async () => {
    const cwd = project({
      '.oculumrc': '{ "extends": "oculum:strict" }',
      'vendor/.oculumrc': '{ "rules": { "toy/no-danger": "off" }, "detectors": { "unverified_model_source": "off" } }',
      'vendor/a.toy': 'danger evil\n',
      'vendor/inner/.oculumrc': '{ "rules": { "toy/no-danger": "warn" } }',
      'vendor/inner/b.toy': 'danger\n',
    });
    // vendor/inner turns the rule on again, but not lower than "error"
    expect(summary(await run(cwd))).toEqual([
      'vendor/a.toy:1 toy/no-danger error [external: disabled by vendor/.oculumrc]',
      'vendor/a.toy:1 toy/no-names warn [external: disabled by vendor/.oculumrc]',
      'vendor/inner/b.toy:1 toy/no-danger error',
    ]);
  });

  it('a nested config may not change settings or options, nor lower a rule to warn: said, and not applied', async () => {
    const { seen, plugin } = settingsProbe();
    const cwd = project({
      '.oculumrc': '{ "settings": { "minConfidence": "low", "trusted": ["a"] }, "rules": { "toy/no-names": ["warn", { "names": ["evil"] }] } }',
      'vendor/.oculumrc': '{ "settings": { "minConfidence": "high", "trusted": ["attacker"] }, "rules": { "toy/no-danger": "warn", "toy/no-names": ["error", { "names": [] }] } }',
      'vendor/a.toy': 'danger evil\n',
    });
    const result = await scan({ cwd, plugins: [TOY_PLUGIN, plugin], workers: 0 });
    expect(seen).toEqual([{ minConfidence: 'low', trusted: ['a'] }]);
    expect(summary(result)).toEqual(['vendor/a.toy:1 toy/no-danger error', 'vendor/a.toy:1 toy/no-names error']);
    const messages = result.diagnostics.filter((d) => d.kind === 'config' && !/unknown setting/.test(d.message)).map((d) => d.message);
    expect(messages).toEqual([
      'vendor/.oculumrc: "toy/no-danger" stays "error": a config inside the scanned tree may not lower a rule to "warn"; to lower it, move it to "overrides" in your own config .oculumrc: { "files": ["vendor/**"], "rules": { "toy/no-danger": "warn" } }, or run oculum from vendor/, where vendor/.oculumrc is your own config',
      expect.stringMatching(/vendor\/\.oculumrc: options of "toy\/no-names" not applied/),
      expect.stringMatching(/vendor\/\.oculumrc: settings "minConfidence", "trusted" not applied: a config inside the scanned tree may turn rules on and off, not change settings/),
    ]);
  });

  it('ignorePatterns of a nested config do not hide files: findings are suppressed', async () => {
    const cwd = project({
      'vendor/.oculumrc': '{ "ignorePatterns": ["gen/"] }',
      'vendor/gen/a.toy': 'danger\n',
      '.oculumrc': '{ "ignorePatterns": ["skipme/"] }',
      'skipme/b.toy': 'danger\n',
    });
    expect(summary(await run(cwd))).toEqual(['vendor/gen/a.toy:1 toy/no-danger error [external: ignored by vendor/.oculumrc]']);
  });
});

describe('listRules', () => {
  it('lists every rule with its presets', async () => {
    const cwd = project({});
    const rules = await listRules({ cwd, plugins: [TOY_PLUGIN] });
    expect(rules.map((r) => [r.id, r.plugin, r.presets])).toEqual([
      ['toy/bad-payload', 'oculum-plugin-toy', ['oculum:recommended', 'oculum:strict', 'oculum:all', 'toy/recommended', 'toy/strict', 'toy/all']],
      ['toy/deep-only', 'oculum-plugin-toy', ['oculum:all', 'toy/all']],
      ['toy/no-danger', 'oculum-plugin-toy', ['oculum:recommended', 'oculum:strict', 'oculum:all', 'toy/recommended', 'toy/strict', 'toy/all']],
      ['toy/no-names', 'oculum-plugin-toy', ['oculum:strict', 'oculum:all', 'toy/strict', 'toy/all']],
    ]);
  });

  it('includes plugins of the user config', async () => {
    const cwd = project({ 'p.mjs': `export { default } from ${JSON.stringify(TOY_PLUGIN)};`, '.oculumrc': '{ "plugins": ["./p.mjs"] }' });
    expect((await listRules({ cwd })).length).toBe(4);
    expect((await listRules({ cwd, noConfig: true })).length).toBe(0);
    void join;
  });
});

describe('ConfigResolver.forFile', () => {
  it('resolves one config for the directories that share their config files, another below a config', async () => {
    const { ConfigResolver } = await import('../src/config/resolve.js');
    const { loadPlugin, PluginRegistry } = await import('../src/config/plugins.js');
    const cwd = project({
      'a/x.toy': '',
      'a/b/y.toy': '',
      'c/z.toy': '',
      'tuned/.oculumrc': '{ "rules": { "toy/no-names": "error" } }',
      'tuned/d/w.toy': '',
    });
    const registry = new PluginRegistry();
    registry.add(await loadPlugin(TOY_PLUGIN, cwd, 'test'));
    const resolver = new ConfigResolver({ cwd, registry, depth: 'standard', diagnostics: [] });
    const [x, y, z, w] = ['a/x.toy', 'a/b/y.toy', 'c/z.toy', 'tuned/d/w.toy'].map((f) => resolver.forFile(join(cwd, f)));
    expect(y).toBe(x);
    expect(z).toBe(x);
    expect(w).not.toBe(x);
    expect(w.rules.find((r) => r.id === 'toy/no-names')?.level).toBe('error');
    expect(x.rules.find((r) => r.id === 'toy/no-names')?.level).not.toBe('error');
    expect(resolver.forFile(join(cwd, 'tuned/v.toy'))).toBe(w);
  });
});
