// Worker-thread entry for chart rendering (piscina). Registering tsx here, rather than starting the
// worker with execArgv ['--import', 'tsx'], keeps the TypeScript code at full speed in the thread.
import { register } from 'tsx/esm/api';

register();
const { renderChart } = await import('./render-task.ts');

export default function render(task) {
  return renderChart(task);
}
