import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  type ContentSpec,
  isReportView,
  REPORT_VIEWS,
  type ReportView,
  ReportViewError,
  type ReportViewSources,
  reportViewJson,
  reportViewSpec,
} from '../../analyses/index.ts';
import type { CalibrationJobState } from '../calibration-jobs.ts';
import type { SimJobState } from '../sim-jobs.ts';
import { PoolBusyError } from '../task-pool.ts';
import { COURT_QUERY_ERROR, CourtQuery } from './court.ts';
import type { RouteDeps } from './deps.ts';
import { zodQuery } from './validate.ts';

const SizeQuery = z.object({
  width: z.coerce.number().int().min(200).max(4000).default(960),
  height: z.coerce.number().int().min(200).max(4000).default(480),
});

type Spec = { spec: ContentSpec; key: string; name: string } | { error: string; status: 400 | 404 | 409 };

/**
 * /api/chart/<view>.svg|png|csv, /api/report/<view>.html|pdf and /api/view/<view>: a view's chart rendered
 * on the server (on the render thread) from the page's own options, its data as CSV or JSON, or its report.
 */
export function exportRoutes(
  deps: Pick<
    RouteDeps,
    'viewData' | 'courtView' | 'mseResults' | 'simJobs' | 'calibrationJobs' | 'cache' | 'renderer' | 'pdf'
  >,
): Hono {
  const { viewData, courtView, mseResults, simJobs, calibrationJobs, cache, renderer, pdf } = deps;

  /** Where the report-view analysis finds this request's inputs: the published figures and court view, a finished job or result by id. */
  const sources = (c: Context): ReportViewSources => ({
    viewData,
    court: courtView,
    computed: async (view) => {
      const id = view === 'mse' ? c.req.query('result') : c.req.query('job');
      if (!id)
        throw new ReportViewError(
          `the ${view} view needs ?${view === 'mse' ? 'result' : 'job'}=<id> (from the page, or POST /api/${view === 'mse' ? 'mse' : view === 'scenarios' ? 'sim-jobs' : 'calibration-jobs'})`,
          400,
        );
      if (view === 'mse') {
        const result = mseResults.get(id);
        if (!result) throw new ReportViewError(`unknown result "${id}" (results are kept while the server runs)`, 404);
        return { view, result };
      }
      const job = view === 'scenarios' ? simJobs.get(id) : calibrationJobs.get(id);
      if (!job) throw new ReportViewError(`unknown job "${id}" (jobs are kept while the server runs)`, 404);
      if (job.status !== 'done')
        throw new ReportViewError(`job "${id}" is ${job.status}: exports follow when it is done`, 409);
      return view === 'scenarios'
        ? { view, results: (job as SimJobState).results! }
        : { view, result: (job as CalibrationJobState).result! };
    },
  });

  /** What a view's export is made of, from the query (the report-view analysis), with its cache key and file name. */
  const specFor = async (view: ReportView, c: Context): Promise<Spec> => {
    const m = CourtQuery.safeParse({ method: c.req.query('method') });
    if (view === 'court' && !m.success) return { error: COURT_QUERY_ERROR, status: 400 };
    const method = m.success ? m.data.method : 'bayes';
    const series = c.req.query('series') || undefined;
    let spec: ContentSpec;
    try {
      spec = await reportViewSpec(sources(c), { view, series, method });
    } catch (e) {
      if (e instanceof ReportViewError) return { error: e.message, status: e.status };
      throw e;
    }
    if (view === 'overview' || view === 'series')
      return { spec, key: `${view}/${series ?? ''}`, name: `darkfigure-${view}${series ? `-${series}` : ''}` };
    if (view === 'court') return { spec, key: `court/${method}`, name: `darkfigure-court-${method}` };
    const id = view === 'mse' ? c.req.query('result') : c.req.query('job');
    return { spec, key: `${view}/${id}`, name: `darkfigure-${view}` };
  };

  return (
    new Hono()
      .get(
        '/chart/:file',
        zodQuery(SizeQuery, 'width and height must be whole numbers from 200 to 4000'),
        async (c) => {
          const m = /^([a-z]+)\.(svg|png|csv)$/.exec(c.req.param('file'));
          if (!m || !isReportView(m[1]!))
            return c.json(
              { error: `expected /api/chart/<view>.svg|png|csv with view one of ${REPORT_VIEWS.join(', ')}` },
              404,
            );
          const [, view, format] = m;
          const size = c.req.valid('query');
          if (view === 'series' && !c.req.query('series'))
            return c.json({ error: 'the series view needs ?series=<id>' }, 400);
          const got = await specFor(view, c);
          if ('error' in got) return c.json({ error: got.error }, got.status);
          const chart = c.req.query('chart') || undefined;
          const name = `${got.name}${chart ? `-${chart}` : ''}`;
          let body: string | Uint8Array;
          try {
            // Rendering costs tens of milliseconds: each export is made once per store content and size.
            body = await cache.get(`chart/${got.key}/${chart ?? ''}/${format}/${size.width}x${size.height}`, () =>
              renderer.render({
                spec: got.spec,
                chart,
                format: format as 'svg' | 'png' | 'csv',
                width: size.width,
                height: size.height,
              }),
            );
          } catch (e) {
            if (e instanceof PoolBusyError) throw e;
            // The view has no such chart.
            return c.json({ error: (e as Error).message }, 404);
          }
          if (format === 'csv')
            return c.body(body as string, 200, {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename="${name}.csv"`,
            });
          if (format === 'svg')
            return c.body(body as string, 200, {
              'content-type': 'image/svg+xml',
              'content-disposition': `inline; filename="${name}.svg"`,
            });
          return c.body(new Uint8Array(body as Uint8Array), 200, {
            'content-type': 'image/png',
            'content-disposition': `inline; filename="${name}.png"`,
          });
        },
      )
      // A view's data as JSON (the report-view analysis; `darkfigure report --view-json` prints the same).
      .get('/view/:view', async (c) => {
        const view = c.req.param('view');
        if (!isReportView(view))
          return c.json({ error: `expected /api/view/<view> with view one of ${REPORT_VIEWS.join(', ')}` }, 404);
        const got = await specFor(view, c);
        if ('error' in got) return c.json({ error: got.error }, got.status);
        const chart = c.req.query('chart') || undefined;
        try {
          return c.json(await cache.get(`view/${got.key}/${chart ?? ''}`, () => reportViewJson(got.spec, chart)));
        } catch (e) {
          if (e instanceof ReportViewError) return c.json({ error: e.message }, e.status);
          throw e;
        }
      })
      // A report of a view: self-contained HTML (built on the render thread), or PDF printed by Chromium when it is installed.
      .get('/report/:file', async (c) => {
        const m = /^([a-z]+)\.(html|pdf)$/.exec(c.req.param('file'));
        if (!m || !isReportView(m[1]!))
          return c.json(
            { error: `expected /api/report/<view>.html|pdf with view one of ${REPORT_VIEWS.join(', ')}` },
            404,
          );
        const [, view, format] = m;
        const got = await specFor(view, c);
        if ('error' in got) return c.json({ error: got.error }, got.status);
        const generated = new Date().toISOString().slice(0, 10);
        const html = (await cache.get(`report/${got.key}/${generated}`, () =>
          renderer.render({ spec: got.spec, format: 'html', width: 960, height: 460, generated }),
        )) as string;
        if (format === 'html') return c.html(html);
        try {
          // One shared browser prints every PDF; each report is printed once per store content and day.
          const printed = await cache.get(`pdf/${got.key}/${generated}`, () => pdf.print(html));
          return c.body(new Uint8Array(printed), 200, {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="${got.name}.pdf"`,
          });
        } catch (e) {
          if (e instanceof PoolBusyError) throw e;
          // No Chromium here, or it failed to print.
          return c.json({ error: (e as Error).message }, 503);
        }
      })
  );
}
