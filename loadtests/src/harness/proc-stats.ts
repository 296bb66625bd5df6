// CPU time and peak resident memory of a child process, and the whole machine's busy time, read
// from Linux /proc (what the benchmarks report).
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';

export interface ProcStats {
  cpuSeconds: number;
  /** CPU of its children that ended and were reaped (Redis's rewrite and snapshot children). */
  childCpuSeconds: number;
  peakRssMb: number;
  rssMb: number;
}

const CLOCK_TICKS = 100;

export function readProcStats(pid: number): ProcStats | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const cutime = Number(fields[13]);
    const cstime = Number(fields[14]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return {
      cpuSeconds: (utime + stime) / CLOCK_TICKS,
      childCpuSeconds: (cutime + cstime) / CLOCK_TICKS,
      peakRssMb: kb('VmHWM') / 1024,
      rssMb: kb('VmRSS') / 1024,
    };
  } catch {
    return null;
  }
}

/**
 * CPU seconds of every process of this machine named `command` (Postgres: its backends, WAL writer,
 * checkpointer), with their reaped children's, so a backend that ends moves its time to the
 * postmaster instead of out of the sum.
 */
export function commandCpuSeconds(command: string): number {
  let seconds = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== command) continue;
    } catch {
      continue; // the process ended between listing and reading
    }
    const stats = readProcStats(Number(pid));
    if (stats) seconds += stats.cpuSeconds + stats.childCpuSeconds;
  }
  return seconds;
}

/** Busy and total jiffies of the whole machine (every process, other users' too), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { busy: total - idle, total };
}

/** Cores the whole machine kept busy between two readings of machineCpu. */
export function machineCores(
  before: { busy: number; total: number },
  after: { busy: number; total: number },
): number {
  return ((after.busy - before.busy) / (after.total - before.total)) * cpus().length;
}
