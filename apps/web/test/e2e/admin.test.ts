// End to end in real Chromium: a BKD officer signs in to the built /admin app served by the real
// server, imports a roster with three bad rows (shown, nothing imported), fixes and imports it,
// creates a campaign, schedules it in ticked rooms with a chosen pengawas, publishes results and
// downloads the XLSX and PDF exports.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, deleteRedisPrefix, type TestDatabase } from '@petakom/db/testing';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT, ensureBuilt } from '../support/build.ts';
import { addStaff } from '../support/staff.ts';
import {
  REDIS_URL,
  launchDesktopPage,
  startServer,
  waitFor,
  type RunningServer,
  expectAccessible as expectPageAccessible,
  screenshotsInto,
} from '../support/server.ts';

const SHOTS = join(WEB_ROOT, 'test-results', 'admin');
const USERNAME = 'petugas.bkd';
const PASSWORD = 'rahasia-bkd-2025';

const HEADER = 'NIP;Nama;Tanggal Lahir;Jabatan;Unit Kerja;Predikat SKP;Email';
const GOOD = [
  '198705122010012003;Siti Rahmawati;1987-05-12;Analis SDM;Bidang Umum;Baik;siti@example.go.id',
  '199001012015031001;Budi Santoso;1990-01-01;Analis SDM;Bidang Umum;Sangat Baik;',
  '198812252012122002;Dewi Lestari;1988-12-25;Pengelola Kepegawaian;Bidang Keuangan;Baik;',
  '199203152019031004;Agus Prasetyo;1992-03-15;Pengelola Kepegawaian;Bidang Keuangan;Butuh Perbaikan;',
  '198506302009011005;Rina Marlina;1985-06-30;Analis SDM;Bidang Keuangan;Sangat Baik;',
];
/** Three bad rows: a NIP with a wrong check, an unknown unit, a birth date that contradicts the NIP. */
const BAD = [
  GOOD[0],
  '19900101201503100X;Budi Santoso;1990-01-01;Analis SDM;Bidang Umum;Sangat Baik;',
  '198812252012122002;Dewi Lestari;1988-12-25;Pengelola Kepegawaian;Bidang Tidak Ada;Baik;',
  '199203152019031004;Agus Prasetyo;1993-03-15;Pengelola Kepegawaian;Bidang Keuangan;Butuh Perbaikan;',
  GOOD[4],
];

function csv(rows: readonly (string | undefined)[]): Buffer {
  return Buffer.from([HEADER, ...rows].join('\n') + '\n', 'utf8');
}

interface AdminFixture {
  /** Set once the officer has created the campaign in the portal. */
  campaignId: string;
  roomIds: string[];
  batteryId: string;
  proctorId: string;
}

