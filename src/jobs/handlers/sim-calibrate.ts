import { checkObservationParam, splitTheta, calibrationOutput } from '../../calibrate/index.ts';
import { simulate, checkParam, defaultParams } from '../../sim/index.ts';
import type { JobHandler } from '../types.ts';

export interface SimCalibratePayload {
  /**
   * Parameter values to try (names from the model's parameter table, or `obs.*` observation-layer
   * parameters); the rest stay at their defaults.
   */
  theta: Record<string, number>;
  seed: number;
  agents: number;
  start: string;
  end: string;
  /** The real force the agents stand for. */
  force: number;
  /** Summary statistics to report (see src/calibrate/summaries.ts). */
  summaries: string[];
}

/** One calibration simulation: returns only summaries and monthly unseen totals, never trajectories. */
export const simCalibrate: JobHandler = (payload) => {
  const p = payload as SimCalibratePayload;
  const { model, obs } = splitTheta(p.theta);
  const problems = [
    ...Object.entries(model).map(([k, v]) => checkParam(k, v)),
    ...Object.entries(obs).map(([k, v]) => checkObservationParam(k, v)),
  ].filter(Boolean);
  if (problems.length) throw new Error(problems.join('; '));
  const keepEvents = p.summaries.some((s) => s.startsWith('unitList'));
  const r = simulate({
    seed: p.seed,
    agents: p.agents,
    start: p.start,
    end: p.end,
    keepEvents,
    scenario: {
      name: 'calibration',
      description: 'calibration proposal',
      base: { ...defaultParams(), ...model },
      changes: [],
    },
  });
  return calibrationOutput(r, p.summaries, p.force, obs);
};
