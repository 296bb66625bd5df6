// The proctor's berita acara of a session: the notes typed during the exam and who last wrote them.
// Everything else in the minutes (attendance, incidents, actions) is read from where it already lives.
// Frozen once merged.
import { sql, type Kysely, type Migration } from 'kysely';

const statements: readonly string[] = [
  `CREATE TABLE berita_acara (
     session_id uuid PRIMARY KEY REFERENCES exam_sessions (id),
     notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 8000),
     updated_by uuid REFERENCES staff_users (id),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
];

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
