/**
 * The simulation's individual lists end to end: run the model with event logs, draw the lists
 * (src/sim/identity), let each holder encode its own list with the shared secret, link the CLKs, and
 * set the linked capture histories beside the true ones from the answer key. No files: the in-memory path
 * of `darkfigure simulate --out`.
 */
import { simulate, type SimResult } from '../../src/sim/engine.ts';
import { resolveScenario } from '../../src/sim/scenario.ts';
import { listEntries } from '../../src/sim/observe.ts';
import { buildIndividualLists, type IndividualLists } from '../../src/sim/identity/index.ts';
import { encodeRecords } from '../../src/linkage/encode.ts';
import { packClks, type PackedClks } from '../../src/linkage/dice.ts';
import { identityRecord, identitySchema } from '../../src/linkage/identity-schema.ts';
import { linkDedupedLists, type DedupedLinkResult } from '../../src/linkage/link-deduped.ts';
import { pairQuality, type PairQuality } from '../../src/linkage/evaluate.ts';

/**
 * The lists fed to capture–recapture: those whose members all left their unit at some point (courts,
 * wanted, surrender, leaked unit lists) and the NGO's requests (most from men who left; a few from men
 * still serving, as in reality). The surrender programme's applications are left out: about half come
 * from men who never leave, so they are not a list of the population being counted.
 */
export const MSE_SOURCES = ['courts', 'ngo', 'surrender', 'unit_list', 'wanted'] as const;

export interface SimulatedLists {
  run: SimResult;
  built: IndividualLists;
  /** The sources linked, in history order (MSE_SOURCES that have rows). */
  sources: string[];
  /** Each holder's list encoded with identitySchema and the shared secret. */
  packed: PackedClks[];
  /** Person id behind each row, per source (the answer key). */
  personOf: Int32Array[];
  /** The population the lists sample: everyone who left his unit (went AWOL) at least once in the run. */
  everAwol: number;
  /** People on the lists who never left their unit (NGO requests from men still serving). */
  outsidePopulation: number;
  trueHistories: Record<string, number>;
}

export interface SimLinkage {
  linked: DedupedLinkResult;
  /** Pairwise quality of the people found (within and across lists) against the answer key. */
  quality: PairQuality;
  /** Half the L1 distance between the linked and true history tables, over the people observed. */
  historyError: number;
}

/** A baseline run over the whole war (2022-02-24 to 2025-12-31) with the event logs the lists need. */
export function simulateRun(seed: number, agents: number, start = '2022-02-24', end = '2025-12-31'): SimResult {
  const scenario = resolveScenario(
    { name: 'baseline', description: 'baseline', params: {}, interventions: [] },
    'baseline',
    start,
    end,
  );
  return simulate({ seed, agents, start, end, scenario, keepEvents: true });
}

/** Capture histories of the people behind the rows: one character per source, in `sources` order. */
export function historiesOf(
  sources: readonly string[],
  labelled: ReadonlyArray<{ source: string; person: number }>,
): Record<string, number> {
  const seen = new Map<number, string[]>();
  for (const { source, person } of labelled) {
    const l = sources.indexOf(source);
    if (l < 0) continue;
    const h = seen.get(person) ?? sources.map(() => '0');
    h[l] = '1';
    seen.set(person, h);
  }
  const out: Record<string, number> = {};
  for (const h of seen.values()) out[h.join('')] = (out[h.join('')] ?? 0) + 1;
  return out;
}

export function historyDistance(a: Record<string, number>, b: Record<string, number>): number {
  let d = 0,
    n = 0;
  for (const h of new Set([...Object.keys(a), ...Object.keys(b)])) {
    d += Math.abs((a[h] ?? 0) - (b[h] ?? 0));
    n += b[h] ?? 0;
  }
  return d / 2 / n;
}

export function simulatedLists(
  seed: number,
  agents: number,
  secret = 'shared by the list holders, never by the linker',
): SimulatedLists {
  const run = simulateRun(seed, agents);
  const built = buildIndividualLists(run.seed, listEntries(run));
  const sources: string[] = MSE_SOURCES.filter((s) => (built.lists[s]?.length ?? 0) > 0);
  const schema = identitySchema();
  // Each holder encodes its own list; only the CLKs leave.
  const packed = sources.map((s) => {
    const { clks, issues } = encodeRecords(schema, secret, built.lists[s]!.map(identityRecord));
    if (issues.length)
      throw new Error(`${s}: ${issues.length} rows could not be encoded, e.g. ${JSON.stringify(issues[0])}`);
    return packClks(clks);
  });
  const personOf = sources.map((s) => new Int32Array(built.lists[s]!.length));
  for (const a of built.answerKey) {
    const l = sources.indexOf(a.source);
    if (l >= 0) personOf[l]![a.row] = a.personId;
  }
  const awol = new Set(run.events!.awol.map((e) => e.personId));
  const onLists = new Set(personOf.flatMap((p) => Array.from(p)));
  return {
    run,
    built,
    sources,
    packed,
    personOf,
    everAwol: awol.size,
    outsidePopulation: [...onLists].filter((p) => !awol.has(p)).length,
    trueHistories: historiesOf(
      sources,
      built.answerKey.map((a) => ({ source: a.source, person: a.personId })),
    ),
  };
}

/** Link the encoded lists (deduplicating each first) and score the result against the answer key. */
export async function linkSimulated(s: SimulatedLists, threshold: number, dedupeThreshold = 0.8): Promise<SimLinkage> {
  const linked = await linkDedupedLists(s.packed, { threshold, dedupeThreshold });
  const offsets = s.personOf.map((_, l) => s.personOf.slice(0, l).reduce((n, p) => n + p.length, 0));
  const labels = s.personOf.flatMap((p) => Array.from(p, String));
  const quality = pairQuality(
    labels,
    linked.people.map((g) => g.map(([l, r]) => offsets[l]! + r)),
  );
  return { linked, quality, historyError: historyDistance(linked.captureHistories, s.trueHistories) };
}
