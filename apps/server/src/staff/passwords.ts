// Staff password hashing: argon2id with the library defaults, the same call the demo loader uses, so
// hashes seeded by packages/demo verify here.
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | null = null;

/**
 * True when `password` matches `encoded`. With no hash (unknown user) it still spends one argon2
 * verification, so response time does not tell which usernames exist.
 */
export async function verifyPassword(encoded: string | null, password: string): Promise<boolean> {
  if (encoded === null) {
    dummyHash ??= hash('petakom-no-such-user');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(encoded, password);
  } catch {
    // a malformed stored hash never lets anyone in
    return false;
  }
}
