// Reads of the live exam shaped for the participant: snapshots, section payloads, time changes.
import type { AttemptRecord, SectionRecord } from '@petakom/exam-store';
import type { AttemptSnapshot, SectionPayload, TimeChanged } from '@petakom/protocol';
import type { ServerContext } from '../context.ts';
import type { SectionViewsService } from './section-views.service.ts';

export class ExamService {
  constructor(
    private readonly ctx: ServerContext,
    private readonly sectionViews: SectionViewsService,
  ) {}

  /**
   * The open section as this participant takes it: the item order and each item's option order as
   * stored in the attempt's form, and which shared views (fetched over HTTP) the order applies to.
   */
  async sectionPayload(section: {
    batteryId: string;
    key: string;
    deadline: number;
    order: SectionRecord['order'];
  }): Promise<SectionPayload> {
    const { batteryId, key, deadline, order } = section;
    const views = await this.sectionViews.get(batteryId, key, async () => order.map((o) => o.itemId));
    return { key, deadline, views: { batteryId, version: views.version }, order };
  }

  private async openSection(record: AttemptRecord): Promise<SectionPayload | null> {
    const section = record.sections.find((s) => s.key === record.currentSection);
    if (!section || section.deadline === null) return null;
    const { key, deadline, order } = section;
    return this.sectionPayload({ batteryId: record.batteryId, key, deadline, order });
  }

  async snapshot(record: AttemptRecord): Promise<AttemptSnapshot> {
    const serverTime = await this.ctx.store.serverTime();
    const open = await this.openSection(record);
    return {
      attemptId: record.attemptId,
      status: record.status,
      paused: record.paused,
      pausedAt: record.pausedAt,
      serverTime,
      currentSection: record.currentSection,
      sections: record.sections.map((s) => ({
        key: s.key,
        title: s.title,
        kind: s.kind,
        instructions: s.instructions,
        timeLimitMs: s.timeLimitMs,
        itemCount: s.itemCount,
        status: s.status,
        deadline: s.deadline,
      })),
      answers: record.answers,
      openSection: open,
    };
  }

  timeChanged(
    record: AttemptRecord,
    reason: TimeChanged['reason'],
    serverTime: number,
    message?: string,
  ): TimeChanged {
    return {
      reason,
      paused: record.paused,
      ...(message ? { message } : {}),
      serverTime,
      sections: record.sections.map((s) => ({ key: s.key, status: s.status, deadline: s.deadline })),
    };
  }
}
