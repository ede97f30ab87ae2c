import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { Flag } from '../states.ts';
import type { Uniform } from '../rng.ts';

// docs/model.md §1: the force in theatre (~200,000 to 350,000, S29, S30) in companies grouped into sectors;
// per-soldier attributes drawn once when a soldier joins.
export const params = {
  initialShare: p(
    0.63,
    0.1,
    1,
    'share of slots',
    'docs/model.md §1; S29, S30 (force ~200k May 2023 – 350k Aug 2023); rerussia-2023-09-22 (~190k invasion force)',
    'share of agent slots filled on the first day',
  ),
  unitSize: p(100, 20, 1000, 'soldiers', 'docs/model.md §1 (companies of ~100)', 'soldiers per unit (company)', true),
  unitsPerSector: p(
    30,
    1,
    500,
    'units',
    'docs/model.md §1 (sectors for between-unit contagion)',
    'units per sector (brigade/division area)',
    true,
  ),
  discriminatedShare: p(
    0.15,
    0,
    0.6,
    'share',
    'docs/model.md §1; S28 (1,100 of 1,800 refuseniks from national republics)',
    'share of soldiers from a discriminated group',
  ),
  officerShare: p(
    0.04,
    0,
    0.3,
    'share',
    'docs/model.md §1; L01 (29 officers among 1,010 on one unit list)',
    'share of officers',
  ),
  foreignPassportShare: p(
    0.12,
    0,
    0.8,
    'share',
    'docs/model.md §1; S09, mt-2023-12-05 (most have none; handed in within 5 days of a summons since June 2023)',
    'share holding a foreign passport',
  ),
  familySupportMean: p(
    0.4,
    0,
    1,
    '0–1',
    'docs/model.md §1 familySupport; rerussia-2023-09-22 (Koehler/Albrecht/Ohl: strong network ties)',
    'mean family support (Beta-distributed)',
  ),
} satisfies ParamSpecs;

export type ForceParams = Resolved<typeof params>;

/** Family support is kept as one of 8 levels so that its hazard factor comes from a small table. */
export const FAMILY_LEVELS = 8;

/** Flags and family level of a new soldier. Officers and passport holders are independent draws. */
export function drawAttributes(u: Uniform, p: ForceParams): { flags: number; family: number } {
  let flags = 0;
  if (u() < p.discriminatedShare) flags |= Flag.DISCRIMINATED;
  if (u() < p.officerShare) flags |= Flag.OFFICER;
  if (u() < p.foreignPassportShare * (flags & Flag.OFFICER ? 2 : 1)) flags |= Flag.FOREIGN_PASSPORT;
  // Beta(2m, 2(1−m)) has mean m; approximated by the mean of two uniforms shifted to m.
  const m = p.familySupportMean;
  const x = Math.min(0.999, Math.max(0, m + (u() + u() - 1) * Math.min(m, 1 - m)));
  return { flags, family: Math.floor(x * FAMILY_LEVELS) };
}

export const mechanism = defineMechanism({
  name: 'force',
  summary: 'the force in theatre: units, sectors, and each soldier’s attributes drawn when he joins',
  params,
  flags: ['DISCRIMINATED', 'OFFICER', 'FOREIGN_PASSPORT'],
});
