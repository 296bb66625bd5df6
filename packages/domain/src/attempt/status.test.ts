import { describe, expect, it } from 'vitest';
import { ATTEMPT_STATUSES, isClosedAttemptStatus } from './status.ts';

describe('attempt status', () => {
  it('counts the three ways an attempt ends as closed, and nothing else', () => {
    expect(ATTEMPT_STATUSES.filter(isClosedAttemptStatus)).toEqual([
      'finished',
      'timed_out',
      'force_finished',
    ]);
  });

  it('does not take an unknown, missing or differently spelled status for closed', () => {
    for (const status of ['prepared', 'in_progress', 'Finished', 'closed', '', null, undefined])
      expect(isClosedAttemptStatus(status)).toBe(false);
  });
});
