import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { companionFiles, dotted, FILE_LOC, judgeGlobal, leavesDirectory, policyFor, where } from './util.js';

export default createRule({
  name: 'dangerous-pickle-global',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports pickle data (in .pkl, PyTorch, joblib, NumPy and nested streams) that imports or calls a global able to run code when the file is loaded.',
      recommended: true,
    },
    messages: {
      dangerous: '{{format}}{{where}} imports `{{global}}` ({{reason}}) via {{opcode}}: loading it runs code.',
      buildOnGlobal: '{{format}}{{where}} sets attributes on `{{global}}` itself (BUILD on a class or module): loading it changes code in place.',
      callsResult: '{{format}}{{where}} calls what `{{global}}` returned ({{opcode}}): `{{global}}` is not on the allowlist, and a function that hands back something the pickle then calls is the shape of a name resolver (`getattr(__import__(module), name)`), which reaches any function.',
      companionFile: '{{format}}{{where}} makes `joblib.load` {{action}} {{path}}, outside the file\'s directory (a `{{via}}` in the pickle): that file was not scanned with this one, and {{risk}}.',
    },
    remediation:
      'Do not load this file. Re-export the weights from a trusted source as safetensors, or load with torch.load(weights_only=True) after verifying the file\'s origin and checksum.',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        const policy = policyFor(context.settings);
        const seen = new Set<string>();
        for (const g of file.globals) {
          const j = judgeGlobal(policy, g);
          if (j.verdict !== 'dangerous') continue;
          const key = `${g.member}|${dotted(g)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          context.report({
            loc: FILE_LOC,
            messageId: 'dangerous',
            data: { format: label(file), where: where(g.member), global: dotted(g), reason: j.reason, opcode: g.opcode },
            confidence: 'high',
          });
        }
        for (const c of companionFiles(file)) {
          // joblib's unpickler reads the file an array wrapper names (relative to the pickle, as
          // joblib < 0.10 wrote them next to it): one elsewhere is chosen by whoever wrote the pickle.
          if (!leavesDirectory(c.path)) continue;
          const key = `${c.member}|companion|${c.path}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const npLoad = c.callee === 'numpy.load';
          context.report({
            loc: FILE_LOC,
            messageId: 'companionFile',
            data: {
              format: label(file), where: where(c.member), via: c.via,
              action: npLoad ? 'run `np.load(..., allow_pickle=True)` on' : 'read',
              path: c.path === undefined ? 'a file whose name the scanner could not resolve' : `\`${c.path}\``,
              risk: npLoad ? 'an object array in it is unpickled: whatever it imports runs' : 'its bytes are read into an array',
            },
            severity: 'high',
            confidence: 'high',
          });
        }
        for (const c of file.calls) {
          // `<global>()` called: what a global outside the allowlist returned is itself called.
          if (!c.callee.endsWith('()') || c.opcode.startsWith('BUILD') || c.opcode === 'APPENDS' || c.opcode === 'SETITEMS') continue;
          const inner = c.callee.replace(/(?:\(\))+$/, ''); // `f()()` is a result of what f returned too
          const i = inner.lastIndexOf('.');
          if (i <= 0 || policy.judge(inner.slice(0, i), inner.slice(i + 1)).verdict !== 'suspicious') continue;
          const key = `${c.member}|result|${inner}`;
          if (seen.has(key)) continue;
          seen.add(key);
          context.report({ loc: FILE_LOC, messageId: 'callsResult', data: { format: label(file), where: where(c.member), global: inner, opcode: c.opcode }, severity: 'high', confidence: 'medium' });
        }
        for (const c of file.calls) {
          if (c.opcode !== 'BUILD' || !c.callee.endsWith('.__setstate__')) continue;
          const target = c.callee.slice(0, -'.__setstate__'.length);
          const key = `${c.member}|build|${target}`;
          if (seen.has(key)) continue;
          seen.add(key);
          context.report({ loc: FILE_LOC, messageId: 'buildOnGlobal', data: { format: label(file), where: where(c.member), global: target }, confidence: 'high' });
        }
      },
    };
  },
});

function label(file: ModelFile): string {
  return file.format === 'unknown' ? 'Model file' : `${file.format} file`;
}
