// A load generator of the socket.io floor: holds its share of the simulated browsers, each a real
// socket.io-client websocket from this child's 127.0.0.x source address, and answers at the rate it
// is told with the same pacing as the platform's load generators (../harness/pace.ts).
import { randomUUID } from 'node:crypto';
import { EXAM_NAMESPACE, type AnswerAck } from '@petakom/protocol';
import { io, type Socket } from 'socket.io-client';
import { serveRpc } from '../harness/child-rpc.ts';
import { paceAnswers, type PacedAnswers } from '../harness/pace.ts';

export type FloorCommand =
  | { t: 'init'; url: string; localAddress: string; sockets: number }
  | { t: 'rate'; perSecond: number; durationMs: number }
  | { t: 'close' };

interface Browser {
  socket: Socket;
  itemIds: string[];
  seq: number;
}

let browsers: Browser[] = [];

async function connect(url: string, localAddress: string): Promise<Browser> {
  // engine.io-client hands options it does not know (localAddress) on to the websocket's request.
  const options = {
    transports: ['websocket'],
    reconnection: false,
    timeout: 20_000,
    forceNew: true,
    localAddress,
  };
  const socket = io(`${url}${EXAM_NAMESPACE}`, options);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  // A section's worth of item ids, as the platform's participants pick from.
  return { socket, itemIds: Array.from({ length: 40 }, () => randomUUID()), seq: 0 };
}

async function answer(b: Browser): Promise<number | null> {
  const itemId = b.itemIds[Math.floor(Math.random() * b.itemIds.length)] as string;
  const payload = { itemId, value: 1 + Math.floor(Math.random() * 5), seq: ++b.seq };
  const started = performance.now();
  try {
    const ack = (await b.socket.timeout(30_000).emitWithAck('answer', payload)) as AnswerAck;
    return ack.ok ? performance.now() - started : null;
  } catch {
    return null;
  }
}

serveRpc<FloorCommand>(async (cmd): Promise<unknown> => {
  switch (cmd.t) {
    case 'init': {
      // A hundred at a time: the floor measures answering, not a connection storm.
      for (let n = 0; n < cmd.sockets; n += 100) {
        const batch = Math.min(100, cmd.sockets - n);
        browsers.push(
          ...(await Promise.all(Array.from({ length: batch }, () => connect(cmd.url, cmd.localAddress)))),
        );
      }
      return { connected: browsers.length };
    }
    case 'rate': {
      const paced: PacedAnswers = await paceAnswers(
        browsers,
        cmd.perSecond,
        cmd.durationMs,
        answer,
        (b) => !b.socket.connected,
      );
      return paced;
    }
    case 'close':
      for (const b of browsers) b.socket.close();
      browsers = [];
      setTimeout(() => process.exit(0), 50);
      return {};
  }
});
