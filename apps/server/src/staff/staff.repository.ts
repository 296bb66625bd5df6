// The only I/O of staff accounts and sessions: staff_users and staff_sessions.
import type { Database, StaffRole } from '@petakom/db';
import { sql, type Kysely } from 'kysely';

export interface StaffUserRow {
  id: string;
  agency_id: string | null;
  username: string;
  full_name: string;
  password_hash: string;
  roles: StaffRole[];
  failed_login_count: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  disabled_at: Date | null;
}

export interface SessionLookup {
  user: StaffUserRow;
  csrfSecret: string;
  expiresAt: Date;
}

const userColumns = [
  'staff_users.id',
  'staff_users.agency_id',
  'staff_users.username',
  'staff_users.full_name',
  'staff_users.password_hash',
  'staff_users.roles',
  'staff_users.failed_login_count',
  'staff_users.locked_until',
  'staff_users.last_login_at',
  'staff_users.disabled_at',
] as const;

export class StaffRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findByUsername(username: string): Promise<StaffUserRow | undefined> {
    return this.db
      .selectFrom('staff_users')
      .select(userColumns)
      .where('username', '=', username)
      .executeTakeFirst();
  }

  findById(id: string): Promise<StaffUserRow | undefined> {
    return this.db.selectFrom('staff_users').select(userColumns).where('id', '=', id).executeTakeFirst();
  }

  listByAgency(agencyId: string | null): Promise<StaffUserRow[]> {
    let q = this.db.selectFrom('staff_users').select(userColumns).orderBy('username');
    if (agencyId !== null) q = q.where('agency_id', '=', agencyId);
    return q.execute();
  }

  /** Counts one failure; locks the account once `lockAfter` consecutive failures are reached. */
  async recordFailure(id: string, lockAfter: number, lockMinutes: number): Promise<Date | null> {
    const row = await this.db
      .updateTable('staff_users')
      .set((eb) => ({
        failed_login_count: sql<number>`CASE WHEN ${eb.ref('failed_login_count')} + 1 >= ${lockAfter} THEN 0 ELSE ${eb.ref('failed_login_count')} + 1 END`,
        locked_until: sql<Date | null>`CASE WHEN ${eb.ref('failed_login_count')} + 1 >= ${lockAfter} THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${eb.ref('locked_until')} END`,
      }))
      .where('id', '=', id)
      .returning('locked_until')
      .executeTakeFirst();
    return row?.locked_until ?? null;
  }

  async recordSuccess(id: string): Promise<void> {
    await this.db
      .updateTable('staff_users')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  async createSession(idHash: string, userId: string, csrfSecret: string, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('staff_sessions')
      .values({ id: idHash, staff_user_id: userId, csrf_secret: csrfSecret, expires_at: expiresAt })
      .execute();
  }

  async findSession(idHash: string): Promise<SessionLookup | undefined> {
    const row = await this.db
      .selectFrom('staff_sessions')
      .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.staff_user_id')
      .select(userColumns)
      .select(['staff_sessions.csrf_secret', 'staff_sessions.expires_at', 'staff_sessions.last_seen_at'])
      .where('staff_sessions.id', '=', idHash)
      .where('staff_sessions.revoked_at', 'is', null)
      .where('staff_sessions.expires_at', '>', sql<Date>`now()`)
      .where('staff_users.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const { csrf_secret, expires_at, last_seen_at, ...user } = row;
    // Touch at most once a minute: enough to tell an idle session, cheap on every request.
    if (Date.now() - last_seen_at.getTime() > 60_000) {
      await this.db
        .updateTable('staff_sessions')
        .set({ last_seen_at: new Date() })
        .where('id', '=', idHash)
        .execute();
    }
    return { user, csrfSecret: csrf_secret, expiresAt: expires_at };
  }

  async revokeSession(idHash: string): Promise<void> {
    await this.db
      .updateTable('staff_sessions')
      .set({ revoked_at: new Date() })
      .where('id', '=', idHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Every live session of a user except `keep` (after a password change). */
  async revokeUserSessions(executor: Kysely<Database>, userId: string, keep: string | null): Promise<void> {
    let q = executor
      .updateTable('staff_sessions')
      .set({ revoked_at: new Date() })
      .where('staff_user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keep !== null) q = q.where('id', '!=', keep);
    await q.execute();
  }
}
