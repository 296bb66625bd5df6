// `npm start` on a single machine: bad configuration is refused with one line, a missing database
// is created, and Postgres/Redis that are installed but not running are started under `.local/`.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { todayInExamZone, prepareDatabase } from '../../scripts/lib/apps.ts';
import { loadDotEnv } from '../../scripts/lib/env.ts';
import { StartError } from '../../scripts/lib/fail.ts';
import {
  findPostgresBinaries,
  findRedisServer,
  stopLocalPostgres,
  stopLocalRedis,
} from '../../scripts/lib/local-services.ts';
import { resolveServices } from '../../scripts/lib/services.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MACHINE_DB = 'postgres://postgres@127.0.0.1:5432/postgres';
const MACHINE_REDIS = 'redis://127.0.0.1:6379';

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr !== null ? addr.port : 0));
    });
  });
}

async function runCheck(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts', '--check'], {
    cwd: root,
    // Only what the test sets: the developer's own DATABASE_URL or .env must not leak in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

describe('npm start --check', () => {
  it('refuses an unreachable DATABASE_URL with one line and no stack trace', async () => {
    const port = await closedPort();
    const r = await runCheck({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/petakom`,
      REDIS_URL: MACHINE_REDIS,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `petakom: cannot reach Postgres at postgres://postgres@127.0.0.1:${port}/petakom: connection refused\n`,
    );
  });

  it('refuses a DATABASE_URL that is not a Postgres URL', async () => {
    const r = await runCheck({ DATABASE_URL: 'mysql://root@127.0.0.1/petakom', REDIS_URL: MACHINE_REDIS });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'petakom: DATABASE_URL must start with postgres://, got mysql://root@127.0.0.1/petakom\n',
    );
  });

  it('refuses an unreachable REDIS_URL with one line', async () => {
    const port = await closedPort();
    const r = await runCheck({ DATABASE_URL: MACHINE_DB, REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`petakom: cannot reach Redis at redis://127.0.0.1:${port}: connection refused\n`);
  });

  it('hides the password of a URL it refuses', async () => {
    const port = await closedPort();
    const r = await runCheck({
      DATABASE_URL: `postgres://app:s3cret@127.0.0.1:${port}/petakom`,
      REDIS_URL: MACHINE_REDIS,
    });
    expect(r.stderr).toContain('postgres://app:***@127.0.0.1');
    expect(r.stderr).not.toContain('s3cret');
  });

  it("refuses a value the apps' own schemas reject, in one line", async () => {
    const r = await runCheck({ DATABASE_URL: MACHINE_DB, REDIS_URL: MACHINE_REDIS, LOG_LEVEL: 'loud' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^petakom: invalid (server|worker) configuration: LOG_LEVEL/);
  });

  it('creates the database when the server is reachable but the database is missing', async () => {
    const name = `petakom_check_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: MACHINE_DB });
    await admin.connect();
    try {
      const r = await runCheck({
        DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`,
        REDIS_URL: MACHINE_REDIS,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('(database created)');
      const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
      expect(found.rowCount).toBe(1);
    } finally {
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)}`);
      await admin.end();
    }
  });
});

describe('.env', () => {
  it('fills in what the environment does not set, and never overrides what it does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petakom-env-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(
        file,
        '# local settings\nPORT=4000\nREDIS_URL="redis://127.0.0.1:6380"\nLOG_LEVEL=debug\n',
      );
      const env: NodeJS.ProcessEnv = { PORT: '3001' };
      expect(loadDotEnv(file, env).sort()).toEqual(['LOG_LEVEL', 'REDIS_URL']);
      expect(env).toEqual({ PORT: '3001', REDIS_URL: 'redis://127.0.0.1:6380', LOG_LEVEL: 'debug' });
      expect(loadDotEnv(join(dir, 'missing.env'), env)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('project-local services', () => {
  const localRoot = mkdtempSync(join(tmpdir(), 'petakom-local-'));
  // The postgres user (Postgres never runs as root) must be able to reach its data directory.
  chmodSync(localRoot, 0o755);
  const bins = findPostgresBinaries();

  afterAll(async () => {
    if (bins !== null) stopLocalPostgres({ dir: join(localRoot, 'postgres'), bins });
    await stopLocalRedis({ dir: join(localRoot, 'redis') });
    rmSync(localRoot, { recursive: true, force: true });
  });

  it('starts Postgres and Redis under .local when the default ones are down, and says so', async () => {
    expect(bins).not.toBeNull();
    expect(findRedisServer()).not.toBeNull();
    const [downPg, downRedis, pgPort, redisPort] = await Promise.all([
      closedPort(),
      closedPort(),
      closedPort(),
      closedPort(),
    ]);
    const said: string[] = [];
    const opts = {
      env: {},
      localRoot,
      say: (l: string) => said.push(l),
      defaultDatabaseUrl: `postgres://postgres@127.0.0.1:${downPg}/petakom`,
      defaultRedisUrl: `redis://127.0.0.1:${downRedis}`,
      localPostgresPort: pgPort,
      localRedisPort: redisPort,
    };
    const r = await resolveServices(opts);
    expect(r.databaseUrl).toBe(`postgres://postgres@127.0.0.1:${pgPort}/petakom`);
    expect(r.redisUrl).toBe(`redis://127.0.0.1:${redisPort}`);
    expect(r.local).toEqual({ postgres: true, redis: true });
    expect(r.databaseCreated).toBe(true);
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(
      new RegExp(
        `^Postgres is not running on 127.0.0.1:${downPg}; started a project-local Postgres \\d+ in .*postgres on port ${pgPort}$`,
      ),
    );
    expect(said[1]).toMatch(
      new RegExp(
        `^Redis is not running on 127.0.0.1:${downRedis}; started a project-local Redis in .*redis on port ${redisPort}$`,
      ),
    );
    expect(existsSync(join(localRoot, 'postgres', 'PG_VERSION'))).toBe(true);

    // The local Redis keeps what it acknowledged, like production.
    const redis = new Redis(r.redisUrl);
    try {
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await redis.config('GET', 'appendfsync')).toEqual(['appendfsync', 'always']);
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    } finally {
      redis.disconnect();
    }

    // The next start finds them running and reuses them without starting anything.
    said.length = 0;
    const again = await resolveServices(opts);
    expect(again.databaseUrl).toBe(r.databaseUrl);
    expect(again.databaseCreated).toBe(false);
    expect(said.filter((l) => l.includes('started'))).toEqual([]);
  });

  it('says exactly what to install when neither service runs nor is installed', async () => {
    const [a, b, c, d] = await Promise.all([closedPort(), closedPort(), closedPort(), closedPort()]);
    const attempt = resolveServices({
      env: {},
      localRoot,
      say: () => {},
      defaultDatabaseUrl: `postgres://postgres@127.0.0.1:${a}/petakom`,
      defaultRedisUrl: `redis://127.0.0.1:${b}`,
      localPostgresPort: c,
      localRedisPort: d,
      postgresSearchRoots: [],
      pathDirs: [],
    });
    await expect(attempt).rejects.toBeInstanceOf(StartError);
    await expect(attempt).rejects.toThrow(
      `Postgres is not running on 127.0.0.1:${a} and Redis is not running on 127.0.0.1:${b}, and not installed here: install PostgreSQL 15+ and Redis 7+ (Debian/Ubuntu: apt-get install postgresql redis-server) or set DATABASE_URL/REDIS_URL`,
    );
  });

  it('never replaces a configured DATABASE_URL by a local instance', async () => {
    const port = await closedPort();
    const attempt = resolveServices({
      env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/petakom`, REDIS_URL: MACHINE_REDIS },
      localRoot,
      say: () => {},
    });
    await expect(attempt).rejects.toThrow(
      `cannot reach Postgres at postgres://postgres@127.0.0.1:${port}/petakom: connection refused`,
    );
  });
});

