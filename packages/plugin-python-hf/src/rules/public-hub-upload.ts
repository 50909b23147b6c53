import { createRule, UNKNOWN, type Confidence } from '@oculum/core';
import { calleeName, calleeOf, displayText, receiverOf, statementOf, type PyNode, type PySourceCode } from '../util/ast.js';
import { importsHf, isHfApiInstance } from '../util/hub.js';
import { resolve, valuesOf } from '../util/resolve.js';
import { callCommandTokens, runsCommand } from '../util/download.js';
import { docsUrl } from '../util/meta.js';
import { flag, isTrainingArgs, privacyFlag, pushWithoutPrivacy, trainerArgsCall, trainingBefore } from '../util/training.js';

const name = 'public-hub-upload';

const RULE_TRIGGERS = ['push_to_hub', 'save_to_hub', 'create_repo', 'update_repo_visibility', 'update_repo_settings', 'upload_folder', 'upload_file', 'create_commit', 'upload_large_folder', 'upload_preset', 'package_to_hub', 'upload_repo', 'upload-repo', 'upload_to_hub', 'hf://'];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unsafe_finetuning',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    docs: {
      description: 'Reports fine-tuned models, tokenizers, datasets and repositories published to the Hugging Face Hub publicly, or right after training with no evaluation step.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      publicArgs: '{{api}}(push_to_hub=True) publishes every saved checkpoint to a public Hub repository during training, before anyone reviews it. Set hub_private_repo=True.',
      publicPush: '{{target}}.push_to_hub(...) publishes to a public Hub repository{{extra}}. Pass private=True and publish only after evaluation and review.',
      repositoryPush:
        '{{target}}.push_to_hub(...) publishes to a public Hub repository{{extra}} if {{target}} holds a model, tokenizer or dataset: pass private=True there. If it is a git `Repository`, its push_to_hub has no private option and pushes to a repository that already exists: make that repository private where it is created.',
      publicVariantPush: '{{target}}.{{method}}(...) publishes the merged or quantized model to a public Hub repository{{extra}}. Pass private=True and publish only after evaluation and review.',
      trainerPush: '{{target}}.push_to_hub() publishes the trained model to a public Hub repository (its TrainingArguments have no hub_private_repo=True){{extra}}.',
      trainerPushUnseen: '{{target}}.push_to_hub() publishes the trained model to the Hub, public unless the trainer\'s arguments, built where this file does not show (the command line, a config, another module), set hub_private_repo=True{{extra}}.',
      publicSavePush: 'save_pretrained(..., push_to_hub=True) publishes to a public Hub repository{{extra}}. Pass private=True, or push separately after review.',
      publicRepo: '{{api}}(...) creates a public repository (no private=True); anything uploaded to it is published immediately.',
      madePublic: '{{api}}(..., private=False) makes a Hub repository public; publish only after the model was evaluated and reviewed.',
      unreviewedUpload: '{{api}}(...) uploads right after training {{where}} with no evaluation or review step in between.',
      publicSaveToHub: '{{target}}.save_to_hub(...) publishes the Sentence Transformers model to a public Hub repository (its private defaults to None, the account\'s default visibility){{extra}}. Pass private=True and publish only after evaluation and review.',
      publicLibraryUpload:
        '{{api}}(...) publishes {{what}} to a Hub repository it creates {{how}}{{extra}}; only a repository that already exists as private stays private. Create the repository with private=True first, and publish only after evaluation and review.',
      publicKerasPush: 'push_to_hub_keras(...) publishes the model to a public Hub repository (its private defaults to False){{extra}}. Pass private=True and publish only after evaluation and review.',
    },
    remediation: 'Publish fine-tuned artifacts privately (`hub_private_repo=True`, `push_to_hub(..., private=True)`, `create_repo(..., private=True)`) and make them public only after evaluating and reviewing the model.',
  },
  create(context) {
    const sc = context.sourceCode;
    const hf = importsHf(sc);
    /** Where training and upload sit together: a function, or the top level of a script or notebook. */
    const whereOf = (node: PyNode): string =>
      sc.enclosingFunction(node).type === 'function_definition' ? 'in this function' : sc.rendered ? 'in this notebook' : 'in this file';
    const extra = (node: PyNode): string => {
      const t = trainingBefore(sc, node);
      return t.training && !t.review ? ', right after training with no evaluation or review step' : '';
    };
    return {
      call(node: PyNode) {
        const fn = calleeOf(node);
        if (!fn) return;
        const qn = sc.qualifiedName(fn);
        // a method named by `getattr(model, "push_to_hub")(...)` (a constant name, no default), as `model.push_to_hub(...)`
        const named = getattrMethod(sc, fn);
        const isMethod = fn.type === 'attribute' || !!named;
        const recvOf = (call: PyNode): PyNode | null => (named && call.id === node.id ? named.object : receiverOf(call));
        // what is published: `processor.image_processor` for `getattr(processor, "image_processor").push_to_hub(...)`
        const receiverLabel = (call: PyNode) => {
          const r = recvOf(call);
          return r ? displayText(sc, r) : 'object';
        };
        // Hub functions under another name (`from huggingface_hub import create_repo as mk_repo`) by
        // what they resolve to; methods by their own name.
        const method = fn.type === 'identifier' && qn?.startsWith('huggingface_hub.') ? qn.slice(qn.lastIndexOf('.') + 1) : (named?.name ?? calleeName(node) ?? '');
        const baseConfidence: Confidence = hf ? 'high' : 'medium';

        if (isTrainingArgs(qn)) {
          if (flag(sc, node, 'push_to_hub') !== 'true') return;
          const priv = privacyFlag(sc, node, 'hub_private_repo');
          if (priv === 'true' || priv === 'unknown') return;
          context.report({ node, messageId: 'publicArgs', data: { api: qn!.split('.').pop()! } });
          return;
        }

        // Libraries that create the repository themselves and upload to it: huggingface_sb3's `package_to_hub(model, …,
        // repo_id, …)` and `push_to_hub(repo_id, filename, commit_message)` (`create_repo(…, private=False,
        // exist_ok=True)`), mlx-lm's `convert(hf_path, …, upload_repo=…)` and `upload_to_hub(path, upload_repo)`
        // (mlx_lm/utils.py: `create_repo(repo_id=upload_repo, exist_ok=True)`, the account's default visibility)
        const library = qn ? libraryUpload(sc, node, qn) : undefined;
        if (library) {
          // (a repository this function created private just before stays private)
          if (createdPrivateBefore(sc, node, library.repo)) return;
          context.report({ node, messageId: 'publicLibraryUpload', data: { api: library.api, what: library.what, how: library.how, extra: extra(node) }, confidence: library.how.startsWith('public') ? 'high' : 'medium' });
          return;
        }

        // `subprocess.run(["mlx_lm.convert", "--hf-path", …, "--upload-repo", "me/m"])`: the same upload from the command line
        const cli = cliUpload(sc, node, method);
        if (cli) {
          if (createdPrivateBefore(sc, node, node, { value: cli.repo })) return;
          context.report({ node, messageId: 'publicLibraryUpload', data: { api: cli.api, what: 'the converted model (`--upload-repo`)', how: ACCOUNT_DEFAULT, extra: extra(node) }, confidence: 'medium' });
          return;
        }

        // unsloth's `model.push_to_hub_merged(repo, tokenizer, ...)` / `push_to_hub_gguf(...)`: public unless private=True
        if ((method === 'push_to_hub_merged' || method === 'push_to_hub_gguf') && isMethod) {
          const priv = privacyFlag(sc, node, 'private');
          if (priv === 'true' || priv === 'unknown') return;
          context.report({ node, messageId: 'publicVariantPush', data: { target: receiverLabel(node), method, extra: extra(node) }, confidence: baseConfidence });
          return;
        }

        if (method === 'push_to_hub' && isMethod) {
          const priv = privacyFlag(sc, node, 'private');
          if (priv === 'true' || priv === 'unknown') return;
          const recv = recvOf(node);
          if (priv === 'absent' && (pushWithoutPrivacy(sc, node) || ownPushWithoutPrivacy(sc, recv))) return;
          const { trainer, args } = trainerArgsCall(sc, recv);
          if (trainer) {
            if (args) {
              const p = privacyFlag(sc, args, 'hub_private_repo');
              if (p === 'true' || p === 'unknown') return;
              context.report({ node, messageId: 'trainerPush', data: { target: receiverLabel(node), extra: extra(node) }, confidence: baseConfidence });
            } else if (!guardedByPushFlag(node)) {
              // Arguments built elsewhere (a CLI parser, a config object, another module): they may set
              // hub_private_repo, so low confidence; not at all when the push runs only if those
              // arguments ask for it (`if training_args.push_to_hub: trainer.push_to_hub()`), where the
              // same place that opts in also says whether the repository is private.
              context.report({ node, messageId: 'trainerPushUnseen', data: { target: receiverLabel(node), extra: extra(node) }, confidence: 'low' });
            }
            return;
          }
          // A trainer built elsewhere (`self.trainer.push_to_hub()`, a parameter): its arguments, out of
          // sight, say where it pushes: low confidence, unless the push runs only under their own flag.
          // Not what it holds: `trainer.model.push_to_hub(...)` is a model's push, public by default.
          if (recv && /trainer/i.test(recv.type === 'attribute' ? (recv.childForFieldName('attribute')?.text ?? '') : recv.text) && priv === 'absent') {
            if (!guardedByPushFlag(node)) context.report({ node, messageId: 'trainerPushUnseen', data: { target: receiverLabel(node), extra: extra(node) }, confidence: 'low' });
            return;
          }
          // A receiver named as a repository whose value is out of sight (`def finish(repo): repo.push_to_hub()`):
          // often huggingface_hub's git `Repository`, which has no private option (review difftrain P3-1)
          if (priv === 'absent' && unseenRepository(sc, recv)) {
            context.report({ node, messageId: 'repositoryPush', data: { target: receiverLabel(node), extra: extra(node) }, confidence: 'low' });
            return;
          }
          context.report({ node, messageId: 'publicPush', data: { target: receiverLabel(node), extra: extra(node) }, confidence: baseConfidence });
          return;
        }

        // sentence-transformers' deprecated `model.save_to_hub(repo_id, organization=None, token=None, private=None, …)`
        // (SentenceTransformer.py): like `push_to_hub`, public unless private=True. Only on a model a
        // `sentence_transformers` class built (projects name their own functions `save_to_hub`)
        if (method === 'save_to_hub' && fn.type === 'attribute' && builtBySentenceTransformers(sc, receiverOf(node))) {
          const given = sc.argument(node, { name: 'private' }) ?? sc.argument(node, { position: 3 });
          const priv = given && !sc.argument(node, { name: 'private' }) ? positionalFlag(sc, given) : privacyFlag(sc, node, 'private');
          if (priv === 'true' || priv === 'unknown') return;
          context.report({ node, messageId: 'publicSaveToHub', data: { target: receiverLabel(node), extra: extra(node) }, confidence: 'high' });
          return;
        }

        // huggingface_hub's Keras mixin: `push_to_hub_keras(model, "org/m")`, public unless private=True
        if (qn && /^huggingface_hub\.(?:keras_mixin\.)?push_to_hub_keras$/.test(qn)) {
          const priv = privacyFlag(sc, node, 'private');
          if (priv === 'true' || priv === 'unknown') return;
          context.report({ node, messageId: 'publicKerasPush', data: { extra: extra(node) }, confidence: baseConfidence });
          return;
        }

        // Keras 3's `model.save("hf://org/m")` / `keras.saving.save_model(model, "hf://org/m")`: saving_lib's
        // `_upload_model_to_hf` runs `HfApi().create_repo(hf_path, exist_ok=True)` (no private option) and
        // uploads the model (review keras P2-2)
        const keras = kerasHubSave(sc, node, qn, method, fn.type === 'attribute');
        if (keras) {
          if (createdPrivateBefore(sc, node, keras.path, keras.repo)) return;
          context.report({
            node,
            messageId: 'publicLibraryUpload',
            data: { api: qn && KERAS_SAVE_MODEL.test(qn) ? qn : `${receiverLabel(node)}.save`, what: 'the model (to an `hf://` path)', how: ACCOUNT_DEFAULT, extra: extra(node) },
            confidence: keras.confidence,
          });
          return;
        }

        // KerasHub `upload_preset("hf://org/m", preset_dir)` right after training: like `upload_folder`
        if (qn && /^(?:keras_hub|keras_nlp)\.upload_preset$/.test(qn)) {
          const uri = sc.argument(node, { name: 'uri', position: 0 });
          const value = uri ? sc.constant(uri) : UNKNOWN;
          if (typeof value === 'string' && !/^hf:\/\//i.test(value)) return;
          const t = trainingBefore(sc, node);
          if (t.training && !t.review) context.report({ node, messageId: 'unreviewedUpload', data: { api: 'upload_preset', where: whereOf(node) }, confidence: 'medium' });
          return;
        }

        if (method === 'save_pretrained' && fn.type === 'attribute') {
          if (flag(sc, node, 'push_to_hub') !== 'true') return;
          const priv = privacyFlag(sc, node, 'private');
          if (priv === 'true' || priv === 'unknown') return;
          context.report({ node, messageId: 'publicSavePush', data: { extra: extra(node) }, confidence: baseConfidence });
          return;
        }

        if (method === 'create_repo' && isHubApi(sc, node, qn)) {
          const priv = privacyFlag(sc, node, 'private');
          if (priv === 'true' || priv === 'unknown') return;
          context.report({ node, messageId: 'publicRepo', data: { api: 'create_repo' } });
          return;
        }

        if ((method === 'update_repo_visibility' || method === 'update_repo_settings') && isHubApi(sc, node, qn)) {
          if (privacyFlag(sc, node, 'private') === 'false') context.report({ node, messageId: 'madePublic', data: { api: method } });
          return;
        }

        if (['upload_folder', 'upload_file', 'create_commit', 'upload_large_folder'].includes(method) && isHubApi(sc, node, qn)) {
          const t = trainingBefore(sc, node);
          if (t.training && !t.review && !createdPrivateBefore(sc, node)) context.report({ node, messageId: 'unreviewedUpload', data: { api: method, where: whereOf(node) }, confidence: 'medium' });
        }
      },
    };
  },
});

