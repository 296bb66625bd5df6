import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A static SPA: the server (or nginx) serves index.html for every unknown path.
    adapter: adapter({ fallback: 'index.html' }),
  },
};

export default config;
