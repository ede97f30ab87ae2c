// Soldier states, categories and flag bits: small integers stored in typed arrays.

export const State = {
  POOL: 0, // an empty slot: not yet recruited, or vacated by someone who left the force for good
  TRAINING: 1, // rear, training or marching to the front
  FRONT: 2,
  ON_LEAVE: 3,
  HOSPITAL: 4,
  AWOL_HOME: 5,
  IN_TRANSIT: 6,
  ABROAD_TRANSIT: 7, // Kazakhstan, Armenia: reachable with the internal passport
  ABROAD_SAFE: 8,
  DETAINED: 9,
  PRISON: 10,
  SURRENDERED: 11,
  KILLED: 12,
  DISCHARGED: 13,
} as const;
export type State = (typeof State)[keyof typeof State];
export const STATE_COUNT = 14;
export const STATE_NAMES = [
  'pool',
  'training',
  'front',
  'onLeave',
  'hospital',
  'awolHome',
  'inTransit',
  'abroadTransit',
  'abroadSafe',
  'detained',
  'prison',
  'surrendered',
  'killed',
  'discharged',
] as const;

/** Terminal states free the soldier's slot for a new recruit; their people are counted, not stored. */
export function isTerminal(s: number): boolean {
  return (
    s === State.ABROAD_SAFE ||
    s === State.PRISON ||
    s === State.SURRENDERED ||
    s === State.KILLED ||
    s === State.DISCHARGED
  );
}

/** States counted in the force's strength (in theatre, under command). */
export function inStrength(s: number): boolean {
  return (
    s === State.TRAINING || s === State.FRONT || s === State.ON_LEAVE || s === State.HOSPITAL || s === State.DETAINED
  );
}

export const Category = {
  PREWAR_CONTRACT: 0,
  WARTIME_CONTRACT: 1,
  MOBILISED: 2,
  EX_PRISONER: 3,
  OTHER: 4,
} as const;
export const CATEGORY_COUNT = 5;
export const CATEGORY_NAMES = ['prewarContract', 'wartimeContract', 'mobilised', 'exPrisoner', 'other'] as const;

export const Flag = {
  DISCRIMINATED: 1,
  OFFICER: 2,
  FOREIGN_PASSPORT: 4,
  WANTED: 8,
  CASE_OPEN: 16,
  SUSPENDED: 32,
  CONTACTED_NGO: 64,
  EVER_AWOL: 128,
} as const;

/** Routes after leaving. */
export const Route = { HOME: 0, ABROAD: 1, SURRENDER: 2, REFUSE: 3 } as const;
export const ROUTE_NAMES = ['home', 'abroad', 'surrender', 'refuse'] as const;
