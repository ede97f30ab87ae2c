// Issue 16 point 4: counted by case and by defendant, both right. A two-defendant case is one case and two
// defendants, each under his own article and part and with his own sentence; checked on a hand-made case and
// on the whole legal-forms corpus against its expected labels, on both engines.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { importCourtFiles } from '../../src/ingest/court/import-court.ts';
import { describeOnEngines } from '../support/services.ts';
import { freshStore } from '../support/stores.ts';
import { rawHandles } from '../../src/store/testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'df-court-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = Buffer.from('summary test secret, sixteen+ bytes');
const LEGAL = new URL('./corpus-legal/', import.meta.url).pathname;

const TWO = {
  id: 1,
  region: 54,
  name: 'Новосибирский гарнизонный военный суд',
  caseNumber: '1-77/2024',
  entryDate: '10.01.2024',
  names: 'ГРОМЫХАЛОВ А.Б. - ч. 5 ст. 337 УК РФ; ч. 1 ст. 338 УК РФ; Щебетунов В.Г. - ч. 2.1 ст. 332 УК РФ',
  judge: '',
  resultDate: '20.03.2024',
  decision: 'Вынесен ПРИГОВОР',
  endDate: '',
  text:
    'ПРИГОВОР ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ … УСТАНОВИЛ: … ПРИГОВОРИЛ:\nГРОМЫХАЛОВА А.Б. признать виновным в совершении преступлений, предусмотренных ч. 5 ст. 337, ч. 1 ст. 338 УК РФ, и назначить ему наказание в виде лишения свободы на срок 5 лет с отбыванием наказания в исправительной колонии общего режима.\n' +
    'ЩЕБЕТУНОВУ В.Г., признанному виновным в совершении преступления, предусмотренного ч. 2.1 ст. 332 УК РФ, назначить наказание: ограничение по военной службе на срок 1 год с удержанием 10% денежного довольствия в доход государства.',
};

describeOnEngines('court summary: cases and defendants (%s)', (engine) => {
  it('a two-defendant case is one case and two defendants, each under his own article and sentence', async () => {
    const t = await freshStore(engine);
    try {
      const f = join(dir, `two-${engine}.jsonl`);
      writeFileSync(f, `${JSON.stringify(TWO)}\n`);
      await importCourtFiles(t.store, [f], { format: 'sudrfscraper', secret: SECRET, scrapedAt: '2024-04-01' });
      expect(await t.store.court.summary([])).toEqual([{ cases: 1, defendants: 2 }]);
      const byArticle = await t.store.court.summary(['article']);
      expect(byArticle.map((r) => [r.article, r.part, r.cases, r.defendants])).toEqual([
        ['332', '2.1', 1, 1],
        ['337', '5', 1, 1],
        ['338', '1', 1, 1],
      ]);
      const bySentence = await t.store.court.summary(['sentence']);
      expect(bySentence.map((r) => [r.sentence, r.cases, r.defendants])).toEqual([
        ['prison', 1, 1],
        ['restriction_of_service', 1, 1],
      ]);
      const rows = await rawHandles(t.store)
        .db.selectFrom('court_defendants')
        .select(['idx', 'articles_text', 'sentence', 'term_months', 'colony_regime', 'deduction_percent'])
        .orderBy('idx')
        .execute();
      expect(rows).toEqual([
        {
          idx: 0,
          articles_text: 'ч. 5 ст. 337 УК РФ; ч. 1 ст. 338 УК РФ',
          sentence: 'prison',
          term_months: 60,
          colony_regime: 'general',
          deduction_percent: null,
        },
        {
          idx: 1,
          articles_text: 'ч. 2.1 ст. 332 УК РФ',
          sentence: 'restriction_of_service',
          term_months: 12,
          colony_regime: null,
          deduction_percent: 10,
        },
      ]);
    } finally {
      await t.cleanup();
    }
  });

  it('the legal-forms corpus: cases and defendants by article and by sentence as its labels say', async () => {
    const t = await freshStore(engine);
    try {
      await importCourtFiles(t.store, [`${LEGAL}records.jsonl`], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-06-01',
      });
      const expected = readFileSync(`${LEGAL}expected.jsonl`, 'utf8')
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as {
              defendants: Array<{ charges: Array<{ article: string; part: string }>; sentence: { type: string } }>;
            },
        );
      const defendants = expected.reduce((s, e) => s + e.defendants.length, 0);
      expect(await t.store.court.summary([])).toEqual([{ cases: expected.length, defendants }]);
      // A defendant counts once under each of his article-parts; a case once under each article-part any of its defendants has.
      const wantArticle = new Map<string, { cases: number; defendants: number }>();
      for (const e of expected) {
        const inCase = new Set<string>();
        for (const d of e.defendants)
          for (const k of new Set(d.charges.map((c) => `${c.article}|${c.part || 'unknown'}`))) {
            const w = wantArticle.get(k) ?? { cases: 0, defendants: 0 };
            w.defendants++;
            if (!inCase.has(k)) w.cases++;
            inCase.add(k);
            wantArticle.set(k, w);
          }
      }
      const byArticle = await t.store.court.summary(['article']);
      expect(
        Object.fromEntries(
          byArticle.map((r) => [`${r.article}|${r.part}`, { cases: r.cases, defendants: r.defendants }]),
        ),
      ).toEqual(Object.fromEntries(wantArticle));
      const wantSentence: Record<string, number> = {};
      for (const e of expected)
        for (const d of e.defendants) wantSentence[d.sentence.type] = (wantSentence[d.sentence.type] ?? 0) + 1;
      const bySentence = await t.store.court.summary(['sentence']);
      expect(Object.fromEntries(bySentence.map((r) => [r.sentence, r.defendants]))).toEqual(wantSentence);
    } finally {
      await t.cleanup();
    }
  });
});

describe('darkfigure court summary', () => {
  it('prints cases and defendants apart, with a counted (not summed) total when grouped', async () => {
    const saved = process.env.DARKFIGURE_DB;
    process.env.DARKFIGURE_DB = join(dir, 'cli.db');
    const f = join(dir, 'two-cli.jsonl');
    writeFileSync(f, `${JSON.stringify(TWO)}\n`);
    writeFileSync(join(dir, 'secret'), 'a cli secret of more than sixteen bytes\n');
    let stdout = '';
    const out = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'darkfigure', 'import', 'court', f, '--secret-file', join(dir, 'secret')])).toBe(0);
      stdout = '';
      expect(await main(['node', 'darkfigure', 'court', 'summary', '--by', 'article', '--json'])).toBe(0);
      const json = JSON.parse(stdout) as {
        rows: Array<{ cases: number; defendants: number }>;
        total: { cases: number; defendants: number };
      };
      expect(json.rows.reduce((s, r) => s + r.cases, 0)).toBe(3);
      expect(json.total).toEqual({ cases: 1, defendants: 2 });
      stdout = '';
      expect(await main(['node', 'darkfigure', 'court', 'summary', '--by', 'article'])).toBe(0);
      expect(stdout.trim().split('\n').at(-1)).toMatch(/^total\s.*\s1\s+2$/);
    } finally {
      out.mockRestore();
      err.mockRestore();
      if (saved === undefined) delete process.env.DARKFIGURE_DB;
      else process.env.DARKFIGURE_DB = saved;
    }
  });
});