async function createAdminFixture(db: TestDatabase['db']): Promise<AdminFixture> {
  const agency = await db
    .insertInto('agencies')
    .values({ code: `ADM${randomUUID().slice(0, 5)}`, name: 'BKD Provinsi Uji' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const units = new Map<string, string>();
  for (const [code, name] of [
    ['UMUM', 'Bidang Umum'],
    ['KEU', 'Bidang Keuangan'],
  ] as const) {
    const row = await db
      .insertInto('units')
      .values({ agency_id: agency.id, code, name })
      .returning('id')
      .executeTakeFirstOrThrow();
    units.set(name, row.id);
  }
  for (const [code, name, jenjang, kind] of [
    ['JF-ASDM', 'Analis SDM', 'ahli_pertama', 'fungsional'],
    ['JP-PK', 'Pengelola Kepegawaian', 'pelaksana', 'pelaksana'],
  ] as const) {
    await db
      .insertInto('positions')
      .values({ agency_id: agency.id, unit_id: units.get('Bidang Umum') ?? null, code, name, jenjang, kind })
      .execute();
  }
  for (const [code, name] of [
    ['M1', 'Integritas'],
    ['M2', 'Kerja Sama'],
  ] as const) {
    await db
      .insertInto('competencies')
      .values({ code, agency_id: null, kind: 'manajerial', name, dictionary: '{}' })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  await addStaff(db, {
    agencyId: agency.id,
    username: USERNAME,
    fullName: 'Rahmat Hidayat',
    password: PASSWORD,
    roles: ['admin', 'bkd', 'assessor'],
  });
  const battery = await db
    .insertInto('batteries')
    .values({
      agency_id: agency.id,
      name: 'Baterai uji',
      blueprint: JSON.stringify({ sections: [] }),
      scoring_model: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const proctorId = await addStaff(db, {
    agencyId: agency.id,
    username: 'pengawas.satu',
    fullName: 'Yusuf Pengawas',
    password: PASSWORD,
    roles: ['proctor'],
  });
  const roomIds: string[] = [];
  for (const name of ['Ruang CAT 1', 'Ruang CAT 2']) {
    const room = await db
      .insertInto('rooms')
      .values({ agency_id: agency.id, name, capacity: 3 })
      .returning('id')
      .executeTakeFirstOrThrow();
    roomIds.push(room.id);
  }
  return { campaignId: '', roomIds, batteryId: battery.id, proctorId };
}

/** Scores every registration but the last, the way the scoring worker stores results. */
async function scoreRegistrations(db: TestDatabase['db'], fixture: AdminFixture): Promise<number> {
  const regs = await db
    .selectFrom('registrations')
    .select(['id', 'participant_id', 'session_id'])
    .where('campaign_id', '=', fixture.campaignId)
    .orderBy('id')
    .execute();
  const plan = [
    { jpm: 92.5, category: 'optimal', box: 9, level: 3 },
    { jpm: 81.25, category: 'cukup_optimal', box: 5, level: 2 },
    { jpm: 60, category: 'kurang_optimal', box: 1, level: 1 },
  ] as const;
  const scored = regs.slice(0, -1);
  for (const [i, reg] of scored.entries()) {
    const p = plan[i % plan.length] ?? plan[0];
    const attempt = await db
      .insertInto('attempts')
      .values({
        registration_id: reg.id,
        participant_id: reg.participant_id,
        session_id: reg.session_id,
        battery_id: fixture.batteryId,
        seed: `seed-${i}`,
        form: '{}',
        status: 'finished',
        started_at: new Date(Date.now() - 3600_000),
        closed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const result = await db
      .insertInto('results')
      .values({
        attempt_id: attempt.id,
        version: 1,
        scoring_model_version: 'e2e',
        payload: JSON.stringify({ jpm: p.jpm }),
        jpm: p.jpm,
        category: p.category,
        nine_box: p.box,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('result_competencies')
      .values([
        {
          result_id: result.id,
          competency_code: 'M1',
          score: p.level + 0.25,
          level: p.level,
          required_level: 2,
          gap: p.level >= 2 ? 'tidak_ada' : 'tinggi',
        },
        {
          result_id: result.id,
          competency_code: 'M2',
          score: 2.5,
          level: 3,
          required_level: 2,
          gap: 'tidak_ada',
        },
      ])
      .execute();
  }
  return scored.length;
}

let db: TestDatabase;
let fixture: AdminFixture;
let server: RunningServer | undefined;
let browser: Browser;
let page: Page;
let baseUrl: string;
const prefix = `pkadm${randomBytes(4).toString('hex')}:`;

const shoot = screenshotsInto(SHOTS, { fullPage: true });
const screenshot = (name: string) => shoot(page, name);
const expectAccessible = (screen: string) => expectPageAccessible(page, screen);

async function download(testid: string, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).first().click()]);
  const path = join(SHOTS, name);
  await file.saveAs(path);
  return readFileSync(path);
}

async function upload(content: Buffer, name: string): Promise<void> {
  const panel = page.getByTestId('roster-import');
  await panel.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
  await panel.getByTestId('import-check').click();
  await panel.getByTestId('import-report').waitFor();
}

const participantCount = async () =>
  Number(
    (
      await db.db
        .selectFrom('participants')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the BKD staff portal in Chromium', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    await ensureBuilt();
    db = await createTestDatabase('web_admin_e2e');
    fixture = await createAdminFixture(db.db);
    server = await startServer({
      schema: db.schema,
      redisPrefix: prefix,
      secret: 'admin-e2e-secret-admin-e2e-secret-012345',
    });
    baseUrl = server.baseUrl;
    ({ browser, page } = await launchDesktopPage());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    const redis = new Redis(REDIS_URL);
    await deleteRedisPrefix(redis, prefix);
    redis.disconnect();
    await db?.destroy();
  }, 60_000);

  it('signs a BKD officer in, in Indonesian by default', async () => {
    await page.goto(`${baseUrl}/admin`);
    await page.getByTestId('staff-login').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await expectAccessible('login');
    await screenshot('login');
    await page.getByTestId('username').fill(USERNAME);
    await page.getByTestId('password').fill('salah-sandi-sekali');
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid=error][data-code=INVALID_CREDENTIALS]').waitFor();
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('admin-home').waitFor();
    expect(await page.getByTestId('staff-name').textContent()).toContain('Rahmat Hidayat');
    await expectAccessible('home');
  });

  it('shows each of three bad roster rows with its reason and imports nothing', async () => {
    await page
      .getByRole('navigation', { name: 'Menu portal' })
      .getByRole('link', { name: 'Data induk & peserta' })
      .click();
    await page.getByTestId('roster-import').waitFor();
    await upload(csv(BAD), 'peserta-salah.csv');
    const problems = page.getByTestId('import-problem');
    expect(await problems.count()).toBe(3);
    expect(await problems.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual([
      'INVALID_NIP',
      'UNKNOWN_UNIT',
      'BIRTH_DATE_MISMATCH',
    ]);
    expect(await page.getByTestId('import-apply').count()).toBe(0);
    expect(await participantCount()).toBe(0);
    await expectAccessible('roster dry run with problems');
    await screenshot('roster-bad-rows');
  });

  it('imports the fixed roster all at once after a clean dry run', async () => {
    await upload(csv(GOOD), 'peserta.csv');
    expect(await page.getByTestId('import-problem').count()).toBe(0);
    expect(await participantCount()).toBe(0);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-applied').waitFor();
    expect(await page.getByTestId('import-applied').textContent()).toContain('5 baru');
    expect(await participantCount()).toBe(5);
    await waitFor(
      'the participant list',
      async () => (await page.getByTestId('participant-row').count()) === 5,
    );
    await expectAccessible('roster applied');
    await screenshot('roster-imported');
  });

  it('creates a campaign on the agency battery from the campaign list', async () => {
    await page
      .getByRole('navigation', { name: 'Menu portal' })
      .getByRole('link', { name: 'Kampanye' })
      .click();
    const form = page.getByTestId('campaign-create');
    await form.waitFor();
    await waitFor(
      'the battery choice',
      async () => (await page.locator('#campaign-battery option').count()) > 1,
    );
    await form.getByTestId('campaign-name').fill('Pemetaan Kompetensi 2025');
    await form.getByTestId('campaign-battery').selectOption(fixture.batteryId);
    await expectAccessible('campaigns');
    await form.getByTestId('campaign-submit').click();
    await page.getByTestId('schedule-form').waitFor();
    const campaign = await db.db
      .selectFrom('campaigns')
      .select(['id', 'purpose', 'validity_years'])
      .executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ purpose: 'pemetaan', validity_years: 3 });
    expect(page.url()).toContain(`/admin/kampanye/${campaign.id}`);
    fixture.campaignId = campaign.id;
  });

  it('schedules the campaign into sessions that respect room capacity', async () => {
    await page.getByTestId('schedule-dates').fill('2031-03-03');
    await waitFor('the rooms', async () => (await page.getByTestId('schedule-room').count()) === 2);
    for (const box of await page.getByTestId('schedule-room').all()) await box.check();
    await page.getByTestId('schedule-proctor').first().check();
    await page.getByTestId('schedule-preview').click();
    await page.locator('[data-testid=schedule-plan][data-saved=false]').waitFor();
    expect(await db.db.selectFrom('exam_sessions').select('id').execute()).toHaveLength(0);
    await page.getByTestId('schedule-save').click();
    await page.locator('[data-testid=schedule-plan][data-saved=true]').waitFor();
    expect(await page.getByTestId('schedule-plan').getAttribute('data-seated')).toBe('5');
    await waitFor('the session rows', async () => (await page.getByTestId('session-row').count()) > 0);
    const regs = await db.db.selectFrom('registrations').select(['session_id']).execute();
    expect(regs).toHaveLength(5);
    const perSession = new Map<string, number>();
    for (const r of regs) perSession.set(r.session_id, (perSession.get(r.session_id) ?? 0) + 1);
    expect(Math.max(...perSession.values())).toBeLessThanOrEqual(3);
    const assigned = await db.db.selectFrom('proctor_assignments').select('staff_user_id').execute();
    expect(assigned.length).toBeGreaterThan(0);
    expect(new Set(assigned.map((a) => a.staff_user_id))).toEqual(new Set([fixture.proctorId]));
    await expectAccessible('schedule');
    await screenshot('schedule');
    const cards = await download('cards-all', 'kartu-peserta.pdf');
    expect(cards.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('publishes the results as one audited act with a reason', async () => {
    const scored = await scoreRegistrations(db.db, fixture);
    await page.goto(`${baseUrl}/admin/kampanye/${fixture.campaignId}/hasil`);
    await waitFor('the results table', async () => (await page.getByTestId('result-row').count()) === 5);
    await page.locator('[data-testid=nine-box-cell][data-box="9"][data-count="2"]').waitFor();
    await expectAccessible('results');
    await screenshot('results');
    // drill down: box 9 holds two people
    await page.locator('[data-testid=nine-box-cell][data-box="9"]').click();
    await waitFor('the box-9 drill-down', async () => (await page.getByTestId('result-row').count()) === 2);
    await page.locator('[data-testid=nine-box-cell][data-box="9"]').press('Enter');
    await waitFor('the whole table again', async () => (await page.getByTestId('result-row').count()) === 5);

    await page.getByTestId('publish').click();
    const dialog = page.getByTestId('reason-dialog');
    await dialog.getByTestId('reason').fill('Disetujui rapat tim penilai 3 Maret');
    await expectAccessible('publish dialog');
    await screenshot('publish-dialog');
    await dialog.getByTestId('reason-confirm').click();
    await page.getByTestId('published').waitFor();
    expect(await page.getByTestId('published').textContent()).toContain(`${scored} hasil diterbitkan`);
    const publications = await db.db.selectFrom('publications').select('id').execute();
    expect(publications).toHaveLength(scored);
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('action', 'like', '%publish%')
      .execute();
    expect(audit.map((a) => a.reason)).toContain('Disetujui rapat tim penilai 3 Maret');
    await waitFor(
      'published rows',
      async () => (await page.locator('[data-testid=result-row][data-published=true]').count()) === scored,
    );
    await screenshot('published');
  });

  it('downloads the results workbook and the organiser report', async () => {
    await page.getByRole('link', { name: 'Ekspor' }).click();
    await page.getByTestId('export-xlsx').waitFor();
    await expectAccessible('exports');
    const xlsx = await download('export-xlsx', 'hasil-pemetaan.xlsx');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const pdf = await download('export-laporan', 'laporan-penyelenggaraan.pdf');
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await screenshot('exports');
  });

  it('lets an admin create a pengawas account from the account page', async () => {
    await page.getByRole('navigation', { name: 'Menu portal' }).getByRole('link', { name: 'Akun' }).click();
    const form = page.getByTestId('user-create');
    await form.waitFor();
    await waitFor('the staff list', async () => (await page.getByTestId('staff-user-row').count()) === 2);
    await form.getByLabel('Nama pengguna').fill('pengawas.dua');
    await form.getByLabel('Nama lengkap').fill('Siti Pengawas');
    await form.getByLabel(/Kata sandi baru/).fill('sandi-pengawas-2025');
    await form.getByLabel('staf BKD').uncheck();
    await form.getByLabel('pengawas').check();
    await form.getByRole('button', { name: 'Buat akun' }).click();
    await page.locator('[data-testid=staff-user-row][data-username="pengawas.dua"]').waitFor();
    const created = await db.db
      .selectFrom('staff_users')
      .select('roles')
      .where('username', '=', 'pengawas.dua')
      .executeTakeFirstOrThrow();
    expect(created.roles).toEqual(['proctor']);
    await expectAccessible('accounts');
    await screenshot('accounts');
  });
});
