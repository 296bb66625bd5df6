// /api/v1/admin/proctors: the pengawas a planner may put on sessions. Read-only, so a bkd user who
// may not manage accounts can still choose them.
import { errorReplySchema, proctorListResponseSchema } from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { ServerContext } from '../../context.ts';
import { handleApiFailures } from '../../staff/api-failure.ts';
import { currentStaff, requireRole } from '../../staff/roles.ts';

export function proctorRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);

    app.get(
      '/api/v1/admin/proctors',
      {
        config: requireRole('admin', 'bkd'),
        schema: {
          tags: ['admin: campaigns'],
          summary: "Active staff with the proctor role in the caller's agency",
          response: { 200: proctorListResponseSchema, 401: errorReplySchema, 403: errorReplySchema },
        },
      },
      async (request) => {
        const { agencyId } = currentStaff(request);
        let query = ctx.db
          .selectFrom('staff_users')
          .select(['id', 'full_name as fullName', 'username'])
          .where(sql<boolean>`'proctor' = any(roles)`)
          .where('disabled_at', 'is', null)
          .orderBy('full_name');
        // A staff account bound to no agency (platform admin) plans for every agency, as campaignFor allows.
        if (agencyId !== null) query = query.where('agency_id', '=', agencyId);
        return { ok: true as const, proctors: await query.execute() };
      },
    );
  };
}
