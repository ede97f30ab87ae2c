// Child process of bench/court.bench.ts: runs the real CLI import in a fresh process and reports its
// own peak RSS, so the figure is the importer's and not the dump generator's.
import { main } from '../src/cli/main.ts';

const t0 = performance.now();
const code = await main(['node', 'darkfigure', ...process.argv.slice(2)]);
const seconds = (performance.now() - t0) / 1000;
const ru = process.resourceUsage();
process.stderr.write(
  `BENCH ${JSON.stringify({ code, seconds, cpuSeconds: (ru.userCPUTime + ru.systemCPUTime) / 1e6, maxRssMb: ru.maxRSS / 1024 })}\n`,
);
process.exitCode = code;
