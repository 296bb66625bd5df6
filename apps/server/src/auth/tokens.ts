// Signed access tokens: participants (one attempt on one device), participants reading their own
// published result (scope `results` only, never an exam socket) and staff (proctor namespace).
// HS256 through node:crypto, synchronously: WebCrypto (jose) sent every sign and verify through the
// libuv threadpool and re-imported the key each time, a cost paid by every socket handshake and resume.
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { z } from 'zod';

export interface ParticipantClaims {
  attemptId: string;
  participantId: string;
  sessionId: string;
  deviceId: string;
}

export interface ResultsClaims {
  participantId: string;
}

export interface StaffClaims {
  staffUserId: string;
  roles: string[];
}

const participantPayload = z.object({
  typ: z.literal('participant'),
  sub: z.string(),
  pid: z.string(),
  sid: z.string(),
  dev: z.string(),
});
// A different `typ`: an exam check (`typ: 'participant'`) refuses it, and it refuses an exam token.
const resultsPayload = z.object({
  typ: z.literal('participant-results'),
  scope: z.literal('results'),
  sub: z.string(),
});
const staffPayload = z.object({ typ: z.literal('staff'), sub: z.string(), roles: z.array(z.string()) });

export type VerifyResult<T> =
  { ok: true; claims: T } | { ok: false; code: 'TOKEN_EXPIRED' | 'UNAUTHENTICATED' };

export class TokenService {
  private readonly signer: (payload: Record<string, unknown>) => string;
  private readonly verifier: (token: string) => unknown;

  constructor(
    secret: string,
    private readonly participantTtlSec: number,
  ) {
    const key = `access:${secret}`;
    this.signer = createSigner({ key, algorithm: 'HS256' });
    this.verifier = createVerifier({ key, algorithms: ['HS256'] });
  }

  private sign(payload: Record<string, unknown>, subject: string, expiresAt: number): string {
    return this.signer({ ...payload, sub: subject, exp: Math.floor(expiresAt / 1000) });
  }

  async signParticipant(claims: ParticipantClaims): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Date.now() + this.participantTtlSec * 1000;
    const token = this.sign(
      { typ: 'participant', pid: claims.participantId, sid: claims.sessionId, dev: claims.deviceId },
      claims.attemptId,
      expiresAt,
    );
    return { token, expiresAt };
  }

  async signResults(claims: ResultsClaims, ttlSec: number): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Date.now() + ttlSec * 1000;
    const token = this.sign(
      { typ: 'participant-results', scope: 'results' },
      claims.participantId,
      expiresAt,
    );
    return { token, expiresAt };
  }

  async signStaff(claims: StaffClaims, ttlSec = 12 * 3600): Promise<string> {
    return this.sign({ typ: 'staff', roles: claims.roles }, claims.staffUserId, Date.now() + ttlSec * 1000);
  }

  private verify(
    token: string,
  ): { ok: true; payload: unknown } | { ok: false; code: 'TOKEN_EXPIRED' | 'UNAUTHENTICATED' } {
    try {
      return { ok: true, payload: this.verifier(token) };
    } catch (error) {
      const expired = error instanceof TokenError && error.code === TokenError.codes.expired;
      return { ok: false, code: expired ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED' };
    }
  }

  async verifyParticipant(token: string): Promise<VerifyResult<ParticipantClaims>> {
    const r = this.verify(token);
    if (!r.ok) return r;
    const p = participantPayload.safeParse(r.payload);
    if (!p.success) return { ok: false, code: 'UNAUTHENTICATED' };
    return {
      ok: true,
      claims: {
        attemptId: p.data.sub,
        participantId: p.data.pid,
        sessionId: p.data.sid,
        deviceId: p.data.dev,
      },
    };
  }

  async verifyResults(token: string): Promise<VerifyResult<ResultsClaims>> {
    const r = this.verify(token);
    if (!r.ok) return r;
    const p = resultsPayload.safeParse(r.payload);
    if (!p.success) return { ok: false, code: 'UNAUTHENTICATED' };
    return { ok: true, claims: { participantId: p.data.sub } };
  }

  async verifyStaff(token: string): Promise<VerifyResult<StaffClaims>> {
    const r = this.verify(token);
    if (!r.ok) return r;
    const p = staffPayload.safeParse(r.payload);
    if (!p.success) return { ok: false, code: 'UNAUTHENTICATED' };
    return { ok: true, claims: { staffUserId: p.data.sub, roles: p.data.roles } };
  }
}
