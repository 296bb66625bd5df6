import { describe, expect, it } from 'vitest';
import { defaultCompetencyDictionary } from './dictionary.ts';
import { competencyDictionarySchema, validateTeknisCompetencies } from './schema.ts';
import { DEFAULT_LEVEL_BY_JENJANG, JENJANG, positionKindOf, standardForJabatan } from './standard.ts';
import { checkMassCatEligibility } from './mass-assessment.ts';

const teknis = (code: string) => ({
  code,
  name: 'Pengelolaan Keuangan Daerah',
  kind: 'teknis',
  definition: 'Kemampuan mengelola keuangan daerah.',
  levels: [1, 2, 3, 4, 5].map((level) => ({
    level,
    description: `Level ${level}`,
    indicators: [`Indikator ${level}`],
  })),
});

describe('competency dictionary', () => {
  it('ships all nine competencies with five levels that each have indicators', () => {
    const parsed = competencyDictionarySchema.parse(defaultCompetencyDictionary);
    expect(parsed.map((c) => c.code)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'SK1']);
    expect(parsed.find((c) => c.code === 'SK1')?.name).toBe('Perekat Bangsa');
    for (const c of parsed) expect(c.levels.every((l) => l.indicators.length >= 2)).toBe(true);
  });

  it('refuses an edited copy that drops a competency or skips a level', () => {
    expect(competencyDictionarySchema.safeParse(defaultCompetencyDictionary.slice(1)).success).toBe(false);
    const [first, ...rest] = defaultCompetencyDictionary;
    const skipped = { ...first!, levels: first!.levels.map((l, i) => (i === 2 ? { ...l, level: 4 } : l)) };
    expect(competencyDictionarySchema.safeParse([skipped, ...rest]).success).toBe(false);
  });

  it('accepts an edited copy with changed wording and an added teknis competency', () => {
    const edited = defaultCompetencyDictionary.map((c) =>
      c.code === 'M3' ? { ...c, name: 'Komunikasi Efektif' } : c,
    );
    expect(competencyDictionarySchema.safeParse([...edited, teknis('TK-KEU')]).success).toBe(true);
  });
});

describe('teknis competencies', () => {
  it('accepts an agency competency and reports bad or duplicate ones by position', () => {
    const { competencies, problems } = validateTeknisCompetencies([
      teknis('TK-KEU'),
      teknis('M1'),
      teknis('TK-KEU'),
      { code: 'x' },
    ]);
    expect(competencies.map((c) => c.code)).toEqual(['TK-KEU']);
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [1, 'INVALID_TEKNIS'],
      [2, 'DUPLICATE_CODE'],
      [3, 'INVALID_TEKNIS'],
    ]);
  });
});

describe('competency standard', () => {
  it.each([
    ['jpt_utama', 5],
    ['jpt_madya', 5],
    ['jpt_pratama', 4],
    ['administrator', 3],
    ['pengawas', 2],
    ['pelaksana', 1],
    ['ahli_utama', 4],
    ['ahli_madya', 4],
    ['ahli_muda', 3],
    ['ahli_pertama', 2],
    ['penyelia', 2],
    ['mahir', 1],
    ['terampil', 1],
  ] as const)('requires level %s → %i by default on all nine competencies', (jenjang, level) => {
    const standard = standardForJabatan(jenjang);
    expect(standard.requirements).toHaveLength(9);
    expect(standard.requirements.every((r) => r.requiredLevel === level && r.importance === 'penting')).toBe(
      true,
    );
  });

  it('lets a jabatan override a level and importance and add a weighted teknis competency', () => {
    const standard = standardForJabatan('administrator', [
      { competency: 'M1', requiredLevel: 4, importance: 'mutlak' },
      { competency: 'TK-KEU', requiredLevel: 3, importance: 'penting', weight: 2 },
    ]);
    expect(standard.requirements.find((r) => r.competency === 'M1')).toEqual({
      competency: 'M1',
      requiredLevel: 4,
      importance: 'mutlak',
    });
    expect(standard.requirements.find((r) => r.competency === 'M2')?.requiredLevel).toBe(3);
    expect(standard.requirements.at(-1)).toEqual({
      competency: 'TK-KEU',
      requiredLevel: 3,
      importance: 'penting',
      weight: 2,
    });
  });

  it('classifies every jenjang into a position kind', () => {
    expect(JENJANG.map(positionKindOf)).toEqual([
      'struktural',
      'struktural',
      'struktural',
      'struktural',
      'struktural',
      'pelaksana',
      'fungsional',
      'fungsional',
      'fungsional',
      'fungsional',
      'fungsional',
      'fungsional',
      'fungsional',
    ]);
    expect(Object.keys(DEFAULT_LEVEL_BY_JENJANG).sort()).toEqual([...JENJANG].sort());
  });
});

describe('mass CAT mapping', () => {
  it.each([
    'administrator',
    'pengawas',
    'pelaksana',
    'ahli_muda',
    'ahli_pertama',
    'penyelia',
    'mahir',
    'terampil',
  ] as const)('accepts %s', (jenjang) => {
    expect(checkMassCatEligibility(jenjang)).toEqual({ ok: true });
  });

  it.each(['jpt_utama', 'jpt_madya', 'jpt_pratama', 'ahli_utama', 'ahli_madya'] as const)(
    'refuses %s and points to an assessment centre',
    (jenjang) => {
      const result = checkMassCatEligibility(jenjang);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.code).toBe('ABOVE_MASS_CAT_LEVEL');
      expect(!result.ok && result.message).toMatch(/Administrator.*assessment center/s);
    },
  );
});
