import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'exam-store',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
