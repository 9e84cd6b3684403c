import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// In development the API runs separately (pnpm dev); forward its routes so the app stays same-origin.
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const proxy: Record<string, ProxyOptions> = Object.fromEntries(
  ['/trpc', '/api', '/healthz', '/readyz'].map((path) => [path, { target: apiTarget, xfwd: true }]),
);

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { port: 5174, strictPort: true, proxy },
});
