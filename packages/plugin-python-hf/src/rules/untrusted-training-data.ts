import { createRule, UNKNOWN, type Confidence } from '@oculum/core';
import { callTrigger, importTrigger } from '@oculum/lang-python';
import { calleeName, calleeOf, same, walkBody, type PyNode, type PySourceCode } from '../util/ast.js';
import { classifyRevision, hubFileRevision, isLoopbackUrl, isUrl, PACKAGED_DATASET_BUILDERS, classifyModelRef } from '../util/classify.js';
import { traceDataset, TRAIN_KEYWORDS, TRAIN_METHODS, TRAINING_LOOP_CALLS } from '../util/flow.js';
import { KERAS_GET_FILE, rawDownload } from '../util/download.js';
import { checkedOnDisk, hubLoad } from '../util/hub.js';
import { docsUrl } from '../util/meta.js';
import { resolve, resolveId } from '../util/resolve.js';

const name = 'untrusted-training-data';

/** The data loaders `remoteDataSource` resolves by name: `datasets.load_dataset`, `pandas.read_csv`… */
const NAMED_SOURCES = String.raw`load_dataset|read_(?:csv|json|parquet|table|feather|excel)|FederatedDataset|MsDataset`;
const NAMED_SOURCE = new RegExp(`^(?:${NAMED_SOURCES})$`);
/** A loader's name anywhere (an import, an alias, a `getattr` string): calls by other names may be it. */
const NAMED_SOURCE_WORD = new RegExp(NAMED_SOURCES);

/**
 * Names of local/unknown helpers that fetch data from outside (`load_from_public_source(url)`,
 * `fetchRemoteCorpus`, `getURLData`): a part of the name (after `_`, or where a capital starts one)
 * that starts with one of these words, or is `web` or `hub`. Not a word inside another:
 * `_prefetch_handles`, `curl`, `webpage`.
 */
const HELPER_WORDS = ['public', 'download', 'fetch', 'scrap', 'crawl', 'remote', 'internet', 'url'];
const HELPER_PARTS = ['web', 'hub'];
const capital = (w: string) => w[0].toUpperCase() + w.slice(1);
/**
 * Each spelling of those words that starts a part, the word first and what comes before it checked
 * behind it (a search then looks for the words themselves): `fetch` after no letter, `FETCH` after no
 * capital, `Fetch` anywhere; `web` and `hub` only where the part ends with them.
 */
const HELPER_SPELLINGS = [
  ...HELPER_WORDS.map((w) => String.raw`${w}(?<![A-Za-z]${w})`),
  ...HELPER_PARTS.map((w) => String.raw`${w}(?<![A-Za-z]${w})(?![a-z])`),
  ...HELPER_WORDS.map((w) => w.toUpperCase()).map((w) => String.raw`${w}(?<![A-Z]${w})`),
  ...HELPER_PARTS.map((w) => w.toUpperCase()).map((w) => String.raw`${w}(?<![A-Z]${w})(?![A-Z])`),
  ...HELPER_WORDS.map(capital),
  ...HELPER_PARTS.map((w) => String.raw`${capital(w)}(?![a-z])`),
].join('|');
export const REMOTE_HELPER = new RegExp(HELPER_SPELLINGS);
/**
 * `remote` alone is not a helper's name: `.remote(...)` runs a function elsewhere (Ray's
 * `actor.method.remote(batch)`, `torch.distributed.rpc.remote(...)`), it fetches nothing.
 */
const BARE_REMOTE = ['remote', 'Remote', 'REMOTE'];

/** A helper named like a fetch from outside (`fetch_corpus`, `load_remote`), not `remote` alone. */
function isHelperName(name: string): boolean {
  return REMOTE_HELPER.test(name) && !BARE_REMOTE.includes(name);
}

interface Source {
  what: string;
  confidence: Confidence;
  /** A remediation of the loader's own (ModelScope pins with `version=`). */
  remediation?: string;
  /** For a same-file helper's data: the source it returns, its line, and the helpers it comes through. */
  origin?: { what: string; line: string; through: string[] };
}

