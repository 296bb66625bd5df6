// A test-owned redis-server on a spare port with an append-only file fsynced on every write, so a
// test can kill -9 it and restart it on the same port and directory as a real outage would.
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnOwned, type OwnedProcess } from './child.ts';
import { freePort } from './ports.ts';

export interface OwnedRedis {
  port: number;
  url: string;
  dir: string;
  process(): OwnedProcess;
  kill9(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

async function waitForPing(url: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      // While the AOF is loading Redis answers LOADING; wait for a real PONG.
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      probe.disconnect();
    }
    if (Date.now() > until) throw new Error(`redis-server at ${url} did not come up`);
    await sleep(50);
  }
}

export interface OwnedRedisOptions {
  /** `always` (default, the shipped config) or `everysec`, to measure what fsync costs. */
  appendfsync?: 'always' | 'everysec';
  /** Growth of the AOF over its last rewrite that starts the next (%): 100 as shipped, 0 never. */
  aofRewritePercentage?: number;
  /** LZF compression of the rewrite's base file and snapshots: `no` as shipped, `yes` to measure it. */
  rdbcompression?: 'yes' | 'no';
}

export async function startOwnedRedis(options: OwnedRedisOptions = {}): Promise<OwnedRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'petakom-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const spawnIt = () =>
    spawnOwned('redis-server', 'redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      options.appendfsync ?? 'always',
      '--auto-aof-rewrite-percentage',
      String(options.aofRewritePercentage ?? 100),
      '--rdbcompression',
      options.rdbcompression ?? 'no',
      '--save',
      '',
      // Redis records each fsync of the append-only file that blocks it ≥ 10 ms (LATENCY HISTORY),
      // so a run can say in which seconds every answer waited for the disk.
      '--latency-monitor-threshold',
      '10',
      '--protected-mode',
      'no',
    ]);
  let current = spawnIt();
  await waitForPing(url);
  return {
    port,
    url,
    dir,
    process: () => current,
    async kill9() {
      await current.kill9();
    },
    async restart() {
      await current.kill9();
      current = spawnIt();
      await waitForPing(url);
    },
    async destroy() {
      await current.stop(5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
