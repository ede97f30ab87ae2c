import { runTask, type RunTask } from '../../sim/index.ts';
import type { JobHandler } from '../types.ts';

/** One ensemble member: a full simulation reduced to its run summary. */
export const ensembleRun: JobHandler = (payload) => runTask(payload as RunTask);
