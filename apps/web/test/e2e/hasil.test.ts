// End to end in real Chromium: a participant opens /hasil on the built app served by the real server,
// is refused with a wrong birth date, sees "belum diterbitkan" before publication, then (after the BKD
// publishes) their competency profile, and downloads the full report the reports worker renders.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, deleteRedisPrefix, type TestDatabase } from '@petakom/db/testing';
import { STAFF_CSRF_HEADER, STAFF_SESSION_COOKIE } from '@petakom/protocol';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttempts, loadScoringFixture } from '../../../worker/bench/fixtures.ts';
import { createLogger } from '../../../worker/src/logger.ts';
import { startReportsWorker } from '../../../worker/src/reports/reports.worker.ts';
import { BatchScorer } from '../../../worker/src/scoring/score-batch.ts';
import { ScoringRepository } from '../../../worker/src/scoring/scoring.repository.ts';
import { WEB_ROOT, ensureBuilt } from '../support/build.ts';
import { addStaff } from '../support/staff.ts';
import {
  REDIS_URL,
  launchDesktopPage,
  startServer,
  type RunningServer,
  expectAccessible as expectPageAccessible,
  screenshotsInto,
} from '../support/server.ts';

const SHOTS = join(WEB_ROOT, 'test-results', 'hasil');

let db: TestDatabase;
let redis: Redis;
let reportsWorker: { close(): Promise<void> } | undefined;
let server: RunningServer | undefined;
let browser: Browser;
let page: Page;
let baseUrl: string;
let campaignId: string;
let agencyId: string;
let person: { nip: string; fullName: string; birthDate: string; accessCode: string; jpm: number };
const prefix = `pkhasil${randomBytes(4).toString('hex')}:`;

const shoot = screenshotsInto(SHOTS, { fullPage: true });
const screenshot = (name: string) => shoot(page, name);
const expectAccessible = (screen: string) => expectPageAccessible(page, screen);

/** Types the login with the keyboard alone: Tab between fields, Enter to submit. */
async function signIn(birthDate: string): Promise<void> {
  for (const field of ['nip', 'access-code', 'birth-date']) await page.getByTestId(field).fill('');
  await page.getByTestId('nip').focus();
  await page.keyboard.type(person.nip);
  await page.keyboard.press('Tab');
  await page.keyboard.type(person.accessCode);
  await page.keyboard.press('Tab');
  await page.keyboard.type(birthDate);
  await page.keyboard.press('Enter');
}

/** A BKD officer approves and publishes the campaign through the staff API (cookie + CSRF). */
async function publishAll(): Promise<number> {
  await addStaff(db.db, {
    agencyId,
    username: 'bkd.hasil',
    fullName: 'Petugas BKD',
    password: 'rahasia-bkd-hasil',
    roles: ['bkd'],
  });
  const login = await fetch(`${baseUrl}/api/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bkd.hasil', password: 'rahasia-bkd-hasil' }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${STAFF_SESSION_COOKIE}=`))
    ?.split(';')[0];
  const res = await fetch(`${baseUrl}/api/v1/admin/campaigns/${campaignId}/publication`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookie ?? '', [STAFF_CSRF_HEADER]: csrfToken },
    body: JSON.stringify({ reason: 'Disetujui tim penilai' }),
  });
  return ((await res.json()) as { published: number }).published;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

describe('the participant results page in Chromium', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    await ensureBuilt();
    db = await createTestDatabase('web_hasil_e2e');
    const fx = await loadScoringFixture(db.db);
    campaignId = fx.data.campaign.id;
    agencyId = fx.data.agency.id;
    const { attemptIds } = await closeAttempts(db.db, fx, campaignId, 1);
    await new BatchScorer(new ScoringRepository(db.db)).score(attemptIds);
    const row = await db.db
      .selectFrom('attempts as a')
      .innerJoin('registrations as r', 'r.id', 'a.registration_id')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .innerJoin('results as res', 'res.attempt_id', 'a.id')
      .select(['p.nip', 'p.full_name', 'p.birth_date', 'r.access_code', 'res.jpm'])
      .where('a.id', '=', attemptIds[0] ?? '')
      .executeTakeFirstOrThrow();
    person = {
      nip: row.nip,
      fullName: row.full_name,
      birthDate: row.birth_date,
      accessCode: row.access_code,
      jpm: Number(row.jpm),
    };
    // The reports worker runs in this process, on the server's queue prefix.
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    reportsWorker = startReportsWorker({
      db: db.db,
      connection: redis,
      redisPrefix: prefix,
      logger: createLogger('silent'),
    });
    server = await startServer({
      schema: db.schema,
      redisPrefix: prefix,
      secret: 'hasil-e2e-secret-hasil-e2e-secret-0123456',
    });
    baseUrl = server.baseUrl;
    ({ browser, page } = await launchDesktopPage());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await reportsWorker?.close();
    if (redis) {
      await deleteRedisPrefix(redis, prefix);
      await redis.quit();
    }
    await db?.destroy();
  }, 60_000);

  it('refuses a wrong birth date in Indonesian, and is linked from the landing page', async () => {
    await page.goto(baseUrl);
    await page.getByRole('link', { name: 'Hasil pemetaan (peserta)' }).click();
    await page.getByTestId('hasil-login').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await expectAccessible('login');
    await screenshot('login');
    await signIn('01-01-1970');
    await page.locator('[data-testid=error][data-code=INVALID_CREDENTIALS]').waitFor();
    expect(await page.getByTestId('error').textContent()).toContain('tanggal lahir salah');
    await expectAccessible('login refused');
    await screenshot('login-refused');
  });

  it('says the result is not published yet before the BKD publishes it', async () => {
    await signIn(dmy(person.birthDate));
    await page.getByTestId('not-published').waitFor();
    await expectAccessible('not published');
    await screenshot('belum-diterbitkan');
  });

  it('shows the competency profile, JPM, both categories, the 9-box and validity once published', async () => {
    expect(await publishAll()).toBe(1);
    await page.getByTestId('logout').click();
    await signIn(person.birthDate);
    await page.getByTestId('result-summary').waitFor();
    expect(await page.getByTestId('who').textContent()).toContain(person.nip);
    expect(await page.getByTestId('jpm').textContent()).toContain(person.jpm.toFixed(2).replace('.', ','));
    expect(await page.getByTestId('category-pengisian').textContent()).toMatch(/Memenuhi Syarat/);
    expect(await page.getByTestId('category-pemetaan').textContent()).toMatch(/Optimal/);
    expect(await page.getByTestId('chart-bar').count()).toBe(9);
    expect(await page.getByTestId('competency-row').count()).toBe(9);
    expect(await page.getByTestId('valid-until').textContent()).toMatch(/\d{4}/);
    await expectAccessible('result');
    await screenshot('hasil');
  });

  it('downloads the full individual report as a PDF', async () => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-pdf').click(),
    ]);
    const path = join(SHOTS, 'laporan-individu.pdf');
    await file.saveAs(path);
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // the worker's full report of this participant, not a summary
    const text = execFileSync('pdftotext', [path, '-']).toString();
    expect(text).toContain('LAPORAN INDIVIDU HASIL PEMETAAN KOMPETENSI');
    expect(text).toContain('Rencana Pengembangan Kompetensi');
    expect(text).toContain(person.nip);
  });

  it('switches the page to English', async () => {
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('heading', { name: 'Competency Mapping Result' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible('result in English');
    await screenshot('result-en');
  });
});
