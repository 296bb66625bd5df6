// One participant's exam day in k6: log in, connect to /exam, resume, start the first section,
// answer; with the same outbox rule as the web app (an answer is resent with the same seq until
// acknowledged). Shared by the exam-day and reconnect-storm scenarios.
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { connect } from './socketio.js';
import { BASE_URL, SPREAD_XFF, clientIp } from './config.js';

export const loginToFirstItem = new Trend('login_to_first_item', true);
export const answerAck = new Trend('answer_ack', true);
export const examErrors = new Counter('exam_errors');
export const answersAcked = new Counter('answers_acked');
export const resumeMissing = new Counter('resume_missing_answers');

/**
 * @param {{ nip: string, accessCode: string, roomToken: string }} cred
 * @param {number} n participant number (for its X-Forwarded-For)
 */
export function login(cred, n) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json' };
  if (SPREAD_XFF) headers['x-forwarded-for'] = clientIp(n);
  const res = http.post(
    `${BASE_URL}/api/v1/participant/session`,
    JSON.stringify({ ...cred, deviceId: `k6-${cred.nip}` }),
    { headers, tags: { name: 'participant login' } },
  );
  const ok = check(res, { 'login 200': (r) => r.status === 200 });
  if (!ok) {
    examErrors.add(1, { step: 'login', status: String(res.status) });
    return null;
  }
  return /** @type {{ accessToken: string, attempt: { attemptId: string } }} */ (res.json());
}

export class ExamClient {
  /** @param {string} accessToken @param {string} deviceId */
  constructor(accessToken, deviceId) {
    this.accessToken = accessToken;
    this.deviceId = deviceId;
    /** @type {any} */
    this.socket = null;
    /** @type {{ id: string, options?: { id: string }[] }[]} */
    this.items = [];
    this.seq = 0;
    this.closed = false;
    /** @type {Map<string, { seq: number, value: unknown }>} latest acknowledged answer per item */
    this.acked = new Map();
  }

  /** Connects, resumes (checking the snapshot holds every acknowledged answer), opens a section. */
  async connect() {
    this.socket = await connect(BASE_URL, '/exam', {
      accessToken: this.accessToken,
      deviceId: this.deviceId,
    });
    this.socket.on('attempt:closed', () => {
      this.closed = true;
    });
    const resumed = await this.socket.emitWithAck('attempt:resume', {});
    if (!resumed.ok) throw new Error(`resume: ${resumed.error.code}`);
    this.accessToken = resumed.accessToken;
    const state = resumed.state;
    for (const [itemId, a] of this.acked) {
      const held = state.answers[itemId];
      if (!held || held.seq < a.seq) resumeMissing.add(1);
    }
    for (const held of Object.values(state.answers))
      this.seq = Math.max(this.seq, /** @type {any} */ (held).seq);
    if (state.openSection) {
      this.items = state.openSection.items;
      return;
    }
    const next = state.sections.find((/** @type {any} */ s) => s.status === 'pending');
    if (!next) {
      this.closed = true;
      return;
    }
    const started = await this.socket.emitWithAck('section:start', { sectionKey: next.key });
    if (!started.ok) throw new Error(`section:start: ${started.error.code}`);
    this.items = started.section.items;
  }

  /** Answers one random item; resolves with the acknowledgement latency in ms, or null. */
  async answerOne() {
    if (this.closed || this.items.length === 0 || !this.socket?.open) return null;
    const item = this.items[Math.floor(Math.random() * this.items.length)];
    const options = item.options ?? [];
    const value =
      options.length > 0
        ? options[Math.floor(Math.random() * options.length)].id
        : 1 + Math.floor(Math.random() * 5);
    const payload = { itemId: item.id, value, seq: ++this.seq };
    const t0 = Date.now();
    const ack = await this.socket.emitWithAck('answer', payload, 30000);
    const ms = Date.now() - t0;
    if (ack.ok) {
      answerAck.add(ms);
      answersAcked.add(1);
      this.acked.set(item.id, { seq: payload.seq, value });
      return ms;
    }
    if (ack.error.code === 'SECTION_CLOSED' || ack.error.code === 'ATTEMPT_FINISHED') this.closed = true;
    else examErrors.add(1, { step: 'answer', code: ack.error.code });
    return null;
  }

  async finish() {
    const ack = await this.socket.emitWithAck('attempt:finish', {}, 60000);
    if (!ack.ok && ack.error.code !== 'ATTEMPT_FINISHED')
      examErrors.add(1, { step: 'finish', code: ack.error.code });
    this.closed = true;
    return ack;
  }

  close() {
    this.socket?.close();
  }
}
