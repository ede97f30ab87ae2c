import { monthName, type Observation } from '../domain/index.ts';
import { figureTooltipHtml } from './citation.ts';
import { observationRows, type ChartSpec, type DataRow, type ViewData } from './dataset.ts';
import { forceLine, formatInterval, priorOnlyLine } from './estimate-checks-view.ts';
import { headlineSeries, type BundledEstimates } from './estimate-schema.ts';
import { fanChart } from './fan-chart.ts';
import { qualifierSymbol, TOPIC_COLOURS } from './style.ts';
import { DERIVED_LABEL, isDerived } from './headlines.ts';
import { escapeHtml, formatNumber } from './text.ts';
import { monthTimeAxis } from './time-axis.ts';

/**
 * Recorded cumulative counts that share the estimate's axis: people or cases, nationwide, about
 * leaving the army. Requests, shares and regional figures stay on the recorded timeline above.
 */
export const COMPARED_SERIES = [
  'court.cases_received',
  'court.defendants',
  'court.persons_convicted',
  'ngo.idite_lesom.helped_desert',
  'ua.hochu_zhit.surrenders',
] as const;

/** Short legend names and colours of the compared series (three of them are court series: each its own shade). */
const COMPARED_STYLE: Record<(typeof COMPARED_SERIES)[number], { label: string; colour: string }> = {
  'court.cases_received': { label: 'court cases received', colour: TOPIC_COLOURS.court },
  'court.defendants': { label: 'defendants', colour: '#17becf' },
  'court.persons_convicted': { label: 'persons convicted', colour: '#555555' },
  'ngo.idite_lesom.helped_desert': { label: 'helped to desert (Idite Lesom)', colour: TOPIC_COLOURS.ngo },
  'ua.hochu_zhit.surrenders': { label: 'surrendered (Hochu Zhit)', colour: TOPIC_COLOURS.surrender },
};

/** The unit of each compared series: cases go on their own axis, people on the model's. */
const COMPARED_UNIT: Record<(typeof COMPARED_SERIES)[number], 'cases' | 'persons'> = {
  'court.cases_received': 'cases',
  'court.defendants': 'persons',
  'court.persons_convicted': 'persons',
  'ngo.idite_lesom.helped_desert': 'persons',
  'ua.hochu_zhit.surrenders': 'persons',
};

/** "June 2024" from "2024-06" (no locale data needed, so page and server agree). */

/** Two significant figures: a model's interval does not support more ("≈ 95,000", not 95,470). */
export function roundEstimate(v: number): number {
  if (v === 0) return 0;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(v))) - 1);
  return Math.round(v / p) * p;
}

export interface EstimateHeadline {
  /** "≈ 95,000" */
  figure: string;
  /** "≈ 95,000 went AWOL by June 2024" */
  sentence: string;
  /** "68,000 – 150,000" */
  interval95: string;
  interval50: string;
  /** "model calibrated to 10 published figures" */
  basis: string;
  /** Where the method is explained on the page. */
  methodHref: string;
  /** One line: what the headline counts ("AWOL ever: soldiers who …"), asides left out. */
  definition: string;
  /** The definition in full, with its asides. */
  definitionFull: string;
  /** The force the model's totals are scaled to, said as the assumption it is (a range when the fit carried it as uncertain). */
  force: string;
  /** "Prior alone, before any figure: ≈ …; the data moved the median −7%." (when the file has its checks). */
  priorOnly?: string;
  /** Where the calibration page shows the fit's checks (when the file has them). */
  checkLinks?: Array<{ href: string; text: string }>;
  /** "by May 2025": the month of the newest published figure the fit used (its targets' observations). */
  newestTarget?: string;
  /** The calibration page, where the fit's details are. */
  calibrationHref: string;
}

/** The newest period end among the published figures the fit was calibrated to (undefined when none is loaded). */
export function newestTargetDate(
  est: BundledEstimates,
  observations: Array<{ id: string; periodEnd: string }>,
): string | undefined {
  const used = new Set(est.inputs.observationIds);
  return observations
    .filter((o) => used.has(o.id))
    .reduce<string | undefined>((a, o) => (!a || o.periodEnd > a ? o.periodEnd : a), undefined);
}

/** The calibration page's sections on the bundled fit (ids in src/report/estimate-checks-view.ts). */
export const CHECK_LINKS = [
  { href: '#/calibration#cal-prior-posterior', text: 'prior against posterior' },
  { href: '#/calibration#cal-sensitivity', text: 'sensitivity' },
  { href: '#/calibration#cal-out-of-sample', text: 'out-of-sample check' },
  { href: '#/calibration#cal-mc-error', text: 'Monte Carlo error' },
];

