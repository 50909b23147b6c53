import { createRule, UNKNOWN, type Confidence } from '@oculum/core';
import { isWebRequestClass, isWebUploadClass } from '@oculum/lang-python';
import { calleeName, calleeOf, isInside, receiverOf, type PyNode, type PySourceCode } from '../util/ast.js';
import { isModelFile, mentionsModel, publicLocation, snakeCase } from '../util/classify.js';
import { literalPieces } from '../util/download.js';
import { docsUrl } from '../util/meta.js';
import { resolve, valuesOf, walkedDirectory } from '../util/resolve.js';
import { isTrainingArgs, trainingBefore } from '../util/training.js';

const name = 'public-checkpoint-location';

/**
 * Receivers of `.save(path)` that are models, trainers or pipelines rather than images or workbooks; also RL
 * algorithms and agents (RLlib `algo.save(checkpoint_dir)`, as `algo.save_checkpoint(...)`; SB3 `agent.save(path)`)
 */
const MODELISH = /model|net\b|network|trainer|pipeline|pipe\b|learner|estimator|clf|classifier|regressor|ckpt|checkpoint|tokenizer|adapter|peft|lora|llm|encoder|decoder|booster|agent|policy|algo(?:rithm)?\b/i;
const CKPT_TEXT = /ckpt|checkpoint|model|weights|output_dir|save_dir|adapter|lora|\.(?:pt|pth|bin|safetensors|ckpt|h5|onnx|gguf|pkl|joblib)\b/i;
/** Call names worth resolving (everything else is skipped before any name resolution). */
const CANDIDATE = /^(?:l?chmod|upload_file(?:obj)?|put_object(?:_acl)?|put|copy_object|upload_from_(?:filename|file|string)|make_public|save\w*|export|dump|ModelCheckpoint|\w*TrainingArguments|\w*Config)$/;
/** Names that say "an output directory", not which output: with nothing else, not a checkpoint's for certain. */
const OUTPUT_DIR_WORDS = /output_dir|save_dir/gi;
/** Methods that write a model or checkpoint whatever the receiver (`model.save_pretrained(d)`, `trainer.save_model()`). */
const MODEL_WRITERS = new Set(['save_pretrained', 'save_model', 'save_checkpoint', 'save_weights', 'save_state']);
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);

interface SaveSite {
  api: string;
  path?: PyNode;
  /** Evidence strength that this saves a model/checkpoint. */
  confidence: Confidence;
}

