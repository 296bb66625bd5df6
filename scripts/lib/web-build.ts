// Decides whether the SPA in apps/web/build is older than what it is built from, and rebuilds it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StartError } from './fail.ts';

const SKIP = new Set(['node_modules', 'build', '.svelte-kit', 'test', 'coverage']);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIP.has(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The sources the web build depends on: the app itself and the protocol package it imports. */
export function webSources(root: string): string[] {
  return [join(root, 'apps/web'), join(root, 'packages/protocol/src')];
}

export function webBuildDir(root: string): string {
  return join(root, 'apps/web/build');
}

/** True when there is no build or a source file changed after it was made. */
export function webBuildIsStale(root: string): boolean {
  const index = join(webBuildDir(root), 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return webSources(root).some((s) => newestMtime(s) > built);
}

/** Builds the SPA; its chatter is shown only when the build fails. */
export function buildWeb(root: string, pnpm: string): void {
  const r = spawnSync(pnpm, ['--filter', '@petakom/web', 'build'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n') + '\n');
    throw new StartError(
      `building the web app failed (pnpm --filter @petakom/web build, exit ${r.status ?? r.signal})`,
    );
  }
}
