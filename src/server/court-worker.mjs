// Worker-thread entry for the court view's nowcasts (piscina): the Bayesian nowcast takes seconds, off the event loop.
import { register } from 'tsx/esm/api';

register();
const { runCourtTask } = await import('./court-task.ts');

export default function run(task) {
  return runCourtTask(task);
}
