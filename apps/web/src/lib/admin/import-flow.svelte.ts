// One import, dry run first: upload a file, show the report (every bad row with its reason), and
// apply it only when the server says it can be applied — all rows or none.
import { importReportSchema, type ImportReport } from '@petakom/protocol';
import { AdminApiError, type AdminApi } from './api.ts';

export type ImportPhase = 'idle' | 'checking' | 'checked' | 'applying' | 'applied';

export class ImportFlow {
  phase = $state<ImportPhase>('idle');
  report = $state<ImportReport | null>(null);
  error = $state<AdminApiError | null>(null);

  constructor(
    private readonly api: AdminApi,
    /** e.g. `/api/v1/admin/roster/imports`; the dry run posts here, apply to `<base>/<id>/apply`. */
    private readonly base: string,
    private readonly query = '',
  ) {}

  get canApply(): boolean {
    return this.phase === 'checked' && this.report?.canApply === true;
  }

  async dryRun(file: File): Promise<void> {
    this.phase = 'checking';
    this.error = null;
    this.report = null;
    try {
      this.report = await this.api.upload(`${this.base}${this.query}`, file, file.name, importReportSchema);
      this.phase = 'checked';
    } catch (error) {
      this.fail(error, 'idle');
    }
  }

  async apply(): Promise<void> {
    const report = this.report;
    if (!report || !this.canApply) return;
    this.phase = 'applying';
    this.error = null;
    try {
      this.report = await this.api.send(
        'POST',
        `${this.base}/${encodeURIComponent(report.importId)}/apply`,
        undefined,
        importReportSchema,
      );
      this.phase = 'applied';
    } catch (error) {
      this.fail(error, 'checked');
    }
  }

  reset(): void {
    this.phase = 'idle';
    this.report = null;
    this.error = null;
  }

  private fail(error: unknown, back: ImportPhase): void {
    this.error = AdminApiError.from(error);
    this.phase = back;
  }
}
