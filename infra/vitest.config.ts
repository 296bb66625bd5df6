import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'infra',
    include: ['test/**/*.test.ts'],
    // initdb and pg_ctl for a project-local cluster take seconds on a shared machine.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
