import type { Charge } from './types.ts';

// Courts write the same charge many ways: "ст.337 ч.5", "ст. 337 ч. 3.1", "ч.5 ст.337", "337 ч.2.1",
// "п. «а» ч.2 ст.338", "УК РФ: ст. 337 ч.5; ст. 338 ч.1". We tokenise into article (A), part (P) and
// point (T) tokens, cut the text into chunks at ; , newline and " и ", and read each chunk in the
// notation its first token shows: postfix (A P T) or prefix (T P A).

type Token = { kind: 'A' | 'P' | 'T'; value: string };

const TOKEN = new RegExp(
  [
    // article with its marker: ст. 337, статья 337, статьи 337, ст.ст. 337
    String.raw`(?<art>(?<![а-я])(?:ст(?:атьи|атья|атье|атей|атьей|атьями)?\.?\s*(?:ст\.?\s*)?)(?<artNo>\d{3}(?:\.\d{1,2})?)(?![\d]))`,
    // part: ч. 2.1, часть 5, части 3
    String.raw`(?<part>(?<![а-я])(?:ч(?:асть|асти|астью|\.)?)\s*(?<partNo>\d{1,2}(?:\.\d{1,2})?)(?![\d]))`,
    // point: п. "а", п.«б», пункт а, пп. "а"
    String.raw`(?<point>(?<![а-я])(?:пп?\.|пункта?|пункт)\s*["'«“]?\s*(?<pointL>[а-я])(?![а-я])\s*["'»”]?)`,
    // a bare three-digit article number (notation "337 ч.2.1")
    String.raw`(?<bare>(?<![\d.])\d{3}(?:\.\d{1,2})?(?![\d]))`,
  ].join('|'),
  'giu',
);

function tokens(chunk: string): Token[] {
  const out: Token[] = [];
  for (const m of chunk.matchAll(TOKEN)) {
    const g = m.groups!;
    // Each alternative's number group is mandatory within it, so it is set whenever its alternative matched.
    if (g.art) out.push({ kind: 'A', value: g.artNo! });
    else if (g.part) out.push({ kind: 'P', value: g.partNo! });
    else if (g.point) out.push({ kind: 'T', value: g.pointL!.toLowerCase() });
    else if (g.bare) out.push({ kind: 'A', value: g.bare });
  }
  return out;
}

/** Normalise quotes, case and the code's name so that only the references remain. */
function clean(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/(?<![а-я])ук\s*рф(?![а-я])|уголовн\S*\s+кодекс\S*(\s+российской\s+федерации)?/giu, ' ')
    .replace(/[\u00a0\t]+/g, ' ');
}

export interface ParsedArticles {
  charges: Charge[];
  /** Chunks that held text but no article we could read: counted as unknown, never guessed. */
  unreadable: string[];
}

/** Every charge in a free-text article field, in order, duplicates kept out. */
export function parseArticles(text: string): ParsedArticles {
  const charges: Charge[] = [];
  const unreadable: string[] = [];
  const chunks = clean(text).split(/[;\n,]|\s+и\s+/);
  // A prefix part/point can be cut from its article by a comma ("п. «а», ч. 2 ст. 338"): carry it over.
  let pendingPart = '';
  let pendingPoint: string | undefined;
  for (const chunk of chunks) {
    const toks = tokens(chunk);
    if (toks.length === 0) {
      if (/[a-zа-я0-9]/i.test(chunk)) unreadable.push(chunk.trim());
      continue;
    }
    const prefix = toks[0]!.kind !== 'A' || pendingPart !== '' || pendingPoint !== undefined;
    let current: Charge | null = null;
    const flush = () => {
      if (current) charges.push(current);
      current = null;
    };
    if (prefix) {
      let part = pendingPart;
      let point = pendingPoint;
      for (const t of toks) {
        if (t.kind === 'P') part = t.value;
        else if (t.kind === 'T') point = t.value;
        else {
          charges.push(point ? { article: t.value, part, point } : { article: t.value, part });
          part = '';
          point = undefined;
        }
      }
      pendingPart = part;
      pendingPoint = point;
    } else {
      for (const t of toks) {
        if (t.kind === 'A') {
          flush();
          current = { article: t.value, part: '' };
        } else if (current && t.kind === 'P' && current.part === '') current.part = t.value;
        else if (current && t.kind === 'T' && current.point === undefined) current.point = t.value;
      }
      flush();
    }
  }
  if (pendingPart !== '' || pendingPoint !== undefined) unreadable.push('part or point without an article');
  const seen = new Set<string>();
  const unique = charges.filter((c) => {
    const k = `${c.article}|${c.part}|${c.point ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { charges: unique, unreadable };
}
