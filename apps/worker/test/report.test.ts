// The individual report PDF rendered from a scored result and for a registered participant who
// never sat; the text is read back out of the PDF the way a reader's viewer would.
import { createTestDatabase, type TestDatabase } from '@petakom/db/testing';
import { GAP_LABEL, type CompetencyProfile } from '@petakom/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttempts, loadScoringFixture } from '../bench/fixtures.ts';
import { loadIndividualReport } from '../src/reports/individual-report.repository.ts';
import { renderIndividualReport } from '../src/reports/individual-report.ts';
import { BatchScorer } from '../src/scoring/score-batch.ts';
import { ScoringRepository } from '../src/scoring/scoring.repository.ts';
import { pdfText } from './pdf-text.ts';

let t: TestDatabase;
let scoredRegistration: string;
let absentRegistration: string;
let skpPredikat: string | null;

const signatory = {
  title: 'Kepala BKPSDM Provinsi Uji',
  name: 'Dr. Ratna Sari, M.Si.',
  nip: '197001011995032001',
};

beforeAll(async () => {
  t = await createTestDatabase('worker_report');
  const fx = await loadScoringFixture(t.db);
  const { attemptIds, absentRegistrationIds } = await closeAttempts(t.db, fx, fx.data.campaign.id, 12);
  await new BatchScorer(new ScoringRepository(t.db)).score(attemptIds);
  await sql`UPDATE campaigns SET settings = settings || ${JSON.stringify({ signatory })}::jsonb
            WHERE id = ${fx.data.campaign.id}`.execute(t.db);
  // a participant whose report has something on both sides: a strength and an open gap
  const scored = await t.db
    .selectFrom('results as res')
    .innerJoin('attempts as a', 'a.id', 'res.attempt_id')
    .innerJoin('participants as p', 'p.id', 'a.participant_id')
    .select(['a.registration_id', 'res.payload', 'p.skp_predikat'])
    .where('res.attempt_id', 'in', attemptIds)
    .orderBy('a.registration_id')
    .execute();
  const chosen = scored.find((r) => {
    const profile = (r.payload as unknown as { profile: CompetencyProfile }).profile;
    const required = new Map(profile.jpm?.terms.map((x) => [x.competency, x.required]) ?? []);
    return (
      profile.nineBox !== null &&
      profile.competencies.some((c) => c.level >= (required.get(c.competency) ?? 6)) &&
      profile.gaps.some((g) => g.level !== null && g.level !== 'tidak_ada')
    );
  });
  if (!chosen) throw new Error('no scored participant with both a strength and a gap');
  scoredRegistration = chosen.registration_id;
  skpPredikat = chosen.skp_predikat;
  absentRegistration = absentRegistrationIds[0] ?? '';
}, 60_000);

afterAll(async () => {
  await t.destroy();
});

/** The text between two headings of the report. */
function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`no section between "${from}" and "${to}"`);
  return text.slice(start + from.length, end);
}

async function scoredReport() {
  const data = await loadIndividualReport(t.db, scoredRegistration, '2026-12-01');
  const profile = data?.profile;
  if (!data || !profile?.jpm || !profile.categories) throw new Error('expected a scored profile');
  return { data, profile, text: await pdfText(await renderIndividualReport(data)) };
}

