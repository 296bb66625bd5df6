// Checks that a Postgres URL is usable (reachable, right version, database present) and creates the
// database when the server is reachable but the database is missing.
import pg from 'pg';
import { StartError, describeNetworkError, redactUrl } from './fail.ts';

export const MIN_POSTGRES_VERSION = 15;

export type PostgresProbe =
  | { ok: true; version: number }
  | { ok: false; kind: 'unreachable' | 'no-database' | 'refused'; reason: string };

/** Throws a StartError unless `url` is a well-formed postgres:// URL naming a database. */
export function parsePostgresUrl(url: string): { database: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StartError(`DATABASE_URL is not a URL: ${redactUrl(url)}`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new StartError(`DATABASE_URL must start with postgres://, got ${redactUrl(url)}`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database === '') throw new StartError(`DATABASE_URL names no database: ${redactUrl(url)}`);
  return { database };
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Connects once and reports what is wrong, if anything. Never throws. */
export async function probePostgres(url: string, timeoutMs = 3000): Promise<PostgresProbe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A dropped connection after the probe must not crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    const r = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    const num = Number(r.rows[0]?.v ?? 0);
    return { ok: true, version: Math.floor(num / 10000) };
  } catch (error) {
    const code = pgCode(error);
    if (code === '3D000') return { ok: false, kind: 'no-database', reason: 'database does not exist' };
    if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
      // The server answered but said no (authentication, permissions, too many connections…).
      return { ok: false, kind: 'refused', reason: (error as Error).message };
    }
    const reason = /timeout/i.test((error as Error)?.message ?? '')
      ? 'timed out'
      : describeNetworkError(error);
    return { ok: false, kind: 'unreachable', reason };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the database named by `url` through the server's `postgres` maintenance database. */
export async function createDatabase(url: string): Promise<void> {
  const { database } = parsePostgresUrl(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(`create database ${pg.escapeIdentifier(database)}`);
  } catch (error) {
    // Two starts racing: the other one created it.
    if (pgCode(error) === '42P04') return;
    throw new StartError(
      `cannot create database "${database}" at ${redactUrl(url)}: ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Makes `url` usable or throws one StartError line: reachable, Postgres ≥ 15, database created if
 * missing. Returns whether the database was created.
 */
export async function ensurePostgres(url: string): Promise<{ created: boolean; version: number }> {
  parsePostgresUrl(url);
  let probe = await probePostgres(url);
  let created = false;
  if (!probe.ok && probe.kind === 'no-database') {
    await createDatabase(url);
    created = true;
    probe = await probePostgres(url);
  }
  if (!probe.ok) {
    const verb = probe.kind === 'refused' ? 'Postgres refused' : 'cannot reach Postgres at';
    throw new StartError(`${verb} ${redactUrl(url)}: ${probe.reason}`);
  }
  if (probe.version < MIN_POSTGRES_VERSION) {
    throw new StartError(
      `Postgres at ${redactUrl(url)} is version ${probe.version}; petakom needs ${MIN_POSTGRES_VERSION} or newer`,
    );
  }
  return { created, version: probe.version };
}
