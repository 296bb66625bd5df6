import { describe, expect, it } from 'vitest';
import {
  checkPositions,
  checkRoster,
  itemFromSheetRow,
  itemToSheetRow,
  checkItemCandidate,
  type SheetRow,
} from '../index.ts';

const today = new Date('2025-06-01T00:00:00Z');
const row = (line: number, cells: Record<string, string>): SheetRow => ({ line, cells });
const ctx = {
  positions: [
    { id: 'p1', code: 'ANALIS', name: 'Analis', jenjang: 'ahli_pertama' as const },
    { id: 'p2', code: 'KADIS', name: 'Kepala Dinas', jenjang: 'jpt_pratama' as const },
  ],
  units: [{ id: 'u1', code: 'BKD', name: 'Badan Kepegawaian' }],
  today,
  massCat: true,
};

describe('roster rows', () => {
  it('resolves a good row, taking birth date and gender from the NIP', () => {
    const out = checkRoster(
      [
        row(2, {
          nip: '1990 0101 201503 2 001',
          nama: 'Ani',
          jabatan: 'analis',
          unit: 'Badan Kepegawaian',
          predikat_skp: 'Butuh Perbaikan',
        }),
      ],
      ctx,
    );
    expect(out.problems).toEqual([]);
    expect(out.entries[0]).toMatchObject({
      nip: '199001012015032001',
      birthDate: '1990-01-01',
      gender: 'P',
      positionId: 'p1',
      unitId: 'u1',
      skpPredikat: 'butuh_perbaikan',
    });
  });

  it('gives each bad row its reasons', () => {
    const out = checkRoster(
      [
        row(2, {
          nip: '199001012015031001',
          nama: 'A',
          jabatan: 'ANALIS',
          unit: 'BKD',
          tanggal_lahir: '02/01/1990',
        }),
        row(3, { nip: '198001012005011002', nama: 'B', jabatan: 'KADIS', unit: 'BKD' }),
      ],
      ctx,
    );
    expect(out.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'BIRTH_DATE_MISMATCH'],
      [3, 'ABOVE_MASS_CAT_LEVEL'],
    ]);
    // the first row had a problem, but its NIP still counts for duplicates
    expect(
      checkRoster(
        [
          row(2, { nip: '199001012015031001', nama: 'A', jabatan: 'X', unit: 'BKD' }),
          row(3, { nip: '199001012015031001', nama: 'B', jabatan: 'ANALIS', unit: 'BKD' }),
        ],
        ctx,
      ).problems.map((p) => p.code),
    ).toEqual(['UNKNOWN_POSITION', 'DUPLICATE_NIP']);
  });
});

describe('position rows', () => {
  it('builds the standard from the jenjang default and the row overrides', () => {
    const out = checkPositions([
      row(2, { nama: 'Kabid', jenjang: 'Administrator', m2: '4' }),
      row(3, { nama: 'X', jenjang: 'raja' }),
    ]);
    expect(out.entries[0]?.standard.requirements.find((r) => r.competency === 'M2')?.requiredLevel).toBe(4);
    expect(out.entries[0]?.standard.requirements.find((r) => r.competency === 'M1')?.requiredLevel).toBe(3);
    expect(out.problems).toMatchObject([{ line: 3, code: 'UNKNOWN_JENJANG' }]);
  });
});

describe('item sheet rows', () => {
  it('round-trips every item type through the flat row', () => {
    const items = [
      {
        type: 'single_choice',
        stem: { text: 's' },
        subtest: 'verbal',
        options: [
          { id: 'A', content: { text: 'a' } },
          { id: 'B', content: { text: 'b' } },
        ],
        key: 'B',
      },
      {
        type: 'sjt',
        stem: { text: 's' },
        competency: 'M1',
        indicator: 'i',
        options: [
          { id: 'A', content: { text: 'a' }, weight: 1 },
          { id: 'B', content: { text: 'b' }, weight: 5 },
        ],
      },
      { type: 'likert', stem: { text: 's' }, competency: 'M2', reverse: true },
      {
        type: 'self_assessment',
        stem: { text: 's' },
        competency: 'M3',
        statements: [
          { id: 'A', content: { text: 'a' }, level: 1 },
          { id: 'B', content: { text: 'b' }, level: 2 },
        ],
      },
    ];
    for (const content of items) {
      const checked = checkItemCandidate(1, 'K', content);
      if (!checked.ok) throw new Error(checked.problem.message);
      const back = itemFromSheetRow(row(2, itemToSheetRow('K', checked.candidate.item)));
      expect(back.content).toEqual(content);
    }
  });
});
