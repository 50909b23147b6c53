/**
 * Worker thread entry: imports the plugins itself (by URL), then lints the files the main thread
 * sends. Languages are initialised once per thread (lintText memoizes `init`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPlugin, PluginRegistry } from './config/plugins.js';
import { lintTextWithDetails } from './lint.js';
import type { LintTask, TaskConfig, WorkerInit, WorkerReply } from './worker-protocol.js';

const init = workerData as WorkerInit;
const configs = new Map<number, TaskConfig>();

const ready = (async () => {
  const registry = new PluginRegistry();
  for (const url of init.pluginUrls) registry.add(await loadPlugin(url, init.cwd, 'worker'));
  return registry;
})();

parentPort!.on('message', async (task: LintTask) => {
  let reply: WorkerReply;
  let registry: PluginRegistry;
  try {
    registry = await ready;
  } catch (error) {
    parentPort!.postMessage({ id: task.id, ok: false, init: true, error: String((error as Error)?.message ?? error) } satisfies WorkerReply);
    return;
  }
  try {
    if (task.config) configs.set(task.configId, task.config);
    const config = configs.get(task.configId);
    if (!config) throw new Error(`unknown config ${task.configId}`);
    const language = registry.languages.get(task.languageId);
    if (!language) throw new Error(`language "${task.languageId}" is not available in the worker`);
    const details = await lintTextWithDetails({
      path: task.path,
      text: task.text,
      language,
      rules: config.rules.map((r) => {
        const entry = registry.rules.get(r.id);
        if (!entry) throw new Error(`rule "${r.id}" is not available in the worker`);
        return { ...r, rule: entry.rule };
      }),
      settings: config.settings,
      depth: init.depth,
      cwd: init.cwd,
      fix: init.fix,
      skipOptionValidation: true,
      dormantRules: new Map(config.dormant),
    });
    reply = { id: task.id, ok: true, details };
  } catch (error) {
    reply = { id: task.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
