// /api/v1/staff: login, logout, own profile, password change, and (admin) staff account management.
import { STAFF_ROLES } from '@petakom/db';
import {
  STAFF_SESSION_COOKIE,
  idParamsSchema,
  okResponseSchema,
  passwordChangeRequestSchema,
  staffLoginRequestSchema,
  staffSessionResponseSchema,
  staffUserCreateRequestSchema,
  staffUserListResponseSchema,
  staffUserResponseSchema,
  staffUserUpdateRequestSchema,
  type StaffUser,
} from '@petakom/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context.ts';
import { recordAudit } from '../audit/audit.ts';
import { ApiFailure, handleApiFailures } from './api-failure.ts';
import { hashPassword } from './passwords.ts';
import { ANY_STAFF, PUBLIC_ROUTE, currentStaff, requireRole } from './roles.ts';
import { profileOf, type StaffSession } from './staff-auth.service.ts';
import type { StaffUserRow } from './staff.repository.ts';

function sessionOf(request: FastifyRequest): StaffSession {
  if (request.staffSession === null)
    throw new ApiFailure('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
  return request.staffSession;
}

function userDto(row: StaffUserRow): StaffUser {
  return {
    ...profileOf(row),
    disabled: row.disabled_at !== null,
    lockedUntil:
      row.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until.toISOString() : null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

export function staffRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    const service = app.staffAuth;
    const secure = ctx.config.NODE_ENV === 'production';
    const setCookie = (reply: FastifyReply, token: string, expiresAt: Date) =>
      reply.setCookie(STAFF_SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        expires: expiresAt,
      });

    app.post(
      '/api/v1/staff/session',
      {
        config: PUBLIC_ROUTE,
        schema: {
          tags: ['staff'],
          body: staffLoginRequestSchema,
          response: { 200: staffSessionResponseSchema },
        },
      },
      async (request, reply) => {
        try {
          const s = await service.login(request.body.username, request.body.password, request.ip);
          setCookie(reply, s.token, s.expiresAt);
          return {
            ok: true as const,
            staff: s.profile,
            csrfToken: s.csrfToken,
            expiresAt: s.expiresAt.getTime(),
          };
        } catch (error) {
          if (error instanceof ApiFailure && typeof error.details?.['retryAfterSec'] === 'number') {
            reply.header('retry-after', String(error.details['retryAfterSec']));
          }
          throw error;
        }
      },
    );

    app.delete(
      '/api/v1/staff/session',
      { config: ANY_STAFF, schema: { tags: ['staff'], response: { 200: okResponseSchema } } },
      async (request, reply) => {
        await service.logout(sessionOf(request), request.ip);
        reply.clearCookie(STAFF_SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/v1/staff/me',
      { config: ANY_STAFF, schema: { tags: ['staff'], response: { 200: staffSessionResponseSchema } } },
      async (request) => {
        const s = sessionOf(request);
        return {
          ok: true as const,
          staff: s.profile,
          csrfToken: s.csrfToken,
          expiresAt: s.expiresAt.getTime(),
        };
      },
    );

    app.post(
      '/api/v1/staff/me/password',
      {
        config: ANY_STAFF,
        schema: { tags: ['staff'], body: passwordChangeRequestSchema, response: { 200: okResponseSchema } },
      },
      async (request) => {
        await service.changePassword(
          sessionOf(request),
          request.body.currentPassword,
          request.body.newPassword,
          request.ip,
        );
        return { ok: true as const };
      },
    );

    // Account management: an admin sees and manages the accounts of their own agency.
    app.get(
      '/api/v1/staff/users',
      {
        config: requireRole('admin'),
        schema: { tags: ['staff'], response: { 200: staffUserListResponseSchema } },
      },
      async (request) => {
        const rows = await service.repo.listByAgency(currentStaff(request).agencyId);
        return { ok: true as const, users: rows.map(userDto) };
      },
    );

    app.post(
      '/api/v1/staff/users',
      {
        config: requireRole('admin'),
        schema: {
          tags: ['staff'],
          body: staffUserCreateRequestSchema,
          response: { 200: staffUserResponseSchema },
        },
      },
      async (request) => {
        const admin = currentStaff(request);
        const row = await service.createUser({ ...request.body, agencyId: admin.agencyId });
        await recordAudit(ctx.db, {
          actor: admin,
          action: 'staff.user.create',
          targetType: 'staff_user',
          targetId: row.id,
          detail: { username: row.username, roles: row.roles },
          ip: request.ip,
        });
        return { ok: true as const, user: userDto(row) };
      },
    );

    app.patch(
      '/api/v1/staff/users/:id',
      {
        config: requireRole('admin'),
        schema: {
          tags: ['staff'],
          params: idParamsSchema,
          body: staffUserUpdateRequestSchema,
          response: { 200: staffUserResponseSchema },
        },
      },
      async (request) => {
        const admin = currentStaff(request);
        const target = await service.repo.findById(request.params.id);
        if (!target || (admin.agencyId !== null && target.agency_id !== admin.agencyId)) {
          throw new ApiFailure('NOT_FOUND', 'Akun staf tidak ditemukan.');
        }
        const body = request.body;
        if (
          target.id === admin.id &&
          (body.disabled === true || (body.roles && !body.roles.includes('admin')))
        ) {
          throw new ApiFailure(
            'VALIDATION',
            'Admin tidak dapat menonaktifkan atau mencabut peran admin dirinya sendiri.',
          );
        }
        const encoded = body.password === undefined ? undefined : await hashPassword(body.password);
        await ctx.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('staff_users')
            .set({
              ...(body.fullName === undefined ? {} : { full_name: body.fullName }),
              ...(body.roles === undefined
                ? {}
                : { roles: STAFF_ROLES.filter((r) => body.roles?.includes(r)) }),
              ...(body.disabled === undefined ? {} : { disabled_at: body.disabled ? new Date() : null }),
              ...(body.unlock ? { locked_until: null, failed_login_count: 0 } : {}),
              ...(encoded === undefined ? {} : { password_hash: encoded }),
            })
            .where('id', '=', target.id)
            .execute();
          if (encoded !== undefined || body.disabled === true) {
            await service.repo.revokeUserSessions(trx, target.id, null);
          }
          await recordAudit(trx, {
            actor: admin,
            action: 'staff.user.update',
            targetType: 'staff_user',
            targetId: target.id,
            reason: body.reason ?? null,
            detail: {
              fields: Object.keys(body).filter((k) => k !== 'password' && k !== 'reason'),
              passwordReset: encoded !== undefined,
            },
            ip: request.ip,
          });
        });
        const updated = await service.repo.findById(target.id);
        if (!updated) throw new ApiFailure('NOT_FOUND', 'Akun staf tidak ditemukan.');
        return { ok: true as const, user: userDto(updated) };
      },
    );
  };
}
