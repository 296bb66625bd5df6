// Who may watch and act on a room: a proctor only on the sessions assigned to them, an admin on all.
// Both the socket namespace and the REST routes ask here, so the rule lives once.
import type { ExamRepository } from '../exam/exam.repository.ts';

export interface RoomActor {
  staffUserId: string;
  roles: readonly string[];
}

export async function mayOpenRoom(
  repo: ExamRepository,
  actor: RoomActor,
  sessionId: string,
): Promise<boolean> {
  if (actor.roles.includes('admin')) return true;
  return actor.roles.includes('proctor') && (await repo.isProctorOf(actor.staffUserId, sessionId));
}
