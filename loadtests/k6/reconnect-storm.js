// Reconnect storm: every participant stays connected and answers at exam pace for DURATION_S; the
// operator kills a server process (or restarts the load balancer) meanwhile. Each participant that
// loses its connection waits a random 0.5–2.5 s (as the web app does), reconnects, resumes and checks
// that the snapshot holds every answer it had acknowledged.
//   k6 run -e BASE_URL=… -e PARTICIPANTS=./data/participants.json -e DURATION_S=300 reconnect-storm.js
/* global __ENV -- a k6 global */
import { setTimeout } from 'k6/timers';
import { Counter, Trend } from 'k6/metrics';
import exec from 'k6/execution';
import { ANSWER_INTERVAL_MS, participants } from './lib/config.js';
import { ExamClient, examErrors, login } from './lib/participant.js';

const VUS = Math.min(Number(__ENV.VUS ?? participants.length), participants.length);
const RAMP_S = Number(__ENV.RAMP_S ?? 60);
const DURATION_S = Number(__ENV.DURATION_S ?? 300);
const reconnectTime = new Trend('reconnect_time', true);
const reconnects = new Counter('reconnects');

export const options = {
  scenarios: {
    reconnect_storm: {
      executor: 'per-vu-iterations',
      vus: VUS,
      iterations: 1,
      maxDuration: `${RAMP_S + DURATION_S + 120}s`,
    },
  },
  thresholds: {
    reconnect_time: ['max<60000'],
    resume_missing_answers: ['count==0'],
    exam_errors: ['count==0'],
  },
};

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export default async function () {
  const n = exec.vu.idInTest - 1;
  const cred = participants[n];
  if (!cred) return;
  await delay(Math.random() * RAMP_S * 1000);
  const session = login(cred, n);
  if (!session) return;
  const client = new ExamClient(session.accessToken, `k6-${cred.nip}`);
  const until = exec.scenario.startTime + (RAMP_S + DURATION_S) * 1000;
  let lostAt = 0;
  const connectForever = async () => {
    for (;;) {
      try {
        await client.connect();
        client.socket.onClose(() => {
          lostAt = Date.now();
        });
        return;
      } catch {
        await delay(500 + Math.random() * 2000);
      }
    }
  };
  await connectForever();
  while (Date.now() < until && !client.closed) {
    if (!client.socket.open) {
      await delay(500 + Math.random() * 2000);
      await connectForever();
      reconnects.add(1);
      reconnectTime.add(Date.now() - lostAt);
      continue;
    }
    const started = Date.now();
    try {
      await client.answerOne();
    } catch {
      // The connection was lost before the acknowledgement: answerOne sends it again after the reconnect.
    }
    await delay(Math.min(ANSWER_INTERVAL_MS - (Date.now() - started), until - Date.now()));
  }
  if (client.closed) examErrors.add(0);
  client.close();
}
