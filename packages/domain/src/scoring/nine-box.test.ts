import { describe, expect, it } from 'vitest';
import { nineBox } from './nine-box.ts';
import { defaultScoringModel as model } from './model.ts';

describe('9-box', () => {
  it.each([
    ['sangat_baik', 'kurang_optimal', 4],
    ['sangat_baik', 'cukup_optimal', 7],
    ['sangat_baik', 'optimal', 9],
    ['baik', 'kurang_optimal', 2],
    ['baik', 'cukup_optimal', 5],
    ['baik', 'optimal', 8],
    ['butuh_perbaikan', 'kurang_optimal', 1],
    ['kurang', 'cukup_optimal', 3],
    ['sangat_kurang', 'optimal', 6],
  ] as const)('places SKP %s with pemetaan %s in box %i', (predikat, pemetaan, box) => {
    expect(nineBox(pemetaan, predikat, model).box).toBe(box);
  });

  it('gives the box guidance with the placement', () => {
    expect(nineBox('optimal', 'sangat_baik', model)).toMatchObject({
      kinerja: 'di_atas_ekspektasi',
      potensial: 'tinggi',
      guidance: expect.stringMatching(/suksesi/),
    });
  });

  it('ignores the potensi band by default and blends it in when the campaign asks', () => {
    expect(nineBox('kurang_optimal', 'baik', model, 'tinggi').potensial).toBe('rendah');
    const blended = { ...model, nineBox: { potensiBlendWeight: 0.5 } };
    expect(nineBox('kurang_optimal', 'baik', blended, 'tinggi').potensial).toBe('menengah');
    expect(nineBox('optimal', 'baik', blended, 'tinggi').potensial).toBe('tinggi');
  });
});
