// Which mounted volume a path lives on, from /proc/mounts: its mount options decide what an fsync
// there costs (bench:fsync).

export interface Mount {
  mountPoint: string;
  type: string;
  options: string[];
}

/** /proc/mounts writes a space in a path as \040 (and a tab, newline and backslash likewise). */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** The mount holding `path` (absolute, symlinks resolved): the deepest mount point above it, the last one mounted there. */
export function mountOf(path: string, procMounts: string): Mount | null {
  let best: Mount | null = null;
  for (const line of procMounts.split('\n')) {
    const [, rawPoint, type, options] = line.split(' ');
    if (rawPoint === undefined || type === undefined || options === undefined) continue;
    const mountPoint = unescape(rawPoint);
    // Only `/` ends with a slash; another mount point must be followed by one (not /data2 for /data).
    const inside =
      path === mountPoint || path.startsWith(mountPoint.endsWith('/') ? mountPoint : `${mountPoint}/`);
    if (inside && (best === null || mountPoint.length >= best.mountPoint.length)) {
      best = { mountPoint, type, options: options.split(',') };
    }
  }
  return best;
}
