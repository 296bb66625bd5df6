// The only I/O of item banks: banks, items and their versions (a new version is a new row; the item's
// current_version moves). An item version's id is the item id the battery and the form use.
import { randomUUID } from 'node:crypto';
import type { Database, JsonObject } from '@petakom/db';
import { itemSchema, type Item } from '@petakom/domain';
import type { Kysely } from 'kysely';

export interface StoredItem {
  itemId: string;
  versionId: string;
  version: number;
  code: string | null;
  item: Item;
}

function meta(item: Item) {
  return item.type === 'single_choice'
    ? { type: item.type, subtest: item.subtest, competency_code: null }
    : { type: item.type, subtest: null, competency_code: item.competency };
}

export class ItemBankRepository {
  constructor(readonly db: Kysely<Database>) {}

  findBank(agencyId: string, bankId: string) {
    return this.db
      .selectFrom('item_banks')
      .select(['id', 'name', 'description'])
      .where('id', '=', bankId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
  }

  /** Inserts new items (version 1) in the caller's transaction. */
  async insertItems(
    executor: Kysely<Database>,
    bankId: string,
    entries: readonly { code: string | null; item: Item }[],
    createdBy: string,
  ): Promise<StoredItem[]> {
    const out: StoredItem[] = [];
    // one millisecond apart, so a bank lists (and exports) its items in the order they came in
    const base = Date.now();
    for (const [index, entry] of entries.entries()) {
      const versionId = randomUUID();
      const item = { ...entry.item, id: versionId } as Item;
      const row = await executor
        .insertInto('items')
        .values({ item_bank_id: bankId, code: entry.code, ...meta(item), created_at: new Date(base + index) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await executor
        .insertInto('item_versions')
        .values({
          id: versionId,
          item_id: row.id,
          version: 1,
          content: JSON.stringify(item),
          created_by: createdBy,
        })
        .execute();
      out.push({ itemId: row.id, versionId, version: 1, code: entry.code, item });
    }
    return out;
  }

  async addVersion(
    executor: Kysely<Database>,
    itemId: string,
    next: Item,
    createdBy: string,
  ): Promise<StoredItem> {
    const current = await executor
      .selectFrom('items')
      .select(['current_version', 'code', 'type'])
      .where('id', '=', itemId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const version = current.current_version + 1;
    const versionId = randomUUID();
    const item = { ...next, id: versionId } as Item;
    await executor
      .insertInto('item_versions')
      .values({
        id: versionId,
        item_id: itemId,
        version,
        content: JSON.stringify(item),
        created_by: createdBy,
      })
      .execute();
    await executor
      .updateTable('items')
      .set({ current_version: version, ...meta(item) })
      .where('id', '=', itemId)
      .execute();
    return { itemId, versionId, version, code: current.code, item };
  }

  /** Current versions of a bank's live items. */
  async currentItems(bankId: string): Promise<StoredItem[]> {
    const rows = await this.db
      .selectFrom('items')
      .innerJoin('item_versions', (j) =>
        j
          .onRef('item_versions.item_id', '=', 'items.id')
          .onRef('item_versions.version', '=', 'items.current_version'),
      )
      .select([
        'items.id as item_id',
        'items.code',
        'item_versions.id as version_id',
        'item_versions.version',
        'item_versions.content',
      ])
      .where('items.item_bank_id', '=', bankId)
      .where('items.retired_at', 'is', null)
      .orderBy('items.created_at')
      .orderBy('items.id')
      .execute();
    return rows.map((r) => toStored(r.item_id, r.version_id, r.version, r.code, r.content));
  }

  /** Any versions by version id (a battery may pin older ones), limited to an agency's banks. */
  async versionsById(agencyId: string, versionIds: readonly string[]): Promise<Map<string, StoredItem>> {
    const out = new Map<string, StoredItem>();
    if (versionIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('item_versions')
      .innerJoin('items', 'items.id', 'item_versions.item_id')
      .innerJoin('item_banks', 'item_banks.id', 'items.item_bank_id')
      .select([
        'items.id as item_id',
        'items.code',
        'item_versions.id as version_id',
        'item_versions.version',
        'item_versions.content',
      ])
      .where('item_versions.id', 'in', versionIds)
      .where('item_banks.agency_id', '=', agencyId)
      .execute();
    for (const r of rows)
      out.set(r.version_id, toStored(r.item_id, r.version_id, r.version, r.code, r.content));
    return out;
  }

  async versionsOfItem(agencyId: string, itemId: string): Promise<StoredItem[]> {
    const rows = await this.db
      .selectFrom('item_versions')
      .innerJoin('items', 'items.id', 'item_versions.item_id')
      .innerJoin('item_banks', 'item_banks.id', 'items.item_bank_id')
      .select([
        'items.id as item_id',
        'items.code',
        'item_versions.id as version_id',
        'item_versions.version',
        'item_versions.content',
      ])
      .where('items.id', '=', itemId)
      .where('item_banks.agency_id', '=', agencyId)
      .orderBy('item_versions.version')
      .execute();
    return rows.map((r) => toStored(r.item_id, r.version_id, r.version, r.code, r.content));
  }
}

function toStored(
  itemId: string,
  versionId: string,
  version: number,
  code: string | null,
  content: JsonObject,
): StoredItem {
  return { itemId, versionId, version, code, item: itemSchema.parse(content) };
}
