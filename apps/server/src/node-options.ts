// V8 flags the server process runs with. They go in NODE_OPTIONS because they must be set before the
// heap exists (v8.setFlagsFromString at startup does not resize the young generation).
//
// --max-semi-space-size=64: 10,000 open sockets keep many short-lived objects in flight (frames,
// promises, replies); with the default 16 MB semi-space the young generation was scavenged ~3 times
// a second at exam pace. 64 MB cut scavenges four-fold and their total time about in half at both
// the login storm and exam pace (docs/performance.md), for at most 96 MB more memory.
export const SERVER_NODE_OPTIONS = '--max-semi-space-size=64';

/** NODE_OPTIONS for a server process: the operator's own options, then the server's. */
export function serverNodeOptions(existing: string | undefined): string {
  return [existing, SERVER_NODE_OPTIONS].filter((o) => o !== undefined && o.trim() !== '').join(' ');
}
