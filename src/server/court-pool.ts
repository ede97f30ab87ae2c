import type { CourtTask } from '../analyses/index.ts';
import type { CourtView } from '../report/index.ts';
import { TaskPool } from './task-pool.ts';

/** The court view's nowcasts on one worker thread (started on first use): the Bayesian one takes seconds. */
export class CourtPool extends TaskPool<CourtTask, CourtView> {
  constructor() {
    super('court.nowcast');
  }
}
