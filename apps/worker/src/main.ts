// Worker process entry: drains the answer-log streams into Postgres and owns the BullMQ queues;
// stops gracefully (finishing the batch in hand) on SIGTERM/SIGINT.
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createDrain } from './answer-log/drain.ts';
import { createWorkerDb } from './db.ts';
import { loadWorkerConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createQueues } from './queues.ts';
import { startScoringWorker } from './scoring/scoring.worker.ts'; // scoring (issue 6)
import { startReportsWorker } from './reports/reports.worker.ts'; // reports (issue 6)
import { startExportsWorker } from './exports/reports-zip.worker.ts'; // exports (issue 7)
import { startLiveArchiveWorker } from './live-archive/live-archive.worker.ts';

export async function startWorker(env: NodeJS.ProcessEnv = process.env) {
  const config = loadWorkerConfig(env);
  const logger = createLogger(config.LOG_LEVEL);
  const db = createWorkerDb(config.DATABASE_URL, {
    ...(config.DATABASE_SCHEMA === 'public' ? {} : { schema: config.DATABASE_SCHEMA }),
    max: config.WORKER_CONCURRENCY * 2 + 2,
    logger,
  });
  // BullMQ needs maxRetriesPerRequest: null; the drain tolerates it too (it retries on its own).
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'Redis connection error'));
  const queues = createQueues(redis, config.REDIS_PREFIX);
  const drain = createDrain({
    redis,
    db,
    logger,
    enqueueScoring: queues.enqueueScoring,
    prefix: config.REDIS_PREFIX,
    shards: config.ANSWER_LOG_SHARDS,
    consumer: config.WORKER_CONSUMER ?? `${hostname()}-${process.pid}`,
    batchSize: config.DRAIN_BATCH_SIZE,
    lingerMs: config.DRAIN_LINGER_MS,
    claimIdleMs: config.DRAIN_CLAIM_IDLE_MS,
  });
  await drain.start();
  // --- scoring (issue 6): the `scoring` queue's processor; see src/scoring/ ---
  const scoring = startScoringWorker({ db, connection: redis, redisPrefix: config.REDIS_PREFIX, logger });
  const reports = startReportsWorker({ db, connection: redis, redisPrefix: config.REDIS_PREFIX, logger });
  const exportsWorker = startExportsWorker({
    db,
    connection: redis,
    redisPrefix: config.REDIS_PREFIX,
    logger,
    env,
  }); // exports (issue 7)
  // --- end scoring ---
  const liveArchive = startLiveArchiveWorker({
    db,
    redis,
    redisPrefix: config.REDIS_PREFIX,
    shards: config.ANSWER_LOG_SHARDS,
    logger,
    afterMs: config.LIVE_ARCHIVE_AFTER_HOURS * 3_600_000,
    everyMs: config.LIVE_ARCHIVE_EVERY_SEC * 1000,
  });
  logger.info({ shards: config.ANSWER_LOG_SHARDS, prefix: config.REDIS_PREFIX }, 'worker started');
  return {
    logger,
    async close() {
      await drain.stop();
      await scoring.close(); // scoring (issue 6)
      await reports.close(); // reports (issue 6)
      await exportsWorker.close(); // exports (issue 7)
      await liveArchive.close();
      await queues.close();
      await redis.quit().catch(() => undefined);
      await db.destroy();
    },
  };
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  try {
    worker = await startWorker();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) worker.logger.error({ err }, 'worker closing after an error');
    else worker.logger.info({ signal }, 'worker closing');
    await worker.close();
  });
}
