import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';

// docs/model.md §5: the leave policy (interval and length; in practice rare, mt-2023-12-05, rerussia-2023-09-22).
export const params = {
  perYear: p(
    0.3,
    0,
    6,
    'leaves per soldier-year',
    'docs/model.md §5 (in practice rare); mt-2023-12-05',
    'expected leaves per front soldier per year',
  ),
  lengthDays: p(14, 1, 60, 'days', 'docs/model.md §5', 'length of a leave', true),
} satisfies ParamSpecs;

export type LeaveParams = Resolved<typeof params>;

export function leaveProbability(p: LeaveParams): number {
  return p.perYear / 365;
}

export const mechanism = defineMechanism({
  name: 'leave',
  summary: 'leave from the front: how often and how long',
  params,
  states: ['onLeave'],
  flows: ['leavesGranted'],
  hooks: (p) => ({
    day: (t) => {
      t.pLeaveGrant = leaveProbability(p);
      t.leaveDays = Math.round(p.lengthDays);
    },
  }),
});
