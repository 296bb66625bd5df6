// The open-loop pacing of the stress steps: a rate of answers a second spread over a pool of
// simulated browsers, each with at most one answer in flight (as the web app sends them). Shared by
// the platform's load generators and the socket.io floor, so both offer the load the same way.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PacedAnswers {
  /** ms from send to acknowledgement of each acknowledged answer. */
  latencies: number[];
  /** When each of those answers was sent (epoch ms, the same order): where in a step the tail was. */
  sentAt: number[];
  /** Answers that were due while every sender was still waiting for its previous one. */
  skipped: number;
}

/** Every 10 ms the answers due by then leave, each from the sender idle the longest. */
const TICK_MS = 10;

/**
 * Sends `perSecond` answers a second for `durationMs` through `send` (which resolves with the
 * acknowledgement's latency, or null when the answer was not acknowledged), then waits for the
 * answers still in flight. A sender that is `done` after an answer gets no more.
 */
export async function paceAnswers<S>(
  senders: readonly S[],
  perSecond: number,
  durationMs: number,
  send: (sender: S) => Promise<number | null>,
  done: (sender: S) => boolean,
): Promise<PacedAnswers> {
  const report: PacedAnswers = { latencies: [], sentAt: [], skipped: 0 };
  // A FIFO of idle senders (head index, not shift(): 10,000 entries at thousands a second).
  const idle = senders.filter((s) => !done(s));
  let head = 0;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < durationMs) {
    const due = Math.floor(((performance.now() - start) / 1000) * perSecond);
    while (sent < due) {
      sent++;
      const sender = head < idle.length ? idle[head++] : undefined;
      if (sender === undefined) {
        report.skipped++;
        continue;
      }
      const sentAt = Date.now();
      const job: Promise<void> = send(sender).then((latency) => {
        if (latency !== null) {
          report.latencies.push(latency);
          report.sentAt.push(sentAt);
        }
        inFlight.delete(job);
        if (!done(sender)) idle.push(sender);
      });
      inFlight.add(job);
    }
    if (head > 4096) {
      idle.splice(0, head);
      head = 0;
    }
    await sleep(TICK_MS);
  }
  await Promise.all(inFlight);
  return report;
}
