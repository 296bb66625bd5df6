// A publication pins the potensi norm version its result is read against, so a published standard
// score, band and 9-box never move when later results change the campaign's norm; norm versions
// become history that cannot be edited. Frozen once merged.
import { sql, type Kysely, type Migration } from 'kysely';

const statements: readonly string[] = [
  `ALTER TABLE publications ADD COLUMN norm_id uuid REFERENCES campaign_norms (id)`,

  // Publications made before this migration: the norm that was in force when they were published.
  `UPDATE publications pub
      SET norm_id = (SELECT n.id FROM campaign_norms n
                      WHERE n.campaign_id = pub.campaign_id AND n.computed_at <= pub.published_at
                      ORDER BY n.version DESC LIMIT 1)`,

  // Whoever inserts a publication, the campaign's latest norm at that moment is the one pinned
  // (none yet: null, and the published result has no standard score); it never changes afterwards.
  `CREATE FUNCTION publications_pin_norm() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       IF NEW.norm_id IS NULL THEN
         NEW.norm_id := (SELECT id FROM campaign_norms WHERE campaign_id = NEW.campaign_id
                          ORDER BY version DESC LIMIT 1);
       ELSIF NOT EXISTS (SELECT 1 FROM campaign_norms
                          WHERE id = NEW.norm_id AND campaign_id = NEW.campaign_id) THEN
         RAISE EXCEPTION 'publications.norm_id must be a norm of the same campaign'
           USING ERRCODE = 'integrity_constraint_violation';
       END IF;
     ELSIF NEW.norm_id IS DISTINCT FROM OLD.norm_id THEN
       RAISE EXCEPTION 'publications.norm_id is fixed at publication'
         USING ERRCODE = 'insufficient_privilege';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER publications_pin_norm BEFORE INSERT OR UPDATE ON publications
     FOR EACH ROW EXECUTE FUNCTION publications_pin_norm()`,

  `CREATE FUNCTION campaign_norms_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'campaign_norms is append-only: % refused', TG_OP
       USING ERRCODE = 'insufficient_privilege';
   END $$`,
  `CREATE TRIGGER campaign_norms_no_update_delete BEFORE UPDATE OR DELETE ON campaign_norms
     FOR EACH ROW EXECUTE FUNCTION campaign_norms_append_only()`,
];

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
