// A scripted participant speaking the real protocol through socket.io-client: logs in, resumes,
// starts the first section, fetches its views over HTTP as a browser does, and answers items one at a time, keeping every unacknowledged answer in an
// outbox that is resent after a reconnect — to any of the given server URLs — exactly as the web
// app does. It records every acknowledged answer and every resume snapshot so tests can audit them.
import { applyItemOrder, type ParticipantItem } from '@petakom/domain/items';
import {
  EXAM_NAMESPACE,
  participantLoginResponseSchema,
  participantViewsPath,
  sectionViewsSchema,
  type AnswerAck,
  type AttemptFinishAck,
  type AttemptSnapshot,
  type ExamClientToServerEvents,
  type ExamServerToClientEvents,
  type ItemView,
  type ResumeAck,
  type SectionPayload,
  type SectionStartAck,
} from '@petakom/protocol';
import { io, type Socket } from 'socket.io-client';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { addCounts } from './loadgen-protocol.ts';

export interface Credentials {
  nip: string;
  accessCode: string;
  roomToken: string;
  deviceId: string;
}

export interface AckedAnswer {
  itemId: string;
  value: string | number;
  seq: number;
  /** Milliseconds from the first send to the acknowledgement (retries included). */
  latencyMs: number;
}

export interface ResumeCheck {
  /** Acknowledged answers the snapshot did not hold (must stay empty). */
  missing: AckedAnswer[];
}

type ExamSocket = Socket<ExamServerToClientEvents, ExamClientToServerEvents>;

const RETRYABLE = new Set(['UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED', 'TIMEOUT', 'DISCONNECTED']);

export interface ParticipantOptions {
  seed?: number;
  ackTimeoutMs?: number;
  /** Sent as X-Forwarded-For at login (the server trusts its proxy). */
  clientIp?: string;
  /** Log in through this agent (e.g. one bound to a 127.0.0.x source address) instead of fetch. */
  agent?: http.Agent;
  /** Source address of the websocket: one address reaches one port only ~28,000 times. */
  localAddress?: string;
  /** Reconnect and resume by itself after a lost connection, as the web app does. */
  autoReconnect?: boolean;
}

/** POST JSON through a given agent; status 0 when the request itself failed. */
function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  agent: http.Agent,
): Promise<{ ok: boolean; status: number; json: () => Promise<unknown> }> {
  return new Promise((resolve) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': data.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            json: async () => (text === '' ? {} : (JSON.parse(text) as unknown)),
          });
        });
        res.on('error', () => resolve({ ok: false, status: 0, json: async () => ({}) }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ ok: false, status: 0, json: async () => ({ err: String(err) }) }));
    req.end(data);
  });
}

/** GET through a given agent (or Node's global one), the body as the bytes that came over the wire. */
function getBytes(
  url: string,
  headers: Record<string, string>,
  agent: http.Agent | undefined,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve) => {
    const req = http.get(url, { ...(agent ? { agent } : {}), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0) }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0) }));
  });
}

/**
 * Parsed section views by ETag, shared by every participant of this load-generator process. A browser
 * parses its own one copy; here thousands of participants share one process, and parsing thousands of
 * identical copies would spend the generator's CPU, not the server's. Every participant still makes
 * its own request and receives every byte of it: only the gunzip and JSON.parse are spared.
 */
const parsedViews = new Map<string, Map<string, ParticipantItem>>();

