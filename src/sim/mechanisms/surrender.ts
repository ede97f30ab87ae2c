import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { dayNumber } from '../../domain/index.ts';

// docs/model.md §4 SURRENDERED: surrender through the Ukrainian programme (Hochu Zhit, from Sept 2022).
// Applications far outnumber surrenders (22,000+ applications by Aug 2023, S10, against a few
// hundred confirmed surrenders, H06–H10). Only soldiers' own applications are modelled here.
export const LAUNCH = dayNumber('2022-09-18');

export const params = {
  applyPerDay: p(
    0.00002,
    0,
    0.01,
    'per front soldier-day',
    'docs/model.md §4; H03–H05 (70–100 requests a day, most not from soldiers)',
    'daily chance that a front soldier applies to the programme',
  ),
} satisfies ParamSpecs;

export type SurrenderParams = Resolved<typeof params>;

export function applyProbability(day: number, p: SurrenderParams): number {
  return day >= LAUNCH ? p.applyPerDay : 0;
}

export const mechanism = defineMechanism({
  name: 'surrender',
  summary: 'applications to the Ukrainian surrender programme',
  params,
  states: ['surrendered'],
  flows: ['applications', 'programmeSurrenders'],
  hooks: (p) => ({
    day: (t) => {
      t.pApply = applyProbability(t.dAbs, p);
      t.programme = t.dAbs >= LAUNCH;
    },
  }),
});
