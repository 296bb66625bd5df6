// One participant's exam day in k6: log in, connect to /exam, resume, start the first section,
// fetch its views over HTTP as a browser does (gzip; the socket carries only the order), answer; with the same outbox rule as the web app (an answer is resent with the same seq until
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
/** Answers sent again after a lost connection (each also counts in answers_acked once acknowledged). */
export const answersResent = new Counter('answers_resent');
/** Time of the section views request; its bytes are in k6's own data_received. */
export const viewsFetch = new Trend('views_fetch', true);

/**
 * Item ids of fetched views by ETag, per VU: a browser parses its one copy; a k6 VU plays many
 * participants in turn, so it parses each version once. Every participant still sends its own request.
 * @type {Map<string, Set<string>>}
 */
const viewsSeen = new Map();

/**
 * GET the section's views (what the browser does before showing the first item); null when refused.
 * @param {string} accessToken
 * @param {{ key: string, views: { batteryId: string, version: string } }} section
 * @returns {Set<string> | null} the item ids the views hold
 */
export function fetchViews(accessToken, section) {
  const { batteryId, version } = section.views;
  const res = http.get(
    `${BASE_URL}/api/v1/participant/views/${encodeURIComponent(batteryId)}/${encodeURIComponent(section.key)}?v=${encodeURIComponent(version)}`,
    {
      headers: { authorization: `Bearer ${accessToken}`, 'accept-encoding': 'gzip' },
      tags: { name: 'section views' },
    },
  );
  viewsFetch.add(res.timings.duration);
  if (!check(res, { 'views 200': (r) => r.status === 200 })) {
    examErrors.add(1, { step: 'views', status: String(res.status) });
    return null;
  }
  const etag = String(res.headers['Etag'] ?? res.headers['ETag'] ?? '');
  let ids = etag ? viewsSeen.get(etag) : undefined;
  if (!ids) {
    const body = /** @type {{ items: { id: string }[] }} */ (res.json());
    ids = new Set(body.items.map((i) => i.id));
    if (etag) viewsSeen.set(etag, ids);
  }
  return ids;
}

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
    /** Item ids in this participant's order, with its option ids where the item has choices. */
    /** @type {{ id: string, options?: { id: string }[] }[]} */
    this.items = [];
    /** Battery, section and version of the views `items` were built over. */
    this.viewsKey = '';
    this.seq = 0;
    this.closed = false;
    /** @type {Map<string, { seq: number, value: unknown }>} latest acknowledged answer per item */
    this.acked = new Map();
    /**
     * The answer sent and not acknowledged when the connection was lost: sent again as it was (same
     * item, value and seq) before any new one, as the web app's outbox does. A new answer in its place
     * could reuse its seq on the same item, which the server refuses (STALE_SEQUENCE) if the lost
     * one was stored.
     * @type {{ itemId: string, value: unknown, seq: number } | null}
     */
    this.pending = null;
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
      this.show(state.openSection);
      return;
    }
    const next = state.sections.find((/** @type {any} */ s) => s.status === 'pending');
    if (!next) {
      this.closed = true;
      return;
    }
    const started = await this.socket.emitWithAck('section:start', { sectionKey: next.key });
    if (!started.ok) throw new Error(`section:start: ${started.error.code}`);
    this.show(started.section);
  }

  /**
   * The section as the participant answers it: the order from the socket, over views fetched by HTTP.
   * @param {{ key: string, views: { batteryId: string, version: string }, order: { itemId: string, optionOrder?: string[] }[] }} section
   */
  show(section) {
    const key = `${section.views.batteryId}/${section.key}/${section.views.version}`;
    // A reconnect of an open page keeps the views it holds; only a new section (or version) fetches.
    if (key === this.viewsKey && this.items.length > 0) return;
    const ids = fetchViews(this.accessToken, section);
    if (!ids) throw new Error(`views of ${section.key} refused`);
    this.items = section.order
      .filter((o) => ids.has(o.itemId))
      .map((o) =>
        o.optionOrder ? { id: o.itemId, options: o.optionOrder.map((id) => ({ id })) } : { id: o.itemId },
      );
    if (this.items.length !== section.order.length)
      examErrors.add(1, { step: 'views', code: 'ITEM_MISSING' });
    this.viewsKey = key;
  }

  /**
   * Answers one random item, or first sends again the answer a lost connection left unacknowledged;
   * resolves with the acknowledgement latency in ms, or null. Rejects when the connection is lost
   * before the acknowledgement (the answer is then kept for the next call).
   */
  async answerOne() {
    if (this.closed || this.items.length === 0 || !this.socket?.open) return null;
    let payload = this.pending;
    if (payload) answersResent.add(1);
    else {
      const item = this.items[Math.floor(Math.random() * this.items.length)];
      const options = item.options ?? [];
      const value =
        options.length > 0
          ? options[Math.floor(Math.random() * options.length)].id
          : 1 + Math.floor(Math.random() * 5);
      payload = { itemId: item.id, value, seq: ++this.seq };
      this.pending = payload;
    }
    const t0 = Date.now();
    const ack = await this.socket.emitWithAck('answer', payload, 30000);
    this.pending = null;
    const ms = Date.now() - t0;
    if (ack.ok) {
      answerAck.add(ms);
      answersAcked.add(1);
      this.acked.set(payload.itemId, { seq: payload.seq, value: payload.value });
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
