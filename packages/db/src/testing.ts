// Test harness: each test file gets its own migrated Postgres schema and its own Redis key prefix,
// so files run in parallel against the real services and leave nothing behind.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createDb, withSearchPath } from './create-db.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Kysely<Database>;
  /** The schema every connection of `db` (and of `connectionString`) uses. */
  schema: string;
  /** Carries the schema's search_path: hand it to a spawned server or worker. */
  connectionString: string;
  /** Drops the schema with everything in it and closes the pool. */
  destroy(): Promise<void>;
}

function slug(name: string, max: number): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max);
  return s || 'test';
}

/** Creates a fresh, uniquely named schema migrated to the latest version. */
export async function createTestDatabase(name = 'test'): Promise<TestDatabase> {
  const baseUrl = process.env['TEST_DATABASE_URL'] ?? DEFAULT_TEST_DATABASE_URL;
  const schema = `t_${slug(name, 40)}_${randomBytes(5).toString('hex')}`;
  const connectionString = withSearchPath(baseUrl, schema);
  const db = createDb(baseUrl, { schema, max: 4 });
  try {
    await db.schema.createSchema(schema).execute();
    await migrateToLatest(db);
  } catch (error) {
    await db.schema
      .dropSchema(schema)
      .ifExists()
      .cascade()
      .execute()
      .catch(() => undefined);
    await db.destroy();
    throw error;
  }
  let destroyed = false;
  return {
    db,
    schema,
    connectionString,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        await db.schema.dropSchema(schema).ifExists().cascade().execute();
      } finally {
        await db.destroy();
      }
    },
  };
}

/** A key prefix no other test file uses, e.g. `t:answers:3f9a1c2b:`. */
export function uniqueRedisPrefix(name: string): string {
  return `t:${slug(name, 40)}:${randomBytes(4).toString('hex')}:`;
}

/** The two commands deleteRedisPrefix needs; an ioredis client or cluster node fits. */
export interface RedisScanUnlink {
  scan(
    cursor: string | number,
    matchToken: 'MATCH',
    pattern: string,
    countToken: 'COUNT',
    count: number,
  ): Promise<[cursor: string, keys: string[]]>;
  unlink(...keys: string[]): Promise<number>;
}

/** Deletes every key under the prefix; returns how many were removed. */
export async function deleteRedisPrefix(redis: RedisScanUnlink, prefix: string): Promise<number> {
  if (prefix.length === 0) throw new Error('refusing to delete every key: empty prefix');
  // glob metacharacters in the prefix must match literally
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}

export interface Workplace {
  agencyId: string;
  unitId: string;
  positionId: string;
}

/**
 * An agency with one unit and one fungsional position in it: the rows every participant points at.
 * The agency's code is unique per call, so a test may set up several in one schema.
 */
export async function insertWorkplace(
  db: Kysely<Database>,
  names: { codePrefix?: string; agency?: string; unit?: string; position?: string } = {},
): Promise<Workplace> {
  const agency = await db
    .insertInto('agencies')
    .values({
      code: `${names.codePrefix ?? 'AG'}${randomUUID().slice(0, 6)}`,
      name: names.agency ?? 'BKD Provinsi Uji',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('units')
    .values({ agency_id: agency.id, name: names.unit ?? 'Bidang Uji' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const position = await db
    .insertInto('positions')
    .values({
      agency_id: agency.id,
      unit_id: unit.id,
      name: names.position ?? 'Analis',
      jenjang: 'ahli_pertama',
      kind: 'fungsional',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { agencyId: agency.id, unitId: unit.id, positionId: position.id };
}
