import { simulate, type SimResult } from '../../src/sim/engine.ts';
import { resolveScenario } from '../../src/sim/scenario.ts';

// Small worlds for tests: a few thousand soldiers over a year or two.
export const START = '2022-02-24';

export function run(
  patch: Record<string, number> = {},
  o: {
    agents?: number;
    end?: string;
    seed?: number;
    keepEvents?: boolean;
    interventions?: Array<{ date: string; params: Record<string, number> }>;
  } = {},
): SimResult {
  const end = o.end ?? '2023-06-30';
  const scenario = resolveScenario(
    { name: 'test', description: 'test', params: patch, interventions: o.interventions ?? [] },
    'test',
    START,
    end,
  );
  return simulate({
    seed: o.seed ?? 7,
    agents: o.agents ?? 6000,
    start: START,
    end,
    scenario,
    keepEvents: o.keepEvents,
  });
}

export function total(a: Int32Array, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s;
}

/** Bytes of every series of a run, for bit-identity checks. */
export function fingerprint(r: SimResult): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(r.flows)) parts.push(k, Buffer.from(v.buffer).toString('base64'));
  for (const [k, v] of Object.entries(r.stocks)) parts.push(k, Buffer.from(v.buffer).toString('base64'));
  parts.push(JSON.stringify(r.cases));
  return parts.join('|');
}
