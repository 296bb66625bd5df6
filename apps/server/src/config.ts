// The server's environment, parsed once at boot; bad configuration stops it with one clear line.
import { LOGIN_PER_IP_PER_MINUTE } from '@petakom/protocol';
import { z } from 'zod';

const DEV_SECRET = 'petakom-development-secret-do-not-use-in-production';
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/petakom'),
    /** Postgres schema to use (tests and benchmarks use their own). */
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default('public'),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    /** Every Redis key starts with this; shared with the worker. */
    REDIS_PREFIX: z.string().min(1).default('pk:'),
    PETAKOM_SECRET: z.string().min(32).optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    /**
     * Connections the kernel holds for the server while it is busy (capped by net.core.somaxconn).
     * Node's 511 overflows in a login storm: dropped handshakes then return only after TCP's
     * retransmission backoff, seconds later, as a storm of their own.
     */
    LISTEN_BACKLOG: z.coerce.number().int().min(1).default(4096),
    WEB_DIST: z.string().min(1).optional(),
    LOG_LEVEL: logLevel.default('info'),
    ANSWER_LOG_SHARDS: z.coerce.number().int().min(1).max(1024).default(16),
    /** Time zone that decides which sessions are "today". */
    PETAKOM_TZ: z.string().min(1).default('Asia/Jakarta'),
    ACCESS_TOKEN_TTL_SEC: z.coerce.number().int().min(60).default(3600),
    /** Room tokens rotate on their own this often (0: only when a proctor rotates). */
    ROOM_TOKEN_PERIOD_SEC: z.coerce.number().int().min(0).default(900),
    /** The previous room token keeps working this long after a rotation. */
    ROOM_TOKEN_GRACE_SEC: z.coerce.number().int().min(0).default(120),
    /** Participants may log in this long before a session starts. */
    LOGIN_OPENS_BEFORE_SEC: z.coerce.number().int().min(0).default(3600),
    /** Attempts are prepared this long before their session starts. */
    PREPARE_AHEAD_SEC: z.coerce.number().int().min(0).default(7200),
    /** Participant logins per minute from one IP (a whole CAT room often shares one address). */
    LOGIN_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(LOGIN_PER_IP_PER_MINUTE),
    /** Failed logins of one registered NIP that raise a `failed_logins` incident in its room… */
    FAILED_LOGIN_THRESHOLD: z.coerce.number().int().min(1).default(3),
    /** …within this window (counted from the first failure). */
    FAILED_LOGIN_WINDOW_SEC: z.coerce.number().int().min(1).default(600),
    /** How often each server looks for seats that went away and have not come back. */
    DISCONNECT_CHECK_MS: z.coerce.number().int().min(50).default(15_000),
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
    /** How long clients are told to wait before reconnecting when this process shuts down. */
    SHUTDOWN_RECONNECT_MS: z.coerce.number().int().min(0).default(1000),
  })
  .transform((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.PETAKOM_SECRET === undefined) {
      ctx.addIssue({ code: 'custom', path: ['PETAKOM_SECRET'], message: 'required in production' });
      return z.NEVER;
    }
    return { ...env, PETAKOM_SECRET: env.PETAKOM_SECRET ?? DEV_SECRET };
  });

export type ServerConfig = z.output<typeof serverEnvSchema>;

export function loadServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`invalid server configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
