import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { ITEM_SHEET_COLUMNS } from '@petakom/domain';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../src/admin/master-data/sheet-reader.ts';
import type { PetakomServer } from '../src/server.ts';
import { startTestServer } from './harness.ts';
import { addAgency, addStaffUser, loggedIn, type StaffClient } from './staff-client.ts';

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
let bkd: StaffClient;
let bankId: string;
const prefix = uniqueRedisPrefix('server-admin-items');
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  tdb = await createTestDatabase('server-admin-items');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const agencyId = await addAgency(tdb.db);
  ({ server, url } = await startTestServer(tdb, prefix));
  bkd = await loggedIn(url, (await addStaffUser(tdb.db, ['bkd'], agencyId)).username);
  const bank = await bkd.request<{ bank: { id: string } }>('POST', '/api/v1/admin/item-banks', {
    name: 'Bank Potensi',
  });
  bankId = bank.body.bank.id;
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

async function itemCount(): Promise<number> {
  const row = await tdb.db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('item_bank_id', '=', bankId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const sjt = {
  type: 'sjt',
  stem: { text: 'Atasan meminta Anda mengubah laporan.' },
  competency: 'M1',
  indicator: 'M1.2.1',
  options: [1, 2, 3, 4].map((w) => ({ id: `O${w}`, content: { text: `tindakan ${w}` }, weight: w })),
};

describe('authoring', () => {
  it('creates an item with an image and keeps every version when it is edited', async () => {
    const content = {
      ...sjt,
      stem: { text: 'Lihat gambar.', image: { src: `data:image/png;base64,${PNG}`, alt: 'grafik' } },
    };
    const created = await bkd.request<{ item: { itemId: string; versionId: string; version: number } }>(
      'POST',
      `/api/v1/admin/item-banks/${bankId}/items`,
      { code: 'SJT-1', content },
    );
    expect(created.status).toBe(200);
    const edited = await bkd.request<{ item: { versionId: string; version: number } }>(
      'PUT',
      `/api/v1/admin/items/${created.body.item.itemId}`,
      { content: { ...content, indicator: 'M1.2.2' } },
    );
    expect(edited.body.item.version).toBe(2);
    expect(edited.body.item.versionId).not.toBe(created.body.item.versionId);
    const versions = await bkd.request<{
      versions: { version: number; content: { indicator: string; id: string } }[];
    }>('GET', `/api/v1/admin/items/${created.body.item.itemId}/versions`);
    expect(versions.body.versions.map((v) => [v.version, v.content.indicator])).toEqual([
      [1, 'M1.2.1'],
      [2, 'M1.2.2'],
    ]);
    const row = await tdb.db
      .selectFrom('items')
      .select('current_version')
      .where('id', '=', created.body.item.itemId)
      .executeTakeFirstOrThrow();
    expect(row.current_version).toBe(2);
  });

  it('refuses an invalid item, an external image and an oversized image', async () => {
    const noKey = {
      type: 'single_choice',
      stem: { text: 'x' },
      subtest: 'verbal',
      options: [
        { id: 'A', content: { text: 'a' } },
        { id: 'B', content: { text: 'b' } },
      ],
      key: 'Z',
    };
    const bad = await bkd.request('POST', `/api/v1/admin/item-banks/${bankId}/items`, { content: noKey });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'VALIDATION', problems: [{ code: 'INVALID_ITEM' }] } });
    const external = { ...sjt, stem: { text: 'x', image: { src: 'https://example.com/a.png', alt: '' } } };
    expect(
      (await bkd.request('POST', `/api/v1/admin/item-banks/${bankId}/items`, { content: external })).body,
    ).toMatchObject({ error: { problems: [{ code: 'INVALID_IMAGE' }] } });
    const huge = {
      ...sjt,
      stem: { text: 'x', image: { src: `data:image/png;base64,${'A'.repeat(800_000)}`, alt: '' } },
    };
    expect(
      (await bkd.request('POST', `/api/v1/admin/item-banks/${bankId}/items`, { content: huge })).body,
    ).toMatchObject({ error: { problems: [{ code: 'INVALID_IMAGE' }] } });
  });
});

