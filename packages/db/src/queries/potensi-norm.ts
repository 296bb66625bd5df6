// The potensi norm a result version is read against, shared by the staff result view and the
// individual report: a published version keeps the norm pinned at its publication (migration
// 0007), so its standard score never moves; an unpublished one reads the campaign's latest norm.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export interface PotensiNorm {
  id: string;
  version: number;
  mean: number;
  sd: number;
  size: number;
  computedAt: Date;
}

export interface NormForResult {
  /** null: the campaign had no norm (yet, or when the result was published). */
  norm: PotensiNorm | null;
  /** True when the norm is the one pinned by the result's live publication. */
  pinned: boolean;
}

export async function potensiNormForResult(
  db: Kysely<Database>,
  resultId: string,
  campaignId: string,
): Promise<NormForResult> {
  const norms = db
    .selectFrom('campaign_norms')
    .select(['id', 'version', 'mean', 'sd', 'size', 'computed_at']);
  const publication = await db
    .selectFrom('publications')
    .select('norm_id')
    .where('result_id', '=', resultId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  const row = publication
    ? publication.norm_id === null
      ? undefined
      : await norms.where('id', '=', publication.norm_id).executeTakeFirst()
    : await norms
        .where('campaign_id', '=', campaignId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
  return {
    pinned: publication !== undefined,
    norm: row
      ? {
          id: row.id,
          version: row.version,
          mean: Number(row.mean),
          sd: Number(row.sd),
          size: row.size,
          computedAt: row.computed_at,
        }
      : null,
  };
}
