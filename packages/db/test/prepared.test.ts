// Named statements: a marked query runs as a statement Postgres planned once per connection, with
// the same rows as before; unmarked queries stay unnamed.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.ts';
import { prepareNamed } from '../src/prepared.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

let tdb: TestDatabase;
/** One connection, so the statements it prepared can be listed through it. */
let single: ReturnType<typeof createDb>;

beforeAll(async () => {
  tdb = await createTestDatabase('db-prepared');
  single = createDb(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres', {
    schema: tdb.schema,
    max: 1,
  });
});

afterAll(async () => {
  await single?.destroy();
  await tdb?.destroy();
});

const prepared = async () =>
  (
    await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(single)
  ).rows.map((r) => r.name);

describe('named statements', () => {
  it('runs a marked query as its named statement on every execution, with its parameters', async () => {
    const echo = (value: string) => sql<{ v: string }>`select ${value}::text as v`;
    prepareNamed('petakom_test_echo', echo('x').compile(single).sql);
    expect(await prepared()).not.toContain('petakom_test_echo');
    expect((await echo('Bidang Mutasi').execute(single)).rows).toEqual([{ v: 'Bidang Mutasi' }]);
    expect(await prepared()).toContain('petakom_test_echo');
    expect((await echo('Bidang Diklat').execute(single)).rows).toEqual([{ v: 'Bidang Diklat' }]);
  });

  it('leaves queries nobody marked unnamed', async () => {
    const before = await prepared();
    await single.selectFrom('units').select('id').where('name', '=', 'Bidang Mutasi').execute();
    await sql`select ${'y'}::text as w`.execute(single);
    expect(await prepared()).toEqual(before);
  });

  it('refuses one name for two queries', () => {
    prepareNamed('petakom_test_one', 'select 1');
    expect(() => prepareNamed('petakom_test_one', 'select 2')).toThrow(/names another query/);
    expect(() => prepareNamed('petakom_test_other', 'select 1')).toThrow(/already prepared/);
  });
});
