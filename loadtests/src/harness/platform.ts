// Starts the real server and worker as child processes under tsx, pointed at a given Postgres
// schema and Redis prefix, and waits until each is ready.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { serverNodeOptions } from '../../../apps/server/src/node-options.ts';
import { spawnOwned, type OwnedProcess } from './child.ts';
import { freePort } from './ports.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// `node --import tsx` (not the tsx CLI, which forks): the pid we hold is the app itself, so kill -9
// hits it and /proc reports its CPU and memory.
const tsxLoader = ['--import', 'tsx'];

export interface PlatformEnv {
  databaseUrl: string;
  databaseSchema: string;
  redisUrl: string;
  redisPrefix: string;
  shards: number;
  logLevel?: string;
  /** Extra variables (e.g. timing knobs for tests). */
  extra?: Record<string, string>;
  /** Extra node flags for the server (e.g. --cpu-prof, not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

function baseEnv(env: PlatformEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'test',
    DATABASE_URL: env.databaseUrl,
    DATABASE_SCHEMA: env.databaseSchema,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    ANSWER_LOG_SHARDS: String(env.shards),
    LOG_LEVEL: env.logLevel ?? 'info',
    ...env.extra,
  };
}

export interface ServerProcess extends OwnedProcess {
  port: number;
  url: string;
}

async function waitForHttp(url: string, proc: OwnedProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited().then(() => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`${proc.name} exited before it was ready:\n${proc.output().slice(-4000)}`);
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > until)
      throw new Error(`${proc.name} not ready at ${url}:\n${proc.output().slice(-4000)}`);
    await sleep(100);
  }
}

export async function startServerProcess(
  env: PlatformEnv,
  name = 'server',
  port?: number,
  /** How long /health may take to answer (a restart under a reconnect flood takes longer). */
  readyTimeoutMs = 60_000,
): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const proc = spawnOwned(name, process.execPath, [...(env.nodeArgs ?? []), ...tsxLoader, 'src/main.ts'], {
    cwd: join(repoRoot, 'apps', 'server'),
    // Run as deployed: with the server's own V8 flags.
    env: {
      ...baseEnv(env),
      PORT: String(p),
      HOST: '127.0.0.1',
      NODE_OPTIONS: serverNodeOptions(undefined),
    },
  });
  const url = `http://127.0.0.1:${p}`;
  try {
    await waitForHttp(`${url}/health`, proc, readyTimeoutMs);
  } catch (err) {
    await proc.kill9();
    throw err;
  }
  return Object.assign(proc, { port: p, url });
}

export async function startWorkerProcess(env: PlatformEnv, name = 'worker'): Promise<OwnedProcess> {
  const proc = spawnOwned(name, process.execPath, [...(env.nodeArgs ?? []), ...tsxLoader, 'src/main.ts'], {
    cwd: join(repoRoot, 'apps', 'worker'),
    env: { ...baseEnv(env), WORKER_CONSUMER: `${name}-${process.pid}` },
  });
  try {
    await proc.waitForLine(/answer-log drain started/, 60_000);
  } catch (err) {
    await proc.kill9();
    throw err;
  }
  return proc;
}
