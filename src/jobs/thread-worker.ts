import { runHandler } from './handlers/index.ts';

// Piscina calls the default export in a worker thread with each task.
export default function run(task: { kind: string; payload: unknown }): Promise<unknown> {
  return runHandler(task.kind, task.payload);
}
