// A campaign's rescoring as the Penskoran page follows it: ask for it with a reason, then poll the
// run until the worker has finished (or given up) and its list of differences is complete.
import { rescoreResponseSchema, rescoreRunResponseSchema, type RescoreRun } from '@petakom/protocol';
import { AdminApiError, type AdminApi } from '../api.ts';

export class RescoreWatch {
  run = $state<RescoreRun | null>(null);
  runId = $state<string | null>(null);
  error = $state<AdminApiError | null>(null);
  running = $state(false);
  /** Told once the run is over, so the page reloads the scoring state and the item analysis. */
  onfinished: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: AdminApi,
    private readonly campaignId: string,
    private readonly pollMs = 1000,
  ) {}

  private get base(): string {
    return `/api/v1/admin/campaigns/${this.campaignId}/scoring/rescore`;
  }

  /** Requests a rescoring (audited with the reason) and follows it; the new run's id is returned. */
  async start(reason: string): Promise<string | null> {
    this.stop();
    this.error = null;
    this.run = null;
    try {
      const started = await this.api.send('POST', this.base, { reason }, rescoreResponseSchema);
      this.watch(started.runId);
      return started.runId;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  /** Follows a run already requested (e.g. named in the page address after a reload). */
  watch(runId: string): void {
    this.stop();
    this.runId = runId;
    this.running = true;
    void this.poll(runId);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async poll(runId: string): Promise<void> {
    try {
      const run = await this.api.get(`${this.base}/${encodeURIComponent(runId)}`, rescoreRunResponseSchema);
      if (runId !== this.runId) return;
      this.run = run;
      if (run.finishedAt !== null || run.error !== null) {
        this.running = false;
        this.onfinished?.();
        return;
      }
      this.timer = setTimeout(() => void this.poll(runId), this.pollMs);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.running = false;
    this.error = AdminApiError.from(error);
  }
}
