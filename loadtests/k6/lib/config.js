// Settings shared by the k6 scenarios, read from the environment (`k6 run -e NAME=value`).
/* global __ENV -- a k6 global */
import { SharedArray } from 'k6/data';

export const BASE_URL = __ENV.BASE_URL ?? 'http://127.0.0.1:3000';
/** Pace of one participant (the harness: one answer per 20 s). */
export const ANSWER_INTERVAL_MS = Number(__ENV.ANSWER_INTERVAL_MS ?? 20000);
/** Give each participant its own X-Forwarded-For (only where the server trusts the load balancer). */
export const SPREAD_XFF = (__ENV.SPREAD_XFF ?? 'false') === 'true';

/**
 * Participants: a JSON array of {nip, accessCode, roomToken} (loadtests/README.md says how to make it).
 * @type {{ nip: string, accessCode: string, roomToken: string }[]}
 */
export const participants = new SharedArray('participants', () =>
  JSON.parse(open(__ENV.PARTICIPANTS ?? './data/participants.json')),
);

/** @param {number} n */
export function clientIp(n) {
  return `10.${Math.floor(n / 62500)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}
