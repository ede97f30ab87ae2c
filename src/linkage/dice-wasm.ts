/**
 * A hand-assembled WebAssembly Dice kernel, emitted as bytes at run time (no toolchain).
 * One module per CLK width, fully unrolled over the 64-bit words:
 *
 *   scan(q, base, n, pcs, qpc, maxDiff, thr, outIdx, outScore) → count
 *
 * For candidate i (CLK at base + i·B, popcount pcs[i]): skip if |qpc − pcs[i]| > maxDiff
 * (the popcount bound); else c = Σ popcnt(q[w] & cand[w]); keep i if c > 0 and
 * 2c ≥ thr·(qpc + pcs[i]), writing i and the Dice score 2c/(qpc + pcs[i]).
 */

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  while (true) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

// Opcodes used.
const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  select: 0x1b,
  void: 0x40,
  get: 0x20,
  set: 0x21,
  i32const: 0x41,
  i64const: 0x42,
  i32load: 0x28,
  i64load: 0x29,
  i32store: 0x36,
  f64store: 0x39,
  i32eqz: 0x45,
  i32ltS: 0x48,
  i32leS: 0x4c,
  i32geU: 0x4f,
  i64eqz: 0x50,
  f64ge: 0x66,
  i32add: 0x6a,
  i32sub: 0x6b,
  i32and: 0x71,
  i32shl: 0x74,
  i64popcnt: 0x7b,
  i64add: 0x7c,
  i64and: 0x83,
  i64shl: 0x86,
  f64mul: 0xa2,
  f64div: 0xa3,
  f64fromI32U: 0xb8,
  f64fromI64U: 0xba,
} as const;

// Locals: params 0..8, then i, cnt, p, pc, d (i32), c (i64), and the query's words (i64, from QW on).
const Q = 0,
  BASE = 1,
  N = 2,
  PCS = 3,
  QPC = 4,
  MAXD = 5,
  THR = 6,
  OUTI = 7,
  OUTS = 8;
const I = 9,
  CNT = 10,
  P = 11,
  PC = 12,
  D = 13,
  C = 14,
  QW = 15;

/** The module's bytes for CLKs of `words64` 64-bit words. */
export function diceModuleBytes(words64: number): Uint8Array<ArrayBuffer> {
  const B = words64 * 8;
  const g = (l: number) => [OP.get, l];
  const s = (l: number) => [OP.set, l];
  // The query is loaded into locals once; each candidate word is loaded, ANDed and counted.
  const loadQuery: number[] = [];
  const and: number[] = [];
  for (let w = 0; w < words64; w++) {
    loadQuery.push(...g(Q), OP.i64load, 3, ...uleb(8 * w), OP.set, ...uleb(QW + w));
    and.push(OP.get, ...uleb(QW + w), ...g(P), OP.i64load, 3, ...uleb(8 * w), OP.i64and, OP.i64popcnt);
    if (w > 0) and.push(OP.i64add);
  }
  const twoC = [...g(C), OP.i64const, 1, OP.i64shl, OP.f64fromI64U];
  const sum = [...g(QPC), ...g(PC), OP.i32add, OP.f64fromI32U];
  const body = [
    ...loadQuery,
    ...g(BASE),
    ...s(P),
    OP.block,
    OP.void,
    OP.loop,
    OP.void,
    ...g(I),
    ...g(N),
    OP.i32geU,
    OP.brIf,
    1,
    ...g(PCS),
    ...g(I),
    OP.i32const,
    2,
    OP.i32shl,
    OP.i32add,
    OP.i32load,
    2,
    0,
    ...s(PC),
    ...g(QPC),
    ...g(PC),
    OP.i32sub,
    ...s(D),
    // |d| = select(-d, d, d < 0)
    OP.i32const,
    0,
    ...g(D),
    OP.i32sub,
    ...g(D),
    ...g(D),
    OP.i32const,
    0,
    OP.i32ltS,
    OP.select,
    ...g(MAXD),
    OP.i32leS,
    OP.if,
    OP.void,
    ...and,
    ...s(C),
    ...twoC,
    ...g(THR),
    ...sum,
    OP.f64mul,
    OP.f64ge,
    ...g(C),
    OP.i64eqz,
    OP.i32eqz,
    OP.i32and,
    OP.if,
    OP.void,
    ...g(OUTI),
    ...g(CNT),
    OP.i32const,
    2,
    OP.i32shl,
    OP.i32add,
    ...g(I),
    OP.i32store,
    2,
    0,
    ...g(OUTS),
    ...g(CNT),
    OP.i32const,
    3,
    OP.i32shl,
    OP.i32add,
    ...twoC,
    ...sum,
    OP.f64div,
    OP.f64store,
    3,
    0,
    ...g(CNT),
    OP.i32const,
    1,
    OP.i32add,
    ...s(CNT),
    OP.end,
    OP.end,
    ...g(I),
    OP.i32const,
    1,
    OP.i32add,
    ...s(I),
    ...g(P),
    OP.i32const,
    ...sleb(B),
    OP.i32add,
    ...s(P),
    OP.br,
    0,
    OP.end,
    OP.end,
    ...g(CNT),
    OP.end,
  ];
  const func = [2, 5, 0x7f, ...uleb(1 + words64), 0x7e, ...body];
  const I32 = 0x7f,
    F64 = 0x7c;
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [1, 0x60, 9, I32, I32, I32, I32, I32, I32, F64, I32, I32, 1, I32]),
    ...section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('scan'), 0x00, 0]),
    ...section(10, [1, ...uleb(func.length), ...func]),
  ];
  return new Uint8Array(bytes);
}

export type ScanFn = (
  q: number,
  base: number,
  n: number,
  pcs: number,
  qpc: number,
  maxDiff: number,
  thr: number,
  outIdx: number,
  outScore: number,
) => number;

const modules = new Map<number, WebAssembly.Module>();

/** Instantiate the kernel for a width over the given memory; null where WebAssembly is unavailable. */
export function instantiateDice(words64: number, memory: WebAssembly.Memory): ScanFn | null {
  if (typeof WebAssembly === 'undefined') return null;
  let mod = modules.get(words64);
  if (!mod) {
    mod = new WebAssembly.Module(diceModuleBytes(words64));
    modules.set(words64, mod);
  }
  const inst = new WebAssembly.Instance(mod, { env: { mem: memory } });
  return inst.exports.scan as ScanFn;
}
