// Postgres side of scoring: loads what a batch of attempts needs in a handful of queries (one for
// the attempts, one for all their answers, one per battery for its items) and writes a batch of
// results in one transaction with multi-row inserts.
import type {
  AttemptStatus,
  CampaignPurpose,
  Database,
  JsonObject,
  JsonValue,
  ResultCategory,
  SkpPredikat,
} from '@petakom/db';
import { CLOSED_ATTEMPT_STATUSES, type CompetencyRequirement, type Jenjang } from '@petakom/domain';
import { sql, type Kysely } from 'kysely';

export interface AttemptRow {
  id: string;
  status: AttemptStatus;
  batteryId: string;
  campaignId: string;
  purpose: CampaignPurpose;
  campaignSettings: JsonObject;
  participantId: string;
  skpPredikat: SkpPredikat | null;
  positionId: string;
  jenjang: Jenjang;
  /** Item version ids per section key, in the participant's order. */
  formSections: { key: string; itemIds: string[] }[];
}

export interface BatteryRow {
  id: string;
  blueprint: JsonObject;
  scoringModel: JsonObject;
}

/** An item version the participant saw, and the version scoring uses (the item's current one). */
export interface ItemVersionRow {
  seenId: string;
  usedId: string;
  usedVersion: number;
  content: JsonObject;
}

export interface ResultInsert {
  attemptId: string;
  version: number;
  modelVersion: string;
  payload: JsonObject;
  jpm: number | null;
  category: ResultCategory | null;
  nineBox: number | null;
  rescoreRunId: string | null;
  computedBy: string | null;
  competencies: {
    code: string;
    score: number;
    level: number;
    requiredLevel: number | null;
    gap: 'tidak_ada' | 'rendah' | 'sedang' | 'tinggi' | null;
  }[];
}

