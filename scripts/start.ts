// `npm start`: brings up the whole platform on one machine — services, migrations, demo day, web
// build, server and worker — and prints where to go. `--check` stops after validating everything.
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeOptions } from '../apps/server/src/node-options.ts';
import { checkAppConfigs, demoLoginText, todayInExamZone, prepareDatabase } from './lib/apps.ts';
import { startChild, stopChildren, waitReady, type Child } from './lib/children.ts';
import { DEFAULT_PORT, explicit, loadDotEnv } from './lib/env.ts';
import { StartError, exitWith, redactUrl } from './lib/fail.ts';
import { resolveServices } from './lib/services.ts';
import { buildWeb, webBuildDir, webBuildIsStale } from './lib/web-build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const checkOnly = args.has('--check');
const say = (line: string) => process.stdout.write(`petakom: ${line}\n`);

function parsePort(env: NodeJS.ProcessEnv): number {
  const raw = explicit(env, 'PORT');
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StartError(`PORT must be a number from 1 to 65535, got "${raw}"`);
  return port;
}

async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StartError(
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use (is petakom already running?); set PORT to another port`
            : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      ),
    );
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

function printWelcome(base: string, logins: string, local: { postgres: boolean; redis: boolean }): void {
  const lines = [
    '',
    'petakom is running.',
    `  peserta (participants)   ${base}/ujian`,
    `  pengawas (proctors)      ${base}/pengawas`,
    `  staf BKD (admin)         ${base}/admin`,
    `  API docs                 ${base}/api/docs`,
    `  health / metrics         ${base}/ready   ${base}/metrics`,
  ];
  if (logins !== '') lines.push('', logins);
  if (local.postgres || local.redis) {
    lines.push(
      '',
      'Project-local services in .local/ keep running after Ctrl-C; `npm run services:stop` stops them.',
    );
  }
  lines.push('', 'Ctrl-C stops the server and worker.', '');
  process.stdout.write(lines.join('\n'));
}

async function main(): Promise<void> {
  const env = process.env;
  const fromDotEnv = loadDotEnv(join(root, '.env'), env);
  if (fromDotEnv.length > 0) say(`read ${fromDotEnv.join(', ')} from .env`);
  const port = parsePort(env);

  const services = await resolveServices({ env, localRoot: join(root, '.local'), say });
  const appEnv: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    PORT: String(port),
    WEB_DIST: explicit(env, 'WEB_DIST') ?? webBuildDir(root),
  };
  checkAppConfigs(appEnv);
  say(
    `Postgres ${redactUrl(services.databaseUrl)}${services.databaseCreated ? ' (database created)' : ''}, Redis ${redactUrl(services.redisUrl)}`,
  );
  if (checkOnly) {
    say('configuration and services are fine');
    return;
  }
  await assertPortFree(port, explicit(env, 'HOST') ?? '0.0.0.0');

  const { logins } = await prepareDatabase(services.databaseUrl, {
    today: todayInExamZone(explicit(env, 'PETAKOM_TZ')),
    seed: true,
    say,
  });

  // An explicit WEB_DIST is the operator's own build: serve it as it is.
  if (explicit(env, 'WEB_DIST') === undefined && webBuildIsStale(root)) {
    say(`building the web app into ${relative(root, webBuildDir(root))}…`);
    buildWeb(root, 'pnpm');
  }

  const tsx = join(root, 'node_modules/.bin/tsx');
  const children: Child[] = [
    startChild({
      name: 'server',
      cmd: tsx,
      args: ['src/main.ts'],
      cwd: join(root, 'apps/server'),
      env: { ...appEnv, NODE_OPTIONS: serverNodeOptions(appEnv['NODE_OPTIONS']) },
      index: 0,
    }),
    startChild({
      name: 'worker',
      cmd: tsx,
      args: ['src/main.ts'],
      cwd: join(root, 'apps/worker'),
      env: appEnv,
      index: 1,
    }),
  ];

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping server and worker…');
    await stopChildren(children);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const base = `http://localhost:${port}`;
  const ready = await waitReady(`http://127.0.0.1:${port}/ready`, children, 120_000);
  if (!ready.ok) {
    for (const c of children)
      if (c.proc.exitCode !== null)
        process.stderr.write(`--- last lines of ${c.name} ---\n${c.tail.join('\n')}\n`);
    process.stderr.write(`petakom: ${ready.why}\n`);
    await stop(1);
    return;
  }
  printWelcome(base, demoLoginText(logins), services.local);

  // One process dying takes the platform down rather than leaving half of it running.
  const first = await Promise.race(children.map(async (c) => ({ c, r: await c.exited })));
  if (!stopping) {
    process.stderr.write(
      `petakom: ${first.c.name} exited (${first.r.signal ?? `code ${first.r.code}`}); stopping\n`,
    );
    await stop(1);
  }
}

main().catch(exitWith);
