import type { Command } from 'commander';
import { DEFAULT_QUEUE, startQueueWorker } from '../jobs/index.ts';

export function register(program: Command): void {
  program
    .command('worker')
    .description('serve simulation jobs from a Redis queue (run one on each machine that should help)')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .option('--concurrency <n>', 'jobs at once in this process', (v) => Number.parseInt(v, 10), 1)
    .option(
      '--lock-ms <ms>',
      "job lock duration; a dead worker's job is retried after about this long",
      (v) => Number.parseInt(v, 10),
      10_000,
    )
    .option('--quiet', 'do not log each job')
    .action(async (opts: { redis: string; queue: string; concurrency: number; lockMs: number; quiet?: boolean }) => {
      const w = startQueueWorker({
        redis: opts.redis,
        queue: opts.queue,
        concurrency: opts.concurrency,
        lockMs: opts.lockMs,
        onJob: opts.quiet
          ? undefined
          : (e) =>
              process.stderr.write(
                `worker ${process.pid}: ${e.state} ${e.kind} ${e.id}${e.error ? `: ${e.error}` : ''}\n`,
              ),
      });
      await w.worker.waitUntilReady();
      process.stdout.write(`worker ${process.pid} serving queue "${opts.queue}" on ${opts.redis}\n`);
      const stop = async () => {
        await w.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => undefined);
    });
}
