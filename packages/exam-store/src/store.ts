// ExamStore: the only code that reads or writes live exam state in Redis. Every write is one Lua script.
import type { AttemptStatus, ClosedAttemptStatus, SectionKind } from '@petakom/domain';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import {
  decodeOrder,
  encodeOrder,
  formLayout,
  isCompactOrder,
  type FormLayout,
  type ItemOrderEntry,
} from './item-order.ts';
import { ExamKeys, STREAM_GROUP, type KeyOptions } from './keys.ts';
import { redisTimeMs } from './redis-clock.ts';
import { SCRIPTS, type ScriptName } from './scripts.ts';

export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'ATTEMPT_FINISHED'
  | 'ATTEMPT_PAUSED'
  | 'SECTION_CLOSED'
  | 'SECTION_NOT_STARTED'
  | 'SECTION_OUT_OF_ORDER'
  | 'ITEM_NOT_IN_SECTION'
  | 'STALE_SEQUENCE'
  | 'INVALID_VALUE'
  | 'DEVICE_LOCKED';

export type StoreResult<T extends object = object> = ({ ok: true } & T) | { ok: false; code: StoreErrorCode };

export type AnswerValue = string | number | null;
export type { AttemptStatus };
export type SectionStatus = 'pending' | 'open' | 'closed';
export type CloseReason = 'finished' | 'deadline' | 'proctor';

export interface PreparedItem {
  itemId: string;
  /** Every value a participant may give (option ids or scale points); null (clear) is always allowed. */
  allowed: readonly (string | number)[];
  /** The participant's option order, when the item's options are shuffled. */
  optionOrder?: readonly string[];
}

export interface PreparedSection {
  key: string;
  title: string;
  /** What the participant is told before the section: its kind picks the worked example. */
  kind: SectionKind;
  instructions: string;
  timeLimitMs: number;
  /** In the participant's seeded order. */
  items: readonly PreparedItem[];
}

export interface PrepareAttemptInput {
  attemptId: string;
  sessionId: string;
  batteryId: string;
  /** Hard end of the attempt (server ms), e.g. the session's end; null for none. */
  endsAt: number | null;
  sections: readonly PreparedSection[];
}

export interface SectionRecord {
  key: string;
  title: string;
  kind: SectionKind;
  instructions: string;
  timeLimitMs: number;
  itemCount: number;
  status: SectionStatus;
  deadline: number | null;
  order: ItemOrderEntry[];
}

export interface StoredAnswer {
  value: AnswerValue;
  seq: number;
  doubtful: boolean;
}

export interface AttemptRecord {
  attemptId: string;
  sessionId: string;
  batteryId: string;
  status: AttemptStatus;
  paused: boolean;
  /** Server ms when the running pause began; null when not paused. */
  pausedAt: number | null;
  currentSection: string | null;
  endsAt: number | null;
  deviceId: string | null;
  startedAt: number | null;
  closedAt: number | null;
  closeReason: CloseReason | null;
  lastSeen: number | null;
  sections: SectionRecord[];
  answers: Record<string, StoredAnswer>;
}

/** What a proctor's seat tile shows of an attempt: no item orders, answers only counted. */
export interface SeatState {
  attemptId: string;
  sessionId: string;
  status: AttemptStatus;
  currentSection: string | null;
  deviceId: string | null;
  lastSeen: number | null;
  sections: { key: string; itemCount: number; status: SectionStatus; deadline: number | null }[];
  /** Items holding an answer (a ragu-ragu flag alone is not one). */
  answered: number;
}

type SeatHead = Omit<SeatState, 'answered'>;

const sectionMeta = (h: Record<string, string>) => JSON.parse(h['meta'] ?? '[]') as SectionMeta[];

export type AttemptTimes = Pick<AttemptRecord, 'endsAt' | 'startedAt' | 'closedAt' | 'closeReason'>;

/** When an attempt ends, started and closed, and why, from its hash (readAttempt, readTimes). */
function timesOf(h: Record<string, string | null | undefined>): AttemptTimes {
  return {
    endsAt: optionalNumber(h['end']) || null,
    startedAt: optionalNumber(h['startedAt']),
    closedAt: optionalNumber(h['closedAt']),
    closeReason: (h['closeReason'] as CloseReason | undefined) ?? null,
  };
}

