// `pnpm bench:exam`: a first exam-day benchmark on loopback. Starts a server and a worker on their
// own Postgres schema and their own redis-server (AOF, fsync always, as shipped), connects N
// participants with the real socket.io-client, lets each answer at a steady pace for a fixed time,
// then prints acknowledgement latency, throughput, server CPU and memory, and answers lost
// (checked against Postgres after the drain). Prints figures; asserts nothing.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { RoomTokens } from '../../apps/server/src/auth/room-token.ts';
import { createExamFixture } from '../../apps/server/test/fixtures.ts';
import {
  Participant,
  Redis,
  auditAnswers,
  createTestDatabase,
  drainBacklog,
  percentile,
  printTable,
  readProcStats,
  startOwnedRedis,
  startServerProcess,
  startWorkerProcess,
  waitForDrain,
  type OwnedProcess,
  type ProcStats,
  type Row,
} from './harness/index.ts';

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '500' },
    duration: { type: 'string', default: '60' },
    'interval-ms': { type: 'string', default: '1000' },
    shards: { type: 'string', default: '16' },
    appendfsync: { type: 'string', default: 'always' },
    'database-url': {
      type: 'string',
      default: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const participantsWanted = Number(args.participants);
const durationMs = Number(args.duration) * 1000;
const intervalMs = Number(args['interval-ms']);
const shards = Number(args.shards);
const PER_SESSION = 75;
const SECRET = 'bench-exam-secret-0123456789abcdefghij';
const PREFIX = 'pk:';

async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  for (let n = 0; n < items.length; n += size) await Promise.all(items.slice(n, n + size).map(work));
}

function watchPeak(proc: OwnedProcess): { stop(): ProcStats | null } {
  let last: ProcStats | null = readProcStats(proc.pid);
  const timer = setInterval(() => {
    last = readProcStats(proc.pid) ?? last;
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      last = readProcStats(proc.pid) ?? last;
      return last;
    },
  };
}

const cleanup: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

