// End to end in real Chromium: the built /ujian app served by the real server (Postgres, Redis and
// the answer-log worker behind it), through a TCP proxy the test can cut like a pulled LAN cable.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, deleteRedisPrefix, type TestDatabase } from '@petakom/db/testing';
import { Redis } from 'ioredis';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, ProctorClientToServerEvents, ProctorServerToClientEvents } from '@petakom/protocol';
import { io as connectSocket, type Socket as ClientSocket } from 'socket.io-client';
import { TokenService } from '../../../server/src/auth/tokens.ts';
import { WEB_ROOT, ensureBuilt } from '../support/build.ts';
import { CablePlug } from '../support/cable-plug.ts';
import {
  REDIS_URL,
  launchChromium,
  startServer,
  startWorker,
  waitFor,
  type RunningApp,
  type RunningServer,
  expectAccessible as expectPageAccessible,
  screenshotsInto,
} from '../support/server.ts';
import { MEMO_ALT, createE2eFixture, type E2eFixture } from './fixture.ts';

const SHOTS = join(WEB_ROOT, 'test-results', 'ujian');
const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456';
const SHORT_SECTION_SEC = 6;
/** Just over ten minutes: the SJT section crosses its 10-minute warning a few seconds after it starts. */
const SJT_SECTION_SEC = 10 * 60 + 5;

let db: TestDatabase;
let fixture: E2eFixture;
let redis: Redis;
let server: RunningServer | undefined;
let worker: RunningApp | undefined;
let plug: CablePlug;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
let roomToken: string;
let proctor: ClientSocket<ProctorServerToClientEvents, ProctorClientToServerEvents>;
const prefix = `pkweb${randomBytes(4).toString('hex')}:`;

const shoot = screenshotsInto(SHOTS);
const screenshot = (name: string) => shoot(page, name);
const expectAccessible = (screen: string) => expectPageAccessible(page, screen);

/** What the participant chose, read back from the screen, to compare with Postgres at the end. */
const expected = new Map<string, { value: string | number | null; doubtful: boolean }>();

async function currentItem(): Promise<{ id: string; type: string }> {
  const el = page.getByTestId('item');
  return {
    id: (await el.getAttribute('data-item-id')) ?? '',
    type: (await el.getAttribute('data-item-type')) ?? '',
  };
}

async function recordChoice(): Promise<void> {
  const { id, type } = await currentItem();
  const raw = await page.locator('[data-testid=choice][aria-checked=true]').getAttribute('data-value');
  const prev = expected.get(id) ?? { value: null, doubtful: false };
  expected.set(id, { ...prev, value: raw === null ? null : type === 'likert' ? Number(raw) : raw });
}

async function answerWithKey(key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.locator('[data-testid=choice][aria-checked=true]').waitFor();
  await recordChoice();
}

async function answerWithMouse(index: number): Promise<void> {
  await page.getByTestId('choice').nth(index).click();
  await recordChoice();
}

/**
 * Moves to another item (a key or a click) and waits until the page shows it: a choice clicked at
 * once could still land on the item being left.
 */
async function moveFrom(move: () => Promise<void>): Promise<void> {
  const { id } = await currentItem();
  await move();
  await page.locator(`[data-testid=item]:not([data-item-id="${id}"])`).waitFor();
}

async function expectSaved(): Promise<void> {
  await page.locator('[data-testid=save-status][data-state=saved]').waitFor({ timeout: 10_000 });
}

