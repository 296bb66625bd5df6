// The /ujian page runs on old PCs over a flaky LAN: its JavaScript must stay small.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT, ensureBuilt } from './support/build.ts';

const LIMIT_BYTES = 150 * 1024;

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

const CLIENT = join(WEB_ROOT, '.svelte-kit', 'output', 'client');
const NODES = join(WEB_ROOT, '.svelte-kit', 'generated', 'client-optimized', 'nodes');

/** Every JavaScript file a first visit to /ujian loads: the kit entries, the root layout, the page and their static imports. */
function ujianFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(CLIENT, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const ujianNode = readdirSync(NODES).find((name) =>
    readFileSync(join(NODES, name), 'utf8').includes('routes/ujian/+page.svelte'),
  );
  if (!ujianNode) throw new Error('no build node for /ujian');
  const roots = Object.keys(manifest).filter(
    (key) =>
      key.endsWith('/client/entry.js') ||
      key.endsWith('client-optimized/app.js') ||
      key.endsWith('client-optimized/nodes/0.js') ||
      key.endsWith(`client-optimized/nodes/${ujianNode}`),
  );
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  roots.forEach(visit);
  return [...seen]
    .map((key) => manifest[key]?.file)
    .filter((f): f is string => f !== undefined && f.endsWith('.js'));
}

describe('build output', () => {
  beforeAll(ensureBuilt, 180_000);

  it('keeps the /ujian JavaScript under 150 KB gzipped', () => {
    const files = ujianFiles();
    expect(files.length).toBeGreaterThan(3);
    const sizes = files.map((file) => ({ file, gzip: gzipSync(readFileSync(join(CLIENT, file))).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.info(`/ujian JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${files.length} files`);
    expect(total).toBeLessThan(LIMIT_BYTES);
  });

  it('serves index.html for every unknown path so /ujian reloads work on a static server', () => {
    expect(readFileSync(join(WEB_ROOT, 'build', 'index.html'), 'utf8')).toContain('_app/immutable');
  });
});
