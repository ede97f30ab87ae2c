import { defineConfig } from 'vite';

// The dashboard is built once at install time (npm's prepare hook) into web/dist,
// which the server serves; users never run a separate build step.
export default defineConfig({
  root: 'web',
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  logLevel: 'warn',
});
