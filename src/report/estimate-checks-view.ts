import { monthName } from '../domain/index.ts';
import type { Band, BundledEstimates, CheckRow, EstimateChecks, ParameterShift } from './estimate-schema.ts';
import { formatNumber } from './text.ts';

/**
 * The bundled fit's checks (data/estimates.json `checks`) as plain table models: what the overview
 * card, the calibration page and the static report draw. Pure formatting, no markup, so that every
 * surface words the same numbers the same way.
 *
 * Model figures get two significant figures (the fit does not support more); an interval is rounded
 * outward (lower end down, upper end up) so that it never looks narrower than it is. Published
 * figures are quoted as published.
 */

/** Significant figures of a model figure. */
export const SIG = 2;

/** One row of a table: its cells as text and the data-* attributes that name it (for tests and links). */
export interface TableRow {
  data: Record<string, string>;
  cells: string[];
}

/** A table as any surface draws it. */
export interface TableModel {
  /** Stable element id (#cal-…), also the anchor the overview links to. */
  id: string;
  title: string;
  /** What the table shows and how it was made, in a sentence or two. */
  intro: string;
  columns: string[];
  /** Columns whose cells are numbers (drawn right-aligned). */
  numeric: number[];
  rows: TableRow[];
}

// Rounding on a grid of `sig` significant figures; the 1e9 guard keeps 0.29 / 0.01 from flooring to 28.
const step = (v: number, sig: number) => 10 ** (Math.floor(Math.log10(Math.abs(v))) - sig + 1);
const onGrid = (v: number, sig: number, how: (x: number) => number) => {
  if (v === 0 || !Number.isFinite(v)) return v;
  const p = step(v, sig);
  return how(Math.round((v / p) * 1e9) / 1e9) * p;
};
export const roundDown = (v: number, sig = SIG): number => onGrid(v, sig, Math.floor);
export const roundUp = (v: number, sig = SIG): number => onGrid(v, sig, Math.ceil);
export const roundNear = (v: number, sig = SIG): number => onGrid(v, sig, Math.round);

/** A model figure already on its grid, written out: "130,000", "0.0052". */
export function formatSig(v: number, sig = SIG): string {
  if (!Number.isFinite(v)) return String(v);
  // Past the grid's last digit only float noise is left; a count keeps its thousands separators.
  return Math.abs(v) >= 10 ** sig
    ? formatNumber(Math.round(v))
    : Number(v.toPrecision(sig)).toLocaleString('en-GB', { maximumSignificantDigits: sig });
}

/** "87,000 – 170,000": a model interval rounded outward. */
export function formatInterval(lo: number, hi: number, sig = SIG): string {
  return `${formatSig(roundDown(lo, sig), sig)} – ${formatSig(roundUp(hi, sig), sig)}`;
}

/** "≈ 120,000 (87,000 – 170,000)": a model median with its 95% interval. */
export function formatBand(b: Pick<Band, 'median' | 'lo95' | 'hi95'>, sig = SIG): string {
  return `≈ ${formatSig(roundNear(b.median, sig), sig)} (${formatInterval(b.lo95, b.hi95, sig)})`;
}

