import { LETTER, nameStem, surnameOf } from './name-forms.ts';

// A judgment with several defendants names each where it sentences him ("Признать ИВАНОВА И.И. виновным …
// назначить ему …", "ПЕТРОВУ П.П. назначить …"). We find every mention of each defendant's surname (any case)
// in the operative part and cut it into paragraphs, each starting at a mention: names listed together
// ("ИВАНОВА и ПЕТРОВА признать виновными … назначить каждому") share one paragraph. A defendant the
// operative part does not name gets no paragraph: his sentence stays unknown, never copied from another.

interface Mention {
  start: number;
  end: number;
  who: Set<number>;
}

// Between two names of one list: a comma or "и", nothing else.
const JOIN = /^[\s,]*(?:и\s+)?$/u;
// The rest of a name after its surname: initials or given names.
const IS_LETTER = new RegExp(`[${LETTER}]`, 'u');
const NAME_TAIL = new RegExp(
  String.raw`(?:\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?|(?:\s+[А-ЯЁ][${LETTER}]+){1,2}(?=[\s,.;:]))?`,
  'uy',
);

/** For each defendant (by his name, or the ФИО<n> placeholder of a hidden one), the paragraphs of the operative part that name him. */
export function paragraphsByDefendant(operative: string, names: string[]): string[][] {
  const mentions: Mention[] = [];
  // Searched as plain substrings of a folded copy (same length: lower case, ё as е): a case-insensitive
  // Unicode regex per defendant cost some 100 µs a judgment.
  const low = operative.toLowerCase().replace(/ё/g, 'е');
  names.forEach((name, i) => {
    const sur = surnameOf(name);
    if (sur.length < 2) return;
    const placeholder = /^ФИО(\d+)$/u.exec(sur);
    const stem = placeholder ? 'фио' : nameStem(sur).toLowerCase().replace(/ё/g, 'е');
    for (let at = low.indexOf(stem); at >= 0; at = low.indexOf(stem, at + 1)) {
      if (at > 0 && IS_LETTER.test(low[at - 1]!)) continue;
      // Names are capitalised; "суд" is not the defendant Суд.
      const first = operative[at]!;
      if (first === first.toLowerCase()) continue;
      let end = at + stem.length;
      if (placeholder) {
        const n = /^\s*(\d+)/.exec(operative.slice(end, end + 8));
        if (!n || n[1] !== placeholder[1]) continue;
        end += n[0].length;
      } else while (end < low.length && IS_LETTER.test(low[end]!)) end++;
      NAME_TAIL.lastIndex = end;
      const tail = NAME_TAIL.exec(operative);
      mentions.push({ start: at, end: end + (tail ? tail[0].length : 0), who: new Set([i]) });
    }
  });
  mentions.sort((a, b) => a.start - b.start);
  // Merge a list of names into one mention; drop a mention inside another (two defendants sharing a stem).
  const groups: Mention[] = [];
  for (const m of mentions) {
    const last = groups[groups.length - 1];
    if (last && m.start < last.end) {
      for (const w of m.who) last.who.add(w);
      last.end = Math.max(last.end, m.end);
    } else if (last && JOIN.test(operative.slice(last.end, m.start))) {
      for (const w of m.who) last.who.add(w);
      last.end = m.end;
    } else groups.push({ ...m, who: new Set(m.who) });
  }
  // A paragraph runs to the next mention of someone else: repeating the same man does not cut it.
  const out: string[][] = names.map(() => []);
  let i = 0;
  while (i < groups.length) {
    let j = i + 1;
    const group = groups[i]!;
    while (j < groups.length && sameSet(groups[j]!.who, group.who)) j++;
    const text = operative.slice(group.start, groups[j]?.start ?? operative.length);
    for (const w of group.who) out[w]!.push(text); // who holds indices into names, and out has one list per name
    i = j;
  }
  return out;
}

function sameSet(a: Set<number>, b: Set<number>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
