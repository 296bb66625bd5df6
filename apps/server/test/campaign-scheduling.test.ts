// Campaign scheduling against the demo roster (2,111 ASN): refusal when seats run short, seating
// into 28 sessions, kartu peserta PDF, the dashboard's absent list and rescheduling.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  uniqueRedisPrefix,
  deleteRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { examDays, generateDemo, loadDemo, type DemoData } from '@petakom/demo';
import type { DashboardResponse, ScheduleResponse } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './harness.ts';
import { StaffClient } from './staff-client.ts';
import type { PetakomServer } from '../src/server.ts';

let t: TestDatabase;
let server: PetakomServer;
let url: string;
let prefix: string;
let demo: DemoData;
let admin: StaffClient;
let campaignId: string;
let headId: string;
const dates = examDays('2030-01-07', 14);

async function staffLogin(username: string, password: string): Promise<StaffClient> {
  const client = new StaffClient(url);
  const res = await client.login(username, password);
  if (res.status !== 200) throw new Error(`login failed ${JSON.stringify(res.body)}`);
  return client;
}

beforeAll(async () => {
  t = await createTestDatabase('campaign_sched');
  prefix = uniqueRedisPrefix('campaign_sched');
  demo = generateDemo({ startDate: '2029-12-03' });
  await loadDemo(t.db, demo);
  // A second campaign of the same agency, not yet scheduled.
  const c = await t.db
    .insertInto('campaigns')
    .values({
      agency_id: demo.agency.id,
      battery_id: demo.battery.id,
      name: 'Pemetaan Kompetensi 2030',
      purpose: 'pemetaan',
      status: 'draft',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  campaignId = c.id;
  // A JPT Pratama head: mass CAT must leave them out.
  const unit = demo.units[0];
  if (!unit) throw new Error('demo has no unit');
  const pos = await t.db
    .insertInto('positions')
    .values({
      agency_id: demo.agency.id,
      unit_id: unit.id,
      name: 'Kepala Badan',
      jenjang: 'jpt_pratama',
      kind: 'struktural',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const head = await t.db
    .insertInto('participants')
    .values({
      nip: '197001011995031001',
      full_name: 'Kepala Badan Uji',
      birth_date: '1970-01-01',
      gender: 'L',
      position_id: pos.id,
      unit_id: unit.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  headId = head.id;
  ({ server, url } = await startTestServer(t, prefix));
  admin = await staffLogin('admin', 'admin-demo');
}, 60_000);

afterAll(async () => {
  await server?.close();
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t?.destroy();
});

const room = () => demo.rooms[0]?.id ?? '';
const proctorIds = () => demo.staff.filter((s) => s.roles.includes('proctor')).map((s) => s.id);

describe('campaign scheduling', () => {
  it('refuses 28 sessions of 75 for 2,111 participants and says how many lack a seat', async () => {
    const res = await admin.request<{ ok: false; error: { code: string; message: string } }>(
      'POST',
      `/api/v1/admin/campaigns/${campaignId}/schedule`,
      { dates, roomIds: [room()], seatsPerSession: 75 },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/11 dari 2111 peserta tidak mendapat kursi/);
    const sessions = await t.db
      .selectFrom('exam_sessions')
      .where('campaign_id', '=', campaignId)
      .selectAll()
      .execute();
    expect(sessions).toHaveLength(0);
  });

  it('refuses a named participant whose jabatan is above Administrator', async () => {
    const res = await admin.request<{ ok: false; error: { message: string } }>(
      'POST',
      `/api/v1/admin/campaigns/${campaignId}/schedule`,
      { dates, roomIds: [room()], participantIds: [headId], dryRun: true },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/assessment center/);
  });

  it('does not let a pengawas schedule a campaign', async () => {
    const proctor = await staffLogin('pengawas1', 'pengawas-demo');
    const res = await proctor.request('POST', `/api/v1/admin/campaigns/${campaignId}/schedule`, {
      dates,
      roomIds: [room()],
    });
    expect(res.status).toBe(403);
  });

  it('seats the demo roster into 28 sessions, units together, capacity respected, pengawas never double-booked', async () => {
    const res = await admin.request<ScheduleResponse>(
      'POST',
      `/api/v1/admin/campaigns/${campaignId}/schedule`,
      {
        dates,
        roomIds: [room()],
        seatsPerSession: 76,
        proctorIds: proctorIds(),
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ saved: true, sessions: 28, seated: 2111, capacity: 28 * 76 });
    expect(res.body.excluded.map((e) => e.participantId)).toEqual([headId]);

    const sessions = await t.db
      .selectFrom('exam_sessions')
      .where('campaign_id', '=', campaignId)
      .selectAll()
      .execute();
    expect(sessions).toHaveLength(28);
    expect(new Set(sessions.map((s) => `${s.date}/${s.slot}`)).size).toBe(28);
    const regs = await t.db
      .selectFrom('registrations as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .select(['r.participant_id', 'r.session_id', 'r.seat_no', 'r.access_code', 'p.unit_id'])
      .where('r.campaign_id', '=', campaignId)
      .execute();
    expect(regs).toHaveLength(2111);
    expect(new Set(regs.map((r) => r.participant_id)).size).toBe(2111);
    for (const s of sessions) {
      const seats = regs.filter((r) => r.session_id === s.id).map((r) => r.seat_no);
      expect(seats.length).toBeLessThanOrEqual(76);
      expect(new Set(seats).size).toBe(seats.length);
    }
    // a unit is split only as far as its size forces, plus at most one session for its remainder
    const perUnit = new Map<string, string[]>();
    for (const r of regs) perUnit.set(r.unit_id, [...(perUnit.get(r.unit_id) ?? []), r.session_id]);
    for (const used of perUnit.values()) {
      expect(new Set(used).size).toBeLessThanOrEqual(Math.ceil(used.length / 76) + 1);
    }
    for (const r of regs) expect(r.access_code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);

    const assignments = await t.db
      .selectFrom('proctor_assignments as pa')
      .innerJoin('exam_sessions as s', 's.id', 'pa.session_id')
      .select(['pa.staff_user_id', 's.date', 's.slot'])
      .where('s.campaign_id', '=', campaignId)
      .execute();
    expect(assignments).toHaveLength(28);
    const keys = assignments.map((a) => `${a.staff_user_id}@${a.date}/${a.slot}`);
    expect(new Set(keys).size).toBe(keys.length);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'campaign.schedule')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('prints kartu peserta with each person of a session, their seat and access code', async () => {
    const first = await t.db
      .selectFrom('exam_sessions')
      .select('id')
      .where('campaign_id', '=', campaignId)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    const res = await fetch(
      `${url}/api/v1/admin/campaigns/${campaignId}/kartu-peserta.pdf?sessionId=${first.id}`,
      {
        headers: { cookie: `petakom_staff=${admin.cookie ?? ''}`, 'x-forwarded-for': admin.ip },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/pdf/);
    const dir = mkdtempSync(join(tmpdir(), 'kartu-'));
    try {
      const file = join(dir, 'kartu.pdf');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      const regs = await t.db
        .selectFrom('registrations as r')
        .innerJoin('participants as p', 'p.id', 'r.participant_id')
        .select(['p.full_name', 'p.nip', 'r.seat_no', 'r.access_code'])
        .where('r.session_id', '=', first.id)
        .execute();
      expect(regs.length).toBeGreaterThan(70);
      expect(text.match(/KARTU PESERTA/g)).toHaveLength(regs.length);
      for (const r of regs) {
        expect(text).toContain(r.nip);
        expect(text).toContain(r.full_name);
        expect(text).toMatch(new RegExp(`Kursi\\s+:\\s*${r.seat_no}\\s`));
        expect(text).toMatch(new RegExp(`Kode akses\\s+:\\s*${r.access_code}\\s`));
      }
      expect(text).toContain('Ruang CAT BKPSDMD');
      expect(text).toContain('07:30-10:30');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the absent of a finished session on the dashboard and moves one to a later session', async () => {
    const sessions = await admin.request<{
      sessions: { id: string; registered: number; capacity: number }[];
    }>('GET', `/api/v1/admin/campaigns/${campaignId}/sessions`);
    const first = sessions.body.sessions[0];
    // a later session with a free seat (28 × 76 seats for 2,111 people leaves 17 free)
    const third = sessions.body.sessions.slice(1).find((s) => s.registered < s.capacity);
    if (!first || !third) throw new Error('missing sessions');
    await t.db.updateTable('exam_sessions').set({ status: 'closed' }).where('id', '=', first.id).execute();
    const regs = await t.db
      .selectFrom('registrations')
      .select(['id', 'participant_id'])
      .where('session_id', '=', first.id)
      .orderBy('seat_no')
      .execute();
    // everyone but the last two sat the exam
    const sat = regs.slice(0, -2);
    await t.db
      .insertInto('attempts')
      .values(
        sat.map((r) => ({
          registration_id: r.id,
          participant_id: r.participant_id,
          session_id: first.id,
          battery_id: demo.battery.id,
          seed: 'seed',
          form: '{}',
          status: 'finished' as const,
          started_at: new Date(Date.now() - 3 * 3600_000),
          closed_at: new Date(),
        })),
      )
      .execute();
    const dash = await admin.request<DashboardResponse>(
      'GET',
      `/api/v1/admin/campaigns/${campaignId}/dashboard`,
    );
    expect(dash.status).toBe(200);
    expect(dash.body.totals).toMatchObject({
      sessions: 28,
      sessionsDone: 1,
      registered: 2111,
      finished: sat.length,
      absent: 2,
    });
    expect(dash.body.totals.attendancePercent).toBeCloseTo((sat.length / regs.length) * 100, 1);
    const absentIds = dash.body.absent.map((a) => a.registrationId);
    expect(absentIds).toEqual(regs.slice(-2).map((r) => r.id));

    const [moved] = regs.slice(-2);
    if (!moved) throw new Error('no absent');
    const res = await admin.request<{ seatNo: number; sessionId: string }>(
      'POST',
      `/api/v1/admin/campaigns/${campaignId}/registrations/${moved.id}/reschedule`,
      { sessionId: third.id, reason: 'dinas luar pada hari ujian' },
    );
    expect(res.status).toBe(200);
    expect(res.body.sessionId).toBe(third.id);
    const seats = await t.db
      .selectFrom('registrations')
      .select('seat_no')
      .where('session_id', '=', third.id)
      .execute();
    expect(new Set(seats.map((s) => s.seat_no)).size).toBe(seats.length);
    const after = await admin.request<DashboardResponse>(
      'GET',
      `/api/v1/admin/campaigns/${campaignId}/dashboard`,
    );
    expect(after.body.totals.absent).toBe(1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['reason', 'target_id'])
      .where('action', '=', 'registration.reschedule')
      .execute();
    expect(audit).toEqual([{ reason: 'dinas luar pada hari ujian', target_id: moved.id }]);

    const again = await admin.request(
      'POST',
      `/api/v1/admin/campaigns/${campaignId}/registrations/${sat[0]?.id ?? ''}/reschedule`,
      {
        sessionId: third.id,
        reason: 'coba pindah',
      },
    );
    expect(again.status).toBe(409);
  });

  it('documents the campaign, results, export and HR routes in the OpenAPI description', async () => {
    const res = await fetch(`${url}/api/docs/json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/admin/campaigns/{campaignId}/schedule',
      '/api/v1/admin/campaigns/{campaignId}/dashboard',
      '/api/v1/admin/campaigns/{campaignId}/results',
      '/api/v1/admin/campaigns/{campaignId}/publication',
      '/api/v1/admin/campaigns/{campaignId}/exports/reports-zip',
      '/api/v1/hr/results',
      '/api/v1/participant/result',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
