import { bundledScenarioNames, readScenario } from '../cli/scenario-files.ts';

export interface ScenarioInfo {
  name: string;
  description: string;
}

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
