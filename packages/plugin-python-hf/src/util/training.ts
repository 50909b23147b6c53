/**
 * Training-pipeline facts within one function: trainer-argument calls, whether a model was trained
 * before a given point, and whether an evaluation/review step sits between training and that point.
 */
import { UNKNOWN } from '@oculum/core';
import { firstStartingAt } from '@oculum/lang-python';
import { calleeName, calleeOf, receiverOf, statementOf, walkBody, type PyNode, type PySourceCode } from './ast.js';
import { pythonTruthy } from './classify.js';
import { noneParameterPassedOn, valuesOf } from './resolve.js';

/** `TrainingArguments`, `Seq2SeqTrainingArguments`, trl's `SFTConfig`/`DPOConfig`/…, setfit/sentence-transformers args. */
export function isTrainingArgs(qn: string | undefined): boolean {
  if (!qn) return false;
  const top = qn.split('.')[0];
  const last = qn.split('.').pop()!;
  if (/TrainingArguments$/.test(last)) return ['transformers', 'trl', 'setfit', 'sentence_transformers', 'optimum', 'peft', 'span_marker', 'gliner'].includes(top);
  if (top === 'trl' && /Config$/.test(last) && !/^(?:Model|Peft|Lora|BitsAndBytes)Config$/.test(last)) return true;
  // optimum-habana's TRL configs (`optimum.habana.trl.GaudiSFTConfig`)
  if (/^optimum\.habana\.trl\./.test(qn) && /^Gaudi\w*Config$/.test(last)) return true;
  return false;
}

export function isTrainerClass(qn: string | undefined): boolean {
  if (!qn) return false;
  const top = qn.split('.')[0];
  return /Trainer$/.test(qn.split('.').pop()!) && ['transformers', 'trl', 'setfit', 'sentence_transformers', 'optimum', 'span_marker', 'gliner', 'unsloth'].includes(top);
}

/** Three-valued flag: a keyword that is truthy / falsy / unknown / absent. */
export function flag(sc: PySourceCode, call: PyNode, name: string): 'true' | 'false' | 'unknown' | 'absent' {
  const a = sc.argument(call, { name });
  if (!a) return sc.hasUnresolvedArguments(call) ? 'unknown' : 'absent';
  const v = sc.constant(a);
  if (v === UNKNOWN) return 'unknown';
  return pythonTruthy(v) ? 'true' : 'false';
}

/**
 * `flag` for a privacy setting (`private`, `hub_private_repo`): a parameter that defaults to `None`
 * and is passed through (`def publish(repo, private=None): create_repo(repo, private=private)`) is
 * the caller's choice, like a parameter without a default: `unknown`. A default of `False` is a
 * choice made here.
 */
export function privacyFlag(sc: PySourceCode, call: PyNode, name: string): 'true' | 'false' | 'unknown' | 'absent' {
  const state = flag(sc, call, name);
  if (state === 'absent') return setAfterwards(sc, call, name) ?? state;
  if (state !== 'false') return state;
  return noneParameterPassedOn(sc, sc.argument(call, { name })) ? 'unknown' : state;
}

/**
 * `args = TrainingArguments(...)` then `args.hub_private_repo = True` in the same function: the
 * attribute set last after the call, read as `flag` reads an argument.
 */
function setAfterwards(sc: PySourceCode, call: PyNode, name: string): 'true' | 'false' | 'unknown' | undefined {
  const stmt = statementOf(call);
  const asg = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
  const left = asg?.type === 'assignment' && asg.childForFieldName('right')?.id === call.id ? asg.childForFieldName('left') : undefined;
  if (left?.type !== 'identifier') return undefined;
  const fn = sc.enclosingFunction(call);
  const sets = sc.scopes
    .attributeAssignmentsOf(name)
    .filter((a) => a.object.type === 'identifier' && a.object.text === left.text && a.node.startIndex > call.endIndex && sc.enclosingFunction(a.node).id === fn.id);
  if (sets.length === 0) return undefined;
  const value = sets[sets.length - 1].value;
  const v = value ? sc.constant(value) : UNKNOWN;
  if (v === UNKNOWN) return 'unknown';
  return pythonTruthy(v) ? 'true' : 'false';
}

