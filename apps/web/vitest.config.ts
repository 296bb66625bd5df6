import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject } from 'vitest/config';

export default defineProject({
  // Compiles runes in *.svelte.ts state classes so their specs run in node.
  plugins: [svelte()],
  test: {
    name: 'web',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
});
