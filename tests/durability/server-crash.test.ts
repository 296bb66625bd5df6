// Issue 3, durability (a): a server process killed with SIGKILL mid-exam loses no acknowledged
// answer, and its participants resume on another server process with every answer they had.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startExamDay, type ExamDay } from './exam-day.ts';

let day: ExamDay;

beforeAll(async () => {
  day = await startExamDay({ participants: 12, servers: 2 });
});

afterAll(async () => {
  await day?.close();
});

it('keeps every acknowledged answer and resumes every participant after kill -9 of their server', async () => {
  const [first, second] = day.servers;
  if (!first || !second) throw new Error('two servers expected');
  // Everyone starts on the first server (each participant's list of URLs begins with it).
  await day.answerAll(5);
  const answering = day.answerAll(30);
  while (day.ackedCount() < 12 * 12) await new Promise((r) => setTimeout(r, 20));
  await first.kill9();
  await answering;
  // The crash hit answers in flight: some had to be sent again.
  expect(day.participants.reduce((n, p) => n + p.retries, 0)).toBeGreaterThan(0);
  await day.answerAll(5);

  await day.waitForDrain();
  const audit = await day.audit();
  expect(audit.lost, day.logs()).toEqual([]);
  expect(audit.stale).toEqual([]);
  expect(audit.acked).toBe(12 * 40);
  for (const p of day.participants) {
    expect(p.rejected).toEqual([]);
    // Connected to the first server, then resumed on the second one.
    expect(p.connects).toBeGreaterThanOrEqual(2);
    expect(p.resumes.flatMap((r) => r.missing)).toEqual([]);
  }
});
