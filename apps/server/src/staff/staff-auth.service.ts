// Staff login, sessions and passwords: rate limits per IP and username, lockout after repeated
// failures, session tokens of which only a hash is stored, and a CSRF token bound to each session.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, StaffRole } from '@petakom/db';
import {
  STAFF_LOCKOUT_AFTER_FAILURES,
  STAFF_LOCKOUT_MINUTES,
  STAFF_LOGIN_PER_IP_PER_MINUTE,
  STAFF_LOGIN_PER_USERNAME_PER_MINUTE,
  type StaffProfile,
} from '@petakom/protocol';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import { RateLimiter } from '../auth/rate-limiter.ts';
import { ApiFailure } from './api-failure.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { StaffPrincipal } from './roles.ts';
import { StaffRepository, type StaffUserRow } from './staff.repository.ts';

export const STAFF_SESSION_TTL_MS = 12 * 3600_000;

export interface StaffSession {
  staff: StaffPrincipal;
  profile: StaffProfile;
  /** sha256 of the cookie token: the staff_sessions id. */
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface LoginSuccess extends StaffSession {
  /** Goes into the cookie; never stored. */
  token: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function principalOf(user: StaffUserRow): StaffPrincipal {
  return { id: user.id, username: user.username, roles: [...user.roles], agencyId: user.agency_id };
}

export function profileOf(user: StaffUserRow): StaffProfile {
  return { ...principalOf(user), fullName: user.full_name };
}

export class StaffAuthService {
  readonly repo: StaffRepository;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly db: Kysely<Database>,
    redis: Redis,
    redisPrefix: string,
  ) {
    this.repo = new StaffRepository(db);
    this.limiter = new RateLimiter(redis, (name) => `${redisPrefix}staff-login:${name}`);
  }

  async login(username: string, password: string, ip: string): Promise<LoginSuccess> {
    const within = await this.limiter.hitAll(
      [
        { name: `ip:${ip}`, limit: STAFF_LOGIN_PER_IP_PER_MINUTE },
        { name: `user:${username}`, limit: STAFF_LOGIN_PER_USERNAME_PER_MINUTE },
      ],
      60_000,
    );
    if (!within) {
      throw new ApiFailure('RATE_LIMITED', 'Terlalu banyak percobaan masuk. Coba lagi dalam satu menit.', {
        retryAfterSec: 60,
      });
    }
    const user = await this.repo.findByUsername(username);
    if (user?.locked_until && user.locked_until.getTime() > Date.now()) {
      // The password is not even checked: a locked account cannot be guessed further.
      await recordAudit(this.db, {
        actor: { kind: 'staff', id: user.id },
        action: 'staff.login.locked',
        targetType: 'staff_user',
        targetId: user.id,
        ip,
      });
      throw lockedFailure(user.locked_until);
    }
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || user.disabled_at !== null) {
      if (user) {
        const lockedUntil = await this.repo.recordFailure(
          user.id,
          STAFF_LOCKOUT_AFTER_FAILURES,
          STAFF_LOCKOUT_MINUTES,
        );
        await recordAudit(this.db, {
          actor: { kind: 'staff', id: user.id },
          action: 'staff.login.failed',
          targetType: 'staff_user',
          targetId: user.id,
          detail: { locked: lockedUntil !== null && lockedUntil.getTime() > Date.now() },
          ip,
        });
      }
      throw new ApiFailure('INVALID_CREDENTIALS', 'Nama pengguna atau kata sandi salah.');
    }
    await this.repo.recordSuccess(user.id);
    const session = await this.openSession(user);
    await recordAudit(this.db, {
      actor: session.staff,
      action: 'staff.login',
      targetType: 'staff_user',
      targetId: user.id,
      ip,
    });
    return session;
  }

  /** Opens a session without a password: for login after verification, and for tests and tooling. */
  async openSession(user: StaffUserRow): Promise<LoginSuccess> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const sessionId = hashToken(token);
    const expiresAt = new Date(Date.now() + STAFF_SESSION_TTL_MS);
    await this.repo.createSession(sessionId, user.id, csrfToken, expiresAt);
    return { token, sessionId, csrfToken, expiresAt, staff: principalOf(user), profile: profileOf(user) };
  }

  async authenticate(token: string): Promise<StaffSession | null> {
    const sessionId = hashToken(token);
    const found = await this.repo.findSession(sessionId);
    if (!found) return null;
    return {
      staff: principalOf(found.user),
      profile: profileOf(found.user),
      sessionId,
      csrfToken: found.csrfSecret,
      expiresAt: found.expiresAt,
    };
  }

  async logout(session: StaffSession, ip: string): Promise<void> {
    await this.repo.revokeSession(session.sessionId);
    await recordAudit(this.db, {
      actor: session.staff,
      action: 'staff.logout',
      targetType: 'staff_user',
      targetId: session.staff.id,
      ip,
    });
  }

  /** Changes one's own password; every other session of the user ends. */
  async changePassword(session: StaffSession, current: string, next: string, ip: string): Promise<void> {
    const user = await this.repo.findById(session.staff.id);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      throw new ApiFailure('INVALID_CREDENTIALS', 'Kata sandi saat ini salah.');
    }
    const encoded = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_users')
        .set({ password_hash: encoded })
        .where('id', '=', user.id)
        .execute();
      await this.repo.revokeUserSessions(trx, user.id, session.sessionId);
      await recordAudit(trx, {
        actor: session.staff,
        action: 'staff.password.change',
        targetType: 'staff_user',
        targetId: user.id,
        ip,
      });
    });
  }

  async createUser(input: {
    agencyId: string | null;
    username: string;
    fullName: string;
    password: string;
    roles: StaffRole[];
  }): Promise<StaffUserRow> {
    const encoded = await hashPassword(input.password);
    const row = await this.db
      .insertInto('staff_users')
      .values({
        agency_id: input.agencyId,
        username: input.username,
        full_name: input.fullName,
        password_hash: encoded,
        roles: [...new Set(input.roles)],
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw new ApiFailure('VALIDATION', `Nama pengguna ${input.username} sudah dipakai.`, undefined, 409);
    const user = await this.repo.findById(row.id);
    if (!user) throw new Error('staff user vanished after insert');
    return user;
  }
}

function lockedFailure(until: Date): ApiFailure {
  const retryAfterSec = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new ApiFailure(
    'RATE_LIMITED',
    `Akun terkunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam ${Math.ceil(retryAfterSec / 60)} menit.`,
    { retryAfterSec, locked: true },
  );
}
