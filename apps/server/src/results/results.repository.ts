// Reads behind the staff results routes: a result version with its attempt's answers and item
// versions, a campaign's scoring state (results, failures, non-attendees), rescoring runs and the
// answers an item analysis needs. Writes only the rescoring request.
import { potensiNormForResult, type Database, type JsonObject, type JsonValue } from '@petakom/db';
import { sql, type Kysely } from 'kysely';

export class ResultsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async result(attemptId: string, version?: number) {
    let q = this.db
      .selectFrom('results as res')
      .innerJoin('attempts as a', 'a.id', 'res.attempt_id')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
      .innerJoin('participants as p', 'p.id', 'a.participant_id')
      .select([
        'res.id',
        'res.attempt_id',
        'res.version',
        'res.scoring_model_version',
        'res.payload',
        'res.computed_at',
        'res.rescore_run_id',
        'r.campaign_id',
        'c.agency_id',
        'p.nip',
        'p.full_name',
        'p.skp_predikat',
        sql<string[][] | null>`jsonb_path_query_array(a.form, '$.sections[*].itemIds')`.as('section_items'),
      ])
      .where('res.attempt_id', '=', attemptId);
    q =
      version === undefined
        ? q.orderBy('res.version', 'desc').limit(1)
        : q.where('res.version', '=', version);
    return q.executeTakeFirst();
  }

  async versions(attemptId: string) {
    return this.db
      .selectFrom('results')
      .select(['version', 'scoring_model_version', 'computed_at', 'rescore_run_id'])
      .where('attempt_id', '=', attemptId)
      .orderBy('version')
      .execute();
  }

  async answers(attemptId: string): Promise<Map<string, JsonValue | null>> {
    const rows = await this.db
      .selectFrom('attempt_answers')
      .select(['item_id', 'value'])
      .where('attempt_id', '=', attemptId)
      .execute();
    return new Map(rows.map((r) => [r.item_id, r.value]));
  }

  async itemVersions(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('item_versions')
      .select(['id', 'version', 'content'])
      .where('id', 'in', ids)
      .execute();
  }

  /** The norm a result version reads: pinned by its live publication, else the campaign's latest. */
  async normForResult(resultId: string, campaignId: string) {
    return potensiNormForResult(this.db, resultId, campaignId);
  }

  async latestNorm(campaignId: string) {
    return this.db
      .selectFrom('campaign_norms')
      .select(['version', 'mean', 'sd', 'size', 'computed_at'])
      .where('campaign_id', '=', campaignId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Every registration of the campaign with its attempt, current result and last scoring failure. */
  async campaignScoring(campaignId: string) {
    return (
      this.db
        .selectFrom('registrations as r')
        .innerJoin('participants as p', 'p.id', 'r.participant_id')
        .leftJoin('attempts as a', 'a.registration_id', 'r.id')
        // The current version per attempt, looked up per row so only this campaign's results are read.
        .leftJoinLateral(
          (eb) =>
            eb
              .selectFrom('results')
              .select(['version', 'jpm', 'category', 'nine_box', 'computed_at'])
              .whereRef('results.attempt_id', '=', 'a.id')
              .orderBy('version', 'desc')
              .limit(1)
              .as('res'),
          (j) => j.onTrue(),
        )
        .leftJoin('scoring_failures as f', 'f.attempt_id', 'a.id')
        .select([
          'r.id as registration_id',
          'p.nip',
          'p.full_name',
          'a.id as attempt_id',
          'a.status as attempt_status',
          'res.version',
          'res.jpm',
          'res.category',
          'res.nine_box',
          'res.computed_at',
          'f.reason as failure_reason',
          'f.attempts_made as failure_attempts',
          'f.final as failure_final',
          'f.failed_at',
        ])
        .where('r.campaign_id', '=', campaignId)
        .orderBy('p.nip')
        .execute()
    );
  }

  async createRescoreRun(campaignId: string, staffId: string, reason: string) {
    return this.db
      .insertInto('rescore_runs')
      .values({ campaign_id: campaignId, requested_by: staffId, reason })
      .returning(['id', 'requested_at'])
      .executeTakeFirstOrThrow();
  }

  async rescoreRun(campaignId: string, runId: string) {
    return this.db
      .selectFrom('rescore_runs')
      .selectAll()
      .where('id', '=', runId)
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
  }

  /** The versions a run wrote, each with the version it replaced. */
  async runChanges(runId: string) {
    return this.db
      .selectFrom('results as cur')
      .innerJoin('results as prev', (j) =>
        j
          .onRef('prev.attempt_id', '=', 'cur.attempt_id')
          .on('prev.version', '=', sql<number>`cur.version - 1`),
      )
      .innerJoin('attempts as a', 'a.id', 'cur.attempt_id')
      .innerJoin('participants as p', 'p.id', 'a.participant_id')
      .select([
        'cur.attempt_id',
        'p.nip',
        'p.full_name',
        'prev.version as from_version',
        'cur.version as to_version',
        'prev.payload as before',
        'cur.payload as after',
      ])
      .where('cur.rescore_run_id', '=', runId)
      .orderBy('p.nip')
      .execute();
  }

  async campaignBattery(campaignId: string): Promise<{ blueprint: JsonObject } | undefined> {
    return this.db
      .selectFrom('campaigns as c')
      .innerJoin('batteries as b', 'b.id', 'c.battery_id')
      .select(['b.blueprint'])
      .where('c.id', '=', campaignId)
      .executeTakeFirst();
  }

  /** Current version of each seen item version (a corrected key or weight is a newer version). */
  async currentItemVersions(seenIds: readonly string[]) {
    if (seenIds.length === 0) return [];
    return this.db
      .selectFrom('item_versions as seen')
      .innerJoin('items as i', 'i.id', 'seen.item_id')
      .innerJoin('item_versions as cur', (j) =>
        j.onRef('cur.item_id', '=', 'i.id').onRef('cur.version', '=', 'i.current_version'),
      )
      .select(['seen.id as seenId', 'i.code', 'cur.version', 'cur.content'])
      .where('seen.id', 'in', seenIds)
      .execute();
  }

  /** Answers of every scored attempt of the campaign, grouped per attempt. */
  async scoredAnswers(campaignId: string): Promise<Map<string, Map<string, JsonValue | null>>> {
    const rows = await this.db
      .selectFrom('attempt_answers as aa')
      .innerJoin('attempts as a', 'a.id', 'aa.attempt_id')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .select(['aa.attempt_id', 'aa.item_id', 'aa.value'])
      .where('r.campaign_id', '=', campaignId)
      .where((eb) =>
        eb.exists(eb.selectFrom('results').select('results.id').whereRef('results.attempt_id', '=', 'a.id')),
      )
      .execute();
    const out = new Map<string, Map<string, JsonValue | null>>();
    for (const r of rows) {
      let m = out.get(r.attempt_id);
      if (!m) out.set(r.attempt_id, (m = new Map()));
      m.set(r.item_id, r.value);
    }
    return out;
  }
}
