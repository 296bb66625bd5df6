import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'loadtests',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
