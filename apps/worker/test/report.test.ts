// The individual report PDF rendered from a scored result and for a registered participant who
// never sat; the text is read back out of the PDF the way a reader's viewer would.
import { createTestDatabase, type TestDatabase } from '@petakom/db/testing';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttempts, loadScoringFixture } from '../bench/fixtures.ts';
import { loadIndividualReport } from '../src/reports/individual-report.repository.ts';
import { renderIndividualReport } from '../src/reports/individual-report.ts';
import { BatchScorer } from '../src/scoring/score-batch.ts';
import { ScoringRepository } from '../src/scoring/scoring.repository.ts';

let t: TestDatabase;
let scoredRegistration: string;
let absentRegistration: string;

// pdfkit's standard fonts (Helvetica) are not embedded; pdf.js reads their metrics from here.
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, standardFontDataUrl })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await doc.cleanup();
  return pages.join('\n').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  t = await createTestDatabase('worker_report');
  const fx = await loadScoringFixture(t.db);
  const { attemptIds, absentRegistrationIds } = await closeAttempts(t.db, fx, fx.data.campaign.id, 3);
  await new BatchScorer(new ScoringRepository(t.db)).score(attemptIds);
  const a = await t.db
    .selectFrom('attempts')
    .select('registration_id')
    .where('id', '=', attemptIds[0] ?? '')
    .executeTakeFirstOrThrow();
  scoredRegistration = a.registration_id;
  absentRegistration = absentRegistrationIds[0] ?? '';
}, 60_000);

afterAll(async () => {
  await t.destroy();
});

describe('individual report', () => {
  it('shows identity, JPM, both categories, the plan and the validity of a scored participant', async () => {
    const data = await loadIndividualReport(t.db, scoredRegistration, '2026-12-01');
    const profile = data?.profile;
    if (!data || !profile?.jpm || !profile.categories) throw new Error('expected a scored profile');
    const text = await pdfText(await renderIndividualReport(data));
    expect(text).toContain('LAPORAN INDIVIDU HASIL PEMETAAN KOMPETENSI');
    expect(text).toContain(data.identity.fullName);
    expect(text).toContain(data.identity.nip);
    expect(text).toContain(`${profile.jpm.value.toFixed(2).replace('.', ',')} %`);
    expect(text).toMatch(/Kategori pemetaan : (Optimal|Cukup Optimal|Kurang Optimal)/);
    expect(text).toMatch(
      /Kategori pengisian jabatan : (Memenuhi Syarat|Masih Memenuhi Syarat|Kurang Memenuhi Syarat)/,
    );
    expect(text).toContain('Rencana Pengembangan Kompetensi');
    expect(text).toContain('Integritas');
    expect(text).toContain('berlaku sampai dengan 23 November 2029');
    expect(text).not.toContain('Belum dipetakan');
  });

  it('shows a participant who never sat as "belum dipetakan" with no score at all', async () => {
    const data = await loadIndividualReport(t.db, absentRegistration, '2026-12-01');
    if (!data) throw new Error('registration not found');
    expect(data.profile).toBeNull();
    const text = await pdfText(await renderIndividualReport(data));
    expect(text).toContain(data.identity.nip);
    expect(text).toContain('Belum dipetakan');
    // no figure that could pass for a measurement: no JPM line, no decimal score, no category
    expect(text).not.toMatch(/Job Person Match|\d,\d\d|Kategori pemetaan|Kotak \d/);
  });
});
