// Signed webhooks to HR information systems when results are published: one BullMQ job per endpoint
// of the publishing agency's clients, retried with exponential backoff; the body is signed with
// HMAC-SHA256 over `<timestamp>.<body>`.
// Server processes deliver them (a few small HTTP calls), so no extra worker type is needed.
import { createHmac, randomUUID } from 'node:crypto';
import {
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  webhookPayloadSchema,
  type WebhookPayload,
} from '@petakom/protocol';
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Database } from '@petakom/db';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PublishedEvent } from '../admin/publication/publication.service.ts';

export const WEBHOOK_QUEUE = 'webhooks';
export const WEBHOOK_ATTEMPTS = 8;
const DELIVERY_TIMEOUT_MS = 10_000;

const jobSchema = z.object({ endpointId: z.string(), payload: webhookPayloadSchema });
type WebhookJob = z.infer<typeof jobSchema>;

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`): what a receiver recomputes. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookOptions {
  connection: ConnectionOptions;
  prefix: string;
  /** First retry delay; doubles on each attempt. */
  backoffMs?: number;
}

export class Webhooks {
  readonly queue: Queue<WebhookJob>;
  private worker: Worker<WebhookJob> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly options: WebhookOptions,
  ) {
    this.queue = new Queue<WebhookJob>(WEBHOOK_QUEUE, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: WEBHOOK_ATTEMPTS,
        backoff: { type: 'exponential', delay: options.backoffMs ?? 5_000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
  }

  /**
   * One delivery per live endpoint of the publishing campaign's agency (another agency's clients
   * never hear of it); the delivery id keeps the same across retries.
   */
  async publicationDone(event: PublishedEvent, resultsUrl: string): Promise<void> {
    const endpoints = await this.db
      .selectFrom('webhook_endpoints as w')
      .innerJoin('api_clients as c', 'c.id', 'w.api_client_id')
      .innerJoin('campaigns as camp', 'camp.agency_id', 'c.agency_id')
      .select('w.id')
      .where('camp.id', '=', event.campaignId)
      .where('w.disabled_at', 'is', null)
      .where('c.revoked_at', 'is', null)
      .execute();
    const batch = randomUUID();
    await Promise.all(
      endpoints.map((e) => {
        const payload: WebhookPayload = {
          event: 'results.published',
          // BullMQ refuses ":" in custom job ids
          deliveryId: `${batch}_${e.id}`,
          campaignId: event.campaignId,
          published: event.published,
          publishedAt: event.publishedAt.toISOString(),
          resultsUrl,
        };
        return this.queue.add('deliver', { endpointId: e.id, payload }, { jobId: payload.deliveryId });
      }),
    );
  }

  start(): void {
    this.worker ??= new Worker<WebhookJob>(WEBHOOK_QUEUE, (job) => this.deliver(job), {
      connection: this.options.connection,
      prefix: this.options.prefix,
      concurrency: 4,
    });
    this.worker.on('failed', (job, err) =>
      this.log.warn(
        { jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'webhook delivery failed',
      ),
    );
  }

  private async deliver(job: Job<WebhookJob>): Promise<void> {
    const { endpointId, payload } = jobSchema.parse(job.data);
    const endpoint = await this.db
      .selectFrom('webhook_endpoints')
      .select(['url', 'secret', 'disabled_at'])
      .where('id', '=', endpointId)
      .executeTakeFirst();
    if (!endpoint || endpoint.disabled_at !== null) throw new UnrecoverableError('endpoint removed');
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_EVENT_HEADER]: payload.event,
        [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(endpoint.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      redirect: 'manual',
    });
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300) throw new Error(`receiver answered ${res.status}`);
  }

  /**
   * A graceful close waits for a delivery in flight; but BullMQ's Worker.close() never returns while
   * the worker is reconnecting after a Redis outage (taskforcesh/bullmq#4656), which would hang the
   * server's shutdown. Then there is nothing to finish gracefully anyway: close by force. A delivery
   * cut off is retried and may reach the receiver twice, which the delivery id lets it recognise.
   */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) {
      const client = await worker.client;
      await worker.close(client.status !== 'ready');
    }
    await this.queue.close();
  }
}
