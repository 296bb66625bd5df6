// `pnpm loadtest <scenario> --participants N`: the exam-day scenarios of loadtests/k6 run on one
// machine with the real processes — a server and a worker on their own Postgres schema, a test-owned
// redis-server (AOF, fsync always), and load-generator child processes holding one real
// socket.io-client websocket per participant. Every acknowledged answer is checked against
// Postgres at the end. Prints each figure as a table and writes them to loadtests/results/.
import { ExamStore, RoomFeed } from '@petakom/exam-store';
import { sql } from 'kysely';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { RoomTokens } from '../../apps/server/src/auth/room-token.ts';
import { prepareSession } from '../../apps/server/src/exam/prepare.service.ts';
import { readRedisMemory } from '../../apps/server/src/ops/metrics.ts';
import { archiveEndedSessions } from '../../apps/worker/src/live-archive/live-archive.ts';
import { createLogger } from '../../apps/worker/src/logger.ts';
import {
  Redis,
  auditAnswers,
  createLoadFixture,
  createTestDatabase,
  drainBacklog,
  machineCores,
  machineCpu,
  pcts,
  printTable,
  readProcStats,
  referenceWorkMs,
  commandCpuSeconds,
  repoRoot,
  startLoadGenerators,
  startOwnedRedis,
  startServerProcess,
  startTcpProxy,
  startWorkerProcess,
  waitForDrain,
  watchRooms,
  type AnswerReport,
  type LoadGenerators,
  type LoadProctor,
  type OwnedProcess,
  type OwnedRedis,
  type PlatformEnv,
  type Row,
  type ServerProcess,
  type TcpProxy,
  type TestDatabase,
} from './harness/index.ts';

