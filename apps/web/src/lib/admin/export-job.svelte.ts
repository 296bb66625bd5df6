// A long export built by a worker job (the zip of every individual report): start it, poll its
// progress for the progress bar, and offer the download once it is complete.
import { exportJobStartedSchema, exportJobStatusSchema, type ExportJobStatus } from '@petakom/protocol';
import { AdminApiError, type AdminApi } from './api.ts';

export class ExportJob {
  status = $state<ExportJobStatus | null>(null);
  error = $state<AdminApiError | null>(null);
  running = $state(false);
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: AdminApi,
    private readonly campaignId: string,
    private readonly pollMs = 1000,
  ) {}

  get percent(): number {
    return this.status?.progress ?? 0;
  }

  async start(): Promise<void> {
    this.stop();
    this.error = null;
    this.status = null;
    this.running = true;
    try {
      const started = await this.api.send(
        'POST',
        `/api/v1/admin/campaigns/${this.campaignId}/exports/reports-zip`,
        undefined,
        exportJobStartedSchema,
      );
      await this.poll(started.jobId);
    } catch (error) {
      this.fail(error);
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async poll(jobId: string): Promise<void> {
    try {
      const status = await this.api.get(
        `/api/v1/admin/campaigns/${this.campaignId}/exports/jobs/${encodeURIComponent(jobId)}`,
        exportJobStatusSchema,
      );
      this.status = status;
      if (status.state === 'completed' || status.state === 'failed') {
        this.running = false;
        return;
      }
      this.timer = setTimeout(() => void this.poll(jobId), this.pollMs);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.running = false;
    this.error = AdminApiError.from(error);
  }
}
