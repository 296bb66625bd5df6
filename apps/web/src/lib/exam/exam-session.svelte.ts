// The participant's live exam in the browser: login, the /exam socket, the attempt snapshot, answers
// and flags through the outbox, the server clock, pauses and the signals a proctor sees.
import {
  EXAM_NAMESPACE,
  attemptSnapshotSchema,
  sectionPayloadSchema,
  type Ack,
  type AnswerAck,
  type AnswerValue,
  type AttemptSnapshot,
  type AttemptSummary,
  type ClientSignalKind,
  type ErrorCode,
  type ExamClientToServerEvents,
  type ExamServerToClientEvents,
  type ParticipantLoginRequest,
  type SectionPayload,
  type SectionState,
  type TimeChanged,
} from '@petakom/protocol';
import { isClosedAttemptStatus, type ParticipantItem } from '@petakom/domain';
import type { Socket } from 'socket.io-client';
import { ServerClock } from './clock.ts';
import { handshakeErrorCode } from './errors.ts';
import { cellState, gridCounts, itemsToReview, type LocalAnswer } from './grid.ts';
import { login } from './login.ts';
import { SectionViewsLoader, viewsRetryDelayMs } from './section-views.ts';
import type { Outbox, OutboxEntry } from './outbox.ts';
import { SignalQueue, signalPayload } from './signal-queue.ts';
import { crossedWarning, remainingMs } from './timer.ts';

export type ExamSocket = Socket<ExamServerToClientEvents, ExamClientToServerEvents>;
export type Phase = 'starting' | 'login' | 'loading' | 'briefing' | 'section' | 'review' | 'finished';
export type Connection = 'connecting' | 'online' | 'offline';
/** What the participant sees beside an answer: on its way, stored, or queued until the network is back. */
export type SaveState = 'saving' | 'saved' | 'waiting' | 'refused';

interface StoredAuth {
  accessToken: string;
  expiresAt: number;
  attempt: AttemptSummary;
}

export interface ExamSessionDeps {
  outbox: Outbox;
  deviceId: string;
  storage: Storage;
  /** Opens the /exam socket (not yet connected). */
  openSocket: (auth: { accessToken: string; deviceId: string }) => ExamSocket;
  fetch?: typeof fetch;
  now?: () => number;
  /** Waits between tries of a failed views fetch (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
}

const AUTH_KEY = 'petakom.ujian.auth';
const POSITION_KEY = 'petakom.ujian.position.';
const ACK_TIMEOUT_MS = 8_000;
const RENEW_BEFORE_MS = 30 * 60_000;
const FINAL_REFUSALS = new Set<ErrorCode>([
  'SECTION_CLOSED',
  'ATTEMPT_FINISHED',
  'ITEM_NOT_IN_SECTION',
  'INVALID_VALUE',
]);
/** Refusals of a client signal worth trying again; anything else will never be accepted. */
const SIGNAL_RETRY = new Set<ErrorCode>(['RATE_LIMITED', 'INTERNAL', 'UNAVAILABLE']);

type Items = ParticipantItem[];

export class ExamSession {
  auth = $state<StoredAuth | null>(null);
  snapshot = $state<AttemptSnapshot | null>(null);
  items = $state<Items>([]);
  answers = $state<Record<string, LocalAnswer>>({});
  saveStates = $state<Record<string, SaveState>>({});
  /**
   * Answers and flags given while a snapshot is being applied (a resume, a section's end): they are
   * newer than the snapshot and than the outbox read it is merged with, so they go back on top.
   */
  private changesWhileApplying: { itemId: string; change: Partial<LocalAnswer> }[][] = [];
  index = $state(0);
  reviewing = $state(false);
  connection = $state<Connection>('offline');
  loginError = $state<ErrorCode | null>(null);
  fatalError = $state<ErrorCode | null>(null);
  busy = $state(false);
  pausedAt = $state<number | null>(null);
  pauseMessage = $state<string | null>(null);
  notice = $state<string | null>(null);
  /** The last client signal sent, shown so the participant knows it was recorded. */
  signalRecorded = $state<ClientSignalKind | null>(null);
  serverNow = $state(0);
  /** 10 or 5 once the countdown crosses that many minutes; read by the live region. */
  warning = $state<number | null>(null);
  pendingCount = $state(0);
  /** The open section's views could not be fetched yet: retrying, and the banner says so. */
  viewsFailing = $state(false);

