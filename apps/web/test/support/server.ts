// Shared start-up for end-to-end tests: the real server (tsx src/main.ts) on a free port, serving the
// built web app against a test schema and Redis prefix, the worker beside it when a test needs one,
// and real Chromium with an axe check.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { BUILD_DIR, WEB_ROOT } from './build.ts';

export const REPO = resolve(WEB_ROOT, '../..');
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => ok(port));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Where every app of one test runs: its Postgres schema, its Redis key prefix and the shared secret. */
export interface AppOptions {
  schema: string;
  redisPrefix: string;
  secret: string;
  /** Extra or overriding environment variables (e.g. ROOM_TOKEN_PERIOD_SEC). */
  env?: Record<string, string>;
}

export interface RunningApp {
  output: () => string;
  stop: () => Promise<void>;
}

export interface RunningServer extends RunningApp {
  baseUrl: string;
  port: number;
}

/** Spawns `tsx src/main.ts` of one app with a clean environment; `stop` sends SIGTERM, then SIGKILL. */
function spawnApp(app: 'server' | 'worker', opts: AppOptions, env: Record<string, string>): RunningApp {
  let output = '';
  const child: ChildProcess = spawn(join(REPO, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: join(REPO, 'apps', app),
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '/tmp',
      NODE_ENV: 'test',
      DATABASE_URL,
      DATABASE_SCHEMA: opts.schema,
      REDIS_URL,
      REDIS_PREFIX: opts.redisPrefix,
      ANSWER_LOG_SHARDS: '2',
      PETAKOM_SECRET: opts.secret,
      LOG_LEVEL: 'warn',
      ...env,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    await exited;
    clearTimeout(timer);
  };
  return { output: () => output, stop };
}

/** Starts the server on the given schema and Redis prefix and waits for /health. */
export async function startServer(opts: AppOptions): Promise<RunningServer> {
  const port = await freePort();
  const app = spawnApp('server', opts, { PORT: String(port), HOST: '127.0.0.1', WEB_DIST: BUILD_DIR });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`the server (${app.output()})`, async () => (await fetch(`${baseUrl}/health`)).ok, 60_000);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return { ...app, baseUrl, port };
}

/**
 * Starts the worker (answer-log drain, scoring, reports) on the same schema and Redis prefix. It has
 * no health endpoint: callers wait for the effect they need.
 */
export function startWorker(opts: AppOptions): RunningApp {
  return spawnApp('worker', opts, {});
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Chromium with one page the size of an office PC (1366×768) that keeps downloads. */
export async function launchDesktopPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
    });
    return { browser, page: await context.newPage() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.1 A/AA violations on the page as it stands (empty when it passes). */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; nodes: string[][] }[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  });
}

/** The page passes axe's WCAG 2.1 A/AA rules; the failure names the screen. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${screen}`).toEqual([]);
}

/** Numbered screenshots of one test file into its folder: `01-login.png`, `02-…`. */
export function screenshotsInto(
  dir: string,
  options: { fullPage?: boolean } = {},
): (page: Page, name: string) => Promise<void> {
  let shot = 0;
  return async (page, name) => {
    await page.screenshot({
      path: join(dir, `${String(++shot).padStart(2, '0')}-${name}.png`),
      fullPage: options.fullPage ?? false,
    });
  };
}
