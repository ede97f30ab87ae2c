import type { CourtCaseInput } from '../../store/index.ts';
import type { ClassifiedCase } from './types.ts';

const SEP = '\u0001';
const f = (v: string | number | null | undefined): string => (v === null || v === undefined ? '\u0000' : String(v));

/**
 * A classified case as table rows. The content hash covers what the court published, not when we saw it.
 * case_id is 0 here: the store assigns it when the case is first written.
 */
export function caseToRows(c: ClassifiedCase): CourtCaseInput {
  // The content signature: every stored value in a fixed order (built as one string: this runs per record).
  let sig =
    c.key +
    SEP +
    c.court +
    SEP +
    c.tier +
    SEP +
    f(c.region) +
    SEP +
    c.caseNumber +
    SEP +
    f(c.caseUid) +
    SEP +
    f(c.judge) +
    SEP +
    f(c.dateReceived) +
    SEP +
    f(c.dateResult) +
    SEP +
    f(c.dateInForce) +
    SEP +
    c.decision +
    SEP +
    c.result +
    SEP +
    f(c.textRedacted) +
    SEP +
    (c.textAvailable ? 1 : 0);
  const defendants: CourtCaseInput['defendants'] = [];
  const charges: CourtCaseInput['charges'] = [];
  for (const d of c.defendants) {
    const s = d.sentence;
    defendants.push({
      case_id: 0,
      idx: d.index,
      name_hmac: d.nameHmac,
      name_clk: d.nameClk,
      articles_text: d.articlesText,
      category: d.category,
      sentence: s.type,
      term_months: s.termMonths ?? null,
      probation_months: s.probationMonths ?? null,
      colony_regime: s.colonyRegime ?? null,
      deduction_percent: s.deductionPercent ?? null,
      fine_roubles: s.fineRoubles ?? null,
      combination: s.combination ?? null,
      addition: s.addition ?? null,
      dismissal_ground: s.dismissalGround ?? null,
    });
    sig += `${SEP}D${d.index}${SEP}${f(d.nameHmac)}${SEP}${f(d.nameClk)}${SEP}${d.articlesText}${SEP}${d.category}${SEP}${s.type}${SEP}${f(s.termMonths)}${SEP}${f(s.probationMonths)}${SEP}${f(s.colonyRegime)}${SEP}${f(s.deductionPercent)}${SEP}${f(s.fineRoubles)}${SEP}${f(s.combination)}${SEP}${f(s.addition)}${SEP}${f(s.dismissalGround)}`;
    for (let seq = 0; seq < d.charges.length; seq++) {
      const ch = d.charges[seq]!;
      const ctx = ch.mobilisationContext === null ? null : ch.mobilisationContext ? 1 : 0;
      charges.push({
        case_id: 0,
        idx: d.index,
        seq,
        article: ch.article,
        part: ch.part,
        point: ch.point ?? null,
        offence: ch.offence,
        mobilisation_context: ctx,
        absence_band: ch.absenceBand,
      });
      sig += `${SEP}C${seq}${SEP}${ch.article}${SEP}${ch.part}${SEP}${f(ch.point)}${SEP}${ch.offence}${SEP}${f(ctx)}${SEP}${ch.absenceBand}`;
    }
  }
  return {
    case: {
      // The merge fills these in; present from the start so that every row object has one shape.
      id: 0,
      first_seen: '',
      last_seen: '',
      deleted_at: null,
      last_scrape: '',
      case_key: c.key,
      court: c.court,
      court_tier: c.tier,
      region: c.region,
      case_number: c.caseNumber,
      case_uid: c.caseUid,
      judge: c.judge,
      date_received: c.dateReceived,
      date_result: c.dateResult,
      date_in_force: c.dateInForce,
      decision: c.decision,
      result: c.result,
      text_redacted: c.textRedacted,
      text_available: c.textAvailable ? 1 : 0,
      defendants: defendants.length,
      content_hash: hash64(sig),
    },
    defendants,
    charges,
  };
}

/**
 * A 64-bit non-cryptographic hash (two FNV-1a lanes) of a string, as 16 hex digits. It only tells whether
 * a re-scraped case changed; a cryptographic hash per record cost more than the rest of the row building.
 */
export function hash64(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 ^= h1 >>> 13;
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
