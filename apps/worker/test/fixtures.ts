// The smallest roster the drain needs: attempts (and the rows they reference) in a test schema.
import type { Database } from '@petakom/db';
import { insertWorkplace } from '@petakom/db/testing';
import type { Kysely } from 'kysely';
import { randomInt } from 'node:crypto';

export interface AttemptFixture {
  sessionId: string;
  attemptIds: string[];
}

export async function insertAttempts(db: Kysely<Database>, count: number): Promise<AttemptFixture> {
  const work = await insertWorkplace(db, { agency: 'BKD Uji' });
  const battery = await db
    .insertInto('batteries')
    .values({ name: 'Baterai uji', blueprint: JSON.stringify({ sections: [] }), scoring_model: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('campaigns')
    .values({ agency_id: work.agencyId, battery_id: battery.id, name: 'Pemetaan uji', purpose: 'pemetaan' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const room = await db
    .insertInto('rooms')
    .values({ agency_id: work.agencyId, name: 'Ruang CAT 1', capacity: Math.max(count, 1) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await db
    .insertInto('exam_sessions')
    .values({
      campaign_id: campaign.id,
      date: '2026-11-22',
      slot: 'pagi',
      room_id: room.id,
      capacity: Math.max(count, 1),
      starts_at: new Date('2026-11-22T00:00:00Z'),
      ends_at: new Date('2026-11-22T03:00:00Z'),
      status: 'open',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const attemptIds: string[] = [];
  // NIPs unique across calls, so a test may set up several rooms in one schema.
  const series = String(randomInt(0, 1_000_000)).padStart(6, '0');
  for (let n = 0; n < count; n++) {
    const participant = await db
      .insertInto('participants')
      .values({
        nip: `19900101${series}${String(n).padStart(4, '0')}`,
        full_name: `Peserta ${n + 1}`,
        birth_date: '1990-01-01',
        gender: n % 2 === 0 ? 'L' : 'P',
        position_id: work.positionId,
        unit_id: work.unitId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const registration = await db
      .insertInto('registrations')
      .values({
        campaign_id: campaign.id,
        participant_id: participant.id,
        session_id: session.id,
        seat_no: n + 1,
        access_code: `KODE${n}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const attempt = await db
      .insertInto('attempts')
      .values({
        registration_id: registration.id,
        participant_id: participant.id,
        session_id: session.id,
        battery_id: battery.id,
        seed: `seed-${n}`,
        form: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    attemptIds.push(attempt.id);
  }
  return { sessionId: session.id, attemptIds };
}
