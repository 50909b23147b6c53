import { UNKNOWN, createRule, type Confidence } from '@oculum/core';
import type { PythonSourceCode } from '@oculum/lang-python';
import { calleeName, flagState, isStubFile, setsWeightsOnlyFalse, type Node } from '../utils.js';

const TORCH_LOAD = new Set(['torch.load', 'torch.serialization.load']);
const ENV_VAR = 'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD';
/** The values torch reads as "on" for its TORCH_FORCE_* switches. */
const TRUE_VALUES = new Set(['1', 'y', 'yes', 'true']);

type Verdict = 'forcesFalse' | 'safe' | 'unknown';

export default createRule<[], PythonSourceCode>({
  name: 'weights-only-disabled-globally',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['load', ENV_VAR],
    docs: {
      description:
        "Reports code that turns off `torch.load`'s `weights_only` protection for the whole process: replacing `torch.load` with a wrapper that forces `weights_only=False`, or setting `TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD`.",
      recommended: true,
    },
    messages: {
      monkeypatch:
        '`{{target}}` is replaced by a wrapper that forces `weights_only=False`: every `torch.load` in the process, even those that ask for `weights_only=True`, now unpickles arbitrary objects. Keep `weights_only=True` and allow trusted classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
      monkeypatchUnknown:
        '`{{target}}` is replaced by a function this analysis cannot see into; if it forces `weights_only=False`, every `torch.load` in the process unpickles arbitrary objects. Keep `weights_only=True` (with `torch.serialization.add_safe_globals`) or use safetensors.',
      envVar:
        'Setting TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD makes every `torch.load` in the process that does not pass `weights_only` unpickle arbitrary objects. Remove it; allow trusted classes with `torch.serialization.add_safe_globals`, or convert checkpoints to safetensors.',
    },
    remediation: 'Keep weights_only=True process-wide; allowlist trusted classes with torch.serialization.add_safe_globals or convert checkpoints to safetensors.',
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    const hasTorch = sc.imports.has('torch');
    const mentionsEnv = sc.text.includes(ENV_VAR);
    if (!hasTorch && !mentionsEnv) return {};

    /** Does this function body force weights_only=False on what it passes on? */
    function bodyForcesFalse(body: Node): Verdict {
      for (const kw of sc.descendants(body, 'keyword_argument')) {
        if (kw.childForFieldName('name')?.text !== 'weights_only') continue;
        if (flagState(sc, kw.childForFieldName('value') ?? undefined) === 'false') return 'forcesFalse';
      }
      return setsWeightsOnlyFalse(sc, body) ? 'forcesFalse' : 'safe';
    }

    function replacementVerdict(value: Node): Verdict {
      if (value.type === 'lambda') return bodyForcesFalse(value);
      if (value.type === 'none') return 'safe';
      if (value.type === 'call') {
        const q = calleeName(sc, value);
        if (q === 'functools.partial') {
          const state = flagState(sc, sc.argument(value, { name: 'weights_only' }));
          return state === 'false' ? 'forcesFalse' : state === 'unknown' ? 'unknown' : 'safe';
        }
        if (q && /(^|\.)(mock|Mock|MagicMock|patch|create_autospec)($|\.)/.test(q)) return 'safe';
        return 'unknown';
      }
      const fn = sc.localFunction(value);
      if (fn) return bodyForcesFalse(fn);
      const q = sc.qualifiedName(value);
      if (q && TORCH_LOAD.has(q)) return 'safe'; // restoring the original
      if (q && /(^|\.)(mock|Mock|MagicMock)($|\.)/.test(q)) return 'safe';
      if (value.type === 'identifier' && sc.bindingsOf(value).some((v) => TORCH_LOAD.has(sc.qualifiedName(v) ?? ''))) return 'safe';
      return 'unknown';
    }

    function reportReplacement(node: Node, target: string, value: Node): void {
      const verdict = replacementVerdict(value);
      if (verdict === 'safe') return;
      context.report({
        node,
        messageId: verdict === 'forcesFalse' ? 'monkeypatch' : 'monkeypatchUnknown',
        data: { target },
        confidence: verdict === 'forcesFalse' ? 'high' : 'low',
      });
    }

    function reportEnv(node: Node, value: Node | undefined): void {
      if (!value) return;
      const v = sc.constant(value);
      let confidence: Confidence = 'high';
      if (v === UNKNOWN) confidence = 'low';
      else if (!TRUE_VALUES.has(String(v).trim().toLowerCase())) return;
      context.report({ node, messageId: 'envVar', confidence });
    }

    const isEnvKey = (key: Node | undefined | null) => !!key && sc.constant(key) === ENV_VAR;

    /** `{"TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": v, ...}` written to the environment. */
    function reportEnvEntries(node: Node, dict: Node | undefined): void {
      if (dict?.type !== 'dictionary') return;
      for (const pair of dict.namedChildren) {
        if (pair?.type === 'pair' && isEnvKey(pair.childForFieldName('key'))) reportEnv(node, pair.childForFieldName('value') ?? undefined);
      }
    }

    return {
      assignment(node: Node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return;
        if (left.type === 'attribute' && hasTorch) {
          if (left.childForFieldName('attribute')?.text !== 'load') return;
          const target = sc.qualifiedName(left);
          if (target && TORCH_LOAD.has(target)) reportReplacement(node, target, right);
          return;
        }
        if (left.type === 'subscript' && mentionsEnv) {
          const obj = left.childForFieldName('value');
          if (obj && sc.qualifiedName(obj) === 'os.environ' && isEnvKey(left.childForFieldName('subscript'))) reportEnv(node, right);
        }
      },
      call(node: Node) {
        const fn = sc.callee(node);
        if (mentionsEnv && fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'setenv') {
          // pytest's monkeypatch.setenv("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1")
          if (isEnvKey(sc.argument(node, { position: 0 }))) reportEnv(node, sc.argument(node, { position: 1 }));
          return;
        }
        const callee = calleeName(sc, node);
        if (!callee) return;
        if (callee === 'builtins.setattr' && hasTorch) {
          const obj = sc.argument(node, { position: 0 });
          const name = sc.argument(node, { position: 1 });
          const value = sc.argument(node, { position: 2 });
          const base = obj ? sc.qualifiedName(obj) : undefined;
          if (value && name && sc.constant(name) === 'load' && (base === 'torch' || base === 'torch.serialization')) {
            reportReplacement(node, `${base}.load`, value);
          }
          return;
        }
        if (!mentionsEnv) return;
        if (callee === 'unittest.mock.patch.dict' || callee === 'mock.patch.dict') {
          // mock.patch.dict(os.environ, {"TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": "1"})
          const target = sc.argument(node, { name: 'in_dict', position: 0 });
          if (target && sc.qualifiedName(target) === 'os.environ') {
            reportEnvEntries(node, sc.argument(node, { name: 'values', position: 1 }));
            const kw = sc.argument(node, { name: ENV_VAR });
            if (kw) reportEnv(node, kw);
          }
          return;
        }
        if (callee === 'os.putenv' || callee === 'os.environ.setdefault') {
          if (isEnvKey(sc.argument(node, { position: 0 }))) reportEnv(node, sc.argument(node, { position: 1 }));
        } else if (callee === 'os.environ.update') {
          const kw = sc.argument(node, { name: ENV_VAR });
          if (kw) return reportEnv(node, kw);
          reportEnvEntries(node, sc.argument(node, { position: 0 }));
        }
      },
      augmented_assignment(node: Node) {
        // os.environ |= {"TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": "1"}
        if (!mentionsEnv) return;
        const left = node.childForFieldName('left');
        if (left && sc.qualifiedName(left) === 'os.environ') reportEnvEntries(node, node.childForFieldName('right') ?? undefined);
      },
    };
  },
});
