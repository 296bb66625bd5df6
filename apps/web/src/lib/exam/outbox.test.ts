import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from './outbox.ts';

let outbox: Outbox;
let dbName = 0;

beforeEach(async () => {
  outbox = await Outbox.open(`outbox-test-${++dbName}`);
});
afterEach(() => outbox.close());

describe('answer outbox', () => {
  it('resends pending answers and flags in the order they were made', async () => {
    await outbox.put({ attemptId: 'a', kind: 'flag', itemId: 'q2', seq: 3, doubtful: true, at: 0 });
    await outbox.put({ attemptId: 'a', kind: 'answer', itemId: 'q1', seq: 1, value: 'B', at: 0 });
    await outbox.put({ attemptId: 'a', kind: 'answer', itemId: 'q2', seq: 2, value: 4, at: 0 });
    await outbox.put({ attemptId: 'other', kind: 'answer', itemId: 'q1', seq: 9, value: 'C', at: 0 });
    const pending = await outbox.pending('a');
    expect(pending.map((e) => [e.kind, e.itemId, e.seq])).toEqual([
      ['answer', 'q1', 1],
      ['answer', 'q2', 2],
      ['flag', 'q2', 3],
    ]);
  });

  it('keeps only the latest answer of an item', async () => {
    await outbox.put({ attemptId: 'a', kind: 'answer', itemId: 'q1', seq: 4, value: 'B', at: 0 });
    await outbox.put({ attemptId: 'a', kind: 'answer', itemId: 'q1', seq: 2, value: 'A', at: 0 });
    await outbox.put({ attemptId: 'a', kind: 'answer', itemId: 'q1', seq: 5, value: 'D', at: 0 });
    expect(await outbox.pending('a')).toMatchObject([{ itemId: 'q1', seq: 5, value: 'D' }]);
  });

  it('does not drop a newer answer when an older one is acknowledged late', async () => {
    await outbox.put({ attemptId: 'a', kind: 'answer', itemId: 'q1', seq: 1, value: 'A', at: 0 });
    await outbox.put({ attemptId: 'a', kind: 'answer', itemId: 'q1', seq: 2, value: 'E', at: 0 });
    await outbox.ack('a', 'answer', 'q1', 1);
    expect(await outbox.pending('a')).toMatchObject([{ seq: 2, value: 'E' }]);
    await outbox.ack('a', 'answer', 'q1', 2);
    expect(await outbox.pending('a')).toEqual([]);
  });

  it('keeps sequence numbers growing across reopening and above what the server holds', async () => {
    expect(await outbox.nextSeq('a')).toBe(1);
    expect(await outbox.nextSeq('a')).toBe(2);
    outbox.close();
    outbox = await Outbox.open(`outbox-test-${dbName}`);
    expect(await outbox.nextSeq('a')).toBe(3);
    expect(await outbox.nextSeq('a', 40)).toBe(41);
    expect(await outbox.nextSeq('b')).toBe(1);
  });

  it('forgets an attempt once it is over', async () => {
    await outbox.put({ attemptId: 'a', kind: 'answer', itemId: 'q1', seq: 1, value: 'A', at: 0 });
    await outbox.nextSeq('a');
    await outbox.clear('a');
    expect(await outbox.pending('a')).toEqual([]);
    expect(await outbox.nextSeq('a')).toBe(1);
  });
});
