// End to end in real Chromium: a BKD officer creates an item bank, authors one item of each type
// (and a second version of one), imports a bad Moodle XML file (every problem shown, nothing
// imported) and a good one, exports JSON, builds a small battery, sees the blueprint problems,
// saves it and previews it with the participant's own components.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, deleteRedisPrefix, type TestDatabase } from '@petakom/db/testing';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const SHOTS = join(WEB_ROOT, 'test-results', 'admin-bank');
const USERNAME = 'penyusun.soal';
const PASSWORD = 'rahasia-soal-2025';
/** A 1×1 PNG: small enough to embed, real enough for the browser to decode. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Question 2 is an essay (unsupported) and question 3 has no full-credit answer. */
const BAD_MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice"><name><text>MDL-OK</text></name><questiontext><text>Baik</text></questiontext>
    <answer fraction="100"><text>ya</text></answer><answer fraction="0"><text>tidak</text></answer></question>
  <question type="essay"><name><text>ESAI</text></name><questiontext><text>Tulis</text></questiontext></question>
  <question type="multichoice"><name><text>TANPA-KUNCI</text></name><questiontext><text>?</text></questiontext>
    <answer fraction="50"><text>a</text></answer><answer fraction="50"><text>b</text></answer></question>
</quiz>`;

const GOOD_MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/Potensi</text></category></question>
  <question type="multichoice">
    <name><text>MDL-1</text></name>
    <questiontext format="html"><text><![CDATA[<p>Manakah bentuk berikutnya?</p><img src="@@PLUGINFILE@@/pola.png" alt="pola bentuk">]]></text>
      <file name="pola.png" path="/" encoding="base64">${PNG_BASE64}</file></questiontext>
    <single>true</single>
    <answer fraction="0"><text>Segitiga</text></answer>
    <answer fraction="100"><text>Lingkaran</text></answer>
    <answer fraction="0"><text>Persegi</text></answer>
  </question>
  <question type="truefalse">
    <name><text>MDL-2</text></name>
    <questiontext format="html"><text>Semua persegi adalah segi empat.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>`;

let db: TestDatabase;
let server: RunningServer | undefined;
let browser: Browser;
let page: Page;
const prefix = `pkbank${randomBytes(4).toString('hex')}:`;

const shoot = screenshotsInto(SHOTS, { fullPage: true });
const screenshot = (name: string) => shoot(page, name);
const expectAccessible = (screen: string) => expectPageAccessible(page, screen);

const itemCount = async () =>
  Number(
    (
      await db.db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function newItem(type: string, code: string, stem: string): Promise<void> {
  await page.getByTestId('new-type').selectOption(type);
  await page.getByTestId('new-item').click();
  await page.locator(`[data-testid=item-editor][data-type=${type}]`).waitFor();
  await page.getByTestId('item-code').fill(code);
  await page.getByTestId('stem-text').fill(stem);
}

async function fillChoices(texts: string[]): Promise<void> {
  for (const [i, text] of texts.entries()) {
    await page.getByTestId(`choice-${'ABCDE'[i]}-text`).fill(text);
  }
}

async function saveItem(code: string): Promise<void> {
  await page.getByTestId('item-save').click();
  await page.getByTestId('item-saved').waitFor();
  await page.locator(`[data-testid=item-row][data-code="${code}"]`).waitFor();
  await page.getByTestId('item-close').click();
}

async function importMoodle(xml: string, name: string): Promise<void> {
  const panel = page.getByTestId('item-import');
  await panel.getByTestId('import-format').selectOption('moodle');
  await panel.getByTestId('import-subtest').selectOption('figural');
  await panel
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'text/xml', buffer: Buffer.from(xml) });
  await panel.getByTestId('import-submit').click();
}

