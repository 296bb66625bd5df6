// End to end in real Chromium: one proctor and three participants in separate browser contexts
// against the real server serving the built app. The proctor watches answers counted live, pauses
// the room, adds time, unlocks a device switch, force-finishes a seat and downloads the berita acara;
// long after, the same room from the archive, read-only.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, deleteRedisPrefix, type TestDatabase } from '@petakom/db/testing';
import { ExamStore, RoomFeed, forgetSession, readSessionLive } from '@petakom/exam-store';
import { Redis } from 'ioredis';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/src/staff/passwords.ts';
import { WEB_ROOT, ensureBuilt } from '../support/build.ts';
import {
  REDIS_URL,
  launchChromium,
  startServer,
  waitFor,
  type RunningServer,
  expectAccessible,
  screenshotsInto,
} from '../support/server.ts';
import { createE2eFixture, type E2eFixture } from './fixture.ts';

const SHOTS = join(WEB_ROOT, 'test-results', 'pengawas');
const PASSWORD = 'kata-sandi-pengawas-1';
const run = promisify(execFile);

interface Seated {
  nip: string;
  accessCode: string;
  fullName: string;
  seatNo: number;
  context: BrowserContext;
  page: Page;
}

let db: TestDatabase;
let fixture: E2eFixture;
let redis: Redis;
let server: RunningServer | undefined;
let browser: Browser;
let proctorContext: BrowserContext;
let proctor: Page;
let baseUrl: string;
let username: string;
const seated: Seated[] = [];
const prefix = `pkpengawas${randomBytes(4).toString('hex')}:`;

const screenshot = screenshotsInto(SHOTS);

