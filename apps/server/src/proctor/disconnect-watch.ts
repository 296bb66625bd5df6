// Notices seats that went away and never came back: a long disconnection must reach the proctor
// while the participant is still gone, not only when (if ever) they reconnect.
import { RoomFeed } from '@petakom/exam-store';
import { LONG_DISCONNECT_MS } from '@petakom/protocol';
import type { ServerContext } from '../context.ts';
import { ExamRepository } from '../exam/exam.repository.ts';
import type { Live } from '../realtime/live.ts';
import { isLive } from './seats.ts';

export class DisconnectWatch {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly repo: ExamRepository;
  private readonly feed: RoomFeed;

  constructor(
    private readonly ctx: ServerContext,
    private readonly live: Live,
  ) {
    this.repo = new ExamRepository(ctx.db);
    this.feed = new RoomFeed(ctx.redis, ctx.store.keys);
  }

  /**
   * Checks every session under way; returns how many long disconnections this process reported.
   * Every server runs it: the per-episode claim in Redis lets only one of them report each one.
   */
  async runOnce(now = Date.now()): Promise<number> {
    const sessions = await this.repo.sessionsStartingBefore(new Date(now), new Date(now));
    let reported = 0;
    for (const session of sessions) reported += await this.checkSession(session.id, now);
    return reported;
  }

  private async checkSession(sessionId: string, now: number): Promise<number> {
    const { store } = this.ctx;
    const [ids, online, offline] = await Promise.all([
      store.sessionAttemptIds(sessionId),
      this.live.seats.onlineAttempts(sessionId),
      this.feed.offlineSeats(sessionId),
    ]);
    let reported = 0;
    for (const attemptId of ids) {
      if (online.has(attemptId)) continue;
      const record = await store.readSeat(attemptId);
      if (!record || !isLive(record)) continue;
      // A seat whose server process died never had its disconnect handled: mark it away from now.
      const since = offline.get(attemptId) ?? (await this.feed.markOffline(sessionId, attemptId, now));
      if (now - since < LONG_DISCONNECT_MS) continue;
      if (!(await this.feed.claimLongDisconnect(sessionId, attemptId, since))) continue;
      this.live.incident({
        sessionId,
        attemptId,
        kind: 'long_disconnect',
        at: now,
        detail: { offlineSince: since, durationMs: now - since, stillOffline: true },
      });
      reported++;
    }
    return reported;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.ctx.log.warn({ err }, 'disconnect check failed'))
        .finally(() => {
          this.running = null;
        });
    }, this.ctx.config.DISCONNECT_CHECK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
