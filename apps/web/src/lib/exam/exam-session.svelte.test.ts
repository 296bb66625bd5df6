import 'fake-indexeddb/auto';
import type { AttemptSnapshot, SectionPayload, SectionViews } from '@petakom/protocol';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExamSession, type ExamSocket } from './exam-session.svelte.ts';
import { Outbox } from './outbox.ts';

/** Web Storage over a Map: node has no localStorage. */
class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

const MIN = 60_000;
let dbCount = 0;
let outbox: Outbox;
let storage: MemoryStorage;
let clientNow: number;
const sessions: ExamSession[] = [];
/** Views requests the fake server saw, and how many of the next ones fail (a cut LAN). */
let viewRequests: { url: string; authorization: string | null }[];
let failNextViews: number;

function item(id: string) {
  return {
    id,
    type: 'single_choice',
    stem: { text: `soal ${id}` },
    options: ['A', 'B', 'C'].map((o) => ({ id: o, content: { text: o } })),
  };
}

/** The server's views, in its canonical order (by id). */
const VIEWS: Record<string, SectionViews> = {
  potensi: { batteryId: 'bat-1', sectionKey: 'potensi', version: 'v1', items: ['q1', 'q2', 'q3'].map(item) },
  sjt: { batteryId: 'bat-1', sectionKey: 'sjt', version: 'v1', items: ['s1', 's2'].map(item) },
};

/** The views route of the server, as fetch sees it. */
const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = String(input);
  viewRequests.push({ url, authorization: new Headers(init?.headers).get('authorization') });
  if (failNextViews > 0) {
    failNextViews--;
    throw new TypeError('Failed to fetch');
  }
  const section = /\/views\/bat-1\/(\w+)\?v=v1$/.exec(url)?.[1];
  const views = section ? VIEWS[section] : undefined;
  if (!views) return new Response('{}', { status: 404 });
  return new Response(JSON.stringify(views), { status: 200 });
}) as typeof fetch;

/** Started, with a login held (as after `login()`), so `phase` says what the page shows. */
function signedIn(session: ExamSession): ExamSession {
  session.start();
  session.auth = {
    accessToken: 'tok-1',
    expiresAt: clientNow + MIN,
    attempt: {
      attemptId: 'att-1',
      sessionId: 's',
      participantName: 'S',
      nip: '',
      position: '',
      unit: '',
      seatNo: null,
      roomName: 'R',
      status: '',
    },
  };
  return session;
}

function order(ids: string[]): SectionPayload['order'] {
  return ids.map((itemId) => ({ itemId, optionOrder: ['A', 'B', 'C'] }));
}

function newSession(): ExamSession {
  const session = new ExamSession({
    outbox,
    deviceId: 'device-0001',
    storage,
    fetch: fakeFetch,
    sleep: async () => {},
    // Nothing listens on port 9: the socket stays offline, as on a PC whose cable is out.
    openSocket: (auth) =>
      io('http://127.0.0.1:9/exam', {
        auth,
        autoConnect: false,
        reconnection: false,
      }) as unknown as ExamSocket,
    now: () => clientNow,
  });
  sessions.push(session);
  return session;
}

function snapshot(overrides: Partial<AttemptSnapshot> = {}): AttemptSnapshot {
  return {
    attemptId: 'att-1',
    status: 'in_progress',
    paused: false,
    pausedAt: null,
    serverTime: 1_000_000,
    currentSection: 'potensi',
    sections: [
      {
        key: 'potensi',
        title: 'Tes Potensi',
        kind: 'potensi',
        instructions: 'Pilih satu jawaban yang paling tepat.',
        timeLimitMs: 45 * MIN,
        itemCount: 3,
        status: 'open',
        deadline: 1_000_000 + 30 * MIN,
      },
      {
        key: 'sjt',
        title: 'SJT',
        kind: 'sjt',
        instructions: '',
        timeLimitMs: 75 * MIN,
        itemCount: 2,
        status: 'pending',
        deadline: null,
      },
    ],
    answers: { q1: { value: 'A', seq: 7, doubtful: false } },
    openSection: {
      key: 'potensi',
      deadline: 1_000_000 + 30 * MIN,
      views: { batteryId: 'bat-1', version: 'v1' },
      order: order(['q1', 'q2', 'q3']),
    },
    ...overrides,
  };
}

beforeEach(async () => {
  outbox = await Outbox.open(`session-test-${++dbCount}`);
  storage = new MemoryStorage();
  clientNow = 1_000_000;
  viewRequests = [];
  failNextViews = 0;
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
  outbox.close();
});