export class Participant {
  attemptId = '';
  readonly acked: AckedAnswer[] = [];
  readonly resumes: ResumeCheck[] = [];
  readonly rejected: { itemId: string; code: string }[] = [];
  connects = 0;
  /** Answers that had to be sent again (no acknowledgement, a disconnect, a retryable error). */
  retries = 0;
  private accessToken = '';
  private socket: ExamSocket | null = null;
  private urlIndex = 0;
  private items: ItemView[] = [];
  /** Battery, section and version of the views `items` were made from (a reconnect keeps them, as a page does). */
  private viewsKey = '';
  /** Bytes of section views received (as sent, gzip), and the ms spent fetching them. */
  viewsBytes = 0;
  viewsMs = 0;
  viewsRequests = 0;
  /** Login requests answered with a retryable refusal (429, 5xx) or no answer, then sent again. */
  loginRetries = 0;
  /** ms from the first login request to the access token. */
  loginMs = 0;
  /** ms of the last successful connection's steps: socket open, resume answered, section shown. */
  connectSteps: { socketMs: number; resumeMs: number; sectionMs: number } | null = null;
  /** Connections (socket, resume, first section) that failed and were tried again, by reason. */
  readonly connectFailures: Record<string, number> = {};
  private seq = 0;
  private closed = false;
  private stopped = false;
  private rng: () => number;

  constructor(
    private readonly urls: readonly string[],
    private readonly credentials: Credentials,
    options: ParticipantOptions = {},
  ) {
    this.clientIp = options.clientIp;
    this.agent = options.agent;
    this.localAddress = options.localAddress;
    this.autoReconnect = options.autoReconnect ?? false;
    let s = options.seed ?? 1;
    // mulberry32: the same participant answers the same way in every run
    this.rng = () => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
  }

  private readonly ackTimeoutMs: number;
  /** Sent as X-Forwarded-For: many participants on one loopback stand for many CAT-room machines. */
  private readonly clientIp: string | undefined;
  private readonly agent: http.Agent | undefined;
  private readonly localAddress: string | undefined;
  private readonly autoReconnect: boolean;
  private reconnecting: Promise<void> | null = null;
  /** performance.now() of the last completed resume (initial connect or reconnect). */
  lastResumedAt = 0;
  /** performance.now() when the items of the open section were last received. */
  itemsAt = 0;

  get url(): string {
    return this.urls[this.urlIndex % this.urls.length] as string;
  }

  get finished(): boolean {
    return this.closed;
  }