describe('imports', () => {
  it('imports a JSON bank and round-trips it through its own export', async () => {
    const file = {
      format: 'petakom-item-bank',
      version: 1,
      items: [
        {
          code: 'LIK-1',
          content: { type: 'likert', stem: { text: 'Saya jujur.' }, competency: 'M1', reverse: false },
        },
        {
          code: 'SA-1',
          content: {
            type: 'self_assessment',
            stem: { text: 'Diri saya' },
            competency: 'M2',
            statements: [1, 2, 3].map((l) => ({ id: `S${l}`, content: { text: `level ${l}` }, level: l })),
          },
        },
      ],
    };
    const res = await bkd.upload('/api/v1/admin/item-banks/' + bankId + '/imports?format=json', {
      name: 'bank.json',
      type: 'application/json',
      data: JSON.stringify(file),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 2 });
    const exported = await bkd.request<{ items: { code: string; content: unknown }[] }>(
      'GET',
      `/api/v1/admin/item-banks/${bankId}/export?format=json`,
    );
    expect(exported.body.items.filter((i) => i.code === 'LIK-1' || i.code === 'SA-1')).toEqual(file.items);
  });

  it('imports an XLSX sheet of every item type', async () => {
    const row = (r: Partial<Record<(typeof ITEM_SHEET_COLUMNS)[number], string>>) =>
      r as Record<string, string>;
    const file = await writeXlsx(ITEM_SHEET_COLUMNS, [
      row({
        code: 'X-SC',
        type: 'single_choice',
        subtest: 'numerik',
        stem: '2 + 2 = ?',
        key: 'B',
        option_a: '3',
        option_b: '4',
        option_c: '5',
      }),
      row({
        code: 'X-SJT',
        type: 'sjt',
        competency: 'M3',
        indicator: 'M3.1.1',
        stem: 'Rapat',
        option_a: 'diam',
        score_a: '1',
        option_b: 'bicara',
        score_b: '4',
      }),
      row({
        code: 'X-LIK',
        type: 'likert',
        competency: 'M4',
        reverse: 'ya',
        stem: 'Saya menunda pekerjaan.',
      }),
      row({
        code: 'X-SA',
        type: 'self_assessment',
        competency: 'M5',
        stem: 'Pelayanan',
        option_a: 'dasar',
        score_a: '1',
        option_b: 'mahir',
        score_b: '3',
      }),
    ]);
    const res = await bkd.upload(`/api/v1/admin/item-banks/${bankId}/imports?format=xlsx`, {
      name: 'bank.xlsx',
      type: XLSX,
      data: file,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 4 });
    const items = await bkd.request<{ items: { code: string; content: Record<string, unknown> }[] }>(
      'GET',
      `/api/v1/admin/item-banks/${bankId}/items`,
    );
    expect(items.body.items.find((i) => i.code === 'X-SC')?.content).toMatchObject({
      key: 'B',
      subtest: 'numerik',
    });
    expect(items.body.items.find((i) => i.code === 'X-LIK')?.content).toMatchObject({ reverse: true });
    // and its own XLSX export reads back
    const exported = await fetch(`${url}/api/v1/admin/item-banks/${bankId}/export?format=xlsx`, {
      headers: { cookie: `petakom_staff=${bkd.cookie}`, 'x-forwarded-for': bkd.ip },
    });
    expect(exported.headers.get('content-type')).toContain('spreadsheetml');
    const dry = await bkd.upload(`/api/v1/admin/item-banks/${bankId}/imports?format=xlsx&dryRun=true`, {
      name: 'e.xlsx',
      type: XLSX,
      data: new Uint8Array(await exported.arrayBuffer()),
    });
    // the export reads back as valid items; their codes are already in the bank, so nothing is imported twice
    expect(dry.status).toBe(400);
    const problems = (dry.body as { error: { problems: { code: string }[] } }).error.problems;
    expect(problems.length).toBe(await itemCount());
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['DUPLICATE_CODE']));
  });

  it('imports Moodle XML multichoice and truefalse with an embedded image', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/Potensi</text></category></question>
  <question type="multichoice">
    <name><text>MDL-1</text></name>
    <questiontext format="html"><text><![CDATA[<p>Manakah <b>bentuk</b> berikutnya?</p><img src="@@PLUGINFILE@@/pola.png" alt="pola">]]></text>
      <file name="pola.png" path="/" encoding="base64">${PNG}</file></questiontext>
    <single>true</single>
    <answer fraction="0"><text>Segitiga</text></answer>
    <answer fraction="100"><text>Lingkaran</text></answer>
    <answer fraction="0"><text>Persegi &amp; garis</text></answer>
  </question>
  <question type="truefalse">
    <name><text>MDL-2</text></name>
    <questiontext format="html"><text>Bumi itu bulat.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>`;
    const res = await bkd.upload(`/api/v1/admin/item-banks/${bankId}/imports?format=moodle&subtest=figural`, {
      name: 'moodle.xml',
      type: 'text/xml',
      data: xml,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 2 });
    const items = await bkd.request<{ items: { code: string; content: Record<string, unknown> }[] }>(
      'GET',
      `/api/v1/admin/item-banks/${bankId}/items`,
    );
    const mc = items.body.items.find((i) => i.code === 'MDL-1')?.content;
    expect(mc).toMatchObject({
      type: 'single_choice',
      subtest: 'figural',
      key: 'B',
      stem: {
        text: 'Manakah bentuk berikutnya?',
        image: { src: `data:image/png;base64,${PNG}`, alt: 'pola' },
      },
    });
    expect(mc?.['options']).toMatchObject([{}, {}, { content: { text: 'Persegi & garis' } }]);
    expect(items.body.items.find((i) => i.code === 'MDL-2')?.content).toMatchObject({ key: 'A' });
  });

  it('imports QTI 2.1 choice items', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="QTI-1" title="Sinonim" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>ChoiceC</value></correctResponse>
  </responseDeclaration>
  <itemBody>
    <p>Sinonim kata <i>cerdas</i> adalah …</p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
      <simpleChoice identifier="ChoiceA">lamban</simpleChoice>
      <simpleChoice identifier="ChoiceB">malas</simpleChoice>
      <simpleChoice identifier="ChoiceC">pandai</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>`;
    const res = await bkd.upload(`/api/v1/admin/item-banks/${bankId}/imports?format=qti`, {
      name: 'qti.xml',
      type: 'text/xml',
      data: xml,
    });
    expect(res.status).toBe(200);
    const items = await bkd.request<{ items: { code: string; content: Record<string, unknown> }[] }>(
      'GET',
      `/api/v1/admin/item-banks/${bankId}/items`,
    );
    expect(items.body.items.find((i) => i.code === 'QTI-1')?.content).toMatchObject({
      stem: { text: 'Sinonim kata cerdas adalah …' },
      key: 'C',
      options: [{ id: 'A', content: { text: 'lamban' } }, {}, {}],
    });
  });

  it('refuses a bad file with a report of every problem and imports nothing from it', async () => {
    const before = await itemCount();
    const moodle = `<quiz>
  <question type="multichoice"><name><text>OK-1</text></name><questiontext><text>Baik</text></questiontext>
    <answer fraction="100"><text>ya</text></answer><answer fraction="0"><text>tidak</text></answer></question>
  <question type="essay"><name><text>ESAI</text></name><questiontext><text>Tulis</text></questiontext></question>
  <question type="multichoice"><name><text>NOKEY</text></name><questiontext><text>?</text></questiontext>
    <answer fraction="50"><text>a</text></answer><answer fraction="50"><text>b</text></answer></question>
</quiz>`;
    const res = await bkd.upload(`/api/v1/admin/item-banks/${bankId}/imports?format=moodle`, {
      name: 'm.xml',
      type: 'text/xml',
      data: moodle,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        code: 'VALIDATION',
        problems: [
          { line: 2, code: 'UNSUPPORTED_QUESTION' },
          { line: 3, code: 'INVALID_ITEM' },
        ],
      },
    });
    const broken = await bkd.upload(`/api/v1/admin/item-banks/${bankId}/imports?format=qti`, {
      name: 'q.xml',
      type: 'text/xml',
      data: '<assessmentItem><itemBody>',
    });
    expect(broken.body).toMatchObject({ error: { problems: [{ code: 'INVALID_FILE' }] } });
    const json = {
      format: 'petakom-item-bank',
      version: 1,
      items: [
        { code: 'J-OK', content: { type: 'likert', stem: { text: 'a' }, competency: 'M1', reverse: false } },
        {
          code: 'J-BAD',
          content: { type: 'likert', stem: { text: 'b' }, competency: 'BELUM_ADA', reverse: false },
        },
      ],
    };
    const unknown = await bkd.upload(`/api/v1/admin/item-banks/${bankId}/imports?format=json`, {
      name: 'b.json',
      type: 'application/json',
      data: JSON.stringify(json),
    });
    expect(unknown.body).toMatchObject({
      error: { problems: [{ line: 2, message: expect.stringContaining('BELUM_ADA') }] },
    });
    expect(await itemCount()).toBe(before);
  });
});
