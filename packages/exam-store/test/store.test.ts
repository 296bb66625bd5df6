import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ExamStore,
  parseAnswerLogEntry,
  shardOf,
  type AttemptRecord,
  type PrepareAttemptInput,
  type PreparedSection,
  type SeatState,
} from '../src/index.ts';

/** The seat as it follows from the whole attempt: what readSeat must agree with. */
function seatOf(record: AttemptRecord): SeatState {
  return {
    attemptId: record.attemptId,
    sessionId: record.sessionId,
    status: record.status,
    currentSection: record.currentSection,
    deviceId: record.deviceId,
    lastSeen: record.lastSeen,
    sections: record.sections.map(({ key, itemCount, status, deadline }) => ({
      key,
      itemCount,
      status,
      deadline,
    })),
    answered: Object.values(record.answers).filter((a) => a.value !== null).length,
  };
}

const prefix = `pk-test:${randomUUID()}:`;
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
const store = new ExamStore(redis, { prefix, shards: 4 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function attemptInput(overrides: Partial<PrepareAttemptInput> = {}): PrepareAttemptInput {
  return {
    attemptId: randomUUID(),
    sessionId: 'sess-1',
    batteryId: 'bat-1',
    endsAt: null,
    sections: [
      {
        key: 'potensi',
        title: 'Tes Potensi',
        kind: 'potensi',
        instructions: '',
        timeLimitMs: 60_000,
        items: [
          { itemId: 'p1', allowed: ['A', 'B', 'C', 'D', 'E'], optionOrder: ['C', 'A', 'E', 'B', 'D'] },
          { itemId: 'p2', allowed: ['A', 'B', 'C', 'D', 'E'] },
        ],
      },
      {
        key: 'inventory',
        title: 'Inventory',
        kind: 'potensi',
        instructions: '',
        timeLimitMs: 60_000,
        items: [{ itemId: 'l1', allowed: [1, 2, 3, 4, 5] }],
      },
    ],
    ...overrides,
  };
}

async function prepared(overrides: Partial<PrepareAttemptInput> = {}) {
  const input = attemptInput(overrides);
  expect(await store.prepareAttempt(input)).toBe(true);
  return input.attemptId;
}

async function streamEntries(attemptId: string) {
  const raw = await redis.xrange(store.keys.streamOf(attemptId), '-', '+');
  return raw.map(([, fields]) => parseAnswerLogEntry(fields)).filter((e) => e.attemptId === attemptId);
}

beforeAll(async () => {
  await store.ensureStreams();
});

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
});

describe('keys', () => {
  it('puts every key of an attempt in the hash tag of its answer-log shard', () => {
    const id = randomUUID();
    const tag = `{s${shardOf(id, 4)}}`;
    expect(store.keys.attempt(id)).toContain(tag);
    expect(store.keys.attemptItems(id)).toContain(tag);
    expect(store.keys.streamOf(id)).toBe(`${prefix}${tag}:alog`);
    expect(store.keys.dueOf(id)).toContain(tag);
  });
});