  async login(): Promise<void> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      const xff: Record<string, string> =
        this.clientIp === undefined ? {} : { 'x-forwarded-for': this.clientIp };
      const url = `${this.url}/api/v1/participant/session`;
      const res = this.agent
        ? await postJson(url, this.credentials, xff, this.agent)
        : await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...xff },
            body: JSON.stringify(this.credentials),
          }).catch((err: unknown) => ({ ok: false, status: 0, json: async () => ({ err: String(err) }) }));
      const body = (await res.json()) as unknown;
      if (res.ok) {
        const parsed = participantLoginResponseSchema.parse(body);
        this.accessToken = parsed.accessToken;
        this.attemptId = parsed.attempt.attemptId;
        this.loginMs = performance.now() - started;
        return;
      }
      if ((res.status === 0 || res.status === 429 || res.status >= 500) && attempt < 50) {
        this.loginRetries += 1;
        this.urlIndex += res.status === 0 ? 1 : 0;
        await sleep(200 + 100 * attempt);
        continue;
      }
      throw new Error(`login of ${this.credentials.nip} failed (${res.status}): ${JSON.stringify(body)}`);
    }
  }

  /** Connects (or reconnects) and resumes; returns once the attempt state is loaded. */
  async connect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.connectOnce();
        return;
      } catch (err) {
        const reason = String(err instanceof Error ? err.message : err).slice(0, 60);
        addCounts(this.connectFailures, { [reason]: 1 });
        this.dropSocket();
        this.urlIndex += 1;
        await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
      }
    }
  }

  private dropSocket(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private async connectOnce(): Promise<void> {
    const t0 = performance.now();
    const socket: ExamSocket = io(`${this.url}${EXAM_NAMESPACE}`, {
      auth: { accessToken: this.accessToken, deviceId: this.credentials.deviceId },
      transports: ['websocket'],
      reconnection: false,
      // socket.io's own default, as in the web app: an overloaded server is not a dead one.
      timeout: 20_000,
      forceNew: true,
      ...(this.localAddress === undefined ? {} : { localAddress: this.localAddress }),
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    const t1 = performance.now();
    socket.on('attempt:closed', () => {
      this.closed = true;
    });
    socket.on('disconnect', () => {
      if (this.autoReconnect && !this.stopped && this.socket === socket) void this.reconnect();
    });
    // Only answers acknowledged before the resume was asked for must be in its snapshot: an answer
    // sent on this socket meanwhile may be acknowledged before the snapshot arrives.
    const ackedBefore = this.acked.length;
    const resumed = (await socket.timeout(this.ackTimeoutMs).emitWithAck('attempt:resume', {})) as ResumeAck;
    if (!resumed.ok) throw new Error(`resume failed: ${resumed.error.code}`);
    this.accessToken = resumed.accessToken;
    this.checkResume(resumed.state, ackedBefore);
    const t2 = performance.now();
    await this.ensureSection(socket, resumed.state);
    this.connectSteps = { socketMs: t1 - t0, resumeMs: t2 - t1, sectionMs: performance.now() - t2 };
    this.connects += 1;
    this.lastResumedAt = performance.now();
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** After a lost connection: wait a random moment (as socket.io's own backoff does), then resume. */
  reconnect(): Promise<void> {
    if (this.reconnecting) return this.reconnecting;
    this.reconnecting = (async () => {
      this.dropSocket();
      await sleep(500 + Math.random() * 2_000);
      await this.connect();
    })().finally(() => {
      this.reconnecting = null;
    });
    return this.reconnecting;
  }

  /** Finishes the attempt (the participant presses "selesai"). */
  async finish(): Promise<boolean> {
    for (let attempt = 0; attempt < 20 && !this.stopped; attempt++) {
      const socket = this.socket;
      if (socket?.connected) {
        try {
          const ack = (await socket
            .timeout(this.ackTimeoutMs)
            .emitWithAck('attempt:finish', {})) as AttemptFinishAck;
          if (ack.ok || ack.error.code === 'ATTEMPT_FINISHED') {
            this.closed = true;
            return true;
          }
        } catch {
          // no acknowledgement: try again below
        }
      }
      await this.connect();
      if (this.closed) return true;
    }
    return false;
  }

  private checkResume(state: AttemptSnapshot, ackedBefore: number): void {
    const latest = new Map<string, AckedAnswer>();
    for (const a of this.acked.slice(0, ackedBefore)) {
      const cur = latest.get(a.itemId);
      if (!cur || a.seq > cur.seq) latest.set(a.itemId, a);
    }
    const missing = [...latest.values()].filter((a) => {
      const held = state.answers[a.itemId];
      return !held || held.seq < a.seq || (held.seq === a.seq && held.value !== a.value);
    });
    this.resumes.push({ missing });
    // The server's sequence is the reference after a resume: never reuse a number it has seen.
    for (const held of Object.values(state.answers)) this.seq = Math.max(this.seq, held.seq);
    if (state.status !== 'in_progress' && state.status !== 'prepared') this.closed = true;
  }

  private async ensureSection(socket: ExamSocket, state: AttemptSnapshot): Promise<void> {
    if (state.openSection) {
      await this.showSection(state.openSection);
      return;
    }
    const next = state.sections.find((s) => s.status === 'pending');
    if (!next) {
      this.closed = true;
      return;
    }
    const started = (await socket
      .timeout(this.ackTimeoutMs)
      .emitWithAck('section:start', { sectionKey: next.key })) as SectionStartAck;
    if (!started.ok) throw new Error(`section:start failed: ${started.error.code}`);
    await this.showSection(started.section);
  }

  /** The section's items in this participant's order, from views fetched over HTTP as a browser does. */
  private async showSection(section: SectionPayload): Promise<void> {
    const key = `${section.views.batteryId}/${section.key}/${section.views.version}`;
    if (key !== this.viewsKey || this.items.length === 0) {
      const views = await this.fetchViews(section);
      this.items = applyItemOrder(views, section.order) as unknown as ItemView[];
      this.viewsKey = key;
    }
    this.itemsAt = performance.now();
  }

  private async fetchViews(section: SectionPayload): Promise<Map<string, ParticipantItem>> {
    const { batteryId, version } = section.views;
    const path = `${participantViewsPath(batteryId, section.key)}?v=${encodeURIComponent(version)}`;
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      const res = await getBytes(
        `${this.url}${path}`,
        { authorization: `Bearer ${this.accessToken}`, 'accept-encoding': 'gzip' },
        this.agent,
      );
      this.viewsMs += performance.now() - started;
      this.viewsRequests += 1;
      this.viewsBytes += res.body.length;
      if (res.status === 200) {
        const etag = String(res.headers['etag'] ?? '');
        let views = etag ? parsedViews.get(etag) : undefined;
        if (!views) {
          const raw = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body;
          const parsed = sectionViewsSchema.parse(JSON.parse(raw.toString('utf8')));
          views = new Map(parsed.items.map((v) => [v.id, v as unknown as ParticipantItem]));
          if (etag) parsedViews.set(etag, views);
        }
        return views;
      }
      if ((res.status === 0 || res.status === 429 || res.status >= 500) && attempt < 50) {
        await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
        continue;
      }
      throw new Error(
        `views of ${section.key} refused (${res.status}): ${res.body.toString('utf8').slice(0, 200)}`,
      );
    }
  }

  private valueFor(item: ItemView): string | number {
    const options = (item as { options?: unknown }).options;
    if (Array.isArray(options) && options.length > 0) {
      const option = options[Math.floor(this.rng() * options.length)] as { id?: unknown };
      if (typeof option.id === 'string') return option.id;
    }
    return 1 + Math.floor(this.rng() * 5);
  }

  /** Sends one answer and waits until it is acknowledged, reconnecting as often as needed. */
  async answerOne(): Promise<AckedAnswer | null> {
    if (this.closed || this.items.length === 0) return null;
    const item = this.items[Math.floor(this.rng() * this.items.length)] as ItemView;
    const payload = { itemId: item.id, value: this.valueFor(item), seq: ++this.seq };
    const started = performance.now();
    for (let attempt = 0; !this.stopped; attempt++) {
      const socket = this.socket;
      let code: string;
      if (socket?.connected) {
        try {
          const ack = (await socket.timeout(this.ackTimeoutMs).emitWithAck('answer', payload)) as AnswerAck;
          if (ack.ok) {
            const acked = { ...payload, latencyMs: performance.now() - started };
            this.acked.push(acked);
            return acked;
          }
          code = ack.error.code;
        } catch {
          code = socket.connected ? 'TIMEOUT' : 'DISCONNECTED';
        }
      } else {
        code = 'DISCONNECTED';
      }
      if (code === 'SECTION_CLOSED' || code === 'ATTEMPT_FINISHED') {
        this.closed = true;
        return null;
      }
      if (!RETRYABLE.has(code)) {
        this.rejected.push({ itemId: payload.itemId, code });
        return null;
      }
      this.retries += 1;
      // The outbox: the same answer, same seq, after a reconnect (possibly to another server).
      if (this.reconnecting) {
        await this.reconnecting;
      } else if (code === 'DISCONNECTED' || code === 'TIMEOUT') {
        this.dropSocket();
        await this.connect();
      } else {
        await sleep(Math.min(1_000, 50 * 2 ** Math.min(attempt, 5)));
      }
    }
    return null;
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.dropSocket();
  }
}

/** Latest acknowledged answer per item. */
export function latestAcked(acked: readonly AckedAnswer[]): Map<string, AckedAnswer> {
  const latest = new Map<string, AckedAnswer>();
  for (const a of acked) {
    const cur = latest.get(a.itemId);
    if (!cur || a.seq > cur.seq) latest.set(a.itemId, a);
  }
  return latest;
}
