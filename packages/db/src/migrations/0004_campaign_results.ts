// Results review and distribution: assessors' second-opinion comments on a result, and the webhook
// endpoints through which HR information systems hear of publications. Frozen once merged.
import { sql, type Kysely, type Migration } from 'kysely';

const statements: readonly string[] = [
  // An assessor's review of one result version: agree, disagree (a second opinion) or a note.
  `CREATE TABLE result_reviews (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     result_id uuid NOT NULL REFERENCES results (id),
     reviewer_id uuid NOT NULL REFERENCES staff_users (id),
     verdict text NOT NULL CHECK (verdict IN ('agree', 'disagree', 'note')),
     comment text NOT NULL CHECK (length(comment) BETWEEN 1 AND 4000),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX result_reviews_result_id_idx ON result_reviews (result_id, created_at)`,

  // The secret signs deliveries (HMAC-SHA256), so it is kept, not hashed; the API key is hashed.
  `CREATE TABLE webhook_endpoints (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     api_client_id uuid NOT NULL REFERENCES api_clients (id),
     url text NOT NULL CHECK (url ~ '^https?://'),
     secret text NOT NULL CHECK (length(secret) >= 16),
     created_at timestamptz NOT NULL DEFAULT now(),
     disabled_at timestamptz
   )`,
  `CREATE INDEX webhook_endpoints_api_client_id_idx ON webhook_endpoints (api_client_id)`,

  // the HR API pages through live publications of a campaign in publication order
  `CREATE INDEX publications_live_order_idx ON publications (published_at, id) WHERE withdrawn_at IS NULL`,
];

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
