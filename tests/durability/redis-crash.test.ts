// Issue 3, durability (b): the exam's redis-server (AOF, fsync on every write) killed with SIGKILL
// mid-exam and restarted on the same port and directory loses no acknowledged answer; every
// participant resumes with the answers they had and the worker drains everything.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startExamDay, type ExamDay } from './exam-day.ts';

let day: ExamDay;

beforeAll(async () => {
  day = await startExamDay({ participants: 12, servers: 2 });
});

afterAll(async () => {
  await day?.close();
});

it('keeps every acknowledged answer and resumes every participant after kill -9 of redis-server', async () => {
  await day.answerAll(5);
  const answering = day.answerAll(30);
  while (day.ackedCount() < 12 * 12) await new Promise((r) => setTimeout(r, 20));
  await day.redis.kill9();
  await new Promise((r) => setTimeout(r, 1_000));
  await day.redis.restart();
  await answering;
  // The crash hit answers in flight: some had to be sent again.
  expect(day.participants.reduce((n, p) => n + p.retries, 0)).toBeGreaterThan(0);
  // Every participant reloads the page: the snapshot from the restarted Redis must hold every
  // answer they were told was saved.
  await Promise.all(day.participants.map((p) => p.reconnect()));
  // A fresh round after the restart: every participant must still be able to answer.
  const before = day.ackedCount();
  await day.answerAll(5);
  expect(day.ackedCount() - before).toBe(12 * 5);

  await day.waitForDrain();
  const audit = await day.audit();
  expect(audit.lost, day.logs()).toEqual([]);
  expect(audit.stale).toEqual([]);
  expect(audit.acked).toBe(12 * 40);
  for (const p of day.participants) {
    expect(p.rejected).toEqual([]);
    expect(p.connects).toBeGreaterThanOrEqual(2);
    expect(p.resumes.flatMap((r) => r.missing)).toEqual([]);
  }
});
