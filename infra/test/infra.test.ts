// The production shape (compose, nginx, Redis config) is checked here without a container engine:
// the files parse, every service gets exactly the environment its app's schema wants, Redis is
// durable, and the load balancer is sticky and speaks WebSocket to both replicas.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { serverEnvSchema } from '../../apps/server/src/config.ts';
import { SERVER_NODE_OPTIONS } from '../../apps/server/src/node-options.ts';
import { workerEnvSchema } from '../../apps/worker/src/config.ts';
import { environmentOf, parseCompose, type ComposeFile } from './compose-file.ts';
import { find, one, parseNginxConf, seconds, type Directive } from './nginx-conf.ts';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const composeText = read('compose.yaml');
// What an operator must export before `docker compose up`.
const operatorVars = { POSTGRES_PASSWORD: 'pw-for-test', PETAKOM_SECRET: 'f'.repeat(64) };

type Shape = Record<string, { safeParse(value: unknown): { success: boolean } }>;
/** A zod object schema, or an object piped into a transform (its input side has the shape). */
interface EnvSchema {
  shape?: Shape;
  in?: { shape?: Shape };
  safeParse(value: unknown): { success: boolean; error?: unknown };
}

const APP_SERVICES: { services: string[]; schema: EnvSchema }[] = [
  { services: ['server-1', 'server-2'], schema: serverEnvSchema },
  { services: ['worker'], schema: workerEnvSchema },
];

function shapeOf(schema: EnvSchema): Shape {
  const shape = schema.shape ?? schema.in?.shape;
  if (shape === undefined) throw new Error('environment schema is not an object schema');
  return shape;
}

function requiredKeys(schema: EnvSchema): string[] {
  return Object.entries(shapeOf(schema))
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key);
}

function compose(): ComposeFile {
  return parseCompose(composeText, operatorVars);
}

