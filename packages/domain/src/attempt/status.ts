// An attempt's statuses in the order it reaches them: prepared ahead of its session, in progress once
// started, then closed one of three ways — the participant finished, the deadline passed, or the
// proctor finished it. Every part of the platform that asks "is this attempt over?" asks here (the
// exam store's Lua scripts too: their table of final statuses is written from this list).

export const ATTEMPT_STATUSES = [
  'prepared',
  'in_progress',
  'finished',
  'timed_out',
  'force_finished',
] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const CLOSED_ATTEMPT_STATUSES = [
  'finished',
  'timed_out',
  'force_finished',
] as const satisfies readonly AttemptStatus[];
export type ClosedAttemptStatus = (typeof CLOSED_ATTEMPT_STATUSES)[number];

/** Closed: no answer is taken any more, and the attempt is due for scoring. */
export function isClosedAttemptStatus(status: string | null | undefined): status is ClosedAttemptStatus {
  return (CLOSED_ATTEMPT_STATUSES as readonly (string | null | undefined)[]).includes(status);
}
