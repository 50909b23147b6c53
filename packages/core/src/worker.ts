/**
 * Worker thread entry: imports the plugins itself (by URL), those of a language when its first file
 * arrives, then lints the files the main thread sends. Languages are initialised once per thread
 * (lintText memoizes `init`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPlugin, type LoadedPlugin } from './config/plugins.js';
import { initLanguage, lintTextWithDetails } from './lint.js';
import type { Language, Rule } from './types.js';
import type { LintTask, TaskConfig, WorkerInit, WorkerReply } from './worker-protocol.js';

const init = workerData as WorkerInit;
const configs = new Map<number, TaskConfig>();

interface Ready {
  language: Language<any>;
  rules: Map<string, Rule<any, any>>;
}

const plugins = new Map<number, Promise<LoadedPlugin>>();
const load = (index: number): Promise<LoadedPlugin> => {
  let loaded = plugins.get(index);
  if (!loaded) plugins.set(index, (loaded = loadPlugin(init.pluginUrls[index], init.cwd, 'worker')));
  return loaded;
};

const languages = new Map<string, Promise<Ready>>();
/** The language and the rules its files may use, once their plugins are loaded (once per language). */
function ready(languageId: string): Promise<Ready> {
  let r = languages.get(languageId);
  if (!r) {
    const indices = init.languagePlugins[languageId] ?? [];
    r = Promise.all(indices.map(load)).then((loaded) => {
      // The provider comes first; the first plugin that has the language, as in the main thread.
      const language = loaded.map(({ plugin }) => Object.values(plugin.languages ?? {}).find((l) => l.id === languageId)).find((l) => l !== undefined);
      if (!language) throw new Error(`language "${languageId}" is not available in the worker`);
      const rules = new Map<string, Rule<any, any>>();
      for (const { plugin } of loaded) for (const [name, rule] of Object.entries(plugin.rules ?? {})) rules.set(`${plugin.meta.namespace}/${name}`, rule);
      return { language, rules };
    });
    languages.set(languageId, r);
  }
  return r;
}

// Start on the tree's main language (its plugins and its parser) while the main thread still looks
// for files. A failure shows on the first task of that language.
for (const id of init.eagerLanguages) {
  ready(id)
    .then((r) => initLanguage(r.language))
    .catch(() => undefined);
}

parentPort!.on('message', async (task: LintTask) => {
  let reply: WorkerReply;
  let loaded: Ready;
  try {
    loaded = await ready(task.languageId);
  } catch (error) {
    parentPort!.postMessage({ id: task.id, ok: false, init: true, error: String((error as Error)?.message ?? error) } satisfies WorkerReply);
    return;
  }
  try {
    if (task.config) configs.set(task.configId, task.config);
    const config = configs.get(task.configId);
    if (!config) throw new Error(`unknown config ${task.configId}`);
    const details = await lintTextWithDetails({
      path: task.path,
      text: task.text,
      language: loaded.language,
      rules: config.rules.map((r) => {
        const rule = loaded.rules.get(r.id);
        if (!rule) throw new Error(`rule "${r.id}" is not available in the worker`);
        return { ...r, rule };
      }),
      settings: config.settings,
      depth: init.depth,
      cwd: init.cwd,
      fix: init.fix,
      skipOptionValidation: true,
      dormantRules: new Map(config.dormant),
      ...(task.triggered ? { triggered: task.triggered } : {}),
    });
    reply = { id: task.id, ok: true, details };
  } catch (error) {
    reply = { id: task.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
