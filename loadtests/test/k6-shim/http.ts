// `k6/http`: k6's requests are synchronous, so each one runs `fetch` in a child node process and
// waits for it. The server under test is another process, so nothing here waits on itself.
import { execFileSync } from 'node:child_process';

const FETCH = `
const [method, url, body, headers] = JSON.parse(process.argv[1]);
const t0 = performance.now();
const res = await fetch(url, { method, body: body ?? undefined, headers, redirect: 'manual' });
const text = await res.text();
process.stdout.write(JSON.stringify({
  status: res.status,
  headers: [...res.headers.entries()],
  setCookie: res.headers.getSetCookie(),
  body: text,
  duration: performance.now() - t0,
}));
`;

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
}

export interface Response {
  status: number;
  /** Names as k6 gives them: each dash-separated part capitalised (`Etag`, `Content-Type`). */
  headers: Record<string, string>;
  cookies: Record<string, { name: string; value: string }[]>;
  body: string;
  timings: { duration: number };
  json(): unknown;
}

const canonical = (name: string) =>
  name
    .split('-')
    .map((p) => (p ? p[0]?.toUpperCase() + p.slice(1) : p))
    .join('-');

function request(method: string, url: string, body: string | null, params: Params = {}): Response {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', FETCH, JSON.stringify([method, url, body, params.headers ?? {}])],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const r = JSON.parse(out) as {
    status: number;
    headers: [string, string][];
    setCookie: string[];
    body: string;
    duration: number;
  };
  const cookies: Response['cookies'] = {};
  for (const line of r.setCookie) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    cookies[name] = [{ name, value: pair.slice(eq + 1).trim() }];
  }
  return {
    status: r.status,
    headers: Object.fromEntries(r.headers.map(([k, v]) => [canonical(k), v])),
    cookies,
    body: r.body,
    timings: { duration: r.duration },
    json: () => JSON.parse(r.body),
  };
}

const http = {
  get: (url: string, params?: Params) => request('GET', url, null, params),
  post: (url: string, body: string, params?: Params) => request('POST', url, body, params),
};
export default http;