  readonly clock = new ServerClock();
  private socket: ExamSocket | null = null;
  private maxServerSeq = 0;
  private readonly answerSender = new SerialDrain(
    () => this.drain(),
    () => this.connection === 'online',
  );
  private readonly signalSender = new SerialDrain(
    () => this.drainSignals(),
    () => this.connection === 'online',
  );
  private lastRemaining: number | null = null;
  private closingRefresh = false;
  /** The signal on its way to the server: too late to add a duration to it. */
  private signalInFlight: number | null = null;
  /** The page_hidden signal of the current hide, to add how long it lasted if it is still queued. */
  private hidden: { signalId: number; since: number } | null = null;
  private readonly now: () => number;
  private readonly views: SectionViewsLoader;
  /** Bumped by every new section shown (or none): a slower, older views fetch then gives up. */
  private sectionLoad = 0;

  constructor(private readonly deps: ExamSessionDeps) {
    this.now = deps.now ?? Date.now;
    this.views = new SectionViewsLoader(deps.fetch);
  }

  // ---- derived views ----

  get phase(): Phase {
    if (!this.started) return 'starting';
    if (!this.auth) return 'login';
    if (!this.snapshot) return 'loading';
    if (isClosedAttemptStatus(this.snapshot.status)) return 'finished';
    if (this.openSection && this.items.length > 0) return this.reviewing ? 'review' : 'section';
    // The section is open but its views are still on their way.
    if (this.snapshot.openSection) return 'loading';
    return 'briefing';
  }

  /** What the connection banner shows: a views fetch that keeps failing is a connection problem too. */
  get shownConnection(): Connection {
    return this.viewsFailing && this.connection === 'online' ? 'connecting' : this.connection;
  }

  /** Set once `start()` has looked for a stored login, so the login form never flashes on resume. */
  started = $state(false);

  get openSection(): SectionState | null {
    return this.snapshot?.sections.find((s) => s.status === 'open') ?? null;
  }

  /** The section the briefing introduces: the first that has not started yet. */
  get nextSection(): SectionState | null {
    return this.snapshot?.sections.find((s) => s.status === 'pending') ?? null;
  }

  get isLastSection(): boolean {
    const sections = this.snapshot?.sections ?? [];
    const open = this.openSection;
    return open !== null && sections.filter((s) => s.status === 'pending').length === 0;
  }

  get current(): ParticipantItem | null {
    return this.items[this.index] ?? null;
  }

  get itemIds(): string[] {
    return this.items.map((i) => i.id);
  }

  get counts() {
    return gridCounts(this.itemIds, this.answers);
  }

  get toReview() {
    return itemsToReview(this.itemIds, this.answers);
  }

  cell(itemId: string) {
    return cellState(this.answers[itemId]);
  }

  get remaining(): number | null {
    return remainingMs({
      deadline: this.openSection?.deadline ?? null,
      serverNow: this.serverNow,
      pausedAt: this.pausedAt,
    });
  }

  get paused(): boolean {
    return this.snapshot?.paused ?? false;
  }

  // ---- lifecycle ----

  /** Resume a stored login (a reload or a crashed browser), or show the login form. */
  start(): void {
    const raw = this.deps.storage.getItem(AUTH_KEY);
    this.started = true;
    if (!raw) return;
    try {
      const stored = JSON.parse(raw) as StoredAuth;
      if (stored.expiresAt > this.now()) {
        this.auth = stored;
        this.connect();
        return;
      }
    } catch {
      // A damaged entry is the same as none.
    }
    this.deps.storage.removeItem(AUTH_KEY);
  }

