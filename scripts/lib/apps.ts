// The start script's view of the apps and packages: validate each app's configuration with the
// app's own schema, migrate, and seed the demo day. Packages are imported by path because the root
// is not a workspace member.
import { loadServerConfig } from '../../apps/server/src/config.ts';
import { loadWorkerConfig } from '../../apps/worker/src/config.ts';
import { createDb, migrateToLatest } from '../../packages/db/src/index.ts';
import {
  demoLogins,
  formatDemoLogins,
  generateDemo,
  seedDemoIfEmpty,
  type DemoLogins,
} from '../../packages/demo/src/index.ts';
import { StartError } from './fail.ts';

const APP_CONFIGS = [
  { app: 'server', load: loadServerConfig },
  { app: 'worker', load: loadWorkerConfig },
] as const;

/** Runs each app's own config loader on `env`; its refusal becomes one StartError line. */
export function checkAppConfigs(env: NodeJS.ProcessEnv): void {
  for (const c of APP_CONFIGS) {
    try {
      c.load(env);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new StartError(
        /configuration/i.test(message) ? message : `invalid ${c.app} configuration: ${message}`,
      );
    }
  }
}

/**
 * Today's date, YYYY-MM-DD, in the exam's time zone (the server's PETAKOM_TZ, Asia/Jakarta by
 * default), so the demo's first exam day is the day the server calls "today" at login.
 */
export function todayInExamZone(timeZone = 'Asia/Jakarta', now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * The demo logins of a database seeded earlier, read from the database itself (the generator may
 * have changed since): staff accounts the demo defines that exist there, and the first seats of the
 * first exam day. Null when the database holds no demo staff (real data).
 */
async function loginsInDatabase(db: ReturnType<typeof createDb>, today: string): Promise<DemoLogins | null> {
  const demoStaff = generateDemo({ startDate: today }).staff;
  const present = await db
    .selectFrom('staff_users')
    .select('username')
    .where(
      'username',
      'in',
      demoStaff.map((s) => s.username),
    )
    .execute();
  const names = new Set(present.map((r) => r.username));
  if (names.size === 0) return null;
  const first = await db
    .selectFrom('exam_sessions')
    .select((eb) => eb.fn.min('date').as('date'))
    .executeTakeFirst();
  const day = first?.date == null ? today : String(first.date);
  const seats = await db
    .selectFrom('registrations as r')
    .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
    .innerJoin('rooms as room', 'room.id', 's.room_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select(['p.nip', 'p.full_name', 'r.access_code', 's.date', 's.slot', 'room.name as room', 'r.seat_no'])
    .where('s.date', '=', day)
    .where('r.seat_no', '<=', 3)
    .orderBy('s.starts_at')
    .orderBy('room.name')
    .orderBy('r.seat_no')
    .limit(12)
    .execute();
  return {
    staff: demoStaff
      .filter((s) => names.has(s.username))
      .map((s) => ({ role: s.roles.join(','), username: s.username, password: s.password })),
    participants: seats.map((r) => ({
      nip: r.nip,
      name: r.full_name,
      accessCode: r.access_code,
      session: `${String(r.date)} ${r.slot}`,
      room: r.room,
      seatNo: r.seat_no,
    })),
    note: demoLogins(generateDemo({ startDate: day }), 0).note,
  };
}

/** Migrates to the latest schema and, when asked, seeds the demo day into an empty database. */
export async function prepareDatabase(
  databaseUrl: string,
  opts: { today: string; seed: boolean; say: (line: string) => void },
): Promise<{ migrations: string[]; seeded: boolean; logins: DemoLogins | null }> {
  const db = createDb(databaseUrl, { max: 2 });
  try {
    let migrations: string[];
    try {
      migrations = await migrateToLatest(db);
    } catch (error) {
      throw new StartError(error instanceof Error ? error.message : String(error));
    }
    if (migrations.length > 0)
      opts.say(`applied ${migrations.length} migration(s): ${migrations.join(', ')}`);
    if (!opts.seed) return { migrations, seeded: false, logins: null };
    const started = Date.now();
    const result = await seedDemoIfEmpty(db, { today: opts.today, now: new Date() });
    if (result.seeded) {
      opts.say(
        `loaded the demo exam day (${opts.today}) into the empty database in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const logins =
      result.data !== undefined ? demoLogins(result.data) : await loginsInDatabase(db, opts.today);
    return { migrations, seeded: result.seeded, logins };
  } finally {
    await db.destroy();
  }
}

/** The demo accounts, printed after start-up (empty when the database holds other data). */
export function demoLoginText(logins: DemoLogins | null): string {
  return logins === null ? '' : formatDemoLogins(logins);
}
