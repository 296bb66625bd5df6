// The k6 scenarios cannot run here (no k6 binary), so their socket.io framing is proven against a
// real socket.io 4 server with a plain websocket, exactly as k6 would send and read the frames.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PONG, encodeConnect, encodeEvent, interpret, websocketUrl } from '../k6/lib/wire.js';

let http: HttpServer;
let io: Server;
let baseUrl = '';

beforeAll(async () => {
  http = createServer();
  io = new Server(http, { pingInterval: 100, pingTimeout: 100 });
  const exam = io.of('/exam');
  exam.use((socket, next) => {
    const auth = socket.handshake.auth as { accessToken?: string };
    if (auth.accessToken === 'good') next();
    else next(Object.assign(new Error('bad token'), { data: { code: 'UNAUTHENTICATED' } }));
  });
  exam.on('connection', (socket) => {
    socket.emit('notice', { text: 'Selamat mengerjakan' });
    socket.on('answer', (payload: { seq: number }, ack: (r: unknown) => void) =>
      ack({ ok: true, seq: payload.seq, duplicate: false }),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await io.close();
});

type Frame = ReturnType<typeof interpret>;

function open(auth: unknown): { ws: WebSocket; frames: Frame[]; next(kind: string): Promise<Frame> } {
  const ws = new WebSocket(websocketUrl(baseUrl));
  const frames: Frame[] = [];
  const waiters: { kind: string; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (data: Buffer) => {
    const frame = interpret(data.toString('utf8'), '/exam');
    if (frame.kind === 'open') ws.send(encodeConnect('/exam', auth));
    if (frame.kind === 'ping') ws.send(PONG);
    const w = waiters.findIndex((x) => x.kind === frame.kind);
    if (w >= 0) waiters.splice(w, 1)[0]?.resolve(frame);
    else frames.push(frame);
  });
  return {
    ws,
    frames,
    next: (kind) =>
      new Promise((resolve) => {
        const seen = frames.findIndex((f) => f.kind === kind);
        if (seen >= 0) resolve(frames.splice(seen, 1)[0] as Frame);
        else waiters.push({ kind, resolve });
      }),
  };
}

describe('the k6 socket.io framing', () => {
  it('joins a namespace with its auth, gets events and acknowledgements, and stays up across pings', async () => {
    const c = open({ accessToken: 'good', deviceId: 'd1' });
    expect((await c.next('connected')).kind).toBe('connected');
    expect(await c.next('event')).toEqual({
      kind: 'event',
      event: 'notice',
      data: { text: 'Selamat mengerjakan' },
    });
    c.ws.send(encodeEvent('/exam', 7, 'answer', { itemId: 'x', value: 'A', seq: 12 }));
    expect(await c.next('ack')).toEqual({
      kind: 'ack',
      id: 7,
      data: { ok: true, seq: 12, duplicate: false },
    });
    // Several ping intervals pass: without the pongs the server would have closed the socket.
    await new Promise((r) => setTimeout(r, 500));
    expect(c.frames.filter((f) => f.kind === 'ping').length).toBeGreaterThanOrEqual(3);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.send(encodeEvent('/exam', 8, 'answer', { itemId: 'x', value: 'B', seq: 13 }));
    expect(await c.next('ack')).toEqual({
      kind: 'ack',
      id: 8,
      data: { ok: true, seq: 13, duplicate: false },
    });
    c.ws.close();
  });

  it('reports a refused handshake with the server’s error', async () => {
    const c = open({ accessToken: 'bad', deviceId: 'd2' });
    const refused = await c.next('refused');
    expect(refused).toEqual({
      kind: 'refused',
      data: { message: 'bad token', data: { code: 'UNAUTHENTICATED' } },
    });
    c.ws.close();
  });
});
