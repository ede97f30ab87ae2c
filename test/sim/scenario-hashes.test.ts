import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bundledScenarioNames, HASH_FILE, SEEDS, scenarioHash } from './pin-hashes.ts';

// Byte-identity of the whole output (series, cases, events, list entries, identity lists) for every
// bundled scenario and three seeds, against hashes recorded on commit d74a4f5 (before the engine was
// split into mechanism modules). A change here means the model's output changed: regenerate the
// fixture only for a deliberate model change (npx tsx test/sim/pin-hashes.ts --write).
const pinned = JSON.parse(readFileSync(HASH_FILE, 'utf8')) as Record<string, Record<string, string>>;

describe('scenario output hashes', () => {
  it('covers every bundled scenario', () => {
    expect(Object.keys(pinned).sort()).toEqual(bundledScenarioNames());
  });
  for (const name of bundledScenarioNames()) {
    it(`${name}: same seed, same bytes`, () => {
      for (const seed of SEEDS)
        expect(`${seed}:${scenarioHash(name, seed)}`).toBe(`${seed}:${pinned[name]?.[String(seed)]}`);
    });
  }
});
