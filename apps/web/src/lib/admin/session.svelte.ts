// Who is signed in to the staff portal: loads the session from the cookie, logs in and out, keeps
// the CSRF token in the API client, and answers role questions for the navigation.
import {
  okResponseSchema,
  staffSessionResponseSchema,
  type StaffProfile,
  type StaffRoleName,
} from '@petakom/protocol';
import { AdminApi, AdminApiError } from './api.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'ready';

export class StaffSession {
  status = $state<SessionStatus>('loading');
  staff = $state<StaffProfile | null>(null);
  expiresAt = $state<number | null>(null);

  constructor(readonly api: AdminApi) {
    api.onUnauthenticated = () => this.forget();
  }

  /** Reads the session the cookie carries; anonymous when there is none. */
  async load(): Promise<void> {
    try {
      const me = await this.api.get('/api/v1/staff/me', staffSessionResponseSchema);
      this.accept(me.staff, me.csrfToken, me.expiresAt);
    } catch (error) {
      if (error instanceof AdminApiError && error.code !== 'UNAUTHENTICATED' && error.code !== 'FORBIDDEN')
        throw error;
      this.forget();
    }
  }

  async login(username: string, password: string): Promise<void> {
    const answer = await this.api.send(
      'POST',
      '/api/v1/staff/session',
      { username, password },
      staffSessionResponseSchema,
    );
    this.accept(answer.staff, answer.csrfToken, answer.expiresAt);
  }

  async logout(): Promise<void> {
    try {
      await this.api.send('DELETE', '/api/v1/staff/session', undefined, okResponseSchema);
    } finally {
      this.forget();
    }
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.api.send(
      'POST',
      '/api/v1/staff/me/password',
      { currentPassword, newPassword },
      okResponseSchema,
    );
  }

  has(...roles: StaffRoleName[]): boolean {
    return this.staff !== null && roles.some((r) => this.staff?.roles.includes(r));
  }

  private accept(staff: StaffProfile, csrfToken: string, expiresAt: number): void {
    this.api.csrfToken = csrfToken;
    this.staff = staff;
    this.expiresAt = expiresAt;
    this.status = 'ready';
  }

  private forget(): void {
    this.api.csrfToken = null;
    this.staff = null;
    this.expiresAt = null;
    this.status = 'anonymous';
  }
}

/** The portal's one client and session (a static SPA: one user per tab). */
export const adminApi = new AdminApi();
export const staffSession = new StaffSession(adminApi);
