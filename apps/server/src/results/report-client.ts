// Asks the worker for an individual report PDF through the `reports` queue and waits for it: the
// worker renders reports (apps/worker/src/reports), the server only hands them out.
import { Queue, QueueEvents, type ConnectionOptions } from 'bullmq';

const REPORTS_QUEUE = 'reports';
const INDIVIDUAL_REPORT = 'individual-report';

export interface RenderedReport {
  pdf: Buffer;
  resultVersion: number | null;
}

export class ReportClient {
  private readonly queue: Queue;
  private readonly events: QueueEvents;

  constructor(
    connection: ConnectionOptions,
    bullPrefix: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.queue = new Queue(REPORTS_QUEUE, { connection, prefix: bullPrefix });
    this.events = new QueueEvents(REPORTS_QUEUE, { connection, prefix: bullPrefix });
  }

  /** The latest result version, or `resultId` (a version of this registration) when given. */
  async individual(registrationId: string, resultId?: string): Promise<RenderedReport> {
    await this.events.waitUntilReady();
    const job = await this.queue.add(
      INDIVIDUAL_REPORT,
      resultId === undefined ? { registrationId } : { registrationId, resultId },
      // The PDF travels back as the return value: keep it only briefly in Redis.
      { attempts: 1, removeOnComplete: { age: 300 }, removeOnFail: { age: 3600 } },
    );
    const out = (await job.waitUntilFinished(this.events, this.timeoutMs)) as {
      pdfBase64: string;
      resultVersion: number | null;
    };
    return { pdf: Buffer.from(out.pdfBase64, 'base64'), resultVersion: out.resultVersion };
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}
