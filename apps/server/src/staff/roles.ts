// Who may call a staff route: every route under /api/v1/staff and /api/v1/admin declares its roles
// in `config.roles`, and the staff-auth plugin checks them in one hook (see staff-auth.plugin.ts).
import { STAFF_ROLES, type StaffRole } from '@petakom/db';
import type { FastifyRequest } from 'fastify';
import { ApiFailure } from './api-failure.ts';

export { STAFF_ROLES, type StaffRole };

/** The logged-in staff member, set on `request.staff` for every staff route. */
export interface StaffPrincipal {
  id: string;
  username: string;
  roles: StaffRole[];
  agencyId: string | null;
}

/** `'public'`: no session needed (login). Otherwise the roles of which the caller needs at least one. */
export type RoutePolicy = readonly StaffRole[] | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: RoutePolicy;
  }
  interface FastifyRequest {
    /** Null on public routes and on routes outside the staff API. */
    staff: StaffPrincipal | null;
  }
}

/** Route config for a staff route: `app.get(url, { config: requireRole('admin', 'bkd'), … })`. */
export function requireRole(...roles: [StaffRole, ...StaffRole[]]): { roles: readonly StaffRole[] } {
  return { roles };
}

/** Any logged-in staff member, whatever their roles (their own profile, logout). */
export const ANY_STAFF: { roles: readonly StaffRole[] } = { roles: STAFF_ROLES };

export const PUBLIC_ROUTE: { roles: RoutePolicy } = { roles: 'public' };

/** Paths that must declare a policy: a route here without `config.roles` stops the server at boot. */
export const STAFF_PATH_PREFIXES = ['/api/v1/staff', '/api/v1/admin'] as const;

/** The caller of a staff route; throws 401 when a handler runs without one (a public route). */
export function currentStaff(request: FastifyRequest): StaffPrincipal {
  if (request.staff === null) throw new ApiFailure('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
  return request.staff;
}

/** The agency a staff member works for; master data, banks and batteries are kept per agency. */
export function staffAgency(request: FastifyRequest): string {
  const staff = currentStaff(request);
  if (staff.agencyId === null)
    throw new ApiFailure('FORBIDDEN', 'Akun staf ini tidak terikat pada instansi.');
  return staff.agencyId;
}
