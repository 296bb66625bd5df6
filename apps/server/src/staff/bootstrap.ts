// First admin of an install: `tsx apps/server/src/staff/bootstrap.ts <username> <agency code> [agency name]`
// with the password in PETAKOM_ADMIN_PASSWORD. Does nothing when the username already exists.
import { pathToFileURL } from 'node:url';
import { createDb, type Database } from '@petakom/db';
import { STAFF_PASSWORD_MIN_LENGTH } from '@petakom/protocol';
import type { Kysely } from 'kysely';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.ts';
import { loadServerConfig } from '../config.ts';
import { hashPassword } from './passwords.ts';

export async function bootstrapAdmin(
  db: Kysely<Database>,
  input: { username: string; password: string; agencyCode: string; agencyName?: string },
): Promise<{ created: boolean; id: string }> {
  if (input.password.length < STAFF_PASSWORD_MIN_LENGTH) {
    throw new Error(`password must have at least ${STAFF_PASSWORD_MIN_LENGTH} characters`);
  }
  const username = input.username.trim().toLowerCase();
  const encoded = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (existing) return { created: false, id: existing.id };
    await trx
      .insertInto('agencies')
      .values({ code: input.agencyCode, name: input.agencyName ?? input.agencyCode })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const agency = await trx
      .selectFrom('agencies')
      .select('id')
      .where('code', '=', input.agencyCode)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('staff_users')
      .values({
        agency_id: agency.id,
        username,
        full_name: username,
        password_hash: encoded,
        roles: ['admin'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: SYSTEM_ACTOR,
      action: 'staff.bootstrap',
      targetType: 'staff_user',
      targetId: row.id,
    });
    return { created: true, id: row.id };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [username, agencyCode, agencyName] = process.argv.slice(2);
  const password = process.env['PETAKOM_ADMIN_PASSWORD'];
  if (!username || !agencyCode || !password) {
    console.error(
      'usage: PETAKOM_ADMIN_PASSWORD=… tsx src/staff/bootstrap.ts <username> <agency code> [agency name]',
    );
    process.exit(2);
  }
  const config = loadServerConfig();
  const db = createDb(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA });
  bootstrapAdmin(db, { username, password, agencyCode, ...(agencyName ? { agencyName } : {}) })
    .then((r) =>
      console.log(r.created ? `admin ${username} created` : `${username} already exists; nothing changed`),
    )
    .catch((err: unknown) => {
      console.error(String(err));
      process.exitCode = 1;
    })
    .finally(() => void db.destroy());
}