describe('preparing an attempt', () => {
  it('never overwrites live state when prepared twice', async () => {
    const input = attemptInput();
    expect(await store.prepareAttempt(input)).toBe(true);
    await store.startSection(input.attemptId, 'potensi');
    expect(await store.prepareAttempt(input)).toBe(false);
    const record = await store.readAttempt(input.attemptId);
    expect(record?.status).toBe('in_progress');
    expect(record?.sections[0]?.order[0]).toEqual({ itemId: 'p1', optionOrder: ['C', 'A', 'E', 'B', 'D'] });
    expect(await store.sessionAttemptIds('sess-1')).toContain(input.attemptId);
  });

  it('keeps one item map per form and shard, shared by attempts that take items and options in another order', async () => {
    const formPrefix = `${prefix}form-test:`;
    const formStore = new ExamStore(redis, { prefix: formPrefix, shards: 4 });
    const base = attemptInput();
    const [potensi, inventory] = base.sections as [PreparedSection, PreparedSection];
    const shuffled: PreparedSection = {
      ...potensi,
      items: [
        { itemId: 'p2', allowed: ['A', 'B', 'C', 'D', 'E'] },
        { itemId: 'p1', allowed: ['A', 'B', 'C', 'D', 'E'], optionOrder: ['B', 'A', 'E', 'D', 'C'] },
      ],
    };
    const ids = Array.from({ length: 12 }, () => randomUUID());
    for (const [n, attemptId] of ids.entries()) {
      const sections = n % 2 === 0 ? [potensi, inventory] : [shuffled, inventory];
      expect(await formStore.prepareAttempt({ ...base, attemptId, sections })).toBe(true);
    }
    const forms = new Set(await Promise.all(ids.map((id) => redis.hget(formStore.keys.attempt(id), 'ik'))));
    expect(forms.size).toBe(1);
    const shards = new Set(ids.map((id) => shardOf(id, 4)));
    expect((await redis.keys(`${formPrefix}*:items`)).sort()).toEqual(
      [...shards].map((s) => formStore.keys.formItems(s, [...forms][0] as string)).sort(),
    );

    // Another form (an item with other values) gets its own map: what one accepts the other refuses.
    const other = randomUUID();
    expect(
      await formStore.prepareAttempt({
        ...base,
        attemptId: other,
        sections: [{ ...potensi, items: [{ itemId: 'p1', allowed: ['A', 'X'] }] }, inventory],
      }),
    ).toBe(true);
    expect(
      new Set((await redis.keys(`${formPrefix}*:form:*:items`)).map((k) => k.split(':form:')[1])).size,
    ).toBe(2);
    await formStore.startSection(other, 'potensi');
    expect(await formStore.answer(other, { itemId: 'p1', value: 'X', seq: 1 })).toMatchObject({ ok: true });
    expect(await formStore.answer(other, { itemId: 'p1', value: 'E', seq: 2 })).toEqual({
      ok: false,
      code: 'INVALID_VALUE',
    });
    // Read by another process, which has not prepared them: the attempt's own form is looked up.
    const elsewhere = new ExamStore(redis, { prefix: formPrefix, shards: 4 });
    for (const id of ids.slice(0, 2)) {
      await elsewhere.startSection(id, 'potensi');
      expect(await elsewhere.answer(id, { itemId: 'p1', value: 'E', seq: 1 })).toMatchObject({ ok: true });
      expect(await elsewhere.answer(id, { itemId: 'p1', value: 'X', seq: 2 })).toEqual({
        ok: false,
        code: 'INVALID_VALUE',
      });
      expect(await elsewhere.answer(id, { itemId: 'l1', value: 2, seq: 2 })).toEqual({
        ok: false,
        code: 'SECTION_NOT_STARTED',
      });
    }
  });

  it('prepares a section longer than Lua unpacks at once (4,100 items, 8,200 values) whole', async () => {
    const items = Array.from({ length: 4100 }, (_, n) => ({ itemId: `big-${n}`, allowed: [1, 2, 3] }));
    const base = attemptInput();
    const id = await prepared({
      sections: [{ ...(base.sections[0] as PreparedSection), key: 'panjang', items }],
    });
    await store.startSection(id, 'panjang');
    for (const itemId of ['big-0', 'big-499', 'big-500', 'big-4099']) {
      expect(await store.answer(id, { itemId, value: 3, seq: Number(itemId.slice(4)) + 1 })).toMatchObject({
        ok: true,
      });
    }
    expect(Object.keys((await store.readAttempt(id))?.answers ?? {})).toHaveLength(4);
  });

  it('answers an attempt prepared with an item map of its own, before forms were shared', async () => {
    const id = await prepared();
    // As the previous version left it: the map under the attempt's own key, no `ik`. Here without
    // p2, which the form's map has, so an answer to p2 tells which of the two maps was read.
    const form = (await redis.hget(store.keys.attempt(id), 'ik')) as string;
    const { p2: _p2, ...own } = await redis.hgetall(store.keys.formItems(shardOf(id, 4), form));
    await redis.hset(store.keys.attemptItems(id), own);
    await redis.hdel(store.keys.attempt(id), 'ik');
    // Its orders as item and option ids, in JSON.
    const order = [{ itemId: 'p1', optionOrder: ['C', 'A', 'E', 'B', 'D'] }, { itemId: 'p2' }];
    await redis.hset(
      store.keys.attempt(id),
      'o:potensi',
      JSON.stringify(order),
      'o:inventory',
      '[{"itemId":"l1"}]',
    );
    const older = new ExamStore(redis, { prefix, shards: 4 });
    expect(await older.startSection(id, 'potensi')).toMatchObject({ ok: true, order });
    expect((await older.readAttempt(id))?.sections[1]?.order).toEqual([{ itemId: 'l1' }]);
    expect(await older.answer(id, { itemId: 'p1', value: 'D', seq: 1 })).toMatchObject({ ok: true });
    expect(await older.answer(id, { itemId: 'p1', value: 'Z', seq: 2 })).toEqual({
      ok: false,
      code: 'INVALID_VALUE',
    });
    expect(await older.answer(id, { itemId: 'p2', value: 'D', seq: 2 })).toEqual({
      ok: false,
      code: 'ITEM_NOT_IN_SECTION',
    });
    expect((await older.readAttempt(id))?.answers['p1']?.value).toBe('D');
  });

  it('answers an attempt it has read without reading its form again', async () => {
    const id = await prepared();
    await store.startSection(id, 'potensi');
    const reader = new ExamStore(redis, { prefix, shards: 4 });
    expect(await reader.readAttempt(id)).not.toBeNull();
    // Were the form read again now, the attempt would look prepared before forms (and refuse p1).
    await redis.hdel(store.keys.attempt(id), 'ik');
    expect(await reader.answer(id, { itemId: 'p1', value: 'E', seq: 1 })).toMatchObject({ ok: true });
    expect(await reader.answer(id, { itemId: 'p1', value: 'Z', seq: 2 })).toEqual({
      ok: false,
      code: 'INVALID_VALUE',
    });
  });
});

