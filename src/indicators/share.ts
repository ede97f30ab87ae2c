import type { Derived } from './derived.ts';

/** A count as a percentage of a force: 5,000 convictions in a force of 250,000 is 2%. */
export function shareOfForce(count: number, force: number, labels: { count?: string; force?: string } = {}): Derived {
  if (!(force > 0)) throw new RangeError('force size must be positive');
  return {
    value: (count / force) * 100,
    formula: `${labels.count ?? 'count'} / ${labels.force ?? 'force'} × 100`,
    inputs: { [labels.count ?? 'count']: count, [labels.force ?? 'force']: force },
  };
}
