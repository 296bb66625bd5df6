import 'fake-indexeddb/auto';
import type { AttemptSnapshot } from '@petakom/protocol';
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

function newSession(): ExamSession {
  const session = new ExamSession({
    outbox,
    deviceId: 'device-0001',
    storage,
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

function item(id: string) {
  return {
    id,
    type: 'single_choice',
    stem: { text: `soal ${id}` },
    options: ['A', 'B', 'C'].map((o) => ({ id: o, content: { text: o } })),
  };
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
      items: [item('q1'), item('q2'), item('q3')],
    },
    ...overrides,
  };
}

beforeEach(async () => {
  outbox = await Outbox.open(`session-test-${++dbCount}`);
  storage = new MemoryStorage();
  clientNow = 1_000_000;
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
    const session = newSession();
    session.start();
    session.auth = {
      accessToken: 't',
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
        openSection: { key: 'sjt', deadline: sjtDeadline, items: [item('s1'), item('s2')] },
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
    const session = newSession();
    session.auth = {
      accessToken: 't',
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
    session.start();
    await session.applySnapshot(snapshot({ status: 'finished', openSection: null, currentSection: null }));
    expect(session.phase).toBe('finished');
    expect(await outbox.pending('att-1')).toEqual([]);
  });
});
