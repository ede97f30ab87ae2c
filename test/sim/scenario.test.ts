import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolveScenario } from '../../src/sim/scenario.ts';
import { BadInputError } from '../../src/domain/errors.ts';

const dir = new URL('../../scenarios/', import.meta.url);
const S = '2022-02-24';
const E = '2025-12-31';

function errorOf(json: unknown): BadInputError {
  try {
    resolveScenario(json, 'x.json', S, E);
  } catch (e) {
    if (e instanceof BadInputError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('scenarios', () => {
  it('the bundled scenarios are valid and include the nine of docs/model.md §8', () => {
    const names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace('.json', ''));
    for (const n of [
      'baseline',
      'rotation',
      'leave-normal',
      'border-closed',
      'eu-asylum',
      'surveillance-up',
      'new-mobilisation',
      'offensive',
      'sympathy-up',
    ])
      expect(names).toContain(n);
    for (const n of names) {
      const sc = resolveScenario(JSON.parse(readFileSync(new URL(`${n}.json`, dir), 'utf8')), `${n}.json`, S, E);
      expect(sc.name).toBe(n);
    }
  });

  it('rejects an unknown parameter, naming it and its family', () => {
    const e = errorOf({ name: 'x', description: 'x', params: { 'rotation.intervalDayz': 3 } });
    expect(e.message).toContain('x.json');
    expect(e.message).toContain('unknown parameter "rotation.intervalDayz"');
    expect(e.message).toContain('rotation.intervalDays');
  });

  it('rejects a value outside its range, with the range and unit', () => {
    const e = errorOf({
      name: 'x',
      description: 'x',
      interventions: [{ date: '2023-01-01', params: { 'courts.suspendedShare': 1.5 } }],
    });
    expect(e.issues[0]!.field).toBe('interventions.0.params.courts.suspendedShare');
    expect(e.message).toMatch(/outside its range \[0, 1\]/);
  });

  it('rejects a date outside the run and a malformed date', () => {
    expect(
      errorOf({ name: 'x', description: 'x', interventions: [{ date: '2026-03-01', params: {} }] }).message,
    ).toMatch(/outside the run 2022-02-24 to 2025-12-31/);
    expect(
      errorOf({ name: 'x', description: 'x', interventions: [{ date: '2023-02-30', params: {} }] }).message,
    ).toMatch(/YYYY-MM-DD/);
  });

  it('rejects unknown top-level fields and reports every problem at once', () => {
    const e = errorOf({
      name: 'x',
      description: 'x',
      params: { 'a.b': 1, 'rotation.intervalDays': 2.5 },
      interventions: [{ date: '2030-01-01', params: {} }],
    });
    expect(e.issues.length).toBe(3);
    expect(errorOf({ name: 'x', description: 'x', extra: 1 }).message).toMatch(/extra/);
  });
});
