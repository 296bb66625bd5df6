// Campaign exports through the API: the XLSX of results and gaps (belum dipetakan as such), the
// laporan penyelenggaraan PDF, and the reports zip job started, polled and downloaded. The zip itself
// is built by apps/worker (tested there); here a stand-in processor on the real queue drives the API.
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
import type { ExportJobStatus } from '@petakom/protocol';
import { Worker } from 'bullmq';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type ExamFixture, type FixtureParticipant } from './fixtures.ts';
import { sleep, startTestServer } from './harness.ts';
import { scoredSession, type ScoredParticipant } from './publication-fixtures.ts';
import { addStaffUser, loggedIn, type StaffClient } from './staff-client.ts';

let t: TestDatabase;
let server: PetakomServer;
let url: string;
let prefix: string;
let fixture: ExamFixture;
let scored: ScoredParticipant[];
let unscored: FixtureParticipant[];
let bkd: StaffClient;
let base: string;
let exportDir: string;

async function download(path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(`${url}${path}`, {
    headers: { cookie: `petakom_staff=${bkd.cookie ?? ''}`, 'x-forwarded-for': bkd.ip },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

beforeAll(async () => {
  t = await createTestDatabase('pub_exports');
  prefix = uniqueRedisPrefix('pub_exports');
  exportDir = mkdtempSync(join(tmpdir(), 'petakom-exports-'));
  process.env['EXPORT_DIR'] = exportDir;
  fixture = await createExamFixture(t.db);
  ({ scored, unscored } = await scoredSession(t.db, fixture, 3, 2));
  await t.db
    .updateTable('campaigns')
    .set({
      settings: JSON.stringify({
        organiser: {
          name: 'UPT Penilaian Kompetensi Provinsi',
          accreditation: 'A',
          teamLeader: 'Dr. Sri Wahyuni',
        },
      }),
    })
    .where('id', '=', fixture.campaignId)
    .execute();
  ({ server, url } = await startTestServer(t, prefix));
  bkd = await loggedIn(url, (await addStaffUser(t.db, ['bkd'], fixture.agencyId)).username);
  base = `/api/v1/admin/campaigns/${fixture.campaignId}/exports`;
}, 30_000);

afterAll(async () => {
  delete process.env['EXPORT_DIR'];
  await server?.close();
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  rmSync(exportDir, { recursive: true, force: true });
  await t?.destroy();
});

describe('campaign exports', () => {
  it('exports results and gaps as XLSX with non-attendees as belum dipetakan, never zero', async () => {
    const res = await download(`${base}/results.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Hasil');
    if (!sheet) throw new Error('no Hasil sheet');
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        rows.push({
          nip: row.getCell(1).value,
          status: row.getCell(6).value,
          jpm: row.getCell(7).value,
          box: row.getCell(9).value,
        });
    });
    expect(rows).toHaveLength(5);
    for (const p of unscored) {
      expect(rows.find((r) => r.nip === p.nip)).toMatchObject({
        status: 'belum dipetakan',
        jpm: null,
        box: null,
      });
    }
    expect(rows.find((r) => r.nip === scored[0]?.nip)).toMatchObject({
      status: 'dipetakan',
      jpm: 92.5,
      box: 9,
    });
    const gaps = wb.getWorksheet('Kesenjangan');
    if (!gaps) throw new Error('no Kesenjangan sheet');
    const gapRows: unknown[][] = [];
    gaps.eachRow((row, n) => {
      if (n > 1) gapRows.push([row.getCell(1).value, row.getCell(4).value, row.getCell(8).value]);
    });
    expect(gapRows).toHaveLength(3 * 2 + 2);
    expect(gapRows).toContainEqual([unscored[0]?.nip, null, 'belum dipetakan']);
    expect(gapRows).toContainEqual([scored[2]?.nip, 'M1', 'tinggi']);
  });

  it('renders the laporan penyelenggaraan with organiser, accreditation, targets, counts, people and methods', async () => {
    const res = await download(`${base}/laporan-penyelenggaraan.pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/pdf/);
    const dir = mkdtempSync(join(tmpdir(), 'laporan-'));
    try {
      writeFileSync(join(dir, 'l.pdf'), res.bytes);
      const text = execFileSync('pdftotext', [join(dir, 'l.pdf'), '-']).toString();
      expect(text).toContain('UPT Penilaian Kompetensi Provinsi');
      expect(text).toContain('Kategori akreditasi: A');
      expect(text).toContain('Ketua tim: Dr. Sri Wahyuni');
      expect(text).toMatch(/Ahli Pertama: 1 jabatan, 5 peserta/);
      expect(text).toContain('Terdaftar: 5');
      expect(text).toContain('Mengikuti penilaian: 3');
      expect(text).toContain('Belum dipetakan (tidak hadir): 2');
      expect(text).toContain('Tes Penilaian Kompetensi');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts the reports zip job, shows its progress while it runs, and serves the zip when done', async () => {
    const release: { go?: () => void } = {};
    const gate = new Promise<void>((resolve) => (release.go = resolve));
    const worker = new Worker(
      'exports',
      async (job) => {
        await job.updateProgress({ done: 1, total: 3 });
        await gate;
        writeFileSync(join(exportDir, `${job.id}.zip`), 'PK-zip-bytes');
        await job.updateProgress({ done: 3, total: 3 });
        return { fileName: `${job.id}.zip`, files: 3, bytes: 12 };
      },
      { connection: { url: 'redis://127.0.0.1:6379', maxRetriesPerRequest: null }, prefix: `${prefix}bull` },
    );
    try {
      const started = await bkd.request<{ jobId: string }>('POST', `${base}/reports-zip`);
      expect(started.status).toBe(200);
      const jobId = started.body.jobId;
      let status: ExportJobStatus | undefined;
      for (let i = 0; i < 100; i++) {
        status = (await bkd.request<ExportJobStatus>('GET', `${base}/jobs/${jobId}`)).body;
        if (status.done === 1) break;
        await sleep(50);
      }
      expect(status).toMatchObject({ state: 'active', progress: 33, done: 1, total: 3, downloadUrl: null });
      expect((await download(`${base}/jobs/${jobId}/download`)).status).toBe(404);
      release.go?.();
      for (let i = 0; i < 100; i++) {
        status = (await bkd.request<ExportJobStatus>('GET', `${base}/jobs/${jobId}`)).body;
        if (status.state === 'completed') break;
        await sleep(50);
      }
      expect(status).toMatchObject({ state: 'completed', progress: 100 });
      const zip = await download(status?.downloadUrl ?? '');
      expect(zip.status).toBe(200);
      expect(zip.type).toBe('application/zip');
      expect(zip.bytes.toString()).toBe('PK-zip-bytes');
      // another campaign's id does not reach this job
      const other = await bkd.request(
        'GET',
        `/api/v1/admin/campaigns/00000000-0000-4000-8000-000000000000/exports/jobs/${jobId}`,
      );
      expect(other.status).toBe(404);
    } finally {
      release.go?.();
      await worker.close();
    }
  });
});
