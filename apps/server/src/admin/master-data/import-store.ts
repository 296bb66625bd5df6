// Dry runs waiting to be applied: the checked rows and their report, kept in Redis for a while under
// an import id. Applying reads them back, so what is applied is exactly what was reviewed.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export const IMPORT_TTL_SEC = 2 * 3600;

export interface StoredImport<T> {
  id: string;
  kind: string;
  agencyId: string;
  createdBy: string;
  filename: string;
  /** The checked entries, applied as they are. */
  entries: T[];
  problems: { line: number; code: string; message: string; field?: string }[];
  totalRows: number;
  appliedAt: string | null;
  /** Anything the apply step needs (e.g. the item bank id). */
  meta: Record<string, string>;
}

export class ImportStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(id: string): string {
    return `${this.prefix}admin-import:${id}`;
  }

  async save<T>(input: Omit<StoredImport<T>, 'id' | 'appliedAt'>): Promise<StoredImport<T>> {
    const stored: StoredImport<T> = { ...input, id: randomUUID(), appliedAt: null };
    await this.redis.set(this.key(stored.id), JSON.stringify(stored), 'EX', IMPORT_TTL_SEC);
    return stored;
  }

  async load<T>(id: string): Promise<StoredImport<T> | null> {
    const raw = await this.redis.get(this.key(id));
    return raw === null ? null : (JSON.parse(raw) as StoredImport<T>);
  }

  /** Marks an import applied; false when another request applied it first. */
  async markApplied(id: string): Promise<boolean> {
    const won = await this.redis.set(
      `${this.key(id)}:applied`,
      new Date().toISOString(),
      'EX',
      IMPORT_TTL_SEC,
      'NX',
    );
    return won === 'OK';
  }

  async appliedAt(id: string): Promise<string | null> {
    return this.redis.get(`${this.key(id)}:applied`);
  }

  async clearApplied(id: string): Promise<void> {
    await this.redis.del(`${this.key(id)}:applied`);
  }
}
