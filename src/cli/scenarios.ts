import type { Command } from 'commander';
import { bundledScenarioNames, readScenario } from './scenario-files.ts';
import { ScenarioFile } from '../sim/scenario.ts';

export function register(program: Command): void {
  program
    .command('scenarios')
    .description('list the bundled simulation scenarios with a one-line description each')
    .option('--json', 'print the list as JSON')
    .action((opts: { json?: boolean }) => {
      const rows = bundledScenarioNames().map((name) => {
        const { json } = readScenario(name);
        const parsed = ScenarioFile.safeParse(json);
        return { name, description: parsed.success ? parsed.data.description : '(invalid scenario file)' };
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        const w = Math.max(...rows.map((r) => r.name.length));
        for (const r of rows) process.stdout.write(`${r.name.padEnd(w)}  ${r.description}\n`);
      }
    });
}