  async login(request: Omit<ParticipantLoginRequest, 'deviceId'>): Promise<void> {
    this.busy = true;
    this.loginError = null;
    try {
      const result = await login({ ...request, deviceId: this.deps.deviceId }, this.deps.fetch);
      if (!result.ok) {
        this.loginError = result.code;
        return;
      }
      const { accessToken, expiresAt, attempt } = result.session;
      this.setAuth({ accessToken, expiresAt, attempt });
      this.connect();
    } finally {
      this.busy = false;
    }
  }

  /** Leave this PC (e.g. a wrong login): the attempt stays on the server. */
  logout(): void {
    this.sectionLoad++;
    this.socket?.disconnect();
    this.socket = null;
    this.deps.storage.removeItem(AUTH_KEY);
    this.auth = null;
    this.snapshot = null;
    this.items = [];
    this.answers = {};
  }

  dispose(): void {
    this.sectionLoad++;
    this.socket?.disconnect();
    this.socket = null;
  }

  private setAuth(auth: StoredAuth): void {
    this.auth = auth;
    this.deps.storage.setItem(AUTH_KEY, JSON.stringify(auth));
  }

  private connect(): void {
    const auth = this.auth;
    if (!auth) return;
    this.socket?.disconnect();
    const socket = this.deps.openSocket({ accessToken: auth.accessToken, deviceId: this.deps.deviceId });
    this.socket = socket;
    this.connection = 'connecting';
    socket.on('connect', () => {
      this.connection = 'online';
      void this.resume();
    });
    socket.on('disconnect', () => {
      this.connection = 'offline';
      this.markQueuedAsWaiting();
    });
    socket.on('connect_error', (error) => {
      const code = handshakeErrorCode(error);
      this.connection = 'offline';
      if (
        code === 'DEVICE_LOCKED' ||
        code === 'TOKEN_EXPIRED' ||
        code === 'UNAUTHENTICATED' ||
        code === 'FORBIDDEN'
      ) {
        // The server will not take this login again: back to the form, with the reason.
        socket.disconnect();
        this.logout();
        this.loginError = code;
      } else if (code === 'ATTEMPT_FINISHED') {
        socket.disconnect();
        this.fatalError = code;
      }
      // Anything else is the network: socket.io keeps retrying and the banner says so.
    });
    socket.on('attempt:state', (state) => this.applySnapshot(state));
    socket.on('time:changed', (change) => this.applyTimeChange(change));
    socket.on('section:closed', () => void this.refresh());
    socket.on('attempt:closed', (closed) => {
      if (this.snapshot) this.snapshot = { ...this.snapshot, status: closed.status };
      void this.deps.outbox.clear(auth.attempt.attemptId);
      new SignalQueue(this.deps.storage, auth.attempt.attemptId).clear();
    });
    socket.on('notice', (notice) => {
      this.notice = notice.message;
      if (this.paused) this.pauseMessage = notice.message;
    });
    socket.connect();
  }

  private async emit<T extends object>(
    event: keyof ExamClientToServerEvents,
    payload: object,
  ): Promise<Ack<T> | null> {
    const socket = this.socket;
    if (!socket?.connected) return null;
    try {
      // The event map types each event; here the event is a parameter, so go through a loose emitter.
      const loose = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
        emitWithAck(event: string, payload: object): Promise<Ack<T>>;
      };
      return await loose.emitWithAck(event, payload);
    } catch {
      return null;
    }
  }

  /**
   * Access tokens live an hour and a battery three: fetch a fresh one well before it runs out, so a
   * reconnect late in the exam is not refused and sent back to the login form.
   */
  async renewAccess(): Promise<void> {
    const auth = this.auth;
    if (auth && this.connection === 'online' && auth.expiresAt - this.now() < RENEW_BEFORE_MS)
      await this.resume();
  }

