// The socket.io floor's server: socket.io alone, set up as the platform's server is (message limit,
// ping interval, the exam namespace), acknowledging each answer at once with the platform's
// acknowledgement. No login, no Redis, no Postgres: what answering costs this machine before the
// platform itself does anything. Forked by bench-floor.ts; tells its port over IPC.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXAM_NAMESPACE, MAX_SOCKET_MESSAGE_BYTES, type AnswerAck } from '@petakom/protocol';
import { Server } from 'socket.io';

const httpServer = http.createServer();
const io = new Server(httpServer, {
  maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
  pingInterval: 20_000,
  pingTimeout: 15_000,
});
io.of(EXAM_NAMESPACE).on('connection', (socket) => {
  socket.on('answer', (payload: { itemId?: unknown; seq?: unknown } | null, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply: AnswerAck = {
      ok: true,
      itemId: String(payload?.itemId),
      seq: Number(payload?.seq),
      duplicate: false,
    };
    ack(reply);
  });
});
httpServer.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (httpServer.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
