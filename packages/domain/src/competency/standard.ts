// Standar Kompetensi Jabatan: the required level and importance per competency for a jabatan,
// starting from the default level of its jenjang and overridable per jabatan.
import { z } from 'zod';
import { CORE_COMPETENCY_CODES, competencyCodeSchema, levelSchema, type Level } from './codes.ts';

export const JENJANG = [
  'jpt_utama',
  'jpt_madya',
  'jpt_pratama',
  'administrator',
  'pengawas',
  'pelaksana',
  'ahli_utama',
  'ahli_madya',
  'ahli_muda',
  'ahli_pertama',
  'penyelia',
  'mahir',
  'terampil',
] as const;
export const jenjangSchema = z.enum(JENJANG);
export type Jenjang = z.infer<typeof jenjangSchema>;

export const POSITION_KINDS = ['struktural', 'fungsional', 'pelaksana'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export const JENJANG_LABEL: Record<Jenjang, string> = {
  jpt_utama: 'JPT Utama',
  jpt_madya: 'JPT Madya',
  jpt_pratama: 'JPT Pratama',
  administrator: 'Administrator',
  pengawas: 'Pengawas',
  pelaksana: 'Pelaksana',
  ahli_utama: 'Ahli Utama',
  ahli_madya: 'Ahli Madya',
  ahli_muda: 'Ahli Muda',
  ahli_pertama: 'Ahli Pertama',
  penyelia: 'Penyelia',
  mahir: 'Mahir',
  terampil: 'Terampil',
};

export function positionKindOf(jenjang: Jenjang): PositionKind {
  if (jenjang === 'pelaksana') return 'pelaksana';
  if (
    jenjang.startsWith('ahli_') ||
    jenjang === 'penyelia' ||
    jenjang === 'mahir' ||
    jenjang === 'terampil'
  ) {
    return 'fungsional';
  }
  return 'struktural';
}

/**
 * Default required level by jenjang (DOMAIN.md, common practice). The skill-track functional levels
 * span 1–2 in practice: Terampil and Mahir take 1, Penyelia — the supervising grade — takes 2.
 */
export const DEFAULT_LEVEL_BY_JENJANG: Record<Jenjang, Level> = {
  jpt_utama: 5,
  jpt_madya: 5,
  jpt_pratama: 4,
  administrator: 3,
  pengawas: 2,
  pelaksana: 1,
  ahli_utama: 4,
  ahli_madya: 4,
  ahli_muda: 3,
  ahli_pertama: 2,
  penyelia: 2,
  mahir: 1,
  terampil: 1,
};

export const IMPORTANCES = ['mutlak', 'penting', 'perlu'] as const;
export const importanceSchema = z.enum(IMPORTANCES);
export type Importance = z.infer<typeof importanceSchema>;
/** Development order: a mutlak gap is addressed before a penting one, then perlu. */
export const IMPORTANCE_RANK: Record<Importance, number> = { mutlak: 0, penting: 1, perlu: 2 };

export const requirementSchema = z.strictObject({
  competency: competencyCodeSchema,
  requiredLevel: levelSchema,
  importance: importanceSchema,
  /** Campaign weight in the JPM sum (teknis competencies); 1 when absent. */
  weight: z.number().positive().optional(),
});
export type CompetencyRequirement = z.infer<typeof requirementSchema>;

export const competencyStandardSchema = z
  .strictObject({
    jenjang: jenjangSchema,
    requirements: z.array(requirementSchema).min(1),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.requirements.forEach((r, i) => {
      if (seen.has(r.competency)) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', i, 'competency'],
          message: `kompetensi ganda: ${r.competency}`,
        });
      }
      seen.add(r.competency);
    });
  });
export type CompetencyStandard = z.infer<typeof competencyStandardSchema>;

export interface RequirementOverride {
  competency: string;
  requiredLevel?: Level;
  importance?: Importance;
  weight?: number;
}

/**
 * The standard of a jabatan: the nine core competencies at its jenjang's default level with the
 * default importance, then the jabatan's overrides (which may also add teknis competencies).
 */
export function standardForJabatan(
  jenjang: Jenjang,
  overrides: readonly RequirementOverride[] = [],
  defaultImportance: Importance = 'penting',
): CompetencyStandard {
  const level = DEFAULT_LEVEL_BY_JENJANG[jenjang];
  const requirements: CompetencyRequirement[] = CORE_COMPETENCY_CODES.map((competency) => ({
    competency,
    requiredLevel: level,
    importance: defaultImportance,
  }));
  for (const o of overrides) {
    const existing = requirements.find((r) => r.competency === o.competency);
    const base = existing ?? {
      competency: o.competency,
      requiredLevel: level,
      importance: defaultImportance,
    };
    const next: CompetencyRequirement = {
      ...base,
      ...(o.requiredLevel !== undefined && { requiredLevel: o.requiredLevel }),
      ...(o.importance !== undefined && { importance: o.importance }),
      ...(o.weight !== undefined && { weight: o.weight }),
    };
    if (existing) requirements[requirements.indexOf(existing)] = next;
    else requirements.push(next);
  }
  return competencyStandardSchema.parse({ jenjang, requirements });
}
