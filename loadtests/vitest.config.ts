import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const shims = fileURLToPath(new URL('./test/k6-shim/', import.meta.url));

export default defineProject({
  // The k6 scenarios import k6's modules; under vitest they get the stand-ins of test/k6-shim.
  resolve: {
    alias: [
      { find: /^k6$/, replacement: `${shims}k6.ts` },
      { find: /^k6\/(http|websockets|timers|metrics|data|execution)$/, replacement: `${shims}$1.ts` },
    ],
  },
  test: {
    name: 'loadtests',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
