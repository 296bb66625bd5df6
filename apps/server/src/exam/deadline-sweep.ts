// The deadline sweep: closes sections and attempts whose server deadline passed, whether or not the
// participant is connected. Every server runs it; the claim in Redis keeps them from doing the same
// work twice and the close script is idempotent, so two sweepers never close anything twice.
import type { ServerContext } from '../context.ts';
import type { Live } from '../realtime/live.ts';

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
      const ids = await store.claimDue(shard, 200);
      for (const id of ids) {
        const outcome = await store.closeDue(id);
        if (outcome.kind === 'section') {
          closed++;
          await this.live.sectionClosed(id, outcome.sectionKey, 'deadline');
        } else if (outcome.kind === 'attempt') {
          closed++;
          if (outcome.sectionKey)
            this.live.exam
              .to(`attempt:${id}`)
              .emit('section:closed', { sectionKey: outcome.sectionKey, reason: 'deadline' });
          await this.live.attemptClosed(id, 'timed_out', 'deadline');
        }
      }
    }
    return closed;
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