/** `mm:ss` or `h:mm:ss` on the participant's timer, in seconds. */
async function timerSeconds(page: Page): Promise<number> {
  const text = ((await page.getByTestId('timer').textContent()) ?? '').trim();
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

const tile = (seatNo: number) => proctor.locator(`[data-seat="${seatNo}"]`);

async function act(button: string, reason: string, fill?: () => Promise<void>): Promise<void> {
  await proctor.getByRole('button', { name: button, exact: true }).click();
  await fill?.();
  await proctor.getByLabel('Alasan (wajib)').fill(reason);
  await proctor.getByRole('button', { name: 'Kirim', exact: true }).click();
  await proctor.getByText('Tindakan tercatat.').waitFor();
}

async function participantLogin(page: Page, p: { nip: string; accessCode: string }): Promise<void> {
  const token = ((await proctor.getByTestId('room-token').textContent()) ?? '').trim();
  await page.goto(`${baseUrl}/ujian`);
  await page.getByLabel('NIP').fill(p.nip);
  await page.getByLabel('Kode akses').fill(p.accessCode);
  await page.getByLabel('Token ruang').fill(token);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

describe('the proctor live room in Chromium', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    await ensureBuilt();
    db = await createTestDatabase('web_pengawas');
    redis = new Redis(REDIS_URL);
    const date = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Jakarta',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    fixture = await createE2eFixture(db.db, { date, shortSectionSec: 600 });
    // Two more participants in the same room, and a password for the proctor to sign in with.
    const first = await db.db
      .selectFrom('registrations as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .select(['r.campaign_id', 'p.position_id', 'p.unit_id'])
      .where('r.id', '=', fixture.registrationId)
      .executeTakeFirstOrThrow();
    const people = [
      { nip: fixture.nip, accessCode: fixture.accessCode, fullName: fixture.fullName, seatNo: 7 },
    ];
    for (const [i, name] of ['Agus Santoso', 'Dewi Lestari'].entries()) {
      const nip = `19880101201101100${i + 1}`;
      const p = await db.db
        .insertInto('participants')
        .values({
          nip,
          full_name: name,
          birth_date: '1988-01-01',
          gender: 'L',
          position_id: first.position_id,
          unit_id: first.unit_id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const accessCode = `KP${i + 1}X9Q`;
      await db.db
        .insertInto('registrations')
        .values({
          campaign_id: first.campaign_id,
          participant_id: p.id,
          session_id: fixture.sessionId,
          seat_no: 8 + i,
          access_code: accessCode,
        })
        .execute();
      people.push({ nip, accessCode, fullName: name, seatNo: 8 + i });
    }
    const staff = await db.db
      .updateTable('staff_users')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .where('id', '=', fixture.proctorId)
      .returning('username')
      .executeTakeFirstOrThrow();
    username = staff.username;

    server = await startServer({
      schema: db.schema,
      redisPrefix: prefix,
      secret: 'e2e-pengawas-secret-e2e-pengawas-secret',
      env: { ROOM_TOKEN_PERIOD_SEC: '0', SWEEP_INTERVAL_MS: '500' },
    });
    baseUrl = server.baseUrl;
    await waitFor('the attempts to be prepared', async () => {
      const rows = await db.db
        .selectFrom('attempts')
        .select('id')
        .where('session_id', '=', fixture.sessionId)
        .execute();
      return rows.length === 3;
    });
    browser = await launchChromium();
    proctorContext = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'id-ID',
      // A room PC set to the wrong zone: the schedule's times must still read as on the cards (WIB).
      timezoneId: 'America/Sao_Paulo',
      acceptDownloads: true,
    });
    proctor = await proctorContext.newPage();
    for (const p of people) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
      seated.push({ ...p, context, page: await context.newPage() });
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (redis) {
      await deleteRedisPrefix(redis, prefix);
      redis.disconnect();
    }
    await db?.destroy();
  }, 60_000);

  it('signs the proctor in and shows only the assigned room with a projectable token', async () => {
    await proctor.goto(`${baseUrl}/pengawas`);
    await proctor.getByLabel('Nama pengguna').fill(username);
    await proctor.getByLabel('Kata sandi').fill('bukan-kata-sandinya');
    await proctor.getByRole('button', { name: 'Masuk' }).click();
    const loginError = proctor.getByTestId('login-error');
    await expect.poll(() => loginError.textContent()).toContain('Nama pengguna atau kata sandi salah.');
    expect(await loginError.textContent()).not.toContain('INVALID_CREDENTIALS');
    await proctor.getByLabel('Kata sandi').fill(PASSWORD);
    await proctor.getByRole('button', { name: 'Masuk' }).click();
    const session = await db.db
      .selectFrom('exam_sessions')
      .select(['starts_at', 'ends_at'])
      .where('id', '=', fixture.sessionId)
      .executeTakeFirstOrThrow();
    // WIB is UTC+7 all year round.
    const wib = (at: Date) => {
      const local = new Date(at.getTime() + 7 * 3600_000);
      return `${String(local.getUTCHours()).padStart(2, '0')}.${String(local.getUTCMinutes()).padStart(2, '0')}`;
    };
    expect(await proctor.getByTestId('session-times').textContent()).toBe(
      `${wib(session.starts_at)}–${wib(session.ends_at)} WIB`,
    );
    await proctor.getByRole('button', { name: 'Buka ruang' }).click();
    await proctor.getByTestId('room-token').waitFor();
    expect(await proctor.getByTestId('room-token').textContent()).toMatch(/^[A-Z2-9]{6}$/);
    await waitFor('three tiles', async () => (await proctor.locator('[data-seat]').count()) === 3);
    expect(await tile(7).getAttribute('data-state')).toBe('not_arrived');
    await screenshot(proctor, 'proctor-room-empty');
  });

  it('counts answers live as the participants work', async () => {
    for (const p of seated) {
      await participantLogin(p.page, p);
      await p.page.getByTestId('start-section').click();
      await p.page.getByTestId('item').waitFor();
    }
    // The seats as read after the section start first; the answers then come as counts alone.
    await waitFor('seat 7 answering', async () => (await tile(7).getAttribute('data-state')) === 'answering');
    expect(await tile(7).locator('[data-answered]').getAttribute('data-answered')).toBe('0');
    const first = seated[0]!.page;
    await first.keyboard.press('b');
    await first.locator('[data-testid=choice][aria-checked=true]').waitFor();
    await first.keyboard.press('ArrowRight');
    await first.keyboard.press('c');
    await first.locator('[data-testid=save-status][data-state=saved]').waitFor({ timeout: 10_000 });
    await tile(7).locator('[data-answered="2"]').waitFor({ timeout: 5_000 });
    for (const p of seated) expect(await tile(p.seatNo).getAttribute('data-state')).toBe('answering');
    expect(await tile(7).textContent()).toContain(`2 dari ${fixture.items.size} dijawab`);
    await screenshot(proctor, 'proctor-answers-live');
    await expectAccessible(proctor, 'seat map');
  });

  it('says in words why an action is refused, and remembers the idle threshold the proctor chose', async () => {
    await tile(7).click();
    await proctor.getByRole('button', { name: 'Tandai tidak hadir', exact: true }).click();
    await proctor.getByLabel('Alasan (wajib)').fill('salah pilih');
    await proctor.getByRole('button', { name: 'Kirim', exact: true }).click();
    const refusal = proctor.getByText('Tindakan ditolak:');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('tidak berlaku untuk kursi tersebut');
    expect(await refusal.textContent()).not.toContain('VALIDATION');
    await proctor.getByRole('button', { name: 'Batal', exact: true }).click();
    await tile(7).click();

    const idle = proctor.getByLabel('Dianggap diam setelah');
    expect(await idle.inputValue()).toBe('5');
    await idle.selectOption({ label: '3 menit' });
    await proctor.reload();
    await proctor.getByRole('button', { name: 'Buka ruang' }).click();
    await waitFor('three tiles', async () => (await proctor.locator('[data-seat]').count()) === 3);
    expect(await proctor.getByLabel('Dianggap diam setelah').inputValue()).toBe('3');
    for (const p of seated) expect(await tile(p.seatNo).getAttribute('data-state')).toBe('answering');
  });

  it('pauses the whole room: every participant sees the overlay and their time stands still', async () => {
    await act('Jeda ruang', 'listrik padam');
    for (const p of seated) await p.page.getByTestId('pause-overlay').waitFor({ timeout: 5_000 });
    const frozen = await Promise.all(seated.map((p) => p.page.getByTestId('timer').textContent()));
    await proctor.getByText('Ruang DIJEDA').waitFor();
    await screenshot(proctor, 'proctor-paused');
    await screenshot(seated[1]!.page, 'participant-paused');
    await new Promise((r) => setTimeout(r, 2_200));
    expect(await Promise.all(seated.map((p) => p.page.getByTestId('timer').textContent()))).toEqual(frozen);
    await act('Lanjutkan ruang', 'listrik menyala');
    for (const p of seated)
      await p.page.getByTestId('pause-overlay').waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('adds time to one seat only', async () => {
    const [, second, third] = seated;
    const before = await timerSeconds(second!.page);
    const other = await timerSeconds(third!.page);
    await tile(8).click();
    await act('Tambah waktu', 'komputer sempat hang', () =>
      proctor.getByLabel('Menit', { exact: true }).fill('10'),
    );
    await waitFor(
      'the extra time on seat 8',
      async () => (await timerSeconds(second!.page)) > before + 9 * 60,
      5_000,
    );
    expect(await timerSeconds(third!.page)).toBeLessThanOrEqual(other);
    await screenshot(second!.page, 'participant-extended');
  });

  it('reports a device switch as an incident and lets the proctor unlock it', async () => {
    const third = seated[2]!;
    const otherPc = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const other = await otherPc.newPage();
    await participantLogin(other, third);
    await expect
      .poll(() => other.getByTestId('login-error').textContent(), { timeout: 10_000 })
      .toContain('komputer lain');
    const incident = proctor.locator('[data-incident="device_rejected"]');
    await incident.waitFor({ timeout: 5_000 });
    await incident.getByLabel('Catatan tanggapan').fill('Komputer 9 rusak, pindah ke cadangan');
    await incident.getByRole('button', { name: 'Tanggapi' }).click();
    await incident.getByText('Komputer 9 rusak').waitFor();
    await tile(9).click();
    await act('Buka kunci perangkat', 'pindah ke komputer cadangan');
    await participantLogin(other, third);
    await other.getByTestId('item').or(other.getByTestId('briefing')).first().waitFor({ timeout: 10_000 });
    await screenshot(proctor, 'proctor-incident-unlocked');
    await otherPc.close();
  });

  it('force-finishes one seat and the participant sees the finish screen', async () => {
    await tile(7).click();
    await act('Paksa selesai', 'kedapatan membuka catatan');
    await seated[0]!.page.getByTestId('finished').waitFor({ timeout: 5_000 });
    await waitFor(
      'the finished tile',
      async () => (await tile(7).getAttribute('data-state')) === 'finished',
      5_000,
    );
    await screenshot(seated[0]!.page, 'participant-force-finished');
    await screenshot(proctor, 'proctor-after-actions');
    await expectAccessible(proctor, 'seat actions and incidents');
  });

  it('downloads a berita acara PDF that lists those events with their times and reasons', async () => {
    await proctor.getByLabel('Catatan pengawas').fill('Ujian berjalan tertib setelah listrik pulih.');
    await proctor.getByRole('button', { name: 'Simpan catatan' }).click();
    await proctor.getByText('Catatan tersimpan.').waitFor();
    const download = proctor.waitForEvent('download');
    await proctor.getByRole('link', { name: 'Unduh berita acara (PDF)' }).click();
    const file = join(SHOTS, 'berita-acara.pdf');
    await (await download).saveAs(file);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    writeFileSync(join(SHOTS, 'berita-acara.txt'), stdout);
    for (const expected of [
      'BERITA ACARA',
      'Ruang dijeda',
      'listrik padam',
      'Ruang dilanjutkan',
      'Tambah waktu',
      'komputer sempat hang',
      'Buka kunci perangkat',
      'pindah ke komputer cadangan',
      'Konflik kunci perangkat',
      'Komputer 9 rusak',
      'Paksa selesai',
      'kedapatan membuka catatan',
      'hadir, dihentikan pengawas',
      'Ujian berjalan tertib',
      'Budi Pengawas',
    ]) {
      expect(text).toContain(expected);
    }
  });
  // Last: it takes the room's live state out of Redis, as the worker does long after the session.
  it('shows the room read-only once its live state is archived, the berita acara still at hand', async () => {
    for (const p of seated) await p.context.close();
    // The worker's two steps (apps/worker/src/live-archive), with the same exam-store functions and
    // the server's key layout (support/server.ts: two answer-log shards).
    const store = new ExamStore(redis, { prefix, shards: 2 });
    const feed = new RoomFeed(redis, store.keys);
    const ids = await store.sessionAttemptIds(fixture.sessionId);
    // The session's end came for the two still answering, as the deadline sweep closes them.
    for (const id of ids) await store.finishAttempt(id, 'timed_out', 'deadline');
    const live = await readSessionLive(store, feed, fixture.sessionId, ids);
    await db.db
      .insertInto('session_live_archive')
      .values({
        session_id: fixture.sessionId,
        seats: JSON.stringify(live.seats),
        incidents: JSON.stringify(live.incidents),
      })
      .execute();
    await forgetSession(redis, store, feed, fixture.sessionId, ids);

    await proctor.getByRole('button', { name: 'Ganti ruang' }).click();
    // Another day lists that day's rooms (none for this proctor); "Hari ini" comes back to today's.
    await proctor.getByLabel('Tanggal').fill('2026-01-15');
    await proctor.getByText('Tidak ada ruang yang ditugaskan kepada Anda pada tanggal ini.').waitFor();
    expect(await proctor.getByRole('button', { name: 'Buka ruang' }).count()).toBe(0);
    await screenshot(proctor, 'proctor-sessions-another-day');
    await expectAccessible(proctor, 'sessions of another day');
    await proctor.getByRole('button', { name: 'Hari ini' }).click();
    await proctor.getByRole('button', { name: 'Buka ruang' }).click();
    await proctor.getByTestId('room-archived').waitFor();
    await waitFor('three tiles', async () => (await proctor.locator('[data-seat]').count()) === 3);
    for (const seatNo of [7, 8, 9]) expect(await tile(seatNo).getAttribute('data-state')).toBe('finished');
    // Nothing to act with: no token to hand out, no room or seat actions, no acknowledging.
    expect(await proctor.getByTestId('room-token').count()).toBe(0);
    expect(await proctor.getByRole('button', { name: 'Jeda ruang' }).count()).toBe(0);
    expect(await proctor.getByRole('button', { name: 'Kirim pesan' }).count()).toBe(0);
    await tile(8).click();
    await proctor.getByRole('heading', { name: 'Kursi 8: Agus Santoso' }).waitFor();
    expect(await proctor.locator('[data-seat-action]').count()).toBe(0);
    expect(await proctor.getByRole('button', { name: 'Tanggapi' }).count()).toBe(0);
    expect(await proctor.getByText('Tidak ditanggapi').count()).toBeGreaterThan(0);
    expect(await proctor.getByRole('link', { name: 'Unduh berita acara (PDF)' }).count()).toBe(1);
    await screenshot(proctor, 'proctor-room-archived');
    await expectAccessible(proctor, 'archived room');
  });
});