describe('compose file', () => {
  it('parses, with postgres, redis, two servers, the worker, a migration and nginx', () => {
    const c = compose();
    expect(Object.keys(c.services).sort()).toEqual([
      'migrate',
      'nginx',
      'postgres',
      'redis',
      'server-1',
      'server-2',
      'worker',
    ]);
    const pgMajor = Number(/^postgres:(\d+)/.exec(c.services.postgres?.image ?? '')?.[1]);
    expect(pgMajor).toBeGreaterThanOrEqual(15);
    expect(Number(/^redis:(\d+)/.exec(c.services.redis?.image ?? '')?.[1])).toBeGreaterThanOrEqual(7);
  });

  it('refuses to start without the operator secrets', () => {
    expect(() => parseCompose(composeText, { POSTGRES_PASSWORD: 'pw' })).toThrow(/PETAKOM_SECRET/);
    expect(() => parseCompose(composeText, { PETAKOM_SECRET: 'x' })).toThrow(/POSTGRES_PASSWORD/);
  });

  for (const { services, schema } of APP_SERVICES) {
    for (const name of services) {
      it(`gives ${name} every variable its app requires, values its schema accepts, and nothing it does not know`, () => {
        const s = schema;
        const env = environmentOf(compose().services[name] ?? {});
        // NODE_OPTIONS is read by Node itself, not by the app's schema.
        const known = [...Object.keys(shapeOf(s)), 'NODE_OPTIONS'];
        expect(Object.keys(env).filter((k) => !known.includes(k))).toEqual([]);
        expect(requiredKeys(s).filter((k) => !(k in env))).toEqual([]);
        const parsed = s.safeParse(env);
        expect(parsed.error).toBeUndefined();
        expect(parsed.success).toBe(true);
      });
    }
  }

  it("runs every server replica with the server's V8 flags", () => {
    for (const name of ['server-1', 'server-2']) {
      expect(environmentOf(compose().services[name] ?? {}).NODE_OPTIONS).toBe(SERVER_NODE_OPTIONS);
    }
  });

  it('gives the migration only the database URL', () => {
    expect(Object.keys(environmentOf(compose().services.migrate ?? {}))).toEqual(['DATABASE_URL']);
  });

  it('points every app at the compose postgres and redis, with the same shard count everywhere', () => {
    const c = compose();
    const pg = environmentOf(c.services.postgres ?? {});
    for (const name of ['server-1', 'server-2', 'worker', 'migrate']) {
      const env = environmentOf(c.services[name] ?? {});
      const db = new URL(env.DATABASE_URL ?? '');
      expect([db.hostname, db.port, db.username, db.password, db.pathname]).toEqual([
        'postgres',
        '5432',
        pg.POSTGRES_USER,
        pg.POSTGRES_PASSWORD,
        `/${pg.POSTGRES_DB}`,
      ]);
      if (name !== 'migrate') {
        const redis = new URL(env.REDIS_URL ?? '');
        expect([redis.hostname, redis.port]).toEqual(['redis', String(redisConf().get('port'))]);
        expect(env.ANSWER_LOG_SHARDS).toBe(environmentOf(c.services['server-1'] ?? {}).ANSWER_LOG_SHARDS);
      }
    }
  });

  it('starts the apps only after postgres and redis are healthy and the migration has finished', () => {
    const c = compose();
    for (const name of ['server-1', 'server-2', 'worker']) {
      expect(c.services[name]?.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    expect(c.services.nginx?.depends_on).toMatchObject({
      'server-1': { condition: 'service_healthy' },
      'server-2': { condition: 'service_healthy' },
    });
  });

  it('health-checks each server on its own port through /ready', () => {
    for (const name of ['server-1', 'server-2']) {
      const s = compose().services[name];
      const port = environmentOf(s ?? {}).PORT;
      expect(s?.expose).toContain(port);
      expect(s?.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${port}/ready`);
    }
  });

  it('mounts the shipped redis.conf and nginx.conf', () => {
    const c = compose();
    expect(c.services.redis?.volumes).toContain('./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro');
    expect(c.services.redis?.command).toEqual(['redis-server', '/usr/local/etc/redis/redis.conf']);
    expect(c.services.nginx?.volumes).toContain('./nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
  });
});

function redisConf(): Map<string, string> {
  const entries = read('redis/redis.conf')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l): [string, string] => {
      const [key = '', ...rest] = l.split(/\s+/);
      return [key.toLowerCase(), rest.join(' ')];
    });
  return new Map(entries);
}

describe('redis.conf', () => {
  it('acknowledges a write only after it is appended and fsynced, and never evicts', () => {
    const conf = redisConf();
    expect(conf.get('appendonly')).toBe('yes');
    expect(conf.get('appendfsync')).toBe('always');
    expect(conf.get('maxmemory-policy')).toBe('noeviction');
  });

  it('spends no CPU compressing the append-only file rewrite while answers wait for one', () => {
    expect(redisConf().get('rdbcompression')).toBe('no');
  });

  it('rewrites the append-only file once it doubled, so a restart replays at most the base again', () => {
    expect(redisConf().get('auto-aof-rewrite-percentage')).toBe('100');
  });

  it('records each fsync that holds every answer 10 ms or more, for the operator to see', () => {
    expect(redisConf().get('latency-monitor-threshold')).toBe('10');
  });
});

describe('nginx.conf', () => {
  const conf = parseNginxConf(read('nginx/nginx.conf'));
  const http = one(conf, 'http').children;
  const server = one(http, 'server').children;
  const location = (path: string): Directive[] | null => one(server, 'location', path).children;
  // A directive set in the location wins; otherwise the server block's applies (nginx inheritance).
  const effective = (loc: Directive[] | null, name: string): Directive[] => {
    const own = find(loc, name);
    return own.length > 0 ? own : find(server, name);
  };

  it('balances over both server replicas on their port with a sticky key', () => {
    const c = compose();
    const proxied = location('/socket.io/');
    const target = one(proxied, 'proxy_pass').args[0] ?? '';
    const upstreamName = /^http:\/\/([^/]+)/.exec(target)?.[1] ?? '';
    const upstream = one(http, 'upstream', upstreamName).children;
    const members = find(upstream, 'server').map((d) => d.args[0]);
    const replicas = ['server-1', 'server-2'].map((n) => `${n}:${environmentOf(c.services[n] ?? {}).PORT}`);
    expect(members).toEqual(replicas);
    const sticky =
      find(upstream, 'ip_hash').length === 1 ||
      find(upstream, 'hash').some((d) => d.args.includes('consistent') || d.args.length === 1);
    expect(sticky).toBe(true);
  });

  it('hands a new browser the same sticky key it was routed by, as a cookie', () => {
    const upstream = find(http, 'upstream')[0]?.children ?? null;
    const hashKey = one(upstream, 'hash').args[0];
    const keyMap = find(http, 'map').find((m) => m.args[1] === hashKey);
    const cookieName = /^\$cookie_(\w+)$/.exec(keyMap?.args[0] ?? '')?.[1];
    expect(cookieName).toBeDefined();
    // Without the cookie, the request is routed by a fresh key...
    const firstKey = keyMap?.children?.find((d) => d.name === '')?.args[0];
    expect(firstKey).toMatch(/^\$\w+$/);
    // ...and the response sets exactly that key as the cookie, so the next request lands alike.
    const setCookie = find(server, 'add_header').find((d) => d.args[0] === 'Set-Cookie');
    const cookieMap = find(http, 'map').find((m) => m.args[1] === setCookie?.args[1]);
    expect(cookieMap?.args[0]).toBe(keyMap?.args[0]);
    expect(cookieMap?.children?.find((d) => d.name === '')?.args[0]).toMatch(
      new RegExp(`^${cookieName}=\\${firstKey}; Path=/`),
    );
    expect(cookieMap?.children?.find((d) => d.name === 'default')?.args[0]).toBe('');
  });

  it('upgrades /socket.io/ to WebSocket and keeps exam connections open for an hour', () => {
    const loc = location('/socket.io/');
    expect(effective(loc, 'proxy_http_version')[0]?.args).toEqual(['1.1']);
    const headers = effective(loc, 'proxy_set_header').map((d) => d.args);
    expect(headers).toContainEqual(['Upgrade', '$http_upgrade']);
    const connection = headers.find((h) => h[0] === 'Connection')?.[1] ?? '';
    const upgradeMap = find(http, 'map').find((m) => m.args[1] === connection);
    expect(upgradeMap?.args[0]).toBe('$http_upgrade');
    expect(upgradeMap?.children?.find((d) => d.name === 'default')?.args).toEqual(['upgrade']);
    expect(seconds(one(loc, 'proxy_read_timeout').args[0] ?? '0')).toBeGreaterThanOrEqual(3600);
    expect(find(loc, 'proxy_buffering')[0]?.args).toEqual(['off']);
  });

  it('tells the servers the real client address, which a browser cannot forge, on every path', () => {
    for (const path of ['/socket.io/', '/api/', '/']) {
      const headers = effective(location(path), 'proxy_set_header').map((d) => d.args);
      expect(headers).toContainEqual(['X-Forwarded-For', '$remote_addr']);
      expect(headers).toContainEqual(['Host', '$host']);
      // add_header in a location would drop the sticky cookie there, as proxy_set_header drops these.
      expect(find(location(path), 'add_header')).toEqual([]);
    }
  });

  it('proxies /api/ and the web app to the same replicas', () => {
    const socketTarget = one(location('/socket.io/'), 'proxy_pass').args[0];
    expect(one(location('/api/'), 'proxy_pass').args[0]).toBe(socketTarget);
    expect(one(location('/'), 'proxy_pass').args[0]).toBe(socketTarget);
  });

  it('listens on the port compose publishes', () => {
    const published = compose().services.nginx?.ports?.map((p) => p.split(':').pop());
    expect(published).toEqual([one(server, 'listen').args[0]]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const repo = new URL('../../', import.meta.url);

  it('copies the manifest of every workspace member before the frozen install', () => {
    const globs = (
      parse(readFileSync(new URL('pnpm-workspace.yaml', repo), 'utf8')) as { packages: string[] }
    ).packages;
    const members = globs.flatMap((g) =>
      g.endsWith('/*')
        ? readdirSync(new URL(`${g.slice(0, -2)}/`, repo))
            .map((d) => `${g.slice(0, -2)}/${d}`)
            .filter((d) => existsSync(new URL(`${d}/package.json`, repo)))
        : [g],
    );
    expect(members.length).toBeGreaterThan(5);
    const copied = [...dockerfile.matchAll(/^COPY (\S+)\/package\.json /gm)].map((m) => m[1]);
    expect(copied.sort()).toEqual(members.sort());
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
  });

  it('runs, in every app service, an entry file that exists', () => {
    const c = compose();
    for (const name of ['server-1', 'server-2', 'worker', 'migrate']) {
      const command = c.services[name]?.command ?? [];
      expect(command[0]).toBe('node_modules/.bin/tsx');
      expect(existsSync(new URL(command[1] ?? 'missing', repo))).toBe(true);
    }
  });

  it('builds the web app into the directory the servers serve', () => {
    expect(dockerfile).toMatch(/pnpm --filter @petakom\/web build/);
    const webDist = environmentOf(compose().services['server-1'] ?? {}).WEB_DIST;
    expect(dockerfile).toContain(`COPY --from=web /app/apps/web/build ${webDist}`);
  });
});
