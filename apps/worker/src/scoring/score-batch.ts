// Scores a batch of closed attempts: loads everything the batch needs at once, lets the domain
// compute each profile, and stores the results in one transaction. The same answers, item
// versions and scoring model always give the same stored result.
import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue, ResultCategory } from '@petakom/db';
import {
  batterySchema,
  defaultScoringModel,
  isClosedAttemptStatus,
  itemSchema,
  scoreAttempt,
  scoringModelSchema,
  standardForJabatan,
  type AnswerValue,
  type Battery,
  type CompetencyProfile,
  type CompetencyStandard,
  type Item,
  type ScoringModel,
} from '@petakom/domain';
import { UnrecoverableError } from 'bullmq';
import type { AttemptRow, ResultInsert, ScoringRepository } from './scoring.repository.ts';

/** What `results.payload` holds: the profile plus everything needed to explain it. */
export interface ResultPayload {
  schema: 1;
  campaignId: string;
  purpose: 'pemetaan' | 'pengisian';
  model: ScoringModel;
  standard: CompetencyStandard;
  profile: CompetencyProfile;
  /** Seen item version id → version id scored with, only where a correction replaced it. */
  corrections: Record<string, string>;
  /** sha256 over the answers scored, so an explanation can prove it reads the same answers. */
  answersDigest: string;
  answered: number;
}

interface BatteryContext {
  battery: Battery;
  model: ScoringModel;
}

export interface BatchOutcome {
  /** Attempts whose result this call stored (others were already stored: a replay). */
  written: string[];
  /** Per attempt, why it could not be scored; the rest of the batch is unaffected. */
  failed: Map<string, Error>;
  /** Campaigns that received results, for the norm step. */
  campaigns: Set<string>;
  /** Attempts whose new result differs from the previous version (rescoring only). */
  changed: string[];
}

export interface BatchOptions {
  /** Rescoring: write version = latest + 1 when the result differs, tagged with the run. */
  rescore?: { runId: string; computedBy: string | null };
}

/** An empty stored model means the platform default (DOMAIN.md). */
function parseModel(raw: JsonObject): ScoringModel {
  return Object.keys(raw).length === 0 ? defaultScoringModel : scoringModelSchema.parse(raw);
}

/** A campaign may choose the JPM variant; the model version says so, so results stay traceable. */
function withCampaignSettings(base: ScoringModel, settings: JsonObject): ScoringModel {
  const variant = settings['jpmVariant'];
  if ((variant === 'capped' || variant === 'uncapped') && variant !== base.jpm.variant) {
    return { ...base, version: `${base.version}+jpm-${variant}`, jpm: { ...base.jpm, variant } };
  }
  return base;
}

export function answersDigest(itemIds: readonly string[], answers: ReadonlyMap<string, unknown>): string {
  const h = createHash('sha256');
  for (const id of [...itemIds].sort()) h.update(`${id}=${JSON.stringify(answers.get(id) ?? null)}\n`);
  return h.digest('hex');
}

function categoryColumn(
  purpose: 'pemetaan' | 'pengisian',
  profile: CompetencyProfile,
): ResultCategory | null {
  if (!profile.categories) return null;
  return purpose === 'pemetaan' ? profile.categories.pemetaan : profile.categories.pengisian;
}

export class BatchScorer {
  /** Item versions are never edited (a correction is a new version), so parsing each once is safe. */
  private readonly parsedItems = new Map<string, Item | null>();

  constructor(private readonly repo: ScoringRepository) {}

  private parseItem(versionId: string, content: JsonObject): Item | null {
    let item = this.parsedItems.get(versionId);
    if (item === undefined) {
      const parsed = itemSchema.safeParse({ ...content, id: versionId });
      item = parsed.success ? parsed.data : null;
      if (this.parsedItems.size > 50_000) this.parsedItems.clear();
      this.parsedItems.set(versionId, item);
    }
    return item;
  }

