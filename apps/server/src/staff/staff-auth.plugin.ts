// Staff authentication for the whole app, registered before any route: reads the session cookie,
// sets `request.staff`, and enforces each route's `config.roles` (plus the CSRF header on writes) in
// one hook. A route under /api/v1/staff or /api/v1/admin without a policy stops the server at boot.
import fastifyCookie from '@fastify/cookie';
import { STAFF_CSRF_HEADER, STAFF_SESSION_COOKIE, errorReply } from '@petakom/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { ServerContext } from '../context.ts';
import { STAFF_PATH_PREFIXES, type RoutePolicy, type StaffRole } from './roles.ts';
import { StaffAuthService, sameSecret, type StaffSession } from './staff-auth.service.ts';

export interface StaffRouteInfo {
  method: string;
  url: string;
  roles: RoutePolicy;
}

declare module 'fastify' {
  interface FastifyInstance {
    staffAuth: StaffAuthService;
    /** Every staff route and its policy, in registration order (the role-walk test reads it). */
    staffRouteTable: StaffRouteInfo[];
  }
  interface FastifyRequest {
    staffSession: StaffSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refusals by this gate name themselves in a header, so logs and the role walk can tell them from
 * a later, resource-level refusal (a proctor asking for a room not assigned to them).
 */
export const DENIED_BY_HEADER = 'x-petakom-denied-by';

function deny(
  reply: FastifyReply,
  status: 401 | 403,
  code: 'UNAUTHENTICATED' | 'FORBIDDEN',
  gate: 'session' | 'csrf' | 'role',
  message: string,
) {
  return reply.code(status).header(DENIED_BY_HEADER, gate).send(errorReply(code, message));
}

function guard(service: StaffAuthService, roles: readonly StaffRole[]): onRequestHookHandler {
  return async function staffGuard(request: FastifyRequest, reply: FastifyReply) {
    const token = request.cookies[STAFF_SESSION_COOKIE];
    const session = token ? await service.authenticate(token) : null;
    if (!session)
      return deny(reply, 401, 'UNAUTHENTICATED', 'session', 'Sesi staf tidak ada atau sudah berakhir.');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[STAFF_CSRF_HEADER];
      if (typeof header !== 'string' || !sameSecret(header, session.csrfToken)) {
        return deny(reply, 403, 'FORBIDDEN', 'csrf', 'Token CSRF tidak ada atau tidak cocok.');
      }
    }
    if (!session.staff.roles.some((r) => roles.includes(r))) {
      return deny(reply, 403, 'FORBIDDEN', 'role', 'Peran Anda tidak mengizinkan tindakan ini.');
    }
    request.staff = session.staff;
    request.staffSession = session;
  };
}

export function staffAuthPlugin(ctx: ServerContext) {
  return fp(
    async (app: FastifyInstance) => {
      if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);
      const service = new StaffAuthService(ctx.db, ctx.redis, ctx.config.REDIS_PREFIX);
      app.decorate('staffAuth', service);
      app.decorate('staffRouteTable', [] as StaffRouteInfo[]);
      app.decorateRequest('staff', null);
      app.decorateRequest('staffSession', null);

      app.addHook('onRoute', (route) => {
        const policy = route.config?.roles;
        const url = route.url ?? route.path;
        const underStaff = STAFF_PATH_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));
        if (policy === undefined) {
          if (underStaff)
            throw new Error(`staff route ${String(route.method)} ${url} declares no config.roles`);
          return;
        }
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        // Fastify adds a HEAD twin for every GET; it shares the GET's hooks, so the table skips it.
        for (const method of methods) {
          if (method !== 'HEAD') app.staffRouteTable.push({ method, url, roles: policy });
        }
        if (policy === 'public') return;
        const hook = guard(service, policy);
        const existing = route.onRequest;
        route.onRequest =
          existing === undefined ? [hook] : [hook, ...(Array.isArray(existing) ? existing : [existing])];
      });
    },
    { name: 'petakom-staff-auth', fastify: '5.x' },
  );
}
