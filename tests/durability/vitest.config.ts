import { defineProject } from 'vitest/config';

// Real processes, a test-owned redis-server and a 30 s Postgres outage, with room for the outage
// inside a test.
export default defineProject({
  test: {
    name: 'durability',
    include: ['**/*.test.ts'],
    // One file at a time: each starts its own processes on a shared two-core machine.
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