/** The `TrainingArguments(...)` call a trainer was built with, when it can be followed. */
export function trainerArgsCall(sc: PySourceCode, trainerRecv: PyNode | null): { trainer?: PyNode; args?: PyNode } {
  if (!trainerRecv) return {};
  const trainer = trainerRecv.type === 'call' ? trainerRecv : trainerRecv.type === 'identifier' ? valuesOf(sc, trainerRecv).find((v) => v.type === 'call') : undefined;
  if (!trainer || trainer.type !== 'call') return {};
  const qn = sc.qualifiedName(calleeOf(trainer)!);
  if (!isTrainerClass(qn) && !/Trainer$/.test(calleeName(trainer) ?? '')) return {};
  const a = sc.argument(trainer, { name: 'args' }) ?? (qn?.startsWith('transformers') ? sc.argument(trainer, { position: 1 }) : undefined);
  if (!a) return { trainer };
  const argsCall = a.type === 'call' ? a : a.type === 'identifier' ? valuesOf(sc, a).find((v) => v.type === 'call') : undefined;
  if (argsCall && isTrainingArgs(sc.qualifiedName(calleeOf(argsCall)!))) return { trainer, args: argsCall };
  return { trainer };
}

/**
 * huggingface_hub's cards: `ModelCard`, `DatasetCard`, `SpaceCard`, `RepoCard` (and their
 * `load`/`from_template`), also imported relatively inside huggingface_hub (`.repocard.ModelCard`).
 */
const HUB_CARD = /^(?:huggingface_hub\.|\.)(?:[\w.]*\.)?(?:Model|Dataset|Space|Repo)Card(?:\.(?:load|from_template))?$/;
/** huggingface_hub's git-based `Repository`: its `push_to_hub` pushes commits to a repository that exists; it has no `private`. */
const HUB_GIT_REPOSITORY = /^huggingface_hub\.(?:repository\.)?Repository$/;

/**
 * A `push_to_hub` that has no privacy of its own to set, so a missing `private=True` says nothing:
 * - a git `Repository`'s (`repo = Repository(local_dir, clone_from="org/m"); repo.push_to_hub()` pushes
 *   commits to a repository that already exists; its `push_to_hub` takes no `private`), also kept on
 *   `self` (`self.repo = Repository(...)` in `__init__`, `self.repo.push_to_hub()` in a callback);
 * - a Hub card's (`card = ModelCard.load(repo_id); card.push_to_hub(repo_id)` updates the README of
 *   an existing repository; its `push_to_hub` takes no `private`), by what the receiver was built
 *   with, or by its name (`card`, `model_card`) when that cannot be told (`card_class.load(...)`, a
 *   parameter);
 * - `self.push_to_hub(...)` inside a class whose own `push_to_hub` takes no `private` (a library's
 *   `Trainer` or `CommitScheduler` calling itself): whether that publishes privately is decided
 *   inside it, where its own Hub calls are checked.
 */
export function pushWithoutPrivacy(sc: PySourceCode, call: PyNode): boolean {
  const recv = receiverOf(call);
  if (!recv) return false;
  const holder = recv.type === 'call' ? recv : recv.type === 'identifier' ? valuesOf(sc, recv).find((v) => v.type === 'call') : undefined;
  const built = holder ? sc.qualifiedName(calleeOf(holder)!) : undefined;
  if (built && (HUB_CARD.test(built) || HUB_GIT_REPOSITORY.test(built))) return true;
  // `self.repo = Repository(...)` in `__init__`, `self.repo.push_to_hub()` in a callback: every value
  // the class assigns to the attribute (a `None` placeholder aside) is a card or a git `Repository`
  if (recv.type === 'attribute') {
    const held = (sc.attributeValues(recv) ?? []).filter((v) => v.type !== 'none');
    if (
      held.length > 0 &&
      held.length <= 8 &&
      held.every((v) => {
        const q = v.type === 'call' ? sc.qualifiedName(calleeOf(v)!) : undefined;
        return !!q && (HUB_CARD.test(q) || HUB_GIT_REPOSITORY.test(q));
      })
    )
      return true;
  }
  if (!built && recv.type === 'identifier' && /(?:^|_)card$/i.test(recv.text)) return true;
  if (recv.type !== 'identifier' || recv.text !== 'self') return false;
  const fn = sc.enclosingFunction(call);
  const cls = fn.type === 'function_definition' ? fn.parent?.parent : undefined;
  if (!cls || cls.type !== 'class_definition') return false;
  for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type !== 'function_definition' || def.childForFieldName('name')?.text !== 'push_to_hub') continue;
    const params = def.childForFieldName('parameters')?.namedChildren ?? [];
    const names = params.map((p) => (p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier')))?.text);
    return !names.includes('private');
  }
  return false;
}

const TRAIN_METHODS = new Set(['train', 'fit', 'finetune', 'fine_tune', 'train_model', 'fit_generator']);
const REVIEW = /eval|review|assess|validat|benchmark|test|score|metric|inspect|red_?team|moderat|approv|audit|check|judge|safety|guard|verif|filter_output|human/i;

