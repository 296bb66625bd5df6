// Issue 3, durability (c): Postgres unreachable from the servers and the worker for 30 s mid-exam.
// The exam goes on (answers are acknowledged once in Redis, and a participant whose connection
// drops resumes from Redis), the answer log waits in the streams, and once Postgres is back every
// acknowledged answer lands in it. The machine's shared Postgres is never stopped: a TCP proxy
// between the platform and Postgres is cut instead, which drops every open connection.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { drainBacklog } from '../../loadtests/src/harness/index.ts';
import { PREFIX, SHARDS, startExamDay, type ExamDay } from './exam-day.ts';

let day: ExamDay;

beforeAll(async () => {
  day = await startExamDay({ participants: 12, servers: 1, proxyPostgres: true });
});

afterAll(async () => {
  await day?.close();
});

it('keeps the exam going and stores every acknowledged answer once Postgres is back after 30 s', async () => {
  const proxy = day.postgresProxy;
  if (!proxy) throw new Error('the platform should reach Postgres through the proxy');
  await day.answerAll(5);
  await proxy.cut();
  const outageStarted = Date.now();
  const ackedBefore = day.ackedCount();
  // Participants keep answering during the outage.
  await day.answerAll(5);
  // A CAT-room LAN blip in the middle of the outage: everyone reconnects and resumes from Redis.
  await Promise.all(day.participants.map((p) => p.reconnect()));
  await day.answerAll(5);
  expect(day.ackedCount() - ackedBefore).toBe(12 * 10);
  await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - outageStarted))));
  // Nothing answered during the outage could reach Postgres: it waits in the streams.
  expect(await drainBacklog(day.redisClient, PREFIX, SHARDS)).toBeGreaterThanOrEqual(12 * 10);
  await proxy.restore();
  await day.answerAll(5);

  await day.waitForDrain();
  const audit = await day.audit();
  expect(audit.lost, day.logs()).toEqual([]);
  expect(audit.stale).toEqual([]);
  expect(audit.acked).toBe(12 * 20);
  for (const p of day.participants) {
    expect(p.rejected).toEqual([]);
    expect(p.connects).toBeGreaterThanOrEqual(2);
    expect(p.resumes.flatMap((r) => r.missing)).toEqual([]);
  }
});