/** "+7%", "−18%", "0%": a change against the baseline. */
export function formatChange(share: number): string {
  const pct = Math.round(share * 100);
  return pct === 0 ? '0%' : `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
}

/** A sentence from a file's phrase: capital first letter, one full stop. */
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1).replace(/[.\s]+$/, '')}.`;

/** A published figure as published: "20,538", "49,500 (40,000 – 55,000)", "at least 3,000". */
export function formatObserved(o: CheckRow['observed']): string {
  const n = (v: number) => formatNumber(v);
  if (o.lo === null && o.hi === null) return n(o.value);
  if (o.hi === null) return o.lo === o.value ? `at least ${n(o.value)}` : `${n(o.value)} (at least ${n(o.lo!)})`;
  if (o.lo === null) return o.hi === o.value ? `at most ${n(o.value)}` : `${n(o.value)} (at most ${n(o.hi)})`;
  return o.lo === o.hi && o.lo === o.value ? n(o.value) : `${n(o.value)} (${n(o.lo)} – ${n(o.hi)})`;
}

/** Below these the data narrowed a prior (width of the posterior 95% over the prior's). */
export const MOVED_WIDTH = 0.5;
export const SOMEWHAT_WIDTH = 0.8;
/** Beyond these the posterior median left the prior's middle (shift over the prior's 95% width, on its scale). */
export const MOVED_SHIFT = 0.25;
export const SOMEWHAT_SHIFT = 0.1;

export type Verdict = 'moved' | 'moved-a-little' | 'near-prior';
const VERDICT_WORDS: Record<Verdict, string> = {
  moved: 'data moved it',
  'moved-a-little': 'data moved it a little',
  'near-prior': 'stays near its prior',
};

/** How much the data moved one parameter, by its width ratio and the shift of its median, in plain words. */
export function shiftVerdict(p: Pick<ParameterShift, 'scale' | 'prior' | 'posterior' | 'widthRatio'>): {
  verdict: Verdict;
  words: string;
  shift: number;
} {
  const f = p.scale === 'log' ? Math.log : (x: number) => x;
  const width = f(p.prior.hi95) - f(p.prior.lo95);
  const shift = width > 0 ? (f(p.posterior.median) - f(p.prior.median)) / width : 0;
  const verdict: Verdict =
    p.widthRatio < MOVED_WIDTH || Math.abs(shift) > MOVED_SHIFT
      ? 'moved'
      : p.widthRatio < SOMEWHAT_WIDTH || Math.abs(shift) > SOMEWHAT_SHIFT
        ? 'moved-a-little'
        : 'near-prior';
  return { verdict, words: VERDICT_WORDS[verdict], shift };
}

const dayOf = (iso: string) => `${Number(iso.slice(8, 10))} ${monthName(iso.slice(0, 7))}`;
const twoDecimals = (x: number) => x.toFixed(2);

/** Prior against posterior for every parameter: how much the data moved it, and what each prior rests on. */
export function priorPosteriorTable(c: EstimateChecks): TableModel {
  const moved = c.priorPosterior.filter((p) => shiftVerdict(p).verdict === 'moved').length;
  return {
    id: 'cal-prior-posterior',
    title: 'Prior against posterior',
    intro: `Each parameter's prior (the range it was given before fitting, with its 95% interval) against its posterior (after fitting). The width ratio is the posterior 95% interval's width over the prior's, on the prior's scale: near 1, the published figures say little about it and the result rests on the prior. The data moved ${moved} of ${c.priorPosterior.length}.`,
    columns: [
      'Parameter',
      'Prior range',
      'Prior 95%',
      'Posterior median',
      'Posterior 95%',
      'Width ratio',
      'Moved?',
      'Evidence for the prior',
    ],
    numeric: [1, 2, 3, 4, 5],
    rows: c.priorPosterior.map((p) => {
      const v = shiftVerdict(p);
      return {
        data: { param: p.name, verdict: v.verdict },
        cells: [
          `${p.name}${p.unit ? ` (${p.unit})` : ''}`,
          `${formatSig(p.prior.low, 3)} – ${formatSig(p.prior.high, 3)}${p.scale === 'log' ? ' (log)' : ''}`,
          formatInterval(p.prior.lo95, p.prior.hi95),
          formatSig(roundNear(p.posterior.median)),
          formatInterval(p.posterior.lo95, p.posterior.hi95),
          twoDecimals(p.widthRatio),
          v.words,
          p.evidence,
        ],
      };
    }),
  };
}

/** The headline with no fitting at all, against the fitted headline: what the data added. */
export function priorOnlyTable(est: BundledEstimates, c: EstimateChecks): TableModel {
  const h = est.headline;
  const change = c.priorOnly.median > 0 ? h.median / c.priorOnly.median - 1 : 0;
  return {
    id: 'cal-prior-only',
    title: 'The headline under the prior alone',
    intro: `The headline (${est.series[h.series]?.label ?? h.series} by ${monthName(h.month)}) from the priors alone, before any published figure is used, against the fitted one. Fitting moved the median ${formatChange(change)} and the 95% interval from ${formatInterval(c.priorOnly.lo95, c.priorOnly.hi95)} to ${formatInterval(h.lo95, h.hi95)}.`,
    columns: ['', 'Median', '95% interval'],
    numeric: [1, 2],
    rows: [
      {
        data: { row: 'prior-only' },
        cells: [
          'Prior alone, no fitting',
          formatSig(roundNear(c.priorOnly.median)),
          formatInterval(c.priorOnly.lo95, c.priorOnly.hi95),
        ],
      },
      {
        data: { row: 'fitted' },
        cells: ['Fitted to the published figures', formatSig(roundNear(h.median)), formatInterval(h.lo95, h.hi95)],
      },
    ],
  };
}

/** "Prior alone: ≈ 130,000 (86,000 – 200,000); fitting moved it −7%": the card's one line. */
export function priorOnlyLine(est: BundledEstimates, c: EstimateChecks): string {
  const change = c.priorOnly.median > 0 ? est.headline.median / c.priorOnly.median - 1 : 0;
  return `Prior alone, before any figure: ${formatBand(c.priorOnly)}; the data moved the median ${formatChange(change)}.`;
}

/** The headline when one assumption changes at a time. */
export function sensitivityTable(c: EstimateChecks): TableModel {
  return {
    id: 'cal-sensitivity',
    title: 'Sensitivity: the headline when one assumption changes',
    intro: `${sentence(c.sensitivity.method)} Each row changes one thing (a prior shifted down or up or widened, the force low or high, one published figure left out) and gives the headline with its 95% interval, and the change of its median against the fit as published.`,
    columns: ['What changed', 'Median', '95% interval', 'Change'],
    numeric: [1, 2, 3],
    rows: c.sensitivity.rows.map((r) => ({
      data: {
        row: r.id,
        kind: r.kind,
        ...(r.parameter && { param: r.parameter }),
        ...(r.target && { target: r.target }),
      },
      cells: [
        r.label,
        formatSig(roundNear(r.headline.median)),
        formatInterval(r.headline.lo95, r.headline.hi95),
        r.kind === 'baseline' ? '—' : formatChange(r.change),
      ],
    })),
  };
}

/** Published figures against the model's prediction: inside the 95% band or not, and why not. */
function checkTable(id: string, title: string, intro: string, rows: CheckRow[]): TableModel {
  return {
    id,
    title,
    intro,
    columns: ['Published figure', 'Date', 'Observed', 'Predicted median', 'Predicted 95%', 'Inside?', 'Why not'],
    numeric: [1, 2, 3, 4],
    rows: rows.map((r) => ({
      data: { check: r.id, inside: String(r.inside) },
      cells: [
        r.label,
        r.date,
        formatObserved(r.observed),
        formatSig(roundNear(r.predicted.median)),
        formatInterval(r.predicted.lo95, r.predicted.hi95),
        r.inside ? '✓ inside' : '✗ outside',
        r.inside ? '' : (r.reason ?? 'no reason given'),
      ],
    })),
  };
}

export function outOfSampleTable(c: EstimateChecks): TableModel {
  const o = c.outOfSample;
  const inside = o.rows.filter((r) => r.inside).length;
  return checkTable(
    'cal-out-of-sample',
    `Out of sample: fitted through ${dayOf(o.fitThrough)}, every later figure predicted`,
    `${sentence(o.method)} Fitted on the figures up to ${dayOf(o.fitThrough)} only (headline then ${formatBand(o.headline)}), the model predicted each figure published later: ${inside} of ${o.rows.length} fall inside the 95% band. A figure outside is listed with the reason the model misses it.`,
    o.rows,
  );
}

export function predictiveTable(c: EstimateChecks): TableModel {
  const inside = c.predictive.rows.filter((r) => r.inside).length;
  return checkTable(
    'cal-predictive',
    'Posterior predictive check, fresh simulations',
    `${sentence(c.predictive.method)} Each figure the model was fitted to, against new simulations at the posterior (not the accepted ones): ${inside} of ${c.predictive.rows.length} inside the 95% band.`,
    c.predictive.rows,
  );
}

/** Replicates differ by a few per cent: three significant figures show it, two would hide it. */
const MC_SIG = 3;

/** Monte Carlo error: replicate fits and how their spread entered the published interval. */
export function monteCarloTable(c: EstimateChecks): TableModel {
  const m = c.monteCarlo;
  const meds = m.replicates.map((r) => r.median);
  const spread = meds.length
    ? ` Replicate medians run from ${formatSig(roundDown(Math.min(...meds), MC_SIG), MC_SIG)} to ${formatSig(roundUp(Math.max(...meds), MC_SIG), MC_SIG)}.`
    : '';
  return {
    id: 'cal-mc-error',
    title: 'Monte Carlo error',
    intro: `${sentence(m.method)} ${formatNumber(m.particles)} particles, effective sample size ${formatNumber(m.ess, 0)}; Monte Carlo standard error of the headline median ±${formatSig(roundUp(m.seMedian))}.${spread} ${sentence(m.folded)}`,
    columns: ['Seed', 'Median', '95% interval'],
    numeric: [0, 1, 2],
    rows: m.replicates.map((r) => ({
      data: { seed: String(r.seed) },
      cells: [String(r.seed), formatSig(roundNear(r.median, MC_SIG), MC_SIG), formatInterval(r.lo95, r.hi95, MC_SIG)],
    })),
  };
}

/** The force the totals are scaled to, by month: its prior (from published estimates) and its posterior. */
export function forceTable(c: EstimateChecks): TableModel {
  return {
    id: 'cal-force',
    title: 'The force size by month, prior and posterior',
    intro: `${sentence(c.force.description)} An uncertain input, not a fixed number: its prior comes from ${c.force.evidence}; the posterior is what the fit kept. The headline scales with it.`,
    columns: ['Month', 'Prior median', 'Prior 95%', 'Posterior median', 'Posterior 95%'],
    numeric: [1, 2, 3, 4],
    rows: c.force.points.map((p) => ({
      data: { month: p.month },
      cells: [
        p.month,
        formatSig(roundNear(p.prior.median)),
        formatInterval(p.prior.lo95, p.prior.hi95),
        formatSig(roundNear(p.posterior.median)),
        formatInterval(p.posterior.lo95, p.posterior.hi95),
      ],
    })),
  };
}

/** The card's force line: a range, never a fixed number. */
export function forceLine(c: EstimateChecks): string {
  const last = c.force.points.at(-1)!;
  return `Assumes a force of ${formatInterval(last.posterior.lo95, last.posterior.hi95)} serving in ${monthName(last.month)} (95%; prior ${formatInterval(last.prior.lo95, last.prior.hi95)} from published estimates), uncertain and carried into the interval; the total scales with it.`;
}

/** Figures used both to set a fixed parameter and as a target, stated (issue #20: the data used twice). */
export function doubleUseTable(c: EstimateChecks): TableModel {
  return {
    id: 'cal-double-use',
    title: 'Figures used twice',
    intro: c.doubleUse.length
      ? `${c.doubleUse.length} published figure(s) both set a fixed parameter and serve as a target: the fit counts them twice.`
      : 'None: no published figure both sets a fixed parameter and serves as a target.',
    columns: ['Statement'],
    numeric: [],
    rows: c.doubleUse.map((d, i) => ({ data: { use: String(i + 1) }, cells: [d] })),
  };
}

/** Every table of the checks, in the order the calibration page and the report show them. */
export function checksTables(est: BundledEstimates): TableModel[] {
  const c = est.checks;
  if (!c) return [];
  return [
    monteCarloTable(c),
    priorPosteriorTable(c),
    priorOnlyTable(est, c),
    sensitivityTable(c),
    outOfSampleTable(c),
    predictiveTable(c),
    forceTable(c),
    doubleUseTable(c),
  ];
}

/** The bundled headline in one sentence with its interval (outward): the section's opening line. */
export function bundledHeadlineLine(est: BundledEstimates): string {
  const h = est.headline;
  return `${est.series[h.series]?.label ?? h.series} by ${monthName(h.month)}: ${formatBand(h)}, 50% interval ${formatInterval(h.lo50, h.hi50)}. Fitted to ${est.inputs.observationIds.length} published figures, ${formatNumber(est.fit.simulations)} simulations.`;
}
