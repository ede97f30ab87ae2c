import type { CourtView } from '../report/court-chart.ts';
import type { CourtTask } from './court-task.ts';
import { TaskPool } from './task-pool.ts';

/** The court view's nowcasts on one worker thread (started on first use): the Bayesian one takes seconds. */
export class CourtPool extends TaskPool<CourtTask, CourtView> {
  constructor() {
    super(new URL('./court-worker.mjs', import.meta.url));
  }
}
