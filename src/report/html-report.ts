import type { ViewData } from './dataset.ts';
import { citationText } from './citation.ts';
import { findConflicts } from './conflicts.ts';
import { ESTIMATE_PENDING, ESTIMATE_SHORT, METHODS } from './methods.ts';
import { staticText } from './publish.ts';
import { renderSvg } from './render.ts';
import { scopeText } from './scope-text.ts';
import { escapeHtml, formatFigure, formatPeriod } from './text.ts';
import type { ViewContent } from './views.ts';

const CSS = `body{font-family:'DejaVu Sans',system-ui,sans-serif;color:#222;max-width:1000px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}table{border-collapse:collapse;width:100%;font-size:.85em;margin:1em 0}
th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}.cards{display:flex;flex-wrap:wrap;gap:1em}
.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;flex:1 1 200px}.card .big{font-size:1.5em;font-weight:bold}.muted{color:#666;font-size:.9em}
figure{margin:1em 0;page-break-inside:avoid}figure svg{max-width:100%;height:auto}figcaption{font-size:.85em;color:#555}@media print{body{margin:0}}`;

/**
 * A self-contained HTML report of a view: its charts (rendered on the server from the same options
 * as the page), the table behind each chart, the methods and every source cited. No scripts, no
 * external requests, so it prints to PDF as it is.
 */
