// `npm run services:stop`: stops the project-local Postgres and Redis that `npm start` left in .local/.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWith } from './lib/fail.ts';
import { findPostgresBinaries, stopLocalPostgres, stopLocalRedis } from './lib/local-services.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const bins = findPostgresBinaries();
  if (bins !== null) stopLocalPostgres({ dir: join(root, '.local/postgres'), bins });
  await stopLocalRedis({ dir: join(root, '.local/redis') });
  process.stdout.write('petakom: project-local services in .local/ are stopped\n');
}

main().catch(exitWith);
