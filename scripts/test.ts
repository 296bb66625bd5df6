// `npm test`: every check a change must pass — types, lint, then every vitest project (unit,
// integration against real Postgres and Redis, browser end-to-end). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartError } from './lib/fail.ts';
import { resolveServices } from './lib/services.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

function run(label: string, cmd: string, args: string[]): number {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

function summary(passed: number, failed: number): never {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

// The integration tests need Postgres and Redis: the machine's when they run, else project-local
// ones under .local/ (started here), else one line saying what to install.
try {
  const services = await resolveServices({
    env: { DATABASE_URL: process.env.TEST_DATABASE_URL, REDIS_URL: process.env.TEST_REDIS_URL },
    localRoot: join(root, '.local'),
    say: (line) => console.log(`petakom: ${line}`),
    defaultDatabaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  if (services.local.postgres) process.env.TEST_DATABASE_URL = services.databaseUrl;
  if (services.local.redis) {
    process.env.TEST_REDIS_URL = services.redisUrl;
    process.env.REDIS_URL = services.redisUrl;
  }
} catch (error) {
  if (!(error instanceof StartError)) throw error;
  console.error(`petakom: ${error.message}`);
  summary(0, 1);
}

// The browser tests drive Debian's Chromium and the PDF tests read text with poppler's pdftotext; say
// so up front rather than through their failures.
const tools: Array<[string, string]> = [
  ['chromium', 'the browser tests'],
  ['pdftotext', 'the PDF tests'],
];
for (const [tool, what] of tools) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.log(
      `petakom: ${tool} is not installed, so ${what} will fail (Debian/Ubuntu: apt-get install chromium poppler-utils)`,
    );
  }
}

let failedSteps = 0;
failedSteps += run('typecheck', 'pnpm', ['typecheck']) === 0 ? 0 : 1;
failedSteps += run('typecheck (scripts, infra)', 'pnpm', ['typecheck:tooling']) === 0 ? 0 : 1;
failedSteps += run('lint', 'pnpm', ['lint']) === 0 ? 0 : 1;

mkdirSync('.ci/out', { recursive: true });
const report = '.ci/out/vitest.json';
const vitestStatus = run('tests', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed = r.numPassedTests;
  failed = r.numFailedTests;
} catch {
  failed += 1;
}
if (vitestStatus !== 0 && failed === 0) failed = 1;
summary(passed, failed + failedSteps);
