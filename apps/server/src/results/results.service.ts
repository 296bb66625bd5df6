// Staff views of scoring: a result that explains itself (per competency the items, answers and
// weights behind the score, the standard and the model version), a campaign's scoring state with
// failure reasons and non-attendees, rescoring differences, and the campaign's item analysis.
import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue } from '@petakom/db';
import {
  applyPotensiNorm,
  batterySchema,
  diffResults,
  isClosedAttemptStatus,
  itemAnalysis,
  itemSchema,
  scoreItem,
  type AnswerValue,
  type CompetencyProfile,
  type CompetencyStandard,
  type Item,
  type ItemAnalysis,
  type ResultChange,
  type ScoringModel,
} from '@petakom/domain';
import { ApiFailure } from '../staff/api-failure.ts';
import type { ResultsRepository } from './results.repository.ts';

/** The stored payload as the worker writes it (apps/worker/src/scoring/score-batch.ts). */
interface StoredPayload {
  model: ScoringModel;
  standard: CompetencyStandard;
  profile: CompetencyProfile;
  corrections: Record<string, string>;
  answersDigest: string;
  answered: number;
}

export interface ExplainedItem {
  itemId: string;
  /** Version scored with (a correction replaces the version the participant saw). */
  scoredVersionId: string;
  scoredVersion: number | null;
  part: 'sjt' | 'inventory' | 'selfAssessment';
  answer: AnswerValue | null;
  points: number | null;
  /** SJT: option → weight; self-assessment: statement → level; inventory: whether reverse-keyed. */
  weights: Record<string, number> | { reverse: boolean };
  indicator: string | null;
}

// The same digest the worker stores, so a reader can see the answers were not changed since.
function answersDigest(itemIds: readonly string[], answers: ReadonlyMap<string, unknown>): string {
  const h = createHash('sha256');
  for (const id of [...itemIds].sort()) h.update(`${id}=${JSON.stringify(answers.get(id) ?? null)}\n`);
  return h.digest('hex');
}

const asAnswer = (v: JsonValue | null | undefined): AnswerValue | null =>
  typeof v === 'string' || typeof v === 'number' ? v : null;

function weightsOf(item: Item): ExplainedItem['weights'] {
  if (item.type === 'sjt') return Object.fromEntries(item.options.map((o) => [o.id, o.weight]));
  if (item.type === 'self_assessment') return Object.fromEntries(item.statements.map((s) => [s.id, s.level]));
  if (item.type === 'likert') return { reverse: item.reverse };
  return { [item.key]: 1 };
}

export type ScoringStatus = 'scored' | 'pending' | 'failed' | 'in_progress' | 'belum_dipetakan';

export class ResultsService {
  constructor(private readonly repo: ResultsRepository) {}

  async explained(attemptId: string, agencyId: string | null, version?: number) {
    const row = await this.repo.result(attemptId, version);
    if (!row || (agencyId !== null && row.agency_id !== agencyId)) {
      throw new ApiFailure('NOT_FOUND', 'Hasil tidak ditemukan.');
    }
    const payload = row.payload as unknown as StoredPayload;
    const seen = (row.section_items ?? []).flat();
    const scoredIds = seen.map((id) => payload.corrections[id] ?? id);
    const [answers, versions, { norm }, history] = await Promise.all([
      this.repo.answers(attemptId),
      this.repo.itemVersions([...new Set(scoredIds)]),
      // a published version keeps the norm of its publication, as its report does
      this.repo.normForResult(row.id, row.campaign_id),
      this.repo.versions(attemptId),
    ]);
    const byVersion = new Map(versions.map((v) => [v.id, v]));
    const answerMap = new Map(seen.map((id) => [id, asAnswer(answers.get(id))]));
    const perCompetency = new Map<string, ExplainedItem[]>();
    const potensiItems: ExplainedItem[] = [];
    for (const seenId of seen) {
      const scoredId = payload.corrections[seenId] ?? seenId;
      const v = byVersion.get(scoredId);
      const parsed = v ? itemSchema.safeParse({ ...v.content, id: seenId }) : null;
      if (!parsed?.success) continue;
      const item = parsed.data;
      const answer = answerMap.get(seenId) ?? null;
      const explainedItem: ExplainedItem = {
        itemId: seenId,
        scoredVersionId: scoredId,
        scoredVersion: v?.version ?? null,
        part: item.type === 'sjt' ? 'sjt' : item.type === 'likert' ? 'inventory' : 'selfAssessment',
        answer,
        points: scoreItem(item, answer).points,
        weights: weightsOf(item),
        indicator: item.type === 'sjt' ? item.indicator : null,
      };
      if (item.type === 'single_choice') potensiItems.push(explainedItem);
      else {
        const list = perCompetency.get(item.competency) ?? [];
        list.push(explainedItem);
        perCompetency.set(item.competency, list);
      }
    }
    const normGroup = norm ? { mean: norm.mean, sd: norm.sd, size: norm.size } : null;
    const profile = applyPotensiNorm(payload.profile, normGroup, payload.model, row.skp_predikat);
    const required = new Map(payload.standard.requirements.map((r) => [r.competency, r]));
    return {
      attemptId,
      version: row.version,
      versions: history.map((h) => ({
        version: h.version,
        scoringModelVersion: h.scoring_model_version,
        computedAt: h.computed_at.toISOString(),
        rescoreRunId: h.rescore_run_id,
      })),
      participant: { nip: row.nip, fullName: row.full_name },
      scoringModelVersion: row.scoring_model_version,
      computedAt: row.computed_at.toISOString(),
      norm: norm ? { version: norm.version, mean: norm.mean, sd: norm.sd, size: norm.size } : null,
      answersUnchanged: answersDigest(seen, answerMap) === payload.answersDigest,
      profile: profile as unknown as JsonObject,
      explanation: {
        partWeights: payload.model.partWeights,
        jpmVariant: payload.model.jpm.variant,
        standard: { jenjang: payload.standard.jenjang },
        competencies:
          payload.profile.status === 'dipetakan'
            ? payload.profile.competencies.map((c) => ({
                competency: c.competency,
                score: c.score,
                level: c.level,
                parts: c.parts,
                requiredLevel: required.get(c.competency)?.requiredLevel ?? null,
                importance: required.get(c.competency)?.importance ?? null,
                items: perCompetency.get(c.competency) ?? [],
              }))
            : [],
        potensiItems,
      },
    };
  }

