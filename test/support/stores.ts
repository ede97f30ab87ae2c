import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Store } from '../../src/store/index.ts';
import { PG_URL } from './services.ts';

export { PG_URL };

export interface TestStore {
  store: Store;
  /** The location another process can open (a file path, or the pg URL + schema). */
  url: string;
  schema?: string;
  cleanup(): Promise<void>;
}

let counter = 0;

/** A fresh, empty store: SQLite in a temporary file, or PostgreSQL in a fresh schema. */
export async function freshStore(engine: 'sqlite' | 'postgres'): Promise<TestStore> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'darkfigure-'));
    const url = join(dir, 'test.db');
    const store = await Store.open({ url });
    return {
      store,
      url,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // Random as well as pid-and-counter: test files in worker threads share a pid.
  const schema = `t_${process.pid}_${counter++}_${randomBytes(4).toString('hex')}`;
  const store = await Store.open({ url: PG_URL, schema });
  return {
    store,
    url: PG_URL,
    schema,
    cleanup: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
