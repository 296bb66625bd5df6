import { describe, expect, it } from 'vitest';
import { mountOf } from './mounts.ts';

const MOUNTS = [
  '/dev/vda / ext4 rw,relatime,discard 0 0',
  'tmpfs /tmp tmpfs rw,nosuid,nodev 0 0',
  '/dev/vdb /var/lib/redis xfs rw,noatime 0 0',
  '/dev/vdc /var/lib/redis-old ext4 rw 0 0',
  '/dev/vdd /mnt/exam\\040day ext4 rw,discard 0 0',
  '/dev/vde /var/lib/redis ext4 rw,nodiscard 0 0',
].join('\n');

describe('mountOf', () => {
  it('finds the deepest mount point above a path, not one that only shares its prefix', () => {
    expect(mountOf('/var/lib/redis-old/aof', MOUNTS)?.mountPoint).toBe('/var/lib/redis-old');
    expect(mountOf('/var/lib/redisx/aof', MOUNTS)?.mountPoint).toBe('/');
    expect(mountOf('/tmp/petakom-fsync-1', MOUNTS)).toEqual({
      mountPoint: '/tmp',
      type: 'tmpfs',
      options: ['rw', 'nosuid', 'nodev'],
    });
    expect(mountOf('/home/bkd', MOUNTS)?.options).toContain('discard');
  });

  it('takes the last of two mounts on one point, as the kernel shows the top one', () => {
    expect(mountOf('/var/lib/redis/appendonly.aof', MOUNTS)?.options).toEqual(['rw', 'nodiscard']);
  });

  it('reads a mount point with a space in it', () => {
    expect(mountOf('/mnt/exam day/redis', MOUNTS)?.mountPoint).toBe('/mnt/exam day');
    expect(mountOf('/mnt/exam day/redis', MOUNTS)?.options).toContain('discard');
  });

  it('knows no mount when there is none', () => {
    expect(mountOf('/data', '')).toBeNull();
  });
});
