// Scored results for tests of publication, the HR API and exports: finished attempts with a result
// version and its competency rows, written the way the scoring worker stores them.
import type { Database, ResultCategory } from '@petakom/db';
import type { Kysely } from 'kysely';
import type { ExamFixture, FixtureParticipant } from './fixtures.ts';

export interface ScoredParticipant extends FixtureParticipant {
  attemptId: string;
  resultId: string;
  sessionId: string;
}

const PLAN: { jpm: number; category: ResultCategory; box: number; level: number }[] = [
  { jpm: 92.5, category: 'optimal', box: 9, level: 3 },
  { jpm: 81.25, category: 'cukup_optimal', box: 5, level: 2 },
  { jpm: 60, category: 'kurang_optimal', box: 1, level: 1 },
];

/** A session of `scored + unscored` participants; the first `scored` have a finished, scored attempt. */
export async function scoredSession(
  db: Kysely<Database>,
  fixture: ExamFixture,
  scored: number,
  unscored: number,
): Promise<{ scored: ScoredParticipant[]; unscored: FixtureParticipant[]; sessionId: string }> {
  await db
    .insertInto('competencies')
    .values({ code: 'M2', agency_id: null, kind: 'manajerial', name: 'Kerja Sama', dictionary: '{}' })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const session = await fixture.addSession({ participants: scored + unscored, status: 'closed' });
  const out: ScoredParticipant[] = [];
  for (const [i, p] of session.participants.slice(0, scored).entries()) {
    const attempt = await db
      .insertInto('attempts')
      .values({
        registration_id: p.registrationId,
        participant_id: p.participantId,
        session_id: session.sessionId,
        battery_id: fixture.batteryId,
        seed: `seed-${i}`,
        form: '{}',
        status: 'finished',
        started_at: new Date(Date.now() - 3600_000),
        closed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = PLAN[i % PLAN.length] ?? PLAN[0];
    if (!plan) throw new Error('no plan');
    const result = await db
      .insertInto('results')
      .values({
        attempt_id: attempt.id,
        version: 1,
        scoring_model_version: 'test',
        payload: JSON.stringify({ jpm: plan.jpm }),
        jpm: plan.jpm,
        category: plan.category,
        nine_box: plan.box,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('result_competencies')
      .values([
        {
          result_id: result.id,
          competency_code: 'M1',
          score: plan.level + 0.25,
          level: plan.level,
          required_level: 2,
          gap: plan.level >= 2 ? 'tidak_ada' : 'tinggi',
        },
        {
          result_id: result.id,
          competency_code: 'M2',
          score: 2.5,
          level: 3,
          required_level: 2,
          gap: 'tidak_ada',
        },
      ])
      .execute();
    out.push({ ...p, attemptId: attempt.id, resultId: result.id, sessionId: session.sessionId });
  }
  return { scored: out, unscored: session.participants.slice(scored), sessionId: session.sessionId };
}
