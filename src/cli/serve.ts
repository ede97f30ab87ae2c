import type { Command } from 'commander';
import { BadInputError } from '../domain/index.ts';
import { startServer } from '../server/index.ts';
import { openStore } from './store-context.ts';

const collect = (v: string, prev: string[]) => [...prev, v];
const positiveInt = (v: string) => Number(v);

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the observatory (dashboard and API); read-only for clients without a token unless --open')
    .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10), Number(process.env.PORT ?? 8080))
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--open',
      'local mode: anyone who can reach the server may start compute without a token; binds 127.0.0.1 only',
    )
    .option(
      '--allowed-host <name>',
      'a Host header to answer besides localhost, 127.0.0.1 and [::1] (name or name:port; repeatable)',
      collect,
      [],
    )
    .option(
      '--min-cell <k>',
      'withhold published counts from records below k, with complementary cells (default 5)',
      positiveInt,
      5,
    )
    .option('--concurrency <n>', "threads' worth of compute at once (default: the core count)", positiveInt)
    .option('--max-queue <n>', 'jobs that may wait for compute; more are refused with 429 (default 8)', positiveInt)
    .option('--body-limit <bytes>', 'largest request body on any route (default 262144)', positiveInt)
    .option(
      '--redis <url>',
      'run linkage-service runs on a Redis queue that `darkfigure worker` processes serve (default: worker threads here)',
    )
    .option('--queue <name>', 'queue name with --redis', 'darkfigure-jobs')
    .action(
      async (opts: {
        port: number;
        host: string;
        open?: boolean;
        allowedHost: string[];
        minCell: number;
        concurrency?: number;
        maxQueue?: number;
        bodyLimit?: number;
        redis?: string;
        queue: string;
      }) => {
        const bad = (field: string, message: string) =>
          new BadInputError([{ file: 'argument', line: 0, field, message }]);
        if (opts.open && opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1')
          throw bad(
            '--host',
            `--open binds 127.0.0.1 only (a server anyone may make compute must not listen on ${opts.host})`,
          );
        for (const [field, v, min] of [
          ['--min-cell', opts.minCell, 1],
          ['--concurrency', opts.concurrency, 1],
          ['--max-queue', opts.maxQueue, 0],
          ['--body-limit', opts.bodyLimit, 1024],
        ] as const)
          if (v !== undefined && (!Number.isInteger(v) || v < min))
            throw bad(field, `must be a whole number of at least ${min}`);
        for (const h of opts.allowedHost)
          if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d+)?$/.test(h))
            throw bad('--allowed-host', `"${h}" is not a host name or name:port`);
        const store = await openStore();
        // Loaded only when asked for: BullMQ and ioredis are not needed to serve.
        const linkageRunner = opts.redis
          ? new (await import('../jobs/queue.ts')).QueueRunner({ redis: opts.redis, queue: opts.queue })
          : undefined;
        const server = await startServer(store, opts.port, opts.open ? '127.0.0.1' : opts.host, {
          open: opts.open,
          allowedHosts: opts.allowedHost,
          minCell: opts.minCell,
          concurrency: opts.concurrency,
          maxQueued: opts.maxQueue,
          bodyLimit: opts.bodyLimit,
          linkageRunner,
        });
        const mode = opts.open
          ? 'local mode: compute without a token, loopback only'
          : 'read-only without a token (darkfigure token create)';
        process.stdout.write(
          `darkfigure observatory on ${server.url} (store: ${store.engine}, ${await store.countObservations()} observations; ${mode})\n`,
        );
        const stop = async () => {
          await server.close();
          await linkageRunner?.close();
          await store.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await new Promise(() => undefined);
      },
    );
}
