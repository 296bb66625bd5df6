// @petakom/db: the Postgres schema (types and migrations), the pool, and shared queries.
export * from './schema.ts';
export { createDb, withSearchPath, assertSchemaName, type CreateDbOptions } from './create-db.ts';
export { prepareNamed } from './prepared.ts';
export { migrateToLatest, MigrationError } from './migrate.ts';
export { migrations } from './migrations/index.ts';
export { potensiNormForResult, type NormForResult, type PotensiNorm } from './queries/potensi-norm.ts';
