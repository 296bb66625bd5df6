import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  HTTP_STATUS,
  answerPayloadSchema,
  examEventSchemas,
  participantLoginRequestSchema,
} from './index.ts';

describe('protocol schemas', () => {
  it('accepts a well-formed answer and refuses unknown keys, wrong types and oversized values', () => {
    expect(answerPayloadSchema.safeParse({ itemId: 'i1', value: 'A', seq: 1 }).success).toBe(true);
    expect(answerPayloadSchema.safeParse({ itemId: 'i1', value: null, seq: 2 }).success).toBe(true);
    expect(answerPayloadSchema.safeParse({ itemId: 'i1', value: 'A', seq: 1, extra: 1 }).success).toBe(false);
    expect(answerPayloadSchema.safeParse({ itemId: 'i1', value: 'A', seq: '1' }).success).toBe(false);
    expect(answerPayloadSchema.safeParse({ itemId: 'i1', value: 'x'.repeat(65), seq: 1 }).success).toBe(
      false,
    );
    expect(answerPayloadSchema.safeParse({ itemId: 'i1', value: 1.5, seq: 1 }).success).toBe(false);
    expect(answerPayloadSchema.safeParse({ itemId: 'i1', value: 'A', seq: 0 }).success).toBe(false);
  });

  it('normalises the room token to upper case and checks the NIP shape', () => {
    const parsed = participantLoginRequestSchema.parse({
      nip: '199001012015031001',
      accessCode: 'AB12CD',
      roomToken: 'k7m2pq',
      deviceId: 'device-123456',
    });
    expect(parsed.roomToken).toBe('K7M2PQ');
    expect(
      participantLoginRequestSchema.safeParse({
        nip: '1990',
        accessCode: 'AB12CD',
        roomToken: 'K7M2PQ',
        deviceId: 'device-123456',
      }).success,
    ).toBe(false);
  });

  it('gives every error code an HTTP status and every exam event a schema', () => {
    for (const code of ERROR_CODES) expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
    expect(Object.keys(examEventSchemas)).toContain('answer');
  });
});
