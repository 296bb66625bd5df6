// Prometheus metrics of one server process, in its own registry so several servers can live in one
// test process.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricsSources {
  /** Entries in the answer-log streams not yet acknowledged by the drain, per shard. */
  answerLogLag(): Promise<number>;
  /** Queue depths by queue name (waiting + active + delayed). */
  queueDepths(): Promise<Record<string, number>>;
  dueAttempts(): Promise<number>;
  /** Redis's `used_memory` and `maxmemory` (0: no limit), from INFO memory. */
  redisMemory(): Promise<{ used: number; max: number }>;
}

/** Redis's `used_memory` and `maxmemory` (0: no limit), in bytes, from INFO memory. */
export async function readRedisMemory(redis: {
  info(section: 'memory'): Promise<string>;
}): Promise<{ used: number; max: number }> {
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { used: field('used_memory'), max: field('maxmemory') };
}

export class ServerMetrics {
  readonly registry = new Registry();
  readonly connectedParticipants: Gauge<'session'>;
  readonly answersAcknowledged: Counter<'kind' | 'duplicate'>;
  readonly answersRejected: Counter<'code'>;
  readonly ackLatency: Histogram<'kind'>;
  readonly socketErrors: Counter<'code'>;

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'petakom_server_' });
    this.connectedParticipants = new Gauge({
      name: 'petakom_connected_participants',
      help: 'Participants connected to /exam on this process, by exam session (room)',
      labelNames: ['session'],
      registers: [this.registry],
    });
    this.answersAcknowledged = new Counter({
      name: 'petakom_answers_acknowledged_total',
      help: 'Answers and flags acknowledged after the Redis write',
      labelNames: ['kind', 'duplicate'],
      registers: [this.registry],
    });
    this.answersRejected = new Counter({
      name: 'petakom_answers_rejected_total',
      help: 'Answers and flags refused, by error code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.ackLatency = new Histogram({
      name: 'petakom_answer_ack_seconds',
      help: 'Time from receiving an answer or flag to acknowledging it',
      labelNames: ['kind'],
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.socketErrors = new Counter({
      name: 'petakom_socket_errors_total',
      help: 'Socket events answered with an error, by code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'petakom_answer_log_lag',
      help: 'Answer-log entries not yet moved to Postgres by the drain (all shards)',
      registers: [this.registry],
      async collect() {
        this.set(await sources.answerLogLag());
      },
    });
    new Gauge({
      name: 'petakom_queue_depth',
      help: 'Jobs waiting, active or delayed, by queue',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        for (const [queue, depth] of Object.entries(await sources.queueDepths())) this.set({ queue }, depth);
      },
    });
    // Redis at maxmemory with `noeviction` refuses writes, answers included: alert well before.
    const memory = new Gauge({
      name: 'petakom_redis_memory_bytes',
      help: 'Redis memory: used (used_memory) and the limit (maxmemory, 0 = none)',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        const { used, max } = await sources.redisMemory();
        memory.set({ kind: 'used' }, used);
        memory.set({ kind: 'max' }, max);
      },
    });
    new Gauge({
      name: 'petakom_due_attempts',
      help: 'Attempts whose deadline passed and wait for the sweep',
      registers: [this.registry],
      async collect() {
        this.set(await sources.dueAttempts());
      },
    });
  }
}
