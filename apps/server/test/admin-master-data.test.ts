import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
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
let agencyId: string;
let bkd: StaffClient;
const prefix = uniqueRedisPrefix('server-admin-master');

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  tdb = await createTestDatabase('server-admin-master');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  agencyId = await addAgency(tdb.db);
  ({ server, url } = await startTestServer(tdb, prefix));
  const user = await addStaffUser(tdb.db, ['bkd'], agencyId);
  bkd = await loggedIn(url, user.username);
  expect(
    (await bkd.request('POST', '/api/v1/admin/units', { code: 'BKD', name: 'Badan Kepegawaian Daerah' }))
      .status,
  ).toBe(200);
  expect(
    (await bkd.request('POST', '/api/v1/admin/units', { code: 'DINKES', name: 'Dinas Kesehatan' })).status,
  ).toBe(200);
  const positions = [
    'kode,nama,jenjang,unit,M1,M3',
    'ANALIS,Analis SDM Aparatur,Ahli Pertama,BKD,3,',
    'KABID,Kepala Bidang,administrator,BKD,,4',
    'SEKDA,Sekretaris Daerah,JPT Madya,,,',
  ].join('\n');
  const dry = await bkd.upload('/api/v1/admin/positions/imports', {
    name: 'jabatan.csv',
    type: CSV,
    data: positions,
  });
  expect(dry.body).toMatchObject({ canApply: true, problems: [] });
  expect(
    (await bkd.request('POST', `/api/v1/admin/positions/imports/${String(dry.body['importId'])}/apply`))
      .status,
  ).toBe(200);
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

