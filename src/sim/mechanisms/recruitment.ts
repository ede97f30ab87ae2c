import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { Category } from '../states.ts';
import { dayNumber } from '../../domain/index.ts';

// docs/model.md §1: inflows follow the recruitment schedule: the mobilisation wave from 2022-09-21
// (~300,000 over ~2 months) and monthly contract recruitment. Shares are of the agent capacity,
// so the model scales with --agents.
export const MOBILISATION_START = dayNumber('2022-09-21');

export const params = {
  mobilisationShare: p(
    0.3,
    0,
    1,
    'share of capacity',
    'docs/model.md §1 (mobilisation of Sept 2022: ~300,000 over ~2 months)',
    'men added by the Sept 2022 mobilisation, as a share of the agent capacity',
  ),
  mobilisationDays: p(60, 1, 365, 'days', 'docs/model.md §1 (~2 months)', 'length of the Sept 2022 wave', true),
  wavePerDay: p(
    0,
    0,
    0.05,
    'share of capacity per day',
    'docs/model.md §8 new-mobilisation',
    'an extra mobilisation wave (set by scenarios for a period)',
  ),
  refillPerDay: p(
    0.01,
    0,
    0.2,
    'share of vacancies per day',
    'docs/model.md §1 (monthly contract recruitment)',
    'contract recruitment: share of empty slots filled each day',
  ),
  exPrisonerShare: p(
    0.15,
    0,
    1,
    'share of recruits',
    'docs/model.md §1 (ex-prisoner Storm Z / PMC); rerussia-2023-09-22',
    'share of contract recruits who are ex-prisoners (2022-07 to 2023-12)',
  ),
  trainingDays: p(
    21,
    0,
    180,
    'days',
    'docs/model.md §2 REAR/MARCHING',
    'days in the rear before reaching the front',
    true,
  ),
} satisfies ParamSpecs;

export type RecruitmentParams = Resolved<typeof params>;

const PRISON_RECRUITING: readonly [number, number] = [dayNumber('2022-07-01'), dayNumber('2023-12-31')];

/** Mobilised men to add today (a real number; the engine carries the fraction over). */
export function mobilisedToday(day: number, capacity: number, p: RecruitmentParams): number {
  const days = p.mobilisationDays;
  const wave =
    day >= MOBILISATION_START && day < MOBILISATION_START + days ? (p.mobilisationShare * capacity) / days : 0;
  return wave + p.wavePerDay * capacity;
}

/**
 * Contract recruits to add today, given the empty slots. Before the mobilisation the force is held at
 * its initial share of the capacity (force.initialShare; recruits replace losses); from the mobilisation on, at the full capacity.
 */
export function contractToday(
  day: number,
  vacancies: number,
  capacity: number,
  initialShare: number,
  p: RecruitmentParams,
): number {
  const target = day < MOBILISATION_START ? initialShare : 1;
  return Math.max(0, vacancies - (1 - target) * capacity) * p.refillPerDay;
}

/** Category of a contract recruit drawn with uniform x. */
export function contractCategory(day: number, x: number, p: RecruitmentParams): number {
  const prisons = day >= PRISON_RECRUITING[0] && day <= PRISON_RECRUITING[1];
  return prisons && x < p.exPrisonerShare ? Category.EX_PRISONER : Category.WARTIME_CONTRACT;
}

export const mechanism = defineMechanism({
  name: 'recruitment',
  summary: 'inflows: the Sept 2022 mobilisation wave, scenario waves and contract refill of empty slots',
  params,
  states: ['pool', 'training'],
  flows: ['recruited', 'mobilised'],
});
