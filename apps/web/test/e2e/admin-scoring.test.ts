// End to end in real Chromium: an HR officer of the BKD opens a campaign's Penskoran page on the built
// /admin app served by the real server (the scoring worker running beside it), sees a scoring failure
// with its reason and the item analysis, opens a result's explanation, rescores after a corrected
// option weight and sees who changed; then, on the API & webhook page, creates an HR API key that is
// shown once, copies it, and revokes it with a reason.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, deleteRedisPrefix, type TestDatabase } from '@petakom/db/testing';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../server/src/hr-api/api-keys.ts';
import { closeAttempts, loadScoringFixture, type ScoringFixture } from '../../../worker/bench/fixtures.ts';
import { createLogger } from '../../../worker/src/logger.ts';
import { BatchScorer } from '../../../worker/src/scoring/score-batch.ts';
import { ScoringRepository } from '../../../worker/src/scoring/scoring.repository.ts';
import { startScoringWorker } from '../../../worker/src/scoring/scoring.worker.ts';
import { WEB_ROOT, ensureBuilt } from '../support/build.ts';
import { addStaff, signInStaff } from '../support/staff.ts';
import {
  REDIS_URL,
  launchDesktopPage,
  startServer,
  waitFor,
  type RunningServer,
  expectAccessible as expectPageAccessible,
  screenshotsInto,
} from '../support/server.ts';

const SHOTS = join(WEB_ROOT, 'test-results', 'admin-scoring');
const USERNAME = 'analis.bkd';
const PASSWORD = 'rahasia-penskoran-2025';
const ATTEMPTS = 8;
const FAILURE = 'butir 9f1c pada bagian sjt tidak ditemukan';

let db: TestDatabase;
let fx: ScoringFixture;
let redis: Redis;
let scoringWorker: { close(): Promise<void> } | undefined;
let server: RunningServer | undefined;
let browser: Browser;
let page: Page;
let baseUrl: string;
let campaignId: string;
let attemptIds: string[];
let apiKey = '';
const prefix = `pkscore${randomBytes(4).toString('hex')}:`;

const shoot = screenshotsInto(SHOTS, { fullPage: true });
const screenshot = (name: string) => shoot(page, name);
const expectAccessible = (screen: string) => expectPageAccessible(page, screen);

const hrResults = (key: string) =>
  fetch(`${baseUrl}/api/v1/hr/results`, { headers: { 'x-api-key': key } }).then((r) => r.status);

/** A corrected key: every M3 SJT item's weight-1 option becomes weight 5, as a new item version. */
async function correctM3Weights(): Promise<void> {
  for (const item of fx.items.values()) {
    if (item.type !== 'sjt' || item.competency !== 'M3') continue;
    const seen = await db.db
      .selectFrom('item_versions')
      .select('item_id')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    const corrected = {
      ...item,
      options: item.options.map((o) => (o.weight === 1 ? { ...o, weight: 5 } : o)),
    };
    await db.db
      .insertInto('item_versions')
      .values({ item_id: seen.item_id, version: 2, content: JSON.stringify(corrected) })
      .execute();
    await db.db.updateTable('items').set({ current_version: 2 }).where('id', '=', seen.item_id).execute();
  }
}

