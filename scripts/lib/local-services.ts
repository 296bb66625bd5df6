// Project-local Postgres and Redis under `.local/` (git-ignored), for a machine where they are
// installed but not running. They run as daemons and are reused by the next `npm start`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { StartError } from './fail.ts';
import { MIN_POSTGRES_VERSION, probePostgres } from './postgres.ts';
import { probeRedis } from './redis.ts';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  version: number;
}

function isExecutable(path: string): boolean {
  return spawnSync('test', ['-x', path]).status === 0;
}

function pathDirs(): string[] {
  return (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
}

/** Finds initdb + pg_ctl: Debian's /usr/lib/postgresql/<v>/bin (newest first), then PATH. */
export function findPostgresBinaries(
  searchRoots: string[] = ['/usr/lib/postgresql'],
  dirs: string[] = pathDirs(),
): PostgresBinaries | null {
  const candidates: string[] = [];
  for (const root of searchRoots) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  candidates.push(...dirs);
  for (const dir of candidates) {
    const initdb = join(dir, 'initdb');
    const pgCtl = join(dir, 'pg_ctl');
    if (!isExecutable(initdb) || !isExecutable(pgCtl)) continue;
    const out = spawnSync(pgCtl, ['--version'], { encoding: 'utf8' }).stdout ?? '';
    const version = Number(/(\d+)(?:\.\d+)?/.exec(out)?.[1] ?? 0);
    if (version >= MIN_POSTGRES_VERSION) return { initdb, pgCtl, version };
  }
  return null;
}

/** Finds redis-server on PATH. */
export function findRedisServer(dirs: string[] = pathDirs()): string | null {
  for (const dir of dirs) {
    const p = join(dir, 'redis-server');
    if (isExecutable(p)) return p;
  }
  return null;
}

// Postgres refuses to run as root; as root we run it as the `postgres` system user instead.
// runuser lives in /usr/sbin, which a non-login PATH may lack.
function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [cmd, args];
  const runuser = [...pathDirs(), '/usr/sbin', '/sbin', '/usr/bin', '/bin']
    .map((d) => join(d, 'runuser'))
    .find(isExecutable);
  if (runuser === undefined)
    throw new StartError('running Postgres as root needs runuser (util-linux), which is missing');
  return [runuser, ['-u', 'postgres', '--', cmd, ...args]];
}

function run(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    const detail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').pop() ?? '';
    throw new StartError(`${what} failed: ${detail || (r.error?.message ?? `exit ${r.status}`)}`);
  }
}

export function localPostgresUrl(port: number, database = 'petakom'): string {
  return `postgres://postgres@127.0.0.1:${port}/${database}`;
}

export function localRedisUrl(port: number): string {
  return `redis://127.0.0.1:${port}`;
}

/** Starts (creating on first use) a Postgres cluster in `dir` listening on 127.0.0.1:`port`. */
export async function startLocalPostgres(opts: {
  dir: string;
  port: number;
  bins: PostgresBinaries;
}): Promise<string> {
  const { dir, port, bins } = opts;
  const url = localPostgresUrl(port);
  const probe = await probePostgres(localPostgresUrl(port, 'postgres'));
  if (probe.ok) return url;

  if (!existsSync(join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const [cmd, args] = asPostgresUser(bins.initdb, [
      '-D',
      dir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
    run(cmd, args, `initdb in ${dir}`);
  }
  // No unix socket (-k ''): only TCP on loopback, so nothing clashes with the machine's own cluster.
  const [cmd, args] = asPostgresUser(bins.pgCtl, [
    '-D',
    dir,
    '-l',
    join(dir, 'postgres.log'),
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ''`,
    '-w',
    '-t',
    '60',
    'start',
  ]);
  run(cmd, args, `starting Postgres in ${dir} (log: ${join(dir, 'postgres.log')})`);
  return url;
}

/** Stops the cluster in `dir` if it runs. */
export function stopLocalPostgres(opts: { dir: string; bins: PostgresBinaries }): void {
  if (!existsSync(join(opts.dir, 'postmaster.pid'))) return;
  const [cmd, args] = asPostgresUser(opts.bins.pgCtl, ['-D', opts.dir, '-m', 'fast', '-w', 'stop']);
  spawnSync(cmd, args, { stdio: 'ignore' });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Starts a Redis in `dir` on 127.0.0.1:`port` with the durability settings of production
 * (append-only file, fsync on every write, no eviction), so local runs behave like the real thing.
 */
export async function startLocalRedis(opts: {
  dir: string;
  port: number;
  redisServer: string;
}): Promise<string> {
  const { dir, port, redisServer } = opts;
  const url = localRedisUrl(port);
  if ((await probeRedis(url)).ok) return url;
  mkdirSync(dir, { recursive: true });
  run(
    redisServer,
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--rdbcompression',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--pidfile',
      join(dir, 'redis.pid'),
      '--logfile',
      join(dir, 'redis.log'),
    ],
    `starting redis-server in ${dir}`,
  );
  if (!(await waitFor(async () => (await probeRedis(url, 500)).ok, 10_000))) {
    throw new StartError(
      `redis-server in ${dir} did not answer on port ${port} (log: ${join(dir, 'redis.log')})`,
    );
  }
  return url;
}

/** Stops the Redis started in `dir`, if it runs, and waits for it to exit. */
export async function stopLocalRedis(opts: { dir: string }): Promise<void> {
  const pidFile = join(opts.dir, 'redis.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  await waitFor(async () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }, 10_000);
}
