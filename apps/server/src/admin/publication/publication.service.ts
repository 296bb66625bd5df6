// Approve and publish: one transaction writes the publications and the audit entry together (and
// retires any older live version of the same person's result); reviews are assessors' second
// opinions on a result; a participant reads only their own result, and only once published.
import type { Database, ResultCategory } from '@petakom/db';
import { defaultCompetencyDictionary } from '@petakom/domain';
import { PEMETAAN_CATEGORY_NAMES, PENGISIAN_CATEGORY_NAMES, type ParticipantResult } from '@petakom/protocol';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../audit/audit.ts';
import { ApiFailure } from '../../staff/api-failure.ts';
import type { StaffPrincipal } from '../../staff/roles.ts';
import type { CampaignRow } from '../campaigns/campaign-access.ts';
import { CampaignResultsRepository } from './campaign-results.repository.ts';

export function validUntil(publishedAt: Date, validityYears: number): Date {
  const d = new Date(publishedAt);
  d.setUTCFullYear(d.getUTCFullYear() + validityYears);
  return d;
}

export interface PublishedEvent {
  campaignId: string;
  published: number;
  publishedAt: Date;
}

export class PublicationService {
  private readonly results: CampaignResultsRepository;

  constructor(
    private readonly db: Kysely<Database>,
    /** Called after the commit (webhooks); a failure here never undoes a publication. */
    private readonly onPublished: (event: PublishedEvent) => Promise<void>,
  ) {
    this.results = new CampaignResultsRepository(db);
  }

