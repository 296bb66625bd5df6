// The append-only audit log: every privileged action records who did what to which target, and why.
// Call it with the same executor (transaction) as the change so both land or neither does.
import type { AuditActorKind, Database, JsonObject } from '@petakom/db';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../staff/roles.ts';

export interface AuditActor {
  kind: AuditActorKind;
  id: string | null;
}

export interface AuditEntry {
  /** A staff principal (`request.staff`) or any other actor. */
  actor: StaffPrincipal | AuditActor;
  /** Dotted verb, e.g. `staff.login`, `roster.import.apply`, `result.publish`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  reason?: string | null;
  detail?: JsonObject;
  ip?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', id: null };

function actorOf(actor: StaffPrincipal | AuditActor): AuditActor {
  return 'kind' in actor ? actor : { kind: 'staff', id: actor.id };
}

export async function recordAudit(executor: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const actor = actorOf(entry.actor);
  await executor
    .insertInto('audit_log')
    .values({
      actor_kind: actor.kind,
      actor_id: actor.id,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      reason: entry.reason ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}
