// The server's Redis client. ioredis writes every command to the socket on its own: at thousands of
// answers a second that is a system call per answer, each waking Redis for one command, and on a
// machine shared with Redis and Postgres each wake-up costs a context switch. Here the socket is
// corked at the first command of a turn of the event loop and uncorked when the turn's I/O callbacks
// are done (setImmediate), so the turn's commands leave in one write and Redis reads them, runs them
// and fsyncs its append-only file once. Unlike ioredis's auto-pipelining this keeps no pipeline
// objects alive and never holds a command back behind an earlier batch's reply.
import { Redis, type Command } from 'ioredis';

type WriteableStream = Parameters<Redis['sendCommand']>[1];

export class CoalescingRedis extends Redis {
  private corked: Redis['stream'] | null = null;

  override sendCommand(command: Command, stream?: WriteableStream): unknown {
    // Only the connection's own writes; a pipeline passes its own stream and writes once anyway.
    if (stream === undefined && this.corked === null && this.status === 'ready' && this.stream) {
      const socket = this.stream;
      socket.cork();
      this.corked = socket;
      setImmediate(() => {
        this.corked = null;
        socket.uncork();
      });
    }
    return super.sendCommand(command, stream);
  }
}
