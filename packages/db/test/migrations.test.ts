// Proves the migrations build exactly the schema `Database` describes, and that the constraints the
// apps rely on (NIP shape, append-only audit log, idempotent answer log, forward-only answers) hold.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Migrator, sql, type Kysely, type Selectable } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANSWER_LOG_KINDS,
  ATTEMPT_STATUSES,
  AUDIT_ACTOR_KINDS,
  CAMPAIGN_PURPOSES,
  CAMPAIGN_STATUSES,
  COMPETENCY_KINDS,
  createDb,
  GAP_LEVELS,
  GENDERS,
  IMPORTANCE,
  ITEM_TYPES,
  JENJANG,
  migrateToLatest,
  migrations,
  POSITION_KINDS,
  REGISTRATION_STATUSES,
  RESULT_CATEGORIES,
  SESSION_STATUSES,
  SKP_PREDIKAT,
  SLOTS,
  STAFF_ROLES,
  SUBTESTS,
  type Database,
} from '../src/index.ts';
import { migrationProvider } from '../src/migrations/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

// ---- the manifest: one entry per table and column, checked against `Database` by the compiler ----

/** The Postgres type names (as introspection reports them) a TypeScript select type may come from. */
type PgTypeOf<S> = [S] extends [Date]
  ? 'timestamptz'
  : [S] extends [string[]]
    ? '_text'
    : [S] extends [string]
      ? 'uuid' | 'text' | 'bpchar' | 'date' | 'numeric' | 'int8'
      : [S] extends [number]
        ? 'int2' | 'int4'
        : [S] extends [boolean]
          ? 'bool'
          : 'jsonb';

/** Every column of a table, with its Postgres type and whether the TypeScript type admits null. */
type TableSpec<T> = {
  readonly [C in keyof Selectable<T>]-?: readonly [
    type: PgTypeOf<NonNullable<Selectable<T>[C]>>,
    nullable: null extends Selectable<T>[C] ? true : false,
  ];
};
type Manifest = { readonly [T in keyof Database]: TableSpec<Database[T]> };

const created = ['timestamptz', false] as const;
const uuid = ['uuid', false] as const;
const uuidOrNull = ['uuid', true] as const;
const text = ['text', false] as const;
const textOrNull = ['text', true] as const;
const jsonb = ['jsonb', false] as const;
const timeOrNull = ['timestamptz', true] as const;

