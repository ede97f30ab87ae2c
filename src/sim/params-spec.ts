/** One model parameter: its default, plausible range, unit and where it comes from in model.md. */
export interface ParamSpec {
  default: number;
  min: number;
  max: number;
  unit: string;
  /** The line of ../shared/design/model.md (or the source article it cites) the value rests on. */
  source: string;
  description: string;
  /** Whole numbers only (days, sizes). */
  integer?: boolean;
}

export type ParamSpecs = Record<string, ParamSpec>;

export function p(
  def: number, min: number, max: number, unit: string, source: string, description: string, integer = false,
): ParamSpec {
  return { default: def, min, max, unit, source, description, integer };
}
