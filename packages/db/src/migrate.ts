// Runs the forward-only migrations in the schema the connection's search_path points at.
import { Migrator, sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.ts';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Applies every pending migration and returns the names applied (empty when already current).
 * The bookkeeping tables live beside the data, in the connection's current schema, so one
 * database can hold many isolated schemas (tests) without them seeing each other's history.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new MigrationError(
      'migration failed: the connection has no current schema (does its search_path name a schema that exists?)',
    );
  }
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableSchema: schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `migration ${failed ?? '(before running any)'} failed in schema "${schema}": ${reason}`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
