// Schemas for the competency dictionary and for an agency's own teknis competencies.
import { z } from 'zod';
import {
  COMPETENCY_KINDS,
  CORE_COMPETENCY_CODES,
  competencyCodeSchema,
  isCoreCompetency,
  levelSchema,
} from './codes.ts';

export const competencyLevelSchema = z.strictObject({
  level: levelSchema,
  description: z.string().min(1),
  indicators: z.array(z.string().min(1)).min(1),
});

const levelsSchema = z
  .array(competencyLevelSchema)
  .length(5)
  .refine((levels) => levels.every((l, i) => l.level === i + 1), 'level harus berurutan 1 sampai 5');

export const competencyDefinitionSchema = z.strictObject({
  code: competencyCodeSchema,
  name: z.string().min(1),
  kind: z.enum(COMPETENCY_KINDS),
  definition: z.string().min(1),
  levels: levelsSchema,
});

export type CompetencyLevelText = z.infer<typeof competencyLevelSchema>;
export type CompetencyDefinition = z.infer<typeof competencyDefinitionSchema>;

/** A teknis competency defined by an agency: same shape, kind `teknis`, never one of the core codes. */
export const teknisCompetencySchema = competencyDefinitionSchema
  .extend({ kind: z.literal('teknis') })
  .refine((c) => !isCoreCompetency(c.code), {
    message: 'kode ini sudah dipakai kompetensi manajerial/sosial kultural',
    path: ['code'],
  });
export type TeknisCompetency = z.infer<typeof teknisCompetencySchema>;

/** An edited copy of the dictionary: all nine core competencies, each once, kinds matching their codes. */
export const competencyDictionarySchema = z.array(competencyDefinitionSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (seen.has(c.code))
      ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `kode ganda: ${c.code}` });
    seen.add(c.code);
    const expectedKind =
      c.code === 'SK1' ? 'sosial_kultural' : isCoreCompetency(c.code) ? 'manajerial' : 'teknis';
    if (c.kind !== expectedKind) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'kind'],
        message: `${c.code} harus berjenis ${expectedKind}`,
      });
    }
  });
  for (const code of CORE_COMPETENCY_CODES) {
    if (!seen.has(code)) ctx.addIssue({ code: 'custom', path: [], message: `kompetensi ${code} tidak ada` });
  }
});

export type TeknisProblem = { code: 'INVALID_TEKNIS' | 'DUPLICATE_CODE'; index: number; message: string };

/** Check an agency's teknis list (e.g. from an import) item by item, reporting every problem at once. */
export function validateTeknisCompetencies(input: unknown[]): {
  competencies: TeknisCompetency[];
  problems: TeknisProblem[];
} {
  const competencies: TeknisCompetency[] = [];
  const problems: TeknisProblem[] = [];
  const seen = new Set<string>();
  input.forEach((raw, index) => {
    const parsed = teknisCompetencySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push({
        code: 'INVALID_TEKNIS',
        index,
        message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return;
    }
    if (seen.has(parsed.data.code)) {
      problems.push({ code: 'DUPLICATE_CODE', index, message: `kode ${parsed.data.code} sudah dipakai` });
      return;
    }
    seen.add(parsed.data.code);
    competencies.push(parsed.data);
  });
  return { competencies, problems };
}
