// The one worker-thread entry (piscina): each task is { kind, payload }, run by the handler of its kind,
// or { module, export, payload } for a handler of a stage that src/jobs may not import (see pool.ts).
// A plain JS entry that registers tsx itself runs the TypeScript handlers several times faster than a
// worker started with execArgv ['--import', 'tsx']; the compiled build drops the registration.
import { register } from 'tsx/esm/api';

register();
const { runHandler } = await import('./handlers/index.ts');

export default async function (task) {
  if (task.module) return (await import(task.module))[task.export](task.payload);
  return runHandler(task.kind, task.payload);
}
