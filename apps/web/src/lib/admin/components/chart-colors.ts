// Category colours shared by the charts and their legends (each passes AA against white text or
// is paired with dark text where light).
export const CATEGORY_ORDER = [
  'optimal',
  'cukup_optimal',
  'kurang_optimal',
  'memenuhi_syarat',
  'masih_memenuhi_syarat',
  'kurang_memenuhi_syarat',
  'belum_dipetakan',
] as const;

export const CATEGORY_COLOURS: Record<(typeof CATEGORY_ORDER)[number], string> = {
  optimal: '#1e6b30',
  cukup_optimal: '#5b8f2a',
  kurang_optimal: '#b3261e',
  memenuhi_syarat: '#1e6b30',
  masih_memenuhi_syarat: '#5b8f2a',
  kurang_memenuhi_syarat: '#b3261e',
  belum_dipetakan: '#767676',
};
