// API keys of HR information systems: shown once at creation, stored only as a SHA-256 hash (the key
// is 32 random bytes, so a fast hash is enough), checked on every /api/v1/hr request.
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@petakom/db';
import type { Kysely } from 'kysely';

export const API_KEY_PREFIX = 'pkhr_';
export const HR_READ_SCOPE = 'results:read';

export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export interface ApiClientPrincipal {
  id: string;
  /** The only agency whose published results this client may read. */
  agencyId: string;
  name: string;
  scopes: string[];
}

export async function authenticateApiKey(
  db: Kysely<Database>,
  key: string | undefined,
): Promise<ApiClientPrincipal | null> {
  if (key === undefined || !key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await db
    .updateTable('api_clients')
    .set({ last_used_at: new Date() })
    .where('key_hash', '=', hashApiKey(key))
    .where('revoked_at', 'is', null)
    .returning(['id', 'agency_id as agencyId', 'name', 'scopes'])
    .executeTakeFirst();
  return row ?? null;
}
