// Registers the second half of the staff portal's server (campaigns, rooms and pengawas, scheduling
// and dashboard, results and publication, exports, the HR results API) with one line in app.ts, and owns the webhook
// delivery worker's life.
import type { FastifyPluginAsync } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { exportRoutes } from '../exports/exports.routes.ts';
import { hrApiRoutes } from '../../hr-api/hr-api.routes.ts';
import { Webhooks } from '../../hr-api/webhooks.ts';
import { publicationRoutes } from '../publication/publication.routes.ts';
import { PublicationService } from '../publication/publication.service.ts';
import { loadCampaignResultsEnv } from './campaign-results.config.ts';
import { proctorRoutes } from '../proctors/proctors.routes.ts';
import { roomRoutes } from '../rooms/rooms.routes.ts';
import { campaignRoutes } from './campaigns.routes.ts';

export function campaignResultsPlugin(ctx: ServerContext): FastifyPluginAsync {
  return async (app) => {
    const env = loadCampaignResultsEnv();
    const connection = { url: ctx.config.REDIS_URL, maxRetriesPerRequest: null };
    const webhooks = new Webhooks(ctx.db, ctx.log, {
      connection,
      prefix: `${ctx.config.REDIS_PREFIX}bull`,
      backoffMs: env.WEBHOOK_BACKOFF_MS,
    });
    webhooks.start();
    app.addHook('onClose', () => webhooks.close());
    const publicUrl = env.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`;
    const publication = new PublicationService(ctx.db, async (event) => {
      try {
        await webhooks.publicationDone(
          event,
          `${publicUrl}/api/v1/hr/results?campaignId=${event.campaignId}`,
        );
      } catch (err) {
        ctx.log.error({ err, campaignId: event.campaignId }, 'could not queue publication webhooks');
      }
    });
    await app.register(campaignRoutes(ctx));
    await app.register(roomRoutes(ctx));
    await app.register(proctorRoutes(ctx));
    await app.register(publicationRoutes(ctx, publication));
    await app.register(exportRoutes(ctx, env.EXPORT_DIR));
    await app.register(hrApiRoutes(ctx.db));
  };
}
