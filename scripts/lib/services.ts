// Decides which Postgres and Redis the platform uses: the configured ones (refused with one line
// when unusable), else the machine's defaults, else project-local instances under `.local/`.
import { join } from 'node:path';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  LOCAL_POSTGRES_PORT,
  LOCAL_REDIS_PORT,
  explicit,
} from './env.ts';
import { StartError } from './fail.ts';
import {
  findPostgresBinaries,
  findRedisServer,
  localPostgresUrl,
  localRedisUrl,
  startLocalPostgres,
  startLocalRedis,
} from './local-services.ts';
import { ensurePostgres, probePostgres } from './postgres.ts';
import { ensureRedis, probeRedis } from './redis.ts';

export interface ResolveOptions {
  env: NodeJS.ProcessEnv;
  /** Where project-local instances live (`.local` at the repository root). */
  localRoot: string;
  /** One line for the person at the terminal. */
  say: (line: string) => void;
  defaultDatabaseUrl?: string;
  defaultRedisUrl?: string;
  localPostgresPort?: number;
  localRedisPort?: number;
  /** Where to look for initdb/pg_ctl and redis-server (tests narrow these). */
  postgresSearchRoots?: string[];
  pathDirs?: string[];
}

export interface ResolvedServices {
  databaseUrl: string;
  redisUrl: string;
  /** Which project-local instances are in use. */
  local: { postgres: boolean; redis: boolean };
  databaseCreated: boolean;
}

function hostPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? '6379' : '5432')}`;
}

export async function resolveServices(opts: ResolveOptions): Promise<ResolvedServices> {
  const defaultDb = opts.defaultDatabaseUrl ?? DEFAULT_DATABASE_URL;
  const defaultRedis = opts.defaultRedisUrl ?? DEFAULT_REDIS_URL;
  const pgPort = opts.localPostgresPort ?? LOCAL_POSTGRES_PORT;
  const redisPort = opts.localRedisPort ?? LOCAL_REDIS_PORT;
  const pgDir = join(opts.localRoot, 'postgres');
  const redisDir = join(opts.localRoot, 'redis');
  const explicitDb = explicit(opts.env, 'DATABASE_URL');
  const explicitRedis = explicit(opts.env, 'REDIS_URL');

  // Configured URLs are taken as meant: never replaced by a local instance behind the user's back.
  let databaseUrl = explicitDb;
  let needLocalPostgres = false;
  if (databaseUrl === undefined) {
    const probe = await probePostgres(defaultDb);
    if (probe.ok || probe.kind !== 'unreachable') databaseUrl = defaultDb;
    else if ((await probePostgres(localPostgresUrl(pgPort, 'postgres'))).ok) {
      databaseUrl = localPostgresUrl(pgPort);
      opts.say(
        `Postgres is not running on ${hostPort(defaultDb)}; using the project-local one in ${pgDir} on port ${pgPort}`,
      );
    } else needLocalPostgres = true;
  }
  let redisUrl = explicitRedis;
  let needLocalRedis = false;
  if (redisUrl === undefined) {
    const probe = await probeRedis(defaultRedis);
    if (probe.ok || probe.kind !== 'unreachable') redisUrl = defaultRedis;
    else if ((await probeRedis(localRedisUrl(redisPort))).ok) {
      redisUrl = localRedisUrl(redisPort);
      opts.say(
        `Redis is not running on ${hostPort(defaultRedis)}; using the project-local one in ${redisDir} on port ${redisPort}`,
      );
    } else needLocalRedis = true;
  }

  const pgBins = needLocalPostgres ? findPostgresBinaries(opts.postgresSearchRoots, opts.pathDirs) : null;
  const redisServer = needLocalRedis ? findRedisServer(opts.pathDirs) : null;
  const missing: { name: string; where: string; pkg: string }[] = [];
  if (needLocalPostgres && pgBins === null)
    missing.push({ name: 'Postgres', where: hostPort(defaultDb), pkg: 'postgresql' });
  if (needLocalRedis && redisServer === null)
    missing.push({ name: 'Redis', where: hostPort(defaultRedis), pkg: 'redis-server' });
  if (missing.length > 0) {
    const what = missing.map((m) => `${m.name} is not running on ${m.where}`).join(' and ');
    const names = missing.map((m) => (m.name === 'Postgres' ? 'PostgreSQL 15+' : 'Redis 7+')).join(' and ');
    const vars = missing.map((m) => (m.name === 'Postgres' ? 'DATABASE_URL' : 'REDIS_URL')).join('/');
    throw new StartError(
      `${what}, and not installed here: install ${names} (Debian/Ubuntu: apt-get install ${missing.map((m) => m.pkg).join(' ')}) or set ${vars}`,
    );
  }

  if (needLocalPostgres && pgBins !== null) {
    databaseUrl = await startLocalPostgres({ dir: pgDir, port: pgPort, bins: pgBins });
    opts.say(
      `Postgres is not running on ${hostPort(defaultDb)}; started a project-local Postgres ${pgBins.version} in ${pgDir} on port ${pgPort}`,
    );
  }
  if (needLocalRedis && redisServer !== null) {
    redisUrl = await startLocalRedis({ dir: redisDir, port: redisPort, redisServer });
    opts.say(
      `Redis is not running on ${hostPort(defaultRedis)}; started a project-local Redis in ${redisDir} on port ${redisPort}`,
    );
  }
  if (databaseUrl === undefined || redisUrl === undefined)
    throw new StartError('internal: services not resolved');

  const { created } = await ensurePostgres(databaseUrl);
  await ensureRedis(redisUrl);
  return {
    databaseUrl,
    redisUrl,
    local: {
      postgres: databaseUrl === localPostgresUrl(pgPort),
      redis: redisUrl === localRedisUrl(redisPort),
    },
    databaseCreated: created,
  };
}
