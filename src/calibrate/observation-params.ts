import { dayNumber } from '../domain/index.ts';

/**
 * Parameters of the observation layer, not of the agent model: how many real soldiers the agents stand
 * for over time, and how well a leaked unit list was matched to other records. They act on the
 * statistics a run reports, never on the run itself, so one simulation serves every value of them.
 */
export interface ObservationParamSpec {
  min: number;
  max: number;
  unit: string;
  description: string;
}

export const OBSERVATION_PARAMS: Record<string, ObservationParamSpec> = {
  'obs.force2023': {
    min: 50_000,
    max: 2_000_000,
    unit: 'soldiers',
    description: 'the force in theatre the agent slots stand for in mid-2023 (docs/model.md §1)',
  },
  'obs.forceGrowth': {
    min: 0,
    max: 2,
    unit: 'share per year',
    description: 'growth of the force in theatre per year after 2023-07-01, linear in time',
  },
  'obs.matchRecall': {
    min: 0.05,
    max: 1,
    unit: 'share',
    description:
      'share of the men on a leaked unit list that a name-and-birth-date match finds in another register, when they are there',
  },
};

export const isObservationParam = (name: string): boolean => name in OBSERVATION_PARAMS;

export function checkObservationParam(name: string, value: unknown): string | null {
  const s = OBSERVATION_PARAMS[name];
  if (!s) return `unknown observation parameter "${name}" (known: ${Object.keys(OBSERVATION_PARAMS).join(', ')})`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `parameter "${name}" must be a finite number`;
  if (value < s.min || value > s.max)
    return `parameter "${name}" = ${value} is outside its range [${s.min}, ${s.max}] (${s.unit})`;
  return null;
}

/** A proposal split into the agent model's parameters and the observation layer's. */
export function splitTheta(theta: Record<string, number>): {
  model: Record<string, number>;
  obs: Record<string, number>;
} {
  const model: Record<string, number> = {};
  const obs: Record<string, number> = {};
  for (const [k, v] of Object.entries(theta)) (isObservationParam(k) ? obs : model)[k] = v;
  return { model, obs };
}

const GROWTH_FROM = dayNumber('2023-07-01');
const YEAR = 365.25;

/**
 * Soldiers one agent stands for on each day of a run: the force (fixed `force`, or `obs.force2023`
 * growing by `obs.forceGrowth` a year after mid-2023) over the agent slots. Flows are scaled day by
 * day, so a cumulative total weights each period by the force of its time.
 */
export function perAgentByDay(
  start: string,
  days: number,
  agents: number,
  force: number,
  obs: Record<string, number> = {},
): Float64Array {
  const base = obs['obs.force2023'] ?? force;
  const g = obs['obs.forceGrowth'] ?? 0;
  const s0 = dayNumber(start);
  const out = new Float64Array(days);
  for (let i = 0; i < days; i++) out[i] = (base * (1 + (g * Math.max(0, s0 + i - GROWTH_FROM)) / YEAR)) / agents;
  return out;
}
