import { renderChart, type RenderTask } from '../jobs/index.ts';

export { renderChart, type RenderTask };

/** Where exports are rendered: inline, or on a worker thread so that the server keeps answering meanwhile. */
export interface ChartRenderer {
  render(t: RenderTask): Promise<string | Uint8Array>;
  close(): Promise<void>;
}

export const inlineRenderer: ChartRenderer = {
  render: async (t) => renderChart(t),
  close: async () => undefined,
};
