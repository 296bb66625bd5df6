// Campaign scheduling: creates the sessions (date × slot × room), seats the roster with the domain
// allocation (units together, capacity respected), assigns pengawas, and reschedules one person.
import { randomInt } from 'node:crypto';
import type { Database, JsonObject } from '@petakom/db';
import {
  allocateSeats,
  assignProctors,
  checkMassCatEligibility,
  firstFreeSeat,
  type AllocationSession,
} from '@petakom/domain';
import { DEFAULT_SLOT_TIMES, scheduleRequestSchema, type ScheduleResponse } from '@petakom/protocol';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit.ts';
import type { StaffPrincipal } from '../../staff/roles.ts';
import { ApiFailure } from '../../staff/api-failure.ts';

export type ScheduleInput = z.output<typeof scheduleRequestSchema>;

/** Unambiguous on a printed card: no 0/O, 1/I/L. */
const ACCESS_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newAccessCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)];
  return code;
}

/** Offset of `timeZone` from UTC at `instant`, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall-clock time on a date in a time zone (sessions are planned in local time). */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

export class SchedulingService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly timeZone: string,
  ) {}

  private async campaign(campaignId: string) {
    const campaign = await this.db
      .selectFrom('campaigns')
      .select(['id', 'agency_id', 'name', 'status'])
      .where('id', '=', campaignId)
      .executeTakeFirst();
    if (!campaign) throw new ApiFailure('NOT_FOUND', 'Kampanye tidak ditemukan.');
    return campaign;
  }

  async schedule(staff: StaffPrincipal, campaignId: string, input: ScheduleInput): Promise<ScheduleResponse> {
    const campaign = await this.campaign(campaignId);
    const existing = await this.db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0 && !input.dryRun) {
      throw new ApiFailure(
        'VALIDATION',
        'Kampanye ini sudah terjadwal; pindahkan peserta satu per satu dengan penjadwalan ulang.',
        undefined,
        409,
      );
    }

    const rooms = await this.db
      .selectFrom('rooms')
      .select(['id', 'name', 'capacity'])
      .where('agency_id', '=', campaign.agency_id)
      .where('id', 'in', input.roomIds)
      .execute();
    if (rooms.length !== new Set(input.roomIds).size) {
      throw new ApiFailure('VALIDATION', 'Ada ruang yang tidak dikenal atau bukan milik instansi ini.');
    }
    const roomsById = new Map(rooms.map((r) => [r.id, r]));

    let roster = this.db
      .selectFrom('participants as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .innerJoin('positions as pos', 'pos.id', 'p.position_id')
      .select(['p.id', 'p.nip', 'p.unit_id', 'pos.jenjang'])
      .where('u.agency_id', '=', campaign.agency_id);
    if (input.participantIds) roster = roster.where('p.id', 'in', input.participantIds);
    const people = await roster.execute();
    if (input.participantIds && people.length !== new Set(input.participantIds).size) {
      throw new ApiFailure('VALIDATION', 'Ada peserta yang tidak dikenal atau bukan pegawai instansi ini.');
    }
    const excluded: ScheduleResponse['excluded'] = [];
    const eligible: { id: string; unitId: string }[] = [];
    for (const p of people) {
      const check = checkMassCatEligibility(p.jenjang);
      if (check.ok) eligible.push({ id: p.id, unitId: p.unit_id });
      else excluded.push({ participantId: p.id, nip: p.nip, message: check.message });
    }
    // Named explicitly, a participant above Administrator is an error, not a silent omission.
    if (input.participantIds && excluded.length > 0) {
      throw new ApiFailure('VALIDATION', excluded[0]?.message ?? 'jabatan di atas Administrator', {
        refused: excluded.map((e) => e.nip),
      });
    }

    const times = { ...DEFAULT_SLOT_TIMES, ...input.slotTimes };
    const planned = [...new Set(input.dates)].sort().flatMap((date) =>
      input.slots.flatMap((slot) =>
        input.roomIds.map((roomId) => {
          const room = roomsById.get(roomId);
          if (!room) throw new Error('room vanished');
          return {
            key: `${date}/${slot}/${roomId}`,
            date,
            slot,
            roomId,
            capacity: Math.min(input.seatsPerSession ?? room.capacity, room.capacity),
            startsAt: zonedInstant(date, times[slot].start, this.timeZone),
            endsAt: zonedInstant(date, times[slot].end, this.timeZone),
          };
        }),
      ),
    );
    for (const s of planned) {
      if (s.endsAt <= s.startsAt)
        throw new ApiFailure('VALIDATION', `Jam sesi ${s.slot} berakhir sebelum mulai.`);
    }
    const sessions: AllocationSession[] = planned.map((s) => ({ key: s.key, capacity: s.capacity }));
    const capacity = sessions.reduce((sum, s) => sum + s.capacity, 0);
    const plan = allocateSeats(eligible, sessions);
    if (plan.unseated.length > 0) {
      throw new ApiFailure(
        'VALIDATION',
        `Kapasitas kurang: ${plan.unseated.length} dari ${eligible.length} peserta tidak mendapat kursi ` +
          `(${planned.length} sesi, ${capacity} kursi). Tambah hari, ruang, atau kursi per sesi.`,
        { unseated: plan.unseated.length, capacity },
      );
    }
    const proctorPlan = assignProctors(planned, input.proctorIds, input.proctorsPerSession);
    const response: ScheduleResponse = {
      ok: true,
      saved: !input.dryRun,
      sessions: planned.length,
      seated: plan.seats.length,
      capacity,
      excluded,
      splitUnits: plan.splitUnits.map((u) => ({ unitId: u.unitId, sessions: u.sessionKeys.length })),
      proctorAssignments: proctorPlan.length,
    };
    if (input.dryRun) return response;

    if (input.proctorIds.length > 0) {
      const proctors = await this.db
        .selectFrom('staff_users')
        .select(['id', 'roles'])
        .where('id', 'in', input.proctorIds)
        .execute();
      if (
        proctors.length !== new Set(input.proctorIds).size ||
        proctors.some((p) => !p.roles.includes('proctor'))
      ) {
        throw new ApiFailure('VALIDATION', 'Setiap pengawas harus akun staf dengan peran pengawas.');
      }
    }

    await this.db.transaction().execute(async (trx) => {
      const sessionIds = new Map<string, string>();
      const inserted = await trx
        .insertInto('exam_sessions')
        .values(
          planned.map((s) => ({
            campaign_id: campaignId,
            date: s.date,
            slot: s.slot,
            room_id: s.roomId,
            capacity: s.capacity,
            starts_at: s.startsAt,
            ends_at: s.endsAt,
          })),
        )
        .returning(['id'])
        .execute();
      planned.forEach((s, i) => sessionIds.set(s.key, inserted[i]?.id ?? ''));
      const rows = plan.seats.map((seat) => ({
        campaign_id: campaignId,
        participant_id: seat.participantId,
        session_id: sessionIds.get(seat.sessionKey) ?? '',
        seat_no: seat.seatNo,
        access_code: newAccessCode(),
      }));
      for (let i = 0; i < rows.length; i += 1000) {
        await trx
          .insertInto('registrations')
          .values(rows.slice(i, i + 1000))
          .execute();
      }
      if (proctorPlan.length > 0) {
        await trx
          .insertInto('proctor_assignments')
          .values(
            proctorPlan.map((a) => ({
              session_id: sessionIds.get(a.sessionKey) ?? '',
              staff_user_id: a.proctorId,
            })),
          )
          .execute();
      }
      await recordAudit(trx, {
        actor: staff,
        action: 'campaign.schedule',
        targetType: 'campaign',
        targetId: campaignId,
        detail: {
          sessions: planned.length,
          seated: plan.seats.length,
          excluded: excluded.length,
          dates: input.dates,
          rooms: input.roomIds,
        } satisfies JsonObject,
      });
    });
    return response;
  }

  async assignSessionProctors(
    staff: StaffPrincipal,
    campaignId: string,
    sessionId: string,
    staffUserIds: string[],
  ): Promise<void> {
    const session = await this.db
      .selectFrom('exam_sessions')
      .select(['id', 'date', 'slot'])
      .where('id', '=', sessionId)
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    if (!session) throw new ApiFailure('NOT_FOUND', 'Sesi tidak ditemukan.');
    if (staffUserIds.length > 0) {
      const proctors = await this.db
        .selectFrom('staff_users')
        .select(['id', 'roles'])
        .where('id', 'in', staffUserIds)
        .execute();
      if (
        proctors.length !== new Set(staffUserIds).size ||
        proctors.some((p) => !p.roles.includes('proctor'))
      ) {
        throw new ApiFailure('VALIDATION', 'Setiap pengawas harus akun staf dengan peran pengawas.');
      }
      const clash = await this.db
        .selectFrom('proctor_assignments as pa')
        .innerJoin('exam_sessions as s', 's.id', 'pa.session_id')
        .select('pa.staff_user_id')
        .where('pa.staff_user_id', 'in', staffUserIds)
        .where('s.date', '=', session.date)
        .where('s.slot', '=', session.slot)
        .where('s.id', '!=', sessionId)
        .executeTakeFirst();
      if (clash)
        throw new ApiFailure(
          'VALIDATION',
          'Pengawas sudah bertugas di ruang lain pada sesi yang sama.',
          undefined,
          409,
        );
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('proctor_assignments').where('session_id', '=', sessionId).execute();
      if (staffUserIds.length > 0) {
        await trx
          .insertInto('proctor_assignments')
          .values(staffUserIds.map((id) => ({ session_id: sessionId, staff_user_id: id })))
          .execute();
      }
      await recordAudit(trx, {
        actor: staff,
        action: 'session.proctors.assign',
        targetType: 'exam_session',
        targetId: sessionId,
        detail: { staffUserIds },
      });
    });
  }

  /**
   * Moves one registration to another session of the campaign, on its lowest free seat. Someone who
   * already started cannot move; a prepared but unstarted attempt is dropped so the new session
   * prepares a fresh one.
   */
  async reschedule(
    staff: StaffPrincipal,
    campaignId: string,
    registrationId: string,
    targetSessionId: string,
    reason: string,
  ): Promise<{ registrationId: string; sessionId: string; seatNo: number }> {
    return this.db.transaction().execute(async (trx) => {
      const reg = await trx
        .selectFrom('registrations')
        .select(['id', 'session_id', 'seat_no', 'participant_id'])
        .where('id', '=', registrationId)
        .where('campaign_id', '=', campaignId)
        .forUpdate()
        .executeTakeFirst();
      if (!reg) throw new ApiFailure('NOT_FOUND', 'Pendaftaran tidak ditemukan.');
      const target = await trx
        .selectFrom('exam_sessions')
        .select(['id', 'capacity', 'status'])
        .where('id', '=', targetSessionId)
        .where('campaign_id', '=', campaignId)
        .forUpdate()
        .executeTakeFirst();
      if (!target) throw new ApiFailure('NOT_FOUND', 'Sesi tujuan tidak ditemukan.');
      if (target.status === 'closed' || target.status === 'cancelled') {
        throw new ApiFailure('VALIDATION', 'Sesi tujuan sudah ditutup atau dibatalkan.', undefined, 409);
      }
      if (target.id === reg.session_id)
        throw new ApiFailure('VALIDATION', 'Peserta sudah di sesi itu.', undefined, 409);
      const attempt = await trx
        .selectFrom('attempts')
        .select(['id', 'status'])
        .where('registration_id', '=', registrationId)
        .executeTakeFirst();
      if (attempt && attempt.status !== 'prepared') {
        throw new ApiFailure(
          'VALIDATION',
          'Peserta sudah mulai mengerjakan; tidak dapat dijadwalkan ulang.',
          undefined,
          409,
        );
      }
      const taken = await trx
        .selectFrom('registrations')
        .select('seat_no')
        .where('session_id', '=', target.id)
        .execute();
      const seatNo = firstFreeSeat(
        target.capacity,
        taken.map((t) => t.seat_no),
      );
      if (seatNo === null) throw new ApiFailure('VALIDATION', 'Sesi tujuan sudah penuh.', undefined, 409);
      if (attempt) await trx.deleteFrom('attempts').where('id', '=', attempt.id).execute();
      await trx
        .updateTable('registrations')
        .set({ session_id: target.id, seat_no: seatNo, status: 'registered' })
        .where('id', '=', registrationId)
        .execute();
      await recordAudit(trx, {
        actor: staff,
        action: 'registration.reschedule',
        targetType: 'registration',
        targetId: registrationId,
        reason,
        detail: {
          from: { sessionId: reg.session_id, seatNo: reg.seat_no },
          to: { sessionId: target.id, seatNo },
        },
      });
      return { registrationId, sessionId: target.id, seatNo };
    });
  }
}
