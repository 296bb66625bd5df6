// The coordinator's side of the load generators: forks N children (node --import tsx), gives each a
// share of the seats and its own 127.0.0.x source address, and sends them commands in lockstep.
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ChildRpc } from './child-rpc.ts';
import {
  addCounts,
  type AnswerReport,
  type CollectReport,
  type LoadCommand,
  type LoginReport,
  type ResumedReport,
  type SeatAssignment,
} from './loadgen-protocol.ts';

const childEntry = fileURLToPath(new URL('./loadgen-child.ts', import.meta.url));

type Generator = ChildRpc<LoadCommand>;

export interface LoadGenerators {
  count: number;
  pids: number[];
  login(rampMs: number): Promise<LoginReport>;
  steady(intervalMs: number, durationMs: number): Promise<AnswerReport>;
  rate(perSecond: number, durationMs: number): Promise<AnswerReport>;
  mark(): Promise<void>;
  resumed(): Promise<ResumedReport>;
  finish(): Promise<number>;
  collect(): Promise<CollectReport>;
  close(): Promise<void>;
}

function mergeAnswers(reports: AnswerReport[]): AnswerReport {
  return {
    latencies: reports.flatMap((r) => r.latencies),
    sentAt: reports.flatMap((r) => r.sentAt),
    loopLag: reports.flatMap((r) => r.loopLag),
    acked: reports.reduce((n, r) => n + r.acked, 0),
    rejected: reports.reduce((n, r) => n + r.rejected, 0),
    retries: reports.reduce((n, r) => n + r.retries, 0),
    skipped: reports.reduce((n, r) => n + r.skipped, 0),
  };
}

export async function startLoadGenerators(options: {
  children: number;
  urls: string[];
  seats: SeatAssignment[];
  ackTimeoutMs?: number;
  /** Extra node flags for each generator (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /**
   * Scheduling niceness of the generators (0 to 19). They stand for thousands of separate PCs; on a
   * machine shared with the platform, a positive value lets the server go first when CPU runs short.
   */
  nice?: number;
}): Promise<LoadGenerators> {
  const gens: Generator[] = [];
  for (let n = 0; n < options.children; n++) {
    const child = fork(childEntry, [], {
      execArgv: [...(options.nodeArgs ?? []), '--import', 'tsx', '--max-old-space-size=4096'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (options.nice && child.pid !== undefined) setPriority(child.pid, options.nice);
    gens.push(new ChildRpc<LoadCommand>(child, 'load generator'));
  }
  await Promise.all(
    gens.map((g, n) =>
      g.ask({
        t: 'init',
        urls: options.urls,
        // 127.0.0.2, .3, …: each source address has its own ~28,000 ephemeral ports to the server.
        localAddress: `127.0.0.${n + 2}`,
        seats: options.seats.filter((_, k) => k % options.children === n),
        ackTimeoutMs: options.ackTimeoutMs ?? 30_000,
      }),
    ),
  );
  const all = <T>(cmd: LoadCommand) => Promise.all(gens.map((g) => g.ask<T>(cmd)));
  return {
    count: gens.length,
    pids: gens.map((g) => g.child.pid ?? 0),
    async login(rampMs) {
      const rs = await all<LoginReport>({ t: 'login', rampMs });
      return {
        latencies: rs.flatMap((r) => r.latencies),
        startedAt: rs.flatMap((r) => r.startedAt),
        loopLag: rs.flatMap((r) => r.loopLag),
        errors: rs.flatMap((r) => r.errors),
        views: {
          requests: rs.reduce((n, r) => n + r.views.requests, 0),
          bytes: rs.reduce((n, r) => n + r.views.bytes, 0),
          ms: rs.reduce((n, r) => n + r.views.ms, 0),
        },
        loginMs: rs.flatMap((r) => r.loginMs),
        loginRetries: rs.reduce((n, r) => n + r.loginRetries, 0),
        steps: {
          socketMs: rs.flatMap((r) => r.steps.socketMs),
          resumeMs: rs.flatMap((r) => r.steps.resumeMs),
          sectionMs: rs.flatMap((r) => r.steps.sectionMs),
        },
        connectFailures: rs.reduce<Record<string, number>>((all, r) => {
          addCounts(all, r.connectFailures);
          return all;
        }, {}),
      };
    },
    async steady(intervalMs, durationMs) {
      return mergeAnswers(await all<AnswerReport>({ t: 'steady', intervalMs, durationMs }));
    },
    async rate(perSecond, durationMs) {
      return mergeAnswers(
        await all<AnswerReport>({ t: 'rate', perSecond: perSecond / gens.length, durationMs }),
      );
    },
    async mark() {
      await all({ t: 'mark' });
    },
    async resumed() {
      const rs = await all<ResumedReport>({ t: 'resumed' });
      return {
        resumed: rs.reduce((n, r) => n + r.resumed, 0),
        connected: rs.reduce((n, r) => n + r.connected, 0),
        total: rs.reduce((n, r) => n + r.total, 0),
        lastMs: Math.max(0, ...rs.map((r) => r.lastMs)),
      };
    },
    async finish() {
      const rs = await all<{ finished: number }>({ t: 'finish' });
      return rs.reduce((n, r) => n + r.finished, 0);
    },
    async collect() {
      const rs = await all<CollectReport>({ t: 'collect' });
      return {
        attempts: rs.flatMap((r) => r.attempts),
        missingOnResume: rs.reduce((n, r) => n + r.missingOnResume, 0),
        finished: rs.reduce((n, r) => n + r.finished, 0),
      };
    },
    async close() {
      await Promise.all(
        gens.map(async (g) => {
          if (g.child.exitCode !== null) return;
          const exited = new Promise((r) => g.child.once('exit', r));
          await g.ask({ t: 'close' }).catch(() => undefined);
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
          if (g.child.exitCode === null) g.child.kill('SIGKILL');
        }),
      );
    },
  };
}