const manifest = {
  agencies: { id: uuid, code: text, name: text, created_at: created, updated_at: created },
  units: {
    id: uuid,
    agency_id: uuid,
    parent_id: uuidOrNull,
    code: textOrNull,
    name: text,
    created_at: created,
    updated_at: created,
  },
  positions: {
    id: uuid,
    agency_id: uuid,
    unit_id: uuidOrNull,
    code: textOrNull,
    name: text,
    jenjang: text,
    kind: text,
    created_at: created,
    updated_at: created,
  },
  competencies: {
    code: text,
    agency_id: uuidOrNull,
    kind: text,
    name: text,
    dictionary: jsonb,
    created_at: created,
    updated_at: created,
  },
  position_standards: {
    position_id: uuid,
    competency_code: text,
    required_level: ['int2', false],
    importance: text,
  },
  staff_users: {
    id: uuid,
    agency_id: uuidOrNull,
    username: text,
    full_name: text,
    password_hash: text,
    roles: ['_text', false],
    failed_login_count: ['int4', false],
    locked_until: timeOrNull,
    last_login_at: timeOrNull,
    disabled_at: timeOrNull,
    created_at: created,
    updated_at: created,
  },
  staff_sessions: {
    id: text,
    staff_user_id: uuid,
    csrf_secret: text,
    created_at: created,
    expires_at: created,
    last_seen_at: created,
    revoked_at: timeOrNull,
  },
  api_clients: {
    id: uuid,
    agency_id: uuid,
    name: text,
    key_hash: text,
    scopes: ['_text', false],
    created_at: created,
    last_used_at: timeOrNull,
    revoked_at: timeOrNull,
  },
  participants: {
    id: uuid,
    nip: ['bpchar', false],
    full_name: text,
    birth_date: ['date', false],
    gender: text,
    position_id: uuid,
    unit_id: uuid,
    skp_predikat: textOrNull,
    email: textOrNull,
    created_at: created,
    updated_at: created,
  },
  item_banks: {
    id: uuid,
    agency_id: uuidOrNull,
    name: text,
    description: textOrNull,
    created_at: created,
    updated_at: created,
  },
  items: {
    id: uuid,
    item_bank_id: uuid,
    code: textOrNull,
    type: text,
    competency_code: textOrNull,
    subtest: textOrNull,
    current_version: ['int4', false],
    retired_at: timeOrNull,
    created_at: created,
    updated_at: created,
  },
  item_versions: {
    id: uuid,
    item_id: uuid,
    version: ['int4', false],
    content: jsonb,
    created_by: uuidOrNull,
    created_at: created,
  },
  batteries: {
    id: uuid,
    agency_id: uuidOrNull,
    name: text,
    blueprint: jsonb,
    scoring_model: jsonb,
    created_at: created,
    updated_at: created,
  },
  campaigns: {
    id: uuid,
    agency_id: uuid,
    battery_id: uuid,
    name: text,
    purpose: text,
    validity_years: ['int2', false],
    settings: jsonb,
    status: text,
    created_at: created,
    updated_at: created,
  },
  rooms: {
    id: uuid,
    agency_id: uuid,
    name: text,
    location: textOrNull,
    capacity: ['int4', false],
    created_at: created,
    updated_at: created,
  },
  exam_sessions: {
    id: uuid,
    campaign_id: uuid,
    date: ['date', false],
    slot: text,
    room_id: uuid,
    capacity: ['int4', false],
    starts_at: created,
    ends_at: created,
    status: text,
    created_at: created,
    updated_at: created,
  },
  proctor_assignments: { session_id: uuid, staff_user_id: uuid, created_at: created },
  registrations: {
    id: uuid,
    campaign_id: uuid,
    participant_id: uuid,
    session_id: uuid,
    seat_no: ['int4', false],
    access_code: text,
    status: text,
    created_at: created,
    updated_at: created,
  },
  attempts: {
    id: uuid,
    registration_id: uuid,
    participant_id: uuid,
    session_id: uuid,
    battery_id: uuid,
    seed: text,
    form: jsonb,
    status: text,
    device_id: textOrNull,
    started_at: timeOrNull,
    closed_at: timeOrNull,
    close_reason: textOrNull,
    created_at: created,
    updated_at: created,
  },
  answer_log: {
    id: ['int8', false],
    attempt_id: uuid,
    entry_id: text,
    kind: text,
    item_id: uuidOrNull,
    seq: ['int4', true],
    value: ['jsonb', true],
    doubtful: ['bool', true],
    extra: ['jsonb', true],
    at: created,
    recorded_at: created,
  },
  attempt_answers: {
    attempt_id: uuid,
    item_id: uuid,
    seq: ['int4', false],
    value: ['jsonb', true],
    doubtful: ['bool', false],
    answered_at: created,
    updated_at: created,
  },
  incidents: {
    id: uuid,
    session_id: uuid,
    attempt_id: uuidOrNull,
    entry_id: textOrNull,
    kind: text,
    detail: jsonb,
    at: created,
    acknowledged_at: timeOrNull,
    acknowledged_by: uuidOrNull,
    created_at: created,
  },
  results: {
    id: uuid,
    attempt_id: uuid,
    version: ['int4', false],
    scoring_model_version: text,
    payload: jsonb,
    jpm: ['numeric', true],
    category: textOrNull,
    nine_box: ['int2', true],
    computed_at: created,
    computed_by: uuidOrNull,
    rescore_run_id: uuidOrNull,
  },
  result_competencies: {
    result_id: uuid,
    competency_code: text,
    score: ['numeric', false],
    level: ['int2', false],
    required_level: ['int2', true],
    gap: textOrNull,
  },
  publications: {
    id: uuid,
    campaign_id: uuid,
    result_id: uuid,
    published_at: created,
    published_by: uuid,
    note: textOrNull,
    withdrawn_at: timeOrNull,
    withdrawn_by: uuidOrNull,
    withdraw_reason: textOrNull,
    norm_id: uuidOrNull,
  },
  audit_log: {
    id: ['int8', false],
    at: created,
    actor_kind: text,
    actor_id: textOrNull,
    action: text,
    target_type: textOrNull,
    target_id: textOrNull,
    reason: textOrNull,
    detail: jsonb,
    ip: textOrNull,
  },
  campaign_norms: {
    id: uuid,
    campaign_id: uuid,
    version: ['int4', false],
    mean: ['numeric', false],
    sd: ['numeric', false],
    size: ['int4', false],
    computed_at: created,
  },
  scoring_failures: {
    attempt_id: uuid,
    reason: text,
    attempts_made: ['int4', false],
    final: ['bool', false],
    failed_at: created,
  },
  rescore_runs: {
    id: uuid,
    campaign_id: uuid,
    requested_by: uuidOrNull,
    reason: text,
    requested_at: created,
    finished_at: timeOrNull,
    rescored: ['int4', false],
    changed: ['int4', false],
    error: textOrNull,
  },
  result_reviews: {
    id: uuid,
    result_id: uuid,
    reviewer_id: uuid,
    verdict: text,
    comment: text,
    created_at: created,
  },
  webhook_endpoints: {
    id: uuid,
    api_client_id: uuid,
    url: text,
    secret: text,
    created_at: created,
    disabled_at: timeOrNull,
  },
  berita_acara: { session_id: uuid, notes: text, updated_by: uuidOrNull, updated_at: created },
  session_live_archive: {
    session_id: uuid,
    seats: jsonb,
    incidents: jsonb,
    archived_at: created,
    cleared_at: timeOrNull,
  },
} as const satisfies Manifest;

