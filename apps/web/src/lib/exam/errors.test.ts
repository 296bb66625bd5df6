import { describe, expect, it } from 'vitest';
import { handshakeErrorCode } from './errors.ts';

describe('handshake errors', () => {
  it('reads the code from the error data or the message', () => {
    expect(handshakeErrorCode(Object.assign(new Error('x'), { data: { code: 'DEVICE_LOCKED' } }))).toBe(
      'DEVICE_LOCKED',
    );
    expect(
      handshakeErrorCode(Object.assign(new Error('x'), { data: { error: { code: 'TOKEN_EXPIRED' } } })),
    ).toBe('TOKEN_EXPIRED');
    expect(handshakeErrorCode(new Error('UNAUTHENTICATED'))).toBe('UNAUTHENTICATED');
  });

  it('treats a network failure as no code at all', () => {
    expect(handshakeErrorCode(new Error('xhr poll error'))).toBeNull();
  });
});