  async score(attemptIds: readonly string[], opts: BatchOptions = {}): Promise<BatchOutcome> {
    const failed = new Map<string, Error>();
    const ids = [...new Set(attemptIds)];
    const attempts = await this.repo.attempts(ids);
    const found = new Set(attempts.map((a) => a.id));
    for (const id of ids) {
      if (!found.has(id)) failed.set(id, new UnrecoverableError(`attempt ${id} does not exist`));
    }
    const open = attempts.filter((a) => !isClosedAttemptStatus(a.status));
    for (const a of open)
      failed.set(a.id, new UnrecoverableError(`attempt ${a.id} is not closed (${a.status})`));
    const closed = attempts.filter((a) => isClosedAttemptStatus(a.status));

    const [batteryRows, standards, answers, latest] = await Promise.all([
      this.repo.batteries([...new Set(closed.map((a) => a.batteryId))]),
      this.repo.standards([...new Set(closed.map((a) => a.positionId))]),
      this.repo.answers(closed.map((a) => a.id)),
      opts.rescore ? this.repo.latestResults(closed.map((a) => a.id)) : Promise.resolve(null),
    ]);
    const seenIds = new Set(closed.flatMap((a) => a.formSections.flatMap((s) => s.itemIds)));
    const versions = await this.repo.itemVersions([...seenIds]);
    // Items keyed by the version id the participant saw, scored with the current version's key.
    const items = new Map<string, Item>();
    const corrections = new Map<string, string>();
    for (const v of versions) {
      const parsed = this.parseItem(v.usedId, v.content);
      if (parsed) items.set(v.seenId, parsed.id === v.seenId ? parsed : { ...parsed, id: v.seenId });
      if (v.usedId !== v.seenId) corrections.set(v.seenId, v.usedId);
    }

    const batteries = new Map<string, BatteryContext | Error>();
    for (const b of batteryRows) {
      try {
        batteries.set(b.id, { battery: batterySchema.parse(b.blueprint), model: parseModel(b.scoringModel) });
      } catch (err) {
        batteries.set(
          b.id,
          new Error(`battery ${b.id} has an invalid blueprint or scoring model: ${(err as Error).message}`),
        );
      }
    }

    const inserts: ResultInsert[] = [];
    const changed: string[] = [];
    const campaigns = new Set<string>();
    for (const attempt of closed) {
      try {
        const ctx = batteries.get(attempt.batteryId);
        if (!ctx) throw new Error(`battery ${attempt.batteryId} not found`);
        if (ctx instanceof Error) throw ctx;
        const model = withCampaignSettings(ctx.model, attempt.campaignSettings);
        const requirements = standards.get(attempt.positionId);
        const standard: CompetencyStandard =
          requirements && requirements.length > 0
            ? { jenjang: attempt.jenjang, requirements }
            : standardForJabatan(attempt.jenjang);
        const built = this.build(
          attempt,
          ctx.battery,
          model,
          standard,
          items,
          corrections,
          answers.get(attempt.id) ?? new Map(),
        );
        const previous = latest?.get(attempt.id);
        let version = 1;
        if (opts.rescore) {
          if (previous && sameResult(previous.payload, built.payload)) continue;
          version = (previous?.version ?? 0) + 1;
          changed.push(attempt.id);
        }
        inserts.push({
          ...built.insert,
          version,
          rescoreRunId: opts.rescore?.runId ?? null,
          computedBy: opts.rescore?.computedBy ?? null,
        });
        campaigns.add(attempt.campaignId);
      } catch (err) {
        failed.set(attempt.id, err instanceof Error ? err : new Error(String(err)));
      }
    }
    const scored = closed.map((a) => a.id).filter((id) => !failed.has(id));
    const written = await this.repo.writeResults(inserts, scored);
    return { written, failed, campaigns, changed };
  }

  private build(
    attempt: AttemptRow,
    blueprint: Battery,
    model: ScoringModel,
    standard: CompetencyStandard,
    items: ReadonlyMap<string, Item>,
    corrections: ReadonlyMap<string, string>,
    rawAnswers: ReadonlyMap<string, JsonValue | null>,
  ): { payload: ResultPayload; insert: Omit<ResultInsert, 'version' | 'rescoreRunId' | 'computedBy'> } {
    // The battery as this participant saw it: the blueprint's sections with the form's item ids.
    const battery: Battery = {
      sections: attempt.formSections.map((fs) => {
        const section = blueprint.sections.find((s) => s.key === fs.key);
        if (!section) throw new UnrecoverableError(`form section ${fs.key} is not in the battery`);
        return { ...section, itemIds: fs.itemIds };
      }),
    };
    const seen = battery.sections.flatMap((s) => s.itemIds);
    const answers = new Map<string, AnswerValue | null>();
    for (const id of seen) {
      const v = rawAnswers.get(id);
      answers.set(id, typeof v === 'string' || typeof v === 'number' ? v : null);
    }
    const profile = scoreAttempt({
      battery,
      items,
      answers,
      standard,
      model,
      skpPredikat: attempt.skpPredikat,
      normGroup: null,
    });
    if (profile.status !== 'dipetakan') throw new Error('a closed attempt must be mapped');
    const used: Record<string, string> = {};
    for (const id of seen) {
      const c = corrections.get(id);
      if (c) used[id] = c;
    }
    const payload: ResultPayload = {
      schema: 1,
      campaignId: attempt.campaignId,
      purpose: attempt.purpose,
      model,
      standard,
      profile,
      corrections: used,
      answersDigest: answersDigest(seen, answers),
      answered: [...answers.values()].filter((v) => v !== null).length,
    };
    const required = new Map(standard.requirements.map((r) => [r.competency, r.requiredLevel]));
    const gapOf = new Map(profile.gaps.map((g) => [g.competency, g.level]));
    return {
      payload,
      insert: {
        attemptId: attempt.id,
        modelVersion: model.version,
        payload: payload as unknown as JsonObject,
        jpm: profile.jpm?.value ?? null,
        category: categoryColumn(attempt.purpose, profile),
        nineBox: profile.nineBox?.box ?? null,
        competencies: profile.competencies.map((c) => ({
          code: c.competency,
          score: c.score,
          level: c.level,
          requiredLevel: required.get(c.competency) ?? null,
          gap: gapOf.get(c.competency) ?? null,
        })),
      },
    };
  }
}

/** Same outcome: the profile, the model and the item versions scored with are equal. */
function sameResult(stored: JsonObject, fresh: ResultPayload): boolean {
  const s = stored as unknown as ResultPayload;
  return (
    canonical(s.profile) === canonical(fresh.profile) &&
    s.model?.version === fresh.model.version &&
    canonical(s.corrections ?? {}) === canonical(fresh.corrections) &&
    s.answersDigest === fresh.answersDigest
  );
}

/** JSON with object keys sorted: jsonb does not keep the key order it was given. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