/** What readAttempt and readSeat both read of an attempt hash: who, where, and each section's state. */
function seatHead(attemptId: string, h: Record<string, string>, meta: readonly SectionMeta[]): SeatHead {
  const cur = h['cur'] ?? '';
  return {
    attemptId,
    sessionId: h['sid'] ?? '',
    status: h['status'] as AttemptStatus,
    currentSection: cur === '' ? null : cur,
    deviceId: h['dev'] ? h['dev'] : null,
    lastSeen: optionalNumber(h['seen']),
    sections: meta.map((s) => ({
      key: s.key,
      itemCount: s.itemCount,
      status: (h[`s:${s.key}`] ?? 'pending') as SectionStatus,
      deadline: optionalNumber(h[`dl:${s.key}`]),
    })),
  };
}

export type DueOutcome =
  { kind: 'none' } | { kind: 'section'; sectionKey: string } | { kind: 'attempt'; sectionKey: string | null };

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;
type ScriptCommands = Record<ScriptName, ScriptFn>;

const SEP = '\x1f';
const STORE_CODES = new Set<string>([
  'NOT_FOUND',
  'ATTEMPT_FINISHED',
  'ATTEMPT_PAUSED',
  'SECTION_CLOSED',
  'SECTION_NOT_STARTED',
  'SECTION_OUT_OF_ORDER',
  'ITEM_NOT_IN_SECTION',
  'STALE_SEQUENCE',
  'INVALID_VALUE',
  'DEVICE_LOCKED',
]);

function reply(raw: unknown): { ok: true; rest: unknown[] } | { ok: false; code: StoreErrorCode } {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string')
    throw new Error(`unexpected script reply ${String(raw)}`);
  const [head, ...rest] = raw as [string, ...unknown[]];
  if (head === 'OK') return { ok: true, rest };
  if (STORE_CODES.has(head)) return { ok: false, code: head as StoreErrorCode };
  throw new Error(`unexpected script code ${head}`);
}

/**
 * An item write as acknowledged: a resend of the stored change is a duplicate; `answered` is the
 * attempt's count after a new change (null for a duplicate, or an attempt prepared before the count).
 */
export interface ItemWritten {
  duplicate: boolean;
  at: number;
  answered: number | null;
}

function itemWritten(rest: unknown[]): { ok: true } & ItemWritten {
  const duplicate = num(rest[0]) === 1;
  const answered = duplicate ? -1 : num(rest[2]);
  return { ok: true, duplicate, at: num(rest[1]), answered: answered < 0 ? null : answered };
}