describe('exam session', () => {
  it('asks for a login when none is stored', () => {
    const session = newSession();
    expect(session.phase).toBe('starting');
    session.start();
    expect(session.phase).toBe('login');
  });

  it('resumes a stored login after a reload instead of asking again', () => {
    storage.setItem(
      'petakom.ujian.auth',
      JSON.stringify({
        accessToken: 't',
        expiresAt: clientNow + MIN,
        attempt: {
          attemptId: 'att-1',
          sessionId: 's',
          participantName: 'Siti',
          nip: '1'.repeat(18),
          position: 'Analis SDM Aparatur Ahli Muda',
          unit: 'BKPSDMD',
          seatNo: 1,
          roomName: 'R',
          status: 'in_progress',
        },
      }),
    );
    const session = newSession();
    session.start();
    expect(session.phase).toBe('loading');
    expect(session.auth?.attempt.participantName).toBe('Siti');
  });

  it('shows the open section, and the briefing when none is open', async () => {
    const session = signedIn(newSession());
    await session.applySnapshot(snapshot());
    expect(session.phase).toBe('section');
    expect(session.current?.id).toBe('q1');
    expect(session.counts).toEqual({ answered: 1, doubtful: 0, unanswered: 2 });
    await session.applySnapshot(
      snapshot({
        currentSection: null,
        openSection: null,
        sections: snapshot().sections.map((s) =>
          s.key === 'potensi' ? { ...s, status: 'closed' as const } : s,
        ),
      }),
    );
    expect(session.phase).toBe('briefing');
    expect(session.nextSection?.key).toBe('sjt');
  });

  it("fetches a section's views once and shows them in the participant's item and option order", async () => {
    const session = signedIn(newSession());
    const mine = snapshot({
      openSection: {
        key: 'potensi',
        deadline: 1_000_000 + 30 * MIN,
        views: { batteryId: 'bat-1', version: 'v1' },
        order: [
          { itemId: 'q3', optionOrder: ['C', 'A', 'B'] },
          { itemId: 'q1', optionOrder: ['B', 'C', 'A'] },
          { itemId: 'q2', optionOrder: ['A', 'B', 'C'] },
        ],
      },
    });
    await session.applySnapshot(mine);
    expect(session.phase).toBe('section');
    expect(session.itemIds).toEqual(['q3', 'q1', 'q2']);
    const first = session.current as unknown as { options: { id: string }[] };
    expect(first.options.map((o) => o.id)).toEqual(['C', 'A', 'B']);
    expect(viewRequests).toEqual([
      { url: '/api/v1/participant/views/bat-1/potensi?v=v1', authorization: 'Bearer tok-1' },
    ]);
    // A later snapshot of the same section (a reconnect) reuses the views held in memory.
    await session.applySnapshot(mine);
    expect(viewRequests).toHaveLength(1);
    expect(session.itemIds).toEqual(['q3', 'q1', 'q2']);
  });

  it('tries a failed views fetch again, saying so, and shows the section once it arrives', async () => {
    failNextViews = 2;
    const session = signedIn(newSession());
    // The socket is up; only the views cannot be had.
    session.connection = 'online';
    const banner: string[] = [];
    const phases: string[] = [];
    (session as unknown as { deps: { sleep: () => Promise<void> } }).deps.sleep = async () => {
      banner.push(session.shownConnection);
      phases.push(session.phase);
    };
    await session.applySnapshot(snapshot());
    expect(viewRequests).toHaveLength(3);
    expect(banner).toEqual(['connecting', 'connecting']);
    expect(phases).toEqual(['loading', 'loading']);
    expect(session.viewsFailing).toBe(false);
    expect(session.shownConnection).toBe('online');
    expect(session.phase).toBe('section');
    expect(session.itemIds).toEqual(['q1', 'q2', 'q3']);
  });

  it('keeps an answer in the outbox and shows it waiting while the server cannot be reached', async () => {
    const session = newSession();
    await session.applySnapshot(snapshot());
    await session.answer('q2', 'C');
    await session.toggleFlag('q2');
    expect(session.answers['q2']).toEqual({ value: 'C', doubtful: true });
    expect(session.saveStates['q2']).toBe('waiting');
    expect(session.pendingCount).toBe(2);
    const pending = await outbox.pending('att-1');
    // Sequence numbers continue above what the server already holds (7), answer before flag.
    expect(pending.map((e) => [e.kind, e.seq])).toEqual([
      ['answer', 8],
      ['flag', 9],
    ]);
  });

  it('shows answers the server has not acknowledged over its snapshot', async () => {
    await outbox.put({ attemptId: 'att-1', kind: 'answer', itemId: 'q1', seq: 9, value: 'B', at: 0 });
    const session = newSession();
    await session.applySnapshot(snapshot());
    expect(session.answers['q1']).toEqual({ value: 'B', doubtful: false });
    expect(session.saveStates['q1']).toBe('waiting');
  });

  it('keeps answers and flags given while a fresh snapshot is being applied', async () => {
    const session = newSession();
    await session.applySnapshot(snapshot());
    // A resume's snapshot (it knows nothing of q2) arrives as the participant answers and flags q2.
    const applying = session.applySnapshot(snapshot());
    const answering = session.answer('q2', 'C').then(() => session.toggleFlag('q3'));
    await Promise.all([applying, answering]);
    expect(session.answers['q2']).toEqual({ value: 'C', doubtful: false });
    expect(session.answers['q3']).toEqual({ value: null, doubtful: true });
    expect(session.saveStates['q2']).toBe('waiting');
    expect(session.answers['q1']).toEqual({ value: 'A', doubtful: false });
  });

  it('reopens the item last shown after a reload', async () => {
    const first = newSession();
    await first.applySnapshot(snapshot());
    first.goto(2);
    const second = newSession();
    await second.applySnapshot(snapshot());
    expect(second.current?.id).toBe('q3');
  });

  it('counts down with the server clock and stands still while paused', async () => {
    const session = newSession();
    await session.applySnapshot(snapshot());
    expect(session.remaining).toBe(30 * MIN);
    clientNow += MIN;
    session.tick();
    expect(session.remaining).toBe(29 * MIN);
    await session.applySnapshot(snapshot({ paused: true, serverTime: 1_000_000 + 2 * MIN }));
    clientNow += 5 * MIN;
    session.tick();
    expect(session.remaining).toBe(28 * MIN);
  });

  it('warns when ten minutes remain', async () => {
    const session = newSession();
    await session.applySnapshot(snapshot());
    clientNow += 19 * MIN;
    session.tick();
    expect(session.warning).toBeNull();
    clientNow += MIN + 1_000;
    session.tick();
    expect(session.warning).toBe(10);
  });

  it("announces the second section's own 10- and 5-minute warnings", async () => {
    const session = newSession();
    await session.applySnapshot(snapshot());
    clientNow += 20 * MIN + 1_000;
    session.tick();
    expect(session.warning).toBe(10);
    // The participant closes the first section early; the server opens the next one.
    const sjtDeadline = clientNow + 15 * MIN;
    await session.applySnapshot(
      snapshot({
        serverTime: clientNow,
        currentSection: 'sjt',
        sections: snapshot().sections.map((s) =>
          s.key === 'potensi'
            ? { ...s, status: 'closed' as const }
            : { ...s, status: 'open' as const, deadline: sjtDeadline },
        ),
        openSection: {
          key: 'sjt',
          deadline: sjtDeadline,
          views: { batteryId: 'bat-1', version: 'v1' },
          order: order(['s1', 's2']),
        },
      }),
    );
    expect(session.current?.id).toBe('s1');
    expect(session.warning).toBeNull();
    clientNow += 5 * MIN + 1_000;
    session.tick();
    expect(session.warning).toBe(10);
    clientNow += 5 * MIN;
    session.tick();
    expect(session.warning).toBe(5);
  });

  it('queues signals raised offline, with how long the page was hidden, until the server takes them', async () => {
    const session = newSession();
    await session.applySnapshot(snapshot());
    session.signal('focus_lost');
    session.signal('page_hidden');
    clientNow += 42_000;
    session.pageShown();
    expect(session.signalRecorded).toBe('page_hidden');
    expect(session.queuedSignals).toEqual([
      { id: 1, kind: 'focus_lost', at: 1_000_000 },
      { id: 2, kind: 'page_hidden', at: 1_000_000, durationMs: 42_000 },
    ]);
    await session.flushSignals();
    expect(session.queuedSignals).toHaveLength(2);
    // A reload keeps them: they live with the attempt in Web Storage.
    const reloaded = newSession();
    await reloaded.applySnapshot(snapshot());
    expect(reloaded.queuedSignals.map((s) => s.kind)).toEqual(['focus_lost', 'page_hidden']);
  });

  it('forgets queued signals once the attempt is closed, since the server no longer takes them', async () => {
    const session = newSession();
    await session.applySnapshot(snapshot());
    session.signal('fullscreen_left');
    expect(session.queuedSignals).toHaveLength(1);
    await session.applySnapshot(snapshot({ status: 'finished', openSection: null, currentSection: null }));
    expect(session.queuedSignals).toEqual([]);
  });

  it('ends on the finish screen and forgets the outbox once the attempt is closed', async () => {
    await outbox.put({ attemptId: 'att-1', kind: 'answer', itemId: 'q1', seq: 9, value: 'B', at: 0 });
    const session = signedIn(newSession());
    await session.applySnapshot(snapshot({ status: 'finished', openSection: null, currentSection: null }));
    expect(session.phase).toBe('finished');
    expect(await outbox.pending('att-1')).toEqual([]);
  });
});
