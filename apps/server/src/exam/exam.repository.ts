// Postgres reads and writes of the exam side: login lookups, sessions, attempts and their forms.
import { prepareNamed, type Database, type JsonObject } from '@petakom/db';
import type { CompiledQuery, ExpressionBuilder, InferResult, Kysely } from 'kysely';

export interface LoginRegistration {
  participantId: string;
  fullName: string;
  nip: string;
  position: string;
  unit: string;
  registrationId: string;
  accessCode: string;
  seatNo: number;
  sessionId: string;
  /** The registration's attempt when it is prepared (normally, ahead of the session). */
  attemptId: string | null;
  /** The registration's session, read in the same query: a login needs nothing more. */
  session: SessionRow;
}

export interface SessionRow {
  id: string;
  status: string;
  date: string;
  startsAt: Date;
  endsAt: Date;
  roomName: string;
  campaignId: string;
  batteryId: string;
}

/**
 * What a login and the scheduler need of a session (`s`). Room and campaign are one-row lookups as
 * scalar subqueries, not joins: planning the login's eight-table join cost Postgres about 2.8 ms per
 * login in a storm, more than running it.
 */
function sessionFields(eb: ExpressionBuilder<Database & { s: Database['exam_sessions'] }, 's'>) {
  return [
    's.status as status',
    's.date as date',
    's.starts_at as startsAt',
    's.ends_at as endsAt',
    eb
      .selectFrom('rooms')
      .select('name')
      .whereRef('rooms.id', '=', 's.room_id')
      .$asScalar()
      .$notNull()
      .as('roomName'),
    's.campaign_id as campaignId',
    eb
      .selectFrom('campaigns')
      .select('battery_id')
      .whereRef('campaigns.id', '=', 's.campaign_id')
      .$asScalar()
      .$notNull()
      .as('batteryId'),
  ] as const;
}

/** Stands for the NIP in the compiled login query; never a real NIP (those are 18 digits). */
const NIP_PARAMETER = '\u0000nip';

type LoginRow = InferResult<ReturnType<ExamRepository['registrationsQuery']>>[number];