const SCENARIOS = [
  'connect',
  'login-storm',
  'steady',
  'stress',
  'submit-storm',
  'reconnect-storm',
  'faults',
  // One 10,000-participant setup for the whole day: login storm, steady pace, a server killed,
  // then the submit storm at the common deadline.
  'exam-day',
  // Sets the platform up, writes loadtests/k6/data/*.json for it and waits (Ctrl-C ends it): k6 can
  // then run the scripts of loadtests/k6 against this same setup.
  'serve',
];
if (process.argv[2] === 'k6-data') {
  const { writeK6Data } = await import('./k6-data.ts');
  await writeK6Data(process.argv.slice(3));
  process.exit(0);
}
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    participants: { type: 'string', default: '1000' },
    children: { type: 'string' },
    'per-room': { type: 'string', default: '75' },
    ramp: { type: 'string', default: '30' },
    hold: { type: 'string', default: '30' },
    duration: { type: 'string' },
    'interval-ms': { type: 'string', default: '20000' },
    rates: { type: 'string', default: '1000,2000,3000,4000,5000,6000' },
    step: { type: 'string', default: '20' },
    shards: { type: 'string', default: '16' },
    appendfsync: { type: 'string', default: 'always' },
    /** 100 as in infra/redis/redis.conf; 0 turns the automatic AOF rewrite off. */
    'aof-rewrite-percentage': { type: 'string', default: '100' },
    /** no as in infra/redis/redis.conf; yes compresses the AOF rewrite's base file (Redis's default). */
    rdbcompression: { type: 'string', default: 'no' },
    'deadline-in': { type: 'string' },
    'postgres-cut': { type: 'string', default: '30' },
    'reconnect-for': { type: 'string', default: '120' },
    /** `all`: one pengawas dashboard per room watches during the run; `none`: no dashboards. */
    proctors: { type: 'string', default: 'all' },
    port: { type: 'string' },
    /** e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load. */
    'server-node-args': { type: 'string' },
    /** The same for the worker. */
    'worker-node-args': { type: 'string' },
    /** The same for each load generator. */
    'generator-node-args': { type: 'string' },
    /** Niceness of the load generators: the platform goes first when the shared machine runs short. */
    'generator-nice': { type: 'string', default: '19' },
    'database-url': {
      type: 'string',
      default: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const scenario = positionals[0] ?? '';
if (!SCENARIOS.includes(scenario)) {
  console.error(`usage: pnpm loadtest <${SCENARIOS.join('|')}> --participants N [options]`);
  console.error('       pnpm loadtest k6-data --date YYYY-MM-DD [--campaign ID] [--out FILE]');
  process.exit(2);
}
const N = Number(args.participants);
// One process per 5,000 participants: each process's own event loop, JIT and GC cost the shared
// machine more than its sockets do (a 10,000 login storm: 8 processes 0.65 of a core, 2 processes
// 0.47). The stress steps need two at least: one process alone fell behind 4,000 answers a second.
const children = Number(
  args.children ?? Math.min(8, Math.max(scenario === 'stress' ? 2 : 1, Math.ceil(N / 5000))),
);
const shards = Number(args.shards);
const rampMs = Number(args.ramp) * 1000;
const intervalMs = Number(args['interval-ms']);
const SECRET = 'loadtest-secret-0123456789abcdefghijklmn';
const PREFIX = 'pk:';
const quietLog = createLogger('silent');

// ---- figures -------------------------------------------------------------------------------------
const rows: Row[] = [];
const figures: Record<string, unknown> = {};
function fig(label: string, value: string | number, key?: string): void {
  rows.push([label, typeof value === 'number' ? String(value) : value]);
  if (key) figures[key] = value;
}
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
function latencyRow(label: string, values: readonly number[], key: string): ReturnType<typeof pcts> {
  const p = pcts(values);
  fig(`${label} p50 / p95 / p99 / max (ms)`, [p.p50, p.p95, p.p99, p.max].map(f1).join(' / '));
  figures[key] = { ...p, n: values.length };
  return p;
}
/** Percentiles of [epoch ms, value] pairs by window of `windowMs` from `first`. */
function windowPcts(pairs: readonly (readonly [number, number])[], first: number, windowMs: number) {
  const windows: number[][] = [];
  for (const [at, value] of pairs) {
    const w = Math.floor((at - first) / windowMs);
    if (w >= 0) (windows[w] ??= []).push(value);
  }
  return Array.from(windows, (values) => pcts(values ?? []));
}
/**
 * The login latency by when in the ramp the login started, 10 s at a time: a storm's tail may come
 * from its first seconds (every process still cold) rather than from its peak.
 */
function byRampWindow(
  startedAt: readonly number[],
  latencies: readonly number[],
  loopLag: readonly (readonly [number, number])[],
): void {
  const first = startedAt.reduce((a, b) => Math.min(a, b), Infinity);
  const windowed = (pairs: readonly (readonly [number, number])[]) => windowPcts(pairs, first, 10_000);
  const rows = windowed(startedAt.map((at, n) => [at, latencies[n] as number] as const));
  fig(
    'login → first section p50 / p99 by 10 s of the ramp (ms)',
    rows.map((r) => `${r.p50.toFixed(0)}/${r.p99.toFixed(0)}`).join('  '),
  );
  const lag = windowed(loopLag);
  fig(
    'load generators running late (event-loop delay) p99 / max by 10 s of the ramp (ms)',
    lag.map((r) => `${r.p99.toFixed(0)}/${r.max.toFixed(0)}`).join('  '),
  );
  figures['loginByRampWindow'] = rows.map((r, n) => ({
    fromS: n * 10,
    ...r,
    generatorLagP99: lag[n]?.p99 ?? null,
    generatorLagMax: lag[n]?.max ?? null,
  }));
}
const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

// ---- CPU and memory of the processes involved ------------------------------------------------------
interface Watched {
  name: string;
  pid: () => number;
}
function cpuOf(watched: Watched[]): Map<string, number> {
  const cpu = new Map(watched.map((w) => [w.name, readProcStats(w.pid())?.cpuSeconds ?? NaN]));
  // Not children of the harness, but on the same two cores: the machine's Postgres, and this
  // process (the proctors' dashboards, the orchestration).
  cpu.set('postgres', commandCpuSeconds('postgres'));
  const self = process.cpuUsage();
  cpu.set('harness', (self.user + self.system) / 1e6);
  return cpu;
}
/** CPU use of each watched process and of the whole machine between two samples, in cores. */
function coresBetween(
  before: { procs: Map<string, number>; machine: { busy: number; total: number }; at: number },
  after: { procs: Map<string, number>; machine: { busy: number; total: number }; at: number },
): Row[] {
  const s = (after.at - before.at) / 1000;
  const of = (name: string) => ((after.procs.get(name) ?? NaN) - (before.procs.get(name) ?? NaN)) / s;
  const gens = [...after.procs.keys()].filter((k) => k.startsWith('load generator'));
  const machine = machineCores(before.machine, after.machine);
  return [
    ['server', of('server').toFixed(2)],
    ['worker', of('worker').toFixed(2)],
    ['redis-server', of('redis-server').toFixed(2)],
    ['postgres', of('postgres').toFixed(2)],
    ['load generators', gens.reduce((n, g) => n + of(g), 0).toFixed(2)],
    ['harness', of('harness').toFixed(2)],
    ['whole machine (other users included)', `${machine.toFixed(2)} of ${cpus().length}`],
  ];
}
function sample(watched: Watched[]) {
  return { procs: cpuOf(watched), machine: machineCpu(), at: performance.now() };
}

// ---- The server's own view: event-loop delay and GC pauses (its Prometheus metrics) ----------------
interface LoopSample {
  /**
   * Intervals of prom-client's 10 ms event-loop timer since the previous scrape (it resets on every
   * collect), ms: 10 means no delay.
   */
  lagP99Ms: number;
  lagMaxMs: number;
  /** Cumulative GC pauses by kind (major, minor, incremental, weakcb): count and seconds. */
  gc: Map<string, { count: number; seconds: number }>;
}
/**
 * Scrapes the server's /metrics; null when it does not answer. Tells a slow acknowledgement caused by
 * the server's loop (a GC pause, a burst of work) from one caused by a load generator's.
 */
async function serverLoop(url: string): Promise<LoopSample | null> {
  const text = await fetch(`${url}/metrics`)
    .then((r) => (r.ok ? r.text() : null))
    .catch(() => null);
  if (text === null) return null;
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const gc = new Map<string, { count: number; seconds: number }>();
  for (const m of text.matchAll(
    /^petakom_server_nodejs_gc_duration_seconds_(sum|count)\{kind="(\w+)"\} (\S+)$/gm,
  )) {
    const [, part, kind = '', v] = m;
    const entry = gc.get(kind) ?? { count: 0, seconds: 0 };
    if (part === 'sum') entry.seconds = Number(v);
    else entry.count = Number(v);
    gc.set(kind, entry);
  }
  return {
    lagP99Ms: value('petakom_server_nodejs_eventloop_lag_p99_seconds') * 1000,
    lagMaxMs: value('petakom_server_nodejs_eventloop_lag_max_seconds') * 1000,
    gc,
  };
}
/** Figures of the server's loop over a window that began with the scrape `before`. */
function loopRows(label: string, before: LoopSample | null, after: LoopSample | null, key: string): void {
  if (!before || !after) return;
  fig(
    `${label}: server event-loop timer p99 / max (ms; 10 = no delay)`,
    `${after.lagP99Ms.toFixed(1)} / ${after.lagMaxMs.toFixed(1)}`,
    `${key}LoopDelay`,
  );
  fig(`${label}: server GC pauses, count (total)`, gcPauses(before, after), `${key}Gc`);
}
function gcPauses(before: LoopSample, after: LoopSample): string {
  return [...after.gc]
    .map(([kind, a]) => {
      const b = before.gc.get(kind) ?? { count: 0, seconds: 0 };
      return `${kind} ${a.count - b.count} (${((a.seconds - b.seconds) * 1000).toFixed(0)} ms)`;
    })
    .join(', ');
}
/** One line: the loop's timer p99 / max over the window since `before`, and its GC pauses. */
function loopSummary(before: LoopSample, after: LoopSample): string {
  return `event-loop timer p99 / max ${after.lagP99Ms.toFixed(0)} / ${after.lagMaxMs.toFixed(0)} ms; GC ${gcPauses(before, after)}`;
}

function peakRss(watched: Watched[]): Map<string, number> {
  return new Map(watched.map((w) => [w.name, readProcStats(w.pid())?.peakRssMb ?? NaN]));
}

// ---- the platform under test -----------------------------------------------------------------------
interface Platform {
  db: TestDatabase;
  redis: OwnedRedis;
  redisClient: Redis;
  serverEnv: PlatformEnv;
  workerEnv: PlatformEnv;
  server: ServerProcess;
  worker: OwnedProcess;
  pgProxy: TcpProxy | null;
  sessionIds: string[];
  proctors: LoadProctor[];
  gens: LoadGenerators;
  watched: Watched[];
}

const cleanup: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  cleanup.length = 0;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));

