// Defendant-level scoring of the classifier on a corpus: a defendant is right when his charges (article,
// part, point), his whole sentence and the case result are all as expected. Print both corpora's confusion
// tables with: npx tsx test/court/corpus-legal/score.ts
import { readFileSync } from 'node:fs';
import { classifyRecord } from '../../../src/ingest/court/classify.ts';
import { toRawRecord } from '../../../src/ingest/court/raw-record.ts';

interface WantDefendant {
  charges: Array<{ article: string; part: string; point?: string }>;
  sentence: Record<string, unknown>;
}
interface WantCase {
  result: string;
  defendants: WantDefendant[];
}

export interface Score {
  defendants: number;
  errors: string[];
  /** expected sentence type → classified type → defendants */
  confusion: Map<string, Map<string, number>>;
  /** expected result → classified result → cases */
  results: Map<string, Map<string, number>>;
}

const canon = (o: Record<string, unknown>) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(o)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
const bump = (m: Map<string, Map<string, number>>, a: string, b: string) => {
  if (!m.has(a)) m.set(a, new Map());
  m.get(a)!.set(b, (m.get(a)!.get(b) ?? 0) + 1);
};

export function scoreCorpus(recordsPath: string, expectedPath: string): Score {
  const lines = readFileSync(recordsPath, 'utf8').trim().split('\n');
  const want = readFileSync(expectedPath, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as WantCase);
  const s: Score = { defendants: 0, errors: [], confusion: new Map(), results: new Map() };
  lines.forEach((line, i) => {
    const { record, issues } = toRawRecord('corpus', i + 1, JSON.parse(line));
    if (!record) throw new Error(`line ${i + 1}: ${JSON.stringify(issues)}`);
    const c = classifyRecord(record, {});
    const e = want[i]!;
    bump(s.results, e.result, c.result);
    const n = Math.max(e.defendants.length, c.defendants.length);
    s.defendants += e.defendants.length;
    for (let k = 0; k < n; k++) {
      const w = e.defendants[k];
      const g = c.defendants[k];
      bump(s.confusion, (w?.sentence.type as string) ?? '(none expected)', g?.sentence.type ?? '(missing)');
      const gotCharges = g
        ? JSON.stringify(
            g.charges.map((ch) =>
              ch.point
                ? { article: ch.article, part: ch.part, point: ch.point }
                : { article: ch.article, part: ch.part },
            ),
          )
        : '';
      const wantCharges = w
        ? JSON.stringify(
            w.charges.map((ch) =>
              ch.point
                ? { article: ch.article, part: ch.part, point: ch.point }
                : { article: ch.article, part: ch.part },
            ),
          )
        : '';
      const ok =
        !!w &&
        !!g &&
        gotCharges === wantCharges &&
        canon(g.sentence as unknown as Record<string, unknown>) === canon(w.sentence) &&
        c.result === e.result;
      if (!ok)
        s.errors.push(
          `line ${i + 1} defendant ${k}: got ${c.result} ${gotCharges} ${g ? canon(g.sentence as unknown as Record<string, unknown>) : '-'}; want ${e.result} ${wantCharges} ${w ? canon(w.sentence) : '-'}`,
        );
    }
  });
  return s;
}

export function formatConfusion(m: Map<string, Map<string, number>>): string {
  const cols = [...new Set([...m.values()].flatMap((r) => [...r.keys()]))].sort();
  const rows = [...m.keys()].sort();
  const w = Math.max(...rows.map((r) => r.length), 14);
  const head = `${'expected \\ got'.padEnd(w)} ${cols.map((c) => c.padStart(Math.max(c.length, 4))).join(' ')}`;
  return [
    head,
    ...rows.map(
      (r) =>
        `${r.padEnd(w)} ${cols.map((c) => String(m.get(r)!.get(c) ?? '').padStart(Math.max(c.length, 4))).join(' ')}`,
    ),
  ].join('\n');
}

if (process.argv[1] && process.argv[1].endsWith('score.ts')) {
  const here = new URL('./', import.meta.url).pathname;
  for (const [name, rec, exp] of [
    ['legal-forms corpus (test/court/corpus-legal)', `${here}records.jsonl`, `${here}expected.jsonl`],
    ['first corpus (test/court/corpus)', `${here}../corpus/sudrf-corpus.jsonl`, `${here}../corpus/expected.jsonl`],
  ]) {
    const s = scoreCorpus(rec!, exp!);
    process.stdout.write(
      `\n## ${name}: ${s.defendants} defendants, ${s.errors.length} wrong (${((100 * s.errors.length) / s.defendants).toFixed(2)} per 100)\n`,
    );
    process.stdout.write(`${formatConfusion(s.confusion)}\n\nresults (cases):\n${formatConfusion(s.results)}\n`);
    if (process.argv.includes('--errors')) for (const e of s.errors) process.stdout.write(`${e}\n`);
  }
}