  async publish(
    staff: StaffPrincipal,
    campaign: CampaignRow,
    input: { resultIds?: string[] | undefined; reason: string; note?: string | undefined },
    ip: string | null,
  ) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      // one publication at a time per campaign
      await trx.selectFrom('campaigns').select('id').where('id', '=', campaign.id).forUpdate().execute();
      const roster = await new CampaignResultsRepository(trx).roster(campaign.id);
      const current = roster.filter((r) => r.resultId !== null);
      let chosen = current.filter((r) => r.publishedAt === null);
      if (input.resultIds !== undefined) {
        const wanted = new Set(input.resultIds);
        const known = new Set(current.map((r) => r.resultId));
        const stale = input.resultIds.filter((id) => !known.has(id));
        if (stale.length > 0) {
          throw new ApiFailure(
            'VALIDATION',
            'Sebagian hasil bukan versi terkini kampanye ini; muat ulang tabel hasil.',
            { resultIds: stale },
            409,
          );
        }
        chosen = chosen.filter((r) => wanted.has(r.resultId ?? ''));
      }
      const ids = chosen.map((r) => r.resultId ?? '');
      const publishedAt = new Date();
      if (ids.length > 0) {
        // an older version of the same attempt that is still live is superseded
        const superseded = await trx
          .selectFrom('publications as pub')
          .innerJoin('results as old', 'old.id', 'pub.result_id')
          .innerJoin('results as cur', 'cur.attempt_id', 'old.attempt_id')
          .select('pub.id')
          .where('pub.withdrawn_at', 'is', null)
          .where('cur.id', 'in', ids)
          .where('old.id', 'not in', ids)
          .execute();
        if (superseded.length > 0) {
          await trx
            .updateTable('publications')
            .set({
              withdrawn_at: publishedAt,
              withdrawn_by: staff.id,
              withdraw_reason: 'digantikan versi hasil yang lebih baru',
            })
            .where(
              'id',
              'in',
              superseded.map((s) => s.id),
            )
            .execute();
        }
        for (let i = 0; i < ids.length; i += 1000) {
          await trx
            .insertInto('publications')
            .values(
              ids.slice(i, i + 1000).map((resultId) => ({
                campaign_id: campaign.id,
                result_id: resultId,
                published_at: publishedAt,
                published_by: staff.id,
                note: input.note ?? null,
              })),
            )
            .execute();
        }
      }
      const belumDipetakan = roster.length - current.length;
      await recordAudit(trx, {
        actor: staff,
        action: 'results.approve_publish',
        targetType: 'campaign',
        targetId: campaign.id,
        reason: input.reason,
        detail: {
          published: ids.length,
          belumDipetakan,
          validityYears: campaign.validity_years,
          resultIds: ids.length <= 100 ? ids : ids.slice(0, 100),
        },
        ip,
      });
      return { published: ids.length, publishedAt, belumDipetakan };
    });
    if (outcome.published > 0) {
      await this.onPublished({
        campaignId: campaign.id,
        published: outcome.published,
        publishedAt: outcome.publishedAt,
      });
    }
    return {
      ok: true as const,
      published: outcome.published,
      publishedAt: outcome.publishedAt.toISOString(),
      validUntil: validUntil(outcome.publishedAt, campaign.validity_years).toISOString(),
      belumDipetakan: outcome.belumDipetakan,
    };
  }

  private async resultInCampaign(campaignId: string, resultId: string): Promise<void> {
    const found = await this.db
      .selectFrom('results as res')
      .innerJoin('attempts as a', 'a.id', 'res.attempt_id')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .select('res.id')
      .where('res.id', '=', resultId)
      .where('r.campaign_id', '=', campaignId)
      .executeTakeFirst();
    if (!found) throw new ApiFailure('NOT_FOUND', 'Hasil tidak ditemukan di kampanye ini.');
  }

  async addReview(
    staff: StaffPrincipal,
    campaignId: string,
    resultId: string,
    input: { verdict: 'agree' | 'disagree' | 'note'; comment: string },
  ) {
    await this.resultInCampaign(campaignId, resultId);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('result_reviews')
        .values({
          result_id: resultId,
          reviewer_id: staff.id,
          verdict: input.verdict,
          comment: input.comment,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: staff,
        action: 'result.review',
        targetType: 'result',
        targetId: resultId,
        detail: { verdict: input.verdict, reviewId: row.id },
      });
      return row.id;
    });
  }

  async reviews(campaignId: string, resultId: string) {
    await this.resultInCampaign(campaignId, resultId);
    const rows = await this.db
      .selectFrom('result_reviews as rv')
      .innerJoin('staff_users as s', 's.id', 'rv.reviewer_id')
      .select([
        'rv.id',
        'rv.result_id',
        'rv.reviewer_id',
        's.full_name',
        'rv.verdict',
        'rv.comment',
        'rv.created_at',
      ])
      .where('rv.result_id', '=', resultId)
      .orderBy('rv.created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      resultId: r.result_id,
      reviewerId: r.reviewer_id,
      reviewerName: r.full_name,
      verdict: r.verdict,
      comment: r.comment,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /**
   * The participant's latest live publication, with its competencies, and the registration it
   * belongs to (for the report PDF); null when nothing of theirs is published.
   */
  async ownResult(
    participantId: string,
  ): Promise<{ result: ParticipantResult; registrationId: string } | null> {
    const row = await this.db
      .selectFrom('publications as pub')
      .innerJoin('results as res', 'res.id', 'pub.result_id')
      .innerJoin('attempts as a', 'a.id', 'res.attempt_id')
      .innerJoin('campaigns as c', 'c.id', 'pub.campaign_id')
      .select([
        'res.id as resultId',
        'res.version',
        'res.payload',
        'a.registration_id',
        'c.id as campaignId',
        'c.name as campaignName',
        'c.validity_years',
        'pub.published_at',
        'res.jpm',
        'res.category',
        'res.nine_box',
      ])
      .where('a.participant_id', '=', participantId)
      .where('pub.withdrawn_at', 'is', null)
      .orderBy('pub.published_at', 'desc')
      .executeTakeFirst();
    if (!row) return null;
    const comps = await this.results.competencies([row.resultId]);
    const names = new Map<string, string>(defaultCompetencyDictionary.map((d) => [d.code, d.name]));
    if (comps.length > 0) {
      const stored = await this.db
        .selectFrom('competencies')
        .select(['code', 'name'])
        .where(
          'code',
          'in',
          comps.map((c) => c.code),
        )
        .execute();
      for (const c of stored) names.set(c.code, c.name);
    }
    return {
      registrationId: row.registration_id,
      result: {
        resultId: row.resultId,
        version: row.version,
        campaignId: row.campaignId,
        campaignName: row.campaignName,
        publishedAt: row.published_at.toISOString(),
        validUntil: validUntil(row.published_at, row.validity_years).toISOString(),
        jpm: row.jpm === null ? null : Number(row.jpm),
        category: row.category,
        categories: bothCategories(row.payload, row.category),
        nineBox: row.nine_box,
        competencies: comps.map((c) => ({
          code: c.code,
          name: names.get(c.code) ?? c.code,
          score: c.score,
          level: c.level,
          requiredLevel: c.requiredLevel,
          gap: c.gap,
        })),
      },
    };
  }
}

const storedCategories = z.object({
  profile: z.object({
    categories: z
      .object({ pengisian: z.enum(PENGISIAN_CATEGORY_NAMES), pemetaan: z.enum(PEMETAAN_CATEGORY_NAMES) })
      .nullable(),
  }),
});

/** Both categories from the scored profile; the stored column alone fills one of them. */
function bothCategories(payload: unknown, column: ResultCategory | null): ParticipantResult['categories'] {
  const parsed = storedCategories.safeParse(payload);
  if (parsed.success && parsed.data.profile.categories) return parsed.data.profile.categories;
  const pengisian = PENGISIAN_CATEGORY_NAMES.find((c) => c === column) ?? null;
  const pemetaan = PEMETAAN_CATEGORY_NAMES.find((c) => c === column) ?? null;
  return { pengisian, pemetaan };
}
