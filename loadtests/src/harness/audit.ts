// Checks acknowledged answers against Postgres: every one must be in `answer_log`, and the latest
// per item must be what `attempt_answers` holds (or something newer the participant sent).
import type { Database } from '@petakom/db';
import type { Kysely } from 'kysely';
import { latestAcked, type AckedAnswer } from './participant.ts';

export interface AuditResult {
  acked: number;
  /** Acknowledged answers absent from `answer_log`. */
  lost: { attemptId: string; answer: AckedAnswer }[];
  /** Items whose `attempt_answers` row is older than the latest acknowledged answer. */
  stale: { attemptId: string; answer: AckedAnswer; stored: { seq: number; value: unknown } | null }[];
}

export async function auditAnswers(
  db: Kysely<Database>,
  attempts: readonly { attemptId: string; acked: readonly AckedAnswer[] }[],
): Promise<AuditResult> {
  const result: AuditResult = { acked: 0, lost: [], stale: [] };
  const ids = attempts.map((a) => a.attemptId);
  if (ids.length === 0) return result;
  const logged = new Set<string>();
  const logRows = await db
    .selectFrom('answer_log')
    .select(['attempt_id', 'item_id', 'seq', 'value'])
    .where('attempt_id', 'in', ids)
    .where('kind', '=', 'answer')
    .execute();
  for (const r of logRows) logged.add(`${r.attempt_id}|${r.item_id}|${r.seq}|${JSON.stringify(r.value)}`);
  const stored = new Map<string, { seq: number; value: unknown }>();
  const answerRows = await db
    .selectFrom('attempt_answers')
    .select(['attempt_id', 'item_id', 'seq', 'value'])
    .where('attempt_id', 'in', ids)
    .execute();
  for (const r of answerRows) stored.set(`${r.attempt_id}|${r.item_id}`, { seq: r.seq, value: r.value });

  for (const { attemptId, acked } of attempts) {
    result.acked += acked.length;
    for (const a of acked) {
      if (!logged.has(`${attemptId}|${a.itemId}|${a.seq}|${JSON.stringify(a.value)}`)) {
        result.lost.push({ attemptId, answer: a });
      }
    }
    for (const a of latestAcked(acked).values()) {
      const row = stored.get(`${attemptId}|${a.itemId}`) ?? null;
      if (!row || row.seq < a.seq || (row.seq === a.seq && row.value !== a.value)) {
        result.stale.push({ attemptId, answer: a, stored: row });
      }
    }
  }
  return result;
}
