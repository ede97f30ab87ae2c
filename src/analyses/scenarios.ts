import { z } from 'zod';
import { bundledScenarioNames, readScenario } from './scenario-files.ts';

export const ScenarioInfo = z.object({ name: z.string(), description: z.string() });
export type ScenarioInfo = z.infer<typeof ScenarioInfo>;

/** What `GET /api/scenarios` and `darkfigure scenarios --json` answer. */
export const ScenarioListResult = z.object({ scenarios: z.array(ScenarioInfo) });
export type ScenarioListResult = z.infer<typeof ScenarioListResult>;

/** The bundled scenarios with their one-line descriptions (read once: they ship with the code). */
let cached: ScenarioInfo[] | undefined;
export function scenarioList(): ScenarioInfo[] {
  cached ??= bundledScenarioNames().map((name) => {
    const { json } = readScenario(name);
    const d = (json as { description?: unknown }).description;
    return { name, description: typeof d === 'string' ? d : '' };
  });
  return cached;
}

export function runScenarioList(): ScenarioListResult {
  return { scenarios: scenarioList() };
}
