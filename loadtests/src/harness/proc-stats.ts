// CPU time and peak resident memory of a child process, read from Linux /proc (what the
// benchmark reports for the server).
import { readFileSync } from 'node:fs';

export interface ProcStats {
  cpuSeconds: number;
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
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return {
      cpuSeconds: (utime + stime) / CLOCK_TICKS,
      peakRssMb: kb('VmHWM') / 1024,
      rssMb: kb('VmRSS') / 1024,
    };
  } catch {
    return null;
  }
}
