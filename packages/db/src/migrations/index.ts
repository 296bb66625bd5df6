// Every migration, listed in code so a bundled app needs no migrations folder on disk.
// Add a new file `NNNN_what_it_does.ts` and one line here; never edit or reorder a listed one.
// There is no 0003: that number was never shipped, so nothing is missing and nothing may take it.
import type { Migration, MigrationProvider } from 'kysely';
import { migration as m0001 } from './0001_initial.ts';
import { migration as m0002 } from './0002_scoring.ts';
import { migration as m0004 } from './0004_campaign_results.ts';
import { migration as m0005 } from './0005_berita_acara.ts';
import { migration as m0006 } from './0006_api_client_agency.ts';
import { migration as m0007 } from './0007_publication_norm.ts';
import { migration as m0008 } from './0008_answer_log_unchecked_attempt.ts';
import { migration as m0009 } from './0009_session_live_archive.ts';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_scoring': m0002,
  '0004_campaign_results': m0004,
  '0005_berita_acara': m0005,
  '0006_api_client_agency': m0006,
  '0007_publication_norm': m0007,
  '0008_answer_log_unchecked_attempt': m0008,
  '0009_session_live_archive': m0009,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};
