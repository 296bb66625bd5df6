// Loads `.env` (without overriding the real environment) and holds the development defaults that
// docs/architecture.md lists, so `npm start` works with no configuration at all.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/petakom';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_PORT = 3000;

/** Ports of the project-local instances started under `.local/` when the machine's are down. */
export const LOCAL_POSTGRES_PORT = 55432;
export const LOCAL_REDIS_PORT = 56379;

/** Adds the variables of `path` that the environment does not already set; returns the names added. */
export function loadDotEnv(path: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!existsSync(path)) return [];
  const parsed = parseEnv(readFileSync(path, 'utf8'));
  const added: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (env[key] === undefined && value !== undefined) {
      env[key] = value;
      added.push(key);
    }
  }
  return added;
}

/** A variable counts as set only when it is non-empty, so `DATABASE_URL=` in `.env` means the default. */
export function explicit(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}
