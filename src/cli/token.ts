import type { Command } from 'commander';
import { BadInputError } from '../domain/index.ts';
import { createToken, DEFAULT_MAX_JOBS, listTokens, parseScopes, revokeToken, SCOPES } from '../analyses/index.ts';
import { withStore } from './store-context.ts';
import { formatTable } from './table.ts';

const bad = (field: string, message: string) => new BadInputError([{ file: 'argument', line: 0, field, message }]);

/** `darkfigure token create|list|revoke`: bearer tokens for starting compute on a served observatory. */
export function register(program: Command): void {
  const token = program
    .command('token')
    .description('API tokens that may start compute on `darkfigure serve` (only their SHA-256 is stored)');

  token
    .command('create')
    .description('create a token and print it once (it cannot be shown again)')
    .requiredOption('--scope <list>', `what it may start, comma list of ${SCOPES.join(', ')}`)
    .option('--max-jobs <n>', 'jobs it may have queued or running at once', (v) => Number(v), DEFAULT_MAX_JOBS)
    .option('--note <text>', 'what or whom the token is for (shown by `token list`; no personal names)')
    .option('--json', 'print JSON')
    .action(async (opts: { scope: string; maxJobs: number; note?: string; json?: boolean }) => {
      let scopes;
      try {
        scopes = parseScopes(opts.scope);
      } catch (e) {
        throw bad('--scope', (e as Error).message);
      }
      if (!Number.isInteger(opts.maxJobs) || opts.maxJobs < 1 || opts.maxJobs > 1000)
        throw bad('--max-jobs', 'must be a whole number from 1 to 1000');
      if (opts.note !== undefined && opts.note.length > 200) throw bad('--note', 'at most 200 characters');
      await withStore(async (store) => {
        const { token: secret, info } = await createToken(store, { scopes, maxJobs: opts.maxJobs, note: opts.note });
        if (opts.json) return void process.stdout.write(`${JSON.stringify({ token: secret, ...info })}\n`);
        process.stdout.write(
          `token ${info.id} (scopes ${info.scopes.join(',')}, ${info.maxJobs} job(s) at once):\n${secret}\nKeep it secret: only its hash is stored. Send it as "Authorization: Bearer <token>".\n`,
        );
      });
    });

  token
    .command('list')
    .description('list tokens (ids, scopes, quota, dates; never the tokens)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withStore(async (store) => {
        const all = await listTokens(store);
        if (opts.json) return void process.stdout.write(`${JSON.stringify({ tokens: all }, null, 2)}\n`);
        process.stdout.write(
          `${formatTable(
            ['id', 'scopes', 'max jobs', 'created', 'revoked', 'note'],
            all.map((t) => [t.id, t.scopes.join(','), t.maxJobs, t.createdAt, t.revokedAt ?? '', t.note ?? '']),
          )}\n`,
        );
      });
    });

  token
    .command('revoke')
    .description('revoke a token by id: it stops working at once')
    .argument('<id>', 'the token id (from `token list`)')
    .action(async (id: string) => {
      await withStore(async (store) => {
        if (!(await revokeToken(store, id)))
          throw bad('id', `no token with id "${id}" (see \`darkfigure token list\`)`);
        process.stdout.write(`token ${id} revoked\n`);
      });
    });
}
