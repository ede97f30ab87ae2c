import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved, type UnitArrays } from '../mechanism.ts';

// docs/model.md §5: no rotation by default (mt-2023-12-05, rerussia-2023-09-22); a scenario can rotate units out after N months,
// which resets daysWithoutRotation and restores morale.
export const params = {
  intervalDays: p(
    0,
    0,
    1000,
    'days (0 = never)',
    'docs/model.md §5; mt-2023-12-05 (no rotation)',
    'days at the front after which a unit is rotated out',
    true,
  ),
  restDays: p(30, 0, 180, 'days', 'docs/model.md §5', 'days a rotated unit spends out of combat'),
  moraleRestore: p(0.7, 0, 1, '0–1', 'docs/model.md §5 (restores morale)', 'morale of a unit after rotation'),
} satisfies ParamSpecs;

export type RotationParams = Resolved<typeof params>;

export function rotationDue(daysSinceRotation: number, p: RotationParams): boolean {
  const n = p.intervalDays;
  return n > 0 && daysSinceRotation >= n;
}

/** Start of a unit's day: rotate it out when due (its rest keeps it out of the line until restUntil). */
export function rotate(units: UnitArrays, u: number, day: number, p: RotationParams): void {
  if (rotationDue(units.daysSinceRotation[u]!, p)) {
    units.daysSinceRotation[u] = 0;
    units.restUntil[u] = day + Math.round(p.restDays);
    units.morale[u] = Math.max(units.morale[u]!, p.moraleRestore);
  }
}

export const mechanism = defineMechanism({
  name: 'rotation',
  summary: 'units rotated out of the line: fatigue reset, morale restored, a rest without losses',
  params,
  hooks: (p) => ({ unitDay: (units, u, day) => rotate(units, u, day, p) }),
});
