// Vocabulary of court records: what a scraper hands us (raw) and what classification makes of it.

/** One case as a scraper lists it, after dates are parsed. Names are still in clear here: never store this. */
export interface RawCourtRecord {
  /** 1-based line (JSON Lines) or record line (CSV) in the input file. */
  line: number;
  court: string;
  caseNumber: string;
  /** The case UID (УИД) when the export carries one. */
  caseUid?: string;
  region?: string;
  judge?: string;
  /** ISO dates (null when the export leaves them empty). */
  entryDate: string | null;
  resultDate: string | null;
  endDate: string | null;
  /** Defendants with their articles, as the court site lists them. */
  names: string;
  decision: string;
  text: string;
}

export const COURT_TIERS = ['garrison', 'district', 'fleet', 'appeal', 'cassation', 'supreme', 'unknown'] as const;
export type CourtTier = (typeof COURT_TIERS)[number];

export const OFFENCES = [
  'awol',
  'desertion',
  'refusal',
  'disobedience',
  'evasion',
  'surrender',
  'violence',
  'other',
  'unknown',
] as const;
export type Offence = (typeof OFFENCES)[number];

export const ABSENCE_BANDS = ['2-10d', '10d-1m', '>1m', 'desertion', 'refusal', 'none', 'unknown'] as const;
export type AbsenceBand = (typeof ABSENCE_BANDS)[number];

/** One article reference: article and part kept apart (never "337-5" as one string). */
export interface Charge {
  /** "337", "352.1", or "unknown" when the text names no article we can read. */
  article: string;
  /** "5", "2.1"; "" when the text gives no part. */
  part: string;
  /** Cyrillic point letter ("а"), when given. */
  point?: string;
}

export interface ClassifiedCharge extends Charge {
  offence: Offence;
  /** true for the 2022 mobilisation/martial-law/wartime parts; null when the part does not say. */
  mobilisationContext: boolean | null;
  absenceBand: AbsenceBand;
}

// First-instance results, then the appeal and cassation outcomes (CPC Arts. 389.20, 401.14) of a case card.
export const RESULTS = [
  'verdict',
  'terminated',
  'returned_to_prosecutor',
  'transferred',
  'suspended',
  'postponed',
  'pending',
  'upheld',
  'amended',
  'quashed',
  'unknown',
] as const;
export type Result = (typeof RESULTS)[number];

// The punishments of Criminal Code Art. 44 a military court imposes (the main one), a suspended prison term
// (Art. 73), an acquittal; "none" where the case ended without a sentence, "unknown" where nothing says.
export const SENTENCES = [
  'suspended',
  'prison',
  'life',
  'restriction_of_service',
  'disciplinary_unit',
  'fine',
  'compulsory_labour',
  'corrective_labour',
  'forced_labour',
  'arrest',
  'restriction_of_liberty',
  'acquitted',
  'none',
  'unknown',
] as const;
export type SentenceType = (typeof SENTENCES)[number];

/** A final sentence for several crimes (Art. 69) or several verdicts (Art. 70). */
export const COMBINATIONS = ['crimes', 'verdicts'] as const;
export type Combination = (typeof COMBINATIONS)[number];
/** How the sentences were put together: partial or full addition, or absorption of the lesser. */
export const ADDITIONS = ['partial', 'full', 'absorption'] as const;
export type Addition = (typeof ADDITIONS)[number];

/** Why a case or a prosecution was ended (CPC Arts. 24–28.2, Criminal Code Arts. 75–78.1). */
export const DISMISSAL_GROUNDS = [
  'court_fine',
  'reconciliation',
  'amnesty',
  'death',
  'military_service',
  'active_repentance',
  'limitation',
  'no_crime',
] as const;
export type DismissalGround = (typeof DISMISSAL_GROUNDS)[number];

export const COLONY_REGIMES = ['settlement', 'general', 'strict', 'special'] as const;
export type ColonyRegime = (typeof COLONY_REGIMES)[number];

export const CATEGORIES = ['mobilised', 'contract', 'conscript', 'ex_prisoner', 'unknown'] as const;
export type DefendantCategory = (typeof CATEGORIES)[number];

export interface Sentence {
  type: SentenceType;
  /** Term of the sentence in months (prison, restriction, disciplinary unit, the suspended prison term). */
  termMonths?: number;
  /** Probation period of a suspended sentence, months. */
  probationMonths?: number;
  colonyRegime?: ColonyRegime;
  /** Salary deduction of a restriction of service, percent. */
  deductionPercent?: number;
  /** Fine in roubles (also the court fine of a case ended under CPC Art. 25.1). */
  fineRoubles?: number;
  combination?: Combination;
  addition?: Addition;
  /** Where the case was ended for this defendant, the ground the text states. */
  dismissalGround?: DismissalGround;
}

/** A defendant after classification: the name is gone, only its keyed hash (if a secret was given) remains. */
export interface ClassifiedDefendant {
  index: number;
  nameHmac: string | null;
  /** Privacy-preserving linkage encoding, when one was asked for (not available yet, see the report). */
  nameClk: string | null;
  /** The article text of this defendant with the name cut off (kept so unknowns can be reviewed). */
  articlesText: string;
  charges: ClassifiedCharge[];
  category: DefendantCategory;
  sentence: Sentence;
}

export interface ClassifiedCase {
  /** Stable key: court and case number (normalised). */
  key: string;
  line: number;
  court: string;
  tier: CourtTier;
  region: string | null;
  caseNumber: string;
  caseUid: string | null;
  judge: string | null;
  dateReceived: string | null;
  dateResult: string | null;
  dateInForce: string | null;
  decision: string;
  result: Result;
  /** The judgment text with names redacted; null unless the user asked to keep texts. */
  textRedacted: string | null;
  textAvailable: boolean;
  defendants: ClassifiedDefendant[];
}
