// A load-generator child process: holds a share of the participants (each a real socket.io-client
// on its own websocket, from this child's 127.0.0.x source address) and runs the coordinator's
// commands on them. Several children spread the connections over processes, cores and addresses.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  addCounts,
  type AnswerReport,
  type CollectReport,
  type LoadCommand,
  type LoginReport,
  type ResumedReport,
} from './loadgen-protocol.ts';
import { serveRpc } from './child-rpc.ts';
import { paceAnswers } from './pace.ts';
import { Participant, type AckedAnswer } from './participant.ts';

let participants: Participant[] = [];
let agent: http.Agent | null = null;
let markAt = 0;
/** Fine enough to see a stall of a few tens of ms in an answering phase, at 50 wake-ups a second. */
const LOOP_SAMPLE_MS = 20;

/**
 * Samples this process's event-loop delay with a timer every `everyMs` until stop(): [epoch ms, ms
 * late] pairs. A simulated browser that runs late adds its delay to every latency it measures.
 */
function watchLoop(everyMs: number): { stop(): [number, number][] } {
  const lag: [number, number][] = [];
  let expected = performance.now() + everyMs;
  const timer = setInterval(() => {
    const now = performance.now();
    lag.push([Date.now(), Math.max(0, now - expected)]);
    expected = now + everyMs;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return lag;
    },
  };
}

async function timed(work: Promise<AckedAnswer | null>, into: AnswerReport): Promise<void> {
  const sentAt = Date.now();
  const acked = await work;
  if (!acked) return;
  into.latencies.push(acked.latencyMs);
  into.sentAt.push(sentAt);
}

async function run(cmd: LoadCommand): Promise<unknown> {
  switch (cmd.t) {
    case 'init': {
      agent = new http.Agent({ keepAlive: true, localAddress: cmd.localAddress });
      participants = cmd.seats.map(
        (s) =>
          new Participant(cmd.urls, s.credentials, {
            seed: s.seed,
            clientIp: s.clientIp,
            agent: agent ?? undefined,
            localAddress: cmd.localAddress,
            ackTimeoutMs: cmd.ackTimeoutMs,
            autoReconnect: true,
          }),
      );
      return { participants: participants.length };
    }
    case 'login': {
      const report: LoginReport = {
        latencies: [],
        startedAt: [],
        loopLag: [],
        errors: [],
        views: { requests: 0, bytes: 0, ms: 0 },
        loginMs: [],
        loginRetries: 0,
        steps: { socketMs: [], resumeMs: [], sectionMs: [] },
        connectFailures: {},
      };
      const loop = watchLoop(100);
      await Promise.all(
        participants.map(async (p) => {
          await sleep(Math.random() * cmd.rampMs);
          const started = performance.now();
          const startedAt = Date.now();
          try {
            await p.login();
            await p.connect();
            report.latencies.push(p.itemsAt - started);
            report.startedAt.push(startedAt);
          } catch (err) {
            report.errors.push(String(err).slice(0, 300));
          }
        }),
      );
      report.loopLag = loop.stop();
      for (const p of participants) {
        report.views.requests += p.viewsRequests;
        report.views.bytes += p.viewsBytes;
        report.views.ms += p.viewsMs;
        report.loginRetries += p.loginRetries;
        if (p.loginMs > 0) report.loginMs.push(p.loginMs);
        if (p.connectSteps) {
          report.steps.socketMs.push(p.connectSteps.socketMs);
          report.steps.resumeMs.push(p.connectSteps.resumeMs);
          report.steps.sectionMs.push(p.connectSteps.sectionMs);
        }
        addCounts(report.connectFailures, p.connectFailures);
      }
      return report;
    }
    case 'steady': {
      const report: AnswerReport = {
        latencies: [],
        sentAt: [],
        acked: 0,
        rejected: 0,
        retries: 0,
        skipped: 0,
        loopLag: [],
      };
      const before = counters();
      const loop = watchLoop(LOOP_SAMPLE_MS);
      const until = performance.now() + cmd.durationMs;
      await Promise.all(
        participants.map(async (p) => {
          await sleep(Math.random() * cmd.intervalMs);
          let next = performance.now();
          while (performance.now() < until && !p.finished) {
            await timed(p.answerOne(), report);
            next += cmd.intervalMs;
            const wait = next - performance.now();
            if (wait > 0) await sleep(Math.min(wait, Math.max(0, until - performance.now())));
          }
        }),
      );
      report.loopLag = loop.stop();
      return { ...report, ...diff(before) };
    }
    case 'rate': {
      const before = counters();
      const loop = watchLoop(LOOP_SAMPLE_MS);
      const paced = await paceAnswers(
        participants,
        cmd.perSecond,
        cmd.durationMs,
        async (p) => (await p.answerOne())?.latencyMs ?? null,
        (p) => p.finished,
      );
      const report: AnswerReport = { ...paced, acked: 0, rejected: 0, retries: 0, loopLag: loop.stop() };
      return { ...report, ...diff(before) };
    }
    case 'mark':
      markAt = performance.now();
      return {};
    case 'resumed': {
      let resumed = 0;
      let connected = 0;
      let last = 0;
      for (const p of participants) {
        if (p.connected) connected++;
        if (p.connected && p.lastResumedAt > markAt) {
          resumed++;
          last = Math.max(last, p.lastResumedAt - markAt);
        }
      }
      const report: ResumedReport = { resumed, connected, total: participants.length, lastMs: last };
      return report;
    }
    case 'finish': {
      let done = 0;
      await Promise.all(
        participants.map(async (p) => {
          if (await p.finish()) done++;
        }),
      );
      return { finished: done };
    }
    case 'collect': {
      const report: CollectReport = {
        attempts: participants.map((p) => ({ attemptId: p.attemptId, acked: p.acked })),
        missingOnResume: participants.reduce(
          (n, p) => n + p.resumes.reduce((m, r) => m + r.missing.length, 0),
          0,
        ),
        finished: participants.filter((p) => p.finished).length,
      };
      return report;
    }
    case 'close':
      await Promise.all(participants.map((p) => p.close()));
      agent?.destroy();
      setTimeout(() => process.exit(0), 50);
      return {};
  }
}

function counters() {
  return {
    acked: participants.reduce((n, p) => n + p.acked.length, 0),
    rejected: participants.reduce((n, p) => n + p.rejected.length, 0),
    retries: participants.reduce((n, p) => n + p.retries, 0),
  };
}

function diff(before: ReturnType<typeof counters>) {
  const now = counters();
  return {
    acked: now.acked - before.acked,
    rejected: now.rejected - before.rejected,
    retries: now.retries - before.retries,
  };
}

serveRpc<LoadCommand>(run);
