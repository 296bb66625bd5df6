// The participant views of a section travel once per browser over HTTP, not with every section on
// the socket: fetched from a versioned URL the browser may cache (immutable), kept here in memory,
// and put in this participant's item and option order by the domain's own function.
import { applyItemOrder, type ParticipantItem } from '@petakom/domain/items';
import { participantViewsPath, sectionViewsSchema, type SectionPayload } from '@petakom/protocol';

export class ViewsUnavailable extends Error {
  constructor(readonly status: number) {
    super(`section views unavailable (${status})`);
  }
}

export class SectionViewsLoader {
  /** Views by item id, per battery section and version: the same for every reload of the page. */
  private readonly memory = new Map<string, Map<string, ParticipantItem>>();

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  /** The section's items as this participant sees them; throws when the views cannot be had. */
  async items(section: SectionPayload, accessToken: string | undefined): Promise<ParticipantItem[]> {
    const { batteryId, version } = section.views;
    const key = `${batteryId}\u0000${section.key}\u0000${version}`;
    let views = this.memory.get(key);
    if (!views) {
      // The version in the URL makes it a new URL whenever the views change, so caching it for good is safe.
      const url = `${participantViewsPath(batteryId, section.key)}?v=${encodeURIComponent(version)}`;
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
        });
      } catch {
        throw new ViewsUnavailable(0);
      }
      if (!response.ok) throw new ViewsUnavailable(response.status);
      const parsed = sectionViewsSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new ViewsUnavailable(response.status);
      views = new Map(parsed.data.items.map((v) => [v.id, v as unknown as ParticipantItem]));
      this.memory.set(key, views);
    }
    return applyItemOrder(views, section.order);
  }
}

/** Wait before the next try of a failed fetch: doubling from half a second to 15 s, with jitter. */
export function viewsRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.5 + random() / 2));
}
