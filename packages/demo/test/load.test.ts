import { verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@petakom/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../src/index.ts';

describe('seedDemoIfEmpty', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('demo-load');
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('loads the whole demo into an empty database once and leaves it alone the second time', async () => {
    const first = await seedDemoIfEmpty(t.db, { today: '2026-11-23' });
    expect(first.seeded).toBe(true);
    const second = await seedDemoIfEmpty(t.db, { today: '2026-11-24' });
    expect(second.seeded).toBe(false);

    const count = async (
      table:
        | 'agencies'
        | 'units'
        | 'participants'
        | 'items'
        | 'item_versions'
        | 'exam_sessions'
        | 'registrations'
        | 'proctor_assignments'
        | 'staff_users'
        | 'campaigns'
        | 'batteries',
    ) =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('agencies')).toBe(1);
    expect(await count('units')).toBe(12);
    expect(await count('participants')).toBe(2111);
    expect(await count('items')).toBe(204);
    expect(await count('item_versions')).toBe(204);
    expect(await count('batteries')).toBe(1);
    expect(await count('campaigns')).toBe(1);
    expect(await count('exam_sessions')).toBe(28);
    expect(await count('registrations')).toBe(2100);
    expect(await count('proctor_assignments')).toBe(28);
    expect(await count('staff_users')).toBe(7);

    const firstDay = await t.db
      .selectFrom('exam_sessions')
      .select(['date', 'slot'])
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    expect(firstDay).toEqual({ date: '2026-11-23', slot: 'pagi' });

    const admin = await t.db
      .selectFrom('staff_users')
      .select(['password_hash', 'roles'])
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(admin.roles).toEqual(['admin']);
    expect(await verify(admin.password_hash, 'admin-demo')).toBe(true);

    // The blueprint names item versions, which is what the server builds forms from.
    const battery = await t.db.selectFrom('batteries').select('blueprint').executeTakeFirstOrThrow();
    const ids = (battery.blueprint as { sections: { itemIds: string[] }[] }).sections.flatMap(
      (s) => s.itemIds,
    );
    const versions = await t.db.selectFrom('item_versions').select('id').where('id', 'in', ids).execute();
    expect(versions).toHaveLength(204);
  }, 60_000);
});
