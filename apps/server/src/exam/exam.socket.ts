// Namespace /exam: a participant's live exam. Every event is validated, acknowledged only after the
// Redis write, and answered with a stable error code when refused.
import type { StoreErrorCode } from '@petakom/exam-store';
import { errorReply, examEventSchemas, examHandshakeSchema, type ErrorCode } from '@petakom/protocol';
import type { ServerContext } from '../context.ts';
import {
  attemptRoom,
  deviceRoom,
  sessionRoom,
  type ExamNamespace,
  type ExamSocket,
} from '../realtime/io-types.ts';
import type { Live } from '../realtime/live.ts';
import { bindEvents, handshakeError, type AckBody } from '../realtime/socket-events.ts';
import type { ExamService } from './exam.service.ts';

const MESSAGES: Record<StoreErrorCode, string> = {
  NOT_FOUND: 'not found',
  ATTEMPT_FINISHED: 'the attempt is finished',
  ATTEMPT_PAUSED: 'the room is paused',
  SECTION_CLOSED: 'the section is closed',
  SECTION_NOT_STARTED: 'the section has not started',
  SECTION_OUT_OF_ORDER: 'sections are taken in order',
  ITEM_NOT_IN_SECTION: 'the item is not in an open section of this attempt',
  STALE_SEQUENCE: 'a newer change of this item is already stored',
  INVALID_VALUE: 'the value is not valid for this item',
  DEVICE_LOCKED: 'the attempt is locked to another device',
};

export function storeError(code: StoreErrorCode): AckBody {
  return errorReply(code as ErrorCode, MESSAGES[code]);
}

export function registerExamNamespace(
  ctx: ServerContext,
  nsp: ExamNamespace,
  service: ExamService,
  live: Live,
): void {
  const { store, metrics, log } = ctx;

  nsp.use((socket, next) => {
    const auth = examHandshakeSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(handshakeError('UNAUTHENTICATED', 'missing access token or device id'));
    void (async () => {
      const verified = await ctx.tokens.verifyParticipant(auth.data.accessToken);
      if (!verified.ok) return next(handshakeError(verified.code, 'access token refused'));
      const claims = verified.claims;
      if (claims.deviceId !== auth.data.deviceId)
        return next(handshakeError('FORBIDDEN', 'token of another device'));
      const claim = await store.claimDevice(claims.attemptId, claims.deviceId);
      if (!claim.ok && claim.code === 'DEVICE_LOCKED')
        return next(handshakeError('DEVICE_LOCKED', MESSAGES.DEVICE_LOCKED));
      if (!claim.ok && claim.code === 'NOT_FOUND')
        return next(handshakeError('NOT_FOUND', 'attempt not prepared'));
      socket.data = { ...claims };
      next();
    })().catch((err: unknown) => {
      log.error({ err }, 'exam handshake failed');
      next(handshakeError('INTERNAL', 'internal error'));
    });
  });

  nsp.on('connection', (socket: ExamSocket) => {
    const { attemptId, sessionId } = socket.data;
    const slog = log.child({ socketId: socket.id, attemptId });
    void socket.join([
      attemptRoom(attemptId),
      deviceRoom(attemptId, socket.data.deviceId),
      sessionRoom(sessionId),
    ]);
    metrics.connectedParticipants.inc({ session: sessionId });
    live.seatChangedSoon(sessionId, attemptId);
    socket.on('disconnect', () => {
      metrics.connectedParticipants.dec({ session: sessionId });
      live.seatLeft(sessionId, attemptId).catch((err: unknown) => slog.warn({ err }, 'seat update failed'));
    });

    const write = async (
      kind: 'answer' | 'flag',
      run: () => ReturnType<typeof store.answer>,
      itemId: string,
      seq: number,
    ) => {
      const started = process.hrtime.bigint();
      const r = await run();
      if (!r.ok) {
        metrics.answersRejected.inc({ code: r.code });
        return storeError(r.code);
      }
      metrics.answersAcknowledged.inc({ kind, duplicate: String(r.duplicate) });
      metrics.ackLatency.observe({ kind }, Number(process.hrtime.bigint() - started) / 1e9);
      if (!r.duplicate) {
        // An attempt prepared before the count was kept has its seat read instead.
        if (r.answered === null) live.seatChangedSoon(sessionId, attemptId);
        else live.seatProgressSoon(sessionId, { attemptId, answered: r.answered, lastActivity: r.at });
      }
      return { ok: true as const, itemId, seq, duplicate: r.duplicate };
    };

    bindEvents(
      socket,
      examEventSchemas,
      {
        'attempt:resume': async () => {
          const record = await store.readAttempt(attemptId);
          if (!record) return storeError('NOT_FOUND');
          const { token, expiresAt } = await ctx.tokens.signParticipant(socket.data);
          return { ok: true, state: await service.snapshot(record), accessToken: token, expiresAt };
        },
        'section:start': async ({ sectionKey }) => {
          const r = await store.startSection(attemptId, sectionKey);
          if (!r.ok) return storeError(r.code);
          const section = await service.sectionPayload({ ...r, key: sectionKey });
          if (r.started) live.seatChangedSoon(sessionId, attemptId);
          return { ok: true, section };
        },
        answer: ({ itemId, value, seq }) =>
          write('answer', () => store.answer(attemptId, { itemId, value, seq }), itemId, seq),
        flag: ({ itemId, doubtful, seq }) =>
          write('flag', () => store.flag(attemptId, { itemId, doubtful, seq }), itemId, seq),
        'section:finish': async ({ sectionKey }) => {
          const r = await store.finishSection(attemptId, sectionKey, 'finished');
          if (!r.ok) return storeError(r.code);
          if (r.attemptClosed) await live.attemptClosed(attemptId, 'finished', 'finished');
          else await live.seatChanged(attemptId, true);
          return { ok: true, sectionKey, attemptClosed: r.attemptClosed };
        },
        'attempt:finish': async () => {
          const r = await store.finishAttempt(attemptId, 'finished', 'finished');
          if (!r.ok) return storeError(r.code);
          if (r.changed) await live.attemptClosed(attemptId, r.status, 'finished');
          return { ok: true, status: r.status };
        },
        'client:signal': async ({ kind, at, durationMs }) => {
          const detail = durationMs === undefined ? { clientAt: at } : { clientAt: at, durationMs };
          const serverAt = await store.recordIncident(attemptId, kind, detail);
          live.incident({ sessionId, attemptId, kind, at: serverAt, detail });
          return { ok: true };
        },
        'time:sync': async ({ clientTime }) => ({
          ok: true,
          clientTime,
          serverTime: await store.serverTime(),
        }),
      },
      { log: slog, metrics },
    );
  });
}
