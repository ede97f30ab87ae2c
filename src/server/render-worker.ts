import { renderChart, type RenderTask } from './render-task.ts';

// Piscina calls the default export on a worker thread with each task.
export default function render(task: RenderTask): string | Uint8Array {
  return renderChart(task);
}
