// One pino logger for the worker process; modules take child loggers named for their feature.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'worker', pid: process.pid } });
}
