// The participant results calls: the results login (NIP, access code, birth date → a `results`
// token kept only in memory), the published result, and the report PDF fetched with that token.
import {
  participantResultResponseSchema,
  resultsLoginResponseSchema,
  type ParticipantResult,
  type ResultsLoginRequest,
  type ResultsLoginResponse,
} from '@petakom/protocol';

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string };

async function failure(res: Response): Promise<{ ok: false; code: string }> {
  try {
    const body = (await res.json()) as { error?: { code?: string } };
    return { ok: false, code: body.error?.code ?? 'INTERNAL' };
  } catch {
    return { ok: false, code: res.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL' };
  }
}

export async function resultsLogin(input: ResultsLoginRequest): Promise<Outcome<ResultsLoginResponse>> {
  try {
    const res = await fetch('/api/v1/participant/results-session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    if (!res.ok) return failure(res);
    return { ok: true, value: resultsLoginResponseSchema.parse(await res.json()) };
  } catch {
    return { ok: false, code: 'UNAVAILABLE' };
  }
}

/** The published result; `NOT_PUBLISHED` until the BKD publishes it. */
export async function ownResult(token: string): Promise<Outcome<ParticipantResult>> {
  try {
    const res = await fetch('/api/v1/participant/result', { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return failure(res);
    return { ok: true, value: participantResultResponseSchema.parse(await res.json()).result };
  } catch {
    return { ok: false, code: 'UNAVAILABLE' };
  }
}

/** The full individual report of the published version, as a PDF blob. */
export async function ownReport(token: string): Promise<Outcome<Blob>> {
  try {
    const res = await fetch('/api/v1/participant/result.pdf', {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) return failure(res);
    return { ok: true, value: await res.blob() };
  } catch {
    return { ok: false, code: 'UNAVAILABLE' };
  }
}
