// Setting a campaign up: the agency's campaign list with its dates and counts, creating one on a
// battery of the same agency, and editing its name, status and laporan penyelenggaraan details.
import type { Database, JsonObject } from '@petakom/db';
import {
  organiserInfoSchema,
  type CampaignSummary,
  type OrganiserInfo,
  campaignCreateRequestSchema,
  campaignUpdateRequestSchema,
} from '@petakom/protocol';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit.ts';
import { ApiFailure } from '../../staff/api-failure.ts';
import type { StaffPrincipal } from '../../staff/roles.ts';

type CreateRequest = z.output<typeof campaignCreateRequestSchema>;
type UpdateRequest = z.output<typeof campaignUpdateRequestSchema>;

/** What `campaigns.settings.organiser` holds; anything unreadable shows as empty, never as a 500. */
function organiserOf(settings: unknown): OrganiserInfo {
  const raw = (settings as Record<string, unknown> | null)?.['organiser'] ?? {};
  const parsed = organiserInfoSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

export class CampaignSetupService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Campaigns of one agency (null: every agency, for a staff account bound to none), newest first. */
  async list(agencyId: string | null, campaignId?: string): Promise<CampaignSummary[]> {
    let query = this.db
      .selectFrom('campaigns as c')
      .innerJoin('batteries as b', 'b.id', 'c.battery_id')
      .select((eb) => [
        'c.id',
        'c.name',
        'c.purpose',
        'c.status',
        'c.battery_id as batteryId',
        'b.name as batteryName',
        'c.validity_years as validityYears',
        'c.created_at as createdAt',
        'c.settings',
        eb
          .selectFrom('exam_sessions as s')
          .whereRef('s.campaign_id', '=', 'c.id')
          .select(sql<string | null>`min(s.date)::text`.as('d'))
          .as('firstDate'),
        eb
          .selectFrom('exam_sessions as s')
          .whereRef('s.campaign_id', '=', 'c.id')
          .select(sql<string | null>`max(s.date)::text`.as('d'))
          .as('lastDate'),
        eb
          .selectFrom('exam_sessions as s')
          .whereRef('s.campaign_id', '=', 'c.id')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('sessions'),
        eb
          .selectFrom('registrations as r')
          .whereRef('r.campaign_id', '=', 'c.id')
          .where('r.status', '!=', 'moved')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('registered'),
      ])
      .orderBy('c.created_at', 'desc')
      .orderBy('c.name');
    if (agencyId !== null) query = query.where('c.agency_id', '=', agencyId);
    if (campaignId !== undefined) query = query.where('c.id', '=', campaignId);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      purpose: r.purpose,
      status: r.status,
      batteryId: r.batteryId,
      batteryName: r.batteryName,
      validityYears: r.validityYears,
      createdAt: new Date(r.createdAt).toISOString(),
      firstDate: r.firstDate ?? null,
      lastDate: r.lastDate ?? null,
      sessions: Number(r.sessions ?? 0),
      registered: Number(r.registered ?? 0),
      organiser: organiserOf(r.settings),
    }));
  }

  async get(agencyId: string | null, campaignId: string): Promise<CampaignSummary> {
    const [campaign] = await this.list(agencyId, campaignId);
    if (!campaign) throw new ApiFailure('NOT_FOUND', 'Kampanye tidak ditemukan.');
    return campaign;
  }

  async create(staff: StaffPrincipal, agencyId: string, body: CreateRequest): Promise<CampaignSummary> {
    const id = await this.db.transaction().execute(async (trx) => {
      const battery = await trx
        .selectFrom('batteries')
        .select('id')
        .where('id', '=', body.batteryId)
        .where('agency_id', '=', agencyId)
        .executeTakeFirst();
      if (!battery) throw new ApiFailure('VALIDATION', 'Baterai tes tidak ditemukan di instansi ini.');
      const settings: JsonObject = body.organiser ? { organiser: body.organiser } : {};
      const row = await trx
        .insertInto('campaigns')
        .values({
          agency_id: agencyId,
          battery_id: battery.id,
          name: body.name,
          purpose: body.purpose,
          validity_years: body.validityYears,
          settings: JSON.stringify(settings),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: staff,
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: row.id,
        detail: {
          name: body.name,
          batteryId: battery.id,
          purpose: body.purpose,
          validityYears: body.validityYears,
        },
      });
      return row.id;
    });
    return this.get(agencyId, id);
  }

  /** The caller has already been checked to reach this campaign (`campaignFor`). */
  async update(staff: StaffPrincipal, campaignId: string, body: UpdateRequest): Promise<CampaignSummary> {
    await this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('campaigns')
        .select(['name', 'status', 'settings'])
        .where('id', '=', campaignId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const settings = { ...(current.settings as JsonObject) };
      if (body.organiser !== undefined) settings['organiser'] = body.organiser;
      await trx
        .updateTable('campaigns')
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.status !== undefined ? { status: body.status } : {}),
          settings: JSON.stringify(settings),
          updated_at: new Date(),
        })
        .where('id', '=', campaignId)
        .execute();
      await recordAudit(trx, {
        actor: staff,
        action: 'campaign.update',
        targetType: 'campaign',
        targetId: campaignId,
        reason: body.reason ?? null,
        detail: {
          ...(body.name !== undefined ? { name: { from: current.name, to: body.name } } : {}),
          ...(body.status !== undefined ? { status: { from: current.status, to: body.status } } : {}),
          ...(body.organiser !== undefined ? { organiser: body.organiser } : {}),
        },
      });
    });
    return this.get(null, campaignId);
  }
}
