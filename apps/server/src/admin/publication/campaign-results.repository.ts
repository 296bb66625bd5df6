// Reads a campaign's roster with each participant's current result (highest version) and its
// publication state; participants who never sat come back with no result ("belum dipetakan").
import type { Database, ResultCategory } from '@petakom/db';
import { sql, type Kysely } from 'kysely';

export interface RosterResultRow {
  participantId: string;
  nip: string;
  fullName: string;
  unitId: string;
  unitName: string;
  positionId: string;
  positionName: string;
  jenjang: string;
  resultId: string | null;
  version: number | null;
  jpm: number | null;
  category: ResultCategory | null;
  nineBox: number | null;
  publishedAt: Date | null;
  reviews: number;
}

export interface CompetencyRow {
  resultId: string;
  code: string;
  score: number;
  level: number;
  requiredLevel: number | null;
  gap: string | null;
}

export class CampaignResultsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The current result of every attempt of the campaign: the highest version per attempt. */
  private currentResults(campaignId: string) {
    return this.db
      .selectFrom('results as res')
      .innerJoin('attempts as a', 'a.id', 'res.attempt_id')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .where('r.campaign_id', '=', campaignId)
      .distinctOn('res.attempt_id')
      .select(['res.id', 'res.attempt_id', 'res.version', 'res.jpm', 'res.category', 'res.nine_box'])
      .orderBy('res.attempt_id')
      .orderBy('res.version', 'desc');
  }

  async roster(campaignId: string): Promise<RosterResultRow[]> {
    const rows = await this.db
      .selectFrom('registrations as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .innerJoin('positions as pos', 'pos.id', 'p.position_id')
      .leftJoin('attempts as a', 'a.registration_id', 'r.id')
      .leftJoin(this.currentResults(campaignId).as('cur'), 'cur.attempt_id', 'a.id')
      .leftJoin('publications as pub', (join) =>
        join.onRef('pub.result_id', '=', 'cur.id').on('pub.withdrawn_at', 'is', null),
      )
      .select((eb) => [
        'p.id as participantId',
        'p.nip',
        'p.full_name as fullName',
        'u.id as unitId',
        'u.name as unitName',
        'pos.id as positionId',
        'pos.name as positionName',
        'pos.jenjang',
        'cur.id as resultId',
        'cur.version',
        'cur.jpm',
        'cur.category',
        'cur.nine_box as nineBox',
        'pub.published_at as publishedAt',
        eb
          .selectFrom('result_reviews as rv')
          .whereRef('rv.result_id', '=', 'cur.id')
          .select(sql<string>`count(*)`.as('n'))
          .as('reviews'),
      ])
      .where('r.campaign_id', '=', campaignId)
      .orderBy('u.name')
      .orderBy('p.full_name')
      .orderBy('p.nip')
      .execute();
    return rows.map((r) => ({
      ...r,
      resultId: r.resultId ?? null,
      version: r.version ?? null,
      jpm: r.jpm === null || r.jpm === undefined ? null : Number(r.jpm),
      category: r.category ?? null,
      nineBox: r.nineBox ?? null,
      publishedAt: r.publishedAt ?? null,
      reviews: Number(r.reviews ?? 0),
    }));
  }

  async competencies(resultIds: readonly string[]): Promise<CompetencyRow[]> {
    if (resultIds.length === 0) return [];
    const out: CompetencyRow[] = [];
    for (let i = 0; i < resultIds.length; i += 5000) {
      const rows = await this.db
        .selectFrom('result_competencies')
        .select(['result_id', 'competency_code', 'score', 'level', 'required_level', 'gap'])
        .where('result_id', 'in', resultIds.slice(i, i + 5000))
        .orderBy('result_id')
        .orderBy('competency_code')
        .execute();
      for (const r of rows) {
        out.push({
          resultId: r.result_id,
          code: r.competency_code,
          score: Number(r.score),
          level: r.level,
          requiredLevel: r.required_level,
          gap: r.gap,
        });
      }
    }
    return out;
  }
}