describe('reading an attempt', () => {
  it('gives every section its item and option order, also when the record is copied or serialised', async () => {
    const id = await prepared();
    const record = await store.readAttempt(id);
    const expected = [{ itemId: 'p1', optionOrder: ['C', 'A', 'E', 'B', 'D'] }, { itemId: 'p2' }];
    expect(record?.sections[0]?.order).toEqual(expected);
    expect({ ...record?.sections[0] }.order).toEqual(expected);
    const copied = JSON.parse(JSON.stringify(record)) as typeof record;
    expect(copied?.sections[0]?.order).toEqual(expected);
    expect(copied?.sections[1]?.order).toEqual([{ itemId: 'l1' }]);
  });

  it('keeps each order against the shared form, and another process reads it back from there', async () => {
    const items = Array.from({ length: 60 }, () => ({
      itemId: randomUUID(),
      allowed: ['A', 'B', 'C', 'D', 'E'],
      optionOrder: ['D', 'B', 'E', 'A', 'C'],
    }));
    const base = attemptInput();
    const potensi = { ...(base.sections[0] as PreparedSection), items };
    const id = await prepared({ sections: [potensi, base.sections[1] as PreparedSection] });
    const expected = items.map(({ itemId, optionOrder }) => ({ itemId, optionOrder }));
    const stored = (await redis.hget(store.keys.attempt(id), 'o:potensi')) ?? '';
    expect(stored.length * 10).toBeLessThan(JSON.stringify(expected).length);

    const other = new ExamStore(redis, { prefix, shards: 4 });
    expect((await other.readAttempt(id))?.sections[0]?.order).toEqual(expected);
    const another = new ExamStore(redis, { prefix, shards: 4 });
    expect(await another.startSection(id, 'potensi')).toMatchObject({ ok: true, order: expected });
    expect(await another.startSection(id, 'potensi')).toMatchObject({ ok: true, order: expected });
  });

  it('keeps as ids the order of a section whose item the form files under another section', async () => {
    const base = attemptInput();
    const [potensi, inventory] = base.sections as [PreparedSection, PreparedSection];
    const twice = { ...inventory, items: [...inventory.items, potensi.items[0]!] };
    const id = await prepared({ sections: [potensi, twice] });
    const stored = await redis.hget(store.keys.attempt(id), 'o:potensi');
    expect(stored?.startsWith('[')).toBe(true);
    const other = new ExamStore(redis, { prefix, shards: 4 });
    const record = await other.readAttempt(id);
    expect(record?.sections[0]?.order).toEqual([
      { itemId: 'p1', optionOrder: ['C', 'A', 'E', 'B', 'D'] },
      { itemId: 'p2' },
    ]);
    expect(record?.sections[1]?.order).toEqual([
      { itemId: 'l1' },
      { itemId: 'p1', optionOrder: ['C', 'A', 'E', 'B', 'D'] },
    ]);
  });
});

