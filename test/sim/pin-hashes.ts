// Hashes of whole simulation outputs for every bundled scenario, pinned so that a refactor of the engine
// can prove it changed nothing: `npx tsx test/sim/pin-hashes.ts --write` records them (on the code whose
// output is the reference); test/sim/scenario-hashes.test.ts recomputes and compares.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulate, type SimResult } from '../../src/sim/engine.ts';
import { resolveScenario } from '../../src/sim/scenario.ts';
import { listEntries } from '../../src/sim/observe.ts';
import { buildIndividualLists } from '../../src/sim/identity/index.ts';

export const HASH_FILE = fileURLToPath(new URL('./scenario-hashes.json', import.meta.url));
export const START = '2022-02-24';
export const END = '2025-12-31';
export const AGENTS = 2000;
export const SEEDS = [1, 20260415, 0xdeadbeef] as const;

// Read the bundled files directly (as test/sim/scenario.test.ts does), through the same validation as the CLI.
const DIR = new URL('../../scenarios/', import.meta.url);

export function bundledScenarioNames(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Every output of a run in a fixed order: series by their names' order, typed arrays as bytes. */
function canonical(r: SimResult, lists: boolean): string {
  const parts: string[] = [
    JSON.stringify([r.seed, r.scenario, r.start, r.days, r.agents, r.units, r.unitSize, r.persons]),
  ];
  for (const k of Object.keys(r.flows).sort())
    parts.push(k, Buffer.from(r.flows[k as keyof typeof r.flows].buffer).toString('base64'));
  for (const k of Object.keys(r.stocks).sort())
    parts.push(k, Buffer.from(r.stocks[k as keyof typeof r.stocks].buffer).toString('base64'));
  parts.push(
    Buffer.from(r.unitEverAwol.buffer).toString('base64'),
    Buffer.from(r.unitPersons.buffer).toString('base64'),
  );
  parts.push(JSON.stringify(r.cases), JSON.stringify(r.events));
  const entries = listEntries(r);
  parts.push(JSON.stringify(entries));
  // The identity layer (names, damage) only for the first seed: it is slower and seed-independent in kind.
  if (lists) parts.push(JSON.stringify(buildIndividualLists(r.seed, entries)));
  return parts.join('\n');
}

export function scenarioHash(name: string, seed: number): string {
  const file = `${name}.json`;
  const scenario = resolveScenario(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')), file, START, END);
  const r = simulate({ seed, agents: AGENTS, start: START, end: END, scenario, keepEvents: true });
  return createHash('sha256')
    .update(canonical(r, seed === SEEDS[0]))
    .digest('hex');
}

export function allHashes(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const name of bundledScenarioNames()) {
    out[name] = {};
    for (const seed of SEEDS) out[name][String(seed)] = scenarioHash(name, seed);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const h = allHashes();
  if (process.argv.includes('--write')) writeFileSync(HASH_FILE, `${JSON.stringify(h, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(h, null, 2)}\n`);
}
