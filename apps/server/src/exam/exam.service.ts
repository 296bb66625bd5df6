// Reads of the live exam shaped for the participant: snapshots, section payloads, time changes.
import type { ParticipantItem } from '@petakom/domain';
import type { AttemptRecord } from '@petakom/exam-store';
import type { AttemptSnapshot, ItemView, SectionPayload, TimeChanged } from '@petakom/protocol';
import type { ServerContext } from '../context.ts';
import { orderedView } from './prepare.service.ts';

export class ExamService {
  /** Participant views never change for an item version, so a process may keep them forever. */
  private readonly views = new Map<string, ParticipantItem>();

  constructor(private readonly ctx: ServerContext) {}

  private async viewsOf(batteryId: string, itemIds: readonly string[]): Promise<ParticipantItem[]> {
    const missing = itemIds.filter((id) => !this.views.has(`${batteryId}:${id}`));
    if (missing.length > 0) {
      const loaded = await this.ctx.store.getViews(batteryId, missing);
      missing.forEach((id, i) => {
        const view = loaded[i];
        if (view === null || view === undefined) throw new Error(`no participant view for item ${id}`);
        this.views.set(`${batteryId}:${id}`, view as ParticipantItem);
      });
    }
    return itemIds.map((id) => this.views.get(`${batteryId}:${id}`) as ParticipantItem);
  }

  /** The section's items in the participant's order, options in the participant's order; no keys. */
  async sectionPayload(record: AttemptRecord, sectionKey: string): Promise<SectionPayload | null> {
    const section = record.sections.find((s) => s.key === sectionKey);
    if (!section || section.deadline === null) return null;
    const views = await this.viewsOf(
      record.batteryId,
      section.order.map((o) => o.itemId),
    );
    const items = views.map(
      (view, i) => orderedView(view, section.order[i]?.optionOrder) as unknown as ItemView,
    );
    return { key: section.key, deadline: section.deadline, items };
  }

  async snapshot(record: AttemptRecord): Promise<AttemptSnapshot> {
    const serverTime = await this.ctx.store.serverTime();
    const open = record.currentSection ? await this.sectionPayload(record, record.currentSection) : null;
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
