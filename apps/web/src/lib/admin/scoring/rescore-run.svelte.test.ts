import { describe, expect, it } from 'vitest';
import { AdminApi } from '../api.ts';
import { RescoreWatch } from './rescore-run.svelte.ts';

const RUN = '7a1b8c2d-0000-4000-8000-000000000001';

function run(finishedAt: string | null, error: string | null = null) {
  return {
    runId: RUN,
    reason: 'kunci dikoreksi',
    requestedAt: '2026-12-01T08:00:00.000Z',
    finishedAt,
    rescored: finishedAt ? 3 : 0,
    changed: finishedAt ? 1 : 0,
    error,
    differences: [],
  };
}

/** A server that answers the rescoring request, then the run unfinished `pending` times, then finished. */
function server(pending: number, last = run('2026-12-01T08:00:05.000Z')) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const api = new AdminApi(async (url, init) => {
    calls.push({
      method: init?.method ?? 'GET',
      url: String(url),
      body: init?.body ? JSON.parse(String(init.body)) : null,
    });
    const body =
      init?.method === 'POST'
        ? { runId: RUN, requestedAt: '2026-12-01T08:00:00.000Z' }
        : calls.filter((c) => c.method === 'GET').length <= pending
          ? run(null)
          : last;
    return new Response(JSON.stringify(body), { status: init?.method === 'POST' ? 202 : 200 });
  });
  return { api, calls };
}

const settled = (watch: RescoreWatch) =>
  new Promise<void>((ok) => {
    watch.onfinished = ok;
  });

describe('RescoreWatch', () => {
  it('sends the reason, polls the run until it has finished and then tells the page once', async () => {
    const { api, calls } = server(2);
    const watch = new RescoreWatch(api, 'c1', 5);
    const done = settled(watch);
    expect(await watch.start('kunci dikoreksi')).toBe(RUN);
    await done;
    expect(calls[0]).toEqual({
      method: 'POST',
      url: '/api/v1/admin/campaigns/c1/scoring/rescore',
      body: { reason: 'kunci dikoreksi' },
    });
    expect(calls.filter((c) => c.url.endsWith(`/rescore/${RUN}`))).toHaveLength(3);
    expect(watch.running).toBe(false);
    expect(watch.run?.changed).toBe(1);
  });

  it('stops polling when the worker gives up and keeps its error for the page', async () => {
    const { api, calls } = server(0, run(null, 'battery has an invalid scoring model'));
    const watch = new RescoreWatch(api, 'c1', 5);
    const done = settled(watch);
    watch.watch(RUN);
    await done;
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toHaveLength(1);
    expect(watch.run?.error).toBe('battery has an invalid scoring model');
  });
});
