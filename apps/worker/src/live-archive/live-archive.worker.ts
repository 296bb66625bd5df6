// Runs the live-state archive on a schedule: a BullMQ job scheduler in the `maintenance` queue, so
// with several worker processes each run happens once, on one of them.
import { ExamStore, RoomFeed } from '@petakom/exam-store';
import type { Database } from '@petakom/db';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { bullPrefix, queueNames } from '../queues.ts';
import { archiveEndedSessions, type LiveArchiveRun } from './live-archive.ts';

export const LIVE_ARCHIVE_SCHEDULER = 'live-archive';

export interface LiveArchiveWorkerOptions {
  db: Kysely<Database>;
  redis: Redis;
  redisPrefix: string;
  shards: number;
  logger: Logger;
  /** A session is archived this long after its end at the earliest. */
  afterMs: number;
  /** How often the archive runs. */
  everyMs: number;
}

export function startLiveArchiveWorker(opts: LiveArchiveWorkerOptions): {
  worker: Worker;
  scheduled: Promise<unknown>;
  close(): Promise<void>;
} {
  const log = opts.logger.child({ feature: 'live-archive' });
  const store = new ExamStore(opts.redis, { prefix: opts.redisPrefix, shards: opts.shards });
  const feed = new RoomFeed(opts.redis, store.keys);
  const connection = opts.redis;
  const prefix = bullPrefix(opts.redisPrefix);
  const queue = new Queue(queueNames.maintenance, { connection, prefix });
  const scheduled = queue.upsertJobScheduler(
    LIVE_ARCHIVE_SCHEDULER,
    { every: opts.everyMs },
    { name: LIVE_ARCHIVE_SCHEDULER, opts: { removeOnComplete: 50, removeOnFail: 50 } },
  );
  scheduled.catch((err: unknown) => log.error({ err }, 'live archive not scheduled'));
  const worker = new Worker(
    queueNames.maintenance,
    async (job: Job): Promise<LiveArchiveRun | null> => {
      if (job.name !== LIVE_ARCHIVE_SCHEDULER) return null;
      return archiveEndedSessions(
        { db: opts.db, redis: opts.redis, store, feed, log },
        { afterMs: opts.afterMs },
      );
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('failed', (job, err) => log.warn({ job: job?.id, err: err.message }, 'live archive failed'));
  worker.on('error', (err) => log.warn({ err: err.message }, 'live archive worker error'));
  return {
    worker,
    scheduled,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
