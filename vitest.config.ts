import { defineConfig } from 'vitest/config';

// One command runs every package's tests: each workspace member is a vitest project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'loadtests', 'infra', 'tests/*'],
  },
});