/**
 * A library function that creates a Hub repository without `private=True` and uploads to it (see the
 * call above): what it publishes and how it creates the repository; `undefined` for any other call, and
 * for mlx-lm's `convert` given no `upload_repo` (or `None`).
 */
function libraryUpload(sc: PySourceCode, call: PyNode, qn: string): { api: string; what: string; how: string; repo: PyNode | undefined } | undefined {
  if (/^huggingface_sb3\.(?:push_to_hub\.)?(?:package_to_hub|push_to_hub)$/.test(qn)) {
    const api = qn.slice(qn.lastIndexOf('.') + 1);
    // package_to_hub(model, model_name, model_architecture, env_id, eval_env, repo_id, …); push_to_hub(repo_id, filename, …)
    const repo = sc.argument(call, { name: 'repo_id', position: api === 'package_to_hub' ? 5 : 0 });
    return { api, what: api === 'package_to_hub' ? 'the trained agent, its evaluation and a replay video' : 'the agent file', how: 'public (it passes private=False)', repo };
  }
  // (mlx-vlm mirrors mlx-lm: `mlx_vlm.utils.upload_to_hub(path, upload_repo, hf_path)` and
  // `convert(hf_path, …, upload_repo=…)` run `HfApi().create_repo(repo_id=upload_repo, exist_ok=True)`)
  const upload = /^(mlx_lm|mlx_vlm)\.(?:utils\.)?upload_to_hub$/.exec(qn);
  if (upload) return { api: `${upload[1]}.upload_to_hub`, what: 'the converted model', how: ACCOUNT_DEFAULT, repo: sc.argument(call, { name: 'upload_repo', position: 1 }) };
  // `upload_repo`'s position: 7 in mlx_lm.convert's `convert` (after `q_mode`), 6 in mlx-lm ≤ 0.19's
  // `mlx_lm.utils.convert`; mlx-vlm moved it between releases: by keyword only there
  const convert = /^(mlx_lm|mlx_vlm)\.(?:(convert|utils)\.)?convert$/.exec(qn);
  if (convert) {
    const position = convert[1] === 'mlx_vlm' ? undefined : convert[2] === 'utils' ? 6 : 7;
    const repo = sc.argument(call, position === undefined ? { name: 'upload_repo' } : { name: 'upload_repo', position });
    if (!repo || repo.type === 'none' || sc.constant(repo) === null) return undefined;
    return { api: `${convert[1]}.convert`, what: 'the converted model (`upload_repo=`)', how: ACCOUNT_DEFAULT, repo };
  }
  return undefined;
}

