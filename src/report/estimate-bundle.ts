import type { CalibrationResult } from '../calibrate/index.ts';
import { UNSEEN_NAMES } from './computed-views.ts';
import { BundledEstimates, type BandPoint } from './estimate-schema.ts';

export const ESTIMATE_METHOD = 'abc-smc calibration of the desertion model';

/** What each unseen total counts, in words for the page (src/calibrate/summaries.ts UNSEEN_SERIES). */
const DESCRIPTIONS: Record<string, string> = {
  awolEver:
    'soldiers who left their unit without authorisation at least once (absent without leave, deserted, or did not return from leave or hospital), whether or not any court, NGO or list recorded them',
  desertedAbroad: 'soldiers who left the army and reached another country',
  returnedWithoutCase: 'absent soldiers who came back, or were brought back, without a criminal case',
};

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/** Last day of a month, or the end of the run when it ends inside that month. */
function monthEnd(month: string, end: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
  return last < end ? last : end;
}

/**
 * The bundled estimate from a calibration posterior: per unseen total the monthly median with 50% and
 * 95% bands (cumulative, scaled to the force), the figures it was fitted to, its settings and warnings,
 * and a headline (AWOL ever by the last month). Pure and deterministic: the same posterior and commands
 * give the same file.
 */
export function bundleEstimates(
  r: CalibrationResult,
  commands: { calibrate: string; bundle: string },
): BundledEstimates {
  const { start, end } = r.settings;
  const months = r.unseen.months;
  const series: BundledEstimates['series'] = {};
  for (const [name, qs] of Object.entries(r.unseen.series)) {
    const points: BandPoint[] = qs.slice(0, months.length).map((q, i) => ({
      month: months[i]!,
      date: monthEnd(months[i]!, end),
      median: q.median,
      lo50: q.q25,
      hi50: q.q75,
      lo95: q.q025,
      hi95: q.q975,
    }));
    series[name] = { label: UNSEEN_NAMES[name] ?? name, description: DESCRIPTIONS[name] ?? name, points };
  }
  // No series at all: no key, so no headline.
  const head = 'awolEver' in series ? 'awolEver' : (Object.keys(series)[0] ?? '');
  const last = series[head]?.points.at(-1);
  const out = {
    method: ESTIMATE_METHOD,
    methodId: 'calibration',
    commands,
    settings: r.settings,
    range: { start, end },
    fit: {
      generations: r.generations.length,
      posteriorGeneration: r.posteriorGeneration ?? r.generations.at(-1)?.index ?? 0,
      simulations: r.generations.at(-1)?.totalSimulations ?? 0,
    },
    inputs: {
      targets: r.targets.map((t) => ({
        id: t.id,
        summary: t.summary,
        value: t.value,
        lo: finiteOrNull(t.lo),
        hi: finiteOrNull(t.hi),
        observationIds: t.observationIds,
      })),
      observationIds: [...new Set(r.targets.flatMap((t) => t.observationIds))].sort(),
    },
    warnings: r.warnings,
    series,
    headline: last && {
      series: head,
      month: last.month,
      date: last.date,
      median: last.median,
      lo50: last.lo50,
      hi50: last.hi50,
      lo95: last.lo95,
      hi95: last.hi95,
    },
  };
  // The file is checked as it will be read: a posterior that cannot make a valid one fails here.
  return BundledEstimates.parse(out);
}
