// Closed attempts with answers, on top of the demo exam day, for the scoring tests and benchmark:
// the demo gives a real 204-item battery, positions with standards and 2,111 registrations;
// extra campaigns (copies of the demo's) give more registrations when a run needs them.
import type { Database } from '@petakom/db';
import { generateDemo, itemVersionId, loadDemo, type DemoData } from '@petakom/demo';
import { buildForm, itemSchema, seededRandom, type Battery, type Item } from '@petakom/domain';
import { sql, type Kysely } from 'kysely';

export interface ScoringFixture {
  data: DemoData;
  /** The blueprint as stored: item version ids. */
  battery: Battery;
  /** Items keyed by item version id (what forms and answers name). */
  items: Map<string, Item>;
  campaignIds: string[];
}

export async function loadScoringFixture(db: Kysely<Database>, extraCampaigns = 0): Promise<ScoringFixture> {
  const data = generateDemo({ startDate: '2026-11-23' });
  await loadDemo(db, data);
  const battery: Battery = {
    sections: data.battery.battery.sections.map((s) => ({
      ...s,
      itemIds: s.itemIds.map((id) => itemVersionId(data, id)),
    })),
  };
  const items = new Map<string, Item>();
  for (const item of data.items) {
    const id = itemVersionId(data, item.id);
    items.set(id, itemSchema.parse({ ...item, id }));
  }
  const campaignIds = [data.campaign.id];
  for (let k = 1; k <= extraCampaigns; k++) {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO campaigns (agency_id, battery_id, name, purpose, settings, status)
      SELECT agency_id, battery_id, name || ' (salinan ' || ${k} || ')', purpose, settings, status
      FROM campaigns WHERE id = ${data.campaign.id} RETURNING id`.execute(db);
    const campaignId = rows[0]?.id;
    if (!campaignId) throw new Error('campaign copy failed');
    // Sessions move k years on (one room holds one session per date and slot).
    await sql`
      WITH s AS (
        INSERT INTO exam_sessions (campaign_id, date, slot, room_id, capacity, starts_at, ends_at, status)
        SELECT ${campaignId}, date + ${k * 366}::int, slot, room_id, capacity,
               starts_at + ${`${k * 366} days`}::interval, ends_at + ${`${k * 366} days`}::interval, status
        FROM exam_sessions WHERE campaign_id = ${data.campaign.id}
        RETURNING id, date, slot)
      INSERT INTO registrations (campaign_id, participant_id, session_id, seat_no, access_code)
      SELECT ${campaignId}, r.participant_id, s.id, r.seat_no, r.access_code
      FROM registrations r
      JOIN exam_sessions old ON old.id = r.session_id
      JOIN s ON s.date = old.date + ${k * 366}::int AND s.slot = old.slot
      WHERE r.campaign_id = ${data.campaign.id}`.execute(db);
    campaignIds.push(campaignId);
  }
  return { data, battery, items, campaignIds };
}

export type AnswerPolicy = (
  item: Item,
  participantIndex: number,
  rnd: () => number,
) => string | number | null;

/**
 * A participant of ability a ∈ (0,1) answers potensi right with probability a, picks SJT options
 * of weight near 5a, Likert near 5a and self-assessment near 5a; 3 % of items left blank.
 */
export const abilityAnswers: AnswerPolicy = (item, p, rnd) => {
  if (rnd() < 0.03) return null;
  const ability = 0.15 + (0.7 * ((p * 7919) % 101)) / 100;
  const near = (n: number) => Math.min(n, Math.max(1, Math.round(ability * n + (rnd() - 0.5) * 2)));
  switch (item.type) {
    case 'single_choice': {
      if (rnd() < ability) return item.key;
      const wrong = item.options.filter((o) => o.id !== item.key);
      return wrong[Math.floor(rnd() * wrong.length)]?.id ?? null;
    }
    case 'sjt': {
      const target = near(5);
      const best = [...item.options].sort(
        (a, b) => Math.abs(a.weight - target) - Math.abs(b.weight - target),
      );
      return best[0]?.id ?? null;
    }
    case 'likert': {
      const v = near(5);
      return item.reverse ? 6 - v : v;
    }
    case 'self_assessment': {
      const target = near(5);
      const best = [...item.statements].sort(
        (a, b) => Math.abs(a.level - target) - Math.abs(b.level - target),
      );
      return best[0]?.id ?? null;
    }
  }
};

export interface ClosedAttempts {
  attemptIds: string[];
  /** Registrations of the campaign that never sat (no attempt). */
  absentRegistrationIds: string[];
}

/**
 * Creates `count` closed attempts (finished) in the campaign with forms from their seeds and
 * answers from the policy; with `policy` null, answers are left to the caller.
 */
export async function closeAttempts(
  db: Kysely<Database>,
  fx: ScoringFixture,
  campaignId: string,
  count: number,
  policy: AnswerPolicy | null = abilityAnswers,
): Promise<ClosedAttempts> {
  const regs = await db
    .selectFrom('registrations')
    .select(['id', 'participant_id', 'session_id'])
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute();
  if (regs.length < count) throw new Error(`campaign has ${regs.length} registrations, ${count} wanted`);
  const chosen = regs.slice(0, count);
  const attemptIds: string[] = [];
  const closedAt = new Date('2026-11-23T03:30:00Z');
  for (let i = 0; i < chosen.length; i += 500) {
    const rows = chosen.slice(i, i + 500).map((r) => {
      const seed = `seed-${r.id}`;
      return {
        registration_id: r.id,
        participant_id: r.participant_id,
        session_id: r.session_id,
        battery_id: fx.data.battery.id,
        seed,
        form: JSON.stringify(buildForm(fx.battery, seed, fx.items)),
        status: 'finished' as const,
        started_at: new Date('2026-11-23T00:30:00Z'),
        closed_at: closedAt,
        close_reason: 'finished',
      };
    });
    const inserted = await db.insertInto('attempts').values(rows).returning('id').execute();
    attemptIds.push(...inserted.map((r) => r.id));
  }
  if (policy) await answerAttempts(db, fx, attemptIds, policy);
  return { attemptIds, absentRegistrationIds: regs.slice(count).map((r) => r.id) };
}

export async function answerAttempts(
  db: Kysely<Database>,
  fx: ScoringFixture,
  attemptIds: readonly string[],
  policy: AnswerPolicy,
): Promise<void> {
  const items = [...fx.items.values()];
  let a: string[] = [];
  let it: string[] = [];
  let v: string[] = [];
  const flush = async () => {
    if (a.length === 0) return;
    await sql`
      INSERT INTO attempt_answers (attempt_id, item_id, seq, value, answered_at)
      SELECT x.a, x.i, 1, x.v, now()
      FROM unnest(${a}::uuid[], ${it}::uuid[], ${v}::jsonb[]) AS x(a, i, v)`.execute(db);
    a = [];
    it = [];
    v = [];
  };
  for (const [p, attemptId] of attemptIds.entries()) {
    const rnd = seededRandom(`answers-${attemptId}`);
    for (const item of items) {
      const value = policy(item, p, rnd);
      if (value === null) continue;
      a.push(attemptId);
      it.push(item.id);
      v.push(JSON.stringify(value));
    }
    if (a.length >= 40_000) await flush();
  }
  await flush();
}
