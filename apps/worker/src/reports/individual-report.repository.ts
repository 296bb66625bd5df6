// Gathers an individual report's data for one registration: identity, the current result (or a
// named version of it, such as the published one) read against its potensi norm (pinned at
// publication, else the campaign's latest), the competency dictionary and the validity period.
// No closed, scored attempt means "belum dipetakan".
import { potensiNormForResult, type Database, type JsonObject } from '@petakom/db';
import {
  applyPotensiNorm,
  defaultCompetencyDictionary,
  type CompetencyProfile,
  type ScoringModel,
} from '@petakom/domain';
import type { Kysely } from 'kysely';
import type { CompetencyText, IndividualReportData } from './individual-report.ts';

interface StoredPayload {
  model: ScoringModel;
  profile: CompetencyProfile;
}

function dictionaryText(dictionary: JsonObject, fallbackName: string): CompetencyText {
  const levels: Record<number, string> = {};
  const list = Array.isArray(dictionary['levels']) ? dictionary['levels'] : [];
  for (const l of list) {
    if (
      l &&
      typeof l === 'object' &&
      !Array.isArray(l) &&
      typeof l['level'] === 'number' &&
      typeof l['description'] === 'string'
    ) {
      levels[l['level']] = l['description'];
    }
  }
  return { name: typeof dictionary['name'] === 'string' ? dictionary['name'] : fallbackName, levels };
}

/** Campaign settings may name the signing official (title, name, NIP); otherwise the block is left to fill by hand. */
function signatoryOf(settings: JsonObject): IndividualReportData['signatory'] {
  const s = settings['signatory'];
  const obj = s && typeof s === 'object' && !Array.isArray(s) ? s : {};
  return {
    title: typeof obj['title'] === 'string' ? obj['title'] : 'Pimpinan Penyelenggara Pemetaan Kompetensi',
    name: typeof obj['name'] === 'string' ? obj['name'] : null,
    nip: typeof obj['nip'] === 'string' ? obj['nip'] : null,
  };
}

function addYears(isoDate: string, years: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export interface ReportVersion {
  /** A result id of this registration's attempt; the highest version when absent. */
  resultId?: string | undefined;
}

/** null when the registration does not exist, or the named result is not one of its versions. */
export async function loadIndividualReport(
  db: Kysely<Database>,
  registrationId: string,
  issuedAt: string = new Date().toISOString().slice(0, 10),
  version: ReportVersion = {},
): Promise<IndividualReportData | null> {
  const reg = await db
    .selectFrom('registrations as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .innerJoin('agencies as ag', 'ag.id', 'c.agency_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .innerJoin('positions as pos', 'pos.id', 'p.position_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
    .leftJoin('attempts as a', 'a.registration_id', 'r.id')
    .select([
      'r.campaign_id',
      'c.name as campaign_name',
      'c.validity_years',
      'c.settings as campaign_settings',
      'ag.name as agency_name',
      'p.full_name',
      'p.nip',
      'p.skp_predikat',
      'pos.name as position_name',
      'pos.jenjang',
      'u.name as unit_name',
      's.date as session_date',
      'a.id as attempt_id',
      'a.status as attempt_status',
      'a.closed_at',
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
  if (!reg) return null;

  const currentOrNamed = (attemptId: string) => {
    const q = db
      .selectFrom('results')
      .select(['id', 'version', 'scoring_model_version', 'payload'])
      .where('attempt_id', '=', attemptId);
    return (version.resultId === undefined ? q : q.where('id', '=', version.resultId))
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  };
  const result = reg.attempt_id ? await currentOrNamed(reg.attempt_id) : undefined;
  if (version.resultId !== undefined && !result) return null;
  // A published version is valid from its publication (as the participant and HR systems see it).
  const publication = result
    ? await db
        .selectFrom('publications as pub')
        .innerJoin('campaigns as c', 'c.id', 'pub.campaign_id')
        .select(['pub.published_at', 'c.validity_years'])
        .where('pub.result_id', '=', result.id)
        .where('pub.withdrawn_at', 'is', null)
        .orderBy('pub.published_at', 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  // A published version is read against the norm pinned at its publication, so the report shows
  // the same standard score however many results arrive later.
  const { norm, pinned } = result
    ? await potensiNormForResult(db, result.id, reg.campaign_id)
    : { norm: null, pinned: false };

  const rows = await db.selectFrom('competencies').select(['code', 'name', 'dictionary']).execute();
  const dictionary: Record<string, CompetencyText> = {};
  for (const d of defaultCompetencyDictionary) {
    dictionary[d.code] = {
      name: d.name,
      levels: Object.fromEntries(d.levels.map((l) => [l.level, l.description])),
    };
  }
  for (const r of rows) dictionary[r.code] = dictionaryText(r.dictionary, r.name);

  let profile: CompetencyProfile | null = null;
  if (result) {
    const payload = result.payload as unknown as StoredPayload;
    const normed = applyPotensiNorm(
      payload.profile,
      norm ? { mean: norm.mean, sd: norm.sd, size: norm.size } : null,
      payload.model,
      reg.skp_predikat,
    );
    profile = normed.status === 'dipetakan' ? normed : null;
  }
  const examDate = reg.closed_at
    ? reg.closed_at.toISOString().slice(0, 10)
    : profile
      ? reg.session_date
      : null;
  return {
    agencyName: reg.agency_name,
    campaignName: reg.campaign_name,
    identity: {
      fullName: reg.full_name,
      nip: reg.nip,
      positionName: reg.position_name,
      jenjang: reg.jenjang,
      unitName: reg.unit_name,
      examDate,
    },
    profile,
    resultVersion: result?.version ?? null,
    modelVersion: result?.scoring_model_version ?? null,
    normVersion: norm?.version ?? null,
    normPinned: pinned,
    dictionary,
    validUntil: !profile
      ? null
      : publication
        ? addYears(publication.published_at.toISOString(), publication.validity_years)
        : examDate
          ? addYears(examDate, reg.validity_years)
          : null,
    issuedAt,
    signatory: signatoryOf(reg.campaign_settings),
  };
}
