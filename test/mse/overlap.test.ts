import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOverlap } from '../../src/mse/overlap.ts';
import { applicableMethods, runMethods } from '../../src/mse/report.ts';
import { simulateWorld } from '../../src/mse/simulate-world.ts';
import { patternIndex, type PatternTable } from '../../src/mse/table.ts';
import { mseContent } from '../../src/report/computed-views.ts';
import { reportHtml } from '../../src/report/html-report.ts';
import { computeMse as runMseTask } from '../../src/analyses/mse.ts';
import { runCli } from '../support/run-cli.ts';

afterEach(() => {
  process.exitCode = undefined;
});

function table(lists: string[], counts: Record<string, number>): PatternTable {
  const c = new Float64Array(1 << lists.length);
  for (const [p, n] of Object.entries(counts)) c[patternIndex(p)] = n;
  return { lists, counts: c };
}
const dir = mkdtempSync(join(tmpdir(), 'mse-overlap-'));
const file = (name: string, lists: string[], counts: Record<string, number>) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify({ lists, counts }));
  return f;
};

describe('capture–recapture refuses lists that do not overlap', () => {
  it('two lists with nobody on both: every method refused with the reason; nothing estimated', () => {
    const t = table(['courts', 'ngo'], { '10': 400, '01': 300, '11': 0 });
    const rep = runMethods(t, applicableMethods(2));
    expect(rep.results).toEqual([]);
    expect(rep.failures.map((f) => f.method)).toEqual(['lincoln', 'chapman', 'loglinear']);
    for (const f of rep.failures) expect(f.error).toMatch(/nobody is on more than one list/);
    expect(rep.overlap).toMatchObject({ recaptured: 0, disjointPairs: [['courts', 'ngo']] });
  });

  it('three lists where one shares nobody with the others: refused, naming the groups', () => {
    const t = table(['a', 'b', 'c'], { '100': 50, '010': 60, '110': 30, '001': 80 });
    const o = checkOverlap(t);
    expect(o.refusal).toMatch(/nobody links \{a, b\} and c/);
    expect(runMethods(t, applicableMethods(3)).results).toEqual([]);
  });

  it('a thin overlap is estimated with a plain warning; a wide one without', () => {
    const thin = checkOverlap(table(['a', 'b'], { '10': 300, '01': 200, '11': 4 }));
    expect(thin.refusal).toBeUndefined();
    expect(thin.warnings).toEqual([expect.stringMatching(/only 4 people are on more than one list/)]);
    const w = simulateWorld({
      N: 3000,
      lists: 3,
      heterogeneity: { type: 'classes', classes: [{ share: 1, capture: [0.3, 0.3, 0.3] }] },
      seed: 2,
    });
    expect(checkOverlap(w.table)).toMatchObject({ warnings: [], disjointPairs: [] });
    // A connected table with one pair sharing nobody: estimable, with that pair named.
    const pair = checkOverlap(table(['a', 'b', 'c'], { '100': 50, '010': 60, '001': 70, '110': 30, '011': 25 }));
    expect(pair.refusal).toBeUndefined();
    expect(pair.warnings).toEqual([expect.stringMatching(/^a and c share nobody/)]);
  });

  it('lists in two groups nobody links are always refused; one person linking them lifts the refusal (property)', () => {
    const cell = fc.integer({ min: 0, max: 50 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.array(cell, { minLength: 16, maxLength: 16 }),
        (ja, jb, raw) => {
          const J = ja + jb;
          const lists = Array.from({ length: J }, (_, i) => `L${i}`);
          const counts = new Float64Array(1 << J);
          const maskA = (1 << ja) - 1;
          const maskB = ((1 << J) - 1) ^ maskA;
          // People on lists of one group only; inside a group every list overlaps every other.
          for (let c = 1; c < counts.length; c++)
            if ((c & maskA) === 0 || (c & maskB) === 0) counts[c] = raw[c % 16]! + 1;
          const t = { lists, counts };
          expect(checkOverlap(t).refusal).toMatch(/nobody/);
          expect(runMethods(t, ['chapman', 'loglinear']).results).toEqual([]);
          counts[(1 << J) - 1]! += 1; // one person on every list
          expect(checkOverlap(t).refusal).toBeUndefined();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('darkfigure mse: refusal, warnings and the pairwise table', () => {
  it('no overlap: exit 1, the reason printed once, no figure', async () => {
    const r = await runCli(['mse', file('none.json', ['courts', 'ngo'], { '10': 400, '01': 300 })]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/no estimate \(lincoln, chapman, loglinear\): nobody is on more than one list/);
    expect(r.out).not.toMatch(/\d{3},\d{3}|\b1?\d{5}\b/); // no estimate such as 120,701 = (401·301) − 1 leaks through
    const j = JSON.parse((await runCli(['mse', join(dir, 'none.json'), '--json'])).out);
    expect(j.results).toEqual([]);
    expect(j.failures.map((f: { method: string }) => f.method)).toEqual(['lincoln', 'chapman', 'loglinear']);
    expect(j.overlap.refusal).toMatch(/do not overlap/);
  });

  it('sparse overlap: the warning is printed and in the JSON', async () => {
    const f = file('thin.json', ['a', 'b'], { '10': 300, '01': 200, '11': 4 });
    const r = await runCli(['mse', f, '--method', 'chapman']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: only 4 people are on more than one list/);
    const j = JSON.parse((await runCli(['mse', f, '--method', 'chapman', '--json'])).out);
    expect(j.warnings).toEqual([expect.stringMatching(/only 4 people/)]);
    expect(j.results[0].estimate).toBeCloseTo((305 * 205) / 5 - 1, 9); // n1 = 304, n2 = 204, m = 4
  });

  it('a pair with nobody on both shows "none", not Chapman\'s artefact', async () => {
    const f = file('pair.json', ['a', 'b', 'c'], { '100': 50, '010': 60, '001': 70, '110': 30, '011': 25 });
    const r = await runCli(['mse', f, '--method', 'loglinear']);
    expect(r.out).toMatch(/a × c\s+0\s+none \(no overlap\)/);
    const j = JSON.parse((await runCli(['mse', f, '--method', 'loglinear', '--json'])).out);
    expect(j.pairwise.find((p: { lists: string[] }) => p.lists.join() === 'a,c')).toMatchObject({
      both: 0,
      estimate: null,
      relative: null,
    });
  });
});

describe('the pairwise table and the overlap guard reach the API, the report and the page data', () => {
  const three = JSON.stringify({
    lists: ['b', 'c', 'd'],
    counts: { '001': 41, '010': 5, '100': 5, '110': 54, '101': 6, '011': 0, '111': 12 },
  });
  // Every method runs (LCMCR takes seconds): once for both tests.
  let korea: ReturnType<typeof runMseTask> | undefined;
  const koreaResult = () => (korea ??= runMseTask({ kind: 'upload', name: 'korea.json', text: three, seed: 1 }));

  it('API result: pairwise rows as the CLI computes them, overlap and warnings', () => {
    const res = koreaResult();
    expect(res.pairwise!.map((p) => [p.lists.join(''), p.both])).toEqual([
      ['bc', 66],
      ['bd', 18],
      ['cd', 12],
    ]);
    const chap = (n1: number, n2: number, m: number) => ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;
    expect(res.pairwise![0]!.estimate).toBeCloseTo(chap(77, 71, 66), 9);
    expect(res.overlap).toMatchObject({ recaptured: 72, disjointPairs: [] });
    expect(JSON.parse(JSON.stringify(res))).toEqual(res); // plain data: it crosses threads and HTTP
  });

  it('report: the pairwise chart with its table, and the refusal in the text', () => {
    const res = koreaResult();
    const content = mseContent(res);
    const pc = content.charts.find((c) => c.id === 'mse-pairwise')!;
    expect(pc.rows.map((r) => [r.lists, r.on_both])).toEqual([
      ['b × c', 66],
      ['b × d', 18],
      ['c × d', 12],
    ]);
    const html = reportHtml(content, { series: [], sources: [], observations: [] }, { generated: '2026-12-07' });
    expect(html).toContain('Pairs of lists: a check on dependence');
    expect(html).toContain('b × d');
    const none = runMseTask({
      kind: 'upload',
      name: 'none.json',
      text: JSON.stringify({ lists: ['x', 'y', 'z'], counts: { '100': 9, '010': 8, '001': 7 } }),
      seed: 1,
    });
    expect(none.results).toEqual([]);
    expect(none.pairwise!.every((p) => p.both === 0 && p.estimate === null)).toBe(true);
    expect(mseContent(none).intro).toMatch(/No estimate: nobody is on more than one list/);
    const noneHtml = reportHtml(
      mseContent(none),
      { series: [], sources: [], observations: [] },
      { generated: '2026-12-07' },
    );
    expect(noneHtml).toMatch(/No estimate: nobody is on more than one list/);
    expect(noneHtml).toContain('none.json');
  });
});