async function participantCount(): Promise<number> {
  const row = await tdb.db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('positions', () => {
  it('imports positions with their standard: jenjang defaults, overridden levels', async () => {
    const res = await bkd.request<{
      positions: {
        code: string;
        jenjang: string;
        standard: { competency: string; requiredLevel: number }[];
      }[];
    }>('GET', '/api/v1/admin/positions');
    const analis = res.body.positions.find((p) => p.code === 'ANALIS');
    expect(analis?.jenjang).toBe('ahli_pertama');
    const level = (code: string) => analis?.standard.find((r) => r.competency === code)?.requiredLevel;
    expect(level('M1')).toBe(3); // overridden
    expect(level('M2')).toBe(2); // Ahli Pertama default
    expect(analis?.standard).toHaveLength(9);
  });

  it('edits a standard and records it in the audit log, refusing unknown competencies', async () => {
    const list = await bkd.request<{ positions: { id: string; code: string }[] }>(
      'GET',
      '/api/v1/admin/positions',
    );
    const kabid = list.body.positions.find((p) => p.code === 'KABID');
    const bad = await bkd.request('PUT', `/api/v1/admin/positions/${kabid?.id}/standard`, {
      requirements: [{ competency: 'TEKNIS9', requiredLevel: 3, importance: 'mutlak' }],
    });
    expect(bad.status).toBe(400);
    const res = await bkd.request('PUT', `/api/v1/admin/positions/${kabid?.id}/standard`, {
      requirements: [
        { competency: 'M1', requiredLevel: 4, importance: 'mutlak' },
        { competency: 'M8', requiredLevel: 3, importance: 'penting' },
      ],
      reason: 'SKJ baru',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      position: {
        standard: [{ competency: 'M1', requiredLevel: 4, importance: 'mutlak' }, { competency: 'M8' }],
      },
    });
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('target_id', '=', kabid?.id ?? '')
      .execute();
    expect(audit).toContainEqual({ action: 'position.standard.update', reason: 'SKJ baru' });
  });
});

describe('roster import', () => {
  it('lists every bad row with its reason in a dry run and applies nothing', async () => {
    const csv = [
      'NIP;Nama;Tanggal Lahir;Jabatan;Unit Kerja;Predikat SKP;Email',
      '199001012015031001;Ani;01-01-1990;Analis SDM Aparatur;BKD;Baik;ani@example.go.id',
      '12345;Budi;;ANALIS;BKD;Baik;',
      '199001012015031001;Ani Lagi;;ANALIS;BKD;;',
      '198502022010012002;Citra;;Penjaga Menara;BKD;;',
      '197003032000031003;Dodi;;SEKDA;BKD;;',
      '199204042019032004;Eka;;ANALIS;Dinas Entah;Luar Biasa;bukan-email',
    ].join('\n');
    const before = await participantCount();
    const res = await bkd.upload<{
      importId: string;
      problems: { line: number; code: string }[];
      canApply: boolean;
      totalRows: number;
      validRows: number;
    }>('/api/v1/admin/roster/imports', { name: 'roster.csv', type: CSV, data: csv });
    expect(res.status).toBe(200);
    expect(res.body.totalRows).toBe(6);
    expect(res.body.validRows).toBe(1);
    expect(res.body.canApply).toBe(false);
    expect(res.body.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'INVALID_NIP'],
      [4, 'DUPLICATE_NIP'],
      [5, 'UNKNOWN_POSITION'],
      [6, 'ABOVE_MASS_CAT_LEVEL'],
      [7, 'UNKNOWN_UNIT'],
      [7, 'INVALID_SKP'],
      [7, 'INVALID_EMAIL'],
    ]);
    const apply = await bkd.request('POST', `/api/v1/admin/roster/imports/${res.body.importId}/apply`);
    expect(apply.status).toBe(409);
    expect(await participantCount()).toBe(before);
  });

  it('lets a non-CAT roster keep positions above Administrator', async () => {
    const csv = 'nip,nama,jabatan,unit\n197003032000031003,Dodi,SEKDA,BKD\n';
    const res = await bkd.upload('/api/v1/admin/roster/imports?massCat=false', {
      name: 'r.csv',
      type: CSV,
      data: csv,
    });
    expect(res.body).toMatchObject({ canApply: true, problems: [] });
  });

  it('applies a clean XLSX roster once, all rows together, and updates on a second import', async () => {
    const columns = ['NIP', 'Nama', 'Tanggal Lahir', 'Jabatan', 'Unit Kerja', 'Predikat SKP', 'Email'];
    const rows = [
      {
        NIP: '199105052016021005',
        Nama: 'Fajar',
        'Tanggal Lahir': '1991-05-05',
        Jabatan: 'ANALIS',
        'Unit Kerja': 'BKD',
        'Predikat SKP': 'Sangat Baik',
        Email: 'Fajar@Example.go.id',
      },
      {
        NIP: '198806062012122006',
        Nama: 'Gita',
        'Tanggal Lahir': '',
        Jabatan: 'Kepala Bidang',
        'Unit Kerja': 'Dinas Kesehatan',
        'Predikat SKP': '',
        Email: '',
      },
    ];
    const file = await writeXlsx(columns, rows);
    const dry = await bkd.upload<{ importId: string; canApply: boolean; summary: Record<string, number> }>(
      '/api/v1/admin/roster/imports',
      { name: 'roster.xlsx', type: XLSX, data: file },
    );
    expect(dry.body).toMatchObject({ canApply: true, validRows: 2, summary: { inserted: 2, updated: 0 } });
    const applied = await bkd.request('POST', `/api/v1/admin/roster/imports/${dry.body.importId}/apply`);
    expect(applied.status).toBe(200);
    expect(
      (await bkd.request('POST', `/api/v1/admin/roster/imports/${dry.body.importId}/apply`)).status,
    ).toBe(409);
    const stored = await tdb.db
      .selectFrom('participants')
      .selectAll()
      .where('nip', 'in', ['199105052016021005', '198806062012122006'])
      .orderBy('nip')
      .execute();
    expect(stored.map((p) => [p.full_name, p.birth_date, p.gender, p.skp_predikat, p.email])).toEqual([
      ['Gita', '1988-06-06', 'P', null, null],
      ['Fajar', '1991-05-05', 'L', 'sangat_baik', 'fajar@example.go.id'],
    ]);

    rows[0] = { ...rows[0], Nama: 'Fajar Nugraha', 'Predikat SKP': 'Baik' } as (typeof rows)[number];
    const again = await bkd.upload<{ importId: string }>('/api/v1/admin/roster/imports', {
      name: 'roster.xlsx',
      type: XLSX,
      data: await writeXlsx(columns, rows),
    });
    expect(again.body).toMatchObject({ summary: { inserted: 0, updated: 2 } });
    expect(
      (await bkd.request('POST', `/api/v1/admin/roster/imports/${again.body.importId}/apply`)).status,
    ).toBe(200);
    const fajar = await tdb.db
      .selectFrom('participants')
      .select(['full_name', 'skp_predikat'])
      .where('nip', '=', '199105052016021005')
      .executeTakeFirstOrThrow();
    expect(fajar).toEqual({ full_name: 'Fajar Nugraha', skp_predikat: 'baik' });
  });

  it('applies nothing when one row can no longer be stored', async () => {
    const unit = await tdb.db
      .insertInto('units')
      .values({ agency_id: agencyId, code: 'SEMENTARA', name: 'Unit Sementara' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const csv =
      'nip,nama,jabatan,unit\n199307072018011007,Hadi,ANALIS,BKD\n199408082019022008,Intan,ANALIS,SEMENTARA\n';
    const dry = await bkd.upload<{ importId: string; canApply: boolean }>('/api/v1/admin/roster/imports', {
      name: 'r.csv',
      type: CSV,
      data: csv,
    });
    expect(dry.body.canApply).toBe(true);
    await tdb.db.deleteFrom('units').where('id', '=', unit.id).execute();
    const before = await participantCount();
    const res = await bkd.request('POST', `/api/v1/admin/roster/imports/${dry.body.importId}/apply`);
    expect(res.status).toBe(409);
    expect(await participantCount()).toBe(before);
  });

  it('refuses a file that is neither CSV nor XLSX', async () => {
    const res = await bkd.upload('/api/v1/admin/roster/imports', {
      name: 'roster.pdf',
      type: 'application/pdf',
      data: '%PDF',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION' } });
  });
});
