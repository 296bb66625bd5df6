// The web app is a static SPA: everything renders in the browser and talks to /api and /socket.io.
export const ssr = false;
export const prerender = false;