const ACCOUNT_DEFAULT = 'with no private=True, at the account\'s default visibility';
/** Keras 3's functional saver (`keras.saving.save_model(model, filepath)`, also through `tf.keras`). */
const KERAS_SAVE_MODEL = /^(?:keras|tensorflow\.keras)\.(?:saving|models)\.save_model$/;

/**
 * A Keras save to the Hub: `model.save(filepath)` or `keras.saving.save_model(model, filepath)` whose
 * `filepath` is `hf://owner/name` (Keras 3 accepts only `namespace/model_name` there; `hf://datasets/…` is
 * an fsspec path, no Keras upload). A literal (or a constant) is high confidence; an f-string known only by
 * its start (`f"hf://{repo}"`), or a default the run may override, medium. `repo`: the repository id, to
 * compare with a `create_repo(..., private=True)` before it.
 */
function kerasHubSave(
  sc: PySourceCode,
  call: PyNode,
  qn: string | undefined,
  method: string,
  isMethod: boolean,
): { path: PyNode; repo: { value?: string; text?: string }; confidence: Confidence } | undefined {
  let path: PyNode | undefined;
  if (qn && KERAS_SAVE_MODEL.test(qn)) path = sc.argument(call, { name: 'filepath', position: 1 });
  // a method `save` (module functions such as `torch.save`/`numpy.save` have a qualified name outside Keras and
  // stop here), in a file that uses Keras, on a receiver not known to hold something else (a PIL image, a
  // storage object): any other `.save("hf://…")` belongs to another library (review w38hf P2-1)
  else if (method === 'save' && isMethod && (!qn || KERAS_PREFIX.test(qn)) && KERAS_MODULES.some((m) => sc.imports.has(m)) && !otherReceiver(sc, call)) {
    path = sc.argument(call, { name: 'filepath', position: 0 });
  }
  if (!path || !mayHoldHfPath(sc, path)) return undefined;
  const r = resolve(sc, path);
  if (r.kind === 'string') {
    const m = /^hf:\/\/([^/]+\/[^/]+)$/i.exec(r.value);
    return m ? { path, repo: { value: m[1] }, confidence: r.soft ? 'medium' : 'high' } : undefined;
  }
  if (r.kind === 'prefix' && /^hf:\/\//i.test(r.value) && !/^hf:\/\/(?:datasets|spaces)\//i.test(r.value)) {
    // Keras takes `hf://owner/name` only: a known end with a further path segment or an extension
    // (`f"hf://{repo}/samples/0.png"`, `f"hf://{repo_id}/config.yaml"`) is a file path of another library
    const pieces = sc.stringPieces(path) ?? [r.value];
    const known = pieces.join('').replace(/^hf:\/\//i, '');
    const last = pieces.length > 1 ? pieces[pieces.length - 1] : '';
    if ((known.match(/\//g) ?? []).length > 1 || /\//.test(last) || /\.[a-z][a-z0-9]{0,4}$/i.test(last)) return undefined;
    const parts = path.type === 'string' ? path.namedChildren.filter((c) => c.type !== 'string_start' && c.type !== 'string_end') : [];
    // `f"hf://{repo_id}"`: the id's own text
    const inner = parts.length === 2 && parts[0].type === 'string_content' && parts[0].text === 'hf://' && parts[1].type === 'interpolation' ? parts[1].childForFieldName('expression') : null;
    return { path, repo: inner ? { text: sc.getText(inner) } : {}, confidence: 'medium' };
  }
  return undefined;
}

/** Modules whose import makes a method `.save("hf://…")` Keras's. */
const KERAS_MODULES = ['keras', 'tf_keras', 'tensorflow', 'keras_hub', 'keras_nlp'];
const KERAS_PREFIX = /^(?:keras|tf_keras|tensorflow|keras_hub|keras_nlp)\./;

/** The receiver of `call` is known to hold an instance of an imported library other than Keras (`Image.open(p)`). */
function otherReceiver(sc: PySourceCode, call: PyNode): boolean {
  const recv = receiverOf(call);
  if (!recv) return false;
  const types = sc.instanceTypes(recv);
  return types.length > 0 && types.every((t) => !KERAS_PREFIX.test(t) && sc.imports.has(t.split('.')[0]));
}

/**
 * Whether the path argument can hold `hf://` at all, without resolving it: its own text mentions it
 * (a literal, `"hf://" + repo`), or a name (alone, or a hole of an f-string) has a binding, or a default,
 * whose text mentions it (review w38hf P1-1: every `.save(x)` of the file was resolved).
 */
function mayHoldHfPath(sc: PySourceCode, path: PyNode): boolean {
  if (/hf:\/\//i.test(path.text)) return true;
  // a name bound (or copied from a name bound, `q = p`) by a statement that mentions `hf://`: lang-python's name gate
  const mentionsHf = sc.nameGate(['hf://']);
  if (path.type === 'string') {
    return path.namedChildren.some((c) => {
      const e = c.type === 'interpolation' ? c.childForFieldName('expression') : null;
      return e?.type === 'identifier' && mentionsHf(e);
    });
  }
  return path.type === 'identifier' && mentionsHf(path);
}

/**
 * mlx-lm's / mlx-vlm's converter run as a command through `subprocess` or `os.system` with `--upload-repo`
 * (`mlx_lm.convert --hf-path org/m -q --upload-repo me/m`, `python -m mlx_lm convert …`,
 * `python -m mlx_vlm.convert …`): the command and the repository (`undefined` when only known at run time).
 */
function cliUpload(sc: PySourceCode, call: PyNode, method: string): { api: string; repo: string | undefined } | undefined {
  if (!/^(?:run|call|check_call|check_output|Popen|system|popen|getoutput|getstatusoutput)$/.test(method) || !runsCommand(sc, call)) return undefined;
  const tokens = callCommandTokens(sc, call);
  if (!tokens) return undefined;
  const t = tokens.map((x) => x ?? '');
  const flag = t.findIndex((x) => x === '--upload-repo' || x.startsWith('--upload-repo='));
  if (flag < 0) return undefined;
  let api: string | undefined;
  for (let i = 0; i < flag && !api; i++) {
    const m = /(?:^|\/)(mlx_lm|mlx_vlm)\.convert$/.exec(t[i]);
    if (m) api = `${m[1]}.convert`;
    else if (/^(?:mlx_lm|mlx_vlm)$/.test(t[i]) && t[i - 1] === '-m' && t[i + 1] === 'convert') api = `${t[i]}.convert`;
  }
  if (!api) return undefined;
  const value = t[flag].startsWith('--upload-repo=') ? t[flag].slice('--upload-repo='.length) : tokens[flag + 1];
  if (value === '') return undefined;
  return { api, repo: value && !/[{}$]/.test(value) ? value.replace(/^['"]|['"]$/g, '') : undefined };
}

/** `getattr(obj, "name")` with a constant name and no default: the object and the name. */
function getattrMethod(sc: PySourceCode, fn: PyNode): { object: PyNode; name: string } | undefined {
  if (fn.type !== 'call') return undefined;
  const inner = calleeOf(fn);
  if (!inner || sc.qualifiedName(inner) !== 'builtins.getattr' || sc.argument(fn, { position: 2 })) return undefined;
  const object = sc.argument(fn, { position: 0 });
  const attr = sc.argument(fn, { position: 1 });
  const name = attr ? sc.constant(attr) : undefined;
  return object && typeof name === 'string' ? { object, name } : undefined;
}

/**
 * A receiver that holds, on every binding that reaches it, an instance of a class of the project whose
 * own `push_to_hub` takes neither `private` nor `**kwargs` (`class Registry: def push_to_hub(self,
 * repo_id)`, then `Registry().push_to_hub("me/registry")`): no Hub mixin's method, nothing to make private;
 * what it publishes is decided in its body, where its own Hub calls are checked. The method is looked up
 * in the class, then in the classes of the project it inherits from when it has no base outside the project
 * (one there, a Hub mixin, may come first). `self.registry` is read through the class's assignments.
 */
function ownPushWithoutPrivacy(sc: PySourceCode, recv: PyNode | null): boolean {
  if (!recv) return false;
  let holders: Array<PyNode | undefined>;
  if (recv.type === 'call') holders = [recv];
  else if (recv.type === 'identifier') holders = sc.reachingBindings(recv).map((b) => (b.kind === 'assignment' ? b.value : undefined));
  else if (recv.type === 'attribute') holders = sc.attributeValues(recv) ?? [];
  else return false;
  if (holders.length === 0 || holders.length > 8) return false;
  return holders.every((holder) => {
    const callee = holder?.type === 'call' ? calleeOf(holder) : null;
    const chain = callee ? sc.projectSubclass(callee) : undefined;
    if (!chain || chain.cut) return false;
    for (const [i, cls] of chain.classes.entries()) {
      // past the class itself, a base outside the project may define the method first
      if (i > 0 && chain.bases.length > 0) return false;
      const def = sc.definedMethod(cls, 'push_to_hub');
      if (!def) continue;
      const params = def.childForFieldName('parameters')?.namedChildren ?? [];
      if (params.some((p) => p.type === 'dictionary_splat_pattern')) return false;
      const names = params.map((p) => (p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier')))?.text);
      return !names.includes('private');
    }
    return false;
  });
}

/**
 * A receiver named as a repository (`repo`, `repository`, `hf_repo`, `self.repo`) whose value this file
 * does not show: a parameter without a default, or an attribute the class never assigns here.
 */
function unseenRepository(sc: PySourceCode, recv: PyNode | null): boolean {
  if (!recv) return false;
  const last = recv.type === 'identifier' ? recv.text : recv.type === 'attribute' ? (recv.childForFieldName('attribute')?.text ?? '') : '';
  if (!/^(?:\w+_)?repo(?:sitory)?$/i.test(last)) return false;
  if (recv.type === 'attribute') return !sc.attributeValues(recv)?.some((v) => v.type !== 'none');
  const bindings = sc.reachingBindings(recv);
  return bindings.length > 0 && bindings.every((b) => b.kind === 'parameter' && (!b.value || b.value.type === 'none'));
}

/** Is the call inside an `if` of its function whose condition reads a `push_to_hub` flag (`if args.push_to_hub:`)? */
function guardedByPushFlag(call: PyNode): boolean {
  for (let n = call.parent; n && n.type !== 'function_definition' && n.type !== 'module'; n = n.parent) {
    if (n.type !== 'if_statement') continue;
    const condition = n.childForFieldName('condition');
    if (condition && /\bpush_to_hub\b/.test(condition.text)) return true;
  }
  return false;
}

/**
 * The upload goes to a repository this function created private just before:
 * `create_repo("org/ft", private=True)` then `upload_folder(repo_id="org/ft")`, also with the id in
 * the same variable or read back from the result (`repo = create_repo(...)`, `repo_id=repo.repo_id`).
 * Nothing is published then.
 */
function createdPrivateBefore(sc: PySourceCode, upload: PyNode, target = sc.argument(upload, { name: 'repo_id' }), hub?: { value?: string; text?: string }): boolean {
  if (!target) return false;
  const targetId = hub ? hub.value : sc.constant(target);
  const targetText = hub ? hub.text : sc.getText(target);
  return privateCreates(sc, sc.enclosingFunction(upload)).some((c) => {
    if (c.endIndex > upload.startIndex) return false;
    const id = sc.argument(c, { name: 'repo_id' }) ?? sc.argument(c, { position: 0 });
    if (!id) return false;
    if (typeof targetId === 'string' && sc.constant(id) === targetId) return true;
    if (targetText !== undefined && sc.getText(id) === targetText) return true;
    // `repo = api.create_repo(...)` … `repo_id=repo.repo_id`
    const holder = target.type === 'attribute' ? target.childForFieldName('object') : null;
    if (holder?.type === 'identifier' && statementOf(c).text.startsWith(`${holder.text} =`)) return true;
    // `repo_id = create_repo(..., private=True).repo_id` … `repo_id=repo_id` (diffusers' examples)
    return target.type === 'identifier' && valuesOf(sc, target).some((v) => readsRepoId(v, c));
  });
}

/** Per file and function: its `create_repo(..., private=True)` calls, found once (each upload read every call of the function). */
const privateCreatesMemo = new WeakMap<PySourceCode, Map<number, PyNode[]>>();
function privateCreates(sc: PySourceCode, fn: PyNode): PyNode[] {
  let memo = privateCreatesMemo.get(sc);
  if (!memo) privateCreatesMemo.set(sc, (memo = new Map()));
  let found = memo.get(fn.id);
  if (!found) memo.set(fn.id, (found = sc.callsWithin(fn).filter((c) => calleeName(c) === 'create_repo' && privacyFlag(sc, c, 'private') === 'true')));
  return found;
}

/** `<create_repo call>.repo_id` (the `RepoUrl` it returns carries the id). */
function readsRepoId(value: PyNode, create: PyNode): boolean {
  return value.type === 'attribute' && value.childForFieldName('object')?.id === create.id && value.childForFieldName('attribute')?.text === 'repo_id';
}

/** `huggingface_hub.create_repo(...)`, `HfApi().create_repo(...)`, `api.create_repo(...)` with `api = HfApi()`. */
function isHubApi(sc: PySourceCode, call: PyNode, qn: string | undefined): boolean {
  if (qn) return /^huggingface_hub\./.test(qn);
  return isHfApiInstance(sc, receiverOf(call));
}

/** A positional `private` argument, read as `flag` reads a keyword. */
function positionalFlag(sc: PySourceCode, arg: PyNode): 'true' | 'false' | 'unknown' {
  const v = sc.constant(arg);
  if (v === UNKNOWN) return 'unknown';
  return v ? 'true' : 'false';
}

/** `SentenceTransformer(...)` (or `CrossEncoder`, `SparseEncoder`) itself, or a name bound to it. */
function builtBySentenceTransformers(sc: PySourceCode, recv: PyNode | null): boolean {
  if (!recv) return false;
  const holder = recv.type === 'call' ? recv : recv.type === 'identifier' ? valuesOf(sc, recv).find((v) => v.type === 'call') : undefined;
  const fn = holder ? calleeOf(holder) : undefined;
  return !!fn && /^sentence_transformers\.(?:[\w.]*\.)?(?:SentenceTransformer|CrossEncoder|SparseEncoder)$/.test(sc.qualifiedName(fn) ?? '');
}
