// Worker-thread entry for the ensemble pool (piscina): one task = one run.
// A plain JS entry that registers tsx itself: measured several times faster than starting the
// worker with execArgv ['--import', 'tsx'] (see the closing note of the sim issue).
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./task.ts');

export default function (task) {
  return runTask(task);
}
