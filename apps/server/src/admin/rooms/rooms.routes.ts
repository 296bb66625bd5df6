// /api/v1/admin/rooms: the agency's CAT rooms and their seats, which scheduling fills session by
// session (a session never seats more than its room holds).
import {
  errorReplySchema,
  roomCreateRequestSchema,
  roomListResponseSchema,
  roomResponseSchema,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../../audit/audit.ts';
import type { ServerContext } from '../../context.ts';
import { ApiFailure, handleApiFailures } from '../../staff/api-failure.ts';
import { currentStaff, requireRole, staffAgency } from '../../staff/roles.ts';

const tags = ['admin: rooms'];
const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 409: errorReplySchema };

export function roomRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);

    app.get(
      '/api/v1/admin/rooms',
      {
        config: requireRole('admin', 'bkd', 'assessor'),
        schema: { tags, response: { 200: roomListResponseSchema, ...errors } },
      },
      async (request) => {
        const rooms = await ctx.db
          .selectFrom('rooms')
          .select(['id', 'name', 'location', 'capacity'])
          .where('agency_id', '=', staffAgency(request))
          .orderBy('name')
          .execute();
        return { ok: true as const, rooms };
      },
    );

    app.post(
      '/api/v1/admin/rooms',
      {
        config: requireRole('admin', 'bkd'),
        schema: {
          tags,
          summary: 'Add a CAT room (name unique in the agency; audited)',
          body: roomCreateRequestSchema,
          response: { 200: roomResponseSchema, ...errors },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const { name, capacity } = request.body;
        const location = request.body.location ?? null;
        const room = await ctx.db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('rooms')
            .values({ agency_id: agencyId, name, location, capacity })
            .onConflict((oc) => oc.columns(['agency_id', 'name']).doNothing())
            .returning(['id', 'name', 'location', 'capacity'])
            .executeTakeFirst();
          if (!row) throw new ApiFailure('VALIDATION', `Ruang "${name}" sudah ada.`, undefined, 409);
          await recordAudit(trx, {
            actor: currentStaff(request),
            action: 'room.create',
            targetType: 'room',
            targetId: row.id,
            detail: { name, capacity, location },
          });
          return row;
        });
        return { ok: true as const, room };
      },
    );
  };
}
