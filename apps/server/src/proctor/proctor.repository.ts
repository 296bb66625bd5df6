// Postgres reads and writes of the proctor's room: assigned sessions, attendance changes, the
// berita acara notes and the room's audited actions.
import type { Database } from '@petakom/db';
import type { ArchivedSeat, SessionLiveState } from '@petakom/exam-store';
import type { ProctorSessionSummary, MoveTarget } from '@petakom/protocol';
import { sql, type Kysely } from 'kysely';

export interface RoomRegistration {
  registrationId: string;
  attemptId: string | null;
  seatNo: number;
  status: string;
  fullName: string;
  nip: string;
}

export interface RoomAction {
  at: Date;
  action: string;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
}

export class ProctorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Sessions on `date` the staff member may open: their assignments, or all when `all` (admin). */
  async sessionsOn(date: string, staffUserId: string, all: boolean): Promise<ProctorSessionSummary[]> {
    let q = this.db
      .selectFrom('exam_sessions as s')
      .innerJoin('rooms as rm', 'rm.id', 's.room_id')
      .select((eb) => [
        's.id as sessionId',
        'rm.name as roomName',
        's.date as date',
        's.slot as slot',
        's.starts_at as startsAt',
        's.ends_at as endsAt',
        's.status as status',
        eb
          .selectFrom('registrations as r')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('r.session_id', '=', 's.id')
          .where('r.status', '=', 'registered')
          .as('registered'),
      ])
      .where('s.date', '=', date)
      .where('s.status', '!=', 'cancelled');
    if (!all) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('proctor_assignments as pa')
            .select('pa.session_id')
            .whereRef('pa.session_id', '=', 's.id')
            .where('pa.staff_user_id', '=', staffUserId),
        ),
      );
    }
    const rows = await q.orderBy('s.starts_at').orderBy('rm.name').execute();
    return rows.map((r) => ({
      ...r,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      registered: Number(r.registered ?? 0),
    }));
  }

  async registrations(sessionId: string): Promise<RoomRegistration[]> {
    return this.db
      .selectFrom('registrations as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .leftJoin('attempts as a', 'a.registration_id', 'r.id')
      .select([
        'r.id as registrationId',
        'a.id as attemptId',
        'r.seat_no as seatNo',
        'r.status as status',
        'p.full_name as fullName',
        'p.nip as nip',
      ])
      .where('r.session_id', '=', sessionId)
      .orderBy('r.seat_no')
      .execute();
  }

  async registrationOfAttempt(attemptId: string) {
    return this.db
      .selectFrom('attempts as a')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .select([
        'r.id as registrationId',
        'r.session_id as sessionId',
        'r.campaign_id as campaignId',
        'r.status as status',
      ])
      .where('a.id', '=', attemptId)
      .executeTakeFirst();
  }

  async setRegistrationStatus(registrationId: string, status: 'registered' | 'absent'): Promise<void> {
    await this.db
      .updateTable('registrations')
      .set({ status, updated_at: sql<Date>`now()` })
      .where('id', '=', registrationId)
      .execute();
  }

  /** Later sessions of the same campaign that still have free seats. */
  async moveTargets(sessionId: string, now: Date): Promise<MoveTarget[]> {
    const rows = await this.db
      .selectFrom('exam_sessions as s')
      .innerJoin('exam_sessions as src', 'src.campaign_id', 's.campaign_id')
      .innerJoin('rooms as rm', 'rm.id', 's.room_id')
      .select((eb) => [
        's.id as sessionId',
        'rm.name as roomName',
        's.date as date',
        's.slot as slot',
        's.capacity as capacity',
        eb
          .selectFrom('registrations as r')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('r.session_id', '=', 's.id')
          .where('r.status', '=', 'registered')
          .as('taken'),
      ])
      .where('src.id', '=', sessionId)
      .where('s.id', '!=', sessionId)
      .where('s.ends_at', '>', now)
      .where('s.status', 'in', ['scheduled', 'open'])
      .orderBy('s.starts_at')
      .execute();
    return rows
      .map((r) => ({
        sessionId: r.sessionId,
        roomName: r.roomName,
        date: r.date,
        slot: r.slot,
        freeSeats: r.capacity - Number(r.taken ?? 0),
      }))
      .filter((t) => t.freeSeats > 0);
  }

  /**
   * Moves a registration to another session's first free seat and drops its unstarted attempt row
   * (the target session prepares a new one). Returns the new seat, or null if the target is full.
   */
  async moveRegistration(registrationId: string, targetSessionId: string): Promise<number | null> {
    return this.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('exam_sessions')
        .select(['capacity'])
        .where('id', '=', targetSessionId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const seats = await trx
        .selectFrom('registrations')
        .select(['seat_no', 'status'])
        .where('session_id', '=', targetSessionId)
        .execute();
      const registered = seats.filter((s) => s.status === 'registered').length;
      if (registered >= target.capacity) return null;
      const used = new Set(seats.map((s) => s.seat_no));
      let seatNo = 1;
      while (used.has(seatNo)) seatNo++;
      await trx.deleteFrom('attempts').where('registration_id', '=', registrationId).execute();
      await trx
        .updateTable('registrations')
        .set({
          session_id: targetSessionId,
          seat_no: seatNo,
          status: 'registered',
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', registrationId)
        .execute();
      return seatNo;
    });
  }

  /**
   * The room's live state as the worker archived it once the session was long over (its seats and
   * incident feed are then no longer in Redis); null while Redis holds it.
   */
  async liveArchive(sessionId: string): Promise<SessionLiveState | null> {
    const row = await this.db
      .selectFrom('session_live_archive')
      .select(['seats', 'incidents'])
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!row) return null;
    // Written by the worker from the exam store's own types (apps/worker/src/live-archive).
    return {
      seats: row.seats as unknown as ArchivedSeat[],
      incidents: row.incidents as unknown as SessionLiveState['incidents'],
    };
  }

  async notes(sessionId: string): Promise<string> {
    const row = await this.db
      .selectFrom('berita_acara')
      .select('notes')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row?.notes ?? '';
  }

  async saveNotes(sessionId: string, notes: string, staffUserId: string): Promise<void> {
    await this.db
      .insertInto('berita_acara')
      .values({ session_id: sessionId, notes, updated_by: staffUserId })
      .onConflict((oc) =>
        oc.column('session_id').doUpdateSet({ notes, updated_by: staffUserId, updated_at: sql<Date>`now()` }),
      )
      .execute();
  }

  /** Audited actions on the session and on its attempts, oldest first. */
  async actions(sessionId: string, attemptIds: readonly string[]): Promise<RoomAction[]> {
    const rows = await this.db
      .selectFrom('audit_log as l')
      .leftJoin('staff_users as u', (j) => j.on(sql<boolean>`u.id::text = l.actor_id::text`))
      .select([
        'l.at as at',
        'l.action as action',
        'u.full_name as actorName',
        'l.target_type as targetType',
        'l.target_id as targetId',
        'l.reason as reason',
        'l.detail as detail',
      ])
      .where((eb) =>
        eb.or([
          eb('l.target_id', '=', sessionId),
          // a participant moved away keeps the move in the minutes of the session they left
          eb(sql<string>`l.detail->>'fromSessionId'`, '=', sessionId),
          ...(attemptIds.length > 0 ? [eb('l.target_id', 'in', attemptIds)] : []),
        ]),
      )
      .orderBy('l.at')
      .orderBy('l.id')
      .execute();
    return rows;
  }

  async staffName(staffUserId: string): Promise<string> {
    const row = await this.db
      .selectFrom('staff_users')
      .select('full_name')
      .where('id', '=', staffUserId)
      .executeTakeFirst();
    return row?.full_name ?? '';
  }

  async proctorNames(sessionId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('proctor_assignments as pa')
      .innerJoin('staff_users as u', 'u.id', 'pa.staff_user_id')
      .select('u.full_name')
      .where('pa.session_id', '=', sessionId)
      .orderBy('u.full_name')
      .execute();
    return rows.map((r) => r.full_name);
  }
}
