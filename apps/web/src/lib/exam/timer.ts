// Countdown arithmetic of a section: remaining time from a server deadline, pauses that freeze the
// clock, and the 10- and 5-minute warnings announced once each.

export const WARNING_MINUTES = [10, 5] as const;

export interface CountdownInput {
  /** Absolute server ms; null before the section starts. */
  deadline: number | null;
  serverNow: number;
  /** Server ms at which the room was paused, or null when running. */
  pausedAt: number | null;
}

export function remainingMs({ deadline, serverNow, pausedAt }: CountdownInput): number | null {
  if (deadline === null) return null;
  const at = pausedAt ?? serverNow;
  return Math.max(0, deadline - at);
}

/**
 * The warning (in minutes) whose threshold the countdown crossed between two readings, or null.
 * A clock first read below a threshold (a resume late in the section) announces nothing: the
 * crossing happened while nobody was watching, and the countdown itself is visible.
 */
export function crossedWarning(previousMs: number | null, currentMs: number | null): number | null {
  if (previousMs === null || currentMs === null) return null;
  let crossed: number | null = null;
  for (const minutes of WARNING_MINUTES) {
    const threshold = minutes * 60_000;
    if (previousMs > threshold && currentMs <= threshold) crossed = minutes;
  }
  return crossed;
}

/** `m:ss`, or `h:mm:ss` from one hour, rounding up so 0:00 means the time is really over. */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
