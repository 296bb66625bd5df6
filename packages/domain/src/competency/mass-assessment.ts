// Peraturan BKN: comprehensive, mass, IT-based assessment is allowed only up to Administrator
// level and equivalent functional positions; higher positions need an assessment centre.
import { JENJANG_LABEL, type Jenjang } from './standard.ts';

const ALLOWED: ReadonlySet<Jenjang> = new Set<Jenjang>([
  'administrator',
  'pengawas',
  'pelaksana',
  'ahli_muda',
  'ahli_pertama',
  'penyelia',
  'mahir',
  'terampil',
]);

export type MassCatEligibility = { ok: true } | { ok: false; code: 'ABOVE_MASS_CAT_LEVEL'; message: string };

export function isMassCatAllowed(jenjang: Jenjang): boolean {
  return ALLOWED.has(jenjang);
}

export function checkMassCatEligibility(jenjang: Jenjang): MassCatEligibility {
  if (ALLOWED.has(jenjang)) return { ok: true };
  return {
    ok: false,
    code: 'ABOVE_MASS_CAT_LEVEL',
    message:
      `Jabatan ${JENJANG_LABEL[jenjang]} tidak dapat dipetakan melalui penilaian massal berbasis CAT: ` +
      'penilaian massal hanya untuk jabatan sampai tingkat Administrator (atau fungsional setara, ' +
      'paling tinggi Ahli Muda). Gunakan metode assessment center.',
  };
}
