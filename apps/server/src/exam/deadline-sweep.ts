// The deadline sweep: closes sections and attempts whose server deadline passed, whether or not the
// participant is connected. Every server runs it; the claim in Redis keeps them from doing the same
// work twice and the close script is idempotent, so two sweepers never close anything twice.
import type { ServerContext } from '../context.ts';
import { attemptRoom } from '../realtime/io-types.ts';
import type { Live } from '../realtime/live.ts';

/** Attempts claimed (and then closed together) per shard and sweep. */
const CLAIM_BATCH = 200;

export class DeadlineSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly ctx: ServerContext,
    private readonly live: Live,
  ) {}

  async runOnce(): Promise<number> {
    const { store } = this.ctx;
    let closed = 0;
    for (let shard = 0; shard < store.keys.shards; shard++) {
      const ids = await store.claimDue(shard, CLAIM_BATCH);
      // The claimed attempts are closed together: one after the other, each close and its pushes
      // waited on their round trips, and 10,000 attempts due in the same second took a minute.
      const outcomes = await Promise.all(ids.map((id) => this.close(id)));
      closed += outcomes.filter(Boolean).length;
    }
    return closed;
  }

  /** Closes what is due of one claimed attempt and tells its sockets and proctors; true if anything closed. */
  private async close(id: string): Promise<boolean> {
    const outcome = await this.ctx.store.closeDue(id);
    if (outcome.kind === 'section') {
      await this.live.sectionClosed(id, outcome.sectionKey, 'deadline');
      return true;
    }
    if (outcome.kind === 'attempt') {
      if (outcome.sectionKey)
        this.live.exam
          .to(attemptRoom(id))
          .emit('section:closed', { sectionKey: outcome.sectionKey, reason: 'deadline' });
      await this.live.attemptClosed(id, 'timed_out', 'deadline');
      return true;
    }
    return false;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.ctx.log.error({ err }, 'deadline sweep failed'))
        .finally(() => {
          this.running = null;
        });
    }, this.ctx.config.SWEEP_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
