// How fast this machine's CPU is right now: the CPU time of a fixed piece of work of the kind the
// platform does (JSON in and out, hashing). The vCPUs of a shared cloud machine are not equally fast
// from one day, or hour, to the next, and every figure of a run scales with them; a run that prints
// this beside its figures can be compared with a run on a faster or slower day.
import { createHash } from 'node:crypto';

const SAMPLE = { itemId: 'c4d2a6f0-1b7e-4a53-9d9e-0f3a8e6b2c11', value: 'B', seq: 17, doubtful: false };
const BLOCK = Buffer.alloc(8 << 20, 7);

function work(): number {
  let sum = 0;
  for (let i = 0; i < 100_000; i++) {
    const text = JSON.stringify({ ...SAMPLE, seq: i });
    sum += (JSON.parse(text) as { seq: number }).seq + text.length;
  }
  sum += createHash('sha256').update(BLOCK).digest()[0] ?? 0;
  return sum;
}

/** Milliseconds of CPU the reference work takes here: the median of five (lower is faster). */
export function referenceWorkMs(): number {
  work(); // compiled and warmed before it is timed
  const times: number[] = [];
  for (let n = 0; n < 5; n++) {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return times.sort((a, b) => a - b)[2] as number;
}