export function reportHtml(content: ViewContent, data: ViewData, opts: { generated?: string } = {}): string {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const used = new Set<string>();
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(content.title)}</h1><p>${escapeHtml(staticText(content.intro))}</p>`);
  if (content.headlines) {
    parts.push('<div class="cards">');
    for (const h of content.headlines) {
      const f = h.figure;
      parts.push(
        `<div class="card"><div class="muted">${escapeHtml(h.label)}</div>${
          f
            ? `<div class="big">${escapeHtml(f.text)} ${escapeHtml(f.unit)}</div><div>${escapeHtml(f.period)}${f.derived ? ' · <strong>derived by darkfigure</strong>' : ''}</div><div>${escapeHtml(h.definition)}</div><div class="muted">Does not count: ${escapeHtml(h.excludes)}</div><div class="muted">${escapeHtml(f.citation)}</div>`
            : '<div class="muted">no figures loaded</div>'
        }</div>`,
      );
    }
    const e = content.estimate;
    parts.push(
      e
        ? `<div class="card"><div class="muted">Estimated, recorded or not (model)</div><div class="big">${escapeHtml(e.sentence)}</div><div>95% interval ${escapeHtml(e.interval95)}; 50% interval ${escapeHtml(e.interval50)}</div><div>${escapeHtml(e.definition)}</div><div>${escapeHtml(e.force)}</div><div>Newest published figure the model was fitted to: ${escapeHtml(e.newestTarget ?? 'none loaded')}.</div><div class="muted">${escapeHtml(e.basis)}. ${escapeHtml(ESTIMATE_SHORT)} See “Fitting the model to the figures” under Methods.</div></div></div>`
        : `<div class="card"><div class="muted">Estimated unrecorded part</div><div class="big">no estimate yet</div><div class="muted">${escapeHtml(ESTIMATE_PENDING)}</div></div></div>`,
    );
  }
  for (const chart of content.charts) {
    parts.push(
      `<h2>${escapeHtml(chart.title)}</h2><figure>${renderSvg(chart.option, { width: 960, height: 460 })}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`,
    );
    if (!chart.rows.some((r) => r.observation_id !== undefined)) {
      // A computed chart (model runs, estimates): its own columns, as in its CSV.
      const cols = [...new Set(chart.rows.flatMap((r) => Object.keys(r)))];
      const cell = (v: unknown) =>
        typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v ?? '');
      parts.push(`<table><thead><tr>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>`);
      for (const r of chart.rows.slice(0, 500))
        parts.push(`<tr>${cols.map((c) => `<td>${escapeHtml(cell(r[c]))}</td>`).join('')}</tr>`);
      parts.push(
        `</tbody></table>${chart.rows.length > 500 ? `<p class="muted">First 500 of ${chart.rows.length} rows; the CSV export has them all.</p>` : ''}`,
      );
      continue;
    }
    const figures = chart.rows.filter((r) => r.panel === undefined || r.panel === 'as published');
    parts.push(
      '<table><thead><tr><th>period</th><th>figure</th><th>kind</th><th>scope</th><th>source</th><th>notes</th></tr></thead><tbody>',
    );
    for (const r of figures) {
      used.add(String(r.source_id));
      const src = sources.get(String(r.source_id));
      const figure = formatFigure({
        value: Number(r.value),
        qualifier: String(r.qualifier ?? '='),
        low: r.low as number | undefined,
        high: r.high as number | undefined,
      });
      const period = formatPeriod({
        periodStart: r.period_start ? String(r.period_start) : undefined,
        periodEnd: String(r.period_end),
      });
      parts.push(
        `<tr><td>${escapeHtml(period)}</td><td>${escapeHtml(figure)} ${escapeHtml(String(r.unit))}</td><td>${escapeHtml(String(r.value_kind))}${r.derivation === 'derived' ? ' (derived by darkfigure)' : ''}</td><td>${escapeHtml(scopeText(String(r.scope ?? '')))}</td><td>${src ? escapeHtml(src.organisation) : escapeHtml(String(r.source_id))}</td><td>${escapeHtml(String(r.notes ?? ''))}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  // Tables of their own (the bundled fit's checks): the same rows and words as on the page.
  for (const t of content.tables ?? []) {
    parts.push(`<h2 id="${escapeHtml(t.id)}">${escapeHtml(t.title)}</h2><p>${escapeHtml(t.intro)}</p>`);
    if (t.rows.length)
      parts.push(
        `<table><thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${t.rows.map((r) => `<tr>${r.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
      );
  }
  const conflicts = findConflicts(
    data.observations.filter((o) => content.charts.some((c) => c.rows.some((r) => r.observation_id === o.id))),
  );
  if (conflicts.length) {
    parts.push(
      '<h2>Conflicting figures</h2><p>These figures claim the same thing and disagree; they are shown side by side, not merged.</p><ul>',
    );
    for (const g of conflicts)
      parts.push(
        `<li>${escapeHtml(g.seriesId)}: <ul>${g.observations.map((o) => `<li>${escapeHtml(formatFigure(o))} ${escapeHtml(o.unit)}, ${escapeHtml(o.scope)}, ${escapeHtml(formatPeriod(o))} (${escapeHtml(sources.get(o.sourceId)?.organisation ?? o.sourceId)})${o.notes ? ` — ${escapeHtml(o.notes)}` : ''}</li>`).join('')}</ul></li>`,
      );
    parts.push('</ul>');
  }
  parts.push('<h2>Methods</h2>');
  for (const m of METHODS)
    parts.push(
      `<h3>${escapeHtml(m.name)} <span class="muted">(${m.status})</span></h3><p>${escapeHtml(m.plain)}</p><p class="muted">Assumes: ${m.assumptions.map(escapeHtml).join(' ')} Code: ${escapeHtml(m.code)}.</p>`,
    );
  parts.push('<h2>Sources cited</h2><ol>');
  for (const id of [...used].sort()) {
    const s = sources.get(id);
    if (!s) continue;
    parts.push(
      `<li id="src-${escapeHtml(s.id)}">${escapeHtml(citationText(s))}${s.url ? ` — <a href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>` : ''}${s.seedArticle ? ' <span class="muted">(seed article)</span>' : ''}</li>`,
    );
  }
  parts.push('</ol>');
  parts.push(
    `<p class="muted">Generated by darkfigure${opts.generated ? ` on ${escapeHtml(opts.generated)}` : ''}.</p>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.title)} — darkfigure</title><style>${CSS}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
