// Starts real servers against a test schema and key prefix, and speaks to them like a browser does.
import type { TestDatabase } from '@petakom/db/testing';
import type {
  ExamClientToServerEvents,
  ExamServerToClientEvents,
  ParticipantLoginResponse,
  ProctorClientToServerEvents,
  ProctorServerToClientEvents,
  Seat,
  SeatProgress,
} from '@petakom/protocol';
import http from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import { loadServerConfig } from '../src/config.ts';
import { createServer, type PetakomServer } from '../src/server.ts';

export type ExamClient = Socket<ExamServerToClientEvents, ExamClientToServerEvents>;
export type ProctorClient = Socket<ProctorServerToClientEvents, ProctorClientToServerEvents>;

export function testEnv(
  db: TestDatabase,
  prefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    DATABASE_SCHEMA: db.schema,
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
    ANSWER_LOG_SHARDS: '4',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    PETAKOM_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...extra,
  };
}

export async function startTestServer(
  db: TestDatabase,
  prefix: string,
  extra: Record<string, string> = {},
): Promise<{ server: PetakomServer; url: string }> {
  const server = await createServer(loadServerConfig(testEnv(db, prefix, extra)), { background: false });
  const url = await server.listen();
  return { server, url };
}

export interface LoginBody {
  nip: string;
  accessCode: string;
  roomToken: string;
  deviceId: string;
}

export async function login(
  url: string,
  body: LoginBody | Record<string, unknown>,
): Promise<{
  status: number;
  body: ParticipantLoginResponse | { ok: false; error: { code: string; message: string } };
}> {
  const res = await fetch(`${url}/api/v1/participant/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ParticipantLoginResponse };
}

export async function loginOk(url: string, body: LoginBody): Promise<ParticipantLoginResponse> {
  const r = await login(url, body);
  if (!r.body.ok) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Connects to /exam and resolves once connected, or rejects with the handshake error code. */
export function connectExam(url: string, accessToken: string, deviceId: string): Promise<ExamClient> {
  const socket: ExamClient = connect(`${url}/exam`, {
    auth: { accessToken, deviceId },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.close();
      reject(new Error(err.data?.code ?? err.message));
    });
  });
}

export function nextEvent<T>(
  socket: { once(event: string, fn: (v: T) => void): unknown },
  event: string,
): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

/** The first `event` whose payload matches. */
export function waitFor<T>(
  socket: ProctorClient | ExamClient,
  event: string,
  match: (v: T) => boolean,
): Promise<T> {
  // The events are typed per namespace; a test names them by string.
  const untyped = socket as unknown as {
    on(e: string, f: (v: T) => void): void;
    off(e: string, f: (v: T) => void): void;
  };
  return new Promise((resolve) => {
    const on = (v: T) => {
      if (!match(v)) return;
      untyped.off(event, on);
      resolve(v);
    };
    untyped.on(event, on);
  });
}

/** The first entry of a batch pushed as `event` that matches. */
async function firstInBatch<T>(
  socket: ProctorClient,
  event: 'seats:update' | 'seats:progress',
  match: (v: T) => boolean,
): Promise<T> {
  const batch = await waitFor<T[]>(socket, event, (b) => b.some(match));
  return batch.find(match) as T;
}

/** The first seat pushed to the proctor (in a `seats:update` batch) that matches. */
export function waitForSeat(proctor: ProctorClient, match: (seat: Seat) => boolean): Promise<Seat> {
  return firstInBatch(proctor, 'seats:update', match);
}

/** The first answer count pushed to the proctor (in a `seats:progress` batch) that matches. */
export function waitForProgress(
  proctor: ProctorClient,
  match: (progress: SeatProgress) => boolean,
): Promise<SeatProgress> {
  return firstInBatch(proctor, 'seats:progress', match);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function connectProctor(url: string, accessToken: string): Promise<ProctorClient> {
  const socket: ProctorClient = connect(`${url}/proctor`, {
    auth: { accessToken },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.close();
      reject(new Error(err.data?.code ?? err.message));
    });
  });
}

/** A GET as the bytes came over the wire (no decompression), for checking codings and caching headers. */
export function getRaw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
