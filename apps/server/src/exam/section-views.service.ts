// The participant views of a battery section, serialised and gzip-compressed once per process and
// then served from memory to every participant of the battery: the socket carries only each
// participant's order, so the views (SVG figures included) no longer cost a JSON.stringify per login.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback, constants as zlib } from 'node:zlib';
import type { SectionViews } from '@petakom/protocol';
import type { ServerContext } from '../context.ts';

const gzip = promisify(gzipCallback);

export interface BuiltSectionViews {
  /** Names the content: the same views give the same version in every process. */
  version: string;
  /** Strong ETags, one per representation (RFC 9110: a content coding is another representation). */
  etag: string;
  gzipEtag: string;
  body: Buffer;
  gzipped: Buffer;
}

export class SectionViewsService {
  /**
   * One build per (battery, section), kept for the life of the process: participant views never
   * change for an item version. Concurrent first requests share the one promise.
   */
  private readonly built = new Map<string, Promise<BuiltSectionViews>>();

  constructor(private readonly ctx: ServerContext) {}

  /**
   * The views of a battery section. `itemIds` is asked only when the section is not built yet: the
   * ids of the section in any attempt of the battery (every attempt holds the same items, in its own
   * order). Rejects with a `SectionNotFound` when it resolves to null.
   */
  get(
    batteryId: string,
    sectionKey: string,
    itemIds: () => Promise<readonly string[] | null>,
  ): Promise<BuiltSectionViews> {
    const key = `${batteryId}\u0000${sectionKey}`;
    let entry = this.built.get(key);
    if (!entry) {
      entry = this.build(batteryId, sectionKey, itemIds);
      this.built.set(key, entry);
      // A failed build (Redis away, an unknown section) is not kept: the next request tries again.
      entry.catch(() => this.built.delete(key));
    }
    return entry;
  }

  private async build(
    batteryId: string,
    sectionKey: string,
    itemIds: () => Promise<readonly string[] | null>,
  ): Promise<BuiltSectionViews> {
    const listed = await itemIds();
    if (listed === null) throw new SectionNotFound(sectionKey);
    // Canonical order, by item id: every process builds the same bytes, hence the same version.
    const ids = [...new Set(listed)].sort();
    const loaded = ids.length > 0 ? await this.ctx.store.getViews(batteryId, ids) : [];
    const items = loaded.map((view, i) => {
      if (view === null || view === undefined) throw new Error(`no participant view for item ${ids[i]}`);
      return view as SectionViews['items'][number];
    });
    const version = createHash('sha256').update(JSON.stringify(items)).digest('base64url').slice(0, 32);
    const views: SectionViews = { batteryId, sectionKey, version, items };
    const body = Buffer.from(JSON.stringify(views));
    const gzipped = await gzip(body, { level: zlib.Z_BEST_COMPRESSION });
    return { version, etag: `"${version}"`, gzipEtag: `"${version}-gzip"`, body, gzipped };
  }
}

export class SectionNotFound extends Error {
  constructor(sectionKey: string) {
    super(`no section ${sectionKey}`);
  }
}
