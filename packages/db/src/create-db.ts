// Opens a Kysely handle on a pg pool, optionally pinned to one Postgres schema.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { namePreparedStatements } from './prepared.ts';
import type { Database } from './schema.ts';

const DATE_OID = 1082;

export interface CreateDbOptions {
  /** Every connection uses `search_path = <schema>`; tables are read, written and migrated there. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  /**
   * Called when an idle pooled connection fails (Postgres restarted, network cut). Without a
   * listener node-postgres would crash the process; the pool drops the connection either way and
   * the next query reconnects.
   */
  onPoolError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lower-case letters, digits and underscores`);
  }
}

// A `date` is a calendar day, not an instant: parsing it into a Date at local midnight would
// shift birth dates and session days across time zones.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Returns the connection string with `options=-c search_path=<schema>`, so any process that
 * connects with it (psql, a spawned server or worker) lands in that schema.
 */
export function withSearchPath(connectionString: string, schema: string): string {
  assertSchemaName(schema);
  const url = new URL(connectionString);
  url.searchParams.set('options', `-c search_path=${schema}`);
  // libpq reads %20, not +, as a space
  url.search = url.search.replace(/\+/g, '%20');
  return url.toString();
}

export function createDb(connectionString: string, opts: CreateDbOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({
    // the connection string overrides pool fields in node-postgres, so the schema goes into it
    connectionString:
      opts.schema === undefined ? connectionString : withSearchPath(connectionString, opts.schema),
    max: opts.max ?? 10,
    types,
  });
  pool.on('error', opts.onPoolError ?? (() => undefined));
  namePreparedStatements(pool);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