try {
  console.error(`bench:exam: preparing ${participantsWanted} participants…`);
  const db = await createTestDatabase('bench_exam');
  cleanup.push(() => db.destroy());
  const fixture = await createExamFixture(db.db, { timeLimitSec: Math.ceil(durationMs / 1000) + 3600 });
  const sessions = [];
  for (let left = participantsWanted; left > 0; left -= PER_SESSION) {
    sessions.push(await fixture.addSession({ participants: Math.min(PER_SESSION, left) }));
  }
  const appendfsync = args.appendfsync === 'everysec' ? 'everysec' : 'always';
  const redis = await startOwnedRedis({ appendfsync });
  cleanup.push(() => redis.destroy());
  const redisClient = new Redis(redis.url, { maxRetriesPerRequest: null });
  redisClient.on('error', () => undefined);
  cleanup.push(() => redisClient.quit());
  const env = {
    databaseUrl: args['database-url'],
    databaseSchema: db.schema,
    redisUrl: redis.url,
    redisPrefix: PREFIX,
    shards,
    logLevel: 'warn',
    extra: { PETAKOM_SECRET: SECRET, ROOM_TOKEN_PERIOD_SEC: '0' },
  };
  const server = await startServerProcess(env, 'server');
  cleanup.push(() => server.stop());
  const worker = await startWorkerProcess({ ...env, logLevel: 'info' });
  cleanup.push(() => worker.stop());

  const tokens = new RoomTokens(redisClient, (id) => `${PREFIX}sess:${id}`, {
    secret: SECRET,
    periodMs: 0,
    graceMs: 0,
  });
  const credentials = sessions.flatMap((session) =>
    session.participants.map((p) => ({
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: tokens.token(session.sessionId, 0),
      deviceId: `bench-${p.nip}`,
    })),
  );
  const clients = credentials.map(
    (c, n) =>
      new Participant([server.url], c, {
        seed: n + 1,
        ackTimeoutMs: 30_000,
        clientIp: `10.${Math.floor(n / 62500)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`,
      }),
  );
  cleanup.push(() => Promise.all(clients.map((c) => c.close())));
  console.error('bench:exam: logging in and connecting…');
  await inBatches(clients, 25, (c) => c.login());
  await inBatches(clients, 50, (c) => c.connect());
  const connected = clients.filter((c) => c.connects > 0).length;

  console.error(`bench:exam: ${connected} connected; answering for ${durationMs / 1000} s…`);
  const serverStart = readProcStats(server.pid);
  const workerStart = readProcStats(worker.pid);
  const redisStart = readProcStats(redis.process().pid);
  const benchStart = process.cpuUsage();
  const serverPeak = watchPeak(server);
  const workerPeak = watchPeak(worker);
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    clients.map(async (c) => {
      // Spread the participants over the interval so the load is steady, not in waves.
      await sleep(Math.random() * intervalMs);
      let next = performance.now();
      while (performance.now() < until && !c.finished) {
        await c.answerOne();
        next += intervalMs;
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const benchCpu = process.cpuUsage(benchStart);
  const redisEnd = readProcStats(redis.process().pid);
  const serverEnd = serverPeak.stop();
  const backlogAtEnd = await drainBacklog(redisClient, PREFIX, shards);
  const drainStarted = performance.now();
  await waitForDrain(redisClient, PREFIX, shards, 300_000);
  const drainS = (performance.now() - drainStarted) / 1000;
  const workerEnd = workerPeak.stop();

  const audit = await auditAnswers(
    db.db,
    clients.map((c) => ({ attemptId: c.attemptId, acked: c.acked })),
  );
  const latencies = clients.flatMap((c) => c.acked.map((a) => a.latencyMs)).sort((a, b) => a - b);
  const rejected = clients.reduce((n, c) => n + c.rejected.length, 0);
  const retries = clients.reduce((n, c) => n + c.retries, 0);
  const rows: Row[] = [
    ['participants connected', `${connected} / ${participantsWanted}`],
    ['answer pace per participant', `1 every ${intervalMs} ms for ${(durationMs / 1000).toFixed(0)} s`],
    ['answers acknowledged', String(audit.acked)],
    ['acknowledged answers per second', (audit.acked / elapsedS).toFixed(1)],
    [
      'ack latency p50 / p95 / p99 (ms)',
      [50, 95, 99].map((p) => percentile(latencies, p).toFixed(1)).join(' / '),
    ],
    ['ack latency max (ms)', (latencies.at(-1) ?? NaN).toFixed(1)],
    ['answers rejected / resent', `${rejected} / ${retries}`],
    [
      'server CPU seconds (answering)',
      ((serverEnd?.cpuSeconds ?? NaN) - (serverStart?.cpuSeconds ?? NaN)).toFixed(2),
    ],
    ['server peak RSS (MB)', (serverEnd?.peakRssMb ?? NaN).toFixed(0)],
    [
      'worker CPU seconds (answering + drain)',
      ((workerEnd?.cpuSeconds ?? NaN) - (workerStart?.cpuSeconds ?? NaN)).toFixed(2),
    ],
    ['worker peak RSS (MB)', (workerEnd?.peakRssMb ?? NaN).toFixed(0)],
    [
      `redis-server CPU seconds (appendfsync ${appendfsync})`,
      ((redisEnd?.cpuSeconds ?? NaN) - (redisStart?.cpuSeconds ?? NaN)).toFixed(2),
    ],
    ['load generator CPU seconds (this process)', ((benchCpu.user + benchCpu.system) / 1e6).toFixed(2)],
    ['stream backlog at end / drained in (s)', `${backlogAtEnd} / ${drainS.toFixed(2)}`],
    ['answers lost (vs Postgres answer_log)', String(audit.lost.length)],
    ['machine: cores / load average (1 min) at end', `${cpus().length} / ${loadavg()[0]?.toFixed(2)}`],
    ['items stale in attempt_answers', String(audit.stale.length)],
  ];
  printTable(
    `bench:exam — ${new Date().toISOString()}, node ${process.version}, loopback, 1 server, 1 worker`,
    rows,
  );
  await cleanUp();
  process.exit(audit.lost.length === 0 ? 0 : 1);
} catch (err) {
  console.error(err);
  await cleanUp();
  process.exit(1);
}
