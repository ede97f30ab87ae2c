import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BadInputError } from '../domain/index.ts';

// Scenario files: bundled ones in scenarios/ by name, or any JSON file by path (the CLI's and the server's).
export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export function bundledScenarioNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => basename(f, '.json'))
    .sort();
}

/** Read a scenario by bundled name or file path; returns the parsed JSON and the file it came from. */
export function readScenario(nameOrFile: string): { json: unknown; file: string } {
  const byName = resolve(SCENARIO_DIR, `${nameOrFile}.json`);
  const file = /^[a-z0-9-]+$/.test(nameOrFile) && existsSync(byName) ? byName : resolve(nameOrFile);
  if (!existsSync(file)) {
    throw new BadInputError([
      { file: nameOrFile, line: 0, message: `no such scenario; bundled ones: ${bundledScenarioNames().join(', ')}` },
    ]);
  }
  const text = readFileSync(file, 'utf8');
  try {
    return { json: JSON.parse(text), file };
  } catch (err) {
    throw new BadInputError([
      { file, line: 0, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` },
    ]);
  }
}
