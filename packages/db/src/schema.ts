// The typed shape of the Postgres schema, kept by hand beside the frozen migrations;
// test/migrations.test.ts proves the two agree table by table and column by column.
import type {
  AttemptStatus,
  CompetencyKind,
  Importance,
  Jenjang,
  PositionKind,
  SkpPredikat,
  Subtest,
} from '@petakom/domain';
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/** `timestamptz`: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `timestamptz` with a default (usually `now()`). */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/**
 * `date`: read as `YYYY-MM-DD` (createDb installs a parser so no time zone shifts a birth date),
 * written the same way.
 */
export type DateOnly = ColumnType<string, string, string>;
/**
 * `jsonb`: read as the parsed value, written as `JSON.stringify(value)` — node-postgres would turn a
 * JS array into a Postgres array and a JS string into invalid JSON, so writes are always strings.
 */
export type Json<T> = ColumnType<T, string, string>;
/** `jsonb` with a default. */
export type DefaultJson<T> = ColumnType<T, string | undefined, string>;
/** `numeric`: node-postgres reads it as a string to keep every decimal. */
export type Numeric = ColumnType<string, number | string, number | string>;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// The vocabulary the domain owns is declared there once; the database checks must list the same
// values, which test/migrations.test.ts verifies.
export {
  JENJANG,
  POSITION_KINDS,
  COMPETENCY_KINDS,
  IMPORTANCES as IMPORTANCE,
  SKP_PREDIKAT,
  SUBTESTS,
} from '@petakom/domain';
export type { Jenjang, PositionKind, CompetencyKind, Importance, SkpPredikat, Subtest };