function saveSite(sc: PySourceCode, call: PyNode): SaveSite | undefined {
  const fn = calleeOf(call);
  if (!fn) return undefined;
  const qn = sc.qualifiedName(fn);
  const method = calleeName(call) ?? '';
  const arg = (names: string[], pos: number) => {
    for (const n of names) {
      const a = sc.argument(call, { name: n });
      if (a) return a;
    }
    return sc.argument(call, { position: pos });
  };
  if (isTrainingArgs(qn)) return { api: `${qn!.split('.').pop()}(output_dir=...)`, path: arg(['output_dir'], 0), confidence: 'high' };
  if (qn) {
    if (qn === 'torch.save') return { api: 'torch.save', path: arg(['f'], 1), confidence: 'high' };
    if (qn === 'torch.onnx.export') return { api: 'torch.onnx.export', path: arg(['f'], 2), confidence: 'high' };
    if (/^safetensors\.\w+\.save_(?:file|model)$/.test(qn)) return { api: qn.split('.').slice(-1)[0], path: arg(['filename'], 1), confidence: 'high' };
    if (qn === 'joblib.dump') return { api: 'joblib.dump', path: arg(['filename'], 1), confidence: 'medium' };
    if (/^tensorflow\.saved_model\.save$/.test(qn)) return { api: 'tf.saved_model.save', path: arg(['export_dir'], 1), confidence: 'high' };
    if (/(?:lightning|pytorch_lightning|keras)\.[\w.]*ModelCheckpoint$/.test(qn)) return { api: 'ModelCheckpoint', path: arg(['dirpath', 'filepath'], 0), confidence: 'high' };
    if (!/\.(?:save_pretrained|save_model|save_state|save_checkpoint|save_weights|save_to)$/.test(qn)) return undefined;
  }
  if (fn.type !== 'attribute') return undefined;
  // `accelerator.save_model(model, save_directory)`: the directory comes second
  if (method === 'save_model' && /^accelerate\.(?:[\w.]*\.)?Accelerator\.save_model$/.test(sc.instanceQualifiedName(fn) ?? '')) {
    return { api: 'Accelerator.save_model', path: arg(['save_directory'], 1), confidence: 'high' };
  }
  switch (method) {
    case 'save_pretrained':
      return { api: 'save_pretrained', path: arg(['save_directory'], 0), confidence: 'high' };
    case 'save_model':
      return { api: 'save_model', path: arg(['output_dir', 'path', 'save_directory'], 0), confidence: 'high' };
    case 'save_state':
    case 'save_checkpoint':
      return { api: method, path: arg(['output_dir', 'save_dir'], 0), confidence: 'high' };
    case 'save_weights':
      return { api: method, path: arg(['filepath'], 0), confidence: 'high' };
    case 'save_to': {
      // NeMo's `ModelPT.save_to(save_path)` writes a `.nemo` archive (the weights and a pickle-based checkpoint).
      // A generic name: only to a `.nemo` path, or where the file imports NeMo (lower unless the receiver is a model)
      const path = arg(['save_path'], 0);
      const r = path ? resolve(sc, path) : undefined;
      const value = r && (r.kind === 'string' || r.kind === 'prefix') ? r.value : r?.kind === 'local' ? (r.prefix ?? '') : '';
      const nemoFile = /\.nemo$/i.test(value.trim()) || /\.nemo['"]\s*\)?$/i.test(path?.text ?? '');
      if (!nemoFile && !sc.imports.has('nemo')) return undefined;
      const recv = receiverOf(call);
      return { api: 'save_to', path, confidence: nemoFile || (recv && MODELISH.test(recv.text.split('.').pop() ?? '')) ? 'high' : 'medium' };
    }
    case 'save': {
      const recv = receiverOf(call);
      // A file a client uploaded, staged before it is read (`request.files["model"].save("/tmp/upload.keras")`,
      // Django's `storage.save(name, request.FILES["model"])`): no checkpoint of this program being published
      // (review webupload P2-1)
      const content = sc.argument(call, { name: 'content', position: 1 });
      if ((recv && isUpload(sc, recv)) || (content && isUpload(sc, content))) return undefined;
      const path = arg(['filepath', 'path', 'save_directory'], 0);
      // the receiver's own name (`model`, `self.model`; `models` of `models["bert"]`, `build_model()`,
      // `(model := …)`), never the key of a subscript (`files["model"]`)
      if (recv && ownNames(recv).some((n) => MODELISH.test(n))) return { api: `${recv.text.length > 30 ? 'model' : recv.text}.save`, path, confidence: 'high' };
      const r = path ? resolve(sc, path) : undefined;
      if (r && (r.kind === 'string' || r.kind === 'prefix') && isModelFile(r.value)) return { api: '.save', path, confidence: 'medium' };
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The receiver's names that say what it holds: an identifier, an attribute's last name, the subscripted value's
 * name (never a subscript's key: `files["model"]`), through parentheses and a walrus (its name, then its value);
 * for a call, the callee's own name and, as before (review w38hf P2-2), the text after its last dot
 * (`build_model()`, `keras.models.load_model("x")` → `load_model`).
 */
function ownNames(node: PyNode, depth = 0): string[] {
  if (depth > 8) return [];
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'attribute') return [node.childForFieldName('attribute')?.text ?? ''];
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    return value && (value.type === 'identifier' || value.type === 'attribute') ? ownNames(value, depth + 1) : [];
  }
  if (node.type === 'parenthesized_expression') return node.namedChildren[0] ? ownNames(node.namedChildren[0], depth + 1) : [];
  if (node.type === 'named_expression') {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    return [...(name ? [name.text] : []), ...(value ? ownNames(value, depth + 1) : [])];
  }
  if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    return [...(callee && (callee.type === 'identifier' || callee.type === 'attribute') ? ownNames(callee, depth + 1) : []), node.text.split('.').pop() ?? ''];
  }
  return [];
}

/** The request object of a framework that keeps it global: `from flask import request`. */
const GLOBAL_REQUESTS = /^(?:flask|quart)\.request$/;

/**
 * Is `node` a file a client uploaded: an item of a request's files (`request.files["model"]`,
 * `request.files.get("f")`, `request.FILES["model"]`, each of `request.files.getlist("f")` or
 * `request.files.values()`), a name bound to one, or a value typed as an upload (`f: FileStorage`,
 * `upload: UploadFile`)? Decided by what the value is, never by its name. Bounded: a name is followed
 * through at most four bindings.
 */
function isUpload(sc: PySourceCode, node: PyNode, depth = 0): boolean {
  if (depth > 4) return false;
  if (node.type === 'parenthesized_expression' && node.namedChildren[0]) return isUpload(sc, node.namedChildren[0], depth + 1);
  if (sc.instanceTypes(node).some(isWebUploadClass)) return true;
  if (node.type === 'subscript') return requestFiles(sc, node.childForFieldName('value'));
  if (node.type === 'call') {
    const fn = calleeOf(node);
    return fn?.type === 'attribute' && ['get', 'getlist'].includes(fn.childForFieldName('attribute')?.text ?? '') && requestFiles(sc, fn.childForFieldName('object'));
  }
  if (node.type !== 'identifier') return false;
  const bindings = sc.reachingBindings(node);
  if (bindings.length === 0 || bindings.length > 4) return false;
  return bindings.every((b) => {
    if (b.kind === 'assignment' && b.value) return isUpload(sc, b.value, depth + 1);
    // `for f in request.files.getlist("models"):` / `for f in request.files.values():`
    if (b.kind === 'for' && b.source && b.target?.parent?.type !== 'pattern_list' && b.target?.parent?.type !== 'tuple_pattern') return uploadCollection(sc, b.source);
    return false;
  });
}

/** `request.files.getlist("f")`, `request.files.values()`, `request.FILES.getlist("f")`: several uploads. */
function uploadCollection(sc: PySourceCode, node: PyNode): boolean {
  if (node.type !== 'call') return false;
  const fn = calleeOf(node);
  return fn?.type === 'attribute' && ['getlist', 'values'].includes(fn.childForFieldName('attribute')?.text ?? '') && requestFiles(sc, fn.childForFieldName('object'));
}

/**
 * `request.files` (Flask, Quart, werkzeug) or `request.FILES` (Django), of a request the framework keeps
 * global (`from flask import request`), a parameter typed as a request, or a view's `request` parameter.
 */
function requestFiles(sc: PySourceCode, node: PyNode | null): boolean {
  if (node?.type !== 'attribute' || !['files', 'FILES'].includes(node.childForFieldName('attribute')?.text ?? '')) return false;
  const req = node.childForFieldName('object');
  if (!req) return false;
  if (GLOBAL_REQUESTS.test(sc.qualifiedName(req) ?? '')) return true;
  if (sc.instanceTypes(req).some(isWebRequestClass)) return true;
  // a Django view's `def upload(request):` (also `self.request` of a class-based view)
  if (req.type === 'identifier' && req.text === 'request') return sc.reachingBindings(req).every((b) => b.kind === 'parameter');
  return req.type === 'attribute' && req.text === 'self.request';
}

/** What `CANDIDATE` and `saveSite` resolve: `save*` methods (NeMo's `save_to`), `torch.onnx.export`, `joblib.dump`, training arguments, ACLs. */
const RULE_TRIGGERS = [/\bsave(?:_pretrained|_model|_state|_checkpoint|_weights|_file|_to)?\b/, 'output_dir', 'chmod', 'ACL', 'GrantRead', 'make_public', 'predefined_acl', 'ModelCheckpoint', 'TrainingArguments', /\btrl\b/, /\bexport\b/, /\bdump\b/];
/**
 * And what makes a location public: a path `publicLocation` reports (`/tmp`, `/var/tmp`, `/dev/shm`,
 * `/var/www`, `/srv/…`, `/var/ftp`: the directory after a slash, a backslash or the quote of a
 * joined part, never a `tmp` variable; a `public` segment or bucket) or `gettempdir()`, which the
 * resolver turns into `/tmp`; a chmod; an ACL (`ACL=` or an `"ACL"` key, `predefined_acl=`,
 * `GrantRead`, `make_public`), never the letters in `dataclass`.
 */
export const PUBLIC_TRIGGERS = [/[\\/'"](?:tmp|shm|www|srv|ftp)\b/, /public/i, 'gettempdir', 'chmod', /\bACL\b/, 'predefined_acl', 'GrantRead'];

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unsafe_finetuning',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    triggerGroups: [PUBLIC_TRIGGERS],
    docs: {
      description: 'Reports checkpoints and fine-tuned models saved to shared or public locations: `/tmp`, directories named public, world-writable permissions, cloud uploads with a public ACL.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      publicPath: '{{api}} writes a checkpoint to "{{path}}", {{where}}: other users can read or replace it{{extra}}. Save to a private directory (or tempfile.TemporaryDirectory() for scratch work).',
      worldWritable: '{{api}}({{path}}, {{mode}}) makes a checkpoint world-writable: any local user can swap the weights before they are loaded or published.',
      worldWritableOutput: '{{api}}({{path}}, {{mode}}) makes an output directory world-writable: any local user can swap a checkpoint or model written there before it is loaded or published.',
      publicAcl: '{{api}} uploads a model artifact with a public ACL ({{acl}}): it is published without review to anyone with the URL.',
      makePublic: '{{api}}() makes a stored model artifact public without review.',
    },
    remediation: 'Keep checkpoints in a private location (a project directory with restrictive permissions, `tempfile.TemporaryDirectory()` for scratch), never chmod them 0o777/0o666, and upload to private buckets; publish only after review.',
  },
  create(context) {
    const sc = context.sourceCode;
    const reviewNote = (node: PyNode) => {
      const t = trainingBefore(sc, node);
      return t.training && !t.review ? ', right after training with no evaluation or review step' : '';
    };
    // The writers under other names: `from torch import save as tsave`,
    // `from safetensors.torch import save_file as safe_save_file`, `from os import chmod as ch`.
    const aliasGate = sc.calleeGate(['save', 'save_file', 'save_model', 'export', 'dump', 'chmod', 'lchmod', 'ModelCheckpoint']);
    /** The file saves a model or a checkpoint, or trains (asked once, for a chmod named only as an output directory). */
    let modelWriter: boolean | undefined;
    const writesModels = (): boolean =>
      (modelWriter ??= sc.callsWithin(sc.ast).some((c) => {
        const name = calleeName(c) ?? '';
        if (MODEL_WRITERS.has(name)) return true;
        const callee = calleeOf(c);
        const q = callee ? sc.qualifiedName(callee) : undefined;
        return q === 'torch.save' || isTrainingArgs(q) || /^(?:safetensors\.[\w.]*save_file|joblib\.dump)$/.test(q ?? '');
      }));
    return {
      call(node: PyNode) {
        const fn = calleeOf(node);
        if (!fn) return;
        let method = calleeName(node) ?? '';
        if (!CANDIDATE.test(method)) {
          if (fn.type !== 'identifier' || !aliasGate(node)) return;
          const aliased = sc.qualifiedName(fn);
          method = aliased?.slice(aliased.lastIndexOf('.') + 1) ?? '';
          if (!CANDIDATE.test(method)) return;
        }
        const qn = sc.qualifiedName(fn);

        // chmod on checkpoints
        if (qn === 'os.chmod' || qn === 'os.lchmod' || (method === 'chmod' && fn.type === 'attribute' && !qn)) {
          const pathNode = qn ? sc.argument(node, { name: 'path' }) ?? sc.argument(node, { position: 0 }) : receiverOf(node) ?? undefined;
          const modeNode = qn ? sc.argument(node, { name: 'mode' }) ?? sc.argument(node, { position: 1 }) : sc.argument(node, { name: 'mode' }) ?? sc.argument(node, { position: 0 });
          if (!pathNode || !modeNode) return;
          const mode = modeValue(sc, modeNode, 0);
          if (mode === undefined || (mode & 0o002) === 0) return;
          const r = resolve(sc, pathNode);
          // a join (`path = os.path.join(CKPT_DIR, f"glowtts_{step}.pth")`): its known start, as the save sites
          // read it, and the name it ends in (`.pth`), which may hold what the start does not, with the path's own text;
          // an f-string (`f"/srv/share/yolo_epoch{epoch}.pt"`): its start and its source, whose literal end names the model
          const text =
            r.kind === 'string'
              ? r.value
              : r.kind === 'prefix'
                ? [r.value, ...(pathNode.type === 'identifier' ? valuesOf(sc, pathNode) : [pathNode]).flatMap((v) => literalPieces(v, sc))].join(' ')
                : r.kind === 'local'
                  ? [pathNode.text, r.prefix ?? '', joinedName(sc, pathNode) ?? '', walkedText(sc, pathNode) ?? ''].join(' ')
                  : pathNode.text;
          if (!CKPT_TEXT.test(text) && !mentionsModel(text)) return;
          // named only as an output directory (`output_dir`, `save_dir`): a checkpoint's when the file
          // writes models or trains (medium), otherwise any program's output (a sandbox's, a plot's): low
          const confidence: Confidence = CKPT_TEXT.test(text.replace(OUTPUT_DIR_WORDS, '')) || mentionsModel(text) ? 'high' : writesModels() ? 'medium' : 'low';
          context.report({ node, messageId: confidence === 'high' ? 'worldWritable' : 'worldWritableOutput', data: { api: qn ?? '.chmod', path: pathNode.text.length > 40 ? 'path' : pathNode.text, mode: modeNode.text }, confidence });
          return;
        }

        // cloud uploads with a public ACL
        if (fn.type === 'attribute' && /^(?:upload_file|upload_fileobj|put_object|put|copy_object|put_object_acl|upload_from_filename|upload_from_file|upload_from_string|make_public)$/.test(method)) {
          const found = publicAcl(sc, node, method);
          if (!found) return;
          // nothing names what is uploaded (`upload_file(path, …)` of a parameter): in a file that writes
          // models, maybe one of them (low)
          const named = artifactEvidence(sc, node);
          // …or in a function named for them (`def publish_checkpoint(local_dir, bucket, prefix)`: low)
          const evidence = named === 'unnamed' ? (writesModels() || namedForModels(sc, node) ? 'low' : undefined) : named;
          if (!evidence) return;
          // an ACL set in a branch (`if public: extra["ACL"] = "public-read"`) may not be set
          const confidence: Confidence = found.conditional ? (evidence === 'high' ? 'medium' : 'low') : evidence;
          if (method === 'make_public') context.report({ node, messageId: 'makePublic', data: { api: method }, confidence });
          else context.report({ node, messageId: 'publicAcl', data: { api: method, acl: found.acl }, confidence });
          return;
        }

        const site = saveSite(sc, node);
        if (!site || !site.path) return;
        const r = resolve(sc, site.path);
        let text: string | undefined;
        let confidence: Confidence = site.confidence;
        if (r.kind === 'string' || r.kind === 'prefix') text = r.value;
        else if (r.kind === 'local' && r.prefix) text = r.prefix;
        if (text === undefined) return;
        if ((r.kind === 'prefix' || r.kind === 'local') && r.via === 'gettempdir') confidence = 'medium';
        // a default the command line or the environment can override (`--output_dir`'s `default=`)
        if (r.kind === 'string' && r.soft && confidence === 'high') confidence = 'medium';
        const where = publicLocation(text);
        if (!where) return;
        context.report({ node, messageId: 'publicPath', data: { api: site.api, path: text.length > 60 ? `${text.slice(0, 57)}...` : text, where, extra: reviewNote(node) }, confidence });
      },
    };
  },
});

/** The source text of the last part an `os.path.join(...)` ends in, the path given or the join a name is bound to once. */
function joinedName(sc: PySourceCode, path: PyNode): string | undefined {
  const values = path.type === 'identifier' ? valuesOf(sc, path) : [path];
  const join = values.length === 1 && values[0].type === 'call' ? values[0] : undefined;
  const fn = join ? calleeOf(join) : undefined;
  if (!join || !fn || !/^(?:os\.path|posixpath|ntpath)\.join$/.test(sc.qualifiedName(fn) ?? '')) return undefined;
  const parts = sc.positionalArguments(join);
  return parts.length > 1 ? parts[parts.length - 1].text : undefined;
}

/** Does a function around the call say by its name that it handles models or checkpoints (`publish_checkpoint`, `uploadModel`)? */
function namedForModels(sc: PySourceCode, call: PyNode): boolean {
  for (let fn: PyNode | null = sc.enclosingFunction(call), i = 0; fn?.type === 'function_definition' && i < 8; fn = fn.parent ? sc.enclosingFunction(fn.parent) : null, i++) {
    const name = fn.childForFieldName('name')?.text ?? '';
    if (mentionsModel(snakeCase(name))) return true;
  }
  return false;
}

/**
 * The source text of the directory `os.walk` visits when the path is a `root` of `for root, dirs, files in
 * os.walk(OUTPUT_DIR)` or a join that starts with one (`os.path.join(root, name)`): `OUTPUT_DIR`, whose name
 * says what the walk's files are (resolve.ts's `walkedDirectory`).
 */
function walkedText(sc: PySourceCode, path: PyNode): string | undefined {
  const values = path.type === 'identifier' ? [path, ...valuesOf(sc, path)] : [path];
  for (const v of values) {
    const fn = v.type === 'call' ? calleeOf(v) : undefined;
    const root = fn && /^(?:os\.path|posixpath|ntpath)\.join$/.test(sc.qualifiedName(fn) ?? '') ? sc.positionalArguments(v)[0] : v;
    const top = root ? walkedDirectory(sc, root) : undefined;
    if (top) return top.text.length <= 200 ? top.text : undefined;
  }
  return undefined;
}

/** The permission bits of the `stat` module. */
const STAT_BITS: Record<string, number> = {
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IRWXG: 0o070, S_IRGRP: 0o040, S_IWGRP: 0o020,
  S_IXGRP: 0o010, S_IRWXO: 0o007, S_IROTH: 0o004, S_IWOTH: 0o002, S_IXOTH: 0o001, S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000,
};

/** A file mode: a constant, or `stat` bits combined with `|`/`+` (`stat.S_IRWXU | stat.S_IRWXO`, `0o644 | stat.S_IWOTH`). */
function modeValue(sc: PySourceCode, node: PyNode, depth: number): number | undefined {
  if (depth > 8) return undefined;
  const c = sc.constant(node);
  if (typeof c === 'number') return c;
  const q = node.type === 'attribute' || node.type === 'identifier' ? sc.qualifiedName(node) : undefined;
  if (q?.startsWith('stat.') && q.slice(5) in STAT_BITS) return STAT_BITS[q.slice(5)];
  if (node.type === 'parenthesized_expression' && node.namedChildren[0]) return modeValue(sc, node.namedChildren[0], depth + 1);
  if (node.type === 'binary_operator') {
    const op = node.childForFieldName('operator')?.text;
    const l = modeValue(sc, node.childForFieldName('left')!, depth + 1);
    const r = modeValue(sc, node.childForFieldName('right')!, depth + 1);
    if (l === undefined || r === undefined) return undefined;
    if (op === '|' || op === '+') return l | r;
  }
  return undefined;
}

/**
 * The public ACL a storage call sets, if any: `ACL="public-read"`, `predefined_acl="publicRead"`,
 * `ExtraArgs={"ACL": "public-read"}` (or `GrantRead` to AllUsers), also a mapping whose key is set
 * before the call (`extra = {}; extra["ACL"] = "public-read"`); `conditional` when that key is set
 * in a branch that may not run before the call.
 */
function publicAcl(sc: PySourceCode, call: PyNode, method: string): { acl: string; conditional?: boolean } | undefined {
  if (method === 'make_public') return { acl: 'public' };
  const direct = sc.argument(call, { name: 'ACL' });
  if (direct) {
    const v = sc.constant(direct);
    if (typeof v === 'string' && PUBLIC_ACLS.has(v)) return { acl: v };
  }
  const predefined = sc.argument(call, { name: 'predefined_acl' });
  if (predefined) {
    const v = sc.constant(predefined);
    if (typeof v === 'string' && /^public/i.test(v)) return { acl: v };
  }
  const extra = sc.argument(call, { name: 'ExtraArgs' });
  if (extra) {
    const acl = sc.mappingValue(extra, 'ACL');
    const aclValue = acl ? sc.constant(acl) : UNKNOWN;
    if (acl && typeof aclValue === 'string' && PUBLIC_ACLS.has(aclValue)) return { acl: aclValue, conditional: !setBefore(sc, acl, call) || mayChange(sc, extra, 'ACL', acl, call) };
    const grant = sc.mappingValue(extra, 'GrantRead');
    const grantValue = grant ? sc.constant(grant) : UNKNOWN;
    if (grant && typeof grantValue === 'string' && /AllUsers/.test(grantValue)) return { acl: 'GrantRead AllUsers', conditional: !setBefore(sc, grant, call) || mayChange(sc, extra, 'GrantRead', grant, call) };
  }
  return undefined;
}

/** The value is in the mapping when the call runs: written in the call, or by a statement that certainly runs first. */
function setBefore(sc: PySourceCode, value: PyNode, call: PyNode): boolean {
  return isInside(value, call) || sc.certainlyRunsBefore(value, call);
}

/** Methods that remove no key of a mapping (what `update`/`setdefault` write, `mappingValue` reads). */
const KEEPS_KEYS = new Set(['get', 'copy', 'keys', 'values', 'items', '__contains__', '__getitem__', 'update', 'setdefault', '__setitem__']);

/**
 * Could the mapping a name holds lose the key between its write and the upload? A use in between that
 * may change it: passed to another call (`strip_acl(extra)`), a method that is no read
 * (`extra.pop(k)` of a key not known, `popitem()`, a `pop` in a branch), `del extra[...]`. (A key
 * certainly removed or a mapping rebound is no longer seen by `mappingValue`.)
 */
function mayChange(sc: PySourceCode, mapping: PyNode, key: string, value: PyNode, call: PyNode): boolean {
  if (mapping.type !== 'identifier' || isInside(value, call)) return false;
  /** Not another key known by its constant (`pop("Metadata", None)`, `del extra["Metadata"]`). */
  const mayBeKey = (k: PyNode | undefined): boolean => {
    const c = k ? sc.constant(k) : UNKNOWN;
    return typeof c !== 'string' || c === key;
  };
  return sc.references(mapping, { readsOnly: true }).some((ref) => {
    if (ref.startIndex <= value.endIndex || ref.startIndex >= call.startIndex || isInside(ref, call)) return false;
    const parent = ref.parent;
    if (!parent) return false;
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === ref.id) {
      const method = parent.childForFieldName('attribute')?.text ?? '';
      if (parent.parent?.type !== 'call' || KEEPS_KEYS.has(method)) return false;
      return method === 'pop' || method === '__delitem__' ? mayBeKey(sc.argument(parent.parent, { position: 0 })) : true;
    }
    if (parent.type === 'subscript') return parent.parent?.type === 'delete_statement' && mayBeKey(parent.childForFieldName('subscript') ?? undefined);
    return parent.type === 'argument_list' || parent.type === 'keyword_argument';
  });
}

