// Scoring support: campaign norm groups for potensi (versioned), scoring failures visible to
// staff, and rescoring runs that new result versions point back to. Frozen once merged.
import { sql, type Kysely, type Migration } from 'kysely';

const statements: readonly string[] = [
  // One row per computed norm of a campaign; results store raw potensi and are read against a
  // norm version, so per-attempt scoring never depends on who else has been scored yet.
  `CREATE TABLE campaign_norms (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     campaign_id uuid NOT NULL REFERENCES campaigns (id),
     version integer NOT NULL CHECK (version >= 1),
     mean numeric NOT NULL,
     sd numeric NOT NULL CHECK (sd >= 0),
     size integer NOT NULL CHECK (size >= 0),
     computed_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (campaign_id, version)
   )`,

  // The last failure of an attempt's scoring job, cleared when it is scored.
  `CREATE TABLE scoring_failures (
     attempt_id uuid PRIMARY KEY REFERENCES attempts (id),
     reason text NOT NULL,
     attempts_made integer NOT NULL CHECK (attempts_made >= 0),
     final boolean NOT NULL,
     failed_at timestamptz NOT NULL DEFAULT now()
   )`,

  `CREATE TABLE rescore_runs (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     campaign_id uuid NOT NULL REFERENCES campaigns (id),
     requested_by uuid REFERENCES staff_users (id),
     reason text NOT NULL,
     requested_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz,
     rescored integer NOT NULL DEFAULT 0 CHECK (rescored >= 0),
     changed integer NOT NULL DEFAULT 0 CHECK (changed >= 0),
     error text
   )`,
  `CREATE INDEX rescore_runs_campaign_id_idx ON rescore_runs (campaign_id, requested_at)`,

  `ALTER TABLE results ADD COLUMN rescore_run_id uuid REFERENCES rescore_runs (id)`,
];

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
