import type { Command } from 'commander';
import { BadInputError } from '../domain/index.ts';
import { withStore } from './store-context.ts';
import { formatTable } from './table.ts';

function formatValue(o: { value: number; qualifier: string; low?: number; high?: number }): string {
  const q = o.qualifier === '=' ? '' : o.qualifier;
  const range = o.low !== undefined || o.high !== undefined ? ` [${o.low ?? ''}–${o.high ?? ''}]` : '';
  return `${q}${o.value.toLocaleString('en-US')}${range}`;
}

export function register(program: Command): void {
  program
    .command('series')
    .description('list the series in the store, or one series with its observations and citations')
    .argument('[id]', 'series id, e.g. court.cases_received')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, opts: { json?: boolean }) => {
      await withStore(async (store) => {
        if (!id) {
          const all = await store.listSeries();
          if (opts.json) return void process.stdout.write(`${JSON.stringify({ series: all }, null, 2)}\n`);
          process.stdout.write(
            `${formatTable(
              ['id', 'unit', 'rows', 'first', 'last', 'title'],
              all.map((s) => [s.id, s.unit, s.observations, s.first ?? '', s.last ?? '', s.title]),
            )}\n`,
          );
          return;
        }
        const series = await store.series(id);
        if (!series)
          throw new BadInputError([
            { file: 'argument', line: 0, field: 'id', message: `unknown series "${id}" (see \`darkfigure series\`)` },
          ]);
        const observations = await store.observations({ seriesId: id });
        const sources = new Map((await store.sources()).map((s) => [s.id, s]));
        if (opts.json) {
          const used = [...new Set(observations.map((o) => o.sourceId))].map((s) => sources.get(s));
          return void process.stdout.write(`${JSON.stringify({ series, observations, sources: used }, null, 2)}\n`);
        }
        process.stdout.write(
          `${series.title} (${series.id})\nunit: ${series.unit}\ncounts: ${series.counts}\nexcludes: ${series.excludes}\n\n`,
        );
        const rows = observations.map((o) => {
          const s = sources.get(o.sourceId);
          const cite = s
            ? `${s.organisation}${s.outlet ? ` via ${s.outlet}` : ''}${s.published ? `, ${s.published}` : ''} [${s.confidence}]`
            : o.sourceId;
          return [
            o.periodStart ? `${o.periodStart}..${o.periodEnd}` : o.periodEnd,
            o.valueKind,
            formatValue(o),
            o.scope,
            cite,
            s?.url ?? '',
          ];
        });
        process.stdout.write(`${formatTable(['period', 'kind', 'value', 'scope', 'source', 'url'], rows)}\n`);
      });
    });
}