// ---- fixtures ----

const NIP = '198503122010011003';
const ITEM_ID = '0b7f6c1e-2d4a-4c8e-9f1a-3b5d7e9a1c2f';
const run = promisify(execFile);

async function seedAttempt(db: Kysely<Database>) {
  const agency = await db
    .insertInto('agencies')
    .values({ code: 'PROV', name: 'BKD Provinsi' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('units')
    .values({ agency_id: agency.id, name: 'Biro Umum' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const position = await db
    .insertInto('positions')
    .values({ agency_id: agency.id, name: 'Analis SDM', jenjang: 'ahli_pertama', kind: 'fungsional' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const participant = await db
    .insertInto('participants')
    .values({
      nip: NIP,
      full_name: 'Siti Aminah',
      birth_date: '1985-03-12',
      gender: 'P',
      position_id: position.id,
      unit_id: unit.id,
      skp_predikat: 'baik',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const battery = await db
    .insertInto('batteries')
    .values({
      name: 'Pemetaan 2026',
      blueprint: JSON.stringify({ sections: [] }),
      scoring_model: JSON.stringify({ version: '1' }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('campaigns')
    .values({ agency_id: agency.id, battery_id: battery.id, name: 'Pemetaan', purpose: 'pemetaan' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const room = await db
    .insertInto('rooms')
    .values({ agency_id: agency.id, name: 'CAT 1', capacity: 75 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await db
    .insertInto('exam_sessions')
    .values({
      campaign_id: campaign.id,
      date: '2026-03-02',
      slot: 'pagi',
      room_id: room.id,
      capacity: 75,
      starts_at: '2026-03-02T08:00:00+07:00',
      ends_at: '2026-03-02T11:00:00+07:00',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const registration = await db
    .insertInto('registrations')
    .values({
      campaign_id: campaign.id,
      participant_id: participant.id,
      session_id: session.id,
      seat_no: 1,
      access_code: 'K7Q2M9',
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
      seed: '42',
      form: JSON.stringify({ sections: [] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { agencyId: agency.id, unitId: unit.id, positionId: position.id, attemptId: attempt.id };
}

/** The Postgres error a statement fails with (SQLSTATE code and constraint), or a test failure. */
async function pgError(run: () => Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof pg.DatabaseError) {
      return { code: error.code, constraint: error.constraint };
    }
    throw error;
  }
  throw new Error('expected the statement to fail');
}

const CHECK_VIOLATION = '23514';
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

// ---- tests ----

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('migrations');
});

afterAll(async () => {
  await t.destroy();
});

describe('migrations', () => {
  it('builds from an empty schema exactly the tables and columns the Database type declares', async () => {
    const tables = (await t.db.introspection.getTables()).filter((table) => table.schema === t.schema);
    const actual = Object.fromEntries(
      tables.map((table) => [
        table.name,
        Object.fromEntries(
          table.columns.map((column) => [column.name, [column.dataType, column.isNullable]]),
        ),
      ]),
    );
    expect(actual).toEqual(manifest);
  });

  it('allows in each enumerated column exactly the values schema.ts exports', async () => {
    const enumerations: [keyof Database, string, readonly string[]][] = [
      ['positions', 'jenjang', JENJANG],
      ['positions', 'kind', POSITION_KINDS],
      ['competencies', 'kind', COMPETENCY_KINDS],
      ['position_standards', 'importance', IMPORTANCE],
      ['staff_users', 'roles', STAFF_ROLES],
      ['participants', 'gender', GENDERS],
      ['participants', 'skp_predikat', SKP_PREDIKAT],
      ['items', 'type', ITEM_TYPES],
      ['items', 'subtest', SUBTESTS],
      ['campaigns', 'purpose', CAMPAIGN_PURPOSES],
      ['campaigns', 'status', CAMPAIGN_STATUSES],
      ['exam_sessions', 'slot', SLOTS],
      ['exam_sessions', 'status', SESSION_STATUSES],
      ['registrations', 'status', REGISTRATION_STATUSES],
      ['attempts', 'status', ATTEMPT_STATUSES],
      ['answer_log', 'kind', ANSWER_LOG_KINDS],
      ['results', 'category', RESULT_CATEGORIES],
      ['result_competencies', 'gap', GAP_LEVELS],
      ['audit_log', 'actor_kind', AUDIT_ACTOR_KINDS],
    ];
    for (const [table, column, values] of enumerations) {
      // the single-column CHECK on that column, as Postgres prints it back
      const { rows } = await sql<{ def: string }>`
        SELECT pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'c' AND c.conrelid = ${`${t.schema}.${table}`}::regclass
          AND cardinality(c.conkey) = 1 AND a.attname = ${column}`.execute(t.db);
      expect(rows, `${table}.${column}`).toHaveLength(1);
      const allowed = [...(rows[0]?.def ?? '').matchAll(/'([^']*)'::text/g)].map((m) => m[1]);
      expect(allowed.sort(), `${table}.${column}`).toEqual([...values].sort());
    }
  });

  it('applies every migration once and then is a no-op', async () => {
    const schema = `t_migrate_twice_${Date.now().toString(36)}`;
    const db = createDb(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres', {
      schema,
      max: 1,
    });
    try {
      await db.schema.createSchema(schema).execute();
      expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await db.schema.dropSchema(schema).ifExists().cascade().execute();
      await db.destroy();
    }
  });

  it('stops 0006 on an api_clients table that already has agency-less clients, changing nothing', async () => {
    const schema = `t_migrate_0006_${Date.now().toString(36)}`;
    const db = createDb(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres', {
      schema,
      max: 1,
    });
    try {
      await db.schema.createSchema(schema).execute();
      const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
      const before = await migrator.migrateTo('0005_berita_acara');
      expect(before.error).toBeUndefined();
      await sql`INSERT INTO api_clients (name, key_hash) VALUES ('SIMPEG lama', 'abc')`.execute(db);

      await expect(migrateToLatest(db)).rejects.toThrow(/0006_api_client_agency.*api_clients has rows/);
      const columns = await sql<{ name: string }>`
        SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = ${schema} AND table_name = 'api_clients'`.execute(db);
      expect(columns.rows.map((c) => c.name)).not.toContain('agency_id');

      // the operator's way through: remove the old clients, then the migration applies
      await sql`DELETE FROM api_clients`.execute(db);
      expect((await migrateToLatest(db))[0]).toBe('0006_api_client_agency');
    } finally {
      await db.schema.dropSchema(schema).ifExists().cascade().execute();
      await db.destroy();
    }
  });

  it('reports a missing schema as one clear error', async () => {
    const db = createDb(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres', {
      schema: 't_does_not_exist_anywhere',
      max: 1,
    });
    try {
      await expect(migrateToLatest(db)).rejects.toThrow(/no current schema/);
    } finally {
      await db.destroy();
    }
  });
});

describe('constraints', () => {
  let fixture: Awaited<ReturnType<typeof seedAttempt>>;

  beforeAll(async () => {
    fixture = await seedAttempt(t.db);
  });

  it('rejects a NIP of 17 digits or with letters and accepts 18 digits once', async () => {
    const participant = (nip: string) =>
      t.db
        .insertInto('participants')
        .values({
          nip,
          full_name: 'Budi',
          birth_date: '1990-01-01',
          gender: 'L',
          position_id: fixture.positionId,
          unit_id: fixture.unitId,
        })
        .execute();
    expect(await pgError(() => participant('19900101201501100'))).toEqual({
      code: CHECK_VIOLATION,
      constraint: 'participants_nip_format',
    });
    expect(await pgError(() => participant('19900101201501100X'))).toMatchObject({
      code: CHECK_VIOLATION,
    });
    await participant('199001012015011001');
    expect(await pgError(() => participant('199001012015011001'))).toMatchObject({
      code: UNIQUE_VIOLATION,
    });
  });

  it('reads a birth date back as the same calendar day', async () => {
    const row = await t.db
      .selectFrom('participants')
      .select('birth_date')
      .where('nip', '=', NIP)
      .executeTakeFirstOrThrow();
    expect(row.birth_date).toBe('1985-03-12');
  });

  it('keeps the audit log append-only: insert works, update, delete and truncate are refused', async () => {
    const row = await t.db
      .insertInto('audit_log')
      .values({ actor_kind: 'system', action: 'results.publish', reason: 'jadwal' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refused = [
      () => t.db.updateTable('audit_log').set({ reason: 'diubah' }).where('id', '=', row.id).execute(),
      () => t.db.deleteFrom('audit_log').where('id', '=', row.id).execute(),
      () => sql`TRUNCATE audit_log`.execute(t.db),
    ];
    for (const change of refused) {
      await expect(change()).rejects.toThrow(/audit_log is append-only/);
    }
    const stored = await t.db
      .selectFrom('audit_log')
      .select('reason')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(stored.reason).toBe('jadwal');
  });

  it('stores an answer-log entry once however often the drain replays it', async () => {
    const entry = {
      attempt_id: fixture.attemptId,
      entry_id: '3-1772413200000-0',
      kind: 'answer' as const,
      item_id: ITEM_ID,
      seq: 1,
      value: JSON.stringify('B'),
      doubtful: false,
      at: new Date(1772413200000),
    };
    const drain = () =>
      t.db
        .insertInto('answer_log')
        .values(entry)
        .onConflict((oc) => oc.column('entry_id').doNothing())
        .execute();
    await drain();
    await drain();
    const rows = await t.db
      .selectFrom('answer_log')
      .select(['value', 'seq'])
      .where('entry_id', '=', entry.entry_id)
      .execute();
    expect(rows).toEqual([{ value: 'B', seq: 1 }]);
    expect(await pgError(() => t.db.insertInto('answer_log').values(entry).execute())).toMatchObject({
      code: UNIQUE_VIOLATION,
    });
  });

  it('refuses an answer-log entry id that is not <shard>-<stream id>', async () => {
    const bad = () =>
      t.db
        .insertInto('answer_log')
        .values({
          attempt_id: fixture.attemptId,
          entry_id: 'entry-1',
          kind: 'attempt_started',
          at: new Date(),
        })
        .execute();
    expect(await pgError(bad)).toMatchObject({ code: CHECK_VIOLATION });
  });

  it('keeps an attempt with answer-log entries from being deleted, and an answer from an unknown attempt', async () => {
    const rolledBack = new Error('rolled back');
    const inTransaction = (work: (trx: Kysely<Database>) => Promise<void>) =>
      t.db
        .transaction()
        .execute(async (trx) => {
          await work(trx);
          throw rolledBack;
        })
        .catch((error: unknown) => {
          if (error !== rolledBack) throw error;
        });
    const deleteAttempt = (db: Kysely<Database>) =>
      db.deleteFrom('attempts').where('id', '=', fixture.attemptId).execute();

    await inTransaction(async (trx) => {
      await trx
        .insertInto('answer_log')
        .values({
          attempt_id: fixture.attemptId,
          entry_id: '0-1772413200000-9',
          kind: 'attempt_started',
          at: new Date(),
        })
        .execute();
      expect(await pgError(() => deleteAttempt(trx))).toMatchObject({ code: FOREIGN_KEY_VIOLATION });
    });
    // Without entries (nor answers) the same attempt goes: the trigger refuses only a logged one.
    await inTransaction(async (trx) => {
      await trx.deleteFrom('answer_log').where('attempt_id', '=', fixture.attemptId).execute();
      await trx.deleteFrom('attempt_answers').where('attempt_id', '=', fixture.attemptId).execute();
      expect(await deleteAttempt(trx)).toEqual([expect.objectContaining({ numDeletedRows: 1n })]);
    });

    const unknownAttempt = () =>
      t.db
        .insertInto('attempt_answers')
        .values({
          attempt_id: crypto.randomUUID(),
          item_id: ITEM_ID,
          seq: 1,
          value: JSON.stringify('A'),
          answered_at: new Date(),
        })
        .execute();
    expect(await pgError(unknownAttempt)).toMatchObject({ code: FOREIGN_KEY_VIOLATION });
  });

  it('keeps one latest answer per attempt and item, and only moves it forward in seq', async () => {
    const upsert = (seq: number, value: string) =>
      t.db
        .insertInto('attempt_answers')
        .values({
          attempt_id: fixture.attemptId,
          item_id: ITEM_ID,
          seq,
          value: JSON.stringify(value),
          answered_at: new Date(),
        })
        .onConflict((oc) =>
          oc.columns(['attempt_id', 'item_id']).doUpdateSet((eb) => ({
            seq: eb.ref('excluded.seq'),
            value: eb.ref('excluded.value'),
            answered_at: eb.ref('excluded.answered_at'),
          })),
        )
        .execute();
    const stored = () =>
      t.db
        .selectFrom('attempt_answers')
        .select(['seq', 'value'])
        .where('attempt_id', '=', fixture.attemptId)
        .execute();

    await upsert(5, 'C');
    await upsert(3, 'A'); // a late replay of an older answer
    expect(await stored()).toEqual([{ seq: 5, value: 'C' }]);
    await upsert(5, 'D'); // the same seq again changes nothing
    expect(await stored()).toEqual([{ seq: 5, value: 'C' }]);
    await upsert(6, 'E');
    expect(await stored()).toEqual([{ seq: 6, value: 'E' }]);

    const plainInsert = () =>
      t.db
        .insertInto('attempt_answers')
        .values({
          attempt_id: fixture.attemptId,
          item_id: ITEM_ID,
          seq: 9,
          value: JSON.stringify('A'),
          answered_at: new Date(),
        })
        .execute();
    expect(await pgError(plainInsert)).toMatchObject({ code: UNIQUE_VIOLATION });
  });

  it('requires an agency for an API client and keeps client names unique within an agency only', async () => {
    const other = await t.db
      .insertInto('agencies')
      .values({ code: 'KAB', name: 'BKPSDM Kabupaten' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const client = (agencyId: string | null, name: string, keyHash: string) =>
      sql`INSERT INTO api_clients (agency_id, name, key_hash) VALUES (${agencyId}, ${name}, ${keyHash})`.execute(
        t.db,
      );
    expect(await pgError(() => client(null, 'SIMPEG', 'k0'))).toMatchObject({ code: '23502' });
    await client(fixture.agencyId, 'SIMPEG', 'k1');
    await client(other.id, 'SIMPEG', 'k2');
    expect(await pgError(() => client(fixture.agencyId, 'SIMPEG', 'k3'))).toEqual({
      code: UNIQUE_VIOLATION,
      constraint: 'api_clients_agency_name_key',
    });
  });

  it('refuses a competency level outside 1 to 5', async () => {
    await t.db
      .insertInto('competencies')
      .values({ code: 'M1', kind: 'manajerial', name: 'Integritas', dictionary: JSON.stringify({}) })
      .execute();
    const standard = (level: number) =>
      t.db
        .insertInto('position_standards')
        .values({
          position_id: fixture.positionId,
          competency_code: 'M1',
          required_level: level,
          importance: 'mutlak',
        })
        .execute();
    expect(await pgError(() => standard(6))).toMatchObject({ code: CHECK_VIOLATION });
    expect(await pgError(() => standard(0))).toMatchObject({ code: CHECK_VIOLATION });
    await standard(3);
  });
});

describe('isolation', () => {
  it('keeps two test databases apart and drops everything on destroy', async () => {
    const other = await createTestDatabase('isolation');
    try {
      await other.db.insertInto('agencies').values({ code: 'ONLY_HERE', name: 'x' }).execute();
      const mine = await t.db.selectFrom('agencies').select('code').where('code', '=', 'ONLY_HERE').execute();
      expect(mine).toEqual([]);
      expect(other.schema).not.toBe(t.schema);
    } finally {
      await other.destroy();
    }
    const left = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = ${other.schema}`.execute(t.db);
    expect(left.rows[0]?.n).toBe(0);
  });

  it('hands out a connection string that lands another process in the same schema', async () => {
    const { stdout } = await run('psql', [
      t.connectionString,
      '-XAtc',
      `SELECT current_schema() || ' ' || (SELECT count(*) FROM participants WHERE nip = '${NIP}')`,
    ]);
    expect(stdout.trim()).toBe(`${t.schema} 1`);
  });
});
