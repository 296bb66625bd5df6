// Registering, listing and revoking the HR systems that read results: each client belongs to one
// agency, and a staff member of an agency reaches only their own agency's clients (a platform admin,
// a staff account without an agency, reaches all and must name the agency when registering one).
import type { Database } from '@petakom/db';
import type { ApiClientSummary } from '@petakom/protocol';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import { ApiFailure } from '../staff/api-failure.ts';
import type { StaffPrincipal } from '../staff/roles.ts';
import { HR_READ_SCOPE, hashApiKey, newApiKey, newWebhookSecret } from './api-keys.ts';

export interface NewApiClient {
  name: string;
  webhookUrl?: string | undefined;
  agencyId?: string | undefined;
}

export class ApiClientsService {
  constructor(private readonly db: Kysely<Database>) {}

  /** The agency a new client belongs to: the staff member's own, never one they name otherwise. */
  private async agencyFor(staff: StaffPrincipal, requested: string | undefined): Promise<string> {
    if (staff.agencyId !== null) {
      if (requested !== undefined && requested !== staff.agencyId)
        throw new ApiFailure('FORBIDDEN', 'Klien API hanya dapat didaftarkan untuk instansi Anda sendiri.');
      return staff.agencyId;
    }
    if (requested === undefined)
      throw new ApiFailure('VALIDATION', 'Pilih instansi pemilik klien API (agencyId).');
    const agency = await this.db
      .selectFrom('agencies')
      .select('id')
      .where('id', '=', requested)
      .executeTakeFirst();
    if (!agency) throw new ApiFailure('NOT_FOUND', 'Instansi tidak ditemukan.');
    return agency.id;
  }

  async create(staff: StaffPrincipal, input: NewApiClient) {
    const agencyId = await this.agencyFor(staff, input.agencyId);
    const apiKey = newApiKey();
    return this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('api_clients')
        .select('id')
        .where('agency_id', '=', agencyId)
        .where('name', '=', input.name)
        .executeTakeFirst();
      if (taken) throw new ApiFailure('VALIDATION', 'Nama klien API sudah dipakai.', undefined, 409);
      const client = await trx
        .insertInto('api_clients')
        .values({
          agency_id: agencyId,
          name: input.name,
          key_hash: hashApiKey(apiKey),
          scopes: [HR_READ_SCOPE],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      let webhook = null;
      if (input.webhookUrl) {
        const secret = newWebhookSecret();
        const row = await trx
          .insertInto('webhook_endpoints')
          .values({ api_client_id: client.id, url: input.webhookUrl, secret })
          .returning('id')
          .executeTakeFirstOrThrow();
        webhook = { id: row.id, url: input.webhookUrl, secret };
      }
      await recordAudit(trx, {
        actor: staff,
        action: 'api_client.create',
        targetType: 'api_client',
        targetId: client.id,
        detail: { name: input.name, agencyId, webhook: webhook !== null },
      });
      return { id: client.id, apiKey, webhook };
    });
  }

  /** The clients of the staff member's agency (a platform admin: all, or one agency's), newest first. */
  async list(staff: StaffPrincipal, agencyFilter: string | undefined): Promise<ApiClientSummary[]> {
    const agencyId = staff.agencyId ?? agencyFilter;
    let query = this.db
      .selectFrom('api_clients as c')
      .innerJoin('agencies as a', 'a.id', 'c.agency_id')
      .select([
        'c.id',
        'c.agency_id',
        'a.name as agency_name',
        'c.name',
        'c.scopes',
        'c.created_at',
        'c.last_used_at',
        'c.revoked_at',
      ]);
    if (agencyId !== undefined) query = query.where('c.agency_id', '=', agencyId);
    const clients = await query.orderBy('c.created_at', 'desc').orderBy('c.id').execute();
    const hooks =
      clients.length === 0
        ? []
        : await this.db
            .selectFrom('webhook_endpoints')
            .select(['id', 'api_client_id', 'url', 'disabled_at'])
            .where(
              'api_client_id',
              'in',
              clients.map((c) => c.id),
            )
            .orderBy('created_at')
            .execute();
    return clients.map((c) => ({
      id: c.id,
      agencyId: c.agency_id,
      agencyName: c.agency_name,
      name: c.name,
      scopes: c.scopes,
      createdAt: c.created_at.toISOString(),
      lastUsedAt: c.last_used_at?.toISOString() ?? null,
      revokedAt: c.revoked_at?.toISOString() ?? null,
      webhooks: hooks
        .filter((h) => h.api_client_id === c.id)
        .map((h) => ({ id: h.id, url: h.url, disabledAt: h.disabled_at?.toISOString() ?? null })),
    }));
  }

  /** Revokes the key and disables its webhooks, so queued deliveries stop too; audited. */
  async revoke(staff: StaffPrincipal, clientId: string, reason?: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const now = new Date();
      let update = trx
        .updateTable('api_clients')
        .set({ revoked_at: now })
        .where('id', '=', clientId)
        .where('revoked_at', 'is', null);
      // another agency's client is answered exactly like an unknown one
      if (staff.agencyId !== null) update = update.where('agency_id', '=', staff.agencyId);
      const row = await update.returning(['id', 'name', 'agency_id']).executeTakeFirst();
      if (!row) throw new ApiFailure('NOT_FOUND', 'Klien API tidak ditemukan.');
      const disabled = await trx
        .updateTable('webhook_endpoints')
        .set({ disabled_at: now })
        .where('api_client_id', '=', row.id)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      await recordAudit(trx, {
        actor: staff,
        action: 'api_client.revoke',
        targetType: 'api_client',
        targetId: row.id,
        reason: reason ?? null,
        detail: {
          name: row.name,
          agencyId: row.agency_id,
          webhooksDisabled: Number(disabled.numUpdatedRows),
        },
      });
    });
  }
}
