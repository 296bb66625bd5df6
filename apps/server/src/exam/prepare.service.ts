// Prepares a session's attempts ahead of its start: attempt rows (seed, form) in Postgres, and in
// Redis each attempt's state plus the battery's participant views, so a synchronized start does no
// heavy work. Safe to run again and from several processes: nothing prepared is ever changed.
import { randomBytes } from 'node:crypto';
import {
  LIKERT_SCALE,
  batterySchema,
  buildForm,
  itemSchema,
  optionIds,
  participantView,
  validateResponse,
  type Battery,
  type Form,
  type Item,
  type ParticipantItem,
} from '@petakom/domain';
import type { JsonObject } from '@petakom/db';
import type { ExamStore, PreparedSection } from '@petakom/exam-store';
import { ExamRepository } from './exam.repository.ts';
import type { Kysely } from 'kysely';
import type { Database } from '@petakom/db';

export interface PrepareResult {
  sessionId: string;
  attempts: number;
  /** Attempts whose Redis state was loaded by this call (the rest were already there). */
  loaded: number;
}

/** Every value a participant may give to the item, by the domain's own validation rule. */
export function allowedValues(item: Item): (string | number)[] {
  const ids = optionIds(item);
  const candidates: (string | number)[] = ids.length > 0 ? ids : LIKERT_SCALE.map((s) => s.value);
  return candidates.filter((v) => validateResponse(item, v).ok);
}

export async function loadBattery(repo: ExamRepository, batteryId: string) {
  const row = await repo.battery(batteryId);
  const battery: Battery = batterySchema.parse(row.blueprint);
  const ids = [...new Set(battery.sections.flatMap((s) => s.itemIds))];
  const versions = await repo.itemVersions(ids);
  const items = new Map<string, Item>();
  for (const v of versions) {
    // The form uses item version ids, so the content's own id is overridden by the row's.
    items.set(v.id, itemSchema.parse({ ...v.content, id: v.id }));
  }
  for (const id of ids)
    if (!items.has(id)) throw new Error(`battery ${batteryId} names a missing item version ${id}`);
  return { battery, items };
}

export function preparedSections(
  battery: Battery,
  form: Form,
  items: ReadonlyMap<string, Item>,
): PreparedSection[] {
  return battery.sections.map((section) => {
    const formSection = form.sections.find((s) => s.key === section.key);
    if (!formSection) throw new Error(`form lacks section ${section.key}`);
    return {
      key: section.key,
      title: section.title,
      kind: section.kind,
      instructions: section.instructions,
      timeLimitMs: section.timeLimitSec * 1000,
      items: formSection.itemIds.map((itemId) => {
        const item = items.get(itemId);
        if (!item) throw new Error(`unknown item ${itemId}`);
        const order = formSection.optionOrder[itemId];
        return order
          ? { itemId, allowed: allowedValues(item), optionOrder: order }
          : { itemId, allowed: allowedValues(item) };
      }),
    };
  });
}

export async function prepareSession(
  deps: { db: Kysely<Database>; store: ExamStore },
  sessionId: string,
): Promise<PrepareResult> {
  const repo = new ExamRepository(deps.db);
  const session = await repo.session(sessionId);
  if (!session) throw new Error(`no exam session ${sessionId}`);
  // An archived session's attempts are gone from Redis; preparing them again would hand finished
  // attempts back as fresh ones.
  if (await repo.isArchived(sessionId))
    throw new Error(`exam session ${sessionId} is over and archived; it cannot be prepared again`);
  const { battery, items } = await loadBattery(repo, session.batteryId);

  const registrations = await repo.registrationsOfSession(sessionId);
  const existing = new Set((await repo.attemptsOfSession(sessionId)).map((a) => a.registrationId));
  const fresh = registrations
    .filter((r) => !existing.has(r.id))
    .map((r) => {
      const seed = randomBytes(16).toString('hex');
      return {
        registrationId: r.id,
        participantId: r.participant_id,
        sessionId,
        batteryId: session.batteryId,
        seed,
        form: buildForm(battery, seed, items) as unknown as JsonObject,
      };
    });
  await repo.insertAttempts(fresh);

  const views: Record<string, ParticipantItem> = {};
  for (const [id, item] of items) views[id] = participantView(item);
  await deps.store.putViews(session.batteryId, views);

  const attempts = await repo.attemptsOfSession(sessionId);
  let loaded = 0;
  for (const attempt of attempts) {
    const form = attempt.form as unknown as Form;
    const created = await deps.store.prepareAttempt({
      attemptId: attempt.id,
      sessionId,
      batteryId: attempt.batteryId,
      endsAt: session.endsAt.getTime(),
      sections: preparedSections(battery, form, items),
    });
    if (created) loaded++;
  }
  return { sessionId, attempts: attempts.length, loaded };
}
