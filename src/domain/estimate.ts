/**
 * Every estimate carries its interval and what produced it, so a figure can be traced back
 * to data and code. Estimators in mse/, nowcast/, calibrate/ return this shape (or extend it).
 */
export interface Estimate {
  method: string;
  estimate: number;
  /** [low, high] at `level` (0.95 unless stated). */
  interval: [number, number];
  level: number;
  /** The settings the method ran with (seed, priors, model terms...). */
  settings: Record<string, unknown>;
  /** A description of the inputs (counts, lists, file names), enough to reproduce. */
  inputs: Record<string, unknown>;
  diagnostics: Record<string, unknown>;
  warnings: string[];
}
