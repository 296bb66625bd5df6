// The answer log no longer checks each row's attempt with a foreign key: that check is a lookup and a
// row lock on `attempts` for every answer the drain stores, 4 of the drain's 28 µs of Postgres CPU
// per answer (`pnpm bench:drain`, docs/performance-log.md). Every entry comes from a server script that
// ran on an attempt loaded from `attempts`, and an answer's `attempt_answers` row keeps its foreign
// key, so an unknown attempt is still refused where it matters. What the key also gave — an attempt
// with a log cannot be deleted — is kept by a trigger that looks only when an attempt is deleted,
// which happens only when a registration is rescheduled before its attempt started. Frozen once
// merged.
import { sql, type Kysely, type Migration } from 'kysely';

const statements: readonly string[] = [
  `ALTER TABLE answer_log DROP CONSTRAINT answer_log_attempt_id_fkey`,

  // The same refusal, with the same error code, as the foreign key gave.
  `CREATE FUNCTION attempts_keep_logged() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF EXISTS (SELECT 1 FROM answer_log WHERE attempt_id = OLD.id) THEN
       RAISE EXCEPTION 'attempt % has answer-log entries and cannot be deleted', OLD.id
         USING ERRCODE = 'foreign_key_violation';
     END IF;
     RETURN OLD;
   END $$`,
  `CREATE TRIGGER attempts_keep_logged BEFORE DELETE ON attempts
     FOR EACH ROW EXECUTE FUNCTION attempts_keep_logged()`,
];

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
