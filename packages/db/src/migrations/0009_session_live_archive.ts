// What Redis held of a session's live state, kept in Postgres once the session is long over, so the
// worker can delete it from Redis. Without it every attempt ever prepared stayed in Redis (~25 KB
// each, never expiring): a province's weeks of sessions would fill `maxmemory`, and Redis at
// `noeviction` then refuses the next exam day's answers. The proctor's room view and the berita
// acara of an archived session read their seats and incident feed from here. Frozen once merged.
import { sql, type Kysely, type Migration } from 'kysely';

const statements: readonly string[] = [
  `CREATE TABLE session_live_archive (
     session_id uuid PRIMARY KEY REFERENCES exam_sessions (id),
     -- each attempt's seat as Redis last held it (status, device, sections, answered count, times)
     -- and the proctor's absent mark
     seats jsonb NOT NULL,
     -- the room's incident feed with the proctors' acknowledgements
     incidents jsonb NOT NULL,
     archived_at timestamptz NOT NULL DEFAULT now(),
     -- set once the session's keys are deleted from Redis; null: archived, not yet deleted
     cleared_at timestamptz
   )`,
];

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