/** Is `call` a training run (not `model.train()`, which only switches the module to training mode)? */
export function isTrainingCall(sc: PySourceCode, call: PyNode): boolean {
  const name = calleeName(call) ?? '';
  if (!TRAIN_METHODS.has(name) || calleeOf(call)?.type !== 'attribute') return false;
  const hasArgs = (call.childForFieldName('arguments')?.namedChildren.length ?? 0) > 0;
  if (name !== 'train') return true;
  if (hasArgs) {
    // `model.train(True)` / `model.train(mode=False)` switch modes; anything else trains
    const first = call.childForFieldName('arguments')!.namedChildren[0];
    const v = sc.constant(first.type === 'keyword_argument' ? first.childForFieldName('value')! : first);
    if (typeof v === 'boolean' || (first.type === 'keyword_argument' && first.childForFieldName('name')?.text === 'mode')) return false;
    return true;
  }
  const recv = receiverOf(call);
  if (!recv) return false;
  if (/trainer/i.test(recv.text)) return true;
  return !!trainerArgsCall(sc, recv).trainer;
}

export interface TrainingFlow {
  /** The training call (or loop) before the point. */
  training?: PyNode;
  /** An evaluation/review call between the training and the point. */
  review?: PyNode;
}

/** The training runs and review calls of one function body, in source order (found once). */
interface TrainingEvents {
  nodes: PyNode[];
  /** For each event, the index of the last training event at or before it (-1: none). */
  lastTraining: number[];
  /** For each event, the index of the last review call at or before it (-1: none). */
  lastReview: number[];
}

const trainingEvents = new WeakMap<object, Map<number, TrainingEvents>>();

/**
 * One walk of a function body (nested `def`s, classes and lambdas left out) finds, in source order,
 * its training runs (`trainer.train()`, `.fit(...)`, a loop calling `.backward()`) and its
 * evaluation/review calls, once: asking for every call of a function of 20,000 calls used to walk
 * the body 20,000 times.
 */
function eventsOf(sc: PySourceCode, body: PyNode): TrainingEvents {
  let byBody = trainingEvents.get(sc);
  if (!byBody) trainingEvents.set(sc, (byBody = new Map()));
  let events = byBody.get(body.id);
  if (events) return events;
  const nodes: PyNode[] = [];
  const kinds: Array<'training' | 'review'> = [];
  walkBody(body, (n) => {
    if (n.type === 'call' && isTrainingCall(sc, n)) {
      nodes.push(n);
      kinds.push('training');
      return;
    }
    if (n.type === 'for_statement' && n.childForFieldName('body')?.descendantsOfType('call').some((c) => calleeName(c) === 'backward')) {
      nodes.push(n);
      kinds.push('training');
      return;
    }
    if (n.type === 'call') {
      const name = calleeName(n) ?? '';
      // `model.eval()` only switches to inference mode; it is not an evaluation
      if (name !== 'eval' && (REVIEW.test(name) || REVIEW.test(sc.localFunction(n)?.childForFieldName('name')?.text ?? ''))) {
        nodes.push(n);
        kinds.push('review');
      }
    }
  });
  const lastTraining: number[] = [];
  const lastReview: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    lastTraining.push(kinds[i] === 'training' ? i : i > 0 ? lastTraining[i - 1] : -1);
    lastReview.push(kinds[i] === 'review' ? i : i > 0 ? lastReview[i - 1] : -1);
  }
  events = { nodes, lastTraining, lastReview };
  byBody.set(body.id, events);
  return events;
}

/** Training before `point` in its function, and any evaluation/review step in between. */
export function trainingBefore(sc: PySourceCode, point: PyNode): TrainingFlow {
  const fn = sc.enclosingFunction(point);
  const body = fn.type === 'function_definition' ? fn.childForFieldName('body') : fn;
  if (!body) return {};
  const { nodes, lastTraining, lastReview } = eventsOf(sc, body);
  // The events that start before the point (source order: their starts never decrease).
  const lo = firstStartingAt(nodes, point.startIndex);
  if (lo === 0) return {};
  const t = lastTraining[lo - 1];
  if (t < 0) return {};
  const training = nodes[t];
  // The last review call after that training run: starts only grow, so if the last one does not
  // start after the training ends, none does.
  const r = lastReview[lo - 1];
  const review = r > t && nodes[r].startIndex >= training.endIndex ? nodes[r] : undefined;
  return { training, review };
}
