// Child processes the harness owns: spawned with their output kept for diagnosis, waited for until
// ready, and ended by pid (SIGTERM for a graceful stop, SIGKILL to simulate a crash).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OwnedProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last lines the process wrote (stdout and stderr). */
  output(): string;
  /** Resolves when a line matching the pattern appears (also among lines already written). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited(): Promise<number | null>;
  kill9(): Promise<void>;
  stop(timeoutMs?: number): Promise<void>;
}

const MAX_LINES = 400;

export function spawnOwned(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): OwnedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const lines: string[] = [];
  // LOADTEST_LOG_DIR keeps each process's whole output (e.g. with --trace-gc in --server-node-args).
  const logDir = process.env['LOADTEST_LOG_DIR'];
  const logFile = logDir ? createWriteStream(join(logDir, `${name}-${child.pid}.log`)) : null;
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  let partial = '';
  const onData = (chunk: Buffer) => {
    logFile?.write(chunk);
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > MAX_LINES) lines.shift();
      for (const w of waiters) {
        if (w.pattern.test(line)) {
          waiters.delete(w);
          w.resolve(line);
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  /** Set when the harness ends the process itself; any other exit is a crash worth reading about. */
  let ending = false;
  void exit.then((code) => {
    done = true;
    logFile?.end();
    if (!ending)
      process.stderr.write(
        `\n${name} (pid ${child.pid}) exited by itself (${code}); its last lines:\n${[...lines, partial].slice(-40).join('\n')}\n`,
      );
  });

  const owned: OwnedProcess = {
    name,
    child,
    pid: child.pid,
    output: () => [...lines, partial].join('\n'),
    waitForLine(pattern, timeoutMs = 30_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { pattern, resolve };
        waiters.add(waiter);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`${name} did not print ${pattern} in ${timeoutMs} ms:\n${owned.output().slice(-4000)}`),
          );
        }, timeoutMs);
        void exit.then((code) => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(
            new Error(`${name} exited (${code}) before printing ${pattern}:\n${owned.output().slice(-4000)}`),
          );
        });
        const origResolve = waiter.resolve;
        waiter.resolve = (line) => {
          clearTimeout(timer);
          origResolve(line);
        };
      });
    },
    exited: () => exit,
    async kill9() {
      if (done) return;
      ending = true;
      child.kill('SIGKILL');
      await exit;
    },
    async stop(timeoutMs = 15_000) {
      if (done) return;
      ending = true;
      child.kill('SIGTERM');
      const ended = await Promise.race([exit.then(() => true), sleep(timeoutMs).then(() => false)]);
      if (!ended) await owned.kill9();
    },
  };
  return owned;
}
