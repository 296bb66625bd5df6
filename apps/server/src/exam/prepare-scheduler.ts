// Prepares sessions that start soon, once: the session's preparation lock (shared with on-demand
// preparation at login) lets one server do it while others skip.
import type { ServerContext } from '../context.ts';
import { ExamRepository } from './exam.repository.ts';
import { prepareSessionLocked } from './prepare-once.ts';

const CHECK_EVERY_MS = 30_000;

export class PrepareScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly ctx: ServerContext) {}

  async runOnce(): Promise<string[]> {
    const { ctx } = this;
    const now = new Date();
    const until = new Date(now.getTime() + ctx.config.PREPARE_AHEAD_SEC * 1000);
    const sessions = await new ExamRepository(ctx.db).sessionsStartingBefore(until, now);
    const done: string[] = [];
    for (const session of sessions) {
      const key = ctx.store.keys.session(session.id);
      const unprepared = async () => (await ctx.redis.hget(key, 'prepared')) !== '1';
      if (!(await unprepared())) continue;
      const result = await prepareSessionLocked(ctx, session.id, unprepared);
      if (!result) continue;
      ctx.log.info(result, 'session prepared');
      done.push(session.id);
    }
    return done;
  }

  start(): void {
    const tick = () => {
      if (this.running) return;
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.ctx.log.error({ err }, 'preparing sessions failed'))
        .finally(() => {
          this.running = null;
        });
    };
    tick();
    this.timer = setInterval(tick, CHECK_EVERY_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
