import { p, type ParamSpecs } from '../params-spec.ts';

// model.md §5: the leave policy (interval and length; in practice rare, 002, 004).
export const params = {
  perYear: p(0.3, 0, 6, 'leaves per soldier-year', 'model.md §5 (in practice rare); 002', 'expected leaves per front soldier per year'),
  lengthDays: p(14, 1, 60, 'days', 'model.md §5', 'length of a leave', true),
} satisfies ParamSpecs;

export function leaveProbability(P: Record<string, number>): number {
  return P['leave.perYear'] / 365;
}