/**
 * Does the upload carry a model/checkpoint (file names, keys, variable names)? `unnamed` when neither
 * the file nor the key is known nor named (`upload_file(path, bucket, os.path.basename(path))`).
 */
function artifactEvidence(sc: PySourceCode, call: PyNode): Confidence | 'unnamed' | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const recv = receiverOf(call);
  // `blob = bucket.blob("models/model.safetensors")` … `blob.make_public()`: the object's key
  const made = recv?.type === 'identifier' ? valuesOf(sc, recv).find((v) => v.type === 'call') : undefined;
  const keys = made && /^(?:blob|get_blob|Blob|Object)$/.test(calleeName(made) ?? '') ? (made.childForFieldName('arguments')?.namedChildren ?? []) : [];
  let weak = false;
  let known = false;
  for (const a of [...args, ...(recv ? [recv] : []), ...keys]) {
    const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
    if (!v) continue;
    const key = a.type === 'keyword_argument' ? a.childForFieldName('name')?.text ?? '' : '';
    if (key === 'ACL' || key === 'ExtraArgs' || key === 'predefined_acl' || key === 'Bucket') continue;
    const r = resolve(sc, v);
    const s = r.kind === 'string' || r.kind === 'prefix' ? r.value : r.kind === 'local' ? r.prefix ?? '' : '';
    if (s && isModelFile(s)) return 'high';
    if ((s && mentionsModel(s)) || CKPT_TEXT.test(v.text)) weak = true;
    // a file or key name known (with a `/` or an extension; a bucket name has neither) says what is uploaded
    if (/[/.]/.test(s)) known = true;
  }
  return weak ? 'medium' : known ? undefined : 'unnamed';
}
