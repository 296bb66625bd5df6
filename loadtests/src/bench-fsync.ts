// `pnpm bench:fsync --dir /var/lib/redis`: is this volume fit for Redis's append-only file? With
// `appendfsync always` Redis fsyncs on its main thread before it replies, so every answer of the
// moment waits for the slowest fsync. This appends small records and fsyncs each, as Redis does,
// and halfway deletes a large file, as Redis does with the old files after every AOF rewrite; then
// prints the fsync times and the volume's mount options. Prints figures; asserts nothing.
import {
  closeSync,
  fdatasyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { mountOf } from './harness/mounts.ts';
import { percentile } from './harness/percentiles.ts';
import { printTable, type Row } from './harness/print-table.ts';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: tmpdir() },
    seconds: { type: 'string', default: '6' },
    /** About what one AOF rewrite deletes at 10,000 participants (its old base and appended part). */
    'delete-mb': { type: 'string', default: '128' },
  },
});
const seconds = Number(args.seconds);
const deleteMb = Number(args['delete-mb']);
const RECORD = Buffer.alloc(300, 'x'); // about one answer's AOF entry

const dir = mkdtempSync(join(args.dir, 'petakom-fsync-'));
try {
  const big = join(dir, 'old-aof');
  const chunk = Buffer.alloc(1 << 20, 7);
  const bigFd = openSync(big, 'w');
  for (let n = 0; n < deleteMb; n++) writeSync(bigFd, chunk);
  fdatasyncSync(bigFd);
  closeSync(bigFd);

  const fd = openSync(join(dir, 'appendonly.aof'), 'a');
  const fsyncs: { at: number; ms: number }[] = [];
  const start = performance.now();
  let deleting: Promise<{ at: number; ms: number }> | null = null;
  while (performance.now() - start < seconds * 1000) {
    if (deleting === null && performance.now() - start >= (seconds * 1000) / 2) {
      // Off this thread, as Redis's background thread does it: only the fsyncs here wait.
      const at = performance.now() - start;
      deleting = unlink(big).then(() => ({ at, ms: performance.now() - start - at }));
    }
    // Short runs of fsyncs between turns of the event loop, so the deletion's callback can land.
    const until = performance.now() + 20;
    while (performance.now() < until) {
      const t = performance.now();
      writeSync(fd, RECORD);
      fdatasyncSync(fd);
      fsyncs.push({ at: t - start, ms: performance.now() - t });
    }
    await yieldToLoop();
  }
  const deleted = await deleting;
  closeSync(fd);

  const all = fsyncs.map((f) => f.ms).sort((a, b) => a - b);
  const around = deleted
    ? fsyncs.filter((f) => f.at + f.ms >= deleted.at && f.at <= deleted.at + deleted.ms + 1000)
    : [];
  // /proc/mounts names real paths: --dir may be relative or go through a symlink.
  const mount = mountOf(realpathSync(dir), readFileSync('/proc/mounts', 'utf8'));
  const f2 = (n: number) => n.toFixed(2);
  const rows: Row[] = [
    ['folder', dir],
    [
      'volume (mount point, type, options)',
      mount ? `${mount.mountPoint}, ${mount.type}, ${mount.options.join(',')}` : 'unknown',
    ],
    ['fsyncs of a 300-byte append', `${all.length} in ${seconds} s`],
    [
      'fsync p50 / p99 / max (ms)',
      `${f2(percentile(all, 50))} / ${f2(percentile(all, 99))} / ${f2(all.at(-1) ?? NaN)}`,
    ],
    [`deleting a ${deleteMb} MB file took (ms)`, deleted ? f2(deleted.ms) : 'none: the run was too short'],
    [
      'longest fsync from the deletion to 1 s after it (ms)',
      f2(around.reduce((m, f) => Math.max(m, f.ms), 0)),
    ],
  ];
  printTable(`bench:fsync — the append-only file's fsync on ${args.dir}, node ${process.version}`, rows);
  if (mount?.options.includes('discard')) {
    console.log(
      '\nThis volume is mounted with `discard`: a deleted file is trimmed in the journal commit that every' +
        '\nfsync waits for. Mount the AOF volume without it and trim weekly (fstrim.timer): docs/deploy.md.',
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
