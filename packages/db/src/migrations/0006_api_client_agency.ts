// Ties every HR API client to one agency, so its key reads only that agency's published results and
// its webhooks hear only that agency's publications. Frozen once merged.
//
// Written for an empty api_clients table (there were no deployments when it shipped); on a table
// with rows it stops with the message below and changes nothing. Those clients' keys could read every
// agency's results, so an operator who has any must, before upgrading, revoke them, delete their
// webhook_endpoints rows and then the api_clients rows, and after upgrading issue each HR system a
// new key from an admin account of its own agency (POST /api/v1/admin/api-clients).
import { sql, type Kysely, type Migration } from 'kysely';

const statements: readonly string[] = [
  `DO $$
   BEGIN
     IF EXISTS (SELECT 1 FROM api_clients) THEN
       RAISE EXCEPTION '0006_api_client_agency: api_clients has rows; revoke and delete them, then issue new keys per agency (see the migration''s comment)';
     END IF;
   END $$`,
  `ALTER TABLE api_clients ADD COLUMN agency_id uuid NOT NULL REFERENCES agencies (id)`,
  // names are unique within an agency, so one agency cannot learn another's client names
  `ALTER TABLE api_clients DROP CONSTRAINT api_clients_name_key`,
  `ALTER TABLE api_clients ADD CONSTRAINT api_clients_agency_name_key UNIQUE (agency_id, name)`,
];

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