async function setUp(options: {
  endsInMs: number;
  proxyPostgres: boolean;
  /** For `serve`: the fixed port k6 is pointed at, and no load generators. */
  port?: number;
  generators?: boolean;
}): Promise<Platform> {
  const setupStart = performance.now();
  log(`preparing ${N} participants in rooms of ${args['per-room']}…`);
  const db = await createTestDatabase('loadtest');
  cleanup.push(() => db.destroy());
  const fixture = await createLoadFixture(db.db, {
    participants: N,
    perRoom: Number(args['per-room']),
    endsAt: new Date(Date.now() + 6 * 3600_000),
  });
  const sessionIds = fixture.sessions.map((s) => s.sessionId);
  await sql`ANALYZE`.execute(db.db);

  const redis = await startOwnedRedis({
    appendfsync: args.appendfsync === 'everysec' ? 'everysec' : 'always',
    aofRewritePercentage: Number(args['aof-rewrite-percentage']),
    rdbcompression: args.rdbcompression === 'yes' ? 'yes' : 'no',
  });
  cleanup.push(() => redis.destroy());
  const redisClient = new Redis(redis.url, { maxRetriesPerRequest: null });
  redisClient.on('error', () => undefined);
  cleanup.push(() => redisClient.quit());

  // The common hard end of every attempt (the submit storm's deadline) is set just before the
  // attempts are prepared, because preparing copies it into each attempt's live state.
  const endsAt = new Date(Date.now() + options.endsInMs);
  await db.db.updateTable('exam_sessions').set({ ends_at: endsAt }).where('id', 'in', sessionIds).execute();
  const store = new ExamStore(redisClient, { prefix: PREFIX, shards });
  const prepStart = performance.now();
  for (let n = 0; n < sessionIds.length; n += 4) {
    await Promise.all(
      sessionIds.slice(n, n + 4).map(async (id) => {
        await prepareSession({ db: db.db, store }, id);
        // What the server's PrepareScheduler records after preparing, so it does not prepare again.
        await redisClient.hset(store.keys.session(id), 'prepared', '1');
      }),
    );
  }
  fig(
    'Redis used_memory with the attempts prepared (MB)',
    f1(await redisUsedMb(redisClient)),
    'redisPreparedMb',
  );
  fig(
    'attempts prepared ahead (prepareSession)',
    `${N} in ${((performance.now() - prepStart) / 1000).toFixed(1)} s`,
  );

  let pgProxy: TcpProxy | null = null;
  let databaseUrl = args['database-url'];
  if (options.proxyPostgres) {
    const target = new URL(databaseUrl);
    pgProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxy = pgProxy;
    cleanup.push(() => proxy.close());
    target.port = String(pgProxy.port);
    databaseUrl = target.toString();
  }
  const shared: PlatformEnv = {
    databaseUrl,
    databaseSchema: db.schema,
    redisUrl: redis.url,
    redisPrefix: PREFIX,
    shards,
    logLevel: 'warn',
    extra: {
      PETAKOM_SECRET: SECRET,
      ROOM_TOKEN_PERIOD_SEC: '0',
      DRAIN_CLAIM_IDLE_MS: '5000',
    },
  };
  // Each process its own profiling flags; restarts reuse the same env.
  const serverEnv: PlatformEnv = {
    ...shared,
    ...(args['server-node-args'] ? { nodeArgs: args['server-node-args'].split(' ') } : {}),
  };
  const server = await startServerProcess(serverEnv, 'server', options.port);
  const platform = { server } as { server: ServerProcess };
  cleanup.push(() => platform.server.stop());
  const workerEnv: PlatformEnv = {
    ...shared,
    logLevel: 'info',
    ...(args['worker-node-args'] ? { nodeArgs: args['worker-node-args'].split(' ') } : {}),
  };
  const worker = await startWorkerProcess(workerEnv);
  const w = { worker } as { worker: OwnedProcess };
  cleanup.push(() => w.worker.stop());

  const tokens = new RoomTokens(redisClient, (id) => `${PREFIX}sess:${id}`, {
    secret: SECRET,
    periodMs: 0,
    graceMs: 0,
  });
  const seats = fixture.sessions.flatMap((session) =>
    session.seats.map((seat) => ({ sessionId: session.sessionId, ...seat })),
  );
  const credentials = seats.map((s) => ({
    nip: s.nip,
    accessCode: s.accessCode,
    roomToken: tokens.token(s.sessionId, 0),
  }));
  if (options.generators === false) {
    const dir = join(repoRoot, 'loadtests', 'k6', 'data');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'participants.json'), `${JSON.stringify(credentials)}\n`);
    writeFileSync(join(dir, 'proctors.json'), `${JSON.stringify(fixture.proctors)}\n`);
  }
  const gens = await startLoadGenerators({
    children: options.generators === false ? 0 : children,
    ...(args['generator-node-args'] ? { nodeArgs: args['generator-node-args'].split(' ') } : {}),
    nice: Number(args['generator-nice']),
    urls: [server.url],
    seats: seats.map((s, n) => ({
      credentials: { ...(credentials[n] as (typeof credentials)[number]), deviceId: `loadtest-${s.nip}` },
      // A private address per participant: the server limits logins per address (CAT-room NAT).
      clientIp: `10.${Math.floor(n / 62_500)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`,
      seed: n + 1,
    })),
  });
  cleanup.push(() => gens.close());
  fig(
    'setup (fixture, prepare, processes, generators)',
    `${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
  );
  const p: Platform = {
    db,
    redis,
    redisClient,
    serverEnv,
    workerEnv,
    get server() {
      return platform.server;
    },
    set server(s: ServerProcess) {
      platform.server = s;
    },
    get worker() {
      return w.worker;
    },
    set worker(x: OwnedProcess) {
      w.worker = x;
    },
    pgProxy,
    sessionIds,
    proctors: fixture.proctors,
    gens,
    watched: [],
  };
  p.watched = [
    { name: 'server', pid: () => p.server.pid },
    { name: 'worker', pid: () => p.worker.pid },
    { name: 'redis-server', pid: () => p.redis.process().pid },
    ...gens.pids.map((pid, n) => ({ name: `load generator ${n + 1}`, pid: () => pid })),
  ];
  return p;
}

async function loginStorm(p: Platform): Promise<void> {
  log(`login storm: ${N} participants arrive over ${rampMs / 1000} s…`);
  const before = sample(p.watched);
  const loop0 = await serverLoop(p.server.url);
  const t0 = performance.now();
  const report = await p.gens.login(rampMs);
  const allInS = (performance.now() - t0) / 1000;
  const after = sample(p.watched);
  fig('participants logged in with their first section', `${report.latencies.length} / ${N}`, 'loggedIn');
  fig('login storm: all in after (s)', allInS.toFixed(1), 'loginStormSeconds');
  latencyRow('login → first section', report.latencies, 'loginToFirstItem');
  byRampWindow(report.startedAt, report.latencies, report.loopLag);
  fig('login errors', report.errors.length, 'loginErrors');
  const { views } = report;
  fig(
    'section views over HTTP: requests, KB received per participant (gzip), ms per request',
    `${views.requests}, ${(views.bytes / 1024 / Math.max(1, report.latencies.length)).toFixed(1)}, ${(
      views.ms / Math.max(1, views.requests)
    ).toFixed(0)}`,
    'loginViews',
  );
  const lq = pcts(report.loginMs);
  fig(
    'login request alone (to the access token) p50 / p95 / p99 (ms), retried requests',
    `${f1(lq.p50)} / ${f1(lq.p95)} / ${f1(lq.p99)}, ${report.loginRetries}`,
    'loginRequest',
  );
  const step = (values: number[]) => {
    const q = pcts(values);
    return `${f1(q.p50)}/${f1(q.p99)}`;
  };
  fig(
    'then p50/p99 (ms): socket open, resume answered, first section with its views',
    `${step(report.steps.socketMs)}, ${step(report.steps.resumeMs)}, ${step(report.steps.sectionMs)}`,
    'loginSteps',
  );
  const failures = Object.entries(report.connectFailures).sort((a, b) => b[1] - a[1]);
  fig(
    'socket connections tried again (reason: count)',
    failures.length === 0 ? '0' : failures.map(([r, n]) => `${r}: ${n}`).join('; '),
    'connectFailures',
  );
  for (const e of report.errors.slice(0, 3)) console.error(`  login error: ${e}`);
  const cores = coresBetween(before, after);
  fig('login storm: cores busy', cores.map(([k, v]) => `${k} ${v}`).join(', '), 'loginStormCores');
  const serverS = (after.procs.get('server') ?? NaN) - (before.procs.get('server') ?? NaN);
  fig(
    'server CPU ms per participant logged in',
    ((serverS * 1000) / Math.max(1, report.latencies.length)).toFixed(1),
    'loginServerCpuMs',
  );
  loopRows('login storm', loop0, await serverLoop(p.server.url), 'loginStorm');
}

function answerRows(label: string, r: AnswerReport, seconds: number, key: string): ReturnType<typeof pcts> {
  fig(`${label}: answers acknowledged`, r.acked);
  fig(`${label}: acknowledged answers per second`, (r.acked / seconds).toFixed(1), `${key}PerSecond`);
  const p = latencyRow(`${label}: ack latency`, r.latencies, `${key}Latency`);
  fig(`${label}: rejected / resent`, `${r.rejected} / ${r.retries}`);
  return p;
}

/**
 * A phase's answers second by second (p99 of each, from its first send), how late the generators ran
 * in each of those seconds (the most any one was behind), the seconds (1 = the first) in which
 * Redis was seen rewriting its AOF, and those in which it was blocked in fsync.
 */
function bySecond(r: AnswerReport, rewritingAt: readonly number[], fsyncStalls: readonly FsyncStall[]) {
  const first = r.sentAt.reduce((a, b) => Math.min(a, b), Infinity);
  const p99s = windowPcts(
    r.sentAt.map((at, n) => [at, r.latencies[n] as number] as const),
    first,
    1_000,
  ).map((w) => w.p99);
  // The most any generator ran late in each second: its delay is in every latency it measured then.
  const generatorLateMax = windowPcts(r.loopLag, first, 1_000).map((w) => w.max);
  const secondOf = (at: number) => Math.floor((at - first) / 1000) + 1;
  const rewriteSeconds = [...new Set(rewritingAt.map(secondOf))];
  // Redis stamps a stall with its whole second, so the step's second is known to within one.
  const longest = new Map<number, number>();
  for (const s of fsyncStalls) {
    const second = Math.max(1, secondOf(s.at));
    longest.set(second, Math.max(longest.get(second) ?? 0, s.ms));
  }
  const stalls = [...longest].map(([second, ms]) => `${second}: ${ms}`);
  return { p99s, generatorLateMax, rewriteSeconds, stalls };
}

interface FsyncStall {
  /** Epoch ms of the second Redis stamped it with. */
  at: number;
  /** The longest fsync of that second, ms. */
  ms: number;
}

/**
 * The seconds since `sinceMs` in which Redis's fsync of its append-only file (appendfsync always:
 * on its main thread) blocked it at least 10 ms, with the longest of each: every answer waits then.
 * Redis keeps the last 160 such seconds: a phase that stalled in more shows its last 160.
 */
async function fsyncStallsSince(p: Platform, sinceMs: number): Promise<FsyncStall[]> {
  const history = (await p.redisClient.call('LATENCY', 'HISTORY', 'aof-fsync-always')) as [number, number][];
  return history
    .map(([at, ms]) => ({ at: at * 1000, ms }))
    .filter((s) => s.at >= Math.floor(sinceMs / 1000) * 1000);
}

/** A list as a phase prints it, or `none`. */
function listOrNone(items: readonly (string | number)[], separator: string): string {
  return items.length > 0 ? items.join(separator) : 'none';
}

async function steady(p: Platform, durationMs: number, label = 'steady'): Promise<void> {
  log(`${label}: one answer per ${intervalMs / 1000} s each for ${durationMs / 1000} s…`);
  const before = sample(p.watched);
  const loop0 = await serverLoop(p.server.url);
  const cpu0 = before.procs;
  const rewriting = watchRewrites(p);
  const t0 = performance.now();
  const startedAt = Date.now();
  const r = await p.gens.steady(intervalMs, durationMs);
  const s = (performance.now() - t0) / 1000;
  const rewritingAt = await rewriting.stop();
  const fsyncStalls = await fsyncStallsSince(p, startedAt);
  const cpu1 = cpuOf(p.watched);
  answerRows(label, r, s, 'steady');
  // A minute's p99 can rest on one bad second: say which, and whether Redis was rewriting then.
  const { p99s, generatorLateMax, rewriteSeconds, stalls } = bySecond(r, rewritingAt, fsyncStalls);
  const worst = p99s
    .map((p99, n) => ({ second: n + 1, p99, late: generatorLateMax[n] ?? NaN }))
    .sort((a, b) => b.p99 - a.p99)
    .slice(0, 3);
  fig(
    `${label}: worst seconds (second: p99 ms, generators late by up to ms)`,
    worst.map((w) => `${w.second}: ${w.p99.toFixed(0)}, ${w.late.toFixed(0)}`).join('; '),
  );
  fig(`${label}: AOF rewrite running in second`, listOrNone(rewriteSeconds, ', '));
  fig(`${label}: Redis blocked ≥ 10 ms in fsync (second: longest ms)`, listOrNone(stalls, '; '));
  loopRows(label, loop0, await serverLoop(p.server.url), 'steady');
  const serverCpu = ((cpu1.get('server') ?? NaN) - (cpu0.get('server') ?? NaN)) / s;
  fig(`${label}: server CPU (cores busy)`, serverCpu.toFixed(3), 'steadyServerCores');
  const workerCpu = ((cpu1.get('worker') ?? NaN) - (cpu0.get('worker') ?? NaN)) / s;
  fig(`${label}: worker CPU (cores busy)`, workerCpu.toFixed(3), 'steadyWorkerCores');
  const redisCpu = ((cpu1.get('redis-server') ?? NaN) - (cpu0.get('redis-server') ?? NaN)) / s;
  fig(`${label}: redis-server CPU (cores busy)`, redisCpu.toFixed(3), 'steadyRedisCores');
  const cores = coresBetween(before, sample(p.watched));
  fig(`${label}: cores busy`, cores.map(([k, v]) => `${k} ${v}`).join(', '));
}

/** Redis's AOF rewrites so far, whether one runs now, and the CPU its ended children took. */
async function aofRewrites(
  p: Platform,
): Promise<{ count: number; running: boolean; childCpuSeconds: number }> {
  const info = await p.redisClient.info('persistence');
  return {
    count: Number(/^aof_rewrites:(\d+)/m.exec(info)?.[1] ?? NaN),
    running: /^aof_rewrite_in_progress:1/m.test(info),
    childCpuSeconds: readProcStats(p.redis.process().pid)?.childCpuSeconds ?? NaN,
  };
}

/** Looks four times a second whether an AOF rewrite runs; stop() gives the moments (epoch ms) it did. */
function watchRewrites(p: Platform): { stop(): Promise<number[]> } {
  const seen: number[] = [];
  let polling = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling
      .then(async () => {
        if ((await aofRewrites(p)).running) seen.push(Date.now());
      })
      .catch(() => undefined);
  }, 250);
  return {
    async stop() {
      clearInterval(timer);
      await polling;
      return seen;
    },
  };
}

async function stress(p: Platform): Promise<void> {
  const stepMs = Number(args.step) * 1000;
  const table: Row[] = [];
  const steps: unknown[] = [];
  let best = 0;
  for (const rate of args.rates.split(',').map(Number)) {
    log(`stress: ${rate} answers/s offered for ${stepMs / 1000} s…`);
    const cpu0 = cpuOf(p.watched);
    const rewrites0 = await aofRewrites(p);
    const rewriting = watchRewrites(p);
    const loop0 = await serverLoop(p.server.url);
    const machine0 = machineCpu();
    const t0 = performance.now();
    const startedAt = Date.now();
    const r = await p.gens.rate(rate, stepMs);
    const s = (performance.now() - t0) / 1000;
    const rewritingAt = await rewriting.stop();
    const fsyncStalls = await fsyncStallsSince(p, startedAt);
    const loop1 = await serverLoop(p.server.url);
    const cpu1 = cpuOf(p.watched);
    const machine = machineCores(machine0, machineCpu());
    const rewrites1 = await aofRewrites(p);
    const rewrites = rewrites1.count - rewrites0.count;
    const rewriteCpu = rewrites1.childCpuSeconds - rewrites0.childCpuSeconds;
    const q = pcts(r.latencies);
    const achieved = r.acked / s;
    const cores = (name: string) => ((cpu1.get(name) ?? NaN) - (cpu0.get(name) ?? NaN)) / s;
    const gen = p.watched
      .filter((w) => w.name.startsWith('load generator'))
      .reduce((n, w) => n + cores(w.name), 0);
    table.push([
      `${String(rate).padStart(6)} offered`,
      `${achieved.toFixed(0).padStart(6)} acked/s  p50 ${f1(q.p50)}  p99 ${f1(q.p99)}  max ${f1(q.max)} ms  skipped ${r.skipped}  cores: server ${cores('server').toFixed(2)} redis ${cores('redis-server').toFixed(2)} worker ${cores('worker').toFixed(2)} postgres ${cores('postgres').toFixed(2)} generators ${gen.toFixed(2)} harness ${cores('harness').toFixed(2)} machine ${machine.toFixed(2)}`,
    ]);
    // A step's tail may sit in a few of its seconds (a burst of other work) or spread over all.
    const { p99s, generatorLateMax, rewriteSeconds, stalls } = bySecond(r, rewritingAt, fsyncStalls);
    table.push(['', `p99 by second (ms): ${p99s.map((p99) => p99.toFixed(0)).join(' ')}`]);
    // Which side a slow second was on: a generator running late (the simulated browsers' own
    // stall) or the server's loop (its GC, a burst of its work).
    table.push([
      '',
      `generators late by second, max (ms): ${generatorLateMax.map((m) => m.toFixed(0)).join(' ')}`,
    ]);
    if (loop0 && loop1) table.push(['', `server: ${loopSummary(loop0, loop1)}`]);
    // Redis's automatic AOF rewrite forks a child that takes about a core for about a second: the
    // one burst a step's worst seconds most often line up with, so each step says whether it had one.
    table.push([
      '',
      `AOF rewrites in the step: ${rewrites}` +
        (rewrites > 0 ? `, their children ${rewriteCpu.toFixed(1)} CPU s` : '') +
        (rewriteSeconds.length > 0 ? `, running in second ${rewriteSeconds.join(', ')} of the step` : ''),
    ]);
    // appendfsync always fsyncs on Redis's main thread: a slow disk holds every answer at once.
    table.push(['', `Redis blocked ≥ 10 ms in fsync (second: longest ms): ${listOrNone(stalls, '; ')}`]);
    steps.push({
      offered: rate,
      achieved,
      ...q,
      skipped: r.skipped,
      p99BySecond: p99s,
      generatorLateMaxBySecond: generatorLateMax,
      serverLoopMaxMs: loop1?.lagMaxMs ?? null,
      serverCores: cores('server'),
      redisCores: cores('redis-server'),
      workerCores: cores('worker'),
      postgresCores: cores('postgres'),
      generatorCores: gen,
      harnessCores: cores('harness'),
      machineCores: machine,
      aofRewrites: rewrites,
      aofRewriteSeconds: rewriteSeconds,
      fsyncStalls: stalls,
    });
    if (q.p99 <= 100 && r.skipped === 0) best = Math.max(best, achieved);
    if (q.p99 > 1000) break;
  }
  printTable('stress steps (offered rate → acknowledged rate, latency)', table);
  figures['stressSteps'] = steps;
  fig('stress: highest sustained acknowledged answers/s with p99 ≤ 100 ms', best.toFixed(0), 'stressBest');
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`${what}: not reached in ${timeoutMs / 1000} s`);
    await sleep(250);
  }
  return (performance.now() - t0) / 1000;
}

async function closedAndScored(p: Platform): Promise<{ closed: number; scored: number; results: number }> {
  const closed = await p.db.db
    .selectFrom('attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('session_id', 'in', p.sessionIds)
    .where('status', 'in', ['finished', 'timed_out', 'force_finished'])
    .executeTakeFirstOrThrow();
  const scored = await sql<{ attempts: string; results: string }>`
    SELECT count(DISTINCT r.attempt_id) AS attempts, count(*) AS results
    FROM results r JOIN attempts a ON a.id = r.attempt_id
    WHERE a.session_id = ANY(${p.sessionIds}::uuid[])`.execute(p.db.db);
  const row = scored.rows[0];
  return { closed: Number(closed.n), scored: Number(row?.attempts ?? 0), results: Number(row?.results ?? 0) };
}

async function submitStorm(p: Platform, deadline: number): Promise<void> {
  const left = deadline - Date.now();
  if (left < 2_000)
    throw new Error(`the deadline passed ${-left} ms before every participant was in; raise --deadline-in`);
  log(
    `submit storm: ${N} attempts reach their deadline in ${(left / 1000).toFixed(0)} s (steady answering until then)…`,
  );
  await p.gens.steady(intervalMs, Math.max(0, left - 1_000));
  await sleep(Math.max(0, deadline - Date.now()));
  const cpu0 = cpuOf(p.watched);
  const closedS = await waitUntil(
    'all attempts closed in Postgres',
    600_000,
    async () => (await closedAndScored(p)).closed >= N,
  );
  fig('submit storm: all attempts closed in Postgres after (s)', closedS.toFixed(1), 'submitClosedSeconds');
  const scoredS = await waitUntil(
    'all attempts scored',
    600_000,
    async () => (await closedAndScored(p)).scored >= N,
  );
  const cpu1 = cpuOf(p.watched);
  const fin = await closedAndScored(p);
  fig(
    'submit storm: all attempts scored after (s, from the deadline)',
    (closedS + scoredS).toFixed(1),
    'submitScoredSeconds',
  );
  fig('attempts closed / scored / result rows', `${fin.closed} / ${fin.scored} / ${fin.results}`);
  fig('worker CPU seconds (close → scored)', f1((cpu1.get('worker') ?? NaN) - (cpu0.get('worker') ?? NaN)));
}

async function reconnectStorm(p: Platform, answeringMs = 240_000): Promise<void> {
  const background = p.gens.steady(intervalMs, answeringMs);
  await sleep(Math.min(20_000, answeringMs / 4));
  log(`reconnect storm: kill -9 the server with ${N} connected…`);
  await p.gens.mark();
  const t0 = performance.now();
  await p.server.kill9();
  // The supervisor (systemd Restart=always, compose restart: always) starts it again at once; under
  // the reconnect flood its /health may answer late, which is measured, not treated as a failure.
  p.server = await startServerProcess(p.serverEnv, 'server', p.server.port, 600_000);
  const restartS = (performance.now() - t0) / 1000;
  fig(
    'reconnect storm: restarted server answering /health after (s, from the kill)',
    restartS.toFixed(1),
    'serverRestartSeconds',
  );
  let last = { resumed: 0, connected: 0, total: N, lastMs: 0 };
  try {
    const allBackS = await waitUntil('all participants resumed', 600_000, async () => {
      last = await p.gens.resumed();
      return last.resumed >= last.total;
    });
    fig(
      'reconnect storm: all back and resumed after (s, from the kill)',
      (allBackS + restartS).toFixed(1),
      'reconnectSeconds',
    );
  } catch (err) {
    fig('reconnect storm: not all back', String(err), 'reconnectSeconds');
  }
  fig('participants resumed', `${last.resumed} / ${last.total}`);
  log('reconnect storm: answering goes on…');
  const r = await background;
  answerRows('during the storm', r, answeringMs / 1000, 'reconnect');
}

async function faults(p: Platform): Promise<void> {
  const durationMs = Number(args.duration ?? 240) * 1000;
  const cutMs = Number(args['postgres-cut']) * 1000;
  const background = p.gens.steady(intervalMs, durationMs);
  const events: Row[] = [];
  const at = async (s: number) => sleep(Math.max(0, s * 1000 - (performance.now() - t0)));
  const t0 = performance.now();
  const stamp = () => `t+${((performance.now() - t0) / 1000).toFixed(1)} s`;
  await at(20);
  events.push([stamp(), 'kill -9 server; restart on the same port']);
  await p.server.kill9();
  p.server = await startServerProcess(p.serverEnv, 'server', p.server.port);
  events.push([stamp(), 'server ready']);
  await at(60);
  events.push([stamp(), 'kill -9 worker; restart']);
  await p.worker.kill9();
  p.worker = await startWorkerProcess(p.workerEnv);
  events.push([stamp(), 'worker ready']);
  await at(100);
  events.push([stamp(), 'kill -9 redis-server (AOF, fsync always); restart from its AOF']);
  await p.redis.restart();
  events.push([stamp(), 'redis-server answering PING']);
  await at(140);
  if (p.pgProxy) {
    events.push([
      stamp(),
      `Postgres cut for ${cutMs / 1000} s (TCP proxy between the platform and Postgres)`,
    ]);
    await p.pgProxy.cut();
    await sleep(cutMs);
    await p.pgProxy.restore();
    events.push([stamp(), 'Postgres reachable again']);
  }
  const r = await background;
  events.push([stamp(), 'steady answering ended']);
  printTable('fault schedule (as it happened)', events);
  figures['faultEvents'] = events;
  answerRows('under faults', r, durationMs / 1000, 'faults');
  log('faults: every participant finishes; waiting for scoring…');
  const finished = await p.gens.finish();
  fig('attempts finished by their participant', `${finished} / ${N}`);
  const scoredS = await waitUntil(
    'all attempts scored',
    600_000,
    async () => (await closedAndScored(p)).scored >= N,
  );
  const fin = await closedAndScored(p);
  fig('all attempts scored after finishing (s)', scoredS.toFixed(1));
  fig(
    'attempts closed / scored / result rows (must be equal: scored once)',
    `${fin.closed} / ${fin.scored} / ${fin.results}`,
    'scoredOnce',
  );
  figures['scoredOnceOk'] = fin.closed === N && fin.scored === N && fin.results === N;
}

async function redisUsedMb(redis: Redis): Promise<number> {
  return (await readRedisMemory(redis)).used / 2 ** 20;
}

/**
 * Runs the worker's live-state archive over the run's rooms as if their end were long past, and says
 * what it took and what Redis holds after it: what a day's sessions leave behind once archived.
 */
async function archiveLiveState(p: Platform): Promise<void> {
  const lastEnd = await p.db.db
    .selectFrom('exam_sessions')
    .select((eb) => eb.fn.max('ends_at').as('endsAt'))
    .where('id', 'in', p.sessionIds)
    .executeTakeFirstOrThrow();
  const store = new ExamStore(p.redisClient, { prefix: PREFIX, shards });
  const started = performance.now();
  const run = await archiveEndedSessions(
    {
      db: p.db.db,
      redis: p.redisClient,
      store,
      feed: new RoomFeed(p.redisClient, store.keys),
      log: quietLog,
    },
    { afterMs: 0, now: new Date(lastEnd.endsAt).getTime() + 1 },
  );
  fig(
    'live state archived to Postgres: rooms, waiting, seconds',
    `${run.archived.length} / ${p.sessionIds.length}, ${run.waiting.length}, ${f1((performance.now() - started) / 1000)}`,
    'archivedRooms',
  );
  fig('Redis used_memory after the archive (MB)', f1(await redisUsedMb(p.redisClient)), 'redisArchivedMb');
}

async function auditAll(p: Platform): Promise<boolean> {
  log('waiting for the worker to drain the answer log…');
  const backlog = await drainBacklog(p.redisClient, PREFIX, shards);
  const t0 = performance.now();
  await waitForDrain(p.redisClient, PREFIX, shards, 600_000);
  fig(
    'answer-log backlog at end / drained in (s)',
    `${backlog} / ${((performance.now() - t0) / 1000).toFixed(1)}`,
  );
  const collected = await p.gens.collect();
  const audit = await auditAnswers(p.db.db, collected.attempts);
  fig('acknowledged answers audited against Postgres', audit.acked, 'auditedAnswers');
  fig('answers lost (acknowledged, absent from answer_log)', audit.lost.length, 'answersLost');
  fig('items stale in attempt_answers', audit.stale.length, 'staleItems');
  fig('acknowledged answers missing from a resume snapshot', collected.missingOnResume, 'missingOnResume');
  return audit.lost.length === 0 && audit.stale.length === 0 && collected.missingOnResume === 0;
}

let ok = false;
// Taken before anything else runs: how fast the vCPUs are today, to compare runs across days.
const referenceMsAtStart = referenceWorkMs();
try {
  const needsDeadline = scenario === 'submit-storm' || scenario === 'exam-day';
  const steadyMs = Number(args.duration ?? 120) * 1000;
  const reconnectMs = Number(args['reconnect-for']) * 1000;
  const deadlineInMs =
    Number(
      args['deadline-in'] ??
        Math.ceil(
          rampMs / 1000 + 60 + N / 200 + (scenario === 'exam-day' ? (steadyMs + reconnectMs) / 1000 + 30 : 0),
        ),
    ) * 1000;
  const p = await setUp({
    endsInMs: needsDeadline ? deadlineInMs : 6 * 3600_000,
    proxyPostgres: scenario === 'faults',
    ...(scenario === 'serve' ? { port: Number(args.port ?? 3000), generators: false } : {}),
  });
  if (scenario === 'serve') {
    console.log(
      `\nserving ${N} participants at ${p.server.url}; k6 data in loadtests/k6/data/. For example:\n` +
        `  k6 run -e BASE_URL=${p.server.url} -e SPREAD_XFF=true -e PARTICIPANTS=./data/participants.json loadtests/k6/exam-day.js\n` +
        'Ctrl-C ends it.',
    );
    await new Promise(() => undefined);
  }
  const deadline = needsDeadline
    ? Number(
        (
          await p.db.db
            .selectFrom('exam_sessions')
            .select('ends_at')
            .where('id', '=', p.sessionIds[0] ?? '')
            .executeTakeFirstOrThrow()
        ).ends_at.getTime(),
      )
    : 0;
  const watchers = args.proctors === 'all' ? await watchRooms(p.server.url, p.proctors) : null;
  if (watchers) {
    cleanup.push(async () => watchers.close());
    // Pengawas open their rooms before the participants arrive, as on an exam day.
    await Promise.race([watchers.joined, sleep(60_000)]);
  }
  await loginStorm(p);
  switch (scenario) {
    case 'connect': {
      log(`holding ${N} connections for ${args.hold} s…`);
      await sleep(Number(args.hold) * 1000);
      const r = await p.gens.resumed();
      fig('participants connected at once through one server process', `${r.connected} / ${N}`, 'connected');
      break;
    }
    case 'login-storm':
      break;
    case 'steady':
      await steady(p, steadyMs);
      break;
    case 'exam-day':
      await steady(p, steadyMs);
      await reconnectStorm(p, reconnectMs);
      await submitStorm(p, deadline);
      break;
    case 'stress':
      // The exam pace first (a point of the scaling table), then the offered rate is raised.
      if (args.duration !== '0') await steady(p, Number(args.duration ?? 60) * 1000);
      await stress(p);
      break;
    case 'submit-storm':
      await submitStorm(p, deadline);
      break;
    case 'reconnect-storm':
      await reconnectStorm(p, Math.max(reconnectMs, 60_000));
      break;
    case 'faults':
      await faults(p);
      break;
  }
  if (watchers) {
    fig('proctor dashboards watching (one per room)', watchers.rooms);
    latencyRow('proctor room:join', watchers.joinLatencies, 'roomJoin');
    fig(
      'seat updates / incidents pushed to dashboards',
      `${watchers.seatUpdates()} / ${watchers.incidents()}`,
      'seatUpdates',
    );
    fig('proctor errors', watchers.errors.length, 'proctorErrors');
    for (const e of watchers.errors.slice(0, 3)) console.error(`  proctor error: ${e}`);
  }
  const rss = peakRss(p.watched);
  fig('server peak RSS (MB)', f1(rss.get('server') ?? NaN), 'serverPeakRssMb');
  fig('worker peak RSS (MB)', f1(rss.get('worker') ?? NaN));
  ok = await auditAll(p);
  if (scenario === 'faults') ok = ok && figures['scoredOnceOk'] === true;
  fig('Redis used_memory at the end (MB)', f1(await redisUsedMb(p.redisClient)), 'redisEndMb');
  // Every attempt is closed by now: the worker's archive (normally 12 h later) can take the rooms.
  if (scenario === 'exam-day' || scenario === 'submit-storm' || scenario === 'faults')
    await archiveLiveState(p);
} catch (err) {
  console.error(err);
  fig('run failed', String(err).split('\n')[0] ?? 'error', 'failure');
} finally {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
  const command = `pnpm loadtest ${process.argv.slice(2).join(' ')}`;
  fig('machine', machine);
  fig(
    'reference work, CPU ms (the same work every run; lower is a faster machine): start / end',
    `${referenceMsAtStart.toFixed(1)} / ${referenceWorkMs().toFixed(1)}`,
    'referenceWorkMs',
  );
  fig('command', command);
  printTable(
    `loadtest ${scenario} — ${N} participants, ${children} load generators, ${new Date().toISOString()}, node ${process.version}`,
    rows,
  );
  const dir = join(repoRoot, 'loadtests', 'results');
  mkdirSync(dir, { recursive: true });
  // One JSON object on one line (.ndjson): easy to collect, and not something formatters rewrite.
  const file = join(dir, `${scenario}-${N}-${new Date().toISOString().replaceAll(':', '')}.ndjson`);
  writeFileSync(
    file,
    `${JSON.stringify({ scenario, participants: N, command, machine, ok, rows, figures })}\n`,
  );
  console.error(`figures written to ${file}`);
  await cleanUp();
  process.exit(ok ? 0 : 1);
}
