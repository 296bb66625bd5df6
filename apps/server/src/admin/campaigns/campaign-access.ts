// A staff member reaches only the campaigns of their own agency (a staff account without an agency,
// a platform admin, reaches all).
import type { Database } from '@petakom/db';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../../staff/api-failure.ts';
import { currentStaff } from '../../staff/roles.ts';

export interface CampaignRow {
  id: string;
  agency_id: string;
  name: string;
  purpose: 'pemetaan' | 'pengisian';
  validity_years: number;
  settings: Record<string, unknown>;
}

export async function campaignFor(
  db: Kysely<Database>,
  request: FastifyRequest,
  campaignId: string,
): Promise<CampaignRow> {
  const staff = currentStaff(request);
  const campaign = await db
    .selectFrom('campaigns')
    .select(['id', 'agency_id', 'name', 'purpose', 'validity_years', 'settings'])
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (!campaign || (staff.agencyId !== null && staff.agencyId !== campaign.agency_id)) {
    throw new ApiFailure('NOT_FOUND', 'Kampanye tidak ditemukan.');
  }
  return campaign;
}