describe('the participant exam in Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    await ensureBuilt();
    db = await createTestDatabase('web_e2e');
    redis = new Redis(REDIS_URL, { lazyConnect: false });
    const date = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Jakarta',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    fixture = await createE2eFixture(db.db, {
      date,
      shortSectionSec: SHORT_SECTION_SEC,
      sjtSectionSec: SJT_SECTION_SEC,
    });
    const apps = { schema: db.schema, redisPrefix: prefix, secret: SECRET };
    // The worker starts alongside the server so it drains the answer log from the first answer.
    worker = startWorker({ ...apps, env: { DRAIN_CLAIM_IDLE_MS: '1000' } });
    server = await startServer({ ...apps, env: { ROOM_TOKEN_PERIOD_SEC: '0', SWEEP_INTERVAL_MS: '250' } });
    // Attempts are prepared by the server's scheduler; the participant logs in once theirs exists.
    await waitFor('the attempt to be prepared', () =>
      db.db
        .selectFrom('attempts')
        .select('id')
        .where('registration_id', '=', fixture.registrationId)
        .executeTakeFirst(),
    );
    // The test is also the room's proctor: it reads the room token and later pauses the room.
    const staffToken = await new TokenService(SECRET, 3600).signStaff({
      staffUserId: fixture.proctorId,
      roles: ['proctor'],
    });
    proctor = connectSocket(`${server.baseUrl}/proctor`, {
      auth: { accessToken: staffToken },
      transports: ['websocket'],
      forceNew: true,
    });
    const joined = await proctor.timeout(10_000).emitWithAck('room:join', { sessionId: fixture.sessionId });
    if (!joined.ok) throw new Error(`proctor could not join: ${joined.error.code}`);
    roomToken = joined.room.roomToken;
    plug = new CablePlug(server.port);
    baseUrl = `http://127.0.0.1:${await plug.listen()}`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    proctor?.disconnect();
    await browser?.close();
    await plug?.close();
    await server?.stop();
    await worker?.stop();
    if (redis) {
      await deleteRedisPrefix(redis, prefix);
      redis.disconnect();
    }
    await db?.destroy();
  }, 60_000);

  it('links the landing page to the exam', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: /Ujian/ }).click();
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/ujian');
  });

  it('refuses a wrong access code in plain Indonesian', async () => {
    await page.getByLabel('NIP').fill(fixture.nip);
    await page.getByLabel('Kode akses').fill('SALAH1');
    await page.getByLabel('Token ruang').fill(roomToken);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('kode akses salah');
    await screenshot('login-error');
    await expectAccessible('login');
  });

  it('logs in and shows identity, sections and instructions with an example', async () => {
    await page.getByLabel('Kode akses').fill(fixture.accessCode);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('briefing').waitFor();
    const identity = await page.getByTestId('identity').textContent();
    expect(identity).toContain(fixture.fullName);
    expect(identity).toContain(fixture.nip);
    const sections = await page.getByTestId('section-list').textContent();
    expect(sections).toContain('Tes Potensi');
    expect(sections).toContain('9 soal');
    expect(await page.getByTestId('instructions').textContent()).toContain('Contoh soal');
    await screenshot('briefing');
    await expectAccessible('briefing');
  });

  it('refuses the same login on another PC and tells the participant to ask the proctor', async () => {
    const otherPc = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const other = await otherPc.newPage();
    await other.goto(`${baseUrl}/ujian`);
    await other.getByLabel('NIP').fill(fixture.nip);
    await other.getByLabel('Kode akses').fill(fixture.accessCode);
    await other.getByLabel('Token ruang').fill(roomToken);
    await other.getByRole('button', { name: 'Masuk' }).click();
    await expect
      .poll(() => other.getByTestId('login-error').textContent(), { timeout: 10_000 })
      .toContain('pengawas');
    expect(await other.getByTestId('login-error').textContent()).toContain('komputer lain');
    await shoot(other, 'device-locked');
    await otherPc.close();
  });

  it('answers with the keyboard and the mouse and flags ragu-ragu', async () => {
    await page.getByTestId('start-section').click();
    await page.getByTestId('item').waitFor();
    expect(await page.getByTestId('keys-hint').textContent()).toContain('R ragu-ragu');
    await answerWithKey('b');
    await expectSaved();
    await screenshot('item-answered');
    await expectAccessible('item');
    await moveFrom(() => page.keyboard.press('ArrowRight'));
    await answerWithKey('3');
    await page.keyboard.press('r');
    const flagged = await currentItem();
    expected.set(flagged.id, { ...(expected.get(flagged.id) ?? { value: null }), doubtful: true });
    await page.locator('[data-testid=flag][aria-pressed=true]').waitFor();
    await expectSaved();
    await moveFrom(() => page.getByTestId('next').click());
    await answerWithMouse(4);
    await expectSaved();
    expect(await page.getByTestId('count-answered').textContent()).toBe('2');
    expect(await page.getByTestId('count-doubtful').textContent()).toBe('1');
    await screenshot('number-grid');
  });

  it('keeps answering while the cable is out and saves everything once it is back', async () => {
    plug.cut();
    await page.locator('[data-testid=connection][data-state=offline]').waitFor({ timeout: 15_000 });
    for (let i = 3; i < 8; i++) {
      await moveFrom(() => page.getByRole('button', { name: new RegExp(`^Soal ${i + 1}:`) }).click());
      await answerWithMouse(i % 5);
      await page.locator('[data-testid=save-status][data-state=waiting]').waitFor();
    }
    expect(await page.getByTestId('pending-count').textContent()).toContain('5');
    await screenshot('offline');
    plug.restore();
    await page.locator('[data-testid=connection][data-state=online]').waitFor({ timeout: 20_000 });
    await page.getByTestId('pending-count').waitFor({ state: 'detached', timeout: 20_000 });
    await expectSaved();
    await screenshot('back-online');
  });

  it('resumes on the same item with the same answers and flags after a reload', async () => {
    await moveFrom(() => page.getByRole('button', { name: /^Soal 5:/ }).click());
    const before = await currentItem();
    const timerBefore = await page.getByTestId('timer').textContent();
    await page.reload();
    await page.getByTestId('item').waitFor();
    expect((await currentItem()).id).toBe(before.id);
    expect(await page.getByTestId('count-answered').textContent()).toBe('7');
    expect(await page.getByTestId('count-doubtful').textContent()).toBe('1');
    expect(await page.locator('[data-testid=number-grid] [data-state=unanswered]').count()).toBe(1);
    const timerAfter = (await page.getByTestId('timer').textContent()) ?? '';
    expect(timerAfter.trim()).toMatch(/^1[45]:\d\d$/);
    expect(timerBefore).toBeTruthy();
    await screenshot('resumed');
  });

  it("stops the clock and shows the proctor's message while the room is paused", async () => {
    const paused = await proctor
      .timeout(10_000)
      .emitWithAck('room:pause', { sessionId: fixture.sessionId, reason: 'listrik padam' });
    expect(paused.ok).toBe(true);
    await page.getByTestId('pause-overlay').waitFor({ timeout: 10_000 });
    const broadcast = await proctor.timeout(10_000).emitWithAck('room:broadcast', {
      sessionId: fixture.sessionId,
      message: 'Mohon tunggu, listrik sedang dipulihkan.',
      reason: 'listrik padam',
    });
    expect(broadcast.ok).toBe(true);
    await expect
      .poll(() => page.getByTestId('pause-overlay').textContent())
      .toContain('listrik sedang dipulihkan');
    const frozen = await page.getByTestId('timer').textContent();
    await new Promise((r) => setTimeout(r, 2_200));
    expect(await page.getByTestId('timer').textContent()).toBe(frozen);
    await screenshot('paused');
    await expectAccessible('pause');
    // Keys do nothing under the overlay.
    const chosen = page.locator('[data-testid=choice][aria-checked=true]');
    const before = await chosen.getAttribute('data-value');
    await page.keyboard.press(
      before === (await page.getByTestId('choice').first().getAttribute('data-value')) ? 'b' : 'a',
    );
    expect(await chosen.getAttribute('data-value')).toBe(before);
    const resumed = await proctor
      .timeout(10_000)
      .emitWithAck('room:resume', { sessionId: fixture.sessionId, reason: 'listrik menyala' });
    expect(resumed.ok).toBe(true);
    await page.getByTestId('pause-overlay').waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('notice').getByRole('button').click();
  });

  it('tells the participant that hiding the page is recorded and reports it to the proctor', async () => {
    const incident = new Promise<{ kind: string }>((ok) => proctor.once('incident', ok));
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect((await incident).kind).toBe('page_hidden');
    expect(await page.getByTestId('signal-notice').textContent()).toContain('dicatat');
    await screenshot('signal-recorded');
    await page.getByTestId('signal-notice').getByRole('button', { name: 'Mengerti' }).click();
    // Copying, pasting and the context menu are off in the item area.
    const blocked = await page.getByTestId('item').evaluate((el) =>
      ['copy', 'paste', 'contextmenu'].map((type) => {
        const event = new Event(type, { bubbles: true, cancelable: true });
        el.querySelector('p')?.dispatchEvent(event);
        return event.defaultPrevented;
      }),
    );
    expect(blocked).toEqual([true, true, true]);
  });

  it('reports a page hidden and a lost focus while the cable was out once it is back, with how long the page was hidden', async () => {
    const seen: Incident[] = [];
    const collect = (incident: Incident) => {
      if (incident.kind === 'page_hidden' || incident.kind === 'focus_lost') seen.push(incident);
    };
    proctor.on('incident', collect);
    try {
      plug.cut();
      await page.locator('[data-testid=connection][data-state=offline]').waitFor({ timeout: 15_000 });
      await page.evaluate(async () => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
        await new Promise((r) => setTimeout(r, 1_500));
        Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
        window.dispatchEvent(new Event('blur'));
      });
      expect(await page.getByTestId('signal-notice').textContent()).toContain('dicatat');
      await page.getByTestId('signal-notice').getByRole('button', { name: 'Mengerti' }).click();
      await new Promise((r) => setTimeout(r, 500));
      expect(seen).toEqual([]);
      const restoredAt = Date.now();
      plug.restore();
      await page.locator('[data-testid=connection][data-state=online]').waitFor({ timeout: 20_000 });
      await expect
        .poll(() => seen.map((i) => i.kind), { timeout: 15_000 })
        .toEqual(['page_hidden', 'focus_lost']);
      const [hidden] = seen;
      // Recorded by the server after the reconnect, stamped with when it happened and how long it lasted.
      expect(hidden?.at).toBeGreaterThanOrEqual(restoredAt);
      expect(hidden?.detail['clientAt']).toBeLessThan(restoredAt - 1_000);
      expect(hidden?.detail['durationMs']).toBeGreaterThanOrEqual(1_400);
    } finally {
      proctor.off('incident', collect);
    }
  });

  it('reviews unanswered and ragu-ragu items and closes the section after confirmation', async () => {
    await page.getByTestId('open-review').click();
    const list = await page.getByTestId('review-list').textContent();
    expect(list).toContain('belum dijawab');
    expect(list).toContain('ragu-ragu');
    await screenshot('review');
    await expectAccessible('review');
    await page.getByTestId('review-close').click();
    await page.getByTestId('confirm-close').click();
    await page.getByTestId('briefing').waitFor();
    expect(await page.getByTestId('instructions').textContent()).toContain('Inventori');
  });

  it('closes a section when its time runs out', async () => {
    await page.getByTestId('start-section').click();
    await page.getByTestId('item').waitFor();
    await answerWithKey('4');
    await expectSaved();
    await screenshot('short-section');
    // The server's deadline sweep closes the section; the page moves on to the next briefing.
    await page.getByTestId('briefing').waitFor({ timeout: (SHORT_SECTION_SEC + 15) * 1000 });
    expect(await page.getByTestId('instructions').textContent()).toContain('Tes Penilaian Kompetensi');
    await screenshot('after-timeout');
  });

  it('shows an image stem at 1024×768, answers it with the keyboard and announces the 10-minute warning', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('start-section').click();
    await page.getByTestId('item').waitFor();
    // Items are shuffled per participant: the memo is on the first or the second item.
    const memo = page.getByRole('img', { name: MEMO_ALT });
    const memoFirst = (await memo.count()) > 0;
    if (!memoFirst) await page.keyboard.press('ArrowRight');
    await memo.waitFor();
    expect(await memo.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth])).toEqual([
      true,
      48,
    ]);
    await answerWithKey('a');
    await expectSaved();
    await screenshot('image-stem');
    await moveFrom(() => page.keyboard.press(memoFirst ? 'ArrowRight' : 'ArrowLeft'));
    await answerWithMouse(1);
    await expectSaved();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await screenshot('item-1024');
    // The section started with just over ten minutes: the live region speaks once it crosses 10:00.
    await expect
      .poll(() => page.getByTestId('timer-warning').textContent(), { timeout: 15_000 })
      .toContain('sisa waktu bagian ini 10 menit');
    await page.getByTestId('open-review').click();
    await page.getByTestId('review-close').click();
    await page.getByTestId('confirm-close').click();
    await page.getByTestId('briefing').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('instructions').textContent()).toContain('Penilaian Diri');
  });

  it('answers a self-assessment statement with the keyboard and finishes the battery after confirmation', async () => {
    await page.getByTestId('start-section').click();
    await page.getByTestId('item').waitFor();
    expect((await currentItem()).type).toBe('self_assessment');
    expect(await page.getByTestId('choice').count()).toBe(4);
    expect(await page.getByTestId('choice').first().textContent()).toContain('Saya membantu rekan');
    expect((await page.getByTestId('timer-warning').textContent())?.trim()).toBe('');
    await answerWithKey('c');
    await expectSaved();
    expect(await page.locator('[data-testid=choice][aria-checked=true]').getAttribute('data-value')).toBe(
      'C',
    );
    await screenshot('self-assessment');
    await expectAccessible('self-assessment item');
    await page.getByTestId('review-from-item').click();
    expect(await page.getByText('Selesaikan ujian').count()).toBe(1);
    await page.getByTestId('review-close').click();
    await page.getByTestId('confirm-close').click();
    await page.getByTestId('finished').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('finished').textContent()).toContain('BKD');
    await screenshot('finished');
    await expectAccessible('finished');
  });

  it('has every answer and flag in Postgres', async () => {
    const attempt = await db.db
      .selectFrom('attempts')
      .select(['id', 'status'])
      .where('registration_id', '=', fixture.registrationId)
      .executeTakeFirstOrThrow();
    const rows = await waitFor(
      'the answer log to reach Postgres',
      async () => {
        const found = await db.db
          .selectFrom('attempt_answers')
          .select(['item_id', 'value', 'doubtful'])
          .where('attempt_id', '=', attempt.id)
          .execute();
        const complete = [...expected].every(([itemId, want]) => {
          const row = found.find((r) => r.item_id === itemId);
          return (
            row !== undefined &&
            JSON.stringify(row.value) === JSON.stringify(want.value) &&
            row.doubtful === want.doubtful
          );
        });
        return complete ? found : null;
      },
      30_000,
    );
    expect(expected.size).toBe(12);
    for (const [itemId, want] of expected) {
      expect(rows.find((r) => r.item_id === itemId)).toMatchObject({
        value: want.value,
        doubtful: want.doubtful,
      });
    }
  });

  it('shows the English translation on request', async () => {
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('finished').textContent()).toContain('published by BKD');
  });
});
