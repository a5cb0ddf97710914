import { defineConfig } from 'vitest/config';

// The dashboard is built into the server's classpath (target/classes/static), so the jar serves it
// at `/` and the README's two commands need nothing else. `npm run dev` serves it on :5173 and
// proxies the API and the streams to a hub on :8080.
export default defineConfig({
  base: '/',
  build: {
    outDir: '../../../target/classes/static',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
