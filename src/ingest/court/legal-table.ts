import type { AbsenceBand, Charge, ClassifiedCharge, Offence } from './types.ts';

// docs/model.md §4: the parts Federal Law 365-FZ (24 Sep 2022) added for mobilisation, martial law,
// wartime or armed conflict, and the absence length each part of art. 337 implies.
interface PartRule {
  context: boolean;
  band: AbsenceBand;
  offence?: Offence;
}

const TABLE: Record<string, Record<string, PartRule>> = {
  '337': {
    '1': { context: false, band: '2-10d' },
    '2': { context: false, band: '2-10d' },
    '2.1': { context: true, band: '2-10d' },
    '3': { context: false, band: '10d-1m' },
    '3.1': { context: true, band: '10d-1m' },
    '4': { context: false, band: '>1m' },
    '5': { context: true, band: '>1m' },
  },
  '338': {
    '1': { context: false, band: 'desertion' },
    '2': { context: false, band: 'desertion' },
    '3': { context: true, band: 'desertion' },
  },
  '332': {
    '1': { context: false, band: 'none', offence: 'disobedience' },
    '2': { context: false, band: 'none', offence: 'disobedience' },
    '2.1': { context: true, band: 'refusal', offence: 'refusal' },
    '2.2': { context: true, band: 'none', offence: 'disobedience' },
  },
  '339': {
    '1': { context: false, band: 'none' },
    '2': { context: false, band: 'none' },
    '3': { context: true, band: 'none' },
  },
};

const OFFENCE_OF_ARTICLE: Record<string, Offence> = {
  '337': 'awol',
  '338': 'desertion',
  '339': 'evasion',
  '352.1': 'surrender',
  '334': 'violence',
};

/** Mobilisation-context flag, absence band and offence of one charge, from the legal table. */
export function classifyCharge(c: Charge): ClassifiedCharge {
  if (c.article === 'unknown') return { ...c, offence: 'unknown', mobilisationContext: null, absenceBand: 'unknown' };
  const rule = TABLE[c.article]?.[c.part];
  // 332 is refusal or plain disobedience depending on the part: without a part it stays unknown.
  const offence: Offence = rule?.offence ?? OFFENCE_OF_ARTICLE[c.article] ?? (TABLE[c.article] ? 'unknown' : 'other');
  if (rule) return { ...c, offence, mobilisationContext: rule.context, absenceBand: rule.band };
  // 352.1 exists only since 2022 and only in wartime: every part is in context.
  if (c.article === '352.1') return { ...c, offence, mobilisationContext: true, absenceBand: 'none' };
  // A known article without a readable part: the part is what tells context and band, so say unknown.
  const band: AbsenceBand =
    c.article === '338' ? 'desertion' : c.article === '337' || c.article === '332' ? 'unknown' : 'none';
  return { ...c, offence, mobilisationContext: null, absenceBand: band };
}
