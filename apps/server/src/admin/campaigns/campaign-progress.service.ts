// The live campaign dashboard and the session list: per session and in total, who is registered,
// in progress, finished or absent, with the absent list ready to reschedule.
import type { Database } from '@petakom/db';
import { isClosedAttemptStatus } from '@petakom/domain';
import type { DashboardResponse } from '@petakom/protocol';
import { sql, type Kysely } from 'kysely';
import { ApiFailure } from '../../staff/api-failure.ts';

export class CampaignProgressService {
  constructor(private readonly db: Kysely<Database>) {}

  async assertCampaign(campaignId: string): Promise<void> {
    const found = await this.db
      .selectFrom('campaigns')
      .select('id')
      .where('id', '=', campaignId)
      .executeTakeFirst();
    if (!found) throw new ApiFailure('NOT_FOUND', 'Kampanye tidak ditemukan.');
  }

  async sessions(campaignId: string) {
    await this.assertCampaign(campaignId);
    const rows = await this.db
      .selectFrom('exam_sessions as s')
      .innerJoin('rooms as room', 'room.id', 's.room_id')
      .select((eb) => [
        's.id',
        's.date',
        's.slot',
        's.room_id as roomId',
        'room.name as roomName',
        's.capacity',
        's.starts_at as startsAt',
        's.ends_at as endsAt',
        's.status',
        eb
          .selectFrom('registrations as r')
          .whereRef('r.session_id', '=', 's.id')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('registered'),
      ])
      .where('s.campaign_id', '=', campaignId)
      .orderBy('s.starts_at')
      .orderBy('room.name')
      .execute();
    const proctors = await this.db
      .selectFrom('proctor_assignments as pa')
      .innerJoin('exam_sessions as s', 's.id', 'pa.session_id')
      .innerJoin('staff_users as u', 'u.id', 'pa.staff_user_id')
      .select(['pa.session_id as sessionId', 'u.id', 'u.full_name as fullName'])
      .where('s.campaign_id', '=', campaignId)
      .orderBy('u.full_name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      date: r.date,
      slot: r.slot,
      roomId: r.roomId,
      roomName: r.roomName,
      capacity: r.capacity,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      status: r.status,
      registered: Number(r.registered ?? 0),
      proctors: proctors.filter((p) => p.sessionId === r.id).map((p) => ({ id: p.id, fullName: p.fullName })),
    }));
  }

  /**
   * A session is done when closed or past its end. Absent = registered (or marked absent) in a
   * done session without ever starting; in progress and finished come from the attempts.
   */
  async dashboard(campaignId: string, now = new Date()): Promise<DashboardResponse> {
    await this.assertCampaign(campaignId);
    const rows = await this.db
      .selectFrom('registrations as r')
      .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
      .innerJoin('rooms as room', 'room.id', 's.room_id')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('attempts as a', 'a.registration_id', 'r.id')
      .select([
        'r.id as registrationId',
        'r.status as registrationStatus',
        'p.id as participantId',
        'p.nip',
        'p.full_name as fullName',
        'u.name as unitName',
        's.id as sessionId',
        's.date',
        's.slot',
        's.status as sessionStatus',
        's.starts_at as startsAt',
        's.ends_at as endsAt',
        'room.name as roomName',
        'a.status as attemptStatus',
      ])
      .where('r.campaign_id', '=', campaignId)
      .orderBy('s.starts_at')
      .orderBy('room.name')
      .orderBy('r.seat_no')
      .execute();
    const emptySessions = await this.db
      .selectFrom('exam_sessions as s')
      .innerJoin('rooms as room', 'room.id', 's.room_id')
      .select(['s.id', 's.date', 's.slot', 's.status', 's.ends_at as endsAt', 'room.name as roomName'])
      .where('s.campaign_id', '=', campaignId)
      .where(sql<boolean>`not exists (select 1 from registrations r where r.session_id = s.id)`)
      .execute();

    const sessions = new Map<string, DashboardResponse['sessions'][number]>();
    const absent: DashboardResponse['absent'] = [];
    const isDone = (status: string, endsAt: Date) => status === 'closed' || endsAt.getTime() <= now.getTime();
    for (const s of emptySessions) {
      sessions.set(s.id, {
        id: s.id,
        date: s.date,
        slot: s.slot,
        roomName: s.roomName,
        status: s.status,
        done: isDone(s.status, s.endsAt),
        registered: 0,
        inProgress: 0,
        finished: 0,
        absent: 0,
      });
    }
    let doneRegistered = 0;
    let donePresent = 0;
    for (const r of rows) {
      let s = sessions.get(r.sessionId);
      if (!s) {
        s = {
          id: r.sessionId,
          date: r.date,
          slot: r.slot,
          roomName: r.roomName,
          status: r.sessionStatus,
          done: isDone(r.sessionStatus, r.endsAt),
          registered: 0,
          inProgress: 0,
          finished: 0,
          absent: 0,
        };
        sessions.set(r.sessionId, s);
      }
      s.registered++;
      const started = r.attemptStatus !== null && r.attemptStatus !== 'prepared';
      if (r.attemptStatus === 'in_progress') s.inProgress++;
      if (isClosedAttemptStatus(r.attemptStatus)) s.finished++;
      if (s.done) {
        doneRegistered++;
        if (started) donePresent++;
      }
      if ((s.done || r.registrationStatus === 'absent') && !started) {
        s.absent++;
        absent.push({
          registrationId: r.registrationId,
          participantId: r.participantId,
          nip: r.nip,
          fullName: r.fullName,
          unitName: r.unitName,
          sessionId: r.sessionId,
          date: r.date,
          slot: r.slot,
        });
      }
    }
    const list = [...sessions.values()].sort((a, b) =>
      a.date === b.date
        ? a.slot.localeCompare(b.slot) || a.roomName.localeCompare(b.roomName)
        : a.date.localeCompare(b.date),
    );
    const sum = (k: 'registered' | 'inProgress' | 'finished' | 'absent') =>
      list.reduce((n, s) => n + s[k], 0);
    return {
      ok: true,
      totals: {
        sessions: list.length,
        sessionsDone: list.filter((s) => s.done).length,
        registered: sum('registered'),
        inProgress: sum('inProgress'),
        finished: sum('finished'),
        absent: sum('absent'),
        attendancePercent:
          doneRegistered === 0 ? null : Math.round((donePresent / doneRegistered) * 10000) / 100,
      },
      sessions: list,
      absent,
    };
  }
}