export class ExamRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every login's one query; position and unit are lookups as in `sessionFields`. */
  private registrationsQuery(nip: string) {
    return this.db
      .selectFrom('participants as p')
      .innerJoin('registrations as r', 'r.participant_id', 'p.id')
      .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
      .leftJoin('attempts as a', 'a.registration_id', 'r.id')
      .select((eb) => [
        'p.id as participantId',
        'p.full_name as fullName',
        'p.nip as nip',
        eb
          .selectFrom('positions')
          .select('name')
          .whereRef('positions.id', '=', 'p.position_id')
          .$asScalar()
          .$notNull()
          .as('position'),
        eb
          .selectFrom('units')
          .select('name')
          .whereRef('units.id', '=', 'p.unit_id')
          .$asScalar()
          .$notNull()
          .as('unit'),
        'r.id as registrationId',
        'r.access_code as accessCode',
        'r.seat_no as seatNo',
        'r.session_id as sessionId',
        'a.id as attemptId',
        ...sessionFields(eb),
      ])
      .where('p.nip', '=', nip)
      .where('r.status', '=', 'registered');
  }

  /**
   * The login query compiled once, as a named statement: in a login storm, building it took the
   * server as long as the rest of the login's own code, and planning it took Postgres longer than
   * running it. Only the NIP changes between logins.
   */
  private compiledRegistrations: CompiledQuery<LoginRow> | null = null;

  async registrationsByNip(nip: string): Promise<LoginRegistration[]> {
    let compiled = this.compiledRegistrations;
    if (!compiled) {
      compiled = this.registrationsQuery(NIP_PARAMETER).compile();
      prepareNamed('petakom_login_registrations', compiled.sql);
      this.compiledRegistrations = compiled;
    }
    const { rows } = await this.db.executeQuery<LoginRow>({
      ...compiled,
      parameters: compiled.parameters.map((p) => (p === NIP_PARAMETER ? nip : p)),
    });
    return rows.map(({ status, date, startsAt, endsAt, roomName, campaignId, batteryId, ...r }) => ({
      ...r,
      session: { id: r.sessionId, status, date, startsAt, endsAt, roomName, campaignId, batteryId },
    }));
  }

  private sessionQuery() {
    return this.db.selectFrom('exam_sessions as s').select((eb) => ['s.id as id', ...sessionFields(eb)]);
  }

  async sessionsOn(date: string): Promise<SessionRow[]> {
    return this.sessionQuery().where('s.date', '=', date).where('s.status', '!=', 'cancelled').execute();
  }

  async session(sessionId: string): Promise<SessionRow | undefined> {
    return this.sessionQuery().where('s.id', '=', sessionId).executeTakeFirst();
  }

  /** Whether the worker moved the session's live state out of Redis (long after its end). */
  async isArchived(sessionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('session_live_archive')
      .select('session_id')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Sessions that start within the window and are not over: the ones to prepare now. */
  async sessionsStartingBefore(until: Date, now: Date): Promise<SessionRow[]> {
    return this.sessionQuery()
      .where('s.starts_at', '<=', until)
      .where('s.ends_at', '>', now)
      .where('s.status', 'in', ['scheduled', 'open'])
      .execute();
  }

  async attemptOfRegistration(registrationId: string) {
    return this.db
      .selectFrom('attempts')
      .select(['id', 'status', 'session_id', 'battery_id'])
      .where('registration_id', '=', registrationId)
      .executeTakeFirst();
  }

  async registrationsOfSession(sessionId: string) {
    return this.db
      .selectFrom('registrations')
      .select(['id', 'participant_id', 'seat_no'])
      .where('session_id', '=', sessionId)
      .where('status', '=', 'registered')
      .execute();
  }

  async battery(batteryId: string) {
    return this.db
      .selectFrom('batteries')
      .select(['id', 'blueprint'])
      .where('id', '=', batteryId)
      .executeTakeFirstOrThrow();
  }

  async itemVersions(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db.selectFrom('item_versions').select(['id', 'content']).where('id', 'in', ids).execute();
  }

  /** Inserts the attempts that do not exist yet; an attempt's seed and form never change once written. */
  async insertAttempts(
    rows: {
      registrationId: string;
      participantId: string;
      sessionId: string;
      batteryId: string;
      seed: string;
      form: JsonObject;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('attempts')
      .values(
        rows.map((r) => ({
          registration_id: r.registrationId,
          participant_id: r.participantId,
          session_id: r.sessionId,
          battery_id: r.batteryId,
          seed: r.seed,
          form: JSON.stringify(r.form),
        })),
      )
      .onConflict((oc) => oc.column('registration_id').doNothing())
      .execute();
  }

  /** An attempt with who sits there: the join behind the seat tiles and the session's attempts. */
  private seatQuery() {
    return this.db
      .selectFrom('attempts as a')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .innerJoin('participants as p', 'p.id', 'a.participant_id')
      .select([
        'a.id as id',
        'a.session_id as sessionId',
        'r.seat_no as seatNo',
        'p.full_name as fullName',
        'p.nip as nip',
      ]);
  }

  async attemptsOfSession(sessionId: string) {
    return this.seatQuery()
      .select([
        'a.registration_id as registrationId',
        'a.form as form',
        'a.battery_id as batteryId',
        'a.status as status',
      ])
      .where('a.session_id', '=', sessionId)
      .execute();
  }

  /** Who sits where in a session: the proctor's seat tiles, one query per room. */
  async seatMetasOfSession(sessionId: string) {
    return this.seatQuery().where('a.session_id', '=', sessionId).execute();
  }

  async seatMeta(attemptId: string) {
    return this.seatQuery().where('a.id', '=', attemptId).executeTakeFirst();
  }

  async isProctorOf(staffUserId: string, sessionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('proctor_assignments')
      .select('session_id')
      .where('staff_user_id', '=', staffUserId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row !== undefined;
  }
}
