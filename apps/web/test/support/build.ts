// Builds the web app once for the tests that need the output (bundle size, end-to-end), skipping
// the build when nothing under src/ changed since the last one. A lock directory serialises files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const WEB_ROOT = resolve(import.meta.dirname, '../..');
export const BUILD_DIR = join(WEB_ROOT, 'build');
const LOCK = join(WEB_ROOT, '.svelte-kit', 'test-build.lock');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

function builtAt(): number {
  try {
    return statSync(join(WEB_ROOT, '.svelte-kit', 'output', 'client', '.vite', 'manifest.json')).mtimeMs;
  } catch {
    return 0;
  }
}

function sourcesChangedAt(): number {
  const protocol = resolve(WEB_ROOT, '../../packages/protocol/src');
  return Math.max(
    newestMtime(join(WEB_ROOT, 'src')),
    newestMtime(join(WEB_ROOT, 'static')),
    newestMtime(join(WEB_ROOT, 'svelte.config.js')),
    newestMtime(join(WEB_ROOT, 'vite.config.ts')),
    newestMtime(protocol),
  );
}

export async function ensureBuilt(): Promise<void> {
  mkdirSync(join(WEB_ROOT, '.svelte-kit'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than five minutes belongs to a run that died.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Gone meanwhile.
      }
      await sleep(500);
    }
  }
  try {
    if (builtAt() < sourcesChangedAt()) {
      execFileSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], { cwd: WEB_ROOT, stdio: 'pipe' });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
