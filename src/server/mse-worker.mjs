// Worker-thread entry for capture–recapture requests (piscina): LCMCR and DGA take seconds, off the event loop.
import { register } from 'tsx/esm/api';

register();
const { runMseTask } = await import('./mse-task.ts');

export default function run(req) {
  try {
    return { ok: true, result: runMseTask(req) };
  } catch (e) {
    // Errors cross the thread as plain data, keeping whether it was the input's fault.
    return { ok: false, bad: e?.name === 'BadInputError', error: e instanceof Error ? e.message : String(e) };
  }
}
