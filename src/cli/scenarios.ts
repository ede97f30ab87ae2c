import type { Command } from 'commander';
import { runScenarioList } from '../analyses/index.ts';

export function register(program: Command): void {
  program
    .command('scenarios')
    .description('list the bundled simulation scenarios with a one-line description each')
    .option('--json', 'print the list as JSON, as GET /api/scenarios answers it')
    .action((opts: { json?: boolean }) => {
      const out = runScenarioList();
      if (opts.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      else {
        const w = Math.max(...out.scenarios.map((r) => r.name.length));
        for (const r of out.scenarios) process.stdout.write(`${r.name.padEnd(w)}  ${r.description}\n`);
      }
    });
}
