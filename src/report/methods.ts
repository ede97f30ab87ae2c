/** A method in plain words, for the methods view and the reports. */
export interface MethodText {
  id: string;
  name: string;
  status: 'in use' | 'coming';
  /** What it does, for a reader without statistics. */
  plain: string;
  assumptions: string[];
  /** Where it is in the code, so a figure can be traced to it. */
  code: string;
}

export const METHODS: MethodText[] = [
  {
    id: 'differencing',
    name: 'Differencing cumulative totals',
    status: 'in use',
    plain:
      'When a source publishes running totals (4,121 cases since mobilisation, say) at irregular dates, the count for the time between two totals is the later total minus the earlier one. Dividing by the days between them and multiplying by 30.4375 gives a count per average month. A total that falls is kept as a negative count, so corrections stay visible.',
    assumptions: [
      'Both totals count the same thing over the same scope (the same courts, the same articles).',
      'The later total includes everything in the earlier one.',
      'The count is spread evenly over the interval: the monthly figure is an average, not a month-by-month record.',
    ],
    code: 'src/indicators/cumulative.ts',
  },
  {
    id: 'rate',
    name: 'Counts per month',
    status: 'in use',
    plain:
      'A count over a period (305 requests in June to August) divided by the days in the period and multiplied by the days in an average month.',
    assumptions: [
      'The count covers the whole period, first and last day included.',
      'It is spread evenly over the period.',
    ],
    code: 'src/indicators/rate.ts',
  },
  {
    id: 'growth',
    name: 'Growth between periods',
    status: 'in use',
    plain:
      'The change from one period to a later one as a percentage of the first: 577 requests against 305 is a rise of 89%.',
    assumptions: ['Both periods are of the same length and the figures count the same thing.'],
    code: 'src/indicators/growth.ts',
  },
  {
    id: 'share',
    name: 'Share of the force',
    status: 'in use',
    plain:
      'A count as a percentage of the force it comes from: 5,000 convictions among 250,000 troops is 2%. Force sizes are themselves uncertain, wartime estimates.',
    assumptions: [
      'The count and the force refer to the same people and the same time.',
      'The force size is of the right order; it is usually an intelligence estimate.',
    ],
    code: 'src/indicators/share.ts',
  },
  {
    id: 'nowcast',
    name: 'Nowcasting court records (reporting delay)',
    status: 'in use',
    plain:
      'Recent months look low because cases take months to reach a verdict and be published. A nowcast estimates how many of them are still to come from how long past cases took, and shows the recent months with a band.',
    assumptions: [
      'Delays in the recent past resemble delays in the months being corrected.',
      'Three methods are offered (chain ladder, baseline, Bayesian); where they disagree on a month, the data cannot settle it.',
    ],
    code: 'src/nowcast/',
  },
  {
    id: 'nowcast-published',
    name: 'Nowcasting a published running total (months not yet published)',
    status: 'in use',
    plain:
      "Mediazona publishes a running total of AWOL cases received by military courts every few months; the months after its newest total have no figure yet. The court view estimates them, with a band, from how the total's monthly rate has moved so far, and checks the method by predicting each published total from the ones before it.",
    assumptions: [
      'The monthly rate goes on from its newest level as a random walk (no trend up or down); the band widens with each month.',
      'How much the rate moved between past totals says how much it can move now (the volatility is estimated from the totals themselves).',
      "Only one counter's totals are chained (Mediazona's): another counter's figure for the same date counts differently.",
      'It is not a reporting-delay correction: the published totals carry no revisions, so how late court websites show cases cannot be read from them.',
    ],
    code: 'src/nowcast/project-totals.ts',
  },
  {
    id: 'mse',
    name: 'Capture–recapture (multiple systems estimation)',
    status: 'in use',
    plain:
      'When the same people appear on several lists (courts, NGO, surrender, wanted lists), how much the lists overlap tells how many people appear on none of them. The estimate of the unrecorded comes with an interval and depends on assumptions about how the lists relate.',
    assumptions: [
      'The lists are linked correctly (the same person is recognised on each list).',
      'The models allowed for dependence between lists cover the real dependence.',
    ],
    code: 'src/mse/',
  },
  {
    id: 'simulation',
    name: 'Simulation of the system (scenarios)',
    status: 'in use',
    plain:
      'An agent-based model of soldiers moving between the front, leave, absence, abroad, surrender, capture, court and prison, and of what each source would see, run many times to give fan charts of what scenarios would do.',
    assumptions: ['The mechanisms and their parameters (docs/model.md) describe the real system well enough.'],
    code: 'src/sim/',
  },
  {
    id: 'calibration',
    name: 'Fitting the model to the figures (calibration)',
    status: 'in use',
    plain:
      "The simulation is run many times with different parameter values; the values whose simulated courts, NGO and surrender programme record about what the real ones recorded are kept (approximate Bayesian computation, in rounds that tighten the tolerance). What those runs say about the unrecorded part is the estimate, with 50% and 95% intervals, and each figure is checked against what the fitted model predicts. The overview's estimate is how many soldiers went AWOL at least once since the invasion, recorded or not: the median of the kept runs at the last month, with the range that holds the middle 50% and 95% of them, scaled from the simulated soldiers to the force size set in the calibration. It is bundled in data/estimates.json with the settings, the figures it was fitted to and the fit's warnings (made by darkfigure calibrate and scripts/bundle-estimate.ts).",
    assumptions: [
      'The model can reproduce the figures for the right reasons (its mechanisms are the real ones).',
      'The figures used as targets count what the model statistic counts.',
      'A small fit (few simulations) gives intervals close to the prior.',
      'The force the totals are scaled to is itself an uncertain estimate; a larger force scales the totals up.',
    ],
    code: 'src/calibrate/',
  },
];

/** The views of the observatory and whether they exist yet. */
export const VIEWS = [
  { id: 'overview', name: 'Overview', status: 'ready' },
  { id: 'series', name: 'Series explorer', status: 'ready' },
  { id: 'methods', name: 'Methods and sources', status: 'ready' },
  { id: 'court', name: 'Court records (with nowcast)', status: 'ready' },
  { id: 'mse', name: 'Capture–recapture (methods compared, diagnostics)', status: 'ready' },
  { id: 'scenarios', name: 'Scenarios (fan charts, flows, share deserted)', status: 'ready' },
  { id: 'calibration', name: 'Calibration (the model fitted to the figures; unseen totals)', status: 'ready' },
] as const;

/** Beside the overview's estimate: what kind of figure it is. */
export const ESTIMATE_SHORT =
  'A model-based estimate, not a count: the desertion model is fitted to the published court, NGO and surrender figures, and what the fitted runs say about everyone who went AWOL, recorded or not, is the estimate, with its 50% and 95% intervals.';

/** Where no estimate is bundled (data/estimates.json missing). */
export const ESTIMATE_PENDING =
  'No estimate bundled. The estimate of the whole comes from the desertion model fitted to the published figures (darkfigure calibrate, then scripts/bundle-estimate.ts writes data/estimates.json); without it the observatory shows only what is recorded, and no estimated figure is invented.';
