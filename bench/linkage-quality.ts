// Linkage quality with known answers (run: npx tsx bench/linkage-quality.ts).
// 1. FEBRL 1–3 deduplicated by both paths (private CLKs; clear-text Fellegi–Sunter): precision and
//    recall against the rec-N truth at each path's best threshold.
// 2. Damaged identities (src/sim/identity: Cyrillic, Latin and Ukrainian spellings) on four lists that catch
//    each of N people independently, encoded, linked and given to capture–recapture: is N inside the interval?
//    (The model's own lists, with their dependence and repeats: bench/linkage-sim.ts.)
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parseSchema } from '../src/linkage/schema.ts';
import { encodeRecords } from '../src/linkage/encode.ts';
import { packClks } from '../src/linkage/dice.ts';
import { allPairs, filterPairs } from '../src/linkage/candidates.ts';
import { dedupeClusters } from '../src/linkage/matching.ts';
import { febrlEntity, pairQuality } from '../src/linkage/evaluate.ts';
import { FsSettings } from '../src/linkage/fellegi-sunter.ts';
import { dedupeClear } from '../src/linkage/link-clear.ts';
import { linkLists } from '../src/linkage/link-lists.ts';
import { Rng } from '../src/linkage/prng.ts';
import { identityRecord, identitySchema } from '../src/linkage/identity-schema.ts';
import { buildIndividualLists, type ListEntry } from '../src/sim/identity/index.ts';
import { parseMseJson } from '../src/mse/read-input.ts';
import { runMethods } from '../src/mse/report.ts';
import { FEBRL_FS_SETTINGS } from '../test/linkage/febrl.ts';
import { historiesOf } from '../test/linkage/sim-lists.ts';

const data = (rel: string) => new URL(`../test/fixtures/reference/linkage/${rel}`, import.meta.url);
const f3 = (x: number) => x.toFixed(3);

if (process.argv[3] !== 'world-only') {
  console.log('FEBRL deduplication (pairwise precision / recall of the clusters against rec-N):');
  console.log('dataset  path     best t  precision  recall  F1     | t=0.82 (private) / 0.9 (clear): P, R');
  const schema = parseSchema(JSON.parse(readFileSync(data('clkhash/febrl_schema_v3_final.json'), 'utf8')));
  const fs = FsSettings.parse(FEBRL_FS_SETTINGS);
  for (const n of [1, 2, 3]) {
    const rows = (
      parse(readFileSync(data(`febrl/dataset${n}.csv`), 'utf8'), { ltrim: true, rtrim: true }) as string[][]
    ).slice(1);
    const labels = rows.map((r) => febrlEntity(r[0]!));
    const header = [
      'rec_id',
      'given_name',
      'surname',
      'street_number',
      'address_1',
      'address_2',
      'suburb',
      'postcode',
      'state',
      'date_of_birth',
      'soc_sec_id',
    ];
    // Private path.
    const { clks } = encodeRecords(schema, 'quality bench secret', rows);
    const P = packClks(clks);
    const all = allPairs(P, null, 0.75);
    let best = { t: 0, q: pairQuality(labels, []) };
    for (let t = 0.76; t <= 0.9001; t += 0.01) {
      const q = pairQuality(labels, dedupeClusters(filterPairs(all, t), P.n));
      if (q.f1 > best.q.f1) best = { t, q };
    }
    const fixed = pairQuality(labels, dedupeClusters(filterPairs(all, 0.82), P.n));
    console.log(
      `${n}        private  ${best.t.toFixed(2)}    ${f3(best.q.precision)}      ${f3(best.q.recall)}   ${f3(best.q.f1)}  | ${f3(fixed.precision)}, ${f3(fixed.recall)}`,
    );
    // Clear-text path.
    const run = dedupeClear({ columns: header, rows }, fs);
    let bestC = { t: 0, q: pairQuality(labels, []) };
    for (const t of [0.5, 0.8, 0.9, 0.95, 0.99, 0.999]) {
      const q = pairQuality(labels, run.clustersAt(t));
      if (q.f1 > bestC.q.f1) bestC = { t, q };
    }
    const fixedC = pairQuality(labels, run.clustersAt(0.9));
    console.log(
      `${n}        clear    ${bestC.t.toFixed(3)}   ${f3(bestC.q.precision)}      ${f3(bestC.q.recall)}   ${f3(bestC.q.f1)}  | ${f3(fixedC.precision)}, ${f3(fixedC.recall)}`,
    );
  }
}

