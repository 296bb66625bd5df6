// Client signals (focus lost, fullscreen left, page hidden) waiting for the server. Each is an
// incident the proctor must see, so one raised while the cable is out is kept, in order, in Web
// Storage (a reload keeps it too) and sent after reconnecting.
import type { ClientSignalKind, ClientSignalPayload } from '@petakom/protocol';

export interface QueuedSignal {
  /** Local id, growing; names the entry for `setDuration` and `remove`. */
  id: number;
  kind: ClientSignalKind;
  /** Server ms (by the measured clock offset) when it happened, not when it is sent. */
  at: number;
  durationMs?: number;
}

const KEY = 'petakom.ujian.signals.';
/** A participant who keeps switching windows offline should not fill the storage: keep the newest. */
export const MAX_QUEUED_SIGNALS = 100;
/** The protocol's upper bound for `durationMs`. */
const MAX_DURATION_MS = 86_400_000;

export class SignalQueue {
  private readonly key: string;

  constructor(
    private readonly storage: Storage,
    attemptId: string,
  ) {
    this.key = KEY + attemptId;
  }

  pending(): QueuedSignal[] {
    try {
      const raw = this.storage.getItem(this.key);
      const list = raw ? (JSON.parse(raw) as unknown) : [];
      return Array.isArray(list) ? (list as QueuedSignal[]) : [];
    } catch {
      // A damaged entry cannot be sent anyway.
      return [];
    }
  }

  push(kind: ClientSignalKind, at: number): QueuedSignal {
    const list = this.pending();
    const id = list.reduce((max, s) => Math.max(max, s.id), 0) + 1;
    const signal: QueuedSignal = { id, kind, at: Math.max(0, Math.round(at)) };
    this.save([...list, signal].slice(-MAX_QUEUED_SIGNALS));
    return signal;
  }

  /** Adds how long the page was hidden to a signal still waiting; false once it has gone. */
  setDuration(id: number, durationMs: number): boolean {
    const list = this.pending();
    const signal = list.find((s) => s.id === id);
    if (!signal) return false;
    signal.durationMs = Math.min(MAX_DURATION_MS, Math.max(0, Math.round(durationMs)));
    this.save(list);
    return true;
  }

  remove(id: number): void {
    this.save(this.pending().filter((s) => s.id !== id));
  }

  clear(): void {
    this.storage.removeItem(this.key);
  }

  private save(list: QueuedSignal[]): void {
    if (list.length === 0) this.storage.removeItem(this.key);
    else this.storage.setItem(this.key, JSON.stringify(list));
  }
}

/** The `client:signal` payload of a queued signal. */
export function signalPayload(signal: QueuedSignal): ClientSignalPayload {
  return signal.durationMs === undefined
    ? { kind: signal.kind, at: signal.at }
    : { kind: signal.kind, at: signal.at, durationMs: signal.durationMs };
}
