// Pengawas watching their rooms while the load runs: each logs in once (staff session cookie) and
// opens the live room of each assigned session over /proctor, as the proctor dashboard does.
// Counts seat updates and incidents received and times `room:join`.
import {
  PROCTOR_NAMESPACE,
  STAFF_SESSION_COOKIE,
  type ProctorClientToServerEvents,
  type ProctorServerToClientEvents,
  type RoomJoinAck,
} from '@petakom/protocol';
import { io, type Socket } from 'socket.io-client';
import type { LoadProctor } from './fixture.ts';

type ProctorSocket = Socket<ProctorServerToClientEvents, ProctorClientToServerEvents>;

export interface RoomWatchers {
  rooms: number;
  /** Settles once every dashboard has joined its room (or failed to). */
  joined: Promise<void>;
  joinLatencies: number[];
  errors: string[];
  seatUpdates(): number;
  incidents(): number;
  close(): void;
}

async function staffCookie(url: string, username: string, password: string, ip: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`staff login of ${username} failed (${res.status}): ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${STAFF_SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`staff login of ${username} set no session cookie`);
  return cookie;
}

export async function watchRooms(url: string, proctors: readonly LoadProctor[]): Promise<RoomWatchers> {
  const cookies = new Map<string, string>();
  const sockets: ProctorSocket[] = [];
  const joinLatencies: number[] = [];
  const errors: string[] = [];
  let seatUpdates = 0;
  let incidents = 0;
  const firstJoins: Promise<void>[] = [];
  for (const [n, p] of proctors.entries()) {
    try {
      let cookie = cookies.get(p.username);
      if (!cookie) {
        cookie = await staffCookie(url, p.username, p.password, `172.16.0.${(n % 250) + 1}`);
        cookies.set(p.username, cookie);
      }
      const socket: ProctorSocket = io(`${url}${PROCTOR_NAMESPACE}`, {
        transports: ['websocket'],
        extraHeaders: { cookie },
        forceNew: true,
      });
      sockets.push(socket);
      socket.on('seats:update', (seats) => {
        seatUpdates += seats.length;
      });
      socket.on('seats:progress', (progress) => {
        seatUpdates += progress.length;
      });
      socket.on('incident', () => {
        incidents++;
      });
      const join = async () => {
        const t0 = performance.now();
        const ack = (await socket
          .timeout(30_000)
          .emitWithAck('room:join', { sessionId: p.sessionId })) as RoomJoinAck;
        if (!ack.ok) throw new Error(`room:join refused: ${ack.error.code}`);
        joinLatencies.push(performance.now() - t0);
      };
      // Rejoin after a reconnect (a server restarted), as the dashboard does.
      firstJoins.push(
        new Promise<void>((resolve) => {
          socket.on('connect', () => {
            join()
              .catch((err: unknown) => errors.push(String(err)))
              .finally(resolve);
          });
        }),
      );
    } catch (err) {
      errors.push(String(err));
    }
  }
  return {
    rooms: proctors.length,
    joined: Promise.all(firstJoins).then(() => undefined),
    joinLatencies,
    errors,
    seatUpdates: () => seatUpdates,
    incidents: () => incidents,
    close() {
      for (const s of sockets) s.disconnect();
    },
  };
}
