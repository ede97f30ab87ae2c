import { z } from 'zod';
import { isoDate, dayNumber, BadInputError, type InputIssue } from '../domain/index.ts';
import { PARAMS, checkParam, defaultParams, type ParamPatch, type Params } from './params.ts';

// A scenario is a named parameter patch plus dated interventions (docs/model.md §8).
export const ScenarioFile = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case name of letters, digits and dashes'),
  description: z.string().min(1),
  params: z.record(z.string(), z.number()).default({}),
  interventions: z
    .array(z.strictObject({ date: isoDate, params: z.record(z.string(), z.number()), note: z.string().optional() }))
    .default([]),
});
export type ScenarioFile = z.infer<typeof ScenarioFile>;

export interface ParamChange {
  day: number; // epoch day number
  date: string;
  params: ParamPatch;
}

/** A validated scenario ready to run: the full starting parameter set and the dated changes in order. */
export interface ResolvedScenario {
  name: string;
  description: string;
  base: Params;
  changes: ParamChange[];
}

/**
 * Validate a scenario against the parameter table and the run's dates. Every problem is reported at
 * once, naming the file and the field, before anything runs.
 */
export function resolveScenario(json: unknown, file: string, start: string, end: string): ResolvedScenario {
  const parsed = ScenarioFile.safeParse(json);
  if (!parsed.success) {
    throw new BadInputError(
      parsed.error.issues.map((i) => ({ file, line: 0, field: i.path.join('.') || undefined, message: i.message })),
    );
  }
  const sc = parsed.data;
  const issues: InputIssue[] = [];
  for (const [k, v] of Object.entries(sc.params)) {
    const e = checkParam(k, v);
    if (e) issues.push({ file, line: 0, field: `params.${k}`, message: e });
  }
  const s = dayNumber(start);
  const e = dayNumber(end);
  sc.interventions.forEach((iv, i) => {
    const d = dayNumber(iv.date);
    if (d < s || d > e)
      issues.push({
        file,
        line: 0,
        field: `interventions.${i}.date`,
        message: `date ${iv.date} is outside the run ${start} to ${end}`,
      });
    for (const [k, v] of Object.entries(iv.params)) {
      const err = checkParam(k, v);
      if (err) issues.push({ file, line: 0, field: `interventions.${i}.params.${k}`, message: err });
    }
  });
  if (issues.length) throw new BadInputError(issues);
  // Every key was checked above, so the patches are keyed by known parameters.
  const base: Params = { ...defaultParams(), ...(sc.params as ParamPatch) };
  const changes = sc.interventions
    .map((iv) => ({ day: dayNumber(iv.date), date: iv.date, params: iv.params as ParamPatch }))
    .sort((a, b) => a.day - b.day);
  return { name: sc.name, description: sc.description, base, changes };
}

/** The baseline: defaults, no interventions. */
export function baselineScenario(): ResolvedScenario {
  return { name: 'baseline', description: 'defaults', base: defaultParams(), changes: [] };
}

export { PARAMS };
