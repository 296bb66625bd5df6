// The k6 scenarios themselves, run against the real server: k6 cannot be installed here, so their
// own code runs under vitest with stand-ins for k6's modules (test/k6-shim). What a BKD operator
// runs against a rehearsal deployment must speak the server's protocol as it is today: log in,
// fetch the section's views, resume, answer, reconnect after a server's death, finish, and watch
// a room as a pengawas.
import { ExamStore } from '@petakom/exam-store';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLoadFixture,
  createTestDatabase,
  deleteRedisPrefix,
  Redis,
  repoRoot,
  startServerProcess,
  uniqueRedisPrefix,
  type LoadFixture,
  type PlatformEnv,
  type ServerProcess,
  type TestDatabase,
} from '../src/harness/index.ts';
import { checks } from './k6-shim/k6.ts';
import { resetMetrics, samples } from './k6-shim/metrics.ts';
import exec from './k6-shim/execution.ts';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const SECRET = 'k6-scenarios-secret-0123456789abcdefghij';
const PARTICIPANTS = 4;
const SHARDS = 2;

type Scenario = { default: () => Promise<void> };
/** What the test reaches of participant.js's ExamClient. */
interface K6Client {
  connect(): Promise<void>;
  answerOne(): Promise<number | null>;
  close(): void;
  pending: { itemId: string; value: unknown; seq: number } | null;
}

let t: TestDatabase;
let redis: Redis;
let prefix: string;
let env: PlatformEnv;
let server: ServerProcess;
let fixture: LoadFixture;
let store: ExamStore;
let dir: string;

/** Runs a scenario's default function once per VU, as k6's per-vu-iterations executor does. */
async function runVus(scenario: Scenario, vus: number): Promise<void> {
  exec.scenario.startTime = Date.now();
  const runs: Promise<void>[] = [];
  for (let vu = 1; vu <= vus; vu++) {
    // The function reads its VU id before its first await.
    exec.vu.idInTest = vu;
    runs.push(scenario.default());
  }
  await Promise.all(runs);
}

const count = (name: string) => samples(name).reduce((n, s) => n + s.value, 0);

