// Access tokens: what the exam socket, the results page and the staff routes accept and refuse.
import { describe, expect, it, vi, afterEach } from 'vitest';
import { TokenService } from '../src/auth/tokens.ts';

const claims = { attemptId: 'a-1', participantId: 'p-1', sessionId: 's-1', deviceId: 'd-1' };

describe('TokenService', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives back the claims it signed, each to its own kind of check only', async () => {
    const tokens = new TokenService('secret-of-at-least-32-characters-long', 3600);
    const { token, expiresAt } = await tokens.signParticipant(claims);
    expect(expiresAt).toBeGreaterThan(Date.now() + 3_590_000);
    expect(await tokens.verifyParticipant(token)).toEqual({ ok: true, claims });
    expect(await tokens.verifyStaff(token)).toEqual({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await tokens.verifyResults(token)).toEqual({ ok: false, code: 'UNAUTHENTICATED' });

    const results = await tokens.signResults({ participantId: 'p-1' }, 60);
    expect(await tokens.verifyResults(results.token)).toEqual({ ok: true, claims: { participantId: 'p-1' } });
    expect(await tokens.verifyParticipant(results.token)).toEqual({ ok: false, code: 'UNAUTHENTICATED' });

    const staff = await tokens.signStaff({ staffUserId: 'u-1', roles: ['proctor'] });
    expect(await tokens.verifyStaff(staff)).toEqual({
      ok: true,
      claims: { staffUserId: 'u-1', roles: ['proctor'] },
    });
  });

  it('refuses a token signed with another secret, altered, or not a token at all', async () => {
    const ours = new TokenService('secret-of-at-least-32-characters-long', 3600);
    const theirs = new TokenService('another-secret-of-32-characters-or-more', 3600);
    const { token } = await theirs.signParticipant(claims);
    expect(await ours.verifyParticipant(token)).toEqual({ ok: false, code: 'UNAUTHENTICATED' });

    const own = (await ours.signParticipant(claims)).token;
    const [head, body, sig] = own.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), sub: 'a-2' }),
    ).toString('base64url');
    expect(await ours.verifyParticipant(`${head}.${forged}.${sig}`)).toEqual({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await ours.verifyParticipant(`${none}.${body}.`)).toEqual({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await ours.verifyParticipant('not-a-token')).toEqual({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('says TOKEN_EXPIRED once the lifetime has passed, so the client logs in again', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-05T01:00:00Z'), toFake: ['Date'] });
    const tokens = new TokenService('secret-of-at-least-32-characters-long', 60);
    const { token } = await tokens.signParticipant(claims);
    vi.setSystemTime(new Date('2026-12-05T01:00:59Z'));
    expect((await tokens.verifyParticipant(token)).ok).toBe(true);
    vi.setSystemTime(new Date('2026-12-05T01:01:01Z'));
    expect(await tokens.verifyParticipant(token)).toEqual({ ok: false, code: 'TOKEN_EXPIRED' });
  });
});
