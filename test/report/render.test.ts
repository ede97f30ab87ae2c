import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ingest/bundled.ts';
import { reportHtml } from '../../src/report/html-report.ts';
import { renderPng, renderSvg, svgToPng } from '../../src/report/render.ts';
import { viewContent } from '../../src/report/views.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('server-side rendering', () => {
  it('renders the overview to SVG with its title and one marker per figure, and to PNG at the asked size', async () => {
    const d = await readDataset(MINI);
    const chart = viewContent('overview', d).charts[0]!;
    const svg = renderSvg(chart.option, { width: 800, height: 400 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('What is recorded');
    expect(svg).toMatch(/width="800"/);
    // The fixture has one figure of a headline series (court); its NGO figures are of no headline series.
    const points = svg.match(/<path d="M[^"]*" [^>]*fill="(#1f5fa8|#d2691e)"/g) ?? [];
    expect(points.length).toBe(1);
    expect(pngSize(renderPng(chart.option, { width: 640, height: 360 }))).toEqual([640, 360]);
    expect(pngSize(svgToPng(svg, 2))).toEqual([1600, 800]);
  });

  it('writes a self-contained HTML report with the chart, every figure, the methods and each source cited', async () => {
    const d = await readDataset(MINI);
    const html = reportHtml(viewContent('overview', d), d, { generated: '2026-01-01' });
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link /);
    expect(html).toContain('no estimate yet');
    expect((html.match(/<tr><td>/g) ?? []).length).toBe(1);
    // Each source of a figure in the report is cited, and no other.
    expect(html).toContain('id="src-mz-test"');
    expect(html).not.toContain('id="src-il-test"');
    expect(html).toContain('Differencing cumulative totals');
    expect(html).toContain(
      'https://www.themoscowtimes.com/2023/12/05/war-prison-or-disability-russian-military-desertions-surge-a83319',
    );
  });

  it('reports the series view with one chart per series that has figures', async () => {
    const d = await readDataset(MINI);
    const c = viewContent('series', d);
    expect(c.charts.map((x) => x.id)).toEqual(['series-court.cases_received', 'series-ngo.requests']);
    expect(viewContent('series', d, { series: 'ngo.requests' }).charts).toHaveLength(1);
  });
});