/** How many same-file helpers deep a source is followed (`build()` → `_raw()` → `load_dataset`). */
const HELPER_DEPTH = 4;

/** What `remoteDataSource` knows of the file. */
interface SourceContext {
  /**
   * The file names a loader (`load_dataset`, `read_csv`…) somewhere, so a call by another name may be
   * one (`from datasets import load_dataset as ld`, `read = pd.read_csv`, `getattr(datasets,
   * "load_dataset")`): its callee is then resolved too.
   */
  aliases: boolean;
  /** Same-file helpers are judged by their bodies (not at `--depth quick`). */
  readsBodies: boolean;
  /** The file imports an HTTP client (`requests`, `httpx`, `aiohttp`, `urllib`). */
  web: boolean;
  /** The file names Keras's `get_file`, whose fetched file a reader may read (`fetchedFileSource`). */
  fetches?: boolean;
  /**
   * Reading a same-file helper for one of its calls: a path that is a parameter of the helper is
   * what that call passes (`def load_remote_data(url): return pd.read_csv(url)` called with a URL).
   */
  site?: { fn: PyNode; call: PyNode };
}

/** `node` itself, or, for a parameter of the helper `ctx.site` reads, read unchanged, the argument its call passes. */
function passed(sc: PySourceCode, ctx: SourceContext, node: PyNode): PyNode;
function passed(sc: PySourceCode, ctx: SourceContext, node: PyNode | undefined): PyNode | undefined;
function passed(sc: PySourceCode, ctx: SourceContext, node: PyNode | undefined): PyNode | undefined {
  if (!ctx.site || node?.type !== 'identifier') return node;
  const param = sc.parameterOf(node);
  if (!param || !same(param.function, ctx.site.fn) || !sc.reachingBindings(node).every((b) => b.kind === 'parameter')) return node;
  return sc.argumentFor(ctx.site.call, param) ?? node;
}

/** The HTTP clients whose responses `webSource` reads as data. */
const HTTP_CLIENTS = ['requests', 'httpx', 'aiohttp', 'urllib', 'urllib2', 'six'];

/**
 * A web request whose response is data (`urllib.request.urlopen(URL)`, `requests.get(URL)`, a
 * session's `get`), not one that saves a file (`urlretrieve`); not a loopback or `file:` URL. Medium
 * confidence: the response may come from a service of the project's own.
 */
function webSource(sc: PySourceCode, call: PyNode): Source | undefined {
  const dl = rawDownload(sc, call);
  if (!dl || dl.savesDirectly || dl.commandUrl !== undefined || /subprocess/.test(dl.api)) return undefined;
  const url = dl.url.kind === 'string' || dl.url.kind === 'prefix' ? dl.url.value : undefined;
  if (url !== undefined && (!isUrl(url) || isLoopbackUrl(url))) return undefined;
  const api = dl.api.replace('.api.', '.');
  return { what: url !== undefined ? `${api}("${url.length > 60 ? `${url.slice(0, 57)}...` : url}")` : `${api}(...)`, confidence: 'medium' };
}

/**
 * The readers of a data file that Keras's `get_file` fetched (review keras P3-3, TF's "custom training" walkthrough:
 * `train_path = get_file("iris_training.csv", URL)` → `tf.data.experimental.make_csv_dataset(train_path, …)` →
 * `model.fit`): tf.data's CSV, text-line and TFRecord datasets, pandas' readers, numpy's text loaders; the file is
 * their first argument.
 */
const FILE_READERS = /^(?:tensorflow\.(?:compat\.v[12]\.)?data\.(?:experimental\.)?(?:make_csv_dataset|CsvDataset|TextLineDataset|TFRecordDataset)|pandas\.read_(?:csv|json|parquet|table|feather|excel)|numpy\.(?:loadtxt|genfromtxt))$/;
const FILE_READER_NAMES = new Set(['make_csv_dataset', 'CsvDataset', 'TextLineDataset', 'TFRecordDataset', 'read_csv', 'read_json', 'read_parquet', 'read_table', 'read_feather', 'read_excel', 'loadtxt', 'genfromtxt']);