/** The overview card's words for the bundled estimate: the headline total (two significant figures) with its intervals rounded outward. */
export function estimateHeadline(
  est: BundledEstimates,
  observations: Array<{ id: string; periodEnd: string }> = [],
): EstimateHeadline {
  const h = est.headline;
  const r = (v: number) => formatNumber(roundEstimate(v));
  const s = headlineSeries(est);
  const what = h.series === 'awolEver' ? 'went AWOL' : s.label;
  return {
    figure: `≈ ${r(h.median)}`,
    sentence: `≈ ${r(h.median)} ${what} by ${monthName(h.month)}`,
    interval95: formatInterval(h.lo95, h.hi95),
    interval50: formatInterval(h.lo50, h.hi50),
    basis: `model calibrated to ${est.inputs.observationIds.length} published figures`,
    methodHref: `#/methods#method-${est.methodId}`,
    // One line on the card: the asides in brackets are in the full definition (its title and the methods).
    definition: `${s.label}: ${s.description.replace(/\s*\([^)]*\)/g, '')}.`,
    definitionFull: `${s.label}: ${s.description}.`,
    force: est.checks
      ? forceLine(est.checks)
      : `Assumes a force of ${est.settings.force.toLocaleString('en-US')} serving at any time, fixed in the model, not fitted; the total scales with it.`,
    ...(est.checks && { priorOnly: priorOnlyLine(est, est.checks), checkLinks: CHECK_LINKS }),
    newestTarget: (() => {
      const d = newestTargetDate(est, observations);
      return d ? `by ${monthName(d.slice(0, 7))}` : undefined;
    })(),
    calibrationHref: '#/calibration',
  };
}

/** Recorded figures that go on the estimate chart: cumulative people or cases of COMPARED_SERIES, nationwide, inside the estimate's dates. */
export function comparedObservations(data: ViewData, est: BundledEstimates): Observation[] {
  const wanted = new Set<string>(COMPARED_SERIES);
  return data.observations.filter(
    (o) =>
      wanted.has(o.seriesId) &&
      o.valueKind === 'cumulative' &&
      o.value > 0 &&
      !o.scope.includes(';') &&
      o.periodEnd >= est.range.start &&
      o.periodEnd <= est.range.end,
  );
}

/** How the estimate was made, for hovers and captions (plain words, no markup). */
export function estimateBasis(est: BundledEstimates): string {
  return `Estimated by fitting the desertion model to ${est.inputs.observationIds.length} published figures (approximate Bayesian computation, ${est.fit.simulations.toLocaleString('en-US')} simulations), counted since ${est.range.start} and scaled to ${est.checks ? 'a force size that is itself uncertain (its prior from published estimates, carried into the interval)' : `a force of ${est.settings.force.toLocaleString('en-US')}`}: a model estimate under its assumptions, not a count.`;
}

/**
 * The estimate on a timeline: the model's cumulative total (median, 50% and 95% bands, from the fan
 * chart builder) against the recorded cumulative counts of people and cases, on one linear axis.
 * Hovering a band or the median says what it is and how it was estimated; a recorded point names its source.
 */
