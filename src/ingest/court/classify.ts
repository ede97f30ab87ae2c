import { hash } from 'node:crypto';
import { parseArticles } from './articles.ts';
import { courtTier } from './court-tier.ts';
import { articleTextForStore, splitDefendants } from './defendants.ts';
import { classifyCharge } from './legal-table.ts';
import { caseResult } from './outcome.ts';
import { nameHmac } from './pseudonym.ts';
import { mayNameSomeone, redactNames } from './redact.ts';
import { surnameOf } from './name-forms.ts';
import { paragraphsByDefendant } from './per-defendant.ts';
import { defendantCategory, dismissal, operativePart, parseSentence } from './sentence.ts';
import type {
  ClassifiedCase,
  ClassifiedCharge,
  ClassifiedDefendant,
  RawCourtRecord,
  Result,
  Sentence,
} from './types.ts';

export interface ClassifyOptions {
  /** The user's secret for keyed name hashes; without it no name-derived value is kept at all. */
  secret?: Uint8Array;
  /** Keep the judgment text (names redacted). Off by default. */
  keepText?: boolean;
  /** Optional privacy-preserving encoder for linkage (a CLK as base64; null when the schema rejects the name). */
  encodeName?: (name: string) => string | null;
}

// Scraped dumps repeat the same court names, result lines and article strings millions of times:
// classify each distinct string once. Bounded so that a pathological dump cannot grow them without end.
const CACHE_MAX = 100_000;
function cached<V>(cache: Map<string, V>, key: string, make: (k: string) => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make(key);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, v);
  }
  return v;
}
const tierCache = new Map<string, ReturnType<typeof courtTier>>();
const resultCache = new Map<string, ReturnType<typeof caseResult>>();
const chargeCache = new Map<string, { charges: ClassifiedCharge[]; stored: string }>();

function chargesOf(articlesText: string): { charges: ClassifiedCharge[]; stored: string } {
  return cached(chargeCache, articlesText, (t) => {
    const { charges } = parseArticles(t);
    return {
      charges: charges.length ? charges.map(classifyCharge) : [classifyCharge({ article: 'unknown', part: '' })],
      stored: articleTextForStore(t),
    };
  });
}

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** Repeated scrapes are merged on this: the court and the case number, as printed, folded. */
export function caseKey(court: string, caseNumber: string): string {
  // One-shot hash: same digest as createHash, without a Hash object per record.
  return hash('sha256', `${fold(court)}\u0000${fold(caseNumber)}`, 'hex').slice(0, 20);
}

export function classifyRecord(r: RawCourtRecord, opts: ClassifyOptions = {}): ClassifiedCase {
  const result = cached(resultCache, r.decision, caseResult);
  const text = r.text.trim();
  const category = text ? defendantCategory(text) : 'unknown';
  const entries = splitDefendants(r.names);
  // A case card with no defendant line still has someone in the dock: one defendant, nothing known.
  if (entries.length === 0) entries.push({ name: '', articlesText: '' });
  const sentences = sentencesOf(
    result,
    text,
    entries.map((e) => e.name || e.placeholder || ''),
  );
  const defendants: ClassifiedDefendant[] = entries.map((e, index) => {
    const { charges, stored } = chargesOf(e.articlesText);
    return {
      index,
      nameHmac: e.name && opts.secret ? nameHmac(opts.secret, e.name) : null,
      nameClk: e.name && opts.encodeName ? opts.encodeName(e.name) : null,
      articlesText: stored,
      charges,
      category,
      // sentencesOf returns one sentence per name, in order.
      sentence: sentences[index]!,
    };
  });
  return {
    key: caseKey(r.court, r.caseNumber),
    line: r.line,
    court: r.court.trim(),
    tier: cached(tierCache, r.court, courtTier),
    region: r.region?.trim() || null,
    caseNumber: r.caseNumber.trim(),
    caseUid: r.caseUid?.trim() || null,
    judge: r.judge?.trim() || null,
    dateReceived: r.entryDate,
    dateResult: r.resultDate,
    dateInForce: r.endDate,
    decision: redactDecision(r.decision.trim(), entries),
    result,
    textRedacted: opts.keepText && text ? redactNames(text, entries.map((e) => e.name).filter(Boolean)) : null,
    textAvailable: text !== '',
    defendants,
  };
}

/**
 * Each defendant's sentence. One defendant: the operative part is his. Several: only the paragraphs that name
 * him (a sentence the text does not tie to him stays unknown). Cases ended without a verdict: "none", with
 * the ground where the ruling states it.
 */
function sentencesOf(result: Result, text: string, names: string[]): Sentence[] {
  if (result !== 'verdict' && result !== 'terminated') return names.map(() => ({ type: 'none' }));
  if (text === '') return names.map(() => (result === 'verdict' ? { type: 'unknown' } : { type: 'none' }));
  const read = (t: string): Sentence => (result === 'verdict' ? parseSentence(t) : { type: 'none', ...dismissal(t) });
  if (names.length === 1) return [read(text)];
  const paragraphs = paragraphsByDefendant(operativePart(text), names);
  return paragraphs.map((ps) => {
    for (const p of ps) {
      const s = read(p);
      if (s.type !== 'unknown' && (result === 'verdict' || s.dismissalGround)) return s;
    }
    return result === 'verdict' ? { type: 'unknown' } : { type: 'none' };
  });
}

/** The decision line rarely names anyone; when it may, names go as everywhere else. */
function redactDecision(decision: string, entries: Array<{ name: string }>): string {
  const names = entries.map((e) => e.name).filter(Boolean);
  return mayNameSomeone(decision, names.map(surnameOf)) ? redactNames(decision, names) : decision;
}