describe('scoring and the HR API in the staff portal in Chromium', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    await ensureBuilt();
    db = await createTestDatabase('web_admin_scoring_e2e');
    fx = await loadScoringFixture(db.db);
    campaignId = fx.data.campaign.id;
    ({ attemptIds } = await closeAttempts(db.db, fx, campaignId, ATTEMPTS));
    const repo = new ScoringRepository(db.db);
    await new BatchScorer(repo).score(attemptIds.slice(0, -1));
    // The last closed attempt could not be scored: the page must say why.
    await repo.recordFailure(attemptIds.at(-1) ?? '', FAILURE, 5, true);
    await addStaff(db.db, {
      agencyId: fx.data.agency.id,
      username: USERNAME,
      fullName: 'Dian Analis',
      password: PASSWORD,
      roles: ['admin', 'bkd'],
    });
    // Rescoring runs in the scoring worker, here in this process on the server's queue prefix.
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    scoringWorker = startScoringWorker({
      db: db.db,
      connection: redis,
      redisPrefix: prefix,
      logger: createLogger('silent'),
    });
    server = await startServer({
      schema: db.schema,
      redisPrefix: prefix,
      secret: 'scoring-e2e-secret-scoring-e2e-secret-0123',
    });
    baseUrl = server.baseUrl;
    ({ browser, page } = await launchDesktopPage());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await scoringWorker?.close();
    if (redis) {
      await deleteRedisPrefix(redis, prefix);
      await redis.quit();
    }
    await db?.destroy();
  }, 60_000);

  it('shows how many closed attempts are scored and each scoring failure with its reason', async () => {
    await page.goto(`${baseUrl}/admin/kampanye/${campaignId}/penskoran`);
    await signInStaff(page, USERNAME, PASSWORD);
    await page.getByTestId('closed-lead').waitFor();
    expect(
      await page.getByRole('link', { name: 'Penskoran', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    expect(await page.getByTestId('closed-lead').textContent()).toContain(
      `${ATTEMPTS - 1} dari ${ATTEMPTS} percobaan`,
    );
    expect(await page.getByTestId('count-failed').locator('dd').textContent()).toBe('1');
    const failures = page.getByTestId('failure-row');
    expect(await failures.count()).toBe(1);
    expect(await failures.getByTestId('failure-reason').textContent()).toBe(FAILURE);
    await page.getByLabel('Tampilkan status').selectOption('failed');
    await waitFor('the failed row', async () => (await page.getByTestId('scoring-row').count()) === 1);
    expect(await page.getByTestId('scoring-row').getAttribute('data-status')).toBe('failed');
    await page.getByLabel('Tampilkan status').selectOption('scored');
    await waitFor(
      'the scored rows',
      async () => (await page.getByTestId('scoring-row').count()) === ATTEMPTS - 1,
    );
    await expectAccessible('scoring state');
    await screenshot('penskoran');
  });

  it('lists every item with difficulty, discrimination, omission and choice rates, flagged items first, and alpha and SEM per scale', async () => {
    await waitFor('the item analysis', async () => (await page.getByTestId('item-row').count()) === 204);
    const verbal = page.getByTestId('scale-row').filter({ hasText: 'single_choice:verbal' });
    const cells = await verbal.locator('td').allTextContents();
    // items, alpha, SEM, mean, SD: alpha and SEM are numbers, not dashes
    expect(cells[0]).toBe('20');
    expect(cells[1]).toMatch(/^-?\d+,\d{2}/);
    expect(cells[2]).toMatch(/^\d+,\d{2}$/);
    const flagged = await page.locator('[data-testid=item-row].flagged').count();
    expect(flagged).toBeGreaterThan(0);
    // the default order puts flagged items first, and a first row shows its flag in words
    expect(await page.getByTestId('item-row').first().getAttribute('data-flags')).not.toBe('');
    expect(await page.getByTestId('item-row').first().locator('.flag').count()).toBeGreaterThan(0);
    const firstChoices = await page.getByTestId('item-row').first().locator('.choices').textContent();
    expect(firstChoices).toMatch(/%/);
    await page.getByTestId('only-flagged').check();
    await waitFor('only flagged items', async () => (await page.getByTestId('item-row').count()) === flagged);
    await page.getByTestId('item-sort').selectOption('order');
    await page.getByTestId('only-flagged').uncheck();
    await waitFor('every item again', async () => (await page.getByTestId('item-row').count()) === 204);
    // the item table scrolls in its own box, reachable by keyboard
    const box = page.getByRole('region', { name: 'Tabel analisis butir' });
    await box.focus();
    await page.keyboard.press('PageDown');
    await waitFor('the item table to scroll', () => box.evaluate((el) => el.scrollTop > 0));
    await expectAccessible('item analysis');
    await screenshot('analisis-butir');
  });

  it("opens a result's explanation: per competency the items, answers and weights, the standard and the model version", async () => {
    await page.getByLabel('Tampilkan status').selectOption('scored');
    await page.getByTestId('explain-link').first().click();
    await waitFor(
      'the explanation',
      async () => (await page.getByTestId('explain-competency').count()) === 9,
    );
    expect(await page.getByTestId('explain-model').textContent()).toBe('petakom-default-1');
    expect(await page.getByTestId('explain-standard').textContent()).toMatch(/jenjang \S+/);
    expect(await page.getByTestId('explain-jpm').textContent()).toMatch(/^\d+,\d{2}$/);
    expect(
      await page.getByRole('link', { name: 'Penskoran', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    // open M1's items with the keyboard
    const m1 = page.locator('#items-M1');
    await m1.locator('summary').focus();
    await page.keyboard.press('Enter');
    const rows = m1.getByTestId('explain-item');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(10 + 4 + 2);
    expect(await rows.filter({ hasText: 'SJT' }).first().locator('.weight').count()).toBeGreaterThanOrEqual(
      4,
    );
    await expectAccessible('result explanation');
    await screenshot('penjelasan');
  });

  it('rescores with a reason after a corrected weight and lists who changed with the old and new figures', async () => {
    await correctM3Weights();
    await page.getByRole('link', { name: /Kembali ke penskoran/ }).click();
    await page.getByTestId('closed-lead').waitFor();
    await page.getByTestId('rescore').click();
    const dialog = page.getByTestId('reason-dialog');
    await dialog.getByTestId('reason').waitFor();
    await expectAccessible('rescore dialog');
    await screenshot('skor-ulang-dialog');
    // by keyboard: the reason, Tab to the confirm button, Enter
    await dialog.getByTestId('reason').focus();
    await page.keyboard.type('Bobot opsi SJT M3 dikoreksi tim penyusun');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('rescore-done').waitFor({ timeout: 60_000 });
    expect(page.url()).toMatch(/\?run=[0-9a-f-]{36}$/);
    const run = await db.db
      .selectFrom('rescore_runs')
      .select(['id', 'reason', 'rescored'])
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ reason: 'Bobot opsi SJT M3 dikoreksi tim penyusun', rescored: ATTEMPTS });
    const rewritten = await db.db
      .selectFrom('results')
      .select('attempt_id')
      .where('rescore_run_id', '=', run.id)
      .where('version', '>', 1)
      .execute();
    expect(rewritten.length).toBeGreaterThan(0);
    const rows = page.getByTestId('difference-row');
    expect(await rows.count()).toBe(rewritten.length);
    expect(await rows.first().textContent()).toMatch(/1 → 2/);
    expect(await page.getByTestId('differences').textContent()).toMatch(/M3/);
    const audit = await db.db
      .selectFrom('audit_log')
      .select('reason')
      .where('action', '=', 'results.rescore')
      .execute();
    expect(audit).toEqual([{ reason: 'Bobot opsi SJT M3 dikoreksi tim penyusun' }]);
    // the attempt that had failed is scored by the rescoring
    await waitFor(
      'no failures left',
      async () => (await page.getByTestId('count-failed').locator('dd').textContent()) === '0',
    );
    await expectAccessible('rescore differences');
    await screenshot('skor-ulang-perbedaan');
  });

  it('creates an HR API key with a webhook and shows the key once, with a copy button and a warning', async () => {
    await page
      .getByRole('navigation', { name: 'Menu portal' })
      .getByRole('link', { name: 'API & webhook' })
      .click();
    const form = page.getByTestId('api-client-create');
    await form.waitFor();
    await form.getByLabel('Nama sistem').fill('SIMPEG Provinsi');
    await form.getByLabel(/URL webhook/).fill('https://simpeg.example.go.id/petakom/webhook');
    await form.getByRole('button', { name: 'Buat kunci API' }).click();
    const shown = page.getByTestId('new-key');
    await shown.waitFor();
    expect(await shown.getByTestId('key-warning').textContent()).toContain('hanya ditampilkan sekali');
    apiKey = await shown.getByTestId('api-key').inputValue();
    expect(apiKey).toMatch(/^pkhr_/);
    expect(await shown.getByTestId('webhook-secret').inputValue()).not.toBe('');
    const stored = await db.db
      .selectFrom('api_clients')
      .select(['key_hash', 'name'])
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ key_hash: hashApiKey(apiKey), name: 'SIMPEG Provinsi' });
    await shown.getByTestId('copy-key').click();
    await waitFor('the copy status', async () =>
      (await page.getByTestId('copy-status').textContent())?.includes('Tersalin'),
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(apiKey);
    expect(await hrResults(apiKey)).toBe(200);
    await expectAccessible('new API key');
    await screenshot('api-kunci-baru');
    await shown.getByTestId('key-done').click();
    await page.reload();
    const row = page.locator('[data-testid=api-client-row][data-name="SIMPEG Provinsi"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('https://simpeg.example.go.id/petakom/webhook');
    expect(await page.content()).not.toContain(apiKey);
    expect(await page.getByTestId('new-key').count()).toBe(0);
  });

  it('revokes the key after a confirmation with a reason: the key stops working and the reason is audited', async () => {
    const row = page.locator('[data-testid=api-client-row][data-name="SIMPEG Provinsi"]');
    await row.getByRole('button', { name: 'Cabut kunci SIMPEG Provinsi' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('reason-dialog');
    await dialog.getByTestId('reason').waitFor();
    expect(await dialog.textContent()).toContain('tidak dapat dibatalkan');
    await expectAccessible('revoke dialog');
    await screenshot('api-cabut-dialog');
    await dialog.getByTestId('reason').fill('Kunci tersebar di surel');
    await dialog.getByRole('button', { name: 'Ya, cabut kunci' }).click();
    await page.locator('[data-testid=api-client-row][data-revoked=true]').waitFor();
    expect(await page.getByTestId('hr-api-notice').textContent()).toContain('SIMPEG Provinsi');
    expect(await row.getByTestId('revoke').count()).toBe(0);
    expect(await hrResults(apiKey)).toBe(401);
    const audit = await db.db
      .selectFrom('audit_log')
      .select('reason')
      .where('action', '=', 'api_client.revoke')
      .execute();
    expect(audit).toEqual([{ reason: 'Kunci tersebar di surel' }]);
    await expectAccessible('revoked API key');
    await screenshot('api-dicabut');
  });

  it('lets a platform admin pick the owning agency by name, and lists each key with its agency', async () => {
    const other = await db.db
      .insertInto('agencies')
      .values({ code: 'KAB-SB', name: 'BKPSDM Kabupaten Sumber Baru' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addStaff(db.db, {
      agencyId: null,
      username: 'admin.platform',
      fullName: 'Admin Platform',
      password: PASSWORD,
      roles: ['admin'],
    });
    const platform = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const p = await platform.newPage();
    try {
      await p.goto(`${baseUrl}/admin/api-webhook`);
      await signInStaff(p, 'admin.platform', PASSWORD);
      const form = p.getByTestId('api-client-create');
      await form.waitFor();
      // Every agency by name, none chosen yet: the form cannot be sent without one.
      const choose = form.getByLabel('Instansi pemilik');
      await waitFor(
        'the agencies',
        async () => (await choose.locator('option:not([disabled])').count()) === 2,
      );
      expect(await choose.inputValue()).toBe('');
      await form.getByLabel('Nama sistem').fill('SIMPEG Sumber Baru');
      await form.getByRole('button', { name: 'Buat kunci API' }).click();
      expect(await choose.evaluate((el) => (el as HTMLSelectElement).validity.valueMissing)).toBe(true);
      await choose.selectOption({ label: 'BKPSDM Kabupaten Sumber Baru (KAB-SB)' });
      await form.getByRole('button', { name: 'Buat kunci API' }).click();
      await p.getByTestId('new-key').waitFor();
      const stored = await db.db
        .selectFrom('api_clients')
        .select('agency_id')
        .where('name', '=', 'SIMPEG Sumber Baru')
        .executeTakeFirstOrThrow();
      expect(stored.agency_id).toBe(other.id);
      const row = p.locator('[data-testid=api-client-row][data-name="SIMPEG Sumber Baru"]');
      await row.waitFor();
      expect(await row.getByTestId('api-client-agency').textContent()).toBe('BKPSDM Kabupaten Sumber Baru');
      const provinsi = p.locator('[data-testid=api-client-row][data-name="SIMPEG Provinsi"]');
      expect(await provinsi.getByTestId('api-client-agency').textContent()).toBe(fx.data.agency.name);
      await expectPageAccessible(p, 'platform admin API keys');
      await shoot(p, 'api-admin-platform');
    } finally {
      await platform.close();
    }
  });
});
