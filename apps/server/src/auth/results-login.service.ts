// The results login: NIP + access code (kartu peserta) + birth date give a token of scope `results`,
// so a participant reaches their own published result weeks after the exam, without a room token.
// Limited per IP and per NIP with the same Redis counters as the exam login.
import { timingSafeEqual } from 'node:crypto';
import {
  LOGIN_PER_NIP_PER_MINUTE,
  RESULTS_TOKEN_TTL_SEC,
  type ErrorCode,
  type ResultsLoginResponse,
} from '@petakom/protocol';
import type { ServerContext } from '../context.ts';
import { RateLimiter } from './rate-limiter.ts';

export type ResultsLoginOutcome = ResultsLoginResponse | { ok: false; code: ErrorCode; message: string };

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase());
  const y = Buffer.from(b.toUpperCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

// One message for every wrong field: which one was wrong is not told to a guesser.
const WRONG = 'NIP, access code or birth date is wrong';

export class ResultsLoginService {
  private readonly limiter: RateLimiter;

  constructor(private readonly ctx: ServerContext) {
    this.limiter = new RateLimiter(ctx.redis, (name) => ctx.store.keys.rate(name));
  }

  /** `birthDate` is already normalised to YYYY-MM-DD by the request schema. */
  async login(
    input: { nip: string; accessCode: string; birthDate: string },
    ip: string,
  ): Promise<ResultsLoginOutcome> {
    const { ctx } = this;
    if (
      !(await this.limiter.hitAll(
        [
          { name: `results-login:ip:${ip}`, limit: ctx.config.LOGIN_PER_IP_PER_MINUTE },
          { name: `results-login:nip:${input.nip}`, limit: LOGIN_PER_NIP_PER_MINUTE },
        ],
        60_000,
      ))
    ) {
      return { ok: false, code: 'RATE_LIMITED', message: 'too many login attempts; wait a minute' };
    }
    // Any registration's code opens the door: a rescheduled or older campaign's card is still theirs.
    const rows = await ctx.db
      .selectFrom('participants as p')
      .innerJoin('registrations as r', 'r.participant_id', 'p.id')
      .select(['p.id', 'p.full_name', 'p.nip', 'p.birth_date', 'r.access_code'])
      .where('p.nip', '=', input.nip)
      .execute();
    const match = rows.find(
      (r) =>
        sameText(r.access_code, input.accessCode) && sameText(r.birth_date.slice(0, 10), input.birthDate),
    );
    if (!match) return { ok: false, code: 'INVALID_CREDENTIALS', message: WRONG };
    const { token, expiresAt } = await ctx.tokens.signResults(
      { participantId: match.id },
      RESULTS_TOKEN_TTL_SEC,
    );
    return {
      ok: true,
      accessToken: token,
      expiresAt,
      participant: { fullName: match.full_name, nip: match.nip },
    };
  }
}
