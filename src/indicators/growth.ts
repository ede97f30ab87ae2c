import type { Derived } from './derived.ts';

/** Percentage change from a base period to a later one: 577 against 305 is +89%. */
export function growth(base: number, later: number, labels: { base?: string; later?: string } = {}): Derived {
  if (base === 0) throw new RangeError('growth from a base of 0 is undefined');
  return {
    value: ((later - base) / base) * 100,
    formula: `(${labels.later ?? 'later'} − ${labels.base ?? 'base'}) / ${labels.base ?? 'base'} × 100`,
    inputs: { [labels.base ?? 'base']: base, [labels.later ?? 'later']: later },
  };
}
