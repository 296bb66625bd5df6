// Commands from the coordinator to a forked child process over IPC, each answered once it is done:
// a request carries an id, the child replies with the same id and the result or the error.
import type { ChildProcess } from 'node:child_process';

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** The coordinator's end: `ask` resolves with the child's result, rejects if it failed or exited. */
export class ChildRpc<Command> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    readonly child: ChildProcess,
    private readonly name: string,
  ) {
    child.on('message', (raw: Reply) => {
      const waiter = this.pending.get(raw.id);
      if (!waiter) return;
      this.pending.delete(raw.id);
      if (raw.ok) waiter.resolve(raw.result);
      else waiter.reject(new Error(raw.error));
    });
    child.on('exit', (code) => {
      for (const w of this.pending.values()) w.reject(new Error(`${this.name} exited (${code})`));
      this.pending.clear();
    });
  }

  ask<T>(cmd: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd });
    });
  }
}

/** The child's end: runs each command as it comes and replies; exits when the coordinator is gone. */
export function serveRpc<Command>(run: (cmd: Command) => Promise<unknown>): void {
  process.on('message', (raw: { id: number; cmd: Command }) => {
    run(raw.cmd).then(
      (result) => process.send?.({ id: raw.id, ok: true, result } satisfies Reply),
      (err: unknown) => process.send?.({ id: raw.id, ok: false, error: String(err) } satisfies Reply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
