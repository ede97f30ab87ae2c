// Whether the lists overlap enough for capture–recapture to say anything: the overlaps are all it
// learns from, so without them every method's answer comes from its assumptions or its prior alone.
import type { PatternTable } from './table.ts';

export interface OverlapCheck {
  /** People on two lists or more. */
  recaptured: number;
  /** Pairs of lists that share nobody. */
  disjointPairs: Array<[string, string]>;
  /** Set when the population size is not identified: every method is refused with this reason. */
  refusal?: string;
  /** The overlap is thin: estimates exist but rest on a handful of people. */
  warnings: string[];
}

/** Fewer people than this on two lists or more, in all, and the estimates are called fragile. */
export const FEW_RECAPTURED = 20;
/** Fewer than this on a list and another (Chapman's rule of thumb for an unbiased two-list estimate). */
export const FEW_PER_LIST = 7;

const bitCount = (c: number) => {
  let n = 0;
  for (let x = c; x; x &= x - 1) n++;
  return n;
};

/**
 * Refuses when the lists fall into groups that nobody links (two lists with no one on both, or no one
 * on more than one list): the size of the unrecorded is then unbounded, and any figure a method gives
 * would come from its prior or a boundary, not the data. Warns when the overlaps are few.
 */
export function checkOverlap(t: PatternTable): OverlapCheck {
  const J = t.lists.length;
  let recaptured = 0;
  const pairBoth: number[][] = Array.from({ length: J }, () => new Array<number>(J).fill(0));
  const onAnother = new Array<number>(J).fill(0);
  for (let c = 1; c < t.counts.length; c++) {
    const y = t.counts[c]!;
    if (!(y > 0) || bitCount(c) < 2) continue;
    recaptured += y;
    for (let a = 0; a < J; a++) {
      if (!((c >> a) & 1)) continue;
      onAnother[a]! += y;
      for (let b = a + 1; b < J; b++) if ((c >> b) & 1) pairBoth[a]![b]! += y;
    }
  }
  const disjointPairs: Array<[string, string]> = [];
  for (let a = 0; a < J; a++)
    for (let b = a + 1; b < J; b++) if (pairBoth[a]![b] === 0) disjointPairs.push([t.lists[a]!, t.lists[b]!]);

  // Groups of lists joined by shared people (union–find over the pairs that overlap).
  const parent = Array.from({ length: J }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let a = 0; a < J; a++) for (let b = a + 1; b < J; b++) if (pairBoth[a]![b]! > 0) parent[find(a)] = find(b);
  const groups = new Map<number, string[]>();
  t.lists.forEach((name, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), name]));

  const warnings: string[] = [];
  let refusal: string | undefined;
  const unbounded =
    'so capture–recapture cannot tell how many nobody recorded (every estimate would be unbounded, or set by a method\u2019s prior)';
  if (recaptured === 0) refusal = `nobody is on more than one list: the lists do not overlap, ${unbounded}`;
  else if (groups.size > 1)
    refusal = `nobody links ${[...groups.values()].map((g) => (g.length === 1 ? g[0] : `{${g.join(', ')}}`)).join(' and ')}: lists with no one in common, ${unbounded}`;
  else {
    if (recaptured < FEW_RECAPTURED)
      warnings.push(
        `only ${recaptured} ${recaptured === 1 ? 'person is' : 'people are'} on more than one list: every estimate rests on these few overlaps, and a handful of records more or less can move it a long way`,
      );
    // Per list only when the total is not already called thin (one warning says it then).
    t.lists.forEach((name, i) => {
      if (recaptured >= FEW_RECAPTURED && onAnother[i]! < FEW_PER_LIST)
        warnings.push(
          `only ${onAnother[i]} of the people on ${name} are on another list: how many ${name} missed rests on very few`,
        );
    });
    if (J > 2 && disjointPairs.length > 0)
      warnings.push(
        `${disjointPairs.map((p) => p.join(' and ')).join('; ')} share nobody: a model with ${disjointPairs.length === 1 ? 'that interaction puts it' : 'those interactions puts them'} at the boundary (infinitely negative), and the pairwise check is undefined there`,
      );
  }
  return { recaptured, disjointPairs, ...(refusal ? { refusal } : {}), warnings };
}
