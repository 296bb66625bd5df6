import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const api = process.env.PETAKOM_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  build: {
    rollupOptions: {
      // The protocol package is pure declarations (zod schemas, constants): a page pulls in only the
      // modules it uses, so /ujian does not carry the admin and proctor DTOs as they grow.
      treeshake: { moduleSideEffects: (id) => !id.includes('/packages/protocol/') },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/health': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