describe('first start on an empty database', () => {
  const name = `petakom_seed_${process.pid}_${Date.now()}`;
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: MACHINE_DB });
    await admin.connect();
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await admin.end();
  });

  it('migrates, loads the demo day once, and shows the same demo logins on every later start', async () => {
    const admin = new pg.Client({ connectionString: MACHINE_DB });
    await admin.connect();
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    await admin.end();
    const today = todayInExamZone();
    const first = await prepareDatabase(url, { today, seed: true, say: () => {} });
    expect(first.migrations.length).toBeGreaterThan(0);
    expect(first.seeded).toBe(true);
    expect(first.logins?.staff.map((s) => s.username)).toContain('admin');
    expect(first.logins?.participants.length).toBeGreaterThan(0);

    const again = await prepareDatabase(url, { today, seed: true, say: () => {} });
    expect(again.migrations).toEqual([]);
    expect(again.seeded).toBe(false);
    expect(again.logins?.staff).toEqual(first.logins?.staff);
    // Every participant login printed later is one that works: same NIP, same access code.
    const firstCodes = new Map(first.logins?.participants.map((p) => [p.nip, p.accessCode]));
    expect(again.logins?.participants.length).toBeGreaterThan(0);
    for (const p of again.logins?.participants ?? [])
      expect(firstCodes.get(p.nip) ?? p.accessCode).toBe(p.accessCode);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      for (const p of again.logins?.participants ?? []) {
        const r = await db.query(
          'select 1 from registrations r join participants p on p.id = r.participant_id where p.nip = $1 and r.access_code = $2',
          [p.nip, p.accessCode],
        );
        expect(r.rowCount).toBe(1);
      }
    } finally {
      await db.end();
    }
  });
});

describe('npm start', () => {
  const name = `petakom_run_${process.pid}_${Date.now()}`;
  const prefix = `pk-start-test-${process.pid}:`;
  const web = mkdtempSync(join(tmpdir(), 'petakom-web-'));

  afterAll(async () => {
    const redis = new Redis(MACHINE_REDIS);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    const admin = new pg.Client({ connectionString: MACHINE_DB });
    await admin.connect();
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await admin.end();
    rmSync(web, { recursive: true, force: true });
  });

  it('starts server and worker, serves the web app and prints where to go, and Ctrl-C stops both', async () => {
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>petakom web</title>');
    const port = await closedPort();
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`,
        REDIS_URL: MACHINE_REDIS,
        REDIS_PREFIX: prefix,
        PORT: String(port),
        WEB_DIST: web,
        LOG_LEVEL: 'warn',
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const until = Date.now() + 80_000;
    while (!out.includes('Ctrl-C stops') && Date.now() < until && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
    }
    try {
      expect(out).toContain(`peserta (participants)   http://localhost:${port}/ujian`);
      expect(out).toContain(`http://localhost:${port}/pengawas`);
      expect(out).toContain(`http://localhost:${port}/admin`);
      expect(out).toContain(`http://localhost:${port}/api/docs`);
      expect(out).toMatch(/admin\s+admin\s+admin-demo/);
      expect(out).toMatch(/NIP \d{18}\s+kode \w+/);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(ready.status).toBe(200);
      const page = await fetch(`http://127.0.0.1:${port}/ujian`);
      expect(await page.text()).toContain('petakom web');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('stopping server and worker');
    // Both apps are gone: the port is free again.
    await new Promise<void>((resolve, reject) => {
      const srv = createServer().once('error', reject);
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
    });
  });
});
