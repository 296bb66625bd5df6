// Proctors watching: each VU is a pengawas who logs in, opens the live room of one session over
// /proctor and watches seat updates and incidents for DURATION_S (run it beside exam-day.js).
//   k6 run -e BASE_URL=… -e PROCTORS=./data/proctors.json -e DURATION_S=300 proctor-dashboard.js
/* global __ENV -- a k6 global */
import http from 'k6/http';
import { check } from 'k6';
import { setTimeout } from 'k6/timers';
import { SharedArray } from 'k6/data';
import { Counter, Trend } from 'k6/metrics';
import exec from 'k6/execution';
import { connect } from './lib/socketio.js';
import { BASE_URL } from './lib/config.js';

/** @type {{ username: string, password: string, sessionId: string }[]} */
const proctors = new SharedArray('proctors', () =>
  JSON.parse(open(__ENV.PROCTORS ?? './data/proctors.json')),
);
const DURATION_S = Number(__ENV.DURATION_S ?? 300);
const roomJoin = new Trend('room_join', true);
const seatUpdates = new Counter('seat_updates');
const incidents = new Counter('incidents_seen');
const proctorErrors = new Counter('proctor_errors');

export const options = {
  scenarios: {
    proctors: {
      executor: 'per-vu-iterations',
      vus: proctors.length,
      iterations: 1,
      maxDuration: `${DURATION_S + 120}s`,
    },
  },
  thresholds: {
    room_join: ['p(99)<2000'],
    proctor_errors: ['count==0'],
    checks: ['rate==1'],
  },
};

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export default async function () {
  const me = proctors[exec.vu.idInTest - 1];
  if (!me) return;
  const res = http.post(
    `${BASE_URL}/api/v1/staff/session`,
    JSON.stringify({ username: me.username, password: me.password }),
    { headers: { 'content-type': 'application/json' }, tags: { name: 'staff login' } },
  );
  if (!check(res, { 'staff login 200': (r) => r.status === 200 })) {
    proctorErrors.add(1, { step: 'login' });
    return;
  }
  const cookie = Object.entries(res.cookies)
    .map(([name, values]) => `${name}=${values[0]?.value ?? ''}`)
    .join('; ');
  try {
    const socket = await connect(BASE_URL, '/proctor', {}, { headers: { cookie } });
    // Seats come in batches: a room's changes of the last second in one push (answers' counts apart).
    socket.on('seats:update', (seats) => seatUpdates.add(Array.isArray(seats) ? seats.length : 0));
    socket.on('seats:progress', (seats) => seatUpdates.add(Array.isArray(seats) ? seats.length : 0));
    socket.on('incident', () => incidents.add(1));
    const t0 = Date.now();
    const joined = await socket.emitWithAck('room:join', { sessionId: me.sessionId });
    roomJoin.add(Date.now() - t0);
    if (!check(joined, { 'room joined': (j) => j.ok === true })) proctorErrors.add(1, { step: 'join' });
    await delay(DURATION_S * 1000);
    socket.close();
  } catch (err) {
    proctorErrors.add(1, { step: 'socket', message: String(err).slice(0, 80) });
  }
}
