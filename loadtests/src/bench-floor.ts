// `pnpm bench:floor`: the socket.io floor of the stress scenario. The same simulated browsers as
// `pnpm loadtest stress` (real socket.io-client websockets in load-generator processes at nice 19,
// from 127.0.0.x, the same open-loop pacing) against a server that is socket.io alone and
// acknowledges every answer at once: no login, no Redis, no Postgres, no worker. What its steps
// cost this machine is what answering costs before the platform does anything, so the platform's
// own share of the machine at a rate is the stress step's figure minus this one. Prints figures;
// asserts nothing.
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ChildRpc } from './harness/child-rpc.ts';
import { machineCores, machineCpu, pcts, readProcStats, type PacedAnswers } from './harness/index.ts';
import type { FloorCommand } from './floor/floor-generator.ts';

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '2000' },
    rates: { type: 'string', default: '2000,3000,4000,5000,6000,8000' },
    step: { type: 'string', default: '20' },
    children: { type: 'string', default: '2' },
    'generator-nice': { type: 'string', default: '19' },
    /** e.g. "--trace-gc-nvp": what socket.io alone allocates per answer, beside the platform's. */
    'server-node-args': { type: 'string' },
  },
});
const participants = Number(args.participants);
const children = Number(args.children);
const stepMs = Number(args.step) * 1000;
const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const entry = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const execArgv = ['--import', 'tsx', '--max-old-space-size=4096'];

const server = fork(entry('./floor/floor-server.ts'), [], {
  execArgv: [...(args['server-node-args']?.split(' ').filter(Boolean) ?? []), ...execArgv],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const port = await new Promise<number>((resolve, reject) => {
  server.once('message', (m: { port: number }) => resolve(m.port));
  server.once('exit', (code) => reject(new Error(`floor server exited (${code})`)));
});
const gens: ChildRpc<FloorCommand>[] = [];
for (let n = 0; n < children; n++) {
  const child: ChildProcess = fork(entry('./floor/floor-generator.ts'), [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (child.pid !== undefined) setPriority(child.pid, Number(args['generator-nice']));
  gens.push(new ChildRpc<FloorCommand>(child, 'floor load generator'));
}
const all = <T>(cmd: FloorCommand) => Promise.all(gens.map((g) => g.ask<T>(cmd)));

log(`connecting ${participants} browsers from ${children} load generators…`);
await Promise.all(
  gens.map((g, n) =>
    g.ask({
      t: 'init',
      url: `http://127.0.0.1:${port}`,
      localAddress: `127.0.0.${n + 2}`,
      sockets: Math.floor(participants / children) + (n < participants % children ? 1 : 0),
    }),
  ),
);

async function step(rate: number, durationMs: number) {
  const cpu = () => ({
    server: readProcStats(server.pid ?? 0)?.cpuSeconds ?? NaN,
    gens: gens.reduce((s, g) => s + (readProcStats(g.child.pid ?? 0)?.cpuSeconds ?? NaN), 0),
    machine: machineCpu(),
    at: performance.now(),
  });
  const before = cpu();
  const reports = await all<PacedAnswers>({ t: 'rate', perSecond: rate / gens.length, durationMs });
  const after = cpu();
  const s = (after.at - before.at) / 1000;
  const latencies = reports.flatMap((r) => r.latencies);
  return {
    offered: rate,
    acked: latencies.length / s,
    ...pcts(latencies),
    skipped: reports.reduce((n, r) => n + r.skipped, 0),
    serverCores: (after.server - before.server) / s,
    generatorCores: (after.gens - before.gens) / s,
    machineCores: machineCores(before.machine, after.machine),
  };
}

// Warm the JIT of every process first, as the stress scenario's login and first answers do.
await step(100, 5_000);
const f1 = (n: number) => n.toFixed(1);
const lines: string[] = [];
let best = 0;
for (const rate of args.rates.split(',').map(Number)) {
  log(`floor: ${rate} answers/s offered for ${stepMs / 1000} s…`);
  const r = await step(rate, stepMs);
  lines.push(
    `${String(rate).padStart(6)} offered  ${r.acked.toFixed(0).padStart(6)} acked/s  p50 ${f1(r.p50)}  p99 ${f1(r.p99)}  max ${f1(r.max)} ms  skipped ${r.skipped}  cores: server ${r.serverCores.toFixed(2)} generators ${r.generatorCores.toFixed(2)} machine ${r.machineCores.toFixed(2)}`,
  );
  if (r.p99 <= 100 && r.skipped === 0) best = Math.max(best, r.acked);
  if (r.p99 > 1000) break;
}
await all({ t: 'close' }).catch(() => undefined);
server.kill();

console.log(
  `\nsocket.io floor: ${participants} browsers in ${children} load generators (nice ${args['generator-nice']}), a bare socket.io server acknowledging at once`,
);
for (const line of lines) console.log(line);
console.log(`highest sustained acknowledged answers/s with p99 ≤ 100 ms: ${best.toFixed(0)}`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()[0]?.toFixed(2)} at the end`,
);
process.exit(0);
