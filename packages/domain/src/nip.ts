// NIP (Nomor Induk Pegawai): 18 digits = birth date YYYYMMDD, TMT CPNS YYYYMM, gender digit
// (1 laki-laki, 2 perempuan) and a 3-digit sequence. Parsing checks the parts are plausible.

export type Gender = 'male' | 'female';

export type NipProblemCode =
  | 'NIP_FORMAT'
  | 'NIP_BIRTH_DATE'
  | 'NIP_TMT'
  | 'NIP_GENDER'
  | 'NIP_TMT_BEFORE_ADULT'
  | 'NIP_TMT_TOO_LATE'
  | 'NIP_TMT_FUTURE';

export type NipResult =
  | { ok: true; nip: string; birthDate: string; tmt: string; gender: Gender; sequence: number }
  | { ok: false; code: NipProblemCode; message: string };

/** CPNS are appointed from age 18; nobody is first appointed at 70 or older. */
const MIN_AGE_AT_TMT = 18;
const MAX_AGE_AT_TMT = 70;

/**
 * Parse a NIP. `today` bounds the TMT (it cannot lie in the future); pass the server's date.
 * Spaces, which people type to group the digits, are ignored. Dates come back as ISO strings:
 * `birthDate` YYYY-MM-DD, `tmt` YYYY-MM (TMT CPNS has month precision).
 */
export function parseNip(input: string, today: Date): NipResult {
  const nip = input.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(nip)) {
    return fail('NIP_FORMAT', 'NIP harus terdiri atas 18 angka.');
  }
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  const ty = Number(nip.slice(8, 12));
  const tm = Number(nip.slice(12, 14));
  const g = nip[14];
  if (by < 1900 || !isRealDate(by, bm, bd)) {
    return fail('NIP_BIRTH_DATE', 'Delapan angka pertama NIP bukan tanggal lahir yang sah.');
  }
  if (ty < 1900 || tm < 1 || tm > 12) {
    return fail('NIP_TMT', 'Angka ke-9 sampai ke-14 NIP bukan TMT CPNS (tahun dan bulan) yang sah.');
  }
  if (g !== '1' && g !== '2') {
    return fail('NIP_GENDER', 'Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan).');
  }
  // Compare whole months: TMT has no day, so a TMT in the month of the 18th birthday is accepted.
  const tmtMonth = ty * 12 + (tm - 1);
  const birthMonth = by * 12 + (bm - 1);
  if (tmtMonth < birthMonth + MIN_AGE_AT_TMT * 12) {
    return fail('NIP_TMT_BEFORE_ADULT', 'TMT CPNS pada NIP jatuh sebelum pemilik NIP berusia 18 tahun.');
  }
  if (tmtMonth >= birthMonth + MAX_AGE_AT_TMT * 12) {
    return fail('NIP_TMT_TOO_LATE', 'TMT CPNS pada NIP jatuh setelah pemilik NIP berusia 70 tahun.');
  }
  const todayMonth = today.getUTCFullYear() * 12 + today.getUTCMonth();
  if (tmtMonth > todayMonth) {
    return fail('NIP_TMT_FUTURE', 'TMT CPNS pada NIP masih di masa depan.');
  }
  return {
    ok: true,
    nip,
    birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
    tmt: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
    gender: g === '1' ? 'male' : 'female',
    sequence: Number(nip.slice(15, 18)),
  };
}

export function isValidNip(input: string, today: Date): boolean {
  return parseNip(input, today).ok;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function fail(code: NipProblemCode, message: string): NipResult {
  return { ok: false, code, message };
}