  /** What changed between two versions of one attempt's result. */
  async versionDiff(attemptId: string, agencyId: string | null, from: number, to: number) {
    const [a, b] = await Promise.all([this.repo.result(attemptId, from), this.repo.result(attemptId, to)]);
    if (!a || !b || (agencyId !== null && a.agency_id !== agencyId)) {
      throw new ApiFailure('NOT_FOUND', 'Versi hasil tidak ditemukan.');
    }
    const pa = a.payload as unknown as StoredPayload;
    const pb = b.payload as unknown as StoredPayload;
    return {
      attemptId,
      from: { version: a.version, scoringModelVersion: a.scoring_model_version },
      to: { version: b.version, scoringModelVersion: b.scoring_model_version },
      changes: diffResults(pa.profile, pb.profile),
    };
  }

  async campaignScoring(campaignId: string) {
    const [rows, norm] = await Promise.all([
      this.repo.campaignScoring(campaignId),
      this.repo.latestNorm(campaignId),
    ]);
    const entries = rows.map((r) => {
      const status: ScoringStatus =
        r.version !== null
          ? 'scored'
          : r.failure_reason !== null
            ? 'failed'
            : r.attempt_id !== null && isClosedAttemptStatus(r.attempt_status)
              ? 'pending'
              : r.attempt_status === 'in_progress'
                ? 'in_progress'
                : 'belum_dipetakan';
      return {
        registrationId: r.registration_id,
        attemptId: r.attempt_id,
        nip: r.nip,
        fullName: r.full_name,
        status,
        version: r.version,
        jpm: r.jpm === null ? null : Number(r.jpm),
        category: r.category,
        nineBox: r.nine_box,
        failure:
          r.failure_reason === null
            ? null
            : {
                reason: r.failure_reason,
                attemptsMade: r.failure_attempts ?? 0,
                final: r.failure_final ?? false,
                failedAt: r.failed_at?.toISOString() ?? null,
              },
      };
    });
    const count = (s: ScoringStatus) => entries.filter((e) => e.status === s).length;
    return {
      campaignId,
      counts: {
        registered: entries.length,
        scored: count('scored'),
        pending: count('pending'),
        failed: count('failed'),
        inProgress: count('in_progress'),
        belumDipetakan: count('belum_dipetakan'),
      },
      norm: norm
        ? { version: norm.version, mean: Number(norm.mean), sd: Number(norm.sd), size: norm.size }
        : null,
      results: entries,
    };
  }

  async rescoreRun(campaignId: string, runId: string) {
    const run = await this.repo.rescoreRun(campaignId, runId);
    if (!run) throw new ApiFailure('NOT_FOUND', 'Penilaian ulang tidak ditemukan.');
    const changes = run.finished_at ? await this.repo.runChanges(runId) : [];
    return {
      runId: run.id,
      reason: run.reason,
      requestedAt: run.requested_at.toISOString(),
      finishedAt: run.finished_at?.toISOString() ?? null,
      rescored: run.rescored,
      changed: run.changed,
      error: run.error,
      differences: changes.map((c) => ({
        attemptId: c.attempt_id,
        nip: c.nip,
        fullName: c.full_name,
        fromVersion: c.from_version,
        toVersion: c.to_version,
        changes: diffResults(
          (c.before as unknown as StoredPayload).profile,
          (c.after as unknown as StoredPayload).profile,
        ) satisfies ResultChange[],
      })),
    };
  }

  async itemAnalysis(
    campaignId: string,
  ): Promise<ItemAnalysis & { items: (ItemAnalysis['items'][number] & { code: string | null })[] }> {
    const battery = await this.repo.campaignBattery(campaignId);
    if (!battery) throw new ApiFailure('NOT_FOUND', 'Kampanye tidak ditemukan.');
    const parsed = batterySchema.parse(battery.blueprint);
    const seen = parsed.sections.flatMap((s) => s.itemIds);
    const [versions, answers] = await Promise.all([
      this.repo.currentItemVersions(seen),
      this.repo.scoredAnswers(campaignId),
    ]);
    const codes = new Map<string, string | null>();
    const items: Item[] = [];
    for (const v of versions) {
      const item = itemSchema.safeParse({ ...v.content, id: v.seenId });
      if (!item.success) continue;
      items.push(item.data);
      codes.set(v.seenId, v.code);
    }
    const order = new Map(seen.map((id, i) => [id, i]));
    items.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const attempts = [...answers.values()].map(
      (m) => new Map([...m].map(([k, v]) => [k, asAnswer(v)] as const)),
    );
    const analysis = itemAnalysis(items, attempts);
    return { ...analysis, items: analysis.items.map((s) => ({ ...s, code: codes.get(s.itemId) ?? null })) };
  }
}
