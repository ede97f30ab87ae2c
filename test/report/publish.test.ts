import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ingest/bundled.ts';
import { contentOf } from '../../src/report/content.ts';
import { toCsv } from '../../src/report/csv.ts';
import { reportHtml } from '../../src/report/html-report.ts';
import { ESTIMATES_FILE, readEstimates } from '../../src/report/estimate-file.ts';
import { embedSnippet, embedUrl, pageUrl, staticText } from '../../src/report/publish.ts';
import { renderSvg } from '../../src/report/render.ts';
import type { ScenarioResult } from '../../src/report/scenario-result.ts';

const estimates = await readEstimates(ESTIMATES_FILE);
const data = {
  ...(await readDataset(new URL('../../data/', import.meta.url).pathname)),
  ...(estimates && { estimates }),
};
const SITE = 'https://darkfigure.example.org';

/** Visible text of an SVG (its <text> contents), entities decoded. */
const svgText = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) =>
      m[1]!
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"'),
    )
    .join(' | ');

const scenario = (name: string): ScenarioResult => ({
  scenario: name,
  runs: 2,
  fan: [{ x: '2022-03', median: 10, lo50: 8, hi50: 12, lo90: 5, hi90: 15 }],
  flows: [
    { from: 'Served', to: 'AWOL', value: 100 },
    { from: 'AWOL', to: 'Caught', value: 40 },
  ],
  share: { median: 42, lo90: 40, hi90: 44 },
});

describe('publishable exports', () => {
  it('every overview and series chart carries title, unit, a dated source line, the credit and the page address, and never says hover', () => {
    const views = [
      contentOf({ view: 'overview', data, site: SITE }),
      contentOf({ view: 'series', series: 'court.cases_received', data, site: SITE }),
    ];
    for (const content of views)
      for (const chart of content.charts) {
        const text = svgText(renderSvg(chart.option, { width: 960, height: 560 }));
        expect(text, chart.id).toContain(chart.title);
        expect(text, chart.id).toMatch(/Unit: \S/);
        expect(text, chart.id).toMatch(/Source: .*\(\d{4}-\d{2}-\d{2}\)/);
        expect(text, chart.id).toMatch(/Figures dated \d{4}-\d{2}-\d{2}/);
        expect(text, chart.id).toContain('Chart: darkfigure');
        expect(text, chart.id).toContain(`${SITE}/#/${content.view}`);
        expect(text.toLowerCase(), chart.id).not.toMatch(/hover|\btap\b/);
        expect(chart.caption.toLowerCase(), chart.id).not.toMatch(/hover|\btap\b/);
      }
    expect(pageUrl({ view: 'series', query: 'series=court.cases_received&chart=x', site: SITE })).toBe(
      `${SITE}/#/series/court.cases_received`,
    );
  });

  it('the model estimate chart says "model" in its title, and the CSVs have a citation on every row', () => {
    const content = contentOf({ view: 'overview', data, site: SITE });
    const est = content.charts.find((c) => c.id === 'overview-estimate')!;
    expect(est.title).toMatch(/model/i);
    for (const chart of content.charts) {
      const rows = parse(toCsv(chart.rows), { columns: true }) as Array<Record<string, string>>;
      expect(rows.length, chart.id).toBeGreaterThan(0);
      for (const r of rows) expect(r.citation, chart.id).toMatch(/\S/);
      // A published row cites its source; our own arithmetic says so.
      for (const r of rows.filter((x) => x.derivation === 'derived'))
        expect(r.citation).toMatch(/^derived by darkfigure/);
      for (const r of rows.filter(
        (x) => x.source_id && x.source_id !== 'darkfigure-derived' && x.derivation !== 'derived',
      ))
        expect(r.citation).toContain(data.sources.find((s) => s.id === r.source_id)!.organisation);
    }
    // The CSV of a model output has "model" in its first line.
    expect(toCsv(est.rows).split('\r\n')[0]).toMatch(/\bmodel\b/);
  });

  it('scenario exports say model in every title and CSV header, count agents, and keep the historical comparators off the share chart', () => {
    const content = contentOf({
      view: 'scenarios',
      results: [scenario('baseline'), scenario('rotation')],
      data,
      site: SITE,
    });
    expect(content.title).toMatch(/model/i);
    for (const chart of content.charts) {
      expect(chart.title, chart.id).toMatch(/model/i);
      expect(toCsv(chart.rows).split('\r\n')[0], chart.id).toMatch(/\bmodel\b/);
      expect(JSON.stringify(chart.option.yAxis ?? '') + chart.caption, chart.id).not.toMatch(/\bpersons\b/);
    }
    const share = content.charts.find((c) => c.id === 'scenarios-share')!;
    expect(JSON.stringify(share.option)).not.toMatch(/Germany WWII|markLine/);
    const html = reportHtml(content, data);
    expect(html).toMatch(/<h1>[^<]*model/i);
  });

  it('drops only the clauses that ask to hover, tap or click', () => {
    expect(staticText('Each point is a figure. Hover a point for its source. Never added.')).toBe(
      'Each point is a figure. Never added.',
    );
    expect(staticText('log scale; tap a point for its source')).toBe('log scale;');
  });

  it('an embed snippet is an iframe of the chart alone, with its address escaped', () => {
    expect(embedUrl('series', 'series-court.cases_received', 'series=court.cases_received&chart=z', SITE)).toBe(
      `${SITE}/embed/series/series-court.cases_received?series=court.cases_received`,
    );
    const snippet = embedSnippet('court', 'court-published', 'Court "figures"', 'method=bayes', SITE);
    expect(snippet).toMatch(
      /^<iframe src="https:\/\/darkfigure\.example\.org\/embed\/court\/court-published\?method=bayes" title="Court &quot;figures&quot; \(darkfigure\)"/,
    );
  });
});
