// `tsx scripts/migrate.ts [--seed-demo]`: applies pending migrations (the compose `migrate` service
// runs this once before servers and workers start); with --seed-demo it also loads the demo day
// into an empty database.
import { todayInExamZone, prepareDatabase } from './lib/apps.ts';
import { DEFAULT_DATABASE_URL, explicit } from './lib/env.ts';
import { exitWith } from './lib/fail.ts';
import { ensurePostgres } from './lib/postgres.ts';

const say = (line: string) => process.stdout.write(`petakom: ${line}\n`);

async function main(): Promise<void> {
  const url = explicit(process.env, 'DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  await ensurePostgres(url);
  const { migrations, seeded } = await prepareDatabase(url, {
    today: todayInExamZone(explicit(process.env, 'PETAKOM_TZ')),
    seed: process.argv.includes('--seed-demo'),
    say,
  });
  say(migrations.length === 0 ? 'schema is up to date' : `schema migrated (${migrations.length} applied)`);
  if (seeded) say('demo exam day loaded');
}

main().catch(exitWith);
