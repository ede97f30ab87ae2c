import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { Flag } from '../states.ts';
import { u01 } from '../rng.ts';
import { log, type Day, type World } from '../world.ts';

// docs/model.md §4: an AWOL soldier becomes wanted after wantedDelay days (~2 days, S15). Only some
// reach the federal list (L01: 26 of 1,010 unit deserters).
export const params = {
  delayDays: p(2, 0, 60, 'days', 'docs/model.md §4 wantedDelay; S15', 'days absent before being declared wanted', true),
  pListed: p(
    0.1,
    0,
    1,
    'probability',
    'L01 (26 of 1,010 on the federal wanted list)',
    'chance that an absentee still away after the delay is put on the wanted list',
  ),
} satisfies ParamSpecs;

export type WantedParams = Resolved<typeof params>;

/** An absentee still at home exactly `delayDays` after leaving may be put on the wanted list (once). */
export function declareWanted(w: World, s: number, id: number, t: Day): void {
  const { flags } = w;
  const { d, dAbs } = t;
  if (
    dAbs - w.entered[s]! === t.wantedDelay &&
    !(flags[s]! & Flag.WANTED) &&
    u01(w.keys.WANTED, id, dAbs) < t.pListed
  ) {
    flags[s]! |= Flag.WANTED;
    w.flows.wantedDeclared[d]!++;
    if (w.events) log(w, w.events.wanted, s, d);
  }
}

export const mechanism = defineMechanism({
  name: 'wanted',
  summary: 'an absentee is declared wanted; some reach the federal list',
  params,
  flags: ['WANTED'],
  flows: ['wantedDeclared'],
  hooks: (p) => ({
    day: (t) => {
      t.wantedDelay = Math.round(p.delayDays);
      t.pListed = p.pListed;
    },
  }),
});
