// The initial schema. Frozen: once merged, never edited — change the schema with a new numbered
// migration. Names are unqualified so the tables land in the connection's search_path schema.
import { sql, type Kysely, type Migration } from 'kysely';

const statements: readonly string[] = [
  // Keeps updated_at true without trusting every caller to set it.
  `CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.updated_at := now();
     RETURN NEW;
   END $$`,

  `CREATE TABLE agencies (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     code text NOT NULL UNIQUE,
     name text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,

  `CREATE TABLE units (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     agency_id uuid NOT NULL REFERENCES agencies (id),
     parent_id uuid REFERENCES units (id),
     code text,
     name text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (agency_id, code),
     CHECK (parent_id IS DISTINCT FROM id)
   )`,
  `CREATE INDEX units_parent_id_idx ON units (parent_id)`,

  `CREATE TABLE positions (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     agency_id uuid NOT NULL REFERENCES agencies (id),
     unit_id uuid REFERENCES units (id),
     code text,
     name text NOT NULL,
     jenjang text NOT NULL CHECK (jenjang IN ('jpt_utama', 'jpt_madya', 'jpt_pratama',
       'administrator', 'pengawas', 'pelaksana', 'ahli_utama', 'ahli_madya', 'ahli_muda',
       'ahli_pertama', 'penyelia', 'mahir', 'terampil')),
     kind text NOT NULL CHECK (kind IN ('struktural', 'fungsional', 'pelaksana')),
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (agency_id, code)
   )`,
  `CREATE INDEX positions_unit_id_idx ON positions (unit_id)`,

  `CREATE TABLE competencies (
     code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_.-]{1,32}$'),
     agency_id uuid REFERENCES agencies (id),
     kind text NOT NULL CHECK (kind IN ('manajerial', 'sosial_kultural', 'teknis')),
     name text NOT NULL,
     dictionary jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     CHECK (kind = 'teknis' OR agency_id IS NULL)
   )`,

  `CREATE TABLE position_standards (
     position_id uuid NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
     competency_code text NOT NULL REFERENCES competencies (code),
     required_level smallint NOT NULL CHECK (required_level BETWEEN 1 AND 5),
     importance text NOT NULL CHECK (importance IN ('mutlak', 'penting', 'perlu')),
     PRIMARY KEY (position_id, competency_code)
   )`,

  `CREATE TABLE staff_users (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     agency_id uuid REFERENCES agencies (id),
     username text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 1 AND 64),
     full_name text NOT NULL,
     password_hash text NOT NULL,
     roles text[] NOT NULL CHECK (roles <@ ARRAY['admin', 'bkd', 'assessor', 'proctor']::text[]),
     failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
     locked_until timestamptz,
     last_login_at timestamptz,
     disabled_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,

  `CREATE TABLE staff_sessions (
     id text PRIMARY KEY,
     staff_user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
     csrf_secret text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     last_seen_at timestamptz NOT NULL DEFAULT now(),
     revoked_at timestamptz,
     CHECK (expires_at > created_at)
   )`,
  `CREATE INDEX staff_sessions_staff_user_id_idx ON staff_sessions (staff_user_id)`,
  `CREATE INDEX staff_sessions_expires_at_idx ON staff_sessions (expires_at)`,

  `CREATE TABLE api_clients (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     name text NOT NULL UNIQUE,
     key_hash text NOT NULL UNIQUE,
     scopes text[] NOT NULL DEFAULT '{}',
     created_at timestamptz NOT NULL DEFAULT now(),
     last_used_at timestamptz,
     revoked_at timestamptz
   )`,

  `CREATE TABLE participants (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     nip char(18) NOT NULL UNIQUE CONSTRAINT participants_nip_format CHECK (nip ~ '^[0-9]{18}$'),
     full_name text NOT NULL,
     birth_date date NOT NULL,
     gender text NOT NULL CHECK (gender IN ('L', 'P')),
     position_id uuid NOT NULL REFERENCES positions (id),
     unit_id uuid NOT NULL REFERENCES units (id),
     skp_predikat text CHECK (skp_predikat IN ('sangat_baik', 'baik', 'butuh_perbaikan',
       'kurang', 'sangat_kurang')),
     email text,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX participants_position_id_idx ON participants (position_id)`,
  `CREATE INDEX participants_unit_id_idx ON participants (unit_id)`,

  `CREATE TABLE item_banks (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     agency_id uuid REFERENCES agencies (id),
     name text NOT NULL,
     description text,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,

  `CREATE TABLE items (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     item_bank_id uuid NOT NULL REFERENCES item_banks (id),
     code text,
     type text NOT NULL CHECK (type IN ('single_choice', 'likert', 'sjt', 'self_assessment')),
     competency_code text REFERENCES competencies (code),
     subtest text CHECK (subtest IN ('verbal', 'numerik', 'figural')),
     current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
     retired_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (item_bank_id, code),
     -- every item measures something: a potensi subtest (single choice only) or a competency
     CHECK (subtest IS NOT NULL OR competency_code IS NOT NULL),
     CHECK (subtest IS NULL OR type = 'single_choice')
   )`,
  `CREATE INDEX items_competency_code_idx ON items (competency_code)`,

  `CREATE TABLE item_versions (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     item_id uuid NOT NULL REFERENCES items (id),
     version integer NOT NULL CHECK (version >= 1),
     content jsonb NOT NULL,
     created_by uuid REFERENCES staff_users (id),
     created_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (item_id, version)
   )`,

  `CREATE TABLE batteries (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     agency_id uuid REFERENCES agencies (id),
     name text NOT NULL,
     blueprint jsonb NOT NULL,
     scoring_model jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,

  `CREATE TABLE campaigns (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     agency_id uuid NOT NULL REFERENCES agencies (id),
     battery_id uuid NOT NULL REFERENCES batteries (id),
     name text NOT NULL,
     purpose text NOT NULL CHECK (purpose IN ('pemetaan', 'pengisian')),
     validity_years smallint NOT NULL DEFAULT 3 CHECK (validity_years BETWEEN 1 AND 10),
     settings jsonb NOT NULL DEFAULT '{}',
     status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX campaigns_agency_id_idx ON campaigns (agency_id)`,

  `CREATE TABLE rooms (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     agency_id uuid NOT NULL REFERENCES agencies (id),
     name text NOT NULL,
     location text,
     capacity integer NOT NULL CHECK (capacity > 0),
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (agency_id, name)
   )`,

  `CREATE TABLE exam_sessions (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     campaign_id uuid NOT NULL REFERENCES campaigns (id),
     date date NOT NULL,
     slot text NOT NULL CHECK (slot IN ('pagi', 'siang')),
     room_id uuid NOT NULL REFERENCES rooms (id),
     capacity integer NOT NULL CHECK (capacity > 0),
     starts_at timestamptz NOT NULL,
     ends_at timestamptz NOT NULL,
     status text NOT NULL DEFAULT 'scheduled'
       CHECK (status IN ('scheduled', 'open', 'closed', 'cancelled')),
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     -- one room holds one session per slot
     UNIQUE (room_id, date, slot),
     CHECK (ends_at > starts_at)
   )`,
  `CREATE INDEX exam_sessions_campaign_id_date_idx ON exam_sessions (campaign_id, date, slot)`,

  `CREATE TABLE proctor_assignments (
     session_id uuid NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
     staff_user_id uuid NOT NULL REFERENCES staff_users (id),
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (session_id, staff_user_id)
   )`,
  // "which rooms may this pengawas open"
  `CREATE INDEX proctor_assignments_staff_user_id_idx ON proctor_assignments (staff_user_id)`,

  `CREATE TABLE registrations (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     campaign_id uuid NOT NULL REFERENCES campaigns (id),
     participant_id uuid NOT NULL REFERENCES participants (id),
     session_id uuid NOT NULL REFERENCES exam_sessions (id),
     seat_no integer NOT NULL CHECK (seat_no > 0),
     access_code text NOT NULL CHECK (length(access_code) BETWEEN 4 AND 32),
     status text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'absent', 'moved')),
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (campaign_id, participant_id),
     UNIQUE (session_id, seat_no)
   )`,
  // participant login: NIP -> participant -> registrations
  `CREATE INDEX registrations_participant_id_idx ON registrations (participant_id)`,

  `CREATE TABLE attempts (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     registration_id uuid NOT NULL UNIQUE REFERENCES registrations (id),
     participant_id uuid NOT NULL REFERENCES participants (id),
     session_id uuid NOT NULL REFERENCES exam_sessions (id),
     battery_id uuid NOT NULL REFERENCES batteries (id),
     seed text NOT NULL,
     form jsonb NOT NULL,
     status text NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'in_progress',
       'finished', 'timed_out', 'force_finished')),
     device_id text,
     started_at timestamptz,
     closed_at timestamptz,
     close_reason text,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     CHECK ((status IN ('finished', 'timed_out', 'force_finished')) = (closed_at IS NOT NULL))
   )`,
  `CREATE INDEX attempts_session_id_idx ON attempts (session_id)`,
  `CREATE INDEX attempts_participant_id_idx ON attempts (participant_id)`,

  `CREATE TABLE answer_log (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     attempt_id uuid NOT NULL REFERENCES attempts (id),
     entry_id text NOT NULL UNIQUE CHECK (entry_id ~ '^[0-9]+-[0-9]+-[0-9]+$'),
     kind text NOT NULL CHECK (kind IN ('answer', 'flag', 'section_started', 'section_closed',
       'attempt_started', 'attempt_closed', 'incident')),
     item_id uuid,
     seq integer CHECK (seq >= 0),
     value jsonb,
     doubtful boolean,
     extra jsonb,
     at timestamptz NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     CHECK (kind NOT IN ('answer', 'flag') OR (item_id IS NOT NULL AND seq IS NOT NULL))
   )`,
  `CREATE INDEX answer_log_attempt_id_at_idx ON answer_log (attempt_id, at)`,

  `CREATE TABLE attempt_answers (
     attempt_id uuid NOT NULL REFERENCES attempts (id),
     item_id uuid NOT NULL,
     seq integer NOT NULL CHECK (seq >= 0),
     value jsonb,
     doubtful boolean NOT NULL DEFAULT false,
     answered_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (attempt_id, item_id)
   )`,
  // A replayed or late batch must never overwrite a newer answer, whoever writes the upsert:
  // an update that does not move seq forward is skipped.
  `CREATE FUNCTION attempt_answers_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.seq <= OLD.seq THEN
       RETURN NULL;
     END IF;
     NEW.updated_at := now();
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER attempt_answers_forward_only BEFORE UPDATE ON attempt_answers
     FOR EACH ROW EXECUTE FUNCTION attempt_answers_forward_only()`,

  `CREATE TABLE incidents (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     session_id uuid NOT NULL REFERENCES exam_sessions (id),
     attempt_id uuid REFERENCES attempts (id),
     entry_id text UNIQUE,
     kind text NOT NULL,
     detail jsonb NOT NULL DEFAULT '{}',
     at timestamptz NOT NULL,
     acknowledged_at timestamptz,
     acknowledged_by uuid REFERENCES staff_users (id),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX incidents_session_id_at_idx ON incidents (session_id, at)`,
  `CREATE INDEX incidents_attempt_id_idx ON incidents (attempt_id)`,

  `CREATE TABLE results (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     attempt_id uuid NOT NULL REFERENCES attempts (id),
     version integer NOT NULL CHECK (version >= 1),
     scoring_model_version text NOT NULL,
     payload jsonb NOT NULL,
     jpm numeric(5,2) CHECK (jpm BETWEEN 0 AND 999.99),
     category text CHECK (category IN ('optimal', 'cukup_optimal', 'kurang_optimal',
       'memenuhi_syarat', 'masih_memenuhi_syarat', 'kurang_memenuhi_syarat')),
     nine_box smallint CHECK (nine_box BETWEEN 1 AND 9),
     computed_at timestamptz NOT NULL DEFAULT now(),
     computed_by uuid REFERENCES staff_users (id),
     UNIQUE (attempt_id, version)
   )`,
  `CREATE INDEX results_category_idx ON results (category)`,

  `CREATE TABLE result_competencies (
     result_id uuid NOT NULL REFERENCES results (id) ON DELETE CASCADE,
     competency_code text NOT NULL REFERENCES competencies (code),
     score numeric(5,2) NOT NULL CHECK (score BETWEEN 0 AND 5),
     level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
     required_level smallint CHECK (required_level BETWEEN 1 AND 5),
     gap text CHECK (gap IN ('tidak_ada', 'rendah', 'sedang', 'tinggi')),
     PRIMARY KEY (result_id, competency_code)
   )`,
  // "everyone below standard on M3 with a high gap"
  `CREATE INDEX result_competencies_code_level_idx ON result_competencies (competency_code, level, gap)`,

  `CREATE TABLE publications (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     campaign_id uuid NOT NULL REFERENCES campaigns (id),
     result_id uuid NOT NULL REFERENCES results (id),
     published_at timestamptz NOT NULL DEFAULT now(),
     published_by uuid NOT NULL REFERENCES staff_users (id),
     note text,
     withdrawn_at timestamptz,
     withdrawn_by uuid REFERENCES staff_users (id),
     withdraw_reason text,
     CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
   )`,
  // at most one live publication per result version
  `CREATE UNIQUE INDEX publications_live_result_idx ON publications (result_id) WHERE withdrawn_at IS NULL`,
  `CREATE INDEX publications_campaign_id_idx ON publications (campaign_id)`,

  `CREATE TABLE audit_log (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT now(),
     actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'participant', 'api_client', 'system')),
     actor_id text,
     action text NOT NULL,
     target_type text,
     target_id text,
     reason text,
     detail jsonb NOT NULL DEFAULT '{}',
     ip text
   )`,
  `CREATE INDEX audit_log_at_idx ON audit_log (at)`,
  `CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id)`,
  `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
       USING ERRCODE = 'insufficient_privilege';
   END $$`,
  `CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
];

const updatedAtTables = [
  'agencies',
  'units',
  'positions',
  'competencies',
  'staff_users',
  'participants',
  'item_banks',
  'items',
  'batteries',
  'campaigns',
  'rooms',
  'exam_sessions',
  'registrations',
  'attempts',
] as const;

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) {
      await sql.raw(statement).execute(db);
    }
    for (const table of updatedAtTables) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_set_updated_at BEFORE UPDATE ON ${table}
             FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
        )
        .execute(db);
    }
  },
};
