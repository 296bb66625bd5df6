// Participant login: NIP + access code (kartu peserta) + the room's token + a device id become an
// access token for one attempt on one device. Every refusal has a stable code.
import { timingSafeEqual } from 'node:crypto';
import { LOGIN_PER_NIP_PER_MINUTE, type ErrorCode, type ParticipantLoginResponse } from '@petakom/protocol';
import type { ServerContext } from '../context.ts';
import { ExamRepository, type LoginRegistration, type SessionRow } from '../exam/exam.repository.ts';
import { ensureSessionPrepared } from '../exam/prepare-once.ts';
import type { Live } from '../realtime/live.ts';
import { RateLimiter } from './rate-limiter.ts';

export type LoginOutcome = ParticipantLoginResponse | { ok: false; code: ErrorCode; message: string };

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase());
  const y = Buffer.from(b.toUpperCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

// Building an Intl.DateTimeFormat costs more than a login's own date arithmetic: keep one per zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}

const refuse = (code: ErrorCode, message: string): LoginOutcome => ({ ok: false, code, message });

export class ParticipantLoginService {
  private readonly repo: ExamRepository;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly ctx: ServerContext,
    private readonly live: Live,
  ) {
    this.repo = new ExamRepository(ctx.db);
    this.limiter = new RateLimiter(ctx.redis, (name) => ctx.store.keys.rate(name));
  }

  async login(
    input: { nip: string; accessCode: string; roomToken: string; deviceId: string },
    ip: string,
  ): Promise<LoginOutcome> {
    const { ctx } = this;
    if (
      !(await this.limiter.hitAll(
        [
          { name: `login:ip:${ip}`, limit: ctx.config.LOGIN_PER_IP_PER_MINUTE },
          { name: `login:nip:${input.nip}`, limit: LOGIN_PER_NIP_PER_MINUTE },
        ],
        60_000,
      ))
    ) {
      return refuse('RATE_LIMITED', 'too many login attempts; wait a minute');
    }

    const ofNip = await this.repo.registrationsByNip(input.nip);
    const registrations = ofNip.filter((r) => sameCode(r.accessCode, input.accessCode));
    if (registrations.length === 0) {
      await this.failed(ofNip, 'INVALID_CREDENTIALS', ip).catch(this.reportFailed);
      return refuse('INVALID_CREDENTIALS', 'NIP or access code is wrong');
    }

    const now = new Date();
    const today = localDate(now, ctx.config.PETAKOM_TZ);
    const roomOf = async (sessionId: string) =>
      ctx.roomTokens.matches(sessionId, input.roomToken, now.getTime());
    // The token is looked for in the participant's own sessions of today first (one, normally);
    // only when it is none of theirs are the other rooms of the day searched, to tell a participant
    // in the wrong room (NOT_REGISTERED) from a wrong token.
    const mine = registrations.filter((r) => r.session.date === today && r.session.status !== 'cancelled');
    let session: SessionRow | undefined;
    for (const r of mine) {
      if (await roomOf(r.sessionId)) {
        session = r.session;
        break;
      }
    }
    if (!session) {
      const mineIds = new Set(mine.map((r) => r.sessionId));
      for (const s of await this.repo.sessionsOn(today)) {
        if (!mineIds.has(s.id) && (await roomOf(s.id))) {
          session = s;
          break;
        }
      }
    }
    if (!session) {
      await this.failed(ofNip, 'ROOM_TOKEN_INVALID', ip).catch(this.reportFailed);
      return refuse('ROOM_TOKEN_INVALID', 'the room token is not valid (it may have rotated)');
    }
    const opensAt = session.startsAt.getTime() - ctx.config.LOGIN_OPENS_BEFORE_SEC * 1000;
    if (
      !['scheduled', 'open'].includes(session.status) ||
      now.getTime() < opensAt ||
      now.getTime() >= session.endsAt.getTime()
    ) {
      return refuse('SESSION_NOT_OPEN', 'the session is not open now');
    }
    const sessionId = session.id;
    const registration = registrations.find((r) => r.sessionId === sessionId);
    if (!registration) return refuse('NOT_REGISTERED', 'you are not registered in this room and session');

    // Normally prepared ahead by the scheduler (its id read with the registration), and the device
    // claim alone tells the attempt's status: one round trip. Otherwise (a late registration, a crowd
    // arriving before the scheduler ran) one process prepares the session on the spot while the rest
    // wait, and the claim follows.
    let attemptId = registration.attemptId;
    let claim = attemptId ? await ctx.store.claimDevice(attemptId, input.deviceId) : null;
    if (!attemptId || !claim || (!claim.ok && claim.code === 'NOT_FOUND')) {
      // A session whose live state was archived (long over, then moved back into today) is never
      // prepared again: its finished attempts would come back fresh.
      if (await this.repo.isArchived(session.id))
        return refuse('SESSION_NOT_OPEN', 'the session is over and archived');
      const loadAttempt = async () => {
        const id = (await this.repo.attemptOfRegistration(registration.registrationId))?.id;
        return id && (await ctx.store.readSeat(id)) ? id : null;
      };
      attemptId = await ensureSessionPrepared(ctx, session.id, loadAttempt);
      if (!attemptId) return refuse('ATTEMPT_NOT_PREPARED', 'the attempt could not be prepared');
      claim = await ctx.store.claimDevice(attemptId, input.deviceId);
    }
    if (!claim.ok) {
      if (claim.code === 'DEVICE_LOCKED') {
        const detail = { deviceId: input.deviceId, ip };
        const at = await ctx.store.recordIncident(attemptId, 'device_rejected', detail);
        this.live.incident({
          sessionId: session.id,
          attemptId,
          kind: 'device_rejected',
          at,
          detail,
        });
        return refuse('DEVICE_LOCKED', 'this attempt is in use on another device; ask the proctor');
      }
      if (claim.code === 'NOT_FOUND')
        return refuse('ATTEMPT_NOT_PREPARED', 'the attempt could not be prepared');
      return refuse('ATTEMPT_FINISHED', 'this attempt is already finished');
    }
    // After a proctor moved the seat to this device, the old device's open sockets are closed (only
    // then: a broadcast to every server process on each login of a storm costs them all).
    if (claim.handover) this.live.kickOtherDevices(attemptId, input.deviceId);
    const { token, expiresAt } = await ctx.tokens.signParticipant({
      attemptId,
      participantId: registration.participantId,
      sessionId: session.id,
      deviceId: input.deviceId,
    });
    return {
      ok: true,
      accessToken: token,
      expiresAt,
      attempt: {
        attemptId,
        sessionId: session.id,
        participantName: registration.fullName,
        nip: registration.nip,
        position: registration.position,
        unit: registration.unit,
        seatNo: registration.seatNo,
        roomName: session.roomName,
        status: claim.status,
      },
    };
  }

  /** A refusal stays a refusal even when telling the proctor about it failed. */
  private readonly reportFailed = (err: unknown) => this.ctx.log.warn({ err }, 'failed logins not reported');

  /**
   * Counts a wrong access code or room token for a NIP registered somewhere; the failure that reaches
   * the threshold within the window raises one `failed_logins` incident in the room of each of the
   * NIP's sessions today, through the same path as every other incident. The codes tried are never
   * recorded: a proctor needs to know someone is struggling (or guessing), not what was typed.
   */
  private async failed(
    ofNip: readonly LoginRegistration[],
    reason: 'INVALID_CREDENTIALS' | 'ROOM_TOKEN_INVALID',
    ip: string,
  ): Promise<void> {
    const { ctx } = this;
    // Only a NIP registered somewhere has a room to tell; strangers are left to the rate limits.
    const nip = ofNip[0]?.nip;
    if (nip === undefined) return;
    const windowMs = ctx.config.FAILED_LOGIN_WINDOW_SEC * 1000;
    const key = ctx.store.keys.rate(`login:failed:${nip}`);
    const [[, count]] = (await ctx.redis.multi().incr(key).pexpire(key, windowMs, 'NX').exec()) as [
      [Error | null, number],
      [Error | null, number],
    ];
    if (count !== ctx.config.FAILED_LOGIN_THRESHOLD) return;
    const now = new Date();
    const today = await this.repo.sessionsOn(localDate(now, ctx.config.PETAKOM_TZ));
    const current = new Set(today.filter((s) => s.endsAt.getTime() > now.getTime()).map((s) => s.id));
    for (const registration of ofNip) {
      if (!current.has(registration.sessionId)) continue;
      const attempt = await this.repo.attemptOfRegistration(registration.registrationId);
      if (!attempt) {
        ctx.log.warn({ sessionId: registration.sessionId }, 'failed logins on a seat not prepared yet');
        continue;
      }
      const detail = {
        failures: count,
        windowSec: ctx.config.FAILED_LOGIN_WINDOW_SEC,
        lastReason: reason,
        ip,
      };
      const at = await ctx.store.recordIncident(attempt.id, 'failed_logins', detail);
      this.live.incident({
        sessionId: registration.sessionId,
        attemptId: attempt.id,
        kind: 'failed_logins',
        at,
        detail,
      });
    }
  }
}