describe('answers', () => {
  it('stores an answer with its stream entry and acknowledges a resend as a duplicate without a second entry', async () => {
    const id = await prepared();
    await store.startSection(id, 'potensi');
    expect(await store.answer(id, { itemId: 'p1', value: 'B', seq: 1 })).toMatchObject({
      ok: true,
      duplicate: false,
    });
    expect(await store.answer(id, { itemId: 'p1', value: 'B', seq: 1 })).toMatchObject({
      ok: true,
      duplicate: true,
    });
    const record = await store.readAttempt(id);
    expect(record?.answers['p1']).toEqual({ value: 'B', seq: 1, doubtful: false });
    const answers = (await streamEntries(id)).filter((e) => e.kind === 'answer');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ itemId: 'p1', seq: 1, value: 'B', doubtful: false });
  });

  it('refuses an older or conflicting sequence and keeps the newer answer', async () => {
    const id = await prepared();
    await store.startSection(id, 'potensi');
    await store.answer(id, { itemId: 'p1', value: 'A', seq: 5 });
    expect(await store.answer(id, { itemId: 'p1', value: 'C', seq: 4 })).toEqual({
      ok: false,
      code: 'STALE_SEQUENCE',
    });
    expect(await store.answer(id, { itemId: 'p1', value: 'C', seq: 5 })).toEqual({
      ok: false,
      code: 'STALE_SEQUENCE',
    });
    expect((await store.readAttempt(id))?.answers['p1']?.value).toBe('A');
  });

  it('refuses an answer to an unknown attempt, and to a finished one whatever the item', async () => {
    expect(await store.answer(randomUUID(), { itemId: 'p1', value: 'A', seq: 1 })).toEqual({
      ok: false,
      code: 'NOT_FOUND',
    });
    const id = await prepared();
    await store.startSection(id, 'potensi');
    expect((await store.finishAttempt(id, 'finished', 'finished')).ok).toBe(true);
    for (const itemId of ['p1', 'zz']) {
      expect(await store.answer(id, { itemId, value: 'A', seq: 1 })).toEqual({
        ok: false,
        code: 'ATTEMPT_FINISHED',
      });
    }
    expect((await streamEntries(id)).filter((e) => e.kind === 'answer')).toHaveLength(0);
  });

  it('refuses items of other sections, values outside the item, and answers before the section starts', async () => {
    const id = await prepared();
    expect(await store.answer(id, { itemId: 'p1', value: 'A', seq: 1 })).toEqual({
      ok: false,
      code: 'SECTION_NOT_STARTED',
    });
    await store.startSection(id, 'potensi');
    expect(await store.answer(id, { itemId: 'l1', value: 3, seq: 1 })).toEqual({
      ok: false,
      code: 'SECTION_NOT_STARTED',
    });
    expect(await store.answer(id, { itemId: 'zz', value: 'A', seq: 1 })).toEqual({
      ok: false,
      code: 'ITEM_NOT_IN_SECTION',
    });
    expect(await store.answer(id, { itemId: 'p1', value: 'F', seq: 1 })).toEqual({
      ok: false,
      code: 'INVALID_VALUE',
    });
    expect(await store.answer(id, { itemId: 'p1', value: 1, seq: 1 })).toEqual({
      ok: false,
      code: 'INVALID_VALUE',
    });
    expect(await store.answer(id, { itemId: 'p1', value: null, seq: 1 })).toMatchObject({ ok: true });
    expect((await streamEntries(id)).filter((e) => e.kind === 'answer')).toHaveLength(1);
  });

  it('keeps the answer when the item is flagged ragu-ragu and logs the full item state', async () => {
    const id = await prepared();
    await store.startSection(id, 'potensi');
    await store.answer(id, { itemId: 'p2', value: 'D', seq: 1 });
    expect(await store.flag(id, { itemId: 'p2', doubtful: true, seq: 2 })).toMatchObject({
      ok: true,
      duplicate: false,
    });
    expect(await store.flag(id, { itemId: 'p2', doubtful: true, seq: 2 })).toMatchObject({
      ok: true,
      duplicate: true,
    });
    expect((await store.readAttempt(id))?.answers['p2']).toEqual({ value: 'D', seq: 2, doubtful: true });
    const flags = (await streamEntries(id)).filter((e) => e.kind === 'flag');
    expect(flags).toEqual([expect.objectContaining({ itemId: 'p2', seq: 2, value: 'D', doubtful: true })]);
  });

  it('reads a seat as the whole attempt would show it, counting answers but not a ragu-ragu flag alone', async () => {
    const id = await prepared();
    expect(await store.readSeat(id)).toEqual(seatOf((await store.readAttempt(id))!));
    await store.startSection(id, 'potensi');
    await store.answer(id, { itemId: 'p1', value: 'B', seq: 1 });
    await store.flag(id, { itemId: 'p2', doubtful: true, seq: 2 });
    let seat = await store.readSeat(id);
    expect(seat).toEqual(seatOf((await store.readAttempt(id))!));
    expect(seat).toMatchObject({ answered: 1, status: 'in_progress', currentSection: 'potensi' });
    expect(seat?.sections.map((s) => [s.key, s.status, s.itemCount])).toEqual([
      ['potensi', 'open', 2],
      ['inventory', 'pending', 1],
    ]);
    // A resend, a changed answer and a flag on an answered item leave the count as it is.
    await store.answer(id, { itemId: 'p1', value: 'B', seq: 1 });
    await store.answer(id, { itemId: 'p1', value: 'C', seq: 3 });
    await store.flag(id, { itemId: 'p1', doubtful: true, seq: 4 });
    expect((await store.readSeat(id))?.answered).toBe(1);
    // Clearing an answer takes it off the count.
    await store.answer(id, { itemId: 'p1', value: null, seq: 5 });
    seat = await store.readSeat(id);
    expect(seat?.answered).toBe(0);
    expect(seat).toEqual(seatOf((await store.readAttempt(id))!));
    expect(await store.readSeat(randomUUID())).toBeNull();
  });

  it("acknowledges each new change with the attempt's answered count and time, as a seat read would show them", async () => {
    const id = await prepared();
    await store.startSection(id, 'potensi');
    const written = [
      await store.answer(id, { itemId: 'p1', value: 'B', seq: 1 }),
      await store.flag(id, { itemId: 'p2', doubtful: true, seq: 2 }),
      await store.answer(id, { itemId: 'p2', value: 'A', seq: 3 }),
      await store.answer(id, { itemId: 'p1', value: 'C', seq: 4 }),
      await store.answer(id, { itemId: 'p1', value: null, seq: 5 }),
    ];
    expect(written.map((w) => (w.ok ? w.answered : w.code))).toEqual([1, 1, 2, 2, 1]);
    const last = written.at(-1);
    expect(last?.ok && last.at).toBe((await store.readSeat(id))?.lastSeen);
    // A resend changes nothing, so it carries no count.
    expect(await store.answer(id, { itemId: 'p1', value: null, seq: 5 })).toMatchObject({
      ok: true,
      duplicate: true,
      answered: null,
    });
  });

  it('counts the answers of an attempt prepared before the count was kept', async () => {
    const id = await prepared();
    await store.startSection(id, 'potensi');
    await store.answer(id, { itemId: 'p1', value: 'B', seq: 1 });
    await redis.hdel(store.keys.attempt(id), '#answered');
    expect((await store.readSeat(id))?.answered).toBe(1);
    // Without a count the acknowledgement has none to give: the seat is read instead.
    expect(await store.answer(id, { itemId: 'p2', value: 'A', seq: 2 })).toMatchObject({
      ok: true,
      duplicate: false,
      answered: null,
    });
    const seat = await store.readSeat(id);
    expect(seat?.answered).toBe(2);
    expect(seat).toEqual(seatOf((await store.readAttempt(id))!));
  });

  it('rejects an answer after the section deadline and does not store it', async () => {
    const id = await prepared({
      sections: [
        {
          key: 'potensi',
          title: 'P',
          kind: 'potensi',
          instructions: '',
          timeLimitMs: 30,
          items: [{ itemId: 'p1', allowed: ['A'] }],
        },
      ],
    });
    await store.startSection(id, 'potensi');
    await sleep(60);
    expect(await store.answer(id, { itemId: 'p1', value: 'A', seq: 1 })).toEqual({
      ok: false,
      code: 'SECTION_CLOSED',
    });
    expect((await store.readAttempt(id))?.answers).toEqual({});
    expect((await streamEntries(id)).filter((e) => e.kind === 'answer')).toHaveLength(0);
  });
});

