import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { CATEGORY_COUNT } from '../states.ts';

// docs/model.md §3: − β_pay · pay[category]: high salaries hold men (rerussia-2023-09-22). Pay levels are relative
// (wartime contract = 1): ex-prisoners are paid little, mobilised men less than contract soldiers.
export const params = {
  beta: p(
    0.6,
    0,
    3,
    'log-hazard per relative pay',
    'docs/model.md §3 β_pay; rerussia-2023-09-22 (high salaries)',
    'protection by pay',
  ),
  scale: p(
    1,
    0,
    3,
    'multiplier',
    'docs/model.md §3 pay[category]',
    'multiplier on every category’s pay (a pay rise or cut)',
  ),
} satisfies ParamSpecs;

export type PayParams = Resolved<typeof params>;

/** Relative pay by category: prewar contract, wartime contract, mobilised, ex-prisoner, other. */
const RELATIVE_PAY = [0.7, 1.0, 0.8, 0.3, 0.3];

export function payTerm(category: number, p: PayParams): number {
  return category < CATEGORY_COUNT ? -p.beta * p.scale * RELATIVE_PAY[category]! : 0;
}

export const mechanism = defineMechanism({
  name: 'pay',
  summary: 'pay holds men: a protective term by category',
  params,
  hooks: (p) => ({ dayTerm: (c) => payTerm(c.category, p) }),
});