export class ScoringRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async attempts(ids: readonly string[]): Promise<AttemptRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('attempts as a')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
      .innerJoin('participants as p', 'p.id', 'a.participant_id')
      .innerJoin('positions as pos', 'pos.id', 'p.position_id')
      .select([
        'a.id',
        'a.status',
        'a.battery_id',
        'r.campaign_id',
        'c.purpose',
        'c.settings',
        'p.id as participant_id',
        'p.skp_predikat',
        'p.position_id',
        'pos.jenjang',
        // Only the item ids of the form: option orders do not matter to scoring.
        sql<string[] | null>`jsonb_path_query_array(a.form, '$.sections[*].key')`.as('section_keys'),
        sql<string[][] | null>`jsonb_path_query_array(a.form, '$.sections[*].itemIds')`.as('section_items'),
      ])
      .where('a.id', 'in', ids)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      batteryId: r.battery_id,
      campaignId: r.campaign_id,
      purpose: r.purpose,
      campaignSettings: r.settings,
      participantId: r.participant_id,
      skpPredikat: r.skp_predikat,
      positionId: r.position_id,
      jenjang: r.jenjang,
      formSections: (r.section_keys ?? []).map((key, i) => ({ key, itemIds: r.section_items?.[i] ?? [] })),
    }));
  }

  async standards(positionIds: readonly string[]): Promise<Map<string, CompetencyRequirement[]>> {
    const out = new Map<string, CompetencyRequirement[]>();
    if (positionIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('position_standards')
      .select(['position_id', 'competency_code', 'required_level', 'importance'])
      .where('position_id', 'in', positionIds)
      .orderBy('competency_code')
      .execute();
    for (const r of rows) {
      const list = out.get(r.position_id) ?? [];
      list.push({
        competency: r.competency_code,
        requiredLevel: r.required_level as CompetencyRequirement['requiredLevel'],
        importance: r.importance,
      });
      out.set(r.position_id, list);
    }
    return out;
  }

  async batteries(ids: readonly string[]): Promise<BatteryRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('batteries')
      .select(['id', 'blueprint', 'scoring_model'])
      .where('id', 'in', ids)
      .execute();
    return rows.map((r) => ({ id: r.id, blueprint: r.blueprint, scoringModel: r.scoring_model }));
  }

  async itemVersions(seenIds: readonly string[]): Promise<ItemVersionRow[]> {
    if (seenIds.length === 0) return [];
    return this.db
      .selectFrom('item_versions as seen')
      .innerJoin('items as i', 'i.id', 'seen.item_id')
      .innerJoin('item_versions as cur', (j) =>
        j.onRef('cur.item_id', '=', 'i.id').onRef('cur.version', '=', 'i.current_version'),
      )
      .select(['seen.id as seenId', 'cur.id as usedId', 'cur.version as usedVersion', 'cur.content'])
      .where('seen.id', 'in', seenIds)
      .execute();
  }

  /** The latest answer per item of every attempt, grouped by attempt. */
  async answers(attemptIds: readonly string[]): Promise<Map<string, Map<string, JsonValue | null>>> {
    const out = new Map<string, Map<string, JsonValue | null>>();
    for (const id of attemptIds) out.set(id, new Map());
    if (attemptIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('attempt_answers')
      .select(['attempt_id', 'item_id', 'value'])
      .where('attempt_id', 'in', attemptIds)
      .execute();
    for (const r of rows) out.get(r.attempt_id)?.set(r.item_id, r.value);
    return out;
  }

  /** Latest stored result payload per attempt (for rescoring comparisons). */
  async latestResults(
    attemptIds: readonly string[],
  ): Promise<Map<string, { version: number; payload: JsonObject }>> {
    const out = new Map<string, { version: number; payload: JsonObject }>();
    if (attemptIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('results')
      .select(['attempt_id', 'version', 'payload'])
      .distinctOn('attempt_id')
      .where('attempt_id', 'in', attemptIds)
      .orderBy('attempt_id')
      .orderBy('version', 'desc')
      .execute();
    for (const r of rows) out.set(r.attempt_id, { version: r.version, payload: r.payload });
    return out;
  }

  /**
   * Writes the results in one transaction. A (attempt, version) already stored is skipped, so a
   * job replayed after a crash never adds a second version 1. Returns the attempts written now.
   */
  async writeResults(
    results: readonly ResultInsert[],
    scoredAttemptIds: readonly string[],
  ): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      let written: { id: string; attempt_id: string }[] = [];
      if (results.length > 0) {
        written = await trx
          .insertInto('results')
          .values(
            results.map((r) => ({
              attempt_id: r.attemptId,
              version: r.version,
              scoring_model_version: r.modelVersion,
              payload: JSON.stringify(r.payload),
              jpm: r.jpm,
              category: r.category,
              nine_box: r.nineBox,
              rescore_run_id: r.rescoreRunId,
              computed_by: r.computedBy,
            })),
          )
          .onConflict((oc) => oc.columns(['attempt_id', 'version']).doNothing())
          .returning(['id', 'attempt_id'])
          .execute();
      }
      const byAttempt = new Map(results.map((r) => [`${r.attemptId}`, r]));
      const competencyRows = written.flatMap((w) =>
        (byAttempt.get(w.attempt_id)?.competencies ?? []).map((c) => ({
          result_id: w.id,
          competency_code: c.code,
          score: c.score,
          level: c.level,
          required_level: c.requiredLevel,
          gap: c.gap,
        })),
      );
      for (let i = 0; i < competencyRows.length; i += 5000) {
        await trx
          .insertInto('result_competencies')
          .values(competencyRows.slice(i, i + 5000))
          .execute();
      }
      if (scoredAttemptIds.length > 0) {
        await trx.deleteFrom('scoring_failures').where('attempt_id', 'in', scoredAttemptIds).execute();
      }
      return written.map((w) => w.attempt_id);
    });
  }

  async recordFailure(
    attemptId: string,
    reason: string,
    attemptsMade: number,
    final: boolean,
  ): Promise<void> {
    await this.db
      .insertInto('scoring_failures')
      .values({ attempt_id: attemptId, reason, attempts_made: attemptsMade, final })
      .onConflict((oc) =>
        oc.column('attempt_id').doUpdateSet({
          reason,
          attempts_made: attemptsMade,
          final,
          failed_at: new Date(),
        }),
      )
      .execute();
  }

  /** Closed attempts of a campaign, for rescoring. */
  async closedAttemptsOfCampaign(campaignId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('attempts as a')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .select('a.id')
      .where('r.campaign_id', '=', campaignId)
      .where('a.status', 'in', CLOSED_ATTEMPT_STATUSES)
      .orderBy('a.id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Raw potensi totals of the current result of every scored attempt in the campaign. */
  async potensiTotals(campaignId: string): Promise<number[]> {
    const rows = await sql<{ total: string | null }>`
      SELECT DISTINCT ON (res.attempt_id) res.payload #>> '{profile,potensi,raw,total}' AS total
      FROM results res
      JOIN attempts a ON a.id = res.attempt_id
      JOIN registrations r ON r.id = a.registration_id
      WHERE r.campaign_id = ${campaignId}
      ORDER BY res.attempt_id, res.version DESC`.execute(this.db);
    return rows.rows.flatMap((r) => (r.total === null ? [] : [Number(r.total)]));
  }

  async latestNorm(campaignId: string) {
    return this.db
      .selectFrom('campaign_norms')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertNorm(campaignId: string, version: number, mean: number, sd: number, size: number) {
    await this.db
      .insertInto('campaign_norms')
      .values({ campaign_id: campaignId, version, mean, sd, size })
      .onConflict((oc) => oc.columns(['campaign_id', 'version']).doNothing())
      .execute();
  }

  async rescoreRun(runId: string) {
    return this.db.selectFrom('rescore_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  }

  async finishRescoreRun(runId: string, rescored: number, changed: number, error: string | null) {
    await this.db
      .updateTable('rescore_runs')
      .set({ finished_at: new Date(), rescored, changed, error })
      .where('id', '=', runId)
      .execute();
  }
}
