import { z } from 'zod';
import { isoDate, BadInputError, type InputIssue } from '../domain/index.ts';
import { checkParam } from '../sim/index.ts';
import { checkObservationParam, isObservationParam } from './observation-params.ts';
import { summaryNameProblem } from './summary-names.ts';
import { TargetSpec } from './targets.ts';

export const PriorSpec = z.strictObject({
  name: z.string().min(1),
  low: z.number(),
  high: z.number(),
  scale: z.enum(['linear', 'log']).default('linear'),
  /** Where the range comes from: evidence other than the targets (docs/model.md, figure ids, sources). */
  evidence: z.string().min(1).optional(),
});

export const RunSpec = z.strictObject({
  agents: z.number().int().min(1000),
  force: z.number().positive(),
  start: isoDate,
  end: isoDate,
  populationSize: z.number().int().min(10),
  budget: z.number().int().min(10),
  seed: z.number().int().min(0),
  maxGenerations: z.number().int().min(1).optional(),
  /** Stop when a generation lowers the tolerance by less than this share (see abc-smc.ts). */
  minEpsilonDrop: z.number().min(0).max(1).optional(),
});

export const CalibrationConfig = z.strictObject({
  description: z.string().optional(),
  run: RunSpec,
  priors: z.array(PriorSpec).min(1),
  targets: z.array(TargetSpec).min(1),
  /** Published figures that bear on the total but that the model has no statistic for, each with why (shown with the checks). */
  notModelled: z.array(z.strictObject({ observation: z.string().min(1), reason: z.string().min(1) })).optional(),
});
export type CalibrationConfig = z.infer<typeof CalibrationConfig>;

/** Validate a calibration file: schema, parameter names and ranges, statistic names. Every problem at once. */
export function parseCalibrationConfig(file: string, json: unknown): CalibrationConfig {
  const r = CalibrationConfig.safeParse(json);
  if (!r.success)
    throw new BadInputError(
      r.error.issues.map((i) => ({ file, line: 0, field: i.path.join('.'), message: i.message })),
    );
  const cfg = r.data;
  const issues: InputIssue[] = [];
  cfg.priors.forEach((p, i) => {
    for (const v of [p.low, p.high]) {
      const e = isObservationParam(p.name) ? checkObservationParam(p.name, v) : checkParam(p.name, v);
      if (e) issues.push({ file, line: 0, field: `priors.${i}`, message: e });
    }
    if (!(p.low < p.high))
      issues.push({ file, line: 0, field: `priors.${i}`, message: `low (${p.low}) must be below high (${p.high})` });
    if (p.scale === 'log' && !(p.low > 0))
      issues.push({ file, line: 0, field: `priors.${i}.low`, message: 'a log-scale prior needs low > 0' });
  });
  cfg.targets.forEach((t, i) => {
    const e = summaryNameProblem(t.summary, cfg.run.start, cfg.run.end);
    if (e) issues.push({ file, line: 0, field: `targets.${i}.summary`, message: e });
  });
  if (cfg.run.start >= cfg.run.end)
    issues.push({ file, line: 0, field: 'run.end', message: 'the run must end after it starts' });
  if (issues.length) throw new BadInputError(issues);
  return cfg;
}
