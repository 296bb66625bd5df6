// Setting campaigns up through the staff API: campaigns, rooms and the pengawas list, each audited
// where it writes and each kept to the caller's own agency.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import type { CampaignSummary, Room } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetakomServer } from '../src/server.ts';
import { startTestServer } from './harness.ts';
import { addAgency, addStaffUser, loggedIn, type StaffClient } from './staff-client.ts';

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
let bkd: StaffClient;
let assessor: StaffClient;
let otherBkd: StaffClient;
let batteryId: string;
let otherBatteryId: string;
let agencyId: string;
const prefix = uniqueRedisPrefix('server-admin-campaign-setup');

async function addBattery(agency: string, name: string): Promise<string> {
  const row = await tdb.db
    .insertInto('batteries')
    .values({ agency_id: agency, name, blueprint: JSON.stringify({ sections: [] }), scoring_model: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const auditOf = (action: string, targetId: string) =>
  tdb.db
    .selectFrom('audit_log')
    .select(['actor_id', 'reason', 'detail'])
    .where('action', '=', action)
    .where('target_id', '=', targetId)
    .execute();

beforeAll(async () => {
  tdb = await createTestDatabase('server-admin-campaign-setup');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  agencyId = await addAgency(tdb.db);
  const otherAgencyId = await addAgency(tdb.db);
  ({ server, url } = await startTestServer(tdb, prefix));
  bkd = await loggedIn(url, (await addStaffUser(tdb.db, ['bkd'], agencyId)).username);
  assessor = await loggedIn(url, (await addStaffUser(tdb.db, ['assessor'], agencyId)).username);
  otherBkd = await loggedIn(url, (await addStaffUser(tdb.db, ['bkd'], otherAgencyId)).username);
  batteryId = await addBattery(agencyId, 'Baterai 204');
  otherBatteryId = await addBattery(otherAgencyId, 'Baterai lain');
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

async function createCampaign(client: StaffClient, body: Record<string, unknown>) {
  return client.request<{ campaign: CampaignSummary; error?: { code: string } }>(
    'POST',
    '/api/v1/admin/campaigns',
    body,
  );
}

describe('campaigns', () => {
  it('creates a campaign with a three-year validity by default and records who created it', async () => {
    const res = await createCampaign(bkd, {
      name: 'Pemetaan Kompetensi 2026',
      batteryId,
      purpose: 'pemetaan',
      organiser: { name: 'UPT Penilaian Kompetensi', teamLeader: 'Dra. Sri Wahyuni' },
    });
    expect(res.status).toBe(200);
    const c = res.body.campaign;
    expect(c).toMatchObject({
      name: 'Pemetaan Kompetensi 2026',
      purpose: 'pemetaan',
      status: 'draft',
      batteryId,
      batteryName: 'Baterai 204',
      validityYears: 3,
      sessions: 0,
      registered: 0,
      firstDate: null,
      organiser: { name: 'UPT Penilaian Kompetensi', teamLeader: 'Dra. Sri Wahyuni' },
    });
    const audit = await auditOf('campaign.create', c.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({ batteryId, purpose: 'pemetaan', validityYears: 3 });
  });

  it('refuses a battery of another agency and leaves no campaign behind', async () => {
    const res = await createCampaign(bkd, {
      name: 'Curang',
      batteryId: otherBatteryId,
      purpose: 'pengisian',
    });
    expect(res.status).toBe(400);
    const rows = await tdb.db.selectFrom('campaigns').select('id').where('name', '=', 'Curang').execute();
    expect(rows).toHaveLength(0);
  });

  it('lists the agency campaigns with their exam dates, sessions and registrations', async () => {
    const created = (
      await createCampaign(bkd, {
        name: 'Uji Kompetensi Pengisian',
        batteryId,
        purpose: 'pengisian',
        validityYears: 2,
      })
    ).body.campaign;
    const room = await tdb.db
      .insertInto('rooms')
      .values({ agency_id: agencyId, name: 'Ruang daftar', capacity: 10 })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const date of ['2031-05-06', '2031-05-04']) {
      await tdb.db
        .insertInto('exam_sessions')
        .values({
          campaign_id: created.id,
          date,
          slot: 'pagi',
          room_id: room.id,
          capacity: 10,
          starts_at: new Date(`${date}T00:30:00Z`),
          ends_at: new Date(`${date}T03:30:00Z`),
        })
        .execute();
    }
    const res = await assessor.request<{ campaigns: CampaignSummary[] }>('GET', '/api/v1/admin/campaigns');
    expect(res.status).toBe(200);
    const listed = res.body.campaigns.find((c) => c.id === created.id);
    expect(listed).toMatchObject({
      purpose: 'pengisian',
      validityYears: 2,
      sessions: 2,
      registered: 0,
      firstDate: '2031-05-04',
      lastDate: '2031-05-06',
    });
    expect(res.body.campaigns.map((c) => c.name)).toContain('Pemetaan Kompetensi 2026');
  });

  it("never shows a staff member another agency's campaigns, in the list or by id", async () => {
    const mine = (await bkd.request<{ campaigns: CampaignSummary[] }>('GET', '/api/v1/admin/campaigns')).body
      .campaigns;
    const id = mine[0]?.id ?? '';
    const theirs = await otherBkd.request<{ campaigns: CampaignSummary[] }>('GET', '/api/v1/admin/campaigns');
    expect(theirs.body.campaigns).toEqual([]);
    expect((await otherBkd.request('GET', `/api/v1/admin/campaigns/${id}`)).status).toBe(404);
    const patch = await otherBkd.request('PATCH', `/api/v1/admin/campaigns/${id}`, { name: 'Diambil alih' });
    expect(patch.status).toBe(404);
    expect(
      (await bkd.request<{ campaign: CampaignSummary }>('GET', `/api/v1/admin/campaigns/${id}`)).body.campaign
        .name,
    ).not.toBe('Diambil alih');
  });

  it('renames, activates and sets the organiser details, auditing the change with its reason', async () => {
    const id = (await createCampaign(bkd, { name: 'Draf', batteryId, purpose: 'pemetaan' })).body.campaign.id;
    const res = await bkd.request<{ campaign: CampaignSummary }>('PATCH', `/api/v1/admin/campaigns/${id}`, {
      name: 'Pemetaan Kompetensi Tahap II',
      status: 'active',
      organiser: { name: 'BKD Provinsi', accreditation: 'A', methods: ['CAT'] },
      reason: 'Keputusan rapat 2 Mei',
    });
    expect(res.status).toBe(200);
    expect(res.body.campaign).toMatchObject({
      name: 'Pemetaan Kompetensi Tahap II',
      status: 'active',
      organiser: { name: 'BKD Provinsi', accreditation: 'A', methods: ['CAT'] },
    });
    const stored = await tdb.db
      .selectFrom('campaigns')
      .select('settings')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.settings).toMatchObject({ organiser: { accreditation: 'A' } });
    const audit = await auditOf('campaign.update', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.reason).toBe('Keputusan rapat 2 Mei');
    expect(audit[0]?.detail).toMatchObject({ status: { from: 'draft', to: 'active' } });
  });

  it('refuses an edit that changes nothing', async () => {
    const id = (await createCampaign(bkd, { name: 'Kosong', batteryId, purpose: 'pemetaan' })).body.campaign
      .id;
    expect(
      (await bkd.request('PATCH', `/api/v1/admin/campaigns/${id}`, { reason: 'tidak ada' })).status,
    ).toBe(400);
  });
});

describe('rooms', () => {
  it('adds a room with its capacity, audited, and lists it for the agency only', async () => {
    const res = await bkd.request<{ room: Room }>('POST', '/api/v1/admin/rooms', {
      name: 'Ruang CAT Utama',
      location: 'Gedung B lantai 2',
      capacity: 76,
    });
    expect(res.status).toBe(200);
    expect(res.body.room).toMatchObject({
      name: 'Ruang CAT Utama',
      capacity: 76,
      location: 'Gedung B lantai 2',
    });
    expect(await auditOf('room.create', res.body.room.id)).toHaveLength(1);
    const list = await assessor.request<{ rooms: Room[] }>('GET', '/api/v1/admin/rooms');
    expect(list.body.rooms.map((r) => r.name)).toContain('Ruang CAT Utama');
    const theirs = await otherBkd.request<{ rooms: Room[] }>('GET', '/api/v1/admin/rooms');
    expect(theirs.body.rooms).toEqual([]);
  });

  it('refuses a second room of the same name in the agency, but another agency may use the name', async () => {
    await bkd.request('POST', '/api/v1/admin/rooms', { name: 'Ruang Kembar', capacity: 20 });
    expect(
      (await bkd.request('POST', '/api/v1/admin/rooms', { name: 'Ruang Kembar', capacity: 30 })).status,
    ).toBe(409);
    expect(
      (await otherBkd.request('POST', '/api/v1/admin/rooms', { name: 'Ruang Kembar', capacity: 30 })).status,
    ).toBe(200);
  });

  it('refuses a room without seats', async () => {
    expect(
      (await bkd.request('POST', '/api/v1/admin/rooms', { name: 'Ruang nol', capacity: 0 })).status,
    ).toBe(400);
  });
});

describe('pengawas list', () => {
  it('lets a bkd planner see the active pengawas of the agency and no one else', async () => {
    const active = await addStaffUser(tdb.db, ['proctor'], agencyId, 'pengawas.aktif');
    const disabled = await addStaffUser(tdb.db, ['proctor'], agencyId, 'pengawas.nonaktif');
    await tdb.db
      .updateTable('staff_users')
      .set({ disabled_at: new Date() })
      .where('id', '=', disabled.id)
      .execute();
    const foreign = await addStaffUser(tdb.db, ['proctor'], await addAgency(tdb.db), 'pengawas.lain');
    const res = await bkd.request<{ proctors: { id: string; username: string; fullName: string }[] }>(
      'GET',
      '/api/v1/admin/proctors',
    );
    expect(res.status).toBe(200);
    const ids = res.body.proctors.map((p) => p.id);
    expect(ids).toContain(active.id);
    expect(ids).not.toContain(disabled.id);
    expect(ids).not.toContain(foreign.id);
    expect(res.body.proctors.find((p) => p.id === active.id)).toMatchObject({
      username: 'pengawas.aktif',
      fullName: 'Staf pengawas.aktif',
    });
  });
});
