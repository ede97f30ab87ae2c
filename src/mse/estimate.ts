// The report object of every MSE method: the shared Estimate plus the model it used.
import type { Estimate } from '../domain/index.ts';

export interface MseEstimate extends Estimate {
  /** The model behind the figure ("[12,3]", "K=10 latent classes", "averaged over 8 graphs"). */
  model: string;
}

/** The estimate is not defined for this table under this method (e.g. no overlap between two lists). */
export class EstimateUndefinedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EstimateUndefinedError';
  }
}
