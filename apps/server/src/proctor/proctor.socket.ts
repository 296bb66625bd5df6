// Namespace /proctor: a pengawas watches the seats of a room and acts on them. Every action is
// authorised against the proctor's assignments, written to the audit log with its reason, and pushed
// at once to the participants (through /exam) and to every proctor of the room (through /proctor).
import { RoomFeed, type RoomIncidentEntry } from '@petakom/exam-store';
import {
  STAFF_SESSION_COOKIE,
  errorReply,
  proctorEventSchemas,
  proctorHandshakeSchema,
  type FeedIncident,
  type Incident,
  type IncidentKind,
  type Seat,
} from '@petakom/protocol';
import type { JsonObject } from '@petakom/db';
import { recordAudit } from '../audit/audit.ts';
import type { ServerContext } from '../context.ts';
import { ExamRepository } from '../exam/exam.repository.ts';
import { storeError } from '../exam/exam.socket.ts';
import { prepareSessionLocked } from '../exam/prepare-once.ts';
import { proctorRoom, type ProctorNamespace, type ProctorSocket } from '../realtime/io-types.ts';
import type { Live } from '../realtime/live.ts';
import { bindEvents, handshakeError, type AckBody } from '../realtime/socket-events.ts';
import { StaffAuthService } from '../staff/staff-auth.service.ts';
import type { StaffClaims, VerifyResult } from '../auth/tokens.ts';
import { ProctorRepository } from './proctor.repository.ts';
import { mayOpenRoom } from './room-access.ts';

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function registerProctorNamespace(ctx: ServerContext, nsp: ProctorNamespace, live: Live): void {
  const { store, log, metrics } = ctx;
  const repo = new ExamRepository(ctx.db);
  const rooms = new ProctorRepository(ctx.db);
  const staffAuth = new StaffAuthService(ctx.db, ctx.redis, ctx.config.REDIS_PREFIX);
  const feed = new RoomFeed(ctx.redis, store.keys);

  async function toFeedIncident(entry: RoomIncidentEntry): Promise<FeedIncident> {
    const meta = await live.seats.metaOf(entry.attemptId, entry.sessionId);
    return {
      id: entry.id,
      sessionId: entry.sessionId,
      attemptId: entry.attemptId,
      kind: entry.kind as IncidentKind,
      at: entry.at,
      detail: entry.detail,
      seatNo: meta.seatNo,
      participantName: meta.participantName,
      ack: entry.ack,
    };
  }

  /** Files an incident in the room's feed, then tells the room's proctors (with the feed id). */
  async function fileIncident(incident: Incident): Promise<void> {
    const record = await feed.addIncident(incident);
    nsp
      .to(proctorRoom(incident.sessionId))
      .emit('incident:feed', await toFeedIncident({ ...record, ack: null }));
  }

  // Live is the one place every incident passes (participant signals, device conflicts); the feed
  // observes it there so each incident is stored, with an id to acknowledge, before proctors see it.
  const emitIncident = live.incident.bind(live);
  live.incident = (incident: Incident) => {
    emitIncident(incident);
    fileIncident(incident).catch((err: unknown) => log.warn({ err }, 'incident not filed'));
  };
  live.seats.attach(feed, (incident) => live.incident(incident));

  /** The staff session cookie of a browser, or else a signed staff access token. */
  async function authenticate(
    accessToken: string | undefined,
    cookie: string | undefined,
  ): Promise<VerifyResult<StaffClaims>> {
    const sessionToken = cookieValue(cookie, STAFF_SESSION_COOKIE);
    if (sessionToken) {
      const session = await staffAuth.authenticate(sessionToken);
      if (session)
        return { ok: true, claims: { staffUserId: session.staff.id, roles: [...session.staff.roles] } };
    }
    if (accessToken) return ctx.tokens.verifyStaff(accessToken);
    return { ok: false, code: 'UNAUTHENTICATED' };
  }

  nsp.use((socket, next) => {
    const auth = proctorHandshakeSchema.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(handshakeError('UNAUTHENTICATED', 'malformed handshake'));
    authenticate(auth.data.accessToken, socket.handshake.headers.cookie).then(
      (verified) => {
        if (!verified.ok) return next(handshakeError(verified.code, 'access token refused'));
        if (!verified.claims.roles.some((r) => r === 'proctor' || r === 'admin')) {
          return next(handshakeError('FORBIDDEN', 'not a proctor'));
        }
        socket.data = { ...verified.claims };
        next();
      },
      (err: unknown) => {
        log.error({ err }, 'proctor handshake failed');
        next(handshakeError('INTERNAL', 'internal error'));
      },
    );
  });

  nsp.on('connection', (socket: ProctorSocket) => {
    const { staffUserId, roles } = socket.data;
    const slog = log.child({ socketId: socket.id, staffUserId });
    const actor = { staffUserId, roles };

    const mayWatch = (sessionId: string) => mayOpenRoom(repo, actor, sessionId);
    const forbidden = () => errorReply('FORBIDDEN', 'not assigned to this room');
    const archived = () => errorReply('SESSION_NOT_OPEN', 'the session is over and archived');

    const audit = (
      action: string,
      targetType: string,
      targetId: string,
      reason: string,
      detail: JsonObject = {},
    ) =>
      recordAudit(ctx.db, {
        actor: { kind: 'staff', id: staffUserId },
        action,
        targetType,
        targetId,
        reason,
        detail,
        ip: socket.handshake.address,
      });

    /**
     * Runs an action on the whole room once the room is this proctor's and not archived: a pause or a
     * token written for a session long over would only leave keys the archive no longer clears, and
     * a paused tile on a room nobody sits in.
     */
    async function onRoom(sessionId: string, run: () => Promise<AckBody>): Promise<AckBody> {
      if (!(await mayWatch(sessionId))) return forbidden();
      return (await repo.isArchived(sessionId)) ? archived() : run();
    }

    /** Runs a seat action after checking the seat's room belongs to this proctor. */
    async function onSeat(attemptId: string, run: (sessionId: string) => Promise<AckBody>): Promise<AckBody> {
      const record = await store.readSeat(attemptId);
      if (record) return (await mayWatch(record.sessionId)) ? run(record.sessionId) : forbidden();
      // Not in Redis: never prepared, or its room archived — said only to a proctor of that room.
      const sessionId = (await repo.seatMeta(attemptId))?.sessionId;
      if (sessionId !== undefined && (await mayWatch(sessionId)) && (await repo.isArchived(sessionId)))
        return archived();
      return errorReply('NOT_FOUND', 'no such attempt');
    }

    async function roomTimeChanged(attemptIds: string[], reason: 'pause' | 'resume', message?: string) {
      await Promise.all(attemptIds.map((id) => live.timeChanged(id, reason, message)));
    }

    async function pushToken(sessionId: string) {
      const state = await ctx.roomTokens.state(sessionId, Date.now());
      const token = { sessionId, roomToken: state.current, rotatesAt: state.rotatesAt ?? 0 };
      nsp.to(proctorRoom(sessionId)).emit('room:token', token);
      return token;
    }

    // The clock rotates the token with nobody acting, so each socket is told the new one when its
    // period ends. Per socket, by the process holding it: several processes never push it twice.
    const tokenTimers = new Map<string, NodeJS.Timeout>();
    function followToken(sessionId: string, rotatesAt: number | null) {
      clearTimeout(tokenTimers.get(sessionId));
      tokenTimers.delete(sessionId);
      if (rotatesAt === null) return;
      const timer = setTimeout(
        () => {
          // Never read the state before the boundary, even if the timer fires a little early.
          ctx.roomTokens.state(sessionId, Math.max(Date.now(), rotatesAt)).then(
            (state) => {
              if (!socket.connected) return;
              socket.emit('room:token', {
                sessionId,
                roomToken: state.current,
                rotatesAt: state.rotatesAt ?? 0,
              });
              followToken(sessionId, state.rotatesAt);
            },
            (err: unknown) => {
              slog.warn({ err, sessionId }, 'room token not pushed');
              if (socket.connected) followToken(sessionId, rotatesAt + 1000);
            },
          );
        },
        Math.max(0, rotatesAt - Date.now()),
      );
      timer.unref();
      tokenTimers.set(sessionId, timer);
    }
    socket.on('disconnect', () => {
      for (const timer of tokenTimers.values()) clearTimeout(timer);
      tokenTimers.clear();
    });

    bindEvents(
      socket,
      proctorEventSchemas,
      {
        'room:join': async ({ sessionId }) => {
          if (!(await mayWatch(sessionId))) return forbidden();
          const session = await repo.session(sessionId);
          if (!session) return errorReply('NOT_FOUND', 'no such session');
          await socket.join(proctorRoom(sessionId));
          const now = Date.now();
          const token = await ctx.roomTokens.state(sessionId, now);
          followToken(sessionId, token.rotatesAt);
          // Redis while it holds the room; once the worker archived it (and deleted its keys), Postgres.
          const ids = await store.sessionAttemptIds(sessionId);
          const archive = ids.length === 0 ? await rooms.liveArchive(sessionId) : null;
          let seats: Seat[];
          if (archive) {
            seats = await live.seats.archivedSeats(sessionId, archive.seats);
          } else {
            const online = await live.seats.onlineAttempts(sessionId);
            const records = (await Promise.all(ids.map((id) => store.readSeat(id)))).filter(
              (r) => r !== null,
            );
            seats = await live.seats.seats(sessionId, records, (id) => online.has(id), now);
          }
          seats.sort((a, b) => (a.seatNo ?? 0) - (b.seatNo ?? 0));
          const incidents = await Promise.all(
            (archive?.incidents ?? (await feed.incidents(sessionId))).map(toFeedIncident),
          );
          return {
            ok: true,
            room: {
              sessionId,
              roomName: session.roomName,
              archived: archive !== null,
              paused: archive ? false : await store.isSessionPaused(sessionId),
              roomToken: token.current,
              roomTokenRotatesAt: token.rotatesAt ?? 0,
              seats,
              incidents,
              serverTime: await store.serverTime(),
            },
          };
        },
        'room:pause': ({ sessionId, reason }) =>
          onRoom(sessionId, async () => {
            const { attemptIds } = await store.pauseSession(sessionId);
            await audit('room.pause', 'exam_session', sessionId, reason);
            nsp.to(proctorRoom(sessionId)).emit('room:state', { sessionId, paused: true });
            await roomTimeChanged(attemptIds, 'pause', reason);
            return { ok: true };
          }),
        'room:resume': ({ sessionId, reason }) =>
          onRoom(sessionId, async () => {
            const { attemptIds } = await store.resumeSession(sessionId);
            await audit('room.resume', 'exam_session', sessionId, reason);
            nsp.to(proctorRoom(sessionId)).emit('room:state', { sessionId, paused: false });
            await roomTimeChanged(attemptIds, 'resume');
            await Promise.all(attemptIds.map((id) => live.seatChanged(id)));
            return { ok: true };
          }),
        'room:token:rotate': ({ sessionId, reason }) =>
          onRoom(sessionId, async () => {
            await ctx.roomTokens.rotate(sessionId, Date.now());
            await audit('room.token_rotate', 'exam_session', sessionId, reason);
            const token = await pushToken(sessionId);
            return { ok: true, roomToken: token.roomToken, rotatesAt: token.rotatesAt };
          }),
        'seat:extend': ({ attemptId, minutes, reason }) =>
          onSeat(attemptId, async () => {
            const r = await store.extend(attemptId, minutes * 60_000);
            if (!r.ok) return storeError(r.code);
            await audit('seat.extend', 'attempt', attemptId, reason, { minutes });
            await live.timeChanged(attemptId, 'extend');
            await live.seatChanged(attemptId);
            return { ok: true };
          }),
        'seat:unlock-device': ({ attemptId, reason }) =>
          onSeat(attemptId, async () => {
            await store.unlockDevice(attemptId);
            await audit('seat.unlock_device', 'attempt', attemptId, reason);
            await live.seatChanged(attemptId);
            return { ok: true };
          }),
        'seat:force-finish': ({ attemptId, reason }) =>
          onSeat(attemptId, async () => {
            const r = await store.finishAttempt(attemptId, 'force_finished', 'proctor');
            if (!r.ok) return storeError(r.code);
            await audit('seat.force_finish', 'attempt', attemptId, reason);
            if (r.changed) await live.attemptClosed(attemptId, r.status, 'proctor');
            return { ok: true };
          }),
        'room:broadcast': ({ sessionId, message, reason }) =>
          onRoom(sessionId, async () => {
            live.notice(sessionId, message, await store.serverTime());
            await audit('room.broadcast', 'exam_session', sessionId, reason, { message });
            return { ok: true };
          }),
        'incident:ack': ({ sessionId, incidentId, note }) =>
          onRoom(sessionId, async () => {
            const entry = await feed.incident(sessionId, incidentId);
            if (!entry) return errorReply('NOT_FOUND', 'no such incident');
            const ack = { note, by: await rooms.staffName(staffUserId), at: Date.now() };
            if (!(await feed.acknowledge(sessionId, incidentId, ack)))
              return errorReply('VALIDATION', 'the incident is already acknowledged');
            await audit('incident.ack', 'attempt', entry.attemptId, note, {
              incidentId,
              kind: entry.kind,
              at: entry.at,
            });
            nsp.to(proctorRoom(sessionId)).emit('incident:feed', await toFeedIncident({ ...entry, ack }));
            return { ok: true };
          }),
        'seat:absent': ({ attemptId, reason }) =>
          onSeat(attemptId, async (sessionId) => {
            const record = await store.readSeat(attemptId);
            if (!record || record.status !== 'prepared' || record.deviceId !== null)
              return errorReply('VALIDATION', 'only a participant who never logged in can be marked absent');
            const reg = await rooms.registrationOfAttempt(attemptId);
            if (!reg) return errorReply('NOT_FOUND', 'no registration');
            await rooms.setRegistrationStatus(reg.registrationId, 'absent');
            await feed.setAbsent(sessionId, attemptId, true);
            await audit('seat.absent', 'attempt', attemptId, reason);
            await live.seatChanged(attemptId, false);
            return { ok: true };
          }),
        'seat:move': ({ attemptId, targetSessionId, reason }) =>
          onSeat(attemptId, async (sessionId) => {
            const targets = await rooms.moveTargets(sessionId, new Date());
            if (!targets.some((t) => t.sessionId === targetSessionId))
              return errorReply('VALIDATION', 'the target session has no free seat or is not open');
            const reg = await rooms.registrationOfAttempt(attemptId);
            if (!reg) return errorReply('NOT_FOUND', 'no registration');
            if (!(await feed.discardUnstarted(attemptId, sessionId)))
              return errorReply('VALIDATION', 'only a participant who never logged in can be moved');
            const seatNo = await rooms.moveRegistration(reg.registrationId, targetSessionId);
            if (seatNo === null) return errorReply('VALIDATION', 'the target session is full');
            await feed.setAbsent(sessionId, attemptId, false);
            await audit('seat.move', 'attempt', attemptId, reason, {
              fromSessionId: sessionId,
              toSessionId: targetSessionId,
              seatNo,
            });
            // Under the session's preparation lock; if another process holds it, the participant's
            // login prepares the new seat later.
            await prepareSessionLocked(ctx, targetSessionId, async () => true).catch((err: unknown) =>
              slog.warn({ err }, 'target session not prepared yet'),
            );
            nsp.to(proctorRoom(sessionId)).emit('seat:removed', { sessionId, attemptId });
            return { ok: true, seatNo };
          }),
        'room:move-targets': async ({ sessionId }) => {
          if (!(await mayWatch(sessionId))) return forbidden();
          return { ok: true, targets: await rooms.moveTargets(sessionId, new Date()) };
        },
      },
      { log: slog, metrics },
    );
  });
}
