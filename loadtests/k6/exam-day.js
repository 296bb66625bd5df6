// Exam day against a deployment: a login storm (every participant arrives within RAMP_S), steady
// answering at exam pace (one answer per ANSWER_INTERVAL_MS each), then a submit storm (everyone
// presses "selesai" in the same second, SUBMIT_AFTER_S after the start of the test).
//   k6 run -e BASE_URL=https://cat.example.go.id -e PARTICIPANTS=./data/participants.json exam-day.js
/* global __ENV -- a k6 global */
import { setTimeout } from 'k6/timers';
import { Trend } from 'k6/metrics';
import exec from 'k6/execution';
import { ANSWER_INTERVAL_MS, participants } from './lib/config.js';
import { ExamClient, examErrors, login, loginToFirstItem } from './lib/participant.js';

const VUS = Math.min(Number(__ENV.VUS ?? participants.length), participants.length);
const RAMP_S = Number(__ENV.RAMP_S ?? 60);
const SUBMIT_AFTER_S = Number(__ENV.SUBMIT_AFTER_S ?? RAMP_S + 300);
const submitAck = new Trend('submit_ack', true);

export const options = {
  scenarios: {
    exam_day: {
      executor: 'per-vu-iterations',
      vus: VUS,
      iterations: 1,
      maxDuration: `${SUBMIT_AFTER_S + 180}s`,
    },
  },
  thresholds: {
    login_to_first_item: ['p(99)<2000'],
    answer_ack: ['p(99)<50'],
    submit_ack: ['p(99)<5000'],
    exam_errors: ['count==0'],
    resume_missing_answers: ['count==0'],
    checks: ['rate==1'],
  },
};

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export default async function () {
  const n = exec.vu.idInTest - 1;
  const cred = participants[n];
  if (!cred) return;
  const testStart = exec.scenario.startTime;
  await delay(Math.random() * RAMP_S * 1000);
  const t0 = Date.now();
  const session = login(cred, n);
  if (!session) return;
  const client = new ExamClient(session.accessToken, `k6-${cred.nip}`);
  try {
    await client.connect();
    loginToFirstItem.add(Date.now() - t0);
    const submitAt = testStart + SUBMIT_AFTER_S * 1000;
    // Exam pace with a random phase, so answers arrive steadily rather than in waves.
    await delay(Math.random() * ANSWER_INTERVAL_MS);
    while (Date.now() + ANSWER_INTERVAL_MS < submitAt && !client.closed) {
      const started = Date.now();
      await client.answerOne();
      await delay(ANSWER_INTERVAL_MS - (Date.now() - started));
    }
    await delay(submitAt - Date.now());
    const s0 = Date.now();
    await client.finish();
    submitAck.add(Date.now() - s0);
  } catch (err) {
    examErrors.add(1, { step: 'socket', message: String(err).slice(0, 80) });
  } finally {
    client.close();
  }
}
