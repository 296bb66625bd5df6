// The answer outbox: every answer and ragu-ragu flag waits here (IndexedDB) until the server
// acknowledges it, so a cut cable, a reload or a browser crash loses nothing. Also hands out the
// client sequence numbers, which must keep growing across reloads.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AnswerValue } from '@petakom/protocol';

export type OutboxKind = 'answer' | 'flag';

export interface OutboxEntry {
  attemptId: string;
  kind: OutboxKind;
  itemId: string;
  seq: number;
  /** For `answer`. */
  value?: AnswerValue;
  /** For `flag`. */
  doubtful?: boolean;
  /** Client ms when the participant acted; for display only. */
  at: number;
}

interface OutboxDb extends DBSchema {
  entries: { key: [string, OutboxKind, string]; value: OutboxEntry; indexes: { byAttempt: string } };
  counters: { key: string; value: { attemptId: string; lastSeq: number } };
}

const DB_VERSION = 1;

export class Outbox {
  private constructor(private readonly db: IDBPDatabase<OutboxDb>) {}

  static async open(name = 'petakom-ujian'): Promise<Outbox> {
    const db = await openDB<OutboxDb>(name, DB_VERSION, {
      upgrade(database) {
        const entries = database.createObjectStore('entries', { keyPath: ['attemptId', 'kind', 'itemId'] });
        entries.createIndex('byAttempt', 'attemptId');
        database.createObjectStore('counters', { keyPath: 'attemptId' });
      },
    });
    return new Outbox(db);
  }

  /**
   * The next sequence number of the attempt. `floor` is the highest seq the server reports, so a
   * browser whose storage was wiped still moves forward instead of being refused as stale.
   */
  async nextSeq(attemptId: string, floor = 0): Promise<number> {
    const tx = this.db.transaction('counters', 'readwrite');
    const current = (await tx.store.get(attemptId))?.lastSeq ?? 0;
    const lastSeq = Math.max(current, floor) + 1;
    await tx.store.put({ attemptId, lastSeq });
    await tx.done;
    return lastSeq;
  }

  /** Stores an entry, replacing an older one of the same item and kind: only the latest matters. */
  async put(entry: OutboxEntry): Promise<void> {
    const tx = this.db.transaction('entries', 'readwrite');
    const existing = await tx.store.get([entry.attemptId, entry.kind, entry.itemId]);
    if (!existing || existing.seq < entry.seq) await tx.store.put(entry);
    await tx.done;
  }

  /** Removes an entry once the server acknowledged it, unless a newer one replaced it meanwhile. */
  async ack(attemptId: string, kind: OutboxKind, itemId: string, seq: number): Promise<void> {
    const tx = this.db.transaction('entries', 'readwrite');
    const existing = await tx.store.get([attemptId, kind, itemId]);
    if (existing && existing.seq <= seq) await tx.store.delete([attemptId, kind, itemId]);
    await tx.done;
  }

  /** Unacknowledged entries in the order they were made: the server refuses a seq older than one it holds. */
  async pending(attemptId: string): Promise<OutboxEntry[]> {
    const entries = await this.db.getAllFromIndex('entries', 'byAttempt', attemptId);
    return entries.sort((a, b) => a.seq - b.seq);
  }

  async clear(attemptId: string): Promise<void> {
    const tx = this.db.transaction(['entries', 'counters'], 'readwrite');
    const entries = tx.objectStore('entries');
    for (const key of await entries.index('byAttempt').getAllKeys(attemptId)) await entries.delete(key);
    await tx.objectStore('counters').delete(attemptId);
    await tx.done;
  }

  close(): void {
    this.db.close();
  }
}
