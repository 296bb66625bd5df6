// Server clock estimate: the offset between this browser's clock and the exam server's, measured with
// `time:sync` round trips. Deadlines are server milliseconds, so every countdown goes through here.

export interface SyncSample {
  /** Client ms when the request left. */
  sentAt: number;
  /** Client ms when the acknowledgement arrived. */
  receivedAt: number;
  /** Server ms stamped while handling the request. */
  serverTime: number;
}

export interface OffsetEstimate {
  /** Add to the client clock to get server time. */
  offsetMs: number;
  /** Round trip of the sample the estimate comes from; its half bounds the error. */
  rttMs: number;
}

/**
 * The estimate from the sample with the shortest round trip: its server stamp is the least
 * uncertain (the server handled it somewhere inside the trip, assumed the middle).
 */
export function estimateOffset(samples: readonly SyncSample[]): OffsetEstimate | null {
  let best: OffsetEstimate | null = null;
  for (const s of samples) {
    const rttMs = s.receivedAt - s.sentAt;
    if (rttMs < 0) continue;
    const offsetMs = s.serverTime - (s.sentAt + rttMs / 2);
    if (best === null || rttMs < best.rttMs) best = { offsetMs, rttMs };
  }
  return best;
}

/** Keeps the last few samples so one slow trip on a flaky LAN does not move the clock. */
export class ServerClock {
  private samples: SyncSample[] = [];
  offsetMs = 0;

  constructor(private readonly keep = 8) {}

  add(sample: SyncSample): OffsetEstimate | null {
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
    const estimate = estimateOffset(this.samples);
    if (estimate) this.offsetMs = estimate.offsetMs;
    return estimate;
  }

  /** A server timestamp seen without a round trip (a snapshot): a rough first guess until a sync. */
  seed(serverTime: number, clientNow: number): void {
    if (this.samples.length === 0) this.offsetMs = serverTime - clientNow;
  }

  now(clientNow: number = Date.now()): number {
    return clientNow + this.offsetMs;
  }
}
