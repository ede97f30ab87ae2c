// Synthetic identities for the simulation's individual-level lists: true identities from frequency tables,
// damaged per source, with the answer key kept apart.
export {
  buildIndividualLists,
  IDENTITY_COLUMNS,
  type BuildOptions,
  type IndividualLists,
  type ListEntry,
} from './build-lists.ts';
export { trueIdentity, type Identity } from './true-identity.ts';
export { DEFAULT_PROFILES, NO_DAMAGE, defaultProfileName, profileFor, type DamageProfile } from './profiles.ts';
export { damageIdentity, initialOf, type DamageLog, type IdentityColumns } from './damage.ts';
export { applyTypo, typo, yoToYe, TYPO_KINDS, type TypoKind } from './typos.ts';
export { keyboardNeighbours } from './keyboard.ts';
export { ukrainianSpelling } from './ukrainian-spelling.ts';
export { latinVariant, LATIN_ALTERNATIONS } from './latin-variants.ts';
export { canSwapDayMonth, dateDigitTypo, swapDayMonth } from './date-damage.ts';
export { unitDesignation, unitNumber } from './unit-designation.ts';
export { patronymicOf } from './patronymic.ts';
export { REGION_ROWS, regionWeights } from './tables/regions.ts';
export { Rng, rngFor, hashInts, hashString } from './random.ts';
