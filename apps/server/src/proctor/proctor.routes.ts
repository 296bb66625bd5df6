// /api/v1/staff/proctor: the sessions a pengawas may open on a day and the berita acara of a session
// (notes, PDF). Live seats and actions go through the /proctor socket namespace.
import { RoomFeed, type AttemptRecord } from '@petakom/exam-store';
import { beritaAcaraNotesRequestSchema, proctorSessionsQuerySchema } from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import { localDate } from '../auth/participant-login.service.ts';
import type { ServerContext } from '../context.ts';
import { ExamRepository } from '../exam/exam.repository.ts';
import { ApiFailure, handleApiFailures } from '../staff/api-failure.ts';
import { currentStaff, requireRole } from '../staff/roles.ts';
import { renderBeritaAcara, type BeritaAcaraData } from './berita-acara.ts';
import { ProctorRepository } from './proctor.repository.ts';
import { mayOpenRoom } from './room-access.ts';

const PROCTOR = requireRole('proctor', 'admin');
const tags = ['proctor'];
const sessionParams = z.object({ sessionId: z.uuid() });

const STATE_LABEL: Record<string, string> = {
  prepared: 'belum hadir',
  in_progress: 'hadir, belum selesai',
  finished: 'hadir, selesai',
  timed_out: 'hadir, waktu habis',
  force_finished: 'hadir, dihentikan pengawas',
};

export function proctorRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    const exam = new ExamRepository(ctx.db);
    const repo = new ProctorRepository(ctx.db);
    const feed = new RoomFeed(ctx.redis, ctx.store.keys);

    async function openRoom(request: Parameters<typeof currentStaff>[0], sessionId: string) {
      const staff = currentStaff(request);
      if (!(await mayOpenRoom(exam, { staffUserId: staff.id, roles: staff.roles }, sessionId)))
        throw new ApiFailure('FORBIDDEN', 'Anda tidak ditugaskan di ruang ini.');
      const session = await exam.session(sessionId);
      if (!session) throw new ApiFailure('NOT_FOUND', 'Sesi tidak ditemukan.');
      return { staff, session };
    }

    /**
     * How each attempt of the session stands and the room's incidents: from Redis while it holds the
     * session, else from the worker's archive (written before the session's keys were deleted).
     */
    async function attemptStates(sessionId: string, attemptIds: string[]) {
      type State = Pick<AttemptRecord, 'attemptId' | 'status' | 'deviceId' | 'startedAt' | 'closedAt'>;
      const live = (await Promise.all(attemptIds.map((id) => ctx.store.readAttempt(id)))).filter(
        (r) => r !== null,
      );
      const archive = live.length === 0 ? await repo.liveArchive(sessionId) : null;
      const states: State[] = archive?.seats ?? live;
      return {
        attempts: new Map(states.map((r) => [r.attemptId, r])),
        incidents: archive?.incidents ?? (await feed.incidents(sessionId)),
      };
    }

    // Today's by default; another day's for a room looked at afterwards (its berita acara, say).
    app.get(
      '/api/v1/staff/proctor/sessions',
      { config: PROCTOR, schema: { tags, querystring: proctorSessionsQuerySchema } },
      async (request) => {
        const staff = currentStaff(request);
        const date = request.query.date ?? localDate(new Date(), ctx.config.PETAKOM_TZ);
        const sessions = await repo.sessionsOn(date, staff.id, staff.roles.includes('admin'));
        return { ok: true as const, date, timeZone: ctx.config.PETAKOM_TZ, sessions };
      },
    );

    app.get(
      '/api/v1/staff/proctor/sessions/:sessionId/berita-acara',
      { config: PROCTOR, schema: { tags, params: sessionParams } },
      async (request) => {
        await openRoom(request, request.params.sessionId);
        return { ok: true as const, notes: await repo.notes(request.params.sessionId) };
      },
    );

    app.put(
      '/api/v1/staff/proctor/sessions/:sessionId/berita-acara',
      { config: PROCTOR, schema: { tags, params: sessionParams, body: beritaAcaraNotesRequestSchema } },
      async (request) => {
        const { staff } = await openRoom(request, request.params.sessionId);
        await repo.saveNotes(request.params.sessionId, request.body.notes, staff.id);
        await recordAudit(ctx.db, {
          actor: staff,
          action: 'berita_acara.notes',
          targetType: 'exam_session',
          targetId: request.params.sessionId,
          ip: request.ip,
        });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/v1/staff/proctor/sessions/:sessionId/berita-acara.pdf',
      { config: PROCTOR, schema: { tags, params: sessionParams } },
      async (request, reply) => {
        const { sessionId } = request.params;
        const { session } = await openRoom(request, sessionId);
        const registrations = await repo.registrations(sessionId);
        const records = await attemptStates(
          sessionId,
          registrations.map((r) => r.attemptId).filter((id) => id !== null),
        );
        const bySeat = new Map(registrations.map((r) => [r.attemptId, r]));
        const starts = [...records.attempts.values()].map((r) => r.startedAt).filter((t) => t !== null);
        const closes = [...records.attempts.values()].map((r) => r.closedAt).filter((t) => t !== null);
        const attemptIds = registrations.map((r) => r.attemptId).filter((id) => id !== null);
        const incidents = records.incidents;
        const actions = await repo.actions(sessionId, attemptIds);
        const row = await ctx.db
          .selectFrom('exam_sessions')
          .select(['slot'])
          .where('id', '=', sessionId)
          .executeTakeFirstOrThrow();
        const data: BeritaAcaraData = {
          roomName: session.roomName,
          date: session.date,
          slot: row.slot,
          scheduledStart: session.startsAt,
          scheduledEnd: session.endsAt,
          firstStart: starts.length > 0 ? new Date(Math.min(...starts)) : null,
          lastClose: closes.length > 0 ? new Date(Math.max(...closes)) : null,
          proctors: await repo.proctorNames(sessionId),
          attendance: registrations.map((r) => {
            const record = r.attemptId ? records.attempts.get(r.attemptId) : undefined;
            const state =
              r.status === 'absent'
                ? 'tidak hadir'
                : record
                  ? record.status === 'prepared' && record.deviceId !== null
                    ? 'hadir, belum mulai'
                    : (STATE_LABEL[record.status] ?? record.status)
                  : 'belum hadir';
            return { seatNo: r.seatNo, nip: r.nip, fullName: r.fullName, state };
          }),
          incidents: incidents.map((i) => {
            const reg = bySeat.get(i.attemptId);
            return {
              at: new Date(i.at),
              seatNo: reg?.seatNo ?? null,
              participantName: reg?.fullName ?? '',
              kind: i.kind,
              ack: i.ack ? `${i.ack.note} (${i.ack.by})` : null,
            };
          }),
          actions: actions.map((a) => {
            const reg = a.targetId ? bySeat.get(a.targetId) : undefined;
            return {
              at: a.at,
              action: a.action,
              actor: a.actorName ?? '—',
              target: reg
                ? `kursi ${reg.seatNo} ${reg.fullName}`
                : a.targetType === 'attempt'
                  ? 'peserta yang dipindahkan'
                  : 'seluruh ruang',
              reason: a.reason ?? '',
            };
          }),
          notes: await repo.notes(sessionId),
          timeZone: ctx.config.PETAKOM_TZ,
        };
        const pdf = await renderBeritaAcara(data);
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="berita-acara-${session.date}-${sessionId.slice(0, 8)}.pdf"`,
          )
          .send(pdf);
      },
    );
  };
}
