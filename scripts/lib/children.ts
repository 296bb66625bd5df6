// Runs the platform's processes as children with prefixed output, and stops them gracefully.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines it printed, to explain an early death. */
  tail: string[];
}

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m'];
const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** A pino JSON line as `HH:MM:SS level message (error)`; anything else unchanged. */
export function humanLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const o = JSON.parse(line) as { level?: number; time?: number; msg?: string; err?: { message?: string } };
    if (typeof o.msg !== 'string') return line;
    const time = typeof o.time === 'number' ? new Date(o.time).toTimeString().slice(0, 8) : '';
    const err = o.err?.message !== undefined ? ` (${o.err.message})` : '';
    return `${time} ${LEVELS[o.level ?? 30] ?? o.level} ${o.msg}${err}`;
  } catch {
    return line;
  }
}

export function startChild(opts: {
  name: string;
  cmd: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  index: number;
}): Child {
  // Own process group: Ctrl-C reaches only the start script, which then sends one SIGTERM, so the
  // apps see a single signal and shut down gracefully (a second one makes them exit at once).
  const proc = spawn(opts.cmd, opts.args, {
    detached: true,
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tty = process.stdout.isTTY === true;
  const prefix = tty ? `${COLORS[opts.index % COLORS.length]}[${opts.name}]\x1b[0m ` : `[${opts.name}] `;
  const tail: string[] = [];
  for (const stream of [proc.stdout, proc.stderr]) {
    if (stream === null) continue;
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      process.stdout.write(`${prefix}${humanLine(line)}\n`);
    });
  }
  // Whatever way the start script exits, it does not leave its apps behind.
  process.once('exit', () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close' rather than 'exit': the last lines the app printed are through the pipes by then.
    proc.on('close', (code, signal) => resolve({ code, signal }));
    proc.on('error', () => resolve({ code: 127, signal: null }));
  });
  return { name: opts.name, proc, exited, tail };
}

/** SIGTERM to each, then SIGKILL after `graceMs` for any that has not exited. */
export async function stopChildren(children: Child[], graceMs = 15_000): Promise<void> {
  await Promise.all(
    children.map(async (c) => {
      if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
      c.proc.kill('SIGTERM');
      const timer = setTimeout(() => c.proc.kill('SIGKILL'), graceMs);
      await c.exited;
      clearTimeout(timer);
    }),
  );
}

/** Polls `url` until it answers 200, a child exits, or time runs out. */
export async function waitReady(
  url: string,
  children: Child[],
  timeoutMs: number,
): Promise<{ ok: true } | { ok: false; why: string }> {
  const until = Date.now() + timeoutMs;
  let dead: Child | undefined;
  for (const c of children) void c.exited.then(() => (dead ??= c));
  let last = '';
  while (Date.now() < until) {
    if (dead !== undefined) return { ok: false, why: `${dead.name} exited before the platform was ready` };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { ok: true };
      last = `${res.status} ${(await res.text()).slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    ok: false,
    why: `${url} did not answer 200 within ${Math.round(timeoutMs / 1000)} s (last: ${last})`,
  };
}
