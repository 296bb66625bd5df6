// Valid 18-digit NIPs for load tests with any number of participants: 999 sequence numbers per
// birth date, then the next day, so the count is never capped (unlike a padded counter).
import { composeNip } from '@petakom/demo';

const BIRTH_BASE_MS = Date.UTC(1970, 0, 1);
const DAY_MS = 86_400_000;

/** The n-th (0-based) load-test NIP: born 1970-01-01 + ⌊n/999⌋ days, TMT CPNS 1998-03. */
export function loadTestNip(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 999 * 365 * 9)
    throw new RangeError(`no load-test NIP number ${n}`);
  const birth = new Date(BIRTH_BASE_MS + Math.floor(n / 999) * DAY_MS).toISOString().slice(0, 10);
  return composeNip(birth, { year: 1998, month: 3 }, n % 2 === 0 ? 'L' : 'P', (n % 999) + 1);
}
