// Worker-thread entry for the job pool (piscina). A plain JS entry that registers tsx itself runs
// the TypeScript handlers several times faster than a worker started with execArgv ['--import', 'tsx'].
import { register } from 'tsx/esm/api';

register();
const { runHandler } = await import('./handlers/index.ts');

export default function (task) {
  return runHandler(task.kind, task.payload);
}
