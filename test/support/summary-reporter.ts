import type { Reporter, TestModule } from 'vitest/node';

// CI reads a plain "N passed, N failed" closing line; vitest's own summary is not in that form.
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      let f = 0;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') f++;
        else skipped++;
      }
      // A module that failed to load has no tests: count it once.
      failed += f || (m.state() === 'failed' ? 1 : 0);
    }
    failed += errors.length;
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
