/** One model parameter: its default, plausible range, unit and where it comes from in docs/model.md. */
export interface ParamSpec {
  default: number;
  min: number;
  max: number;
  unit: string;
  /**
   * What the value rests on: sections of docs/model.md ("docs/model.md §4"), figure ids of
   * data/figures.json (S21, M19) and source ids of data/sources.json (mt-2023-12-05).
   */
  source: string;
  description: string;
  /** Whole numbers only (days, sizes). */
  integer?: boolean;
}

export type ParamSpecs = Record<string, ParamSpec>;

export function p(
  def: number,
  min: number,
  max: number,
  unit: string,
  source: string,
  description: string,
  integer = false,
): ParamSpec {
  return { default: def, min, max, unit, source, description, integer };
}
