/** A figure computed from others: its value, the formula in words and symbols, and the inputs it used. */
export interface Derived {
  value: number;
  formula: string;
  inputs: Record<string, number | string>;
}