/** Per file: the URL a `get_file(...)` call fetches with no hash check, by node (`null`: none), read once for every reader of it. */
const fetchedUrls = new WeakMap<PySourceCode, Map<number, string | null>>();

/**
 * The URL of a Keras `get_file(fname, origin)` call that checks no hash (`null` for anything else), once per call
 * node: a name rebound by thousands of branches was resolved again for each reader (review w38hf P2-3).
 */
function fetchedUrl(sc: PySourceCode, v: PyNode): string | null {
  let memo = fetchedUrls.get(sc);
  if (!memo) fetchedUrls.set(sc, (memo = new Map()));
  let url = memo.get(v.id);
  if (url === undefined) memo.set(v.id, (url = readFetchedUrl(sc, v)));
  return url;
}

function readFetchedUrl(sc: PySourceCode, v: PyNode): string | null {
  const callee = calleeOf(v);
  const gq = callee ? sc.qualifiedName(callee) : undefined;
  if (!gq || !KERAS_GET_FILE.test(gq)) return null;
  const hashes = [sc.argument(v, { name: 'file_hash' }) ?? sc.argument(v, { position: 4 }), sc.argument(v, { name: 'md5_hash' }) ?? sc.argument(v, { position: 3 })];
  // (`file_hash=None` checks nothing)
  if (hashes.some((h) => h && !['', null].includes(sc.constant(h) as string | null))) return null;
  const origin = sc.argument(v, { name: 'origin' }) ?? sc.argument(v, { position: 1 });
  const r = origin ? resolve(sc, origin) : undefined;
  if (!r || (r.kind !== 'string' && r.kind !== 'prefix') || !isUrl(r.value) || isLoopbackUrl(r.value)) return null;
  return r.value;
}

/**
 * A reader (`FILE_READERS`) of the path Keras's `get_file(fname, origin)` returns for a web `origin` and no hash
 * (`file_hash=`, `md5_hash=`: a hash, even one held in a name, pins the file as a commit pins a Hub dataset): the
 * call itself as the argument, or a name every binding of which is such a call. Medium confidence, as a web response
 * read as data (`webSource`): the file is cached, and may come from a service of the project's own.
 */
function fetchedFileSource(sc: PySourceCode, call: PyNode, qn: string): Source | undefined {
  const arg = sc.argument(call, { position: 0 }) ?? sc.argument(call, { name: 'file_pattern' }) ?? sc.argument(call, { name: 'filenames' }) ?? sc.argument(call, { name: 'fname' });
  if (!arg) return undefined;
  let values: PyNode[];
  if (arg.type === 'call') values = [arg];
  else if (arg.type === 'identifier') {
    const bound = sc.reachingBindings(arg);
    if (!bound.length || !bound.every((b) => b.kind === 'assignment' && b.value?.type === 'call')) return undefined;
    values = bound.map((b) => b.value!);
  } else return undefined;
  let url: string | undefined;
  for (const v of values) {
    const fetched = fetchedUrl(sc, v);
    if (fetched === null) return undefined;
    url ??= fetched;
  }
  if (url === undefined) return undefined;
  const shown = url.length > 60 ? `${url.slice(0, 57)}...` : url;
  return { what: `${qn.split('.').pop()}(get_file(..., "${shown}"))`, confidence: 'medium' };
}

