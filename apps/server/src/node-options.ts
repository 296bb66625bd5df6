// V8 flags the server process runs with. They go in NODE_OPTIONS because they must be set before the
// heap exists (v8.setFlagsFromString at startup does not resize the young generation).
//
// --max-semi-space-size=32: 10,000 open sockets keep many short-lived objects in flight (frames,
// promises, replies); with the default 16 MB semi-space the young generation was scavenged ~2 times
// a second at exam pace. A scavenge's pause grows with how long it waited (more of the old
// generation written to meanwhile): 64 MB gave the fewest scavenges but 20–90 ms pauses; once Redis
// auto-pipelining stopped promoting ~9 MB a scavenge, 32 MB gave the lowest acknowledgement tail at
// exam pace (steady p99: 16 MB 47 ms, 32 MB 38 ms, 64 MB 55 ms; docs/performance-log.md), for at most
// 48 MB more memory than the default.
export const SERVER_NODE_OPTIONS = '--max-semi-space-size=32';

/** NODE_OPTIONS for a server process: the operator's own options, then the server's. */
export function serverNodeOptions(existing: string | undefined): string {
  return [existing, SERVER_NODE_OPTIONS].filter((o) => o !== undefined && o.trim() !== '').join(' ');
}
