import { describe, expect, it } from 'vitest';
import { MAX_QUEUED_SIGNALS, SignalQueue, signalPayload } from './signal-queue.ts';

/** Web Storage over a Map: node has no localStorage. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

describe('signal queue', () => {
  it('keeps signals in the order they happened until each is removed', () => {
    const queue = new SignalQueue(memoryStorage(), 'att-1');
    queue.push('focus_lost', 1_000.4);
    queue.push('fullscreen_left', 2_000);
    queue.push('page_hidden', 3_000);
    expect(queue.pending().map((s) => [s.id, s.kind, s.at])).toEqual([
      [1, 'focus_lost', 1_000],
      [2, 'fullscreen_left', 2_000],
      [3, 'page_hidden', 3_000],
    ]);
    queue.remove(1);
    expect(queue.pending().map((s) => s.kind)).toEqual(['fullscreen_left', 'page_hidden']);
    // Ids keep growing, so a removed id never names a newer signal.
    expect(queue.push('focus_lost', 4_000).id).toBe(4);
  });

  it('survives a reload and keeps each attempt apart', () => {
    const storage = memoryStorage();
    new SignalQueue(storage, 'att-1').push('page_hidden', 5);
    expect(new SignalQueue(storage, 'att-1').pending()).toHaveLength(1);
    expect(new SignalQueue(storage, 'att-2').pending()).toEqual([]);
  });

  it('adds the hidden duration only to a signal still waiting, within the protocol bound', () => {
    const queue = new SignalQueue(memoryStorage(), 'att-1');
    const hidden = queue.push('page_hidden', 10);
    expect(queue.setDuration(hidden.id, 90_000.7)).toBe(true);
    expect(signalPayload(queue.pending()[0]!)).toEqual({ kind: 'page_hidden', at: 10, durationMs: 90_001 });
    expect(queue.setDuration(hidden.id, 3 * 86_400_000)).toBe(true);
    expect(queue.pending()[0]?.durationMs).toBe(86_400_000);
    queue.remove(hidden.id);
    expect(queue.setDuration(hidden.id, 5_000)).toBe(false);
    expect(signalPayload({ id: 9, kind: 'focus_lost', at: 3 })).toEqual({ kind: 'focus_lost', at: 3 });
  });

  it('keeps only the newest signals once the cap is reached', () => {
    const queue = new SignalQueue(memoryStorage(), 'att-1');
    for (let i = 0; i < MAX_QUEUED_SIGNALS + 5; i++) queue.push('focus_lost', i);
    const pending = queue.pending();
    expect(pending).toHaveLength(MAX_QUEUED_SIGNALS);
    expect(pending[0]?.at).toBe(5);
    expect(pending.at(-1)?.at).toBe(MAX_QUEUED_SIGNALS + 4);
  });

  it('treats a damaged stored queue as empty and can be cleared', () => {
    const storage = memoryStorage();
    storage.setItem('petakom.ujian.signals.att-1', '{not json');
    const queue = new SignalQueue(storage, 'att-1');
    expect(queue.pending()).toEqual([]);
    queue.push('focus_lost', 1);
    queue.clear();
    expect(storage.length).toBe(0);
  });
});