describe('individual report', () => {
  it('shows identity, JPM, both categories, the plan and the validity of a scored participant', async () => {
    const { data, profile, text } = await scoredReport();
    if (!profile.jpm) throw new Error('expected a JPM');
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

  it('places the participant in the 9-box cell that the SKP predikat and the pemetaan category give', async () => {
    const { profile, text } = await scoredReport();
    // DOMAIN.md: kinerja from the SKP predikat, potensial from the pemetaan category
    const kinerja = skpPredikat === 'sangat_baik' ? 'atas' : skpPredikat === 'baik' ? 'sesuai' : 'bawah';
    const potensial = { kurang_optimal: 'rendah', cukup_optimal: 'menengah', optimal: 'tinggi' }[
      profile.categories?.pemetaan ?? 'kurang_optimal'
    ];
    const grid: Record<string, Record<string, number>> = {
      atas: { rendah: 4, menengah: 7, tinggi: 9 },
      sesuai: { rendah: 2, menengah: 5, tinggi: 8 },
      bawah: { rendah: 1, menengah: 3, tinggi: 6 },
    };
    const box = grid[kinerja]?.[potensial];
    const part = section(text, '7. Posisi pada Matriks 9-Box', '8. Masa Berlaku');
    expect(part).toContain(
      `Kotak ${box}: kinerja ${kinerja === 'atas' ? 'di atas' : kinerja === 'sesuai' ? 'sesuai' : 'di bawah'} ekspektasi, potensial ${potensial}.`,
    );
    expect(part).toContain(`Rekomendasi: ${profile.nineBox?.guidance}`);
  });

  it('lists as strengths exactly the competencies at or above standard, and every open gap with its level', async () => {
    const { data, profile, text } = await scoredReport();
    const part = section(text, '5. Kekuatan dan Kesenjangan', '6. Rencana Pengembangan');
    const strengths = section(part, 'Kekuatan', 'Kesenjangan');
    const gapsText = part.slice(part.indexOf('Kesenjangan'));
    const required = new Map(profile.jpm?.terms.map((x) => [x.competency, x.required]) ?? []);
    for (const c of profile.competencies) {
      const entry = `${c.competency} ${data.dictionary[c.competency]?.name ?? ''} (level ${c.level})`;
      if (c.level >= (required.get(c.competency) ?? 6)) expect(strengths).toContain(entry);
      else expect(strengths).not.toContain(`${c.competency} `);
    }
    const open = profile.gaps.filter((g) => g.level !== null && g.level !== 'tidak_ada');
    expect(open.length).toBeGreaterThan(0);
    for (const g of open) {
      expect(gapsText).toContain(
        `${g.competency} ${data.dictionary[g.competency]?.name ?? ''}: kesenjangan ${GAP_LABEL[g.level ?? 'tidak_ada'].toLowerCase()} ` +
          `(${g.met} dari ${g.tagged} indikator terpenuhi pada level ${g.requiredLevel}).`,
      );
    }
    const closed = profile.gaps.filter((g) => g.level === 'tidak_ada').map((g) => g.competency);
    for (const code of closed)
      expect(gapsText).not.toContain(`${code} ${data.dictionary[code]?.name ?? ''}:`);
  });

  it('plans development for every open gap over 5 years with at least 20 JP in each year', async () => {
    const { profile, text } = await scoredReport();
    const part = section(text, '6. Rencana Pengembangan Kompetensi', '7. Posisi pada Matriks 9-Box');
    const years = [...part.matchAll(/Jumlah tahun (\d+) (\d+) JP/g)].map((m) => ({
      year: Number(m[1]),
      jp: Number(m[2]),
    }));
    expect(years.map((y) => y.year)).toEqual([1, 2, 3, 4, 5]);
    for (const y of years) expect(y.jp).toBeGreaterThanOrEqual(20);
    expect(years.map((y) => y.jp)).toEqual(profile.developmentPlan.years.map((y) => y.totalJp));
    const total = years.reduce((sum, y) => sum + y.jp, 0);
    expect(part).toContain(`Jumlah: ${total} JP selama 5 tahun.`);
    expect(profile.developmentPlan.needs.length).toBeGreaterThan(0);
    for (const need of profile.developmentPlan.needs) {
      expect(part).toContain(`${need.competency} (${GAP_LABEL[need.gap].toLowerCase()})`);
      for (const m of need.methods) expect(part).toContain(m.name);
    }
  });

  it('closes with the signature block of the official named in the campaign settings', async () => {
    const { text } = await scoredReport();
    const signature = `Ditetapkan, 1 Desember 2026 ${signatory.title} ( ${signatory.name} ) NIP. ${signatory.nip}`;
    expect(text).toContain(signature);
    expect(text.indexOf(signature)).toBeGreaterThan(text.indexOf('8. Masa Berlaku'));
    expect(text.trimEnd().endsWith(`NIP. ${signatory.nip}`)).toBe(true);
    expect(text).toContain('RAHASIA');
  });

  it('shows a participant who never sat as "belum dipetakan" with no score at all', async () => {
    const data = await loadIndividualReport(t.db, absentRegistration, '2026-12-01');
    if (!data) throw new Error('registration not found');
    expect(data.profile).toBeNull();
    const text = await pdfText(await renderIndividualReport(data));
    expect(text).toContain(data.identity.nip);
    expect(text).toContain('Belum dipetakan');
    expect(text).toContain(`Ditetapkan, 1 Desember 2026 ${signatory.title} ( ${signatory.name} )`);
    // no figure that could pass for a measurement: no JPM line, no decimal score, no category
    expect(text).not.toMatch(/Job Person Match|\d,\d\d|Kategori pemetaan|Kotak \d/);
  });
});