  private async resume(): Promise<void> {
    const reply = await this.emit<{ state: unknown; accessToken: string; expiresAt: number }>(
      'attempt:resume',
      {},
    );
    if (!reply) return;
    if (!reply.ok) {
      this.fatalError = reply.error.code;
      return;
    }
    if (this.auth) {
      this.setAuth({ ...this.auth, accessToken: reply.accessToken, expiresAt: reply.expiresAt });
      if (this.socket) this.socket.auth = { accessToken: reply.accessToken, deviceId: this.deps.deviceId };
    }
    const { showing } = await this.applyState(reply.state);
    void this.syncTime(3);
    void this.flushSignals();
    // The outbox goes out while the section's views load: it does not wait for them.
    await Promise.all([this.flush(), showing]);
  }

  /** Ask for a fresh snapshot (after a section closes). */
  async refresh(): Promise<void> {
    await this.flush();
    await this.resume();
  }

  /** Applies a snapshot; resolves once its open section (if any) is shown. */
  async applySnapshot(raw: unknown): Promise<void> {
    await (
      await this.applyState(raw)
    ).showing;
  }

  /** Applies a snapshot's state; `showing` settles when its open section is shown (views loaded). */
  private async applyState(raw: unknown): Promise<{ showing: Promise<void> }> {
    const parsed = attemptSnapshotSchema.safeParse(raw);
    if (!parsed.success) return { showing: Promise.resolve() };
    const state = parsed.data;
    const attemptId = state.attemptId;
    this.clock.seed(state.serverTime, this.now());
    const answers: Record<string, LocalAnswer> = {};
    const saveStates: Record<string, SaveState> = {};
    let maxSeq = 0;
    for (const [itemId, a] of Object.entries(state.answers)) {
      answers[itemId] = { value: a.value, doubtful: a.doubtful };
      saveStates[itemId] = 'saved';
      maxSeq = Math.max(maxSeq, a.seq);
    }
    this.maxServerSeq = maxSeq;
    // What the server has not acknowledged yet is newer than what it holds: show it on top.
    const changedMeanwhile: { itemId: string; change: Partial<LocalAnswer> }[] = [];
    this.changesWhileApplying.push(changedMeanwhile);
    let pending: OutboxEntry[];
    try {
      pending = await this.deps.outbox.pending(attemptId);
    } finally {
      this.changesWhileApplying = this.changesWhileApplying.filter((c) => c !== changedMeanwhile);
    }
    for (const entry of pending) {
      const local = answers[entry.itemId] ?? { value: null, doubtful: false };
      answers[entry.itemId] =
        entry.kind === 'answer'
          ? { ...local, value: entry.value ?? null }
          : { ...local, doubtful: entry.doubtful ?? false };
      saveStates[entry.itemId] = this.connection === 'online' ? 'saving' : 'waiting';
    }
    // Given during that read: in the outbox too, but written after the read began.
    for (const { itemId, change } of changedMeanwhile) {
      answers[itemId] = { ...(answers[itemId] ?? { value: null, doubtful: false }), ...change };
      saveStates[itemId] = this.connection === 'online' ? 'saving' : 'waiting';
    }
    this.pendingCount = pending.length;
    if (state.paused && this.pausedAt === null) this.pausedAt = state.pausedAt ?? state.serverTime;
    if (!state.paused) {
      this.pausedAt = null;
      this.pauseMessage = null;
    }
    const previousOpen = this.openSection?.key ?? null;
    this.snapshot = state;
    this.answers = answers;
    this.saveStates = saveStates;
    const open = state.openSection;
    let showing: Promise<void> = Promise.resolve();
    if (open) {
      const entering = open.key !== previousOpen;
      if (entering) this.items = [];
      showing = this.showSection(attemptId, open, entering);
    } else {
      this.sectionLoad++;
      this.viewsFailing = false;
      this.items = [];
      this.reviewing = false;
      this.warning = null;
    }
    if (isClosedAttemptStatus(state.status)) {
      await this.deps.outbox.clear(attemptId);
      // The server refuses a finished attempt's socket: what is still queued can never be sent.
      new SignalQueue(this.deps.storage, attemptId).clear();
    }
    this.tick();
    return { showing };
  }

