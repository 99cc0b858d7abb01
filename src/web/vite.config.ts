// Builds the console into dist/web, which `tributary serve` serves at /. In development (`npx vite --config
// src/web/vite.config.ts`) API calls are proxied to a server on TRIBUTARY_DEV_API (default localhost:8080).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.TRIBUTARY_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/admin/api': api, '/api': api, '/auth': api },
  },
});
