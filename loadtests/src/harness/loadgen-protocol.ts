// Commands from the load-test coordinator to its load-generator child processes (IPC, through
// child-rpc.ts) and the reports they answer with.
import type { PacedAnswers } from './pace.ts';
import type { Credentials } from './participant.ts';

export interface SeatAssignment {
  credentials: Credentials;
  clientIp: string;
  seed: number;
}

export type LoadCommand =
  | { t: 'init'; urls: string[]; localAddress: string; seats: SeatAssignment[]; ackTimeoutMs: number }
  /** Every participant starts at a random moment in the ramp: log in, connect, resume, first section. */
  | { t: 'login'; rampMs: number }
  /** Each participant answers once per interval (random phase) for the duration. */
  | { t: 'steady'; intervalMs: number; durationMs: number }
  /** Open loop: this child sends `perSecond` answers a second in total, spread over idle participants. */
  | { t: 'rate'; perSecond: number; durationMs: number }
  /** Remembers now; `resumed` counts participants connected and resumed since. */
  | { t: 'mark' }
  | { t: 'resumed' }
  | { t: 'finish' }
  | { t: 'collect' }
  | { t: 'close' };

export interface LoginReport {
  /** Login request sent → items of the first section received, ms. */
  latencies: number[];
  /** When each of those logins started (epoch ms, the same order): how the latency moved over the ramp. */
  startedAt: number[];
  /**
   * This generator's own event-loop delay during the login storm, as [epoch ms, ms late] samples of a
   * 100 ms timer: a simulated browser that runs late adds its delay to every latency it measures.
   */
  loopLag: [number, number][];
  errors: string[];
  /** Section views fetched over HTTP during the login: requests, bytes as sent (gzip), ms spent. */
  views: { requests: number; bytes: number; ms: number };
  /** Where the time went: the login request alone (token received), ms; and its retries. */
  loginMs: number[];
  loginRetries: number;
  /** Per participant, ms of the socket opening, the resume and the first section (with its views). */
  steps: { socketMs: number[]; resumeMs: number[]; sectionMs: number[] };
  /** Socket connections (with resume and first section) tried again, by reason. */
  connectFailures: Record<string, number>;
}

/** The paced figures (latencies, when each answer was first sent, skipped; see pace.ts) and counts. */
export interface AnswerReport extends PacedAnswers {
  /** This generator's event-loop delay during the phase, as in LoginReport (a 20 ms timer). */
  loopLag: [number, number][];
  acked: number;
  rejected: number;
  retries: number;
}

export interface ResumedReport {
  resumed: number;
  connected: number;
  total: number;
  /** ms from the mark to the last resume counted. */
  lastMs: number;
}

export interface CollectReport {
  attempts: {
    attemptId: string;
    acked: { itemId: string; value: string | number; seq: number; latencyMs: number }[];
  }[];
  /** Acknowledged answers a resume snapshot did not hold (must be 0). */
  missingOnResume: number;
  finished: number;
}

/** Adds counts by reason into `into` (a participant's, a generator's, all generators'). */
export function addCounts(into: Record<string, number>, counts: Readonly<Record<string, number>>): void {
  for (const [reason, n] of Object.entries(counts)) into[reason] = (into[reason] ?? 0) + n;
}
