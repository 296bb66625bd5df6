import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
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
let bankId: string;
const prefix = uniqueRedisPrefix('server-admin-batteries');

const sc = (n: number) => ({
  type: 'single_choice',
  stem: { text: `Soal ${n}` },
  subtest: 'verbal',
  options: ['A', 'B', 'C', 'D'].map((id) => ({ id, content: { text: `pilihan ${id}` } })),
  key: 'C',
});
const sjt = (n: number, competency: string) => ({
  type: 'sjt',
  stem: { text: `Situasi ${n}` },
  competency,
  indicator: `${competency}.3.1`,
  options: ['A', 'B', 'C'].map((id, i) => ({ id, content: { text: `tindakan ${id}` }, weight: i + 2 })),
});

beforeAll(async () => {
  tdb = await createTestDatabase('server-admin-batteries');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const agencyId = await addAgency(tdb.db);
  ({ server, url } = await startTestServer(tdb, prefix));
  bkd = await loggedIn(url, (await addStaffUser(tdb.db, ['bkd'], agencyId)).username);
  bankId = (await bkd.request<{ bank: { id: string } }>('POST', '/api/v1/admin/item-banks', { name: 'Bank' }))
    .body.bank.id;
  const file = {
    format: 'petakom-item-bank',
    version: 1,
    items: [
      ...[1, 2, 3, 4].map((n) => ({ code: `SC${n}`, content: sc(n) })),
      ...[1, 2, 3].map((n) => ({ code: `SJT-M1-${n}`, content: sjt(n, 'M1') })),
      ...[1, 2].map((n) => ({ code: `SJT-M2-${n}`, content: sjt(n, 'M2') })),
    ],
  };
  const res = await bkd.upload(`/api/v1/admin/item-banks/${bankId}/imports?format=json`, {
    name: 'b.json',
    type: 'application/json',
    data: JSON.stringify(file),
  });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

async function pick(body: Record<string, unknown>) {
  const res = await bkd.request<{ itemIds: string[]; shortfalls: { subject: string; found: number }[] }>(
    'POST',
    '/api/v1/admin/batteries/pick',
    { itemBankId: bankId, ...body },
  );
  expect(res.status).toBe(200);
  return res.body;
}

const section = (key: string, kind: string, itemIds: string[]) => ({
  key,
  title: key,
  kind,
  timeLimitSec: 600,
  itemIds,
  shuffleItems: true,
  shuffleOptions: true,
  instructions: 'Kerjakan.',
});

describe('battery builder', () => {
  it('picks items by competency and type, reporting what the bank lacks', async () => {
    const sjtPick = await pick({ kind: 'sjt', competencies: ['M1', 'M2'], perCompetency: 3, seed: 's1' });
    expect(sjtPick.itemIds).toHaveLength(5);
    expect(sjtPick.shortfalls).toEqual([{ subject: 'M2', wanted: 3, found: 2 }]);
    expect(
      (await pick({ kind: 'sjt', competencies: ['M1', 'M2'], perCompetency: 3, seed: 's1' })).itemIds,
    ).toEqual(sjtPick.itemIds);
    expect((await pick({ kind: 'potensi', perSubtest: { verbal: 2 } })).itemIds).toHaveLength(2);
  });

  it('reports blueprint problems and refuses to save a battery that has them', async () => {
    const potensi = await pick({ kind: 'potensi', perSubtest: { verbal: 4 } });
    const sjtIds = (await pick({ kind: 'sjt', competencies: ['M1'], perCompetency: 3 })).itemIds;
    const blueprint = {
      sections: [
        section('potensi', 'potensi', [...potensi.itemIds, sjtIds[0] ?? '']),
        section('sjt', 'sjt', []),
      ],
    };
    const validated = await bkd.request<{ valid: boolean; problems: { code: string }[] }>(
      'POST',
      '/api/v1/admin/batteries/validate',
      { blueprint, spec: 'free' },
    );
    expect(validated.body.valid).toBe(false);
    expect(validated.body.problems.map((p) => p.code)).toEqual(['ITEM_TYPE_MISMATCH', 'EMPTY_SECTION']);
    const againstDefault = await bkd.request<{ problems: { code: string }[] }>(
      'POST',
      '/api/v1/admin/batteries/validate',
      { blueprint: { sections: [section('potensi', 'potensi', potensi.itemIds)] } },
    );
    expect(againstDefault.body.problems.map((p) => p.code)).toContain('MISSING_SECTION');
    expect(againstDefault.body.problems.map((p) => p.code)).toContain('SUBTEST_COUNT_MISMATCH');
    const saved = await bkd.request('POST', '/api/v1/admin/batteries', {
      name: 'Salah',
      blueprint,
      spec: 'free',
    });
    expect(saved.status).toBe(400);
    expect(saved.body).toMatchObject({
      error: { code: 'VALIDATION', problems: [{ code: 'ITEM_TYPE_MISMATCH' }, { code: 'EMPTY_SECTION' }] },
    });
    const badModel = await bkd.request('POST', '/api/v1/admin/batteries', {
      name: 'Model',
      blueprint: { sections: [section('p', 'potensi', potensi.itemIds)] },
      spec: 'free',
      scoringModel: { version: 'x' },
    });
    expect(badModel.status).toBe(400);
    expect(await tdb.db.selectFrom('batteries').select('id').execute()).toEqual([]);
  });

  it('previews what a participant sees: the seeded order, no keys or weights', async () => {
    const potensi = await pick({ kind: 'potensi', perSubtest: { verbal: 4 } });
    const sjtIds = (await pick({ kind: 'sjt', competencies: ['M1'], perCompetency: 3 })).itemIds;
    const saved = await bkd.request<{ battery: { id: string } }>('POST', '/api/v1/admin/batteries', {
      name: 'Uji coba',
      blueprint: {
        sections: [section('potensi', 'potensi', potensi.itemIds), section('sjt', 'sjt', sjtIds)],
      },
      spec: 'free',
    });
    expect(saved.status).toBe(200);
    const id = saved.body.battery.id;
    const preview = await bkd.request<{
      sections: { key: string; items: { id: string; options: { id: string }[] }[] }[];
    }>('GET', `/api/v1/admin/batteries/${id}/preview?seed=peserta-1`);
    expect(preview.status).toBe(200);
    const text = JSON.stringify(preview.body);
    expect(text).not.toMatch(/"key"\s*:\s*"C"/);
    expect(text).not.toContain('weight');
    expect(text).not.toContain('competency');
    expect(preview.body.sections.map((s) => s.items.length)).toEqual([4, 3]);
    expect(new Set(preview.body.sections[0]?.items.map((i) => i.id))).toEqual(new Set(potensi.itemIds));
    const again = await bkd.request('GET', `/api/v1/admin/batteries/${id}/preview?seed=peserta-1`);
    expect(again.body).toEqual(preview.body);
    const seeds = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((s) =>
        bkd.request('GET', `/api/v1/admin/batteries/${id}/preview?seed=${s}`),
      ),
    );
    expect(new Set(seeds.map((r) => JSON.stringify(r.body.sections))).size).toBeGreaterThan(1);
  });
});
