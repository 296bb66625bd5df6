// Staff accounts for the browser tests: created with a real argon2 password, as an admin would, and
// signed in through the staff login form the way a person does.
import type { StaffRole } from '@petakom/db';
import type { TestDatabase } from '@petakom/db/testing';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../../server/src/staff/passwords.ts';

export async function addStaff(
  db: TestDatabase['db'],
  staff: {
    agencyId: string | null;
    username: string;
    fullName: string;
    password: string;
    roles: StaffRole[];
  },
): Promise<string> {
  const row = await db
    .insertInto('staff_users')
    .values({
      agency_id: staff.agencyId,
      username: staff.username,
      full_name: staff.fullName,
      password_hash: await hashPassword(staff.password),
      roles: staff.roles,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Fills and sends the staff login form the page shows. */
export async function signInStaff(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('staff-login').waitFor();
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
}