export const STAFF_ROLES = ['admin', 'bkd', 'assessor', 'proctor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const GENDERS = ['L', 'P'] as const;
/** L = laki-laki, P = perempuan (digit 15 of the NIP: 1 and 2). */
export type Gender = (typeof GENDERS)[number];

export const ITEM_TYPES = ['single_choice', 'likert', 'sjt', 'self_assessment'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const CAMPAIGN_PURPOSES = ['pemetaan', 'pengisian'] as const;
export type CampaignPurpose = (typeof CAMPAIGN_PURPOSES)[number];

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const SLOTS = ['pagi', 'siang'] as const;
export type Slot = (typeof SLOTS)[number];

export const SESSION_STATUSES = ['scheduled', 'open', 'closed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const REGISTRATION_STATUSES = ['registered', 'absent', 'moved'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

// The statuses are the domain's; the table's CHECK constraint lists the same.
export { ATTEMPT_STATUSES, type AttemptStatus } from '@petakom/domain';

/** Kinds of answer-log entries (the `k` field of the Redis stream). */
export const ANSWER_LOG_KINDS = [
  'answer',
  'flag',
  'section_started',
  'section_closed',
  'attempt_started',
  'attempt_closed',
  'incident',
] as const;
export type AnswerLogKind = (typeof ANSWER_LOG_KINDS)[number];

export const RESULT_CATEGORIES = [
  'optimal',
  'cukup_optimal',
  'kurang_optimal',
  'memenuhi_syarat',
  'masih_memenuhi_syarat',
  'kurang_memenuhi_syarat',
] as const;
export type ResultCategory = (typeof RESULT_CATEGORIES)[number];

export const GAP_LEVELS = ['tidak_ada', 'rendah', 'sedang', 'tinggi'] as const;
export type GapLevel = (typeof GAP_LEVELS)[number];

export const AUDIT_ACTOR_KINDS = ['staff', 'participant', 'api_client', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export interface AgenciesTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UnitsTable {
  id: Generated<string>;
  agency_id: string;
  parent_id: string | null;
  code: string | null;
  name: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PositionsTable {
  id: Generated<string>;
  agency_id: string;
  unit_id: string | null;
  code: string | null;
  name: string;
  jenjang: Jenjang;
  kind: PositionKind;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CompetenciesTable {
  /** `M1`…`M8`, `SK1`, or an agency's teknis code. */
  code: string;
  /** null for the national manajerial and sosial kultural competencies. */
  agency_id: string | null;
  kind: CompetencyKind;
  name: string;
  /** Level descriptions and indicators, as the domain dictionary shapes them. */
  dictionary: Json<JsonObject>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PositionStandardsTable {
  position_id: string;
  competency_code: string;
  required_level: number;
  importance: Importance;
}

export interface StaffUsersTable {
  id: Generated<string>;
  agency_id: string | null;
  username: string;
  full_name: string;
  /** argon2 encoded hash. */
  password_hash: string;
  roles: ColumnType<StaffRole[], StaffRole[], StaffRole[]>;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface StaffSessionsTable {
  /** Store a hash of the cookie token here, never the token itself. */
  id: string;
  staff_user_id: string;
  csrf_secret: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  last_seen_at: DefaultTimestamp;
  revoked_at: Timestamp | null;
}

export interface ApiClientsTable {
  id: Generated<string>;
  /** The one agency whose published results the key reads and whose publications it hears (0006). */
  agency_id: string;
  /** Unique within its agency. */
  name: string;
  key_hash: string;
  scopes: ColumnType<string[], string[], string[]>;
  created_at: DefaultTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ParticipantsTable {
  id: Generated<string>;
  /** 18 digits; plausibility (birth date, TMT) is checked by the domain before insert. */
  nip: string;
  full_name: string;
  birth_date: DateOnly;
  gender: Gender;
  position_id: string;
  unit_id: string;
  skp_predikat: SkpPredikat | null;
  email: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ItemBanksTable {
  id: Generated<string>;
  agency_id: string | null;
  name: string;
  description: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ItemsTable {
  id: Generated<string>;
  item_bank_id: string;
  /** The bank's own reference for the item (import key); unique within the bank. */
  code: string | null;
  type: ItemType;
  competency_code: string | null;
  subtest: Subtest | null;
  current_version: ColumnType<number, number | undefined, number>;
  retired_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ItemVersionsTable {
  id: Generated<string>;
  item_id: string;
  version: number;
  /** The domain item, keys and weights included: never sent to a participant as is. */
  content: Json<JsonObject>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface BatteriesTable {
  id: Generated<string>;
  agency_id: string | null;
  name: string;
  /** Sections with their item version ids, time limits and shuffle flags. */
  blueprint: Json<JsonObject>;
  scoring_model: Json<JsonObject>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CampaignsTable {
  id: Generated<string>;
  agency_id: string;
  battery_id: string;
  name: string;
  purpose: CampaignPurpose;
  validity_years: ColumnType<number, number | undefined, number>;
  settings: DefaultJson<JsonObject>;
  status: ColumnType<CampaignStatus, CampaignStatus | undefined, CampaignStatus>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface RoomsTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  location: string | null;
  capacity: number;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ExamSessionsTable {
  id: Generated<string>;
  campaign_id: string;
  date: DateOnly;
  slot: Slot;
  room_id: string;
  capacity: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: ColumnType<SessionStatus, SessionStatus | undefined, SessionStatus>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ProctorAssignmentsTable {
  session_id: string;
  staff_user_id: string;
  created_at: DefaultTimestamp;
}

export interface RegistrationsTable {
  id: Generated<string>;
  campaign_id: string;
  participant_id: string;
  session_id: string;
  seat_no: number;
  /** Printed on the kartu peserta. */
  access_code: string;
  status: ColumnType<RegistrationStatus, RegistrationStatus | undefined, RegistrationStatus>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AttemptsTable {
  id: Generated<string>;
  registration_id: string;
  participant_id: string;
  session_id: string;
  battery_id: string;
  seed: string;
  /** The prepared form: sections, item order and option order for this participant. */
  form: Json<JsonObject>;
  status: ColumnType<AttemptStatus, AttemptStatus | undefined, AttemptStatus>;
  device_id: string | null;
  started_at: Timestamp | null;
  closed_at: Timestamp | null;
  close_reason: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AnswerLogTable {
  /** bigint identity: read as a string. */
  id: GeneratedAlways<string>;
  attempt_id: string;
  /** `<shard>-<stream id>`: the idempotency key of the drain. */
  entry_id: string;
  kind: AnswerLogKind;
  item_id: string | null;
  seq: number | null;
  value: Json<JsonValue> | null;
  doubtful: boolean | null;
  /** The stream's `x` field: section key, close reason, incident detail. */
  extra: Json<JsonObject> | null;
  /** Server time of the event (the stream's `t`). */
  at: Timestamp;
  recorded_at: DefaultTimestamp;
}

export interface AttemptAnswersTable {
  attempt_id: string;
  item_id: string;
  /** A trigger ignores any update whose seq is not greater than the stored one. */
  seq: number;
  value: Json<JsonValue> | null;
  doubtful: ColumnType<boolean, boolean | undefined, boolean>;
  answered_at: Timestamp;
  updated_at: DefaultTimestamp;
}

export interface IncidentsTable {
  id: Generated<string>;
  session_id: string;
  attempt_id: string | null;
  /** The answer-log entry it came from, when it came from one (idempotent drain). */
  entry_id: string | null;
  kind: string;
  detail: DefaultJson<JsonObject>;
  at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ResultsTable {
  id: Generated<string>;
  attempt_id: string;
  /** 1, 2, … per attempt; the highest is current, older ones stay as the record of changes. */
  version: number;
  scoring_model_version: string;
  /** The full domain result: profile, JPM, categories, gaps, 9-box, how each was reached. */
  payload: Json<JsonObject>;
  jpm: Numeric | null;
  category: ResultCategory | null;
  nine_box: number | null;
  computed_at: DefaultTimestamp;
  computed_by: string | null;
  /** The rescoring run that produced this version; null for the first scoring. */
  rescore_run_id: string | null;
}

export interface ResultCompetenciesTable {
  result_id: string;
  competency_code: string;
  score: Numeric;
  level: number;
  required_level: number | null;
  gap: GapLevel | null;
}

export interface PublicationsTable {
  id: Generated<string>;
  campaign_id: string;
  /** One row per published result version; a withdrawn row stays as history. */
  result_id: string;
  published_at: DefaultTimestamp;
  published_by: string;
  note: string | null;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  /**
   * The potensi norm the published result is read against, pinned by a trigger at insert (the
   * campaign's latest then; null when it had none) and never changed (migration 0007).
   */
  norm_id: string | null;
}

export interface AuditLogTable {
  id: GeneratedAlways<string>;
  at: DefaultTimestamp;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  reason: string | null;
  detail: DefaultJson<JsonObject>;
  ip: string | null;
}

export interface CampaignNormsTable {
  id: Generated<string>;
  campaign_id: string;
  version: number;
  /** Mean and population SD of the campaign's raw potensi totals (numeric: read as strings). */
  mean: Numeric;
  sd: Numeric;
  size: number;
  computed_at: DefaultTimestamp;
}

export interface ScoringFailuresTable {
  attempt_id: string;
  reason: string;
  attempts_made: number;
  /** True once the job has used up its retries. */
  final: boolean;
  failed_at: DefaultTimestamp;
}

export interface RescoreRunsTable {
  id: Generated<string>;
  campaign_id: string;
  requested_by: string | null;
  reason: string;
  requested_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  rescored: ColumnType<number, number | undefined, number>;
  changed: ColumnType<number, number | undefined, number>;
  error: string | null;
}

export const REVIEW_VERDICTS = ['agree', 'disagree', 'note'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export interface ResultReviewsTable {
  id: Generated<string>;
  result_id: string;
  reviewer_id: string;
  verdict: ReviewVerdict;
  comment: string;
  created_at: DefaultTimestamp;
}

export interface WebhookEndpointsTable {
  id: Generated<string>;
  api_client_id: string;
  url: string;
  /** Signs deliveries with HMAC-SHA256, so it is stored as is (the API key itself is hashed). */
  secret: string;
  created_at: DefaultTimestamp;
  disabled_at: Timestamp | null;
}

/** The proctor's notes for the berita acara of a session (0005). */
export interface BeritaAcaraTable {
  session_id: string;
  notes: ColumnType<string, string | undefined, string>;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

/**
 * A long-ended session's live state, moved out of Redis by the worker (0009). The seats and the
 * incidents are the exam store's own shapes (`ArchivedSeat`, `RoomIncidentEntry`), read back by the
 * proctor's room view and the berita acara.
 */
export interface SessionLiveArchiveTable {
  session_id: string;
  seats: Json<JsonValue[]>;
  incidents: Json<JsonValue[]>;
  archived_at: DefaultTimestamp;
  cleared_at: Timestamp | null;
}

export interface Database {
  agencies: AgenciesTable;
  units: UnitsTable;
  positions: PositionsTable;
  competencies: CompetenciesTable;
  position_standards: PositionStandardsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  api_clients: ApiClientsTable;
  participants: ParticipantsTable;
  item_banks: ItemBanksTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  batteries: BatteriesTable;
  campaigns: CampaignsTable;
  rooms: RoomsTable;
  exam_sessions: ExamSessionsTable;
  proctor_assignments: ProctorAssignmentsTable;
  registrations: RegistrationsTable;
  attempts: AttemptsTable;
  answer_log: AnswerLogTable;
  attempt_answers: AttemptAnswersTable;
  incidents: IncidentsTable;
  results: ResultsTable;
  result_competencies: ResultCompetenciesTable;
  publications: PublicationsTable;
  audit_log: AuditLogTable;
  campaign_norms: CampaignNormsTable;
  scoring_failures: ScoringFailuresTable;
  rescore_runs: RescoreRunsTable;
  result_reviews: ResultReviewsTable;
  webhook_endpoints: WebhookEndpointsTable;
  berita_acara: BeritaAcaraTable;
  session_live_archive: SessionLiveArchiveTable;
}
