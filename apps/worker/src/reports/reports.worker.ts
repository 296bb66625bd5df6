// The BullMQ processor of the `reports` queue: renders an individual report PDF on request and
// returns it base64-encoded as the job's return value, which the server awaits and sends.
import type { Database } from '@petakom/db';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { bullPrefix, queueNames } from '../queues.ts';
import { loadIndividualReport } from './individual-report.repository.ts';
import { renderIndividualReport } from './individual-report.ts';

export const reportJobNames = { individual: 'individual-report' } as const;

export interface IndividualReportJob {
  registrationId: string;
  /** Render this version (e.g. the published one) rather than the latest; must be the registration's. */
  resultId?: string;
}

export interface IndividualReportOutput {
  pdfBase64: string;
  /** Version of the result the report shows; null for "belum dipetakan". */
  resultVersion: number | null;
}

export function startReportsWorker(opts: {
  db: Kysely<Database>;
  connection: ConnectionOptions;
  redisPrefix: string;
  logger: Logger;
}): { worker: Worker; close(): Promise<void> } {
  const log = opts.logger.child({ feature: 'reports' });
  const worker = new Worker(
    queueNames.reports,
    async (job: Job<IndividualReportJob>): Promise<IndividualReportOutput> => {
      const { registrationId, resultId } = job.data;
      const data = await loadIndividualReport(opts.db, registrationId, undefined, { resultId });
      if (!data) {
        throw new UnrecoverableError(
          resultId === undefined
            ? `registration ${registrationId} does not exist`
            : `result ${resultId} is not a version of registration ${registrationId}`,
        );
      }
      const pdf = await renderIndividualReport(data);
      return { pdfBase64: pdf.toString('base64'), resultVersion: data.resultVersion };
    },
    { connection: opts.connection, prefix: bullPrefix(opts.redisPrefix), concurrency: 2 },
  );
  worker.on('failed', (job, err) => log.warn({ job: job?.id, err: err.message }, 'report failed'));
  worker.on('error', (err) => log.warn({ err: err.message }, 'reports worker error'));
  return { worker, close: () => worker.close() };
}
