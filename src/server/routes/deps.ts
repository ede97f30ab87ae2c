import type { WorkQueue } from '../../jobs/index.ts';
import type { NowcastMethod, ChartRenderer } from '../../analyses/index.ts';
import type { CourtView, ViewData, MseResult } from '../../report/index.ts';
import type { Store } from '../../store/index.ts';
import type { Gate } from '../access.ts';
import type { StoreCache } from '../cache.ts';
import type { CalibrationJobRegistry } from '../calibration-jobs.ts';
import type { MsePool } from '../mse-pool.ts';
import type { PdfPool } from '../pdf-pool.ts';
import type { Recent } from '../recent.ts';
import type { SeriesApi } from '../series-api.ts';
import type { SimJobRegistry } from '../sim-jobs.ts';
import type { suppressObservations } from '../suppress.ts';

/** The figures as published: small counts of imported records withheld, and where. */
export interface Published {
  data: ViewData;
  suppression: ReturnType<typeof suppressObservations>['suppression'];
}

/** What the route modules share, made once by createApp. */
export interface RouteDeps {
  store: Store;
  cache: StoreCache;
  api: SeriesApi;
  gate: Gate;
  queue: WorkQueue;
  simJobs: SimJobRegistry;
  calibrationJobs: CalibrationJobRegistry;
  msePool: MsePool;
  renderer: ChartRenderer;
  pdf: PdfPool;
  /** Capture–recapture results kept by id, so that the page can export them. */
  mseResults: Recent<MseResult>;
  published(): Promise<Published>;
  viewData(): Promise<ViewData>;
  /** The court view by nowcast method, small counts withheld. */
  courtView(method: NowcastMethod): Promise<CourtView>;
}
