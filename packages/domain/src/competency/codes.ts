// Competency codes and levels shared by the dictionary, standards, items and scoring.
import { z } from 'zod';

export const MANAJERIAL_CODES = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8'] as const;
export const SOSIAL_KULTURAL_CODES = ['SK1'] as const;
/** The nine competencies every battery measures: 8 manajerial + Perekat Bangsa. */
export const CORE_COMPETENCY_CODES = [...MANAJERIAL_CODES, ...SOSIAL_KULTURAL_CODES] as const;

export type ManajerialCode = (typeof MANAJERIAL_CODES)[number];
export type CoreCompetencyCode = (typeof CORE_COMPETENCY_CODES)[number];
export const COMPETENCY_KINDS = ['manajerial', 'sosial_kultural', 'teknis'] as const;
export type CompetencyKind = (typeof COMPETENCY_KINDS)[number];

/**
 * Any competency code: the nine core codes or an agency's teknis code. Teknis codes are free-form
 * but kept short and upper-case so they read well in reports and never collide with M1…SK1.
 */
export const competencyCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_.-]{0,31}$/, 'kode kompetensi: huruf besar, angka, _ . - (maks. 32)');
export type CompetencyCode = z.infer<typeof competencyCodeSchema>;

export const levelSchema = z.int().min(1).max(5);
export type Level = 1 | 2 | 3 | 4 | 5;

export function isCoreCompetency(code: string): code is CoreCompetencyCode {
  return (CORE_COMPETENCY_CODES as readonly string[]).includes(code);
}

export function competencyKind(code: string): CompetencyKind {
  if ((MANAJERIAL_CODES as readonly string[]).includes(code)) return 'manajerial';
  if ((SOSIAL_KULTURAL_CODES as readonly string[]).includes(code)) return 'sosial_kultural';
  return 'teknis';
}

/** Clamp an integer into the 1..5 level range. */
export function clampLevel(n: number): Level {
  return Math.min(5, Math.max(1, Math.trunc(n))) as Level;
}
