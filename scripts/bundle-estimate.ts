/**
 * Make data/estimates.json from a calibration's posterior.json:
 *
 *   npx tsx scripts/bundle-estimate.ts DIR/posterior.json [--out data/estimates.json] [--calibrate-command "darkfigure calibrate ..."]
 *
 * Deterministic: the same posterior (and arguments) give the same bytes. The calibration command is
 * recorded as given, or rebuilt from the run settings and the config.json written beside the posterior.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import type { CalibrationResult } from '../src/calibrate/run.ts';
import { parseCalibrationConfig } from '../src/calibrate/config.ts';
import { bundleEstimates } from '../src/report/estimate-bundle.ts';
import { ESTIMATES_FILE } from '../src/report/estimate-file.ts';
import { formatNumber } from '../src/report/text.ts';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const DEFAULT_CONFIG = join(ROOT, 'calibration/default.json');

/** The calibrate command that reproduces the run: the bundled config when the run used it, else the saved copy. */
function calibrateCommand(posterior: string, r: CalibrationResult): string {
  const saved = join(dirname(posterior), 'config.json');
  let targets = `${dirname(posterior)}/config.json`;
  if (existsSync(saved)) {
    const used = JSON.parse(readFileSync(saved, 'utf8')) as { priors: unknown; targets: unknown };
    const bundled = parseCalibrationConfig(DEFAULT_CONFIG, JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')));
    if (isDeepStrictEqual(used.priors, bundled.priors) && isDeepStrictEqual(used.targets, bundled.targets)) targets = 'calibration/default.json';
  }
  const s = r.settings;
  return `darkfigure calibrate --targets ${targets} --budget ${s.budget} --population ${s.populationSize} --agents ${s.agents} --seed ${s.seed} --out ${dirname(posterior)}`;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, 'calibrate-command': { type: 'string' } } });
if (positionals.length !== 1) {
  process.stderr.write('usage: npx tsx scripts/bundle-estimate.ts DIR/posterior.json [--out FILE] [--calibrate-command CMD]\n');
  process.exit(2);
}
const posterior = positionals[0];
const result = JSON.parse(readFileSync(posterior, 'utf8')) as CalibrationResult;
const out = values.out ?? ESTIMATES_FILE;
const bundle = `npx tsx scripts/bundle-estimate.ts ${posterior}${values.out ? ` --out ${values.out}` : ''}`;
const est = bundleEstimates(result, { calibrate: values['calibrate-command'] ?? calibrateCommand(posterior, result), bundle });
writeFileSync(out, `${JSON.stringify(est, null, 2)}\n`);
const h = est.headline;
process.stdout.write(
  `wrote ${relative(process.cwd(), out) || out}: ${est.series[h.series].label} by ${h.month}: median ${formatNumber(h.median)}, 50% ${formatNumber(h.lo50)}–${formatNumber(h.hi50)}, 95% ${formatNumber(h.lo95)}–${formatNumber(h.hi95)}; ${est.inputs.targets.length} targets, ${est.fit.generations} generation(s), ${est.warnings.length} warning(s)\n`,
);
