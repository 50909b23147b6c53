/**
 * Decoding of Python literal spellings (string escapes, integer and float forms).
 * Pure functions over text; no tree access.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * Decodes the escape sequences of a non-raw Python string body. Returns undefined for
 * `\N{NAME}` escapes (the Unicode name table is not shipped) so callers answer UNKNOWN.
 */
export function decodePythonEscapes(body: string, isBytes: boolean): string | undefined {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i === body.length - 1) {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === '\n') {
      i += 1; // line continuation inside the literal
      continue;
    }
    if (next === '\r') {
      i += body[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
      continue;
    }
    if (next >= '0' && next <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < body.length && digits.length < 3 && body[j] >= '0' && body[j] <= '7') digits += body[j++];
      out += String.fromCodePoint(parseInt(digits, 8));
      i = j - 1;
      continue;
    }
    const hexLen = next === 'x' ? 2 : !isBytes && next === 'u' ? 4 : !isBytes && next === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) return undefined;
        out += String.fromCodePoint(code);
        i += 1 + hexLen;
        continue;
      }
      return undefined; // invalid escape: a SyntaxError in Python
    }
    if (next === 'N' && !isBytes) return undefined;
    // Unknown escapes are kept verbatim (Python warns but keeps the backslash).
    out += ch;
  }
  return out;
}

/** Splits a string prefix (`rb`, `f`, `U`, …) into flags. */
export function stringPrefixFlags(prefix: string): { raw: boolean; bytes: boolean; format: boolean; template: boolean } {
  const p = prefix.toLowerCase();
  return { raw: p.includes('r'), bytes: p.includes('b'), format: p.includes('f'), template: p.includes('t') };
}

/** Value of a Python integer literal (`0x1F`, `0o777`, `1_000`, `0b1`, `017` in Python 2). */
export function parsePythonInteger(text: string): number | bigint | undefined {
  let t = text.replace(/_/g, '');
  if (/[lL]$/.test(t)) t = t.slice(0, -1); // Python 2 long suffix
  let value: bigint;
  try {
    if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[bB][01]+$/.test(t) || /^0[oO][0-7]+$/.test(t)) value = BigInt(t);
    else if (/^0[0-7]+$/.test(t)) value = BigInt('0o' + t.slice(1)); // Python 2 octal
    else if (/^[0-9]+$/.test(t)) value = BigInt(t);
    else return undefined;
  } catch {
    return undefined;
  }
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Value of a Python float literal; undefined for imaginary literals (`1j`). */
export function parsePythonFloat(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isNaN(v) ? undefined : v;
}