  /**
   * Shows an open section: its shared views (memory, else the browser's HTTP cache, else the server)
   * in this participant's order. A failed fetch is tried again with a growing wait until it works or
   * another section (or none) is shown meanwhile.
   */
  private async showSection(attemptId: string, open: SectionPayload, entering: boolean): Promise<void> {
    const load = ++this.sectionLoad;
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      try {
        const items = await this.views.items(open, this.auth?.accessToken);
        if (load !== this.sectionLoad) return;
        this.viewsFailing = false;
        this.items = items;
        if (entering) {
          this.enterSection(attemptId, open.key);
          this.tick();
        }
        return;
      } catch {
        if (load !== this.sectionLoad) return;
        this.viewsFailing = true;
        await sleep(viewsRetryDelayMs(attempt));
        if (load !== this.sectionLoad) return;
      }
    }
  }

  private applyTimeChange(change: TimeChanged): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const sections = snapshot.sections.map((s) => {
      const changed = change.sections.find((c) => c.key === s.key);
      return changed ? { ...s, status: changed.status, deadline: changed.deadline } : s;
    });
    this.snapshot = { ...snapshot, paused: change.paused, sections };
    if (change.paused) {
      this.pausedAt = change.serverTime;
      if (change.message) this.pauseMessage = change.message;
    } else {
      this.pausedAt = null;
      this.pauseMessage = null;
    }
    this.lastRemaining = null;
    this.tick();
  }

  /** Called a few times a second: moves the clock, raises warnings, notices a deadline passing. */
  tick(): void {
    this.serverNow = this.clock.now(this.now());
    const remaining = this.remaining;
    const warning = crossedWarning(this.lastRemaining, remaining);
    if (warning !== null) this.warning = warning;
    this.lastRemaining = remaining;
    // The server closes the section at its deadline; ask for the new state rather than wait for the event.
    if (remaining === 0 && !this.paused && !this.closingRefresh && this.connection === 'online') {
      this.closingRefresh = true;
      setTimeout(() => {
        void this.refresh().finally(() => {
          this.closingRefresh = false;
        });
      }, 1_000);
    }
  }

  async syncTime(samples: number): Promise<void> {
    for (let i = 0; i < samples; i++) {
      const sentAt = this.now();
      const reply = await this.emit<{ clientTime: number; serverTime: number }>('time:sync', {
        clientTime: sentAt,
      });
      if (!reply?.ok) return;
      this.clock.add({ sentAt, receivedAt: this.now(), serverTime: reply.serverTime });
    }
    this.tick();
  }

  // ---- sections ----

  async startSection(): Promise<void> {
    const next = this.nextSection;
    if (!next || this.busy) return;
    this.busy = true;
    try {
      const reply = await this.emit<{ section: unknown }>('section:start', { sectionKey: next.key });
      if (!reply) return;
      if (!reply.ok) {
        this.fatalError = reply.error.code;
        await this.resume();
        return;
      }
      const section = sectionPayloadSchema.safeParse(reply.section);
      if (!section.success || !this.snapshot) return;
      this.snapshot = {
        ...this.snapshot,
        currentSection: section.data.key,
        sections: this.snapshot.sections.map((s) =>
          s.key === section.data.key ? { ...s, status: 'open' as const, deadline: section.data.deadline } : s,
        ),
        openSection: section.data,
      };
      this.items = [];
      this.fatalError = null;
      this.tick();
      await this.showSection(this.snapshot.attemptId, section.data, true);
    } finally {
      this.busy = false;
    }
  }

  /**
   * A section has just opened on this screen (started here, or found open in a snapshot): back to
   * its remembered item, and a fresh countdown whose warnings are its own — a warning left over
   * from the previous section would sit in the live region and swallow this section's first one.
   */
  private enterSection(attemptId: string, sectionKey: string): void {
    this.index = this.restorePosition(attemptId, sectionKey);
    this.reviewing = false;
    this.lastRemaining = null;
    this.warning = null;
  }

  openReview(): void {
    this.reviewing = true;
  }

  closeReview(): void {
    this.reviewing = false;
  }

  /** Close the open section; on the last one this also finishes the battery. */
  async finishSection(): Promise<boolean> {
    const open = this.openSection;
    if (!open || this.busy) return false;
    this.busy = true;
    try {
      await this.flush();
      const reply = await this.emit<{ sectionKey: string; attemptClosed: boolean }>('section:finish', {
        sectionKey: open.key,
      });
      if (!reply) return false;
      if (reply.ok && !reply.attemptClosed && this.isLastSection) {
        await this.emit('attempt:finish', {});
      }
      await this.resume();
      return true;
    } finally {
      this.busy = false;
    }
  }

  // ---- navigation ----

  goto(index: number): void {
    if (index < 0 || index >= this.items.length) return;
    this.index = index;
    const snapshot = this.snapshot;
    const open = this.openSection;
    if (snapshot && open) {
      this.deps.storage.setItem(
        POSITION_KEY + snapshot.attemptId,
        JSON.stringify({ section: open.key, index }),
      );
    }
  }

  next(): void {
    this.goto(this.index + 1);
  }

  previous(): void {
    this.goto(this.index - 1);
  }

  private restorePosition(attemptId: string, sectionKey: string): number {
    try {
      const raw = this.deps.storage.getItem(POSITION_KEY + attemptId);
      const pos = raw ? (JSON.parse(raw) as { section?: unknown; index?: unknown }) : null;
      if (pos?.section === sectionKey && typeof pos.index === 'number' && pos.index < this.items.length)
        return pos.index;
    } catch {
      // Position is a convenience; start at the first item.
    }
    return 0;
  }

  // ---- answers and flags ----

  async answer(itemId: string, value: AnswerValue): Promise<void> {
    const local = this.answers[itemId] ?? { value: null, doubtful: false };
    this.answers[itemId] = { ...local, value };
    for (const changes of this.changesWhileApplying) changes.push({ itemId, change: { value } });
    await this.enqueue({ kind: 'answer', itemId, value });
  }

  async toggleFlag(itemId: string): Promise<void> {
    const local = this.answers[itemId] ?? { value: null, doubtful: false };
    const doubtful = !local.doubtful;
    this.answers[itemId] = { ...local, doubtful };
    for (const changes of this.changesWhileApplying) changes.push({ itemId, change: { doubtful } });
    await this.enqueue({ kind: 'flag', itemId, doubtful });
  }

  private async enqueue(
    change:
      | { kind: 'answer'; itemId: string; value: AnswerValue }
      | { kind: 'flag'; itemId: string; doubtful: boolean },
  ): Promise<void> {
    const attemptId = this.snapshot?.attemptId;
    if (!attemptId) return;
    const seq = await this.deps.outbox.nextSeq(attemptId, this.maxServerSeq);
    const entry: OutboxEntry = { attemptId, seq, at: this.now(), ...change };
    await this.deps.outbox.put(entry);
    this.pendingCount = (await this.deps.outbox.pending(attemptId)).length;
    this.saveStates[change.itemId] = this.connection === 'online' ? 'saving' : 'waiting';
    // One flush at a time keeps sends in seq order; a flush already running picks this entry up.
    await this.flush();
  }

  /** Send everything in the outbox, oldest first; stops at the first entry the network does not carry. */
  flush(): Promise<void> {
    return this.answerSender.run();
  }

  private async drain(): Promise<void> {
    const attemptId = this.snapshot?.attemptId;
    if (!attemptId) return;
    for (;;) {
      const pending = await this.deps.outbox.pending(attemptId);
      this.pendingCount = pending.length;
      const entry = pending[0];
      if (!entry) return;
      if (this.connection !== 'online') {
        this.markQueuedAsWaiting();
        return;
      }
      this.saveStates[entry.itemId] = 'saving';
      const reply =
        entry.kind === 'answer'
          ? await this.emit<{ itemId: string; seq: number; duplicate: boolean }>('answer', {
              itemId: entry.itemId,
              value: entry.value ?? null,
              seq: entry.seq,
            })
          : await this.emit<{ itemId: string; seq: number; duplicate: boolean }>('flag', {
              itemId: entry.itemId,
              doubtful: entry.doubtful ?? false,
              seq: entry.seq,
            });
      if (reply === null) {
        this.markQueuedAsWaiting();
        return;
      }
      const settled = settle(reply as AnswerAck);
      if (settled === 'retry') {
        this.markQueuedAsWaiting();
        return;
      }
      await this.deps.outbox.ack(attemptId, entry.kind, entry.itemId, entry.seq);
      const stillPending = (await this.deps.outbox.pending(attemptId)).some((e) => e.itemId === entry.itemId);
      if (!stillPending) this.saveStates[entry.itemId] = settled;
    }
  }

  private markQueuedAsWaiting(): void {
    for (const [itemId, state] of Object.entries(this.saveStates)) {
      if (state === 'saving') this.saveStates[itemId] = 'waiting';
    }
  }

  // ---- signals ----

  /**
   * Records a signal the proctor must see. It is queued first and sent when the socket carries it,
   * so one raised while the cable is out arrives after reconnecting, stamped with when it happened.
   */
  signal(kind: ClientSignalKind): void {
    const queue = this.signalQueue();
    if (!queue) return;
    this.signalRecorded = kind;
    const queued = queue.push(kind, this.clock.now(this.now()));
    if (kind === 'page_hidden') this.hidden = { signalId: queued.id, since: this.now() };
    void this.flushSignals();
  }

  /**
   * The page is visible again. When its page_hidden signal has not left yet (no connection), it
   * carries how long the page was hidden; one already delivered stays as it was sent.
   */
  pageShown(): void {
    const hidden = this.hidden;
    this.hidden = null;
    const queue = this.signalQueue();
    if (!hidden || !queue || this.signalInFlight === hidden.signalId) return;
    queue.setDuration(hidden.signalId, this.now() - hidden.since);
  }

  /** Signals not yet acknowledged by the server, oldest first. */
  get queuedSignals() {
    return this.signalQueue()?.pending() ?? [];
  }

  private signalQueue(): SignalQueue | null {
    const attemptId = this.snapshot?.attemptId ?? this.auth?.attempt.attemptId;
    return attemptId ? new SignalQueue(this.deps.storage, attemptId) : null;
  }

  /** Sends queued signals one at a time, oldest first; stops at the first the network does not carry. */
  flushSignals(): Promise<void> {
    return this.signalSender.run();
  }

  private async drainSignals(): Promise<void> {
    const queue = this.signalQueue();
    if (!queue) return;
    for (;;) {
      const next = queue.pending()[0];
      if (!next || this.connection !== 'online') return;
      this.signalInFlight = next.id;
      const reply = await this.emit('client:signal', signalPayload(next));
      this.signalInFlight = null;
      if (reply === null || (!reply.ok && SIGNAL_RETRY.has(reply.error.code))) return;
      queue.remove(next.id);
    }
  }

  dismissSignal(): void {
    this.signalRecorded = null;
  }
}

/**
 * Sends a queue one pass at a time: a call while a pass runs shares it and asks for one more, so
 * sends stay in order and what was queued meanwhile is picked up.
 */
class SerialDrain {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly drain: () => Promise<void>,
    private readonly online: () => boolean,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && this.online());
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}

/** What an acknowledgement means for the outbox entry. */
function settle(reply: AnswerAck): 'saved' | 'refused' | 'retry' {
  if (reply.ok) return 'saved';
  // The server holds something newer: this one is superseded, nothing is lost.
  if (reply.error.code === 'STALE_SEQUENCE') return 'saved';
  if (FINAL_REFUSALS.has(reply.error.code)) return 'refused';
  return 'retry';
}

export function openExamSocket(
  io: (uri: string, opts: object) => ExamSocket,
): (auth: { accessToken: string; deviceId: string }) => ExamSocket {
  return (auth) => io(EXAM_NAMESPACE, { auth, autoConnect: false, reconnectionDelayMax: 5_000 });
}
