// The BullMQ processor of the `scoring` queue. `score-attempt` jobs (job id = attempt id) are
// gathered into micro-batches; `norm-campaign` recomputes a campaign's potensi norm once its
// results settle; `rescore-campaign` rescores a campaign after a correction into new versions.
import type { Database } from '@petakom/db';
import { normGroupFrom } from '@petakom/domain';
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { bullPrefix, queueNames, type ScoringJob } from '../queues.ts';
import { MicroBatcher, type BatchResult } from './micro-batcher.ts';
import { BatchScorer } from './score-batch.ts';
import { ScoringRepository } from './scoring.repository.ts';

export const scoringJobNames = {
  scoreAttempt: 'score-attempt',
  normCampaign: 'norm-campaign',
  rescoreCampaign: 'rescore-campaign',
} as const;

export interface NormJob {
  campaignId: string;
}
export interface RescoreJob {
  runId: string;
}

export interface ScoringWorkerOptions {
  db: Kysely<Database>;
  connection: ConnectionOptions;
  redisPrefix: string;
  logger: Logger;
  /** Jobs processed at once; they are what a micro-batch is made of. */
  concurrency?: number;
  batchSize?: number;
  batchWaitMs?: number;
  /** A campaign's norm is recomputed at most once per window, after the window's results. */
  normWindowMs?: number;
}

export interface ScoringWorker {
  worker: Worker;
  close(): Promise<void>;
}

const RESCORE_CHUNK = 250;

export function normJobId(
  campaignId: string,
  windowMs: number,
  now = Date.now(),
): { id: string; delay: number } {
  const bucket = Math.floor(now / windowMs);
  // Runs after its window closes, so every batch that asked for it has committed by then.
  return { id: `norm-${campaignId}-${bucket}`, delay: (bucket + 1) * windowMs - now + 500 };
}

export function startScoringWorker(opts: ScoringWorkerOptions): ScoringWorker {
  const log = opts.logger.child({ feature: 'scoring' });
  const repo = new ScoringRepository(opts.db);
  const scorer = new BatchScorer(repo);
  const prefix = bullPrefix(opts.redisPrefix);
  const normWindowMs = opts.normWindowMs ?? 5_000;
  // Norm and failure bookkeeping go on the same queue the drain fills.
  const queue = new Queue(queueNames.scoring, { connection: opts.connection, prefix });

  async function requestNorms(campaigns: Iterable<string>): Promise<void> {
    for (const campaignId of campaigns) {
      const { id, delay } = normJobId(campaignId, normWindowMs);
      await queue.add(
        scoringJobNames.normCampaign,
        { campaignId },
        { jobId: id, delay, removeOnComplete: true, removeOnFail: 100, attempts: 3 },
      );
    }
  }

  const batcher = new MicroBatcher<true>(
    async (attemptIds): Promise<BatchResult<true>> => {
      const outcome = await scorer.score(attemptIds);
      const ok = new Map<string, true>();
      for (const id of attemptIds) if (!outcome.failed.has(id)) ok.set(id, true);
      await requestNorms(outcome.campaigns).catch((err: unknown) =>
        log.warn({ err: (err as Error).message }, 'could not request a norm update'),
      );
      return { ok, failed: outcome.failed };
    },
    opts.batchSize ?? 100,
    opts.batchWaitMs ?? 20,
  );

  async function normCampaign(campaignId: string): Promise<void> {
    const norm = normGroupFrom(await repo.potensiTotals(campaignId));
    if (!norm) return;
    const latest = await repo.latestNorm(campaignId);
    const same =
      latest &&
      latest.size === norm.size &&
      Number(latest.mean) === norm.mean &&
      Number(latest.sd) === norm.sd;
    if (same) return;
    await repo.insertNorm(campaignId, (latest?.version ?? 0) + 1, norm.mean, norm.sd, norm.size);
    log.info({ campaignId, ...norm }, 'campaign norm updated');
  }

  async function rescoreCampaign(runId: string): Promise<{ rescored: number; changed: number }> {
    const run = await repo.rescoreRun(runId);
    if (!run) throw new UnrecoverableError(`rescore run ${runId} does not exist`);
    if (run.finished_at) return { rescored: run.rescored, changed: run.changed };
    const ids = await repo.closedAttemptsOfCampaign(run.campaign_id);
    let changed = 0;
    const failures: string[] = [];
    for (let i = 0; i < ids.length; i += RESCORE_CHUNK) {
      const outcome = await scorer.score(ids.slice(i, i + RESCORE_CHUNK), {
        rescore: { runId, computedBy: run.requested_by },
      });
      changed += outcome.changed.length;
      for (const [id, err] of outcome.failed) failures.push(`${id}: ${err.message}`);
    }
    await normCampaign(run.campaign_id);
    await repo.finishRescoreRun(
      runId,
      ids.length,
      changed,
      failures.length ? failures.slice(0, 20).join('; ') : null,
    );
    return { rescored: ids.length, changed };
  }

  const worker = new Worker(
    queueNames.scoring,
    async (job: Job) => {
      switch (job.name) {
        case scoringJobNames.normCampaign:
          return normCampaign((job.data as NormJob).campaignId);
        case scoringJobNames.rescoreCampaign:
          return rescoreCampaign((job.data as RescoreJob).runId);
        default:
          return batcher.add((job.data as ScoringJob).attemptId);
      }
    },
    {
      connection: opts.connection,
      prefix,
      concurrency: opts.concurrency ?? 300,
      // A dead worker's jobs go back to waiting quickly; scoring is idempotent either way.
      stalledInterval: 7_500,
      lockDuration: 15_000,
    },
  );

  worker.on('failed', (job, err) => {
    if (!job || job.name === scoringJobNames.normCampaign || job.name === scoringJobNames.rescoreCampaign) {
      log.error({ err: err.message, job: job?.id }, 'scoring job failed');
      return;
    }
    const attemptId = (job.data as ScoringJob).attemptId;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    log.warn({ attemptId, err: err.message, attemptsMade: job.attemptsMade, final }, 'scoring failed');
    repo
      .recordFailure(attemptId, err.message, job.attemptsMade, final)
      .catch((e: unknown) => log.error({ err: (e as Error).message }, 'could not record a scoring failure'));
  });
  worker.on('error', (err) => log.warn({ err: err.message }, 'scoring worker error'));

  return {
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
