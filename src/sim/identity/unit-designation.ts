// Military unit designations ("в/ч 12345", войсковая часть): real ones are five-digit numbers. We map the
// model's numeric unit id to one with a fixed affine permutation of 10000–99999, so neighbouring unit ids get
// unrelated-looking numbers and two different ids never share a number.

const SPAN = 90_000;
const MULT = 48_271; // coprime with 90 000 (= 2^4·3^2·5^4), so u ↦ (MULT·u + OFFSET) mod SPAN is a bijection
const OFFSET = 31_337;

export function unitNumber(unitId: number): string {
  if (!Number.isInteger(unitId) || unitId < 0)
    throw new Error(`unitNumber: unit id must be a non-negative integer, got ${unitId}`);
  const base = Number((BigInt(MULT) * BigInt(unitId % SPAN) + BigInt(OFFSET)) % BigInt(SPAN)) + 10_000;
  const block = Math.floor(unitId / SPAN);
  // Beyond 90 000 ids the numbers repeat, so a letter suffix keeps them distinct (real designations use such suffixes).
  return block === 0 ? String(base) : `${base}-${block}`;
}

/** The designation as the truth carries it. */
export function unitDesignation(unitId: number): string {
  return `в/ч ${unitNumber(unitId)}`;
}
