/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves web/dist under a strict Content-Security-Policy
// (script-src 'self'; style-src 'self'), so the build must emit no inline script or style:
// the module-preload polyfill (an inline script) is turned off, and CSS is always a file.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    // The US county shapes (us-atlas, ~840 kB) are one lazily loaded chunk on purpose.
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` proxies the API to a locally running `scij serve` (default port 8080).
    proxy: {
      '/api': {
        target: process.env.SCIJ_API_URL ?? 'http://127.0.0.1:8080',
        changeOrigin: false,
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
