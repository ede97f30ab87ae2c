import { p, type ParamSpecs } from '../params-spec.ts';

// docs/model.md §4: an AWOL soldier becomes wanted after wantedDelay days (~2 days, S15). Only some
// reach the federal list (L01: 26 of 1,010 unit deserters).
export const params = {
  delayDays: p(2, 0, 60, 'days', 'docs/model.md §4 wantedDelay; S15', 'days absent before being declared wanted', true),
  pListed: p(0.1, 0, 1, 'probability', 'L01 (26 of 1,010 on the federal wanted list)', 'chance that an absentee still away after the delay is put on the wanted list'),
} satisfies ParamSpecs;
