// Step 4: the two category schemes of Peraturan BKN, decided on the rounded JPM shown.
import type { ScoringModel } from './model.ts';

export type PengisianCategory = 'memenuhi_syarat' | 'masih_memenuhi_syarat' | 'kurang_memenuhi_syarat';
export type PemetaanCategory = 'optimal' | 'cukup_optimal' | 'kurang_optimal';

export const PENGISIAN_LABEL: Record<PengisianCategory, string> = {
  memenuhi_syarat: 'Memenuhi Syarat',
  masih_memenuhi_syarat: 'Masih Memenuhi Syarat',
  kurang_memenuhi_syarat: 'Kurang Memenuhi Syarat',
};

export const PEMETAAN_LABEL: Record<PemetaanCategory, string> = {
  optimal: 'Optimal',
  cukup_optimal: 'Cukup Optimal',
  kurang_optimal: 'Kurang Optimal',
};

/** For filling a position; the first two may receive a certificate. */
export function pengisianCategory(jpm: number, model: ScoringModel): PengisianCategory {
  const t = model.categories.pengisian;
  if (jpm >= t.memenuhiSyarat) return 'memenuhi_syarat';
  if (jpm >= t.masihMemenuhiSyarat) return 'masih_memenuhi_syarat';
  return 'kurang_memenuhi_syarat';
}

export function pemetaanCategory(jpm: number, model: ScoringModel): PemetaanCategory {
  const t = model.categories.pemetaan;
  if (jpm >= t.optimal) return 'optimal';
  if (jpm >= t.cukupOptimal) return 'cukup_optimal';
  return 'kurang_optimal';
}

export function categories(
  jpm: number,
  model: ScoringModel,
): { pengisian: PengisianCategory; pemetaan: PemetaanCategory } {
  return { pengisian: pengisianCategory(jpm, model), pemetaan: pemetaanCategory(jpm, model) };
}

export function certificateEligible(category: PengisianCategory): boolean {
  return category !== 'kurang_memenuhi_syarat';
}