function remoteDataSource(sc: PySourceCode, call: PyNode, ctx: SourceContext): Source | undefined {
  const { aliases, readsBodies } = ctx;
  const fn = calleeOf(call);
  if (!fn) return undefined;
  const short = calleeName(call) ?? '';
  if (ctx.web) {
    const web = webSource(sc, call);
    if (web) return web;
  }
  if (ctx.fetches && FILE_READER_NAMES.has(short)) {
    const rq = sc.qualifiedName(fn);
    const fetched = rq && FILE_READERS.test(rq) ? fetchedFileSource(sc, call, rq) : undefined;
    if (fetched) return fetched;
  }
  // ModelScope's `MsDataset.load("org/name")`, Flower's `FederatedDataset(dataset="org/name")`: Hub datasets as `hubLoad` reads them
  if (short === 'load' || short === 'FederatedDataset') return hubDatasetSource(sc, call);
  if (!NAMED_SOURCE.test(short) && !isHelperName(short) && !(aliases && (fn.type === 'identifier' || fn.type === 'call'))) return undefined;
  const qn = sc.qualifiedName(fn);
  if (qn && /^datasets\.(?:[\w.]*\.)?load_dataset$/.test(qn)) {
    const pathNode = passed(sc, ctx, sc.argument(call, { name: 'path' }) ?? sc.argument(call, { position: 0 }));
    // a path found on disk (`if os.path.isdir(p): load_dataset(p)`) is local
    if (!pathNode || checkedOnDisk(sc, call, pathNode)) return undefined;
    const rev = sc.argument(call, { name: 'revision' });
    if (rev) {
      const v = sc.constant(rev);
      if (v === UNKNOWN || (typeof v === 'string' && classifyRevision(v) !== 'branch')) return undefined;
    }
    const r = resolveId(sc, pathNode);
    if (r.kind === 'string') {
      const builder = r.value.trim().toLowerCase();
      if (PACKAGED_DATASET_BUILDERS.has(builder)) {
        // json/csv/parquet...: remote only when data_files are URLs
        const files = passed(sc, ctx, sc.argument(call, { name: 'data_files' }) ?? sc.argument(call, { position: 3 }));
        const urls = files ? remoteFiles(sc, files) : undefined;
        return urls ? { what: `load_dataset("${builder}", data_files="${urls}")`, confidence: 'high' } : undefined;
      }
      // a default the command line or the environment may override (`--dataset_name`'s): medium
      const known: Confidence = r.soft ? 'medium' : 'high';
      if (isUrl(r.value)) return { what: `load_dataset("${r.value}")`, confidence: known };
      const ref = classifyModelRef(r.value);
      if (ref.kind !== 'hub') return undefined;
      return { what: `load_dataset("${ref.id}")`, confidence: ref.owner ? known : 'medium' };
    }
    // `load_dataset(extension, data_files=...)`: remote only when the files are URLs. Not `data_dir=`
    // alone: on a Hub id it names a folder of the repository (`data_dir="data/finetune"`).
    // (`data_files` that may be `None`, LLaMA-Factory's `_load_single_dataset`: the path may be a Hub id on that path)
    const files = r.kind === 'unknown' ? passed(sc, ctx, sc.argument(call, { name: 'data_files' })) : undefined;
    if (files) {
      const urls = remoteFiles(sc, files);
      if (urls) return { what: `load_dataset(..., data_files="${urls}")`, confidence: 'high' };
      if (!sc.mayBeNone(files)) return undefined;
    }
    if (r.kind === 'unknown') return { what: `load_dataset(${pathNode.text.length > 40 ? '…' : pathNode.text})`, confidence: 'low' };
    return undefined;
  }
  if (qn && /^pandas\.read_(?:csv|json|parquet|table|feather|excel)$/.test(qn)) {
    const p = passed(sc, ctx, sc.argument(call, { position: 0 }));
    const r = p ? resolve(sc, p) : undefined;
    // a URL, or the Hub's own `hf://datasets/owner/name/…` (its "Use this dataset → pandas" snippet),
    // unless pinned (`hf://datasets/owner/name@<40-hex>/…`)
    if (r && r.kind === 'string' && pinnedHubFile(r.value)) return undefined;
    if (r && (r.kind === 'string' || r.kind === 'prefix') && (isUrl(r.value) || /^hf:\/\//i.test(r.value))) return { what: `${qn.split('.').pop()}("${r.value}")`, confidence: 'medium' };
    return undefined;
  }
  if (!qn) {
    const n = calleeName(call) ?? '';
    // A helper defined in this file is judged by its body (`returnedSource`), not by its name.
    if (isHelperName(n) && DATA_WORDS.test(n + (call.childForFieldName('arguments')?.text ?? '')) && !(readsBodies && sc.localFunction(call))) {
      return { what: `${n}(...)`, confidence: 'medium' };
    }
  }
  return undefined;
}

/**
 * `MsDataset.load("org/name")` (ModelScope; pinned with `version=`, `"master"` a branch) and Flower's
 * `FederatedDataset(dataset="org/name")` (`datasets.load_dataset` with its `**load_dataset_kwargs`, `revision=`
 * among them), read as `load_dataset` is: a revision that is no branch, or one that cannot be read, pins.
 */
function hubDatasetSource(sc: PySourceCode, call: PyNode): Source | undefined {
  const load = hubLoad(sc, call);
  if (!load || load.kind !== 'dataset' || (load.api !== 'MsDataset.load' && load.api !== 'FederatedDataset') || load.offline) return undefined;
  if (load.idNode && checkedOnDisk(sc, call, load.idNode)) return undefined;
  if (load.revision.kind !== 'none' && load.revision.kind !== 'branch') return undefined;
  const remediation = load.otherHub?.keyword
    ? `Pin the dataset to a reviewed tag (\`${load.otherHub.keyword}=\`; ${load.otherHub.name} takes no commit hashes) and validate examples before training: \`dataset = dataset.filter(validate_training_example)\` (check for injection patterns, PII, duplicates).`
    : undefined;
  const extra = remediation ? { remediation } : {};
  if (!load.ref || load.ref.kind !== 'hub') {
    const text = load.idNode?.text ?? '';
    return load.resolved.kind === 'unknown' ? { what: `${load.api}(${text.length > 40 ? '…' : text})`, confidence: 'low', ...extra } : undefined;
  }
  const known: Confidence = load.resolved.kind === 'string' && load.resolved.soft ? 'medium' : 'high';
  return { what: `${load.api}("${load.ref.id}")`, confidence: load.ref.owner ? known : 'medium', ...extra };
}

/**
 * A Hub file URL pinned as `revision=` pins here (a commit or a tag, not a branch):
 * `hf://datasets/owner/name@<40-hex>/train.parquet`, `https://huggingface.co/datasets/owner/name/resolve/<40-hex>/train.jsonl`.
 */
function pinnedHubFile(url: string): boolean {
  const ref = hubFileRevision(url);
  return !!ref && ref.revision !== undefined && ref.revision !== '' && classifyRevision(ref.revision) !== 'branch';
}

/** The first of the data files that is a URL (or an `hf://` path) and not a pinned Hub file. */
function remoteFiles(sc: PySourceCode, files: PyNode): string | undefined {
  const v = sc.constant(files);
  const strs: string[] = [];
  // the known beginning of a path built at run time pins only with its whole revision (`…@<40-hex>/`)
  let prefix: string | undefined;
  const collect = (x: unknown) => {
    if (typeof x === 'string') strs.push(x);
    else if (Array.isArray(x)) x.forEach(collect);
    else if (x && typeof x === 'object') Object.values(x).forEach(collect);
  };
  if (v !== UNKNOWN) collect(v);
  else {
    const r = resolve(sc, files);
    if (r.kind === 'string') strs.push(r.value);
    else if (r.kind === 'prefix') strs.push((prefix = r.value));
  }
  const pinned = (s: string) => pinnedHubFile(s) && (s !== prefix || /(?:@|\/(?:resolve|raw)\/)[^/]+\//i.test(s));
  return strs.find((s) => (isUrl(s) || /^hf:\/\//i.test(s)) && !pinned(s));
}

/** The words of a callee `remoteDataSource` considers (`load_dataset`, `read_csv`…, `REMOTE_HELPER`'s), anywhere: a cheap gate for a helper's text. */
const SOURCE_WORDS = new RegExp(`${NAMED_SOURCES}|${[...HELPER_WORDS, ...HELPER_PARTS, 'requests', 'httpx', 'urlopen', 'session'].join('|')}`, 'i');
/** What a helper's name or arguments must hold for `remoteDataSource` to read it as a data source. */
const DATA_WORDS = /data|corpus|sample|example|source|set/i;
/** Every spelling of the helper words `isHelperName` looks for: one occurs in every such name. */
const HELPER_LITERALS = [...HELPER_WORDS, ...HELPER_PARTS].flatMap((w) => [w, capital(w), w.toUpperCase()]);
/**
 * A call of a helper `remoteDataSource` reads by its name (`fetch_corpus(`, `load_remote (`), with
 * `DATA_WORDS` in the name or the arguments (`fetch(url, "dataset")`); a helper that returns a source
 * holds such a call. The loaders by name (`load_dataset`…) are `NAMED_SOURCE_WORD`.
 */
export const HELPER_CALL = callTrigger(isHelperName, DATA_WORDS, HELPER_LITERALS);
/** The names of the training sinks `traceDataset` recognises: `.fit(`, `.train(`, `train_dataset=`, `.backward()`, `optimizer.step()`… */
const TRAINING_WORDS = new RegExp(String.raw`\b(?:${[...TRAIN_METHODS, ...TRAIN_KEYWORDS, ...TRAINING_LOOP_CALLS].join('|')})\b`);

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unsafe_finetuning',
    severity: 'high',
    languages: ['python'],
    // Both must occur: the training words, and a call of a helper named as a source (tested only
    // where one of its words is in the text), a loader's name (its calls and aliases) or an HTTP
    // client's import (`webSource`).
    // `PPOTrainer(..., dataset=ds)` (TRL up to 0.11) names no training word of its own
    triggers: [TRAINING_WORDS, 'PPOTrainer'],
    triggerGroups: [[NAMED_SOURCE_WORD, HELPER_CALL, importTrigger(HTTP_CLIENTS), /\bget_file\b/]],
    docs: {
      description: 'Reports training data from the Hub or the web, without a pinned revision, that reaches training with no validation step in between.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      untrusted: '{{what}} loads training data from an unpinned public source, and it reaches training at line {{line}} with no validation step (`.filter(...)` or a validation function) in between: poisoned or injected examples would be trained on.',
    },
    remediation: 'Pin the dataset to a commit (`revision=`) and validate examples before training: `dataset = dataset.filter(validate_training_example)` (check for injection patterns, PII, duplicates).',
  },
  create(context) {
    const sc = context.sourceCode;
    const aliases = NAMED_SOURCE_WORD.test(sc.text);
    // Same-file helpers are read (not at `--depth quick`, where they are judged by their names).
    const readsBodies = context.depth !== 'quick';
    const ctx: SourceContext = { aliases, readsBodies, web: HTTP_CLIENTS.some((m) => sc.imports.has(m)), fetches: sc.text.includes('get_file') };
    // Flow between functions of the same file: `def get_data(): return load_dataset("someone/x")`,
    // also through helpers that return another helper's data (`def build(): return _raw().map(f)`),
    // up to `HELPER_DEPTH` calls deep. Each function's answer is kept with the depth it was read to.
    const returned = new Map<number, { source: Source | null; depthLeft: number }>();
    const reading = new Set<number>();
    // A cheap gate before resolving a call to its definition: is the name that of a function of this
    // file whose text names a data source, or calls such a function? Once per name, from the scope
    // model (no walk).
    const helperNames = new Map<string, boolean>();
    // The names after `def` in the text first (cheaper than the scope model, which most files then
    // never need).
    let defNames: Set<string> | undefined;
    const gating = new Set<string>();
    const mayReturnSource = (name: string, depthLeft = HELPER_DEPTH): boolean => {
      const known = helperNames.get(name);
      if (known !== undefined) return known;
      defNames ??= new Set(Array.from(sc.text.matchAll(/\bdef[ \t\\\r\n]+([^\s(:\\]+)/g), (m) => m[1])); // any identifier, not only ASCII
      if (!defNames.has(name) || gating.has(name)) return false;
      gating.add(name);
      let cut = false;
      const defs = sc.bindingsNamed(name).filter((b) => b.kind === 'def');
      const v =
        defs.some((b) => SOURCE_WORDS.test(sc.getText(b.node))) ||
        defs.some((b) =>
          sc.callsIn(b.node).some((c) => {
            const callee = calleeName(c);
            if (!callee || callee === name || !defNames!.has(callee)) return false;
            if (depthLeft <= 0 || gating.has(callee)) return !(cut = true);
            return mayReturnSource(callee, depthLeft - 1);
          }),
        );
      gating.delete(name);
      // an answer cut short (depth, a cycle) is not kept: it may differ when asked from elsewhere
      if (v || !cut) helperNames.set(name, v);
      return v;
    };
    /** What a same-file helper returns, read in its body; for one call (`site`), with the arguments it passes. */
    const readHelper = (fn: PyNode, depthLeft: number, site: SourceContext['site']): Source | null => {
      if (reading.has(fn.id)) return null; // recursion: what it returns is being read
      reading.add(fn.id);
      const here: SourceContext = site ? { ...ctx, site } : ctx;
      let found: Source | null = null;
      const body = fn.childForFieldName('body');
      if (body) {
        const fnName = fn.childForFieldName('name')?.text ?? 'helper';
        walkBody(body, (n) => {
          if (found || n.type !== 'call') return;
          const direct = remoteDataSource(sc, n, here);
          const inner = direct ?? (depthLeft > 0 ? returnedSource(n, depthLeft - 1) : undefined);
          // returned unvalidated, directly or through what holds it (`train_data = dataset["train"]`,
          // `ConstantLengthDataset(tok, dataset)`, a tuple)
          if (!inner || !traceDataset(sc, n).returned) return;
          const origin = inner.origin ?? { what: inner.what, line: sc.lineLabel(n), through: [] };
          const through = direct ? origin.through : [`${calleeName(n)}()`, ...origin.through];
          const via = through.length ? `, through ${through.join(', ')}` : '';
          found = { what: `${fnName}() (${origin.what} at line ${origin.line}${via})`, confidence: inner.confidence, origin: { ...origin, through } };
        });
      }
      reading.delete(fn.id);
      return found;
    };
    const bySite = new Map<number, Source | null>();
    const returnedSource = (call: PyNode, depthLeft = HELPER_DEPTH): Source | undefined => {
      const name = calleeName(call);
      if (!name || !mayReturnSource(name)) return undefined;
      const fn = sc.localFunction(call);
      if (!fn || fn.type !== 'function_definition') return undefined;
      // A call that passes arguments may decide what the helper loads (`load_remote_data("https://…")`
      // with `def load_remote_data(url): return pd.read_csv(url)`): read for that call.
      if (sc.positionalArguments(call).length > 0 || sc.keywordArguments(call).size > 0) {
        let v = bySite.get(call.id);
        if (v === undefined) bySite.set(call.id, (v = readHelper(fn, depthLeft, { fn, call })));
        return v ?? undefined;
      }
      const cached = returned.get(fn.id);
      if (cached && (cached.source || cached.depthLeft >= depthLeft)) return cached.source ?? undefined;
      const source = readHelper(fn, depthLeft, undefined);
      returned.set(fn.id, { source, depthLeft });
      return source ?? undefined;
    };
    return {
      call(node: PyNode) {
        const src = remoteDataSource(sc, node, ctx) ?? (readsBodies ? returnedSource(node) : undefined);
        if (!src) return;
        const trace = traceDataset(sc, node);
        if (!trace.sink) return;
        const line = sc.lineLabel(trace.sink);
        context.report({ node, messageId: 'untrusted', data: { what: src.what, line }, confidence: src.confidence, ...(src.remediation ? { remediation: src.remediation } : {}) });
      },
    };
  },
});
