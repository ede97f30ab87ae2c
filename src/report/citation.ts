import type { Observation, Source } from '../domain/index.ts';
import { scopeText } from './scope-text.ts';
import { escapeHtml, formatFigure, formatPeriod } from './text.ts';

/** Who said it, where, when, and how far to trust it: "Mediazona via The Moscow Times, 2023-12-05 (confidence A)". */
export function citationText(s: Source): string {
  const who = s.outlet && s.outlet !== s.organisation ? `${s.organisation} via ${s.outlet}` : s.organisation;
  const title = s.title ? `, “${s.title}”` : '';
  const when = s.published ? `, ${s.published}` : '';
  const party = s.partyToConflict ? '; party to the conflict' : '';
  return `${who}${title}${when} (confidence ${s.confidence}${party})`;
}

export interface Cited {
  observation: Observation;
  source?: Source;
}

/** The tooltip of one plotted figure: value, period, scope, citation, link and notes (HTML, escaped). */
export function figureTooltipHtml(c: Cited, extra: string[] = []): string {
  const o = c.observation;
  const lines = [
    `<strong>${escapeHtml(formatFigure(o))} ${escapeHtml(o.unit)}</strong>`,
    `${escapeHtml(formatPeriod(o))} · ${escapeHtml(o.valueKind.replace('_', ' '))} · ${escapeHtml(scopeText(o.scope))}`,
    c.source ? escapeHtml(citationText(c.source)) : `source ${escapeHtml(o.sourceId)}`,
  ];
  if (c.source?.url)
    lines.push(`<a href="${escapeHtml(c.source.url)}" target="_blank" rel="noopener noreferrer">open the source</a>`);
  if (o.derivation === 'derived' && o.formula)
    lines.push(`<strong>derived by darkfigure</strong>: ${escapeHtml(o.formula)}`);
  if (o.notes) lines.push(`<em>${escapeHtml(o.notes)}</em>`);
  for (const e of extra) lines.push(e);
  return `<div class="df-tip">${lines.join('<br>')}</div>`;
}
