// A participant reaching their own result weeks after the exam: the results login (NIP, access code,
// birth date; rate-limited), nothing before publication, only their own after it, and the PDF being
// the worker's full individual report of the published version, never a newer unpublished rescoring.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The worker's own fixtures and processors: the server asks the reports worker for the PDF.
import { closeAttempts, loadScoringFixture, type ScoringFixture } from '../../worker/bench/fixtures.ts';
import { createLogger } from '../../worker/src/logger.ts';
import { startReportsWorker } from '../../worker/src/reports/reports.worker.ts';
import { BatchScorer } from '../../worker/src/scoring/score-batch.ts';
import { ScoringRepository } from '../../worker/src/scoring/scoring.repository.ts';
import type { PetakomServer } from '../src/server.ts';
import { connectExam, startTestServer } from './harness.ts';
import { addStaffUser, loggedIn, type StaffClient } from './staff-client.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PER_IP = 20;

interface Person {
  participantId: string;
  registrationId: string;
  attemptId: string;
  nip: string;
  fullName: string;
  birthDate: string;
  accessCode: string;
}

let t: TestDatabase;
let prefix: string;
let redis: Redis;
let server: PetakomServer;
let url: string;
let fx: ScoringFixture;
let bkd: StaffClient;
let a: Person;
let b: Person;
let ipCounter = 10;
const workers: { close(): Promise<void> }[] = [];

/** Every test speaks from its own address so the per-IP limit is only met where it is tested. */
const freshIp = () => `203.0.113.${ipCounter++}`;

async function people(attemptIds: string[]): Promise<Person[]> {
  const rows = await t.db
    .selectFrom('attempts as at')
    .innerJoin('registrations as r', 'r.id', 'at.registration_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select([
      'p.id as participantId',
      'r.id as registrationId',
      'at.id as attemptId',
      'p.nip',
      'p.full_name as fullName',
      'p.birth_date as birthDate',
      'r.access_code as accessCode',
    ])
    .where('at.id', 'in', attemptIds)
    .execute();
  return attemptIds.map((id) => {
    const row = rows.find((r) => r.attemptId === id);
    if (!row) throw new Error(`no participant for ${id}`);
    return row;
  });
}

const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

