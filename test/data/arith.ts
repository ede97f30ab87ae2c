/**
 * Evaluates the plain arithmetic written after the last "=" of a derived row's formula
 * ("3,470 / 4,121", "(577 / 305 - 1) x 100"), so the test can recompute derived values.
 * Returns undefined when the text is not pure arithmetic (words, ranges, "3,000+").
 */
export function evalArithmetic(text: string): number | undefined {
  const src = text.replace(/(\d),(?=\d{3}\b)/g, '$1').trim();
  if (!/^[\d\s.+\-x*/()]+$/.test(src)) return undefined;
  const tokens = src.match(/\d+(?:\.\d+)?|[+\-x*/()]/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const fail = (): never => {
    throw new Error(`not arithmetic: ${text}`);
  };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) return fail();
    if (t === '(') {
      const v = sum();
      if (tokens[i++] !== ')') fail();
      return v;
    }
    if (t === '-') return -primary();
    const v = Number(t);
    return Number.isFinite(v) ? v : fail();
  };
  const product = (): number => {
    let v = primary();
    while (peek() === 'x' || peek() === '*' || peek() === '/') {
      const op = tokens[i++];
      const r = primary();
      v = op === '/' ? v / r : v * r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++];
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  try {
    const v = sum();
    return i === tokens.length ? v : undefined;
  } catch {
    return undefined;
  }
}
