// Every BullMQ queue the worker touches: names, deterministic job ids and retry policy in one place.
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';

export const queueNames = {
  scoring: 'scoring',
  /** Individual report PDFs rendered on request (src/reports); the result is the job's return value. */
  reports: 'reports',
  /** Long campaign exports, e.g. the zip of all individual reports (src/exports). */
  exports: 'exports',
  /** Housekeeping on a schedule: the live-state archive of ended sessions (src/live-archive). */
  maintenance: 'maintenance',
} as const;

export interface ScoringJob {
  attemptId: string;
}

const scoringJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  // Completed jobs are kept a week so a replayed `attempt_closed` entry finds its job id taken
  // and does not score the attempt twice.
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
};

/** BullMQ prefixes its own keys; nesting it under the platform prefix keeps tests isolated. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}bull`;
}

export function scoringJobId(attemptId: string): string {
  return attemptId;
}

export interface Queues {
  scoring: Queue<ScoringJob>;
  enqueueScoring(attemptId: string): Promise<void>;
  close(): Promise<void>;
}

export function createQueues(connection: ConnectionOptions, redisPrefix: string): Queues {
  const scoring = new Queue<ScoringJob>(queueNames.scoring, {
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: scoringJobOptions,
  });
  return {
    scoring,
    async enqueueScoring(attemptId) {
      // A second add with the same job id is ignored by BullMQ: enqueueing is idempotent.
      await scoring.add('score-attempt', { attemptId }, { jobId: scoringJobId(attemptId) });
    },
    async close() {
      await scoring.close();
    },
  };
}