describe('item banks and the battery builder in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    await ensureBuilt();
    db = await createTestDatabase('web_admin_bank_e2e');
    const agency = await db.db
      .insertInto('agencies')
      .values({ code: `BNK${randomUUID().slice(0, 5)}`, name: 'BKD Kabupaten Uji' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addStaff(db.db, {
      agencyId: agency.id,
      username: USERNAME,
      fullName: 'Nur Aisyah',
      password: PASSWORD,
      roles: ['admin', 'bkd'],
    });
    server = await startServer({
      schema: db.schema,
      redisPrefix: prefix,
      secret: 'bank-e2e-secret-bank-e2e-secret-0123456789',
    });
    ({ browser, page } = await launchDesktopPage());
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    const redis = new Redis(REDIS_URL);
    await deleteRedisPrefix(redis, prefix);
    redis.disconnect();
    await db?.destroy();
  }, 60_000);

  it('creates an item bank from the admin menu', async () => {
    await page.goto(`${server?.baseUrl}/admin`);
    await signInStaff(page, USERNAME, PASSWORD);
    await page.getByTestId('admin-home').waitFor();
    await page
      .getByRole('navigation', { name: 'Menu portal' })
      .getByRole('link', { name: 'Bank soal' })
      .click();
    await page.getByTestId('bank-create').waitFor();
    await page.getByTestId('bank-name').fill('Bank Soal Pemetaan 2025');
    await page.getByTestId('bank-create-submit').click();
    await page.getByRole('link', { name: 'Bank Soal Pemetaan 2025' }).click();
    await page.getByTestId('item-table').waitFor();
    // The heading shows the generic title until the bank itself has loaded.
    await page.getByTestId('bank-title').filter({ hasText: 'Bank Soal Pemetaan 2025' }).waitFor();
    expect(await page.getByTestId('bank-title').textContent()).toBe('Bank Soal Pemetaan 2025');
    await expectAccessible('empty bank');
  });

  it('authors one item of each type, with an image, and keeps a second version', async () => {
    await newItem('single_choice', 'PG-1', 'Sinonim kata "cermat" adalah …');
    await page.getByTestId('item-subtest').selectOption('verbal');
    await page.getByTestId('stem-image').setInputFiles({
      name: 'ilustrasi.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG_BASE64, 'base64'),
    });
    await page.getByTestId('stem-alt').waitFor();
    await page.getByTestId('stem-table').fill('Kata | Arti\ncermat | teliti');
    await fillChoices(['ceroboh', 'lambat', 'teliti', 'cepat', 'ragu']);
    await page.getByTestId('key-C').check();
    await expectAccessible('single-choice editor');
    await screenshot('editor-single-choice');
    await saveItem('PG-1');

    await newItem(
      'sjt',
      'SJT-1',
      'Rekan kerja Anda terlambat menyerahkan laporan bersama. Apa yang Anda lakukan?',
    );
    await page.getByTestId('item-competency').fill('M1');
    await page.getByTestId('item-indicator').fill('Bertindak sesuai nilai organisasi');
    await fillChoices(['Membantu menyelesaikan', 'Melapor ke atasan', 'Menunggu', 'Mengabaikan', 'Mengeluh']);
    await page.getByTestId('weight-A').selectOption('5');
    await page.getByTestId('weight-E').selectOption('1');
    await saveItem('SJT-1');

    await newItem('likert', 'INV-1', 'Saya menunda pekerjaan yang sulit.');
    await page.getByTestId('item-competency').fill('M2');
    await page.getByTestId('item-reverse').check();
    await saveItem('INV-1');

    await newItem('self_assessment', 'SA-1', 'Pilih pernyataan yang paling menggambarkan diri Anda.');
    await page.getByTestId('item-competency').fill('M1');
    await fillChoices(['Level 1', 'Level 2', 'Level 3', 'Level 4', 'Level 5']);
    await saveItem('SA-1');
    expect(await page.getByTestId('item-row').count()).toBe(4);

    // a new version of PG-1: the list moves on, the history keeps both
    await page.locator('[data-testid=item-row][data-code="PG-1"]').getByTestId('item-edit').click();
    await page.getByTestId('stem-text').fill('Sinonim kata "cermat" yang paling tepat adalah …');
    await page.getByTestId('item-save').click();
    await page.locator('[data-testid=version-row][data-version="2"]').waitFor();
    expect(await page.getByTestId('version-row').count()).toBe(2);
    await expectAccessible('item editor with versions');
    await screenshot('item-versions');
    await page.getByTestId('item-close').click();
    const versions = await db.db.selectFrom('item_versions').select('id').execute();
    expect(versions).toHaveLength(5);
    await page.getByTestId('filter-type').selectOption('sjt');
    expect(await page.getByTestId('item-count').getAttribute('data-shown')).toBe('1');
    await page.getByTestId('filter-type').selectOption('');
  });

  it('shows every problem of a bad Moodle file and imports nothing', async () => {
    const before = await itemCount();
    await importMoodle(BAD_MOODLE, 'soal-salah.xml');
    await page.getByTestId('import-refused').waitFor();
    const codes = await page
      .getByTestId('import-problem')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(codes).toEqual(['UNSUPPORTED_QUESTION', 'INVALID_ITEM']);
    expect(await page.getByTestId('import-refused').textContent()).toContain('Tidak ada butir yang diimpor');
    expect(await itemCount()).toBe(before);
    await expectAccessible('refused import');
    await screenshot('import-refused');
  });

  it('imports a good Moodle file whole and exports the bank as JSON', async () => {
    await importMoodle(GOOD_MOODLE, 'soal-figural.xml');
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').getAttribute('data-count')).toBe('2');
    await waitFor('six items listed', async () => (await page.getByTestId('item-row').count()) === 6);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-json').click(),
    ]);
    const path = join(SHOTS, 'bank-soal.json');
    await file.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { format: string; items: { code: string }[] };
    expect(exported.format).toBe('petakom-item-bank');
    expect(exported.items.map((i) => i.code).sort()).toEqual([
      'INV-1',
      'MDL-1',
      'MDL-2',
      'PG-1',
      'SA-1',
      'SJT-1',
    ]);
    await screenshot('bank-items');
  });

  it('builds a battery, lists its blueprint problems plainly and saves it', async () => {
    await page
      .getByRole('navigation', { name: 'Menu portal' })
      .getByRole('link', { name: 'Baterai tes' })
      .click();
    await page.getByTestId('battery-new').click();
    await page.getByTestId('battery-builder').waitFor();
    await page.getByTestId('battery-name').fill('Baterai uji kecil');
    expect(await page.getByTestId('section').count()).toBe(4);
    const sections = page.getByTestId('section');
    // potensi: one verbal, two figural
    const potensi = sections.nth(0);
    await potensi.getByTestId('pick-subtest-verbal').fill('1');
    await potensi.getByTestId('pick-subtest-numerik').fill('0');
    await potensi.getByTestId('pick-subtest-figural').fill('2');
    await potensi.getByTestId('pick').click();
    await waitFor('three potensi items', async () => (await potensi.getAttribute('data-items')) === '3');
    for (const [i, competency] of [
      [1, 'M1'],
      [2, 'M2'],
      [3, 'M1'],
    ] as const) {
      const s = sections.nth(i);
      await s.getByTestId('pick-per').fill('1');
      await s.getByTestId('pick-competencies').fill(competency);
      await s.getByTestId('pick').click();
      await waitFor(`section ${i} picked`, async () => (await s.getAttribute('data-items')) === '1');
    }
    expect(
      await potensi.locator('[data-testid=count-row][data-subject=verbal]').locator('td').allTextContents(),
    ).toEqual(['1', '20']);

    await page.getByTestId('battery-validate').click();
    await page.getByTestId('battery-problems').waitFor();
    const problems = await page.getByTestId('battery-problem').allTextContents();
    expect(problems).toContain('Bagian Tes Potensi, subtes verbal: 1 butir, seharusnya 20.');
    expect(
      await page
        .getByTestId('battery-problem')
        .evaluateAll((li) => li.map((l) => l.getAttribute('data-code'))),
    ).toContain('COMPETENCY_COUNT_MISMATCH');
    await expectAccessible('battery problems');
    await screenshot('battery-problems');

    // A free-form battery only has to be well formed.
    await page.getByTestId('battery-spec').selectOption('free');
    await page.getByTestId('variant-uncapped').check();
    await page.getByTestId('battery-save').click();
    await page.getByTestId('battery-saved').waitFor();
    const stored = await db.db.selectFrom('batteries').select(['scoring_model']).executeTakeFirstOrThrow();
    expect((stored.scoring_model as { jpm: { variant: string } }).jpm.variant).toBe('uncapped');
  });

  it('previews the battery exactly as a participant with a seed sees it', async () => {
    await page.getByTestId('battery-preview-link').first().click();
    await page.getByTestId('participant-preview').waitFor();
    await page.getByTestId('instructions').waitFor();
    expect(await page.getByTestId('preview-section').count()).toBe(4);
    expect(await page.getByTestId('preview-meta').getAttribute('data-items')).toBe('3');
    await page.getByTestId('preview-show-items').click();
    await page.getByTestId('item').waitFor();
    await page.getByTestId('choice').first().click();
    await page.locator('[data-testid=number-grid] [data-state=answered]').waitFor();
    const text = (await page.getByTestId('participant-preview').textContent()) ?? '';
    expect(text).not.toMatch(/kunci|bobot|M1|verbal|figural/i);
    await expectAccessible('preview');
    await screenshot('preview-potensi');
    await page.getByTestId('preview-section').nth(1).click();
    await page.getByTestId('preview-show-items').click();
    await page.locator('[data-testid=item][data-item-type=sjt]').waitFor();
    await screenshot('preview-sjt');
  });
});