function num(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got ${String(value)}`);
  return n;
}

function optionalNumber(value: string | null | undefined): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

interface SectionMeta {
  key: string;
  title: string;
  kind: SectionKind;
  instructions: string;
  timeLimitMs: number;
  itemCount: number;
}

/** Attempts whose item-map key a process keeps: several exam days' worth for one server process. */
const ITEMS_KEYS_KEPT = 100_000;

/** Form layouts a process keeps: a form per battery version, so a few hundred is years of them. */
const FORMS_KEPT = 1000;

/**
 * Names a form by its content: each item with its section and values, in item id order, so attempts
 * that take the items in another order share one. (Values are digested as given: the battery lists
 * an item's values in one order, whatever order its options are shown in.)
 */
function formDigest(lines: string[]): string {
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 22);
}

/**
 * A form's layout from its item map's entries (itemId → `<sectionKey>\x1f<value JSON>\x1f…\x1f`),
 * as preparing writes them or HGETALL reads them back; a later entry for an item wins, as in HSET.
 */
function layoutOfItemMap(entries: Iterable<readonly [string, string]>): FormLayout {
  return formLayout(
    [...new Map(entries)].map(([itemId, meta]) => {
      const [sectionKey = '', ...values] = meta.split(SEP);
      // The meta ends with a separator: its last part is empty.
      return [itemId, sectionKey, values.slice(0, -1).map((v) => JSON.parse(v) as string | number)] as const;
    }),
  );
}

export class ExamStore {
  readonly keys: ExamKeys;
  private readonly redis: Redis;
  private readonly cmd: ScriptCommands;
  private readonly itemsKeys = new Map<string, string>();
  /** Form layouts by form digest: a form's content never changes under its name, so they are kept. */
  private readonly layouts = new Map<string, Promise<FormLayout>>();

  constructor(redis: Redis, options: Partial<KeyOptions> = {}) {
    this.redis = redis;
    this.keys = new ExamKeys({ prefix: options.prefix ?? 'pk:', shards: options.shards ?? 16 });
    for (const [name, def] of Object.entries(SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, def);
    }
    this.cmd = redis as unknown as ScriptCommands;
  }

  /** Creates the consumer group of every shard stream, so the drain never misses an early entry. */
  async ensureStreams(): Promise<void> {
    for (let shard = 0; shard < this.keys.shards; shard++) {
      try {
        await this.redis.xgroup('CREATE', this.keys.stream(shard), STREAM_GROUP, '0', 'MKSTREAM');
      } catch (error) {
        if (!String(error).includes('BUSYGROUP')) throw error;
      }
    }
  }

  /** Redis server time in ms: the one clock every process agrees on. */
  async serverTime(): Promise<number> {
    return redisTimeMs(this.redis);
  }

  /** Loads an attempt's state ahead of the start. Returns false (and changes nothing) when it exists. */
  async prepareAttempt(input: PrepareAttemptInput): Promise<boolean> {
    const { attemptId } = input;
    const meta: SectionMeta[] = input.sections.map((s) => ({
      key: s.key,
      title: s.title,
      kind: s.kind,
      instructions: s.instructions,
      timeLimitMs: s.timeLimitMs,
      itemCount: s.items.length,
    }));
    const fields: string[] = [
      'status',
      'prepared',
      'sid',
      input.sessionId,
      'bid',
      input.batteryId,
      'end',
      String(input.endsAt ?? 0),
      'paused',
      '0',
      'cur',
      '',
      'dev',
      '',
      'sections',
      JSON.stringify(meta.map((s) => s.key)),
      'meta',
      JSON.stringify(meta),
      '#answered',
      '0',
    ];
    // The form's item map as written: itemId → its section and the values it accepts.
    const items: [string, string][] = [];
    const lines: string[] = [];
    for (const section of input.sections) {
      if (section.key.includes(SEP)) throw new Error('section key may not contain \\x1f');
      fields.push(`s:${section.key}`, 'pending', `l:${section.key}`, String(section.timeLimitMs));
      for (const item of section.items) {
        const allowed = item.allowed.map((v) => JSON.stringify(v));
        const meta = `${section.key}${SEP}${allowed.join(SEP)}${SEP}`;
        items.push([item.itemId, meta]);
        lines.push(`${item.itemId}${SEP}${meta}`);
      }
    }
    const form = formDigest(lines);
    // The layout as a reader will take it from the item map written here: one parse of one map.
    const layout = await this.keepLayout(form, () => Promise.resolve(layoutOfItemMap(items)));
    for (const section of input.sections) {
      const order = section.items.map((i) =>
        i.optionOrder ? { itemId: i.itemId, optionOrder: [...i.optionOrder] } : { itemId: i.itemId },
      );
      const sectionLayout = layout.get(section.key);
      const compact = sectionLayout ? encodeOrder(order, sectionLayout) : null;
      fields.push(`o:${section.key}`, compact ?? JSON.stringify(order));
    }
    fields.push('ik', form);
    const raw = await this.cmd.pkPrepare(
      this.keys.attempt(attemptId),
      this.keys.formItems(this.keys.shardOf(attemptId), form),
      this.keys.sessionAttempts(this.keys.shardOf(attemptId), input.sessionId),
      attemptId,
      fields.length / 2,
      ...fields,
      ...items.flat(),
    );
    const r = reply(raw);
    const created = r.ok && num(r.rest[0]) === 1;
    if (created) this.itemsKeyFor(attemptId, form);
    return created;
  }

  /** The battery of a prepared attempt (one field, not the whole attempt); null when not prepared. */
  async batteryOf(attemptId: string): Promise<string | null> {
    const bid = await this.redis.hget(this.keys.attempt(attemptId), 'bid');
    return bid ? bid : null;
  }

  async readAttempt(attemptId: string): Promise<AttemptRecord | null> {
    const h = await this.redis.hgetall(this.keys.attempt(attemptId));
    if (!h['status']) return null;
    // A participant's resume reads the whole attempt before it answers: its form comes with it.
    this.itemsKeyFor(attemptId, h['ik']);
    const meta = sectionMeta(h);
    const compact = meta.some((s) => isCompactOrder(h[`o:${s.key}`] ?? ''));
    const layout = compact && h['ik'] ? await this.layoutOf(attemptId, h['ik']) : undefined;
    const { sections, ...head } = seatHead(attemptId, h, meta);
    const answers: Record<string, StoredAnswer> = {};
    for (const [field, value] of Object.entries(h)) {
      if (!field.startsWith('a:')) continue;
      const parsed = JSON.parse(value) as { v: AnswerValue; s: number; d: boolean };
      answers[field.slice(2)] = { value: parsed.v, seq: parsed.s, doubtful: parsed.d };
    }
    return {
      ...head,
      batteryId: h['bid'] ?? '',
      paused: h['paused'] === '1',
      pausedAt: h['paused'] === '1' ? optionalNumber(h['pausedAt']) : null,
      ...timesOf(h),
      sections: meta.map((s, i) => {
        const section = {
          ...s,
          kind: s.kind ?? 'potensi',
          instructions: s.instructions ?? '',
          status: sections[i]?.status ?? 'pending',
          deadline: sections[i]?.deadline ?? null,
        };
        // Parsed on first use: most readers (login, resume, proctor seats) never look at the item
        // order, and parsing every section's order on every read was the top cost of a login storm.
        const raw = h[`o:${s.key}`] ?? '[]';
        let order: SectionRecord['order'] | null = null;
        return Object.defineProperty(section, 'order', {
          enumerable: true,
          configurable: true,
          get: () => (order ??= decodeOrder(raw, layout?.get(s.key))),
          set: (value: SectionRecord['order']) => {
            order = value;
          },
        }) as SectionRecord;
      }),
      answers,
    };
  }

  /** The seat of an attempt, read without its item orders and answers (see SEAT); null when unknown. */
  async readSeat(attemptId: string): Promise<SeatState | null> {
    const flat = (await this.cmd.pkSeat(this.keys.attempt(attemptId))) as string[];
    const h: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i] as string] = flat[i + 1] as string;
    if (!h['status']) return null;
    return {
      ...seatHead(attemptId, h, sectionMeta(h)),
      answered: num(h['#answered'] ?? 0),
    };
  }

  /** An attempt's times alone, without reading the whole hash. */
  async readTimes(attemptId: string): Promise<AttemptTimes> {
    const [end, startedAt, closedAt, closeReason] = await this.redis.hmget(
      this.keys.attempt(attemptId),
      'end',
      'startedAt',
      'closedAt',
      'closeReason',
    );
    return timesOf({ end, startedAt, closedAt, closeReason });
  }

  private async writeItem(attemptId: string, args: (string | number)[]) {
    return this.cmd.pkWriteItem(
      this.keys.attempt(attemptId),
      this.itemsKeys.get(attemptId) ?? (await this.itemsKeyOf(attemptId)),
      this.keys.streamOf(attemptId),
      attemptId,
      ...args,
    );
  }

  /**
   * The item map an attempt answers against: its form's, read here only when this process has
   * neither prepared nor read the attempt (one HGET on its first answer).
   */
  private async itemsKeyOf(attemptId: string): Promise<string> {
    return this.itemsKeyFor(attemptId, await this.redis.hget(this.keys.attempt(attemptId), 'ik'));
  }

  /**
   * The item-map key of an attempt whose form (`ik`) is known. An attempt's form never changes once
   * prepared, so the key is kept (the oldest go first). No form: prepared before forms were shared
   * (its own map), or not prepared (the script says so); neither is kept.
   */
  private itemsKeyFor(attemptId: string, form: string | null | undefined): string {
    if (!form) return this.keys.attemptItems(attemptId);
    const key = this.keys.formItems(this.keys.shardOf(attemptId), form);
    if (this.itemsKeys.size >= ITEMS_KEYS_KEPT && !this.itemsKeys.has(attemptId)) {
      const oldest = this.itemsKeys.keys().next();
      if (!oldest.done) this.itemsKeys.delete(oldest.value);
    }
    this.itemsKeys.set(attemptId, key);
    return key;
  }

  /** Stores an answer; acknowledged only after the state and the answer-log entry are written. */
  async answer(
    attemptId: string,
    input: { itemId: string; value: AnswerValue; seq: number },
  ): Promise<StoreResult<ItemWritten>> {
    const r = reply(
      await this.writeItem(attemptId, [
        input.itemId,
        'answer',
        JSON.stringify(input.value),
        String(input.seq),
        '',
      ]),
    );
    return r.ok ? itemWritten(r.rest) : r;
  }

  /** Sets or clears the ragu-ragu flag of an item. */
  async flag(
    attemptId: string,
    input: { itemId: string; doubtful: boolean; seq: number },
  ): Promise<StoreResult<ItemWritten>> {
    const r = reply(
      await this.writeItem(attemptId, [
        input.itemId,
        'flag',
        '',
        String(input.seq),
        input.doubtful ? '1' : '0',
      ]),
    );
    return r.ok ? itemWritten(r.rest) : r;
  }

  private attemptKeys(attemptId: string): [string, string, string] {
    return [this.keys.attempt(attemptId), this.keys.streamOf(attemptId), this.keys.dueOf(attemptId)];
  }

  /**
   * Opens a section (idempotent: an open section answers with its deadline), answering with what
   * the participant needs to take it: the battery and the section's item order.
   */
  async startSection(
    attemptId: string,
    sectionKey: string,
  ): Promise<
    StoreResult<{
      deadline: number;
      now: number;
      started: boolean;
      batteryId: string;
      order: SectionRecord['order'];
    }>
  > {
    const r = reply(await this.cmd.pkStartSection(...this.attemptKeys(attemptId), attemptId, sectionKey));
    if (!r.ok) return r;
    const raw = String(r.rest[4]);
    const form = String(r.rest[5]);
    const layout = isCompactOrder(raw) && form ? await this.layoutOf(attemptId, form) : undefined;
    return {
      ok: true,
      deadline: num(r.rest[0]),
      now: num(r.rest[1]),
      started: num(r.rest[2]) === 1,
      batteryId: String(r.rest[3]),
      order: decodeOrder(raw, layout?.get(sectionKey)),
    };
  }

  /**
   * The layout of an attempt's form, read from its item map once per process and form (none at all
   * for a form this process prepared attempts of): the only read a compact item order costs.
   */
  private layoutOf(attemptId: string, form: string): Promise<FormLayout> {
    return this.keepLayout(form, async () => {
      const h = await this.redis.hgetall(this.keys.formItems(this.keys.shardOf(attemptId), form));
      const entries = Object.entries(h);
      if (entries.length === 0) throw new Error(`form ${form} has no item map`);
      return layoutOfItemMap(entries);
    });
  }

  /** A form's layout kept under its digest, whose content never changes; a failed load is not kept. */
  private keepLayout(form: string, load: () => Promise<FormLayout>): Promise<FormLayout> {
    let layout = this.layouts.get(form);
    if (!layout) {
      layout = load();
      layout.catch(() => this.layouts.delete(form));
      if (this.layouts.size >= FORMS_KEPT) {
        const oldest = this.layouts.keys().next();
        if (!oldest.done) this.layouts.delete(oldest.value);
      }
      this.layouts.set(form, layout);
    }
    return layout;
  }

  async finishSection(
    attemptId: string,
    sectionKey: string,
    reason: CloseReason = 'finished',
  ): Promise<StoreResult<{ attemptClosed: boolean }>> {
    const r = reply(
      await this.cmd.pkFinishSection(...this.attemptKeys(attemptId), attemptId, sectionKey, reason),
    );
    return r.ok ? { ok: true, attemptClosed: num(r.rest[0]) === 1 } : r;
  }

  async finishAttempt(
    attemptId: string,
    status: ClosedAttemptStatus,
    reason: CloseReason,
  ): Promise<StoreResult<{ status: AttemptStatus; changed: boolean }>> {
    const r = reply(
      await this.cmd.pkFinishAttempt(...this.attemptKeys(attemptId), attemptId, status, reason),
    );
    return r.ok ? { ok: true, status: r.rest[0] as AttemptStatus, changed: num(r.rest[1]) === 1 } : r;
  }

  /** Takes up to `limit` attempts whose deadline passed in a shard; hidden from other sweepers for `leaseMs`. */
  async claimDue(shard: number, limit = 100, leaseMs = 10_000): Promise<string[]> {
    const raw = await this.cmd.pkClaimDue(this.keys.due(shard), limit, leaseMs);
    return Array.isArray(raw) ? raw.map(String) : [];
  }

  /** Closes whatever of the attempt is past its deadline by the server clock; safe to call twice. */
  async closeDue(attemptId: string): Promise<DueOutcome> {
    const raw = await this.cmd.pkCloseDue(...this.attemptKeys(attemptId), attemptId);
    const [kind, section] = raw as [string, string | undefined];
    if (kind === 'SECTION') return { kind: 'section', sectionKey: section ?? '' };
    if (kind === 'ATTEMPT') return { kind: 'attempt', sectionKey: section ? section : null };
    return { kind: 'none' };
  }

  async pauseAttempt(attemptId: string, at: number): Promise<StoreResult<{ changed: boolean }>> {
    const r = reply(
      await this.cmd.pkPause(this.keys.attempt(attemptId), this.keys.dueOf(attemptId), attemptId, String(at)),
    );
    return r.ok ? { ok: true, changed: num(r.rest[0]) === 1 } : r;
  }

  async resumeAttempt(attemptId: string, at: number): Promise<StoreResult<{ pausedMs: number }>> {
    const r = reply(
      await this.cmd.pkResume(
        this.keys.attempt(attemptId),
        this.keys.dueOf(attemptId),
        attemptId,
        String(at),
      ),
    );
    return r.ok ? { ok: true, pausedMs: num(r.rest[0]) } : r;
  }

  /** Every attempt id of a session, across shards. */
  async sessionAttemptIds(sessionId: string): Promise<string[]> {
    const all = await Promise.all(
      Array.from({ length: this.keys.shards }, (_, shard) =>
        this.redis.smembers(this.keys.sessionAttempts(shard, sessionId)),
      ),
    );
    return all.flat();
  }

  /** Pauses every attempt of a session at one clock reading; returns the ids it paused. */
  async pauseSession(sessionId: string): Promise<{ at: number; attemptIds: string[] }> {
    const at = await this.serverTime();
    await this.redis.hset(this.keys.session(sessionId), 'paused', '1', 'pausedAt', String(at));
    const ids = await this.sessionAttemptIds(sessionId);
    const results = await Promise.all(ids.map((id) => this.pauseAttempt(id, at)));
    return { at, attemptIds: ids.filter((_, i) => results[i]?.ok) };
  }

  async resumeSession(sessionId: string): Promise<{ at: number; attemptIds: string[] }> {
    const at = await this.serverTime();
    await this.redis.hset(this.keys.session(sessionId), 'paused', '0', 'pausedAt', '');
    const ids = await this.sessionAttemptIds(sessionId);
    const results = await Promise.all(ids.map((id) => this.resumeAttempt(id, at)));
    return { at, attemptIds: ids.filter((_, i) => results[i]?.ok) };
  }

  async isSessionPaused(sessionId: string): Promise<boolean> {
    return (await this.redis.hget(this.keys.session(sessionId), 'paused')) === '1';
  }

  async extend(attemptId: string, extraMs: number): Promise<StoreResult<{ deadline: number }>> {
    const r = reply(
      await this.cmd.pkExtend(this.keys.attempt(attemptId), this.keys.dueOf(attemptId), attemptId, extraMs),
    );
    return r.ok ? { ok: true, deadline: num(r.rest[0]) } : r;
  }

  /**
   * Locks the attempt to a device (the same device may claim again). `handover` is true for the
   * first claim after an unlock: the earlier device may still have sockets open, to be closed.
   */
  async claimDevice(
    attemptId: string,
    deviceId: string,
  ): Promise<StoreResult<{ handover: boolean; status: AttemptStatus }>> {
    const r = reply(await this.cmd.pkClaimDevice(this.keys.attempt(attemptId), deviceId));
    return r.ok ? { ok: true, handover: num(r.rest[0]) === 1, status: r.rest[1] as AttemptStatus } : r;
  }

  /** Lets the next device claim the attempt (a proctor moved the participant to another PC). */
  async unlockDevice(attemptId: string): Promise<void> {
    await this.redis.hset(this.keys.attempt(attemptId), 'dev', '', 'handover', '1');
  }

  async recordIncident(attemptId: string, kind: string, detail: Record<string, unknown>): Promise<number> {
    const r = reply(
      await this.cmd.pkIncident(
        this.keys.streamOf(attemptId),
        attemptId,
        kind,
        JSON.stringify({ kind, ...detail }),
      ),
    );
    return r.ok ? num(r.rest[0]) : 0;
  }

  /** Stores the participant views of a battery's items, shared by all its attempts. */
  async putViews(batteryId: string, views: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(views).flatMap(([id, view]) => [id, JSON.stringify(view)]);
    if (entries.length > 0) await this.redis.hset(this.keys.views(batteryId), ...entries);
  }

  async getViews(batteryId: string, itemIds: readonly string[]): Promise<(unknown | null)[]> {
    if (itemIds.length === 0) return [];
    const raw = await this.redis.hmget(this.keys.views(batteryId), ...itemIds);
    return raw.map((v) => (v === null ? null : (JSON.parse(v) as unknown)));
  }
}