beforeAll(async () => {
  t = await createTestDatabase('k6_scenarios');
  redis = new Redis(REDIS_URL);
  prefix = uniqueRedisPrefix('k6_scenarios');
  fixture = await createLoadFixture(t.db, {
    participants: PARTICIPANTS,
    perRoom: 75,
    endsAt: new Date(Date.now() + 3 * 3600_000),
  });
  store = new ExamStore(redis, { prefix, shards: SHARDS });
  const [session] = fixture.sessions;
  if (!session) throw new Error('no session in the fixture');
  // Not prepared ahead: the first login prepares the session, as the server does for one the
  // scheduler has not reached.
  env = {
    databaseUrl: t.connectionString,
    databaseSchema: t.schema,
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
    shards: SHARDS,
    logLevel: 'warn',
    extra: { PETAKOM_SECRET: SECRET, ROOM_TOKEN_PERIOD_SEC: '0' },
  };
  server = await startServerProcess(env);

  // The files an operator writes: participants.json with `pnpm loadtest k6-data` and the
  // deployment's environment (loadtests/README.md), proctors.json by hand; then k6's globals.
  dir = mkdtempSync(join(tmpdir(), 'k6-scenarios-'));
  const { date } = await t.db
    .selectFrom('exam_sessions')
    .select('date')
    .where('id', '=', session.sessionId)
    .executeTakeFirstOrThrow();
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'loadtests/src/loadtest.ts',
      'k6-data',
      '--date',
      date,
      '--out',
      join(dir, 'participants.json'),
    ],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: env.databaseUrl,
        DATABASE_SCHEMA: env.databaseSchema,
        REDIS_URL: env.redisUrl,
        REDIS_PREFIX: env.redisPrefix,
        ANSWER_LOG_SHARDS: String(env.shards),
        ...env.extra,
      },
      stdio: 'pipe',
    },
  );
  writeFileSync(join(dir, 'proctors.json'), JSON.stringify(fixture.proctors));
  Object.assign(globalThis, {
    __ENV: {
      BASE_URL: server.url,
      PARTICIPANTS: join(dir, 'participants.json'),
      PROCTORS: join(dir, 'proctors.json'),
      RAMP_S: '0',
      ANSWER_INTERVAL_MS: '150',
      SUBMIT_AFTER_S: '6',
      DURATION_S: '6',
    },
    open: (path: string) => readFileSync(path, 'utf8'),
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (redis) {
    await deleteRedisPrefix(redis, prefix);
    redis.disconnect();
  }
  await t?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the k6 scenarios against the real server', { timeout: 120_000 }, () => {
  it('reconnect-storm.js: answers, loses its server, comes back and finds every acknowledged answer', async () => {
    resetMetrics();
    checks.length = 0;
    const scenario = (await import('../k6/reconnect-storm.js')) as Scenario;
    const storm = runVus(scenario, PARTICIPANTS);
    // Everyone connected and answering, then the server dies and comes back on the same port.
    await expect.poll(() => count('answers_acked'), { timeout: 10_000 }).toBeGreaterThanOrEqual(PARTICIPANTS);
    await server.kill9();
    server = await startServerProcess(env, 'server', server.port);
    await storm;

    expect(samples('exam_errors')).toEqual([]);
    expect(count('reconnects')).toBe(PARTICIPANTS);
    expect(samples('reconnect_time').every((s) => s.value < 60_000)).toBe(true);
    // Each resume was checked against the answers acknowledged before it.
    expect(count('resume_missing_answers')).toBe(0);
    expect(samples('views_fetch')).toHaveLength(PARTICIPANTS);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('sends an answer lost with its connection again, as it was, before any new one', async () => {
    resetMetrics();
    const { ExamClient, login } = (await import('../k6/lib/participant.js')) as {
      ExamClient: new (accessToken: string, deviceId: string) => K6Client;
      login: (cred: unknown, n: number) => { accessToken: string; attempt: { attemptId: string } } | null;
    };
    const cred = (JSON.parse(readFileSync(join(dir, 'participants.json'), 'utf8')) as { nip: string }[])[0];
    const session = login(cred, 0);
    if (!cred || !session) throw new Error('login refused');
    const client = new ExamClient(session.accessToken, `k6-${cred.nip}`);
    await client.connect();
    // A server that reads nothing more, then dies: the answer is sent and never acknowledged.
    process.kill(server.pid, 'SIGSTOP');
    const lost = client.answerOne().then(
      () => 'acknowledged',
      (err: unknown) => String(err),
    );
    await server.kill9();
    expect(await lost).toContain('connection closed');
    const pending = client.pending;
    expect(pending).not.toBeNull();
    server = await startServerProcess(env, 'server', server.port);
    await client.connect();
    expect(await client.answerOne()).not.toBeNull();
    expect(client.pending).toBeNull();
    expect(count('answers_resent')).toBe(1);
    // The participant's attempt holds the lost answer as it was sent: its value under its own seq.
    const held = (await store.readAttempt(session.attempt.attemptId))?.answers[pending?.itemId ?? ''];
    expect(held).toMatchObject({ value: pending?.value, seq: pending?.seq });
    client.close();
  });

  it('exam-day.js with proctor-dashboard.js beside it: login, views, answers at pace, a pengawas watching, the submit storm', async () => {
    resetMetrics();
    checks.length = 0;
    const examDay = (await import('../k6/exam-day.js')) as Scenario;
    const dashboard = (await import('../k6/proctor-dashboard.js')) as Scenario;
    await Promise.all([runVus(dashboard, fixture.proctors.length), runVus(examDay, PARTICIPANTS)]);

    expect(samples('exam_errors')).toEqual([]);
    expect(samples('login_to_first_item')).toHaveLength(PARTICIPANTS);
    expect(count('answers_acked')).toBeGreaterThanOrEqual(PARTICIPANTS);
    expect(samples('answer_ack')).toHaveLength(count('answers_acked'));
    expect(samples('submit_ack')).toHaveLength(PARTICIPANTS);
    expect(count('resume_missing_answers')).toBe(0);
    expect(samples('room_join')).toHaveLength(fixture.proctors.length);
    expect(samples('proctor_errors')).toEqual([]);
    expect(count('seat_updates')).toBeGreaterThan(0);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['login 200', 'views 200', 'staff login 200', 'room joined']),
    );

    // What the scenario's submit storm did, as the server holds it.
    const [session] = fixture.sessions;
    const attempts = await store.sessionAttemptIds(session?.sessionId ?? '');
    expect(attempts).toHaveLength(PARTICIPANTS);
    for (const id of attempts) expect((await store.readAttempt(id))?.status).toBe('finished');
  });
});