export function estimateChart(est: BundledEstimates, data: ViewData, layout: { narrow?: boolean } = {}): ChartSpec {
  const s = headlineSeries(est);
  const name = `${s.label} (model estimate)`;
  const basis = estimateBasis(est);
  const link = `<a href="#/methods#method-${escapeHtml(est.methodId)}">how it is estimated</a>`;
  const fan = fanChart(
    [
      {
        name,
        colour: '#b22222',
        points: s.points.map((p) => ({
          x: p.date,
          median: p.median,
          lo50: p.lo50,
          hi50: p.hi50,
          lo90: p.lo95,
          hi90: p.hi95,
        })),
      },
    ],
    {
      id: 'overview-estimate',
      title: 'Estimated against recorded (model)',
      unit: 'persons',
      xType: 'time',
      outerLevel: 95,
      nameColumn: 'series',
    },
  );
  const series = fan.option.series as Array<Record<string, unknown>>;
  for (const b of series) {
    // Lower edges carry {value} items, so that the page (and its tests) can find a band's pixels.
    if (!b.name && b.type === 'line' && b.stack)
      b.data = (b.data as Array<[string, number]>).map((value) => ({ value }));
    // An area has no item tooltip in ECharts: the bands emit mouse events instead, and the page shows the
    // median's tip (which describes the bands) for the month under the mouse (web/src/views/overview.ts).
    if (b.name && b.stack) Object.assign(b, { silent: false, triggerEvent: 'area', emphasis: { disabled: true } });
  }
  const median = series.find((x) => x.name === name)!;
  median.data = s.points.map((p) => ({
    value: [p.date, p.median],
    tip: `<div class="df-tip"><strong>${escapeHtml(name)}, by ${escapeHtml(p.date)}</strong><br>median ${escapeHtml(formatNumber(p.median))}; 50% interval ${escapeHtml(formatNumber(p.lo50))} – ${escapeHtml(formatNumber(p.hi50))}; 95% interval ${escapeHtml(formatNumber(p.lo95))} – ${escapeHtml(formatNumber(p.hi95))} (the shaded bands)<br>${escapeHtml(s.description)}.<br>${escapeHtml(basis)}<br>${link}</div>`,
  }));

  const seriesById = new Map(data.series.map((x) => [x.id, x]));
  const sources = new Map(data.sources.map((x) => [x.id, x]));
  const recorded = comparedObservations(data, est);
  const groups = COMPARED_SERIES.map((id) => ({
    id,
    title: seriesById.get(id)?.title ?? id,
    legend: `recorded: ${COMPARED_STYLE[id].label}`,
    obs: recorded.filter((o) => o.seriesId === id),
  })).filter((g) => g.obs.length);
  for (const g of groups) {
    series.push({
      type: 'scatter',
      name: g.legend,
      yAxisIndex: COMPARED_UNIT[g.id] === 'cases' ? 1 : 0,
      symbolSize: 10,
      itemStyle: { color: COMPARED_STYLE[g.id].colour, opacity: 0.9 },
      data: g.obs.map((o) => ({
        value: [o.periodEnd, o.value],
        name: o.id,
        ...qualifierSymbol(o.qualifier),
        tip: figureTooltipHtml({ observation: o, source: sources.get(o.sourceId) }, [
          `series: ${escapeHtml(g.title)}`,
          isDerived(o)
            ? `<strong>${DERIVED_LABEL}</strong> from published figures (${escapeHtml(o.unit)}), not a model estimate`
            : `recorded as published (${escapeHtml(o.unit)}), not estimated`,
        ]),
      })),
    });
  }
  const bandNames = series.filter((x) => x.name && x.stack).map((x) => String(x.name));
  // A shared top for both axes (a round number above every band and point), so that heights compare.
  const highest = Math.max(1, ...s.points.map((p) => p.hi95), ...recorded.map((o) => o.value));
  const step = 10 ** Math.floor(Math.log10(highest));
  const top = Math.ceil(highest / step) * step;
  const warn = est.warnings.length ? ` The fit warns: ${est.warnings.join('; ')}.` : '';
  const option = {
    ...fan.option,
    title: {
      text: 'Estimated against recorded (model)',
      subtext: layout.narrow
        ? 'persons left, court cases right, same scale'
        : 'persons on the left axis, court cases on the right, on the same scale (never added up)',
      left: 10,
      top: 0,
      textStyle: { fontSize: 15 },
    },
    legend: {
      top: layout.narrow ? 44 : 40,
      left: 10,
      right: 10,
      type: 'plain',
      data: [name, ...bandNames, ...groups.map((g) => g.legend)],
    },
    tooltip: {
      trigger: 'item',
      enterable: true,
      confine: true,
      formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '',
    },
    xAxis: monthTimeAxis(
      s.points.map((p) => p.date),
      { boundaryGap: false },
    ),
    grid: { left: layout.narrow ? 58 : 70, right: layout.narrow ? 58 : 70, top: layout.narrow ? 232 : 115, bottom: 40 },
    // One unit per axis: persons (the model's total and the recorded people) left, court cases right, sharing one scale.
    yAxis: [
      { type: 'value', name: 'persons', min: 0, max: top, nameTextStyle: { align: 'left' } },
      {
        type: 'value',
        name: 'court cases',
        min: 0,
        max: top,
        position: 'right',
        splitLine: { show: false },
        nameTextStyle: { align: 'right' },
      },
    ],
    series,
  };
  const recordedRows: DataRow[] = observationRows(recorded, sources, (o) => ({
    panel: 'as published',
    series_title: seriesById.get(o.seriesId)?.title ?? '',
  }));
  const estimateRows: DataRow[] = fan.rows.map((r) => ({ panel: 'model estimate', ...r, method: est.method }));
  return {
    id: 'overview-estimate',
    title: 'Estimated against recorded (model)',
    caption: `${s.label}: ${s.description}, as estimated by the model (median line, 50% and 95% bands; cumulative). ${basis} The points are recorded cumulative counts of people or court cases published for dates in the same range; cases and people are different units (one person can have several cases, and most absences never reach a court), so cases have their own axis (right), on the same scale as the persons (left), to show the order of magnitude; they are never added or subtracted.${warn}`,
    option,
    rows: [...estimateRows, ...recordedRows],
    points: { estimate: s.points.length, recorded: recorded.length },
  };
}
