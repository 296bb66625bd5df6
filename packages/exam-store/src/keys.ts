// Redis key names of live exam state. Attempt keys carry their answer-log shard as a `{s<n>}` hash tag,
// so one answer's state write and stream append run as one script on one slot.

export interface KeyOptions {
  /** Every key starts with it; tests use a unique prefix each. Default `pk:`. */
  prefix: string;
  /** Number of answer-log shards (`ANSWER_LOG_SHARDS`); server and worker must agree. */
  shards: number;
}

/** FNV-1a 32-bit: stable across processes and languages, cheap, and spreads uuids evenly. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function shardOf(attemptId: string, shards: number): number {
  return fnv1a32(attemptId) % shards;
}

export class ExamKeys {
  readonly prefix: string;
  readonly shards: number;

  constructor(options: KeyOptions) {
    if (!Number.isInteger(options.shards) || options.shards < 1)
      throw new Error('shards must be a positive integer');
    this.prefix = options.prefix;
    this.shards = options.shards;
  }

  shardOf(attemptId: string): number {
    return shardOf(attemptId, this.shards);
  }

  private tag(shard: number): string {
    return `${this.prefix}{s${shard}}`;
  }

  /** Hash: status, sections, per-section status/deadline/order, answers (`a:<itemId>`), device, pause. */
  attempt(attemptId: string): string {
    return `${this.tag(this.shardOf(attemptId))}:att:${attemptId}`;
  }

  /**
   * Hash itemId → `<sectionKey>\x1f<allowed value JSON>\x1f…` of an attempt prepared before forms
   * were shared (no `ik` field); new attempts use formItems.
   */
  attemptItems(attemptId: string): string {
    return `${this.tag(this.shardOf(attemptId))}:att:${attemptId}:items`;
  }

  /**
   * The same hash, one per form (`form` = digest of its content, the attempt's `ik` field) and shard:
   * every attempt of a battery shares it (a copy per attempt was a third to two-thirds of Redis's memory).
   */
  formItems(shard: number, form: string): string {
    return `${this.tag(shard)}:form:${form}:items`;
  }

  /** Answer-log stream of a shard, consumer group `drain` (docs/architecture.md). */
  stream(shard: number): string {
    return `${this.tag(shard)}:alog`;
  }

  streamOf(attemptId: string): string {
    return this.stream(this.shardOf(attemptId));
  }

  /** Sorted set attemptId → next due time (ms) of the shard, read by the deadline sweep. */
  due(shard: number): string {
    return `${this.tag(shard)}:due`;
  }

  dueOf(attemptId: string): string {
    return this.due(this.shardOf(attemptId));
  }

  /** Set of the attempt ids of one exam session that live in one shard. */
  sessionAttempts(shard: number, sessionId: string): string {
    return `${this.tag(shard)}:sess:${sessionId}`;
  }

  /** Hash of session-wide live state: paused flag, room-token epoch. */
  session(sessionId: string): string {
    return `${this.prefix}sess:${sessionId}`;
  }

  /** Hash itemId → participant view JSON (no keys, no weights), shared by every attempt of a battery. */
  views(batteryId: string): string {
    return `${this.prefix}views:${batteryId}`;
  }

  /** Rate-limit counters, on one slot: a login counts its IP's and its NIP's in one script. */
  rate(name: string): string {
    return `${this.prefix}{rate}:${name}`;
  }
}

export const STREAM_GROUP = 'drain';
