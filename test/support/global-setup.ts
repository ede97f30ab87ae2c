// Probe PostgreSQL, Redis and Chromium once per run. Without CI, a missing service skips its tests
// with one line saying how to start it; with CI=true every service is required: its tests run anyway
// and fail, so the closing "N passed, N failed" line counts them.
import type { TestProject } from 'vitest/node';
import { HOW_TO_START, probe, type ServiceName } from './services.ts';

export default async function setup(project: TestProject): Promise<void> {
  const names: ServiceName[] = ['postgres', 'redis', 'chromium'];
  const up = await Promise.all(names.map((n) => probe(n)));
  const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
  const status = {} as Record<ServiceName, boolean>;
  names.forEach((n, i) => {
    status[n] = up[i] || ci;
    if (up[i]) return;
    process.stdout.write(
      ci
        ? `CI=true: the ${n} tests are required and will fail: ${HOW_TO_START[n]}\n`
        : `skipping the ${n} tests: ${HOW_TO_START[n]}\n`,
    );
  });
  project.provide('services', status);
}