// 2. Simulated population: N people, four sources catching each person independently.
// The world's seed (argv[2], default 2026).
const SEED = Number(process.argv[2] ?? 2026);
const N = 3000;
const capture: Record<string, number> = { wanted: 0.3, ngo: 0.25, surrender: 0.2, unit: 0.3 };
const rng = new Rng(SEED);
const entries: ListEntry[] = [];
for (let p = 0; p < N; p++)
  for (const [source, pr] of Object.entries(capture))
    if (rng.chance(pr)) entries.push({ source, personId: p, unit: p % 40, fields: {} });
const built = buildIndividualLists(SEED, entries);
const sources = Object.keys(built.lists).sort();
const worldSchema = identitySchema();
const packed = sources.map((s) => {
  const recs = built.lists[s]!.map(identityRecord);
  const { clks, issues } = encodeRecords(worldSchema, 'the list holders\u2019 secret', recs);
  if (issues.length)
    throw new Error(`${s}: ${issues.length} records could not be encoded, e.g. ${JSON.stringify(issues[0])}`);
  return packClks(clks);
});
const personOf = new Map<string, number>();
for (const a of built.answerKey) personOf.set(`${a.source}:${a.row}`, a.personId);
const truth = historiesOf(
  sources,
  built.answerKey.map((a) => ({ source: a.source, person: a.personId })),
);
console.log(
  `\nSimulated lists (src/sim/identity, seed ${SEED}): N = ${N}, ${sources.map((s) => `${s} ${packed[sources.indexOf(s)]!.n}`).join(', ')}; ${Object.values(truth).reduce((a, b) => a + b, 0)} people observed`,
);
const mse = (h: Record<string, number>) =>
  runMethods(
    parseMseJson(JSON.stringify({ lists: sources, captureHistories: h }), 'linked').table,
    ['loglinear', 'stepwise', 'dga'],
    { seed: 1 },
  );
const show = (label: string, h: Record<string, number>) => {
  const rep = mse(h);
  for (const r of rep.results)
    console.log(
      `  ${label.padEnd(22)} ${r.method.padEnd(10)} N̂ = ${Math.round(r.estimate)} [${Math.round(r.interval[0])}, ${Math.round(r.interval[1])}]  N = ${N} ${r.interval[0] <= N && N <= r.interval[1] ? 'inside' : 'OUTSIDE'}`,
    );
  for (const f of rep.failures) console.log(`  ${label} ${f.method}: failed (${f.error})`);
};
show('true histories', truth);
for (const t of [0.66, 0.68, 0.7, 0.72]) {
  const r = await linkLists(packed, { threshold: t });
  let correct = 0,
    predicted = 0;
  for (const g of r.groups)
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++) {
        predicted++;
        if (personOf.get(`${sources[g[x]![0]]}:${g[x]![1]}`) === personOf.get(`${sources[g[y]![0]]}:${g[y]![1]}`))
          correct++;
      }
  let truePairs = 0;
  for (const [h, n] of Object.entries(truth)) {
    const k = [...h].filter((c) => c === '1').length;
    truePairs += (n * k * (k - 1)) / 2;
  }
  const observed = Object.values(r.captureHistories).reduce((a, b) => a + b, 0);
  console.log(
    `linked at t = ${t}: cross-list pair precision ${f3(correct / predicted)}, recall ${f3(correct / truePairs)}; ${observed} people observed`,
  );
  show(`linked t=${t}`, r.captureHistories);
}
