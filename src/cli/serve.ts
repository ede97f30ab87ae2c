import type { Command } from 'commander';
import { startServer } from '../server/serve.ts';
import { openStore } from './store-context.ts';

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the observatory (dashboard and API) on a local port')
    .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10), Number(process.env.PORT ?? 8080))
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .action(async (opts: { port: number; host: string }) => {
      const store = await openStore();
      const server = await startServer(store, opts.port, opts.host);
      process.stdout.write(`darkfigure observatory on ${server.url} (store: ${store.engine}, ${await store.countObservations()} observations)\n`);
      const stop = async () => {
        await server.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => undefined);
    });
}
