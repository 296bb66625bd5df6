// One small exam day on real processes for the durability tests: a migrated test schema with the
// server's fixture (agency, battery, an open session, registrations), a test-owned redis-server
// with AOF, server processes, a worker, and participants logged in and answering.
import { RoomTokens } from '../../apps/server/src/auth/room-token.ts';
import { createExamFixture } from '../../apps/server/test/fixtures.ts';
import {
  Participant,
  Redis,
  auditAnswers,
  createTestDatabase,
  startOwnedRedis,
  startServerProcess,
  startTcpProxy,
  startWorkerProcess,
  waitForDrain,
  type AuditResult,
  type OwnedProcess,
  type OwnedRedis,
  type PlatformEnv,
  type ServerProcess,
  type TcpProxy,
  type TestDatabase,
} from '../../loadtests/src/harness/index.ts';

const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'durability-test-secret-0123456789abcdef';
export const PREFIX = 'pk:';
export const SHARDS = 4;

export interface ExamDayOptions {
  participants: number;
  servers: number;
  /** Route every Postgres connection (servers and worker) through a proxy the test can cut. */
  proxyPostgres?: boolean;
}

export interface ExamDay {
  db: TestDatabase;
  redis: OwnedRedis;
  /** A client of the test-owned redis-server, for looking at the streams. */
  redisClient: Redis;
  servers: ServerProcess[];
  worker: OwnedProcess;
  postgresProxy: TcpProxy | null;
  participants: Participant[];
  /** Every participant answers `count` more answers, one at a time each, all at once. */
  answerAll(count: number): Promise<void>;
  ackedCount(): number;
  waitForDrain(): Promise<void>;
  audit(): Promise<AuditResult>;
  /** Processes' recent output, for failure messages. */
  logs(): string;
  close(): Promise<void>;
}

export async function startExamDay(options: ExamDayOptions): Promise<ExamDay> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const run = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  try {
    const db = await createTestDatabase('durability');
    cleanup.push(() => db.destroy());
    const fixture = await createExamFixture(db.db, { timeLimitSec: 3600 });
    const session = await fixture.addSession({ participants: options.participants });

    const redis = await startOwnedRedis();
    cleanup.push(() => redis.destroy());
    const redisClient = new Redis(redis.url, { maxRetriesPerRequest: null });
    redisClient.on('error', () => undefined);
    cleanup.push(() => redisClient.quit());

    // The proxy starts first so that servers and worker alike reach Postgres only through it.
    let postgresProxy: TcpProxy | null = null;
    let databaseUrl = DATABASE_URL;
    if (options.proxyPostgres) {
      const target = new URL(DATABASE_URL);
      const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      postgresProxy = proxy;
      cleanup.push(() => proxy.close());
      target.port = String(proxy.port);
      databaseUrl = target.toString();
    }
    const env: PlatformEnv = {
      databaseUrl,
      databaseSchema: db.schema,
      redisUrl: redis.url,
      redisPrefix: PREFIX,
      shards: SHARDS,
      extra: { PETAKOM_SECRET: SECRET, ROOM_TOKEN_PERIOD_SEC: '0', DRAIN_CLAIM_IDLE_MS: '2000' },
    };
    const servers: ServerProcess[] = [];
    for (let n = 0; n < options.servers; n++) {
      const server = await startServerProcess(env, `server-${n + 1}`);
      servers.push(server);
      cleanup.push(() => server.stop());
    }
    const worker = await startWorkerProcess(env);
    cleanup.push(() => worker.stop());

    const tokens = new RoomTokens(redisClient, (id) => `${PREFIX}sess:${id}`, {
      secret: SECRET,
      periodMs: 0,
      graceMs: 0,
    });
    const roomToken = tokens.token(session.sessionId, 0);
    const urls = servers.map((s) => s.url);
    const participants = session.participants.map(
      (p, n) =>
        new Participant(
          urls,
          { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId: `device-${p.nip}` },
          { seed: n + 1, clientIp: `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}` },
        ),
    );
    cleanup.push(() => Promise.all(participants.map((p) => p.close())));
    for (const p of participants) await p.login();
    await Promise.all(participants.map((p) => p.connect()));

    return {
      db,
      redis,
      redisClient,
      servers,
      worker,
      postgresProxy,
      participants,
      async answerAll(count) {
        await Promise.all(
          participants.map(async (p) => {
            for (let n = 0; n < count; n++) await p.answerOne();
          }),
        );
      },
      ackedCount: () => participants.reduce((sum, p) => sum + p.acked.length, 0),
      waitForDrain: () => waitForDrain(redisClient, PREFIX, SHARDS, 120_000),
      audit: () =>
        auditAnswers(
          db.db,
          participants.map((p) => ({ attemptId: p.attemptId, acked: p.acked })),
        ),
      logs: () => [...servers, worker].map((p) => `--- ${p.name}\n${p.output().slice(-3000)}`).join('\n'),
      close: run,
    };
  } catch (err) {
    await run();
    throw err;
  }
}
