// Postgres side of the drain: stores one batch of answer-log entries in one transaction, so a batch
// replayed after a crash (committed, not yet acknowledged in Redis) changes nothing the second time.
import type { AttemptStatus, Database, JsonObject } from '@petakom/db';
import { isClosedAttemptStatus } from '@petakom/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AnswerLogEntry } from './entry.ts';

export interface StoredBatch {
  /** Entries this transaction inserted; the rest were already in `answer_log`. */
  fresh: number;
  /** Attempts closed by an entry of the batch (fresh or replayed): each needs its scoring job. */
  closedAttempts: string[];
}

const closeStatus = {
  finished: 'finished',
  deadline: 'timed_out',
  proctor: 'force_finished',
} as const;

function closedStatus(value: unknown): AttemptStatus | undefined {
  return typeof value === 'string' && isClosedAttemptStatus(value) ? value : undefined;
}

export async function storeBatch(
  db: Kysely<Database>,
  entries: readonly AnswerLogEntry[],
): Promise<StoredBatch> {
  if (entries.length === 0) return { fresh: 0, closedAttempts: [] };
  const closedAttempts = [
    ...new Set(entries.filter((e) => e.kind === 'attempt_closed').map((e) => e.attemptId)),
  ];
  const fresh = await db.transaction().execute(async (trx) => {
    const rows = entries.map(logRow);
    // One array per column, not one parameter per value: a batch of 190 was 1,710 parameters to
    // build, send and bind, and Postgres planned a VALUES list of 190 rows on every batch.
    const { rows: inserted } = await sql<{ entry_id: string }>`
      insert into answer_log (attempt_id, entry_id, kind, item_id, seq, value, doubtful, extra, at)
      select * from unnest(
        ${rows.map((r) => r.attempt_id)}::uuid[], ${rows.map((r) => r.entry_id)}::text[],
        ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.item_id)}::uuid[],
        ${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.value)}::jsonb[],
        ${rows.map((r) => r.doubtful)}::boolean[], ${rows.map((r) => r.extra)}::jsonb[],
        ${rows.map((r) => r.at)}::timestamptz[])
      on conflict (entry_id) do nothing
      returning entry_id`.execute(trx);
    // Only entries new to Postgres move state: a replayed entry already did.
    const freshIds = new Set(inserted.map((r) => r.entry_id));
    const freshEntries = entries.filter((e) => freshIds.has(e.entryId));
    await applyAnswers(trx, freshEntries);
    await applyAttemptEvents(trx, freshEntries);
    await applyIncidents(trx, freshEntries);
    return freshEntries.length;
  });
  return { fresh, closedAttempts };
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function logRow(e: AnswerLogEntry) {
  return {
    attempt_id: e.attemptId,
    entry_id: e.entryId,
    kind: e.kind,
    item_id: e.itemId,
    seq: e.seq,
    value: e.value === undefined ? null : json(e.value),
    doubtful: e.doubtful,
    extra: Object.keys(e.extra).length === 0 ? null : json(e.extra),
    at: e.at,
  };
}

interface ItemState {
  attemptId: string;
  itemId: string;
  seq: number;
  at: Date;
  value?: unknown;
  doubtful?: boolean;
}

/**
 * Folds answers and flags of the batch into one latest state per item (Postgres refuses to upsert
 * one row twice in a statement). An answer entry may carry no doubtful flag and a flag entry no
 * value; the part an entry does not carry is left as stored.
 */
export function foldItemStates(entries: readonly AnswerLogEntry[]): ItemState[] {
  const states = new Map<string, ItemState>();
  const moves = entries
    .filter((e) => (e.kind === 'answer' || e.kind === 'flag') && e.itemId !== null && e.seq !== null)
    .sort((x, y) => (x.seq as number) - (y.seq as number));
  for (const e of moves) {
    const key = `${e.attemptId}\u0000${e.itemId}`;
    const state: ItemState = states.get(key) ?? {
      attemptId: e.attemptId,
      itemId: e.itemId as string,
      seq: e.seq as number,
      at: e.at,
    };
    state.seq = e.seq as number;
    state.at = e.at;
    if (e.kind === 'answer' || e.value !== undefined) state.value = e.value;
    if (e.doubtful !== null) state.doubtful = e.doubtful;
    states.set(key, state);
  }
  return [...states.values()];
}

async function applyAnswers(trx: Transaction<Database>, entries: readonly AnswerLogEntry[]): Promise<void> {
  const states = foldItemStates(entries);
  const full = states.filter((s) => s.value !== undefined && s.doubtful !== undefined);
  const valueOnly = states.filter((s) => s.value !== undefined && s.doubtful === undefined);
  const doubtfulOnly = states.filter((s) => s.value === undefined && s.doubtful !== undefined);
  const row = (s: ItemState) => ({
    attempt_id: s.attemptId,
    item_id: s.itemId,
    seq: s.seq,
    value: s.value === undefined ? null : json(s.value),
    doubtful: s.doubtful ?? false,
    answered_at: s.at,
  });
  const upsert = async (states: ItemState[], set: ('value' | 'doubtful')[]) => {
    if (states.length === 0) return;
    const rows = states.map(row);
    const also = sql.raw(
      [
        ...(set.includes('value') ? ['value = excluded.value'] : []),
        ...(set.includes('doubtful') ? ['doubtful = excluded.doubtful'] : []),
      ].join(', '),
    );
    await sql`
      insert into attempt_answers (attempt_id, item_id, seq, value, doubtful, answered_at)
      select * from unnest(
        ${rows.map((r) => r.attempt_id)}::uuid[], ${rows.map((r) => r.item_id)}::uuid[],
        ${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.value)}::jsonb[],
        ${rows.map((r) => r.doubtful)}::boolean[], ${rows.map((r) => r.answered_at)}::timestamptz[])
      on conflict (attempt_id, item_id) do update
         set seq = excluded.seq, answered_at = excluded.answered_at, updated_at = now(), ${also}
       -- Only forward in seq: an older answer never overwrites a newer one.
       where excluded.seq > attempt_answers.seq`.execute(trx);
  };
  await upsert(full, ['value', 'doubtful']);
  await upsert(valueOnly, ['value']);
  await upsert(doubtfulOnly, ['doubtful']);
}

/** The first entry of each attempt, in stream order: as if the entries were applied one by one. */
function firstPerAttempt(entries: readonly AnswerLogEntry[], kind: AnswerLogEntry['kind']): AnswerLogEntry[] {
  const first = new Map<string, AnswerLogEntry>();
  for (const e of entries) if (e.kind === kind && !first.has(e.attemptId)) first.set(e.attemptId, e);
  return [...first.values()];
}

/**
 * One statement per kind and batch, not one per attempt: in a login storm every attempt starts within
 * the same minute, and at the deadline they all close in the same second. The arrays keep the
 * statement's text the same whatever the batch size.
 */
async function applyAttemptEvents(
  trx: Transaction<Database>,
  entries: readonly AnswerLogEntry[],
): Promise<void> {
  const started = firstPerAttempt(entries, 'attempt_started');
  if (started.length > 0) {
    await sql`
      update attempts a
         set started_at = coalesce(a.started_at, v.at),
             status = case when a.status = 'prepared' then 'in_progress' else a.status end,
             updated_at = now()
        from unnest(${started.map((e) => e.attemptId)}::uuid[], ${started.map((e) => e.at)}::timestamptz[]) as v(id, at)
       where a.id = v.id`.execute(trx);
  }
  const closed = firstPerAttempt(entries, 'attempt_closed');
  if (closed.length > 0) {
    const reasons = closed.map((e) => (typeof e.extra.reason === 'string' ? e.extra.reason : 'finished'));
    const statuses = closed.map(
      (e, n): AttemptStatus =>
        closedStatus(e.extra.status) ?? closeStatus[reasons[n] as keyof typeof closeStatus] ?? 'finished',
    );
    // The first close wins: a later or replayed close entry leaves the record as it was.
    await sql`
      update attempts a
         set status = v.status, closed_at = v.at, close_reason = v.reason, updated_at = now()
        from unnest(${closed.map((e) => e.attemptId)}::uuid[], ${statuses}::text[],
                    ${closed.map((e) => e.at)}::timestamptz[], ${reasons}::text[]) as v(id, status, at, reason)
       where a.id = v.id and a.closed_at is null`.execute(trx);
  }
}

async function applyIncidents(trx: Transaction<Database>, entries: readonly AnswerLogEntry[]): Promise<void> {
  const incidents = entries.filter((e) => e.kind === 'incident');
  if (incidents.length === 0) return;
  for (const e of incidents) {
    const kind = typeof e.extra.kind === 'string' ? e.extra.kind : 'incident';
    await trx
      .insertInto('incidents')
      .columns(['session_id', 'attempt_id', 'entry_id', 'kind', 'detail', 'at'])
      .expression((eb) =>
        eb
          .selectFrom('attempts')
          .select([
            'attempts.session_id',
            'attempts.id',
            eb.val(e.entryId).as('entry_id'),
            eb.val(kind).as('kind'),
            sql<string>`${json(e.extra as JsonObject)}::jsonb`.as('detail'),
            eb.val(e.at).as('at'),
          ])
          .where('attempts.id', '=', e.attemptId),
      )
      .execute();
  }
}
