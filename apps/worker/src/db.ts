// The worker's Postgres handle. Unlike a plain pool it survives Postgres going away: pg emits
// `error` on the pool when an idle connection dies, which would crash a process with no listener.
import { withSearchPath, type Database } from '@petakom/db';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from './logger.ts';

export interface WorkerDbOptions {
  schema?: string;
  max?: number;
  logger: Logger;
}

export function createWorkerDb(connectionString: string, opts: WorkerDbOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString:
      opts.schema === undefined ? connectionString : withSearchPath(connectionString, opts.schema),
    max: opts.max ?? 10,
    // A connect that hangs (a dropped network, not a refused port) must fail so the drain can retry.
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', (err) => opts.logger.warn({ err: err.message }, 'idle Postgres connection lost'));
  // A connection lost while checked out (between two statements of a transaction) errors on the
  // client itself; the statement in flight already fails and the drain retries the batch.
  pool.on('connect', (client) => {
    client.on('error', (err) => opts.logger.warn({ err: err.message }, 'Postgres connection lost'));
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
