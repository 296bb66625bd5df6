// A socket.io v4 client over k6 websockets, just enough for the exam and proctor namespaces:
// connect with auth, emit with acknowledgement, events, ping/pong (framing in wire.js). Text
// frames only: the petakom protocol sends no binary payloads.
import { WebSocket } from 'k6/websockets';
import { setTimeout, clearTimeout } from 'k6/timers';
import { PONG, encodeConnect, encodeEvent, interpret, websocketUrl } from './wire.js';

/**
 * @typedef {{ on(event: string, fn: (payload: any) => void): void,
 *   emitWithAck(event: string, payload: unknown, timeoutMs?: number): Promise<any>,
 *   onClose(fn: (code: number) => void): void, close(): void, readonly open: boolean }} SioClient
 */

/**
 * Opens one websocket and connects it to one namespace with a handshake `auth`.
 * @param {string} baseUrl http(s)://host[:port]
 * @param {string} nsp e.g. '/exam'
 * @param {Record<string, unknown>} auth
 * @param {{ headers?: Record<string, string>, timeoutMs?: number }} [options]
 * @returns {Promise<SioClient>}
 */
export function connect(baseUrl, nsp, auth, options = {}) {
  const ws = new WebSocket(websocketUrl(baseUrl), null, { headers: options.headers ?? {} });
  /** @type {Map<string, ((payload: any) => void)[]>} */
  const handlers = new Map();
  /** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void, timer: any }>} */
  const acks = new Map();
  /** @type {((code: number) => void)[]} */
  const closeHandlers = [];
  let nextAck = 0;
  let open = false;

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`connect to ${nsp} timed out`));
      ws.close();
    }, options.timeoutMs ?? 10000);

    /** @type {SioClient} */
    const client = {
      on(event, fn) {
        handlers.set(event, [...(handlers.get(event) ?? []), fn]);
      },
      emitWithAck(event, payload, timeoutMs = 10000) {
        const id = nextAck++;
        return new Promise((res, rej) => {
          const t = setTimeout(() => {
            acks.delete(id);
            rej(new Error(`no acknowledgement of ${event} in ${timeoutMs} ms`));
          }, timeoutMs);
          acks.set(id, { resolve: res, reject: rej, timer: t });
          ws.send(encodeEvent(nsp, id, event, payload));
        });
      },
      onClose(fn) {
        closeHandlers.push(fn);
      },
      close() {
        open = false;
        ws.close();
      },
      get open() {
        return open;
      },
    };

    ws.addEventListener('message', (/** @type {any} */ e) => {
      const m = interpret(String(e.data), nsp);
      switch (m.kind) {
        case 'open':
          ws.send(encodeConnect(nsp, auth));
          return;
        case 'ping': // answer, or the server drops us after its pingTimeout
          ws.send(PONG);
          return;
        case 'connected':
          open = true;
          clearTimeout(timer);
          resolve(client);
          return;
        case 'refused':
          clearTimeout(timer);
          reject(new Error(`connect refused: ${JSON.stringify(m.data)}`));
          ws.close();
          return;
        case 'ack': {
          const waiter = acks.get(m.id);
          if (!waiter) return;
          acks.delete(m.id);
          clearTimeout(waiter.timer);
          waiter.resolve(m.data);
          return;
        }
        case 'event':
          for (const fn of handlers.get(m.event) ?? []) fn(m.data);
          return;
        case 'disconnect':
          ws.close();
          return;
        default:
          return;
      }
    });
    ws.addEventListener('close', (/** @type {any} */ e) => {
      open = false;
      clearTimeout(timer);
      for (const w of acks.values()) {
        clearTimeout(w.timer);
        w.reject(new Error('connection closed'));
      }
      acks.clear();
      for (const fn of closeHandlers) fn(Number(e?.code ?? 0));
      reject(new Error('connection closed before the namespace connected'));
    });
    ws.addEventListener('error', () => undefined);
  });
}
