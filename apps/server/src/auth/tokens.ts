// Signed access tokens: participants (one attempt on one device), participants reading their own
// published result (scope `results` only, never an exam socket) and staff (proctor namespace).
import { SignJWT, jwtVerify, errors } from 'jose';
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
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly participantTtlSec: number,
  ) {
    this.key = new TextEncoder().encode(`access:${secret}`);
  }

  async signParticipant(claims: ParticipantClaims): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Date.now() + this.participantTtlSec * 1000;
    const token = await new SignJWT({
      typ: 'participant',
      pid: claims.participantId,
      sid: claims.sessionId,
      dev: claims.deviceId,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.attemptId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async signResults(claims: ResultsClaims, ttlSec: number): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Date.now() + ttlSec * 1000;
    const token = await new SignJWT({ typ: 'participant-results', scope: 'results' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.participantId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async signStaff(claims: StaffClaims, ttlSec = 12 * 3600): Promise<string> {
    return new SignJWT({ typ: 'staff', roles: claims.roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.staffUserId)
      .setIssuedAt()
      .setExpirationTime(`${ttlSec}s`)
      .sign(this.key);
  }

  private async verify(
    token: string,
  ): Promise<{ ok: true; payload: unknown } | { ok: false; code: 'TOKEN_EXPIRED' | 'UNAUTHENTICATED' }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      return { ok: true, payload };
    } catch (error) {
      return { ok: false, code: error instanceof errors.JWTExpired ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED' };
    }
  }

  async verifyParticipant(token: string): Promise<VerifyResult<ParticipantClaims>> {
    const r = await this.verify(token);
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
    const r = await this.verify(token);
    if (!r.ok) return r;
    const p = resultsPayload.safeParse(r.payload);
    if (!p.success) return { ok: false, code: 'UNAUTHENTICATED' };
    return { ok: true, claims: { participantId: p.data.sub } };
  }

  async verifyStaff(token: string): Promise<VerifyResult<StaffClaims>> {
    const r = await this.verify(token);
    if (!r.ok) return r;
    const p = staffPayload.safeParse(r.payload);
    if (!p.success) return { ok: false, code: 'UNAUTHENTICATED' };
    return { ok: true, claims: { staffUserId: p.data.sub, roles: p.data.roles } };
  }
}