async function resultsLogin(body: Record<string, unknown>, ip = freshIp()) {
  const res = await fetch(`${url}/api/v1/participant/results-session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      ok: boolean;
      accessToken?: string;
      participant?: { nip: string; fullName: string };
      error?: { code: string };
    },
  };
}

async function tokenOf(p: Person): Promise<string> {
  const res = await resultsLogin({ nip: p.nip, accessCode: p.accessCode, birthDate: dmy(p.birthDate) });
  if (!res.body.accessToken) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

interface OwnResult {
  resultId: string;
  version: number;
  jpm: number | null;
  categories: { pengisian: string | null; pemetaan: string | null };
  competencies: { code: string; name: string; level: number; requiredLevel: number | null }[];
}

async function ownResult(token: string) {
  const res = await fetch(`${url}/api/v1/participant/result`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; result?: OwnResult; error?: { code: string } },
  };
}

async function ownPdf(token: string): Promise<{ status: string; version: string | null; text: string }> {
  const res = await fetch(`${url}/api/v1/participant/result.pdf`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) return { status: String(res.status), version: null, text: '' };
  const dir = mkdtempSync(join(tmpdir(), 'own-report-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-']).toString();
    return { status: '200', version: res.headers.get('x-result-version'), text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function publish(reason: string): Promise<number> {
  const res = await bkd.request<{ published: number }>(
    'POST',
    `/api/v1/admin/campaigns/${fx.data.campaign.id}/publication`,
    { reason },
  );
  expect(res.status).toBe(200);
  return res.body.published;
}

beforeAll(async () => {
  t = await createTestDatabase('publication_participant');
  prefix = uniqueRedisPrefix('publication_participant');
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  fx = await loadScoringFixture(t.db);
  const { attemptIds } = await closeAttempts(t.db, fx, fx.data.campaign.id, 2);
  await new BatchScorer(new ScoringRepository(t.db)).score(attemptIds);
  [a, b] = (await people(attemptIds)) as [Person, Person];
  workers.push(
    startReportsWorker({ db: t.db, connection: redis, redisPrefix: prefix, logger: createLogger('silent') }),
  );
  ({ server, url } = await startTestServer(t, prefix, { LOGIN_PER_IP_PER_MINUTE: String(PER_IP) }));
  bkd = await loggedIn(url, (await addStaffUser(t.db, ['bkd'], fx.data.agency.id)).username);
}, 120_000);

afterAll(async () => {
  await server?.close();
  for (const w of workers) await w.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t?.destroy();
});

describe('participant results login', () => {
  it('refuses a wrong access code or a wrong birth date with INVALID_CREDENTIALS', async () => {
    const wrongCode = await resultsLogin({ nip: a.nip, accessCode: 'ZZZZZZ', birthDate: a.birthDate });
    expect(wrongCode).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
    const wrongDay = await resultsLogin({ nip: a.nip, accessCode: a.accessCode, birthDate: '01-01-1970' });
    expect(wrongDay).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
    // b's code with a's NIP and birth date is still wrong: a card opens only its own NIP
    const foreign = await resultsLogin({ nip: a.nip, accessCode: b.accessCode, birthDate: a.birthDate });
    expect(foreign.body.error?.code).toBe('INVALID_CREDENTIALS');
    const notADate = await resultsLogin({ nip: a.nip, accessCode: a.accessCode, birthDate: '31-02-1990' });
    expect(notADate).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION' } } });
  });

  it('accepts the birth date as DD-MM-YYYY or YYYY-MM-DD and needs no room token', async () => {
    const iso = await resultsLogin({ nip: a.nip, accessCode: a.accessCode, birthDate: a.birthDate });
    expect(iso.status).toBe(200);
    expect(iso.body.participant).toEqual({ nip: a.nip, fullName: a.fullName });
    const local = await resultsLogin({
      nip: a.nip,
      accessCode: a.accessCode.toLowerCase(),
      birthDate: dmy(a.birthDate),
    });
    expect(local.status).toBe(200);
  });

  it('gives a token of scope results that cannot open an exam socket, and refuses exam tokens', async () => {
    const token = await tokenOf(a);
    await expect(connectExam(url, token, 'device-results-1')).rejects.toThrow('UNAUTHENTICATED');
    const exam = await server.ctx.tokens.signParticipant({
      attemptId: a.attemptId,
      participantId: a.participantId,
      sessionId: '00000000-0000-4000-8000-000000000000',
      deviceId: 'device-exam-1',
    });
    expect((await ownResult(exam.token)).status).toBe(401);
    expect((await ownResult('not-a-token')).status).toBe(401);
  });

  it('limits logins per NIP and per address with RATE_LIMITED', async () => {
    // per NIP, from ever-new addresses: the eleventh try within a minute is refused even when right
    const nip = b.nip;
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await resultsLogin({ nip, accessCode: 'WRONG1', birthDate: b.birthDate });
      codes.push(res.body.error?.code ?? 'OK');
    }
    expect(codes.slice(0, 10).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
    expect(codes[10]).toBe('RATE_LIMITED');
    const right = await resultsLogin({ nip, accessCode: b.accessCode, birthDate: b.birthDate });
    expect(right).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    // per address, over many NIPs
    const ip = freshIp();
    let last = 0;
    for (let i = 0; i <= PER_IP; i++) {
      const other = `19800101200${String(i).padStart(3, '0')}1001`;
      last = (await resultsLogin({ nip: other, accessCode: 'ABCDEF', birthDate: '1980-01-01' }, ip)).status;
    }
    expect(last).toBe(429);
    // and b's limit is b's alone: a logs in meanwhile
    expect(
      (await resultsLogin({ nip: a.nip, accessCode: a.accessCode, birthDate: a.birthDate })).status,
    ).toBe(200);
    await redis.del(server.ctx.store.keys.rate(`results-login:nip:${b.nip}`));
  });
});

describe('participant result after publication', () => {
  it('shows nothing before publication, then only their own result and the full report of it', async () => {
    const tokenA = await tokenOf(a);
    const before = await ownResult(tokenA);
    expect(before).toMatchObject({ status: 404, body: { error: { code: 'NOT_PUBLISHED' } } });
    expect((await ownPdf(tokenA)).status).toBe('404');

    expect(await publish('Disetujui tim penilai')).toBe(2);

    const mine = await ownResult(tokenA);
    expect(mine.status).toBe(200);
    const result = mine.body.result;
    if (!result) throw new Error('no result');
    const stored = await t.db
      .selectFrom('results')
      .select(['id', 'jpm'])
      .where('attempt_id', '=', a.attemptId)
      .executeTakeFirstOrThrow();
    expect(result).toMatchObject({ resultId: stored.id, version: 1, jpm: Number(stored.jpm) });
    expect(result.categories.pengisian).toMatch(/memenuhi_syarat$/);
    expect(result.categories.pemetaan).toMatch(/optimal$/);
    expect(result.competencies.find((c) => c.code === 'M1')).toMatchObject({ name: 'Integritas' });
    expect(result.competencies.every((c) => c.requiredLevel !== null)).toBe(true);

    const tokenB = await tokenOf(b);
    expect((await ownResult(tokenB)).body.result?.resultId).not.toBe(stored.id);

    const pdf = await ownPdf(tokenA);
    expect(pdf.status).toBe('200');
    expect(pdf.version).toBe('1');
    // the worker's full individual report, not a summary: its sections are there
    expect(pdf.text).toContain('LAPORAN INDIVIDU HASIL PEMETAAN KOMPETENSI');
    expect(pdf.text).toContain('Rencana Pengembangan Kompetensi');
    expect(pdf.text).toContain(a.nip);
    expect(pdf.text).toContain(`${Number(stored.jpm).toFixed(2).replace('.', ',')} %`);
    expect(pdf.text).toContain('Versi hasil 1');
    expect(pdf.text).not.toContain(b.nip);
  });

  it('never hands a participant a rescored version until that version is published', async () => {
    const v1 = await t.db
      .selectFrom('results')
      .selectAll()
      .where('attempt_id', '=', a.attemptId)
      .executeTakeFirstOrThrow();
    // A rescoring wrote version 2 with another JPM; it awaits review and publication.
    const payload = v1.payload as { profile: { jpm: { value: number } } };
    const rescored = {
      ...payload,
      profile: { ...payload.profile, jpm: { ...payload.profile.jpm, value: 12.34 } },
    };
    const v2 = await t.db
      .insertInto('results')
      .values({
        attempt_id: a.attemptId,
        version: 2,
        scoring_model_version: v1.scoring_model_version,
        payload: JSON.stringify(rescored),
        jpm: 12.34,
        category: v1.category,
        nine_box: v1.nine_box,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tokenA = await tokenOf(a);
    expect((await ownResult(tokenA)).body.result).toMatchObject({ resultId: v1.id, version: 1 });
    const pdf = await ownPdf(tokenA);
    expect(pdf.version).toBe('1');
    expect(pdf.text).toContain('Versi hasil 1');
    expect(pdf.text).not.toContain('12,34 %');

    expect(await publish('Hasil penilaian ulang disetujui')).toBe(1);
    expect((await ownResult(tokenA)).body.result).toMatchObject({ resultId: v2.id, version: 2, jpm: 12.34 });
    const after = await ownPdf(tokenA);
    expect(after.version).toBe('2');
    expect(after.text).toContain('12,34 %');
  });
});
