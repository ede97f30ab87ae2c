import type { MseOutcome, MseRequest } from '../analyses/index.ts';
import { TaskPool } from './task-pool.ts';

export type { MseOutcome };

/** Capture–recapture requests on one worker thread (started on first use), so the server keeps answering. */
export class MsePool extends TaskPool<MseRequest, MseOutcome> {
  constructor() {
    super('mse.estimate');
  }
}