describe('sections and attempts', () => {
  it('opens sections in order only, one at a time, and closes the attempt with the last section', async () => {
    const id = await prepared();
    expect(await store.startSection(id, 'inventory')).toEqual({ ok: false, code: 'SECTION_OUT_OF_ORDER' });
    const started = await store.startSection(id, 'potensi');
    // what the participant takes the section with comes in the same reply, opened now or again
    const taken = {
      batteryId: 'bat-1',
      order: (await store.readAttempt(id))?.sections.find((s) => s.key === 'potensi')?.order,
    };
    expect(taken.order?.[0]).toEqual({ itemId: 'p1', optionOrder: ['C', 'A', 'E', 'B', 'D'] });
    expect(started).toMatchObject({ ok: true, started: true, ...taken });
    expect(await store.startSection(id, 'potensi')).toMatchObject({ ok: true, started: false, ...taken });
    expect(await store.finishSection(id, 'potensi')).toEqual({ ok: true, attemptClosed: false });
    expect(await store.answer(id, { itemId: 'p1', value: 'A', seq: 1 })).toEqual({
      ok: false,
      code: 'SECTION_CLOSED',
    });
    expect(await store.startSection(id, 'inventory')).toMatchObject({ ok: true });
    expect(await store.finishSection(id, 'inventory')).toEqual({ ok: true, attemptClosed: true });
    const record = await store.readAttempt(id);
    expect(record?.status).toBe('finished');
    const kinds = (await streamEntries(id)).map((e) => e.kind);
    expect(kinds).toEqual([
      'attempt_started',
      'section_started',
      'section_closed',
      'section_started',
      'section_closed',
      'attempt_closed',
    ]);
  });

  it('finishing an attempt twice writes one attempt_closed entry', async () => {
    const id = await prepared();
    await store.startSection(id, 'potensi');
    expect(await store.finishAttempt(id, 'force_finished', 'proctor')).toEqual({
      ok: true,
      status: 'force_finished',
      changed: true,
    });
    expect(await store.finishAttempt(id, 'finished', 'finished')).toEqual({
      ok: true,
      status: 'force_finished',
      changed: false,
    });
    const closed = (await streamEntries(id)).filter((e) => e.kind === 'attempt_closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]?.extra).toEqual({ status: 'force_finished', reason: 'proctor' });
  });
});

describe('deadline sweep', () => {
  it('closes an abandoned section and, with the last one, the attempt — once, even with two sweepers', async () => {
    const id = await prepared({
      sections: [
        {
          key: 'potensi',
          title: 'P',
          kind: 'potensi',
          instructions: '',
          timeLimitMs: 20,
          items: [{ itemId: 'p1', allowed: ['A'] }],
        },
      ],
    });
    await store.startSection(id, 'potensi');
    await sleep(50);
    const shard = store.keys.shardOf(id);
    const [first, second] = await Promise.all([store.claimDue(shard), store.claimDue(shard)]);
    expect([...(first ?? []), ...(second ?? [])].filter((x) => x === id)).toHaveLength(1);
    expect(await store.closeDue(id)).toEqual({ kind: 'attempt', sectionKey: 'potensi' });
    expect(await store.closeDue(id)).toEqual({ kind: 'none' });
    const record = await store.readAttempt(id);
    expect(record?.status).toBe('timed_out');
    expect((await streamEntries(id)).filter((e) => e.kind === 'attempt_closed')).toHaveLength(1);
    expect(await redis.zscore(store.keys.dueOf(id), id)).toBeNull();
  });

  it('closes the attempt at its end even in the middle of a section', async () => {
    const now = await store.serverTime();
    const id = await prepared({ endsAt: now + 40 });
    await store.startSection(id, 'potensi');
    await sleep(70);
    expect(await store.closeDue(id)).toEqual({ kind: 'attempt', sectionKey: 'potensi' });
    expect((await store.readAttempt(id))?.status).toBe('timed_out');
  });

  it('leaves attempts that never started alone, so an absent participant is not scored', async () => {
    const now = await store.serverTime();
    const id = await prepared({ endsAt: now - 1 });
    expect(await store.claimDue(store.keys.shardOf(id))).not.toContain(id);
    expect((await store.readAttempt(id))?.status).toBe('prepared');
  });
});

describe('pause, resume and extra time', () => {
  it('moves the open deadline by the paused time and refuses answers while paused', async () => {
    const id = await prepared({ sessionId: 'sess-pause' });
    const started = await store.startSection(id, 'potensi');
    if (!started.ok) throw new Error('start failed');
    const paused = await store.pauseSession('sess-pause');
    expect(paused.attemptIds).toContain(id);
    expect(await store.answer(id, { itemId: 'p1', value: 'A', seq: 1 })).toEqual({
      ok: false,
      code: 'ATTEMPT_PAUSED',
    });
    expect(await redis.zscore(store.keys.dueOf(id), id)).toBeNull();
    await sleep(30);
    const resumed = await store.resumeSession('sess-pause');
    const record = await store.readAttempt(id);
    const deadline = record?.sections[0]?.deadline ?? 0;
    expect(deadline - started.deadline).toBe(resumed.at - paused.at);
    expect(Number(await redis.zscore(store.keys.dueOf(id), id))).toBe(deadline);
    expect(await store.answer(id, { itemId: 'p1', value: 'A', seq: 1 })).toMatchObject({ ok: true });
  });

  it('adds extra time to the open section', async () => {
    const id = await prepared();
    expect(await store.extend(id, 60_000)).toEqual({ ok: false, code: 'SECTION_NOT_STARTED' });
    const started = await store.startSection(id, 'potensi');
    if (!started.ok) throw new Error('start failed');
    expect(await store.extend(id, 300_000)).toEqual({ ok: true, deadline: started.deadline + 300_000 });
  });
});

describe('device lock', () => {
  it('lets the same device back in, locks out another until unlocked', async () => {
    const id = await prepared();
    // The claim tells the attempt's status: a login needs no read of its own.
    expect(await store.claimDevice(id, 'dev-a')).toEqual({ ok: true, handover: false, status: 'prepared' });
    expect(await store.claimDevice(id, 'dev-a')).toEqual({ ok: true, handover: false, status: 'prepared' });
    expect(await store.claimDevice(id, 'dev-b')).toEqual({ ok: false, code: 'DEVICE_LOCKED' });
    await store.unlockDevice(id);
    // the first claim after an unlock takes the attempt over from the earlier device, once
    expect(await store.claimDevice(id, 'dev-b')).toEqual({ ok: true, handover: true, status: 'prepared' });
    expect((await store.startSection(id, 'potensi')).ok).toBe(true);
    expect(await store.claimDevice(id, 'dev-b')).toEqual({
      ok: true,
      handover: false,
      status: 'in_progress',
    });
    expect((await store.readAttempt(id))?.deviceId).toBe('dev-b');
    expect((await store.finishAttempt(id, 'finished', 'finished')).ok).toBe(true);
    expect(await store.claimDevice(id, 'dev-b')).toEqual({ ok: false, code: 'ATTEMPT_FINISHED' });
  });
});
