// The 9-box talent grid (PermenPANRB 3/2020): kinerja from the SKP predikat, potensial from the
// pemetaan category, optionally blended with the potensi band.
import { z } from 'zod';
import { roundHalfUp } from '../math/round.ts';
import type { PemetaanCategory } from './categories.ts';
import type { ScoringModel } from './model.ts';
import type { PotensiBand } from './potensi.ts';

export const SKP_PREDIKAT = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const;
export const skpPredikatSchema = z.enum(SKP_PREDIKAT);
export type SkpPredikat = z.infer<typeof skpPredikatSchema>;

export type KinerjaBand = 'di_atas_ekspektasi' | 'sesuai_ekspektasi' | 'di_bawah_ekspektasi';
export type PotensialBand = 'rendah' | 'menengah' | 'tinggi';
export type NineBoxNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface NineBox {
  box: NineBoxNumber;
  kinerja: KinerjaBand;
  potensial: PotensialBand;
  guidance: string;
}

/** PermenPANRB 6/2022: only Sangat Baik is above expectation, only Baik meets it. */
export function kinerjaBand(predikat: SkpPredikat): KinerjaBand {
  if (predikat === 'sangat_baik') return 'di_atas_ekspektasi';
  if (predikat === 'baik') return 'sesuai_ekspektasi';
  return 'di_bawah_ekspektasi';
}

const POTENSIAL: readonly PotensialBand[] = ['rendah', 'menengah', 'tinggi'];
const FROM_PEMETAAN: Record<PemetaanCategory, number> = { kurang_optimal: 0, cukup_optimal: 1, optimal: 2 };

export function potensialBand(
  pemetaan: PemetaanCategory,
  potensi: PotensiBand | null,
  model: ScoringModel,
): PotensialBand {
  const w = potensi === null ? 0 : model.nineBox.potensiBlendWeight;
  const fromPotensi = potensi === null ? 0 : POTENSIAL.indexOf(potensi);
  const index = roundHalfUp((1 - w) * FROM_PEMETAAN[pemetaan] + w * fromPotensi, 0);
  return POTENSIAL[Math.min(2, Math.max(0, index))] ?? 'rendah';
}

const GRID: Record<KinerjaBand, Record<PotensialBand, NineBoxNumber>> = {
  di_atas_ekspektasi: { rendah: 4, menengah: 7, tinggi: 9 },
  sesuai_ekspektasi: { rendah: 2, menengah: 5, tinggi: 8 },
  di_bawah_ekspektasi: { rendah: 1, menengah: 3, tinggi: 6 },
};

export const NINE_BOX_GUIDANCE: Record<NineBoxNumber, string> = {
  9: 'Dipromosikan, dipertahankan, dan masuk kelompok rencana suksesi.',
  8: 'Dipertahankan, masuk kelompok rencana suksesi, rotasi/perluasan jabatan, dan pengembangan.',
  7: 'Dipertahankan, masuk kelompok rencana suksesi, rotasi/perluasan jabatan, dan pengembangan.',
  6: 'Penempatan yang sesuai dan bimbingan kinerja.',
  5: 'Penempatan yang sesuai dan bimbingan kinerja.',
  4: 'Rotasi dan pengembangan kompetensi.',
  3: 'Bimbingan kinerja, konseling, dan pengembangan kompetensi.',
  2: 'Bimbingan kinerja, konseling, dan pengembangan kompetensi.',
  1: 'Diproses sesuai ketentuan peraturan perundang-undangan (disiplin).',
};

export function nineBox(
  pemetaan: PemetaanCategory,
  predikat: SkpPredikat,
  model: ScoringModel,
  potensi: PotensiBand | null = null,
): NineBox {
  const kinerja = kinerjaBand(predikat);
  const potensial = potensialBand(pemetaan, potensi, model);
  const box = GRID[kinerja][potensial];
  return { box, kinerja, potensial, guidance: NINE_BOX_GUIDANCE[box] };
}
